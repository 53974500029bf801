"""Spans a Danish news sentence can lose without changing what it claims.

A lead or a headline is shorter than the body sentence it comes from. Two kinds of words can go
from a lead without touching the claim, its source or a quote (`removable_spans`):

* a parenthetical aside of four characters or more: "(arkivfoto)", "(se grafik)", "(på billedet)";
  a party letter such as "(S)" stays,
* the medium after a verb of saying: "oplyser politiet til Ritzau" → "oplyser politiet".

A headline also loses its time adverbials ("i dag", "mandag aften": `drop_time_adverbials`), as
Danish headlines do; a lead keeps them, since "lukket i weekenden" is not "lukket".

Attributions (", siger X", "ifølge X"), conditions (", hvis ...") and relative clauses stay: leaving
them out would change who says it or what is claimed. Nothing inside quotation marks or in a
dash-led quote is touched: a quote is never edited.

>>> drop_time_adverbials("Regeringen fremlægger mandag aften sin plan for skatten.")
'Regeringen fremlægger sin plan for skatten.'
>>> drop_time_adverbials("Reglerne gælder fra i dag.")
'Reglerne gælder fra i dag.'
>>> removable_spans("Skolen lukker (se kort) i sommerferien, oplyser kommunen til Ritzau.")
[(13, 23), (56, 67)]
>>> removable_spans("Skolen lukker i dag.")
[]
"""

from __future__ import annotations

import re

from summarizer.danish import PARTS_OF_DAY, SAYING, WEEKDAY, wordset

#: A time adverbial after a word ("fremlægger mandag aften sin plan"), never at the start of the sentence.
MID_TIME = re.compile(
    rf"(?<=\w)\s+(?:i\s+(?:dag|går|aften|aftes|morgen|morges|nat|weekenden|eftermiddag|formiddag)"
    rf"|(?:på\s+)?(?:{WEEKDAY})(?:\s+(?:{PARTS_OF_DAY}))?"
    rf"|tidligere\s+i\s+dag|i\s+løbet\s+af\s+(?:dagen|natten|ugen))(?=[\s,.!?;:]|$)",
    re.IGNORECASE,
)
#: "(arkivfoto)", "(se grafik)": four characters or more, so "(S)", "(V)" and "(K)" stay.
PARENTHETICAL = re.compile(r"\s*\([^()»«\"“”]{4,120}\)")
#: Danish and international media a source speaks "til"; TV 2 and DR with their regional or channel names.
MEDIA = (
    r"(?:Ritzau|Reuters|AFP|AP|dpa|BBC|CNN|Politiken|Berlingske|Jyllands-Posten|Ekstra\s+Bladet|B\.T|BT|Information"
    r"|Børsen|Weekendavisen|Kristeligt\s+Dagblad|Altinget|Zetland|Avisen\s+Danmark|Fyens\s+Stiftstidende|Nordjyske"
    r"|JydskeVestkysten|Radio4|Radio24syv|P1|P3|P4|avisen|mediet|bladet|radiokanalen|tv-stationen"
    r"|(?:TV\s?2|DR)(?:\s+(?!til\b)[A-ZÆØÅ][\w-]*){0,2})"
)
#: "oplyser politiet til Ritzau" → "oplyser politiet": the medium after a verb of saying (up to six words between).
MEDIUM_AFTER_SAYING = re.compile(rf"\b{SAYING}(?:\s+[\w-]+){{0,6}}?(\s+til\s+{MEDIA})(?=[\s,!?;:]|\.?$|\.\s)")
#: Words an adverbial is bound to: after these ("fra i dag", "næste mandag", "senest fredag", "natten til søndag")
#: or before these ("mandag og tirsdag", "i dag eller i morgen") it is part of a longer phrase, and dropping
#: it alone would leave "Reglerne gælder fra." or "Butikken er lukket og.".
BOUND_BEFORE = wordset(
    """
    på om fra til siden inden før efter indtil næste sidste hver denne hele forrige allerede senest først
    kommende samme med af og eller ved mellem både end natten aftenen morgenen dagen ugen helt
    """
)
BOUND_AFTER = wordset("og eller til frem")
_TIME_HINT = re.compile(rf"\b(?:i\s|{WEEKDAY}|tidligere)", re.IGNORECASE)
_QUOTE_MARKS = re.compile(r"[»«\"“”„]")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.!?;:])")


def is_quote(sentence: str) -> bool:
    """A dash-led quote ("- Vi er klar, siger hun.") or a sentence with quotation marks: not to be edited."""
    return sentence.lstrip()[:1] in "-–—" or bool(_QUOTE_MARKS.search(sentence))


def removable_spans(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of every span of `sentence` a lead can lose (none in a quote), in text order."""
    if is_quote(sentence):
        return []
    # Cheap tests first: most sentences have none of the three, and this runs on every body sentence.
    spans = [m.span() for m in PARENTHETICAL.finditer(sentence)] if "(" in sentence else []
    if " til " in sentence:
        spans += [m.span(1) for m in MEDIUM_AFTER_SAYING.finditer(sentence)]
    return sorted(set(spans))


def without(sentence: str, span: tuple[int, int]) -> str:
    """`sentence` with `span` cut out and the spacing before punctuation mended."""
    start, end = span
    glue = " " if sentence[end : end + 1].isalnum() and sentence[start - 1 : start].isalnum() else ""
    return _SPACE_BEFORE_PUNCT.sub(r"\1", sentence[:start] + glue + sentence[end:]).strip()


def word_before(text: str, at: int) -> str:
    """The whitespace-separated word that ends before `at` ("" at the start): ``text[:at].split()[-1]``, found by
    looking back only over that word, since copying the text before each of many matches is quadratic."""
    end = at
    while end > 0 and text[end - 1].isspace():
        end -= 1
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


def word_after(text: str, at: int) -> str:
    """The whitespace-separated word that starts at or after `at` ("" at the end): ``text[at:].split()[0]``."""
    start = at
    while start < len(text) and text[start].isspace():
        start += 1
    end = start
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end]


def drop_time_adverbials(sentence: str) -> str:
    """`sentence` without its time adverbials (headline style); a quote is left as it is."""
    if is_quote(sentence) or not _TIME_HINT.search(sentence):
        return sentence

    def drop(m: re.Match[str]) -> str:
        before, after = word_before(sentence, m.start()), word_after(sentence, m.end())
        if before.lower() in BOUND_BEFORE or after.lower() in BOUND_AFTER:
            return m.group(0)
        return ""

    return _SPACE_BEFORE_PUNCT.sub(r"\1", MID_TIME.sub(drop, sentence)).strip()
