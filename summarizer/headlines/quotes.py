"""Quotes in a headline: "Navn: citat", a dash-led quote, and quote marks that open and close.

A quote is never shortened mid-phrase: a headline that cuts one would put words in the speaker's mouth.

>>> quote_headline("- Vi er altid klar til diplomati, siger Blinken.")
'Blinken: Vi er altid klar til diplomati'
>>> balance_quotes("»Vi står over for et gennembrud for elbiler")
'»Vi står over for et gennembrud for elbiler«'
"""

from __future__ import annotations

import re

from summarizer.danish import PRONOUNS, SAYING
from summarizer.headlines.cuts import WHOLE, cut_how, strip_dangling
from summarizer.headlines.grammar import CAPITALISED, MIN_HEADLINE_WORDS
from summarizer.headlines.word_order import main_clause_first
from summarizer.options import Options
from summarizer.text import paragraphs, split_sentences, words

#: A person's name inside running text ("Mette Lund", "Anders F. Kristensen"), to resolve "siger hun".
NAME_IN_CONTEXT = re.compile(
    r"(?<![.!?]\s)(?<!^)\b([A-ZÆØÅ][a-zæøåé]+(?:\s+[A-ZÆØÅ]\.)?(?:\s+[A-ZÆØÅ][a-zæøåé]+){1,2})\b"
)
GUILLEMETS = re.compile(r"»([^«»]{8,120})«")
#: The speaker of a "Navn: citat" headline ("Møllgaard: ", "Dansk Folkeparti: ").
SPEAKER = re.compile(r"^[A-ZÆØÅ][\w'’.-]*(?:\s+[A-ZÆØÅ][\w'’.-]*){0,3}:\s+")
SPACE = re.compile(r"\s+")
#: ", siger rådmand Anders F. Kristensen (S) til DR." at the end of a dash-led quote paragraph.
ATTRIBUTION = re.compile(rf",\s+{SAYING}\s+([^.!?]*(?:\.\s?[A-ZÆØÅ]\.?\s?[^.!?]*)?)[.!?]?\s*$", re.IGNORECASE)
#: The attribution is looked for only this far from the paragraph's end (DaNewsroom's longest is under 300
#: characters): tried from every ", siger" of a long paragraph, the pattern rescans to the end (quadratic).
ATTRIBUTION_MAX_CHARS = 500
#: Opening mark → its closing mark, as Danish copy uses them (»…«, "…", “…”, and ”…” from Swedish-style keyboards).
QUOTE_PAIRS = {"»": "«", '"': '"', "“": "”", "”": "”"}


def first_quoted_sentence(text: str) -> str:
    """A quote of several sentences becomes its first.

    ``»Det bliver svært. De er favoritter«`` → ``»Det bliver svært``.
    """
    if text[:1] not in QUOTE_PAIRS:
        return text
    sentences = split_sentences(text[1:])
    if len(sentences) > 1 and len(words(sentences[0])) >= MIN_HEADLINE_WORDS:
        return text[0] + sentences[0].rstrip(" .")
    return text


def missing_close(text: str) -> str:
    """The mark that closes a quote `text` opens and does not close ("" when none is open)."""
    if text.count("»") > text.count("«"):
        return "«"
    if text.count('"') % 2:
        return '"'
    if text.count("“") > text.count("”") or (text.count("”") % 2 and "“" not in text):
        return "”"
    return ""


def balance_quotes(headline: str) -> str:
    """Close a quote the cut left open, and drop a parenthesis it left open.

    >>> balance_quotes("»Vi står over for et gennembrud for elbiler")
    '»Vi står over for et gennembrud for elbiler«'
    >>> balance_quotes("Politiet efterlyser en mand (omkring 30 år")
    'Politiet efterlyser en mand'
    >>> balance_quotes("Derfor er det for simpelt at regulere efter CO2,« siger han")
    '»Derfor er det for simpelt at regulere efter CO2«'
    """
    if headline.count("(") > headline.count(")"):
        headline = strip_dangling(headline[: headline.rfind("(")])
    if headline.count("«") > headline.count("»"):
        # The end of a quote that opened in an earlier sentence: the quoted words, marked as a quote.
        quoted = strip_dangling(headline[: headline.find("«")])
        if "»" not in quoted and len(words(quoted)) >= MIN_HEADLINE_WORDS:
            return f"»{quoted}«"
    return headline + missing_close(headline)


def _speaker(attribution_tail: str, context: str) -> str | None:
    """Who speaks in "siger rådmand Anders F. Kristensen (S) til DR" → "Kristensen"; pronouns via `context`.

    A person before "fra" speaks, not the place they are from: "lektor Roger Buch fra Syddansk Universitet"
    → "Buch"; with no name before it, the organisation does: "en talsmand fra Rigspolitiet" → "Rigspolitiet".
    """
    tail = re.sub(r"\([^)]*\)", "", attribution_tail)
    tail = re.split(r"\s+(?:til|i\s+en|på|ifølge|ved|om)\s+", tail)[0]
    person, _, organisation = tail.partition(" fra ")
    if organisation and any(CAPITALISED.match(t) for t in person.replace(",", " ").split()):
        tail = person
    tokens = tail.replace(",", " ").split()
    if not tokens:
        return None
    if tokens[0].lower() in PRONOUNS:
        names = NAME_IN_CONTEXT.findall(context)
        return names[-1].split()[-1] if names else None
    name = [t for t in tokens if CAPITALISED.match(t)]
    if not name:
        return None
    last = name[-1].rstrip(".")
    return last if len(last) > 1 else None


def quote_headline(paragraph: str, context: str = "", limit: int = Options.max_headline_chars) -> str | None:
    """The "Navn: citat" form from a dash-led quote paragraph, or None when there is none.

    >>> quote_headline("- Vi har lovet borgerne mere. Nu betaler vi, siger rådmand Anders F. Kristensen (S).")
    'Kristensen: Vi har lovet borgerne mere'
    """
    text = SPACE.sub(" ", paragraph).strip()
    if not re.match(r"^[-–—]\s", text):
        return None
    m = ATTRIBUTION.search(text, max(0, len(text) - ATTRIBUTION_MAX_CHARS))
    if not m:
        return None
    speaker = _speaker(m.group(1), context)
    if not speaker:
        return None
    quote = re.sub(r"^[-–—]\s+", "", text[: m.start()])
    first = main_clause_first(split_sentences(quote)[0]) if quote else ""
    if first.rstrip().endswith("?") or len(words(first)) < 4:
        return None
    body, how = cut_how(first.rstrip(" ."), limit - len(speaker) - 2)
    if how != WHOLE or len(words(body)) < 3:
        return None  # a quote cut mid-phrase is no longer what the speaker said
    return f"{speaker}: {body}"


def quote_sentences(body: str) -> set[str]:
    """The sentences (as `split_sentences` gives them) of every dash-led quote paragraph: a headline made of one
    is still a quote, whoever says it (`compress_how` marks it)."""
    return {s for para in paragraphs(body) if para.lstrip()[:1] in "-–—" for s in split_sentences(para)}


def guillemet_headline(sentence: str, limit: int = Options.max_headline_chars) -> str | None:
    """ "Navn: citat" from a »quoted« phrase and a named speaker in the same sentence.

    >>> guillemet_headline("Venstres gruppeformand, Mette Lund, kalder planen for »et luftkastel uden finansiering«.")
    'Lund: Et luftkastel uden finansiering'
    """
    m = GUILLEMETS.search(sentence)
    if not m or len(words(m.group(1))) < 3:
        return None
    names = NAME_IN_CONTEXT.findall(" " + sentence[: m.start()])
    if not names:
        return None
    speaker = names[-1].split()[-1]
    quote = m.group(1).strip().rstrip(".")
    quote = quote[:1].upper() + quote[1:]
    body, how = cut_how(quote, limit - len(speaker) - 2)
    return f"{speaker}: {body}" if len(words(body)) >= 3 and how == WHOLE else None


def quote_headlines(body: str, limit: int = Options.max_headline_chars) -> list[str]:
    """Every "Navn: citat" headline the body offers, in text order."""
    out: list[str] = []
    previous = ""
    for para in paragraphs(body):
        h = quote_headline(para, previous, limit)
        if h:
            out.append(h)
        elif "»" in para:
            out += [g for s in split_sentences(para) if (g := guillemet_headline(s, limit))]
        previous = para
    return out
