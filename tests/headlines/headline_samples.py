"""The story the headline tests share: a Danish school-climate story with two dash quotes and a »guillemet«."""

from __future__ import annotations

from summarizer.article import Article

BODY = """Regeringen vil bruge 2 mia. kr. på at gøre de danske skoler grønnere frem mod 2030.

Pengene skal bl.a. gå til solceller på tagene og nye cykelparkeringer ved 400 skoler i hele landet.

- Vi er altid klar til at lytte til eleverne. Nu kommer pengene, siger undervisningsminister Mattias Tesfaye (S).

Kommunernes Landsforening, KL, kalder udspillet for »et skridt i den rigtige retning«.

Formand for Danmarks Lærerforening Gordon Ørskov Madsen er mere forbeholden.

- Det er fint med solceller, men vi mangler lærere i klasselokalerne, siger han.

Forslaget skal forhandles med partierne i Folketinget efter sommerferien."""


def article(body: str = BODY) -> Article:
    return Article(body=body)


def last_word(headline: str) -> str:
    return headline.split()[-1].strip('»«"”').lower()
