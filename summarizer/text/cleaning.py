r"""`clean`: wire copy → plain paragraphs separated by blank lines.

The order matters: characters first (`characters`), then HTML (`markup`), then Unicode NFC, then
line by line the boilerplate (`boilerplate`), then lines joined back into paragraphs.

>>> clean("Regeringen vil bruge 2 mia. kr.\nArtiklen fortsætter under annoncen\n\nPengene kommer fra puljen. /ritzau/")
'Regeringen vil bruge 2 mia. kr.\n\nPengene kommer fra puljen.'
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from summarizer.text.boilerplate import clean_line
from summarizer.text.characters import fix_mojibake, normalise_spaces
from summarizer.text.markup import strip_html


@dataclass
class Cleaned:
    """The result of `clean_report`: the cleaned text and what was done to get it."""

    text: str
    html_removed: bool = False
    mojibake_repaired: bool = False


_TERMINAL = tuple('.!?…:;»«"”’)')


def clean_report(text: str) -> Cleaned:
    """Like `clean`, but also says whether HTML was stripped and mojibake repaired."""
    text, html_removed = strip_html(normalise_spaces(text))
    text, repaired = fix_mojibake(text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = normalise_spaces(text, c1=True)  # HTML entities and ftfy may bring back nbsp & co.
    paras: list[str] = []
    current: list[str] = []
    previous_raw_blank = True
    for raw in text.splitlines():
        if not raw.strip():
            if current:
                paras.append(" ".join(current))
                current = []
            previous_raw_blank = True
            continue
        line = clean_line(" ".join(raw.split()))
        if not line:
            # A dropped boilerplate line still separates what was around it.
            if current:
                paras.append(" ".join(current))
                current = []
            previous_raw_blank = True
            continue
        # A single newline is a paragraph break, except in hard-wrapped text: the line before does not
        # end a sentence and this one goes on in lower case (or the line before ends in a comma).
        if current and not previous_raw_blank:
            before = current[-1]
            if (line[0].islower() and not before.endswith(_TERMINAL)) or before.endswith(","):
                current.append(line)
                continue
            paras.append(" ".join(current))
            current = []
        current.append(line)
        previous_raw_blank = False
    if current:
        paras.append(" ".join(current))
    return Cleaned("\n\n".join(paras), html_removed=html_removed, mojibake_repaired=repaired)


def clean(text: str) -> str:
    """Wire copy → plain paragraphs separated by blank lines.

    Removes ad breaks ("Artiklen fortsætter under annoncen"), source tags ("/ritzau/Reuters"),
    datelines ("- Torsdag den 10. september 2009, 13:11"), "Læs også: …" lines, photo credits,
    HTML tags and entities, and what scraping leaves in web copy (paywall notices, links to related
    stories, "Se med i klippet øverst"); parts sentences and cross-heads glued together by scraping
    ("job.I stedet", "narkobekæmpelsenPå trods af"); repairs mojibake ("mÃ¸des" → "mødes") and
    normalises to NFC and single spaces. Dash-led quotes ("- Vi er altid klar til diplomati.") are kept.
    """
    return clean_report(text).text
