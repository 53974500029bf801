"""A body sentence in headline shape: `compress` runs the other rules in order.

Quote dash, dateline, trailing attribution, long parentheses and time adverbials go, the actor and the main
clause come first (`word_order`), and a sentence still too long is shortened (`shorten`) and cut (`cuts`).

>>> compress("Mandag fremlagde Aarhus Kommune en plan for 38 kilometer nye cykelstier.", 70)
'Aarhus Kommune fremlagde en plan for 38 kilometer nye cykelstier'
>>> compress("- Vi er altid klar til diplomati, siger Blinken.", 70)
'- Vi er altid klar til diplomati'
"""

from __future__ import annotations

import re

from summarizer.danish import SAYING
from summarizer.headlines.cuts import CLAUSE_BREAK, WHOLE, clause_head, cut_how
from summarizer.headlines.headline_form import headline_form
from summarizer.headlines.quotes import QUOTE_PAIRS, balance_quotes, first_quoted_sentence, missing_close
from summarizer.headlines.shorten import drop_appositions, shorten
from summarizer.headlines.word_order import actor_first, main_clause_first
from summarizer.options import Options
from summarizer.text import words
from summarizer.trim import drop_time_adverbials, is_quote

#: ", siger statsminister Mette Frederiksen (S) til DR." at the end of a sentence.
TRAILING_ATTRIBUTION = re.compile(rf",\s+{SAYING}\s+[^,.!?]*(?:,[^,.!?]*)?[.!?]?\s*$", re.IGNORECASE)
DATELINE = re.compile(
    r"^\s*(?:[A-ZÆØÅ][A-ZÆØÅa-zæøå]+(?:\s+[A-ZÆØÅ][a-zæøå]+)?\s*\((?:ritzau|Ritzau|AFP|Reuters|AP)\)\s*[:–-]?\s*)"
)
#: "Men nu har politikerne valgt ..." → "Nu har politikerne valgt ...": a headline does not open on "Men" or "Og".
LEADING_CONJUNCTION = re.compile(r"^(?:Men|Og)\s+(?=\w)")
#: A parenthesis of four characters or more; scraped copy glues the next word to it ("(Privatfoto)Se de ...").
PARENTHESIS = re.compile(r"\s*\([^)]{4,}\)")


def drop_attribution(sentence: str) -> str:
    """Drop a trailing ", siger X." (and its full stop): ``"Vi er klar, siger Blinken."`` → ``"Vi er klar"``."""
    out = TRAILING_ATTRIBUTION.sub("", sentence.strip())
    return out if len(words(out)) >= 3 else sentence.strip()


def compress(sentence: str, limit: int = Options.max_headline_chars) -> str:
    """A body sentence in headline shape, within `limit` characters.

    Drops the quote dash, dateline, trailing attribution, long parentheses and the opening time
    adverbial (moving the actor first), then cuts at a clause break if it is still too long.

    >>> compress("Mandag fremlagde Aarhus Kommune en plan for 38 kilometer nye cykelstier.", 70)
    'Aarhus Kommune fremlagde en plan for 38 kilometer nye cykelstier'
    """
    return compress_how(sentence, limit)[0]


def compress_how(
    sentence: str, limit: int = Options.max_headline_chars, *, quote: bool = False, trim: bool = True
) -> tuple[str, int]:
    """`compress`, and how it was made to fit: `WHOLE`, `AT_PHRASE` or `AT_WORD` (a fragment, the weakest).

    A dash-led quote, or a sentence the caller knows is part of one (`quote`: "Jeg er dybt berørt" after
    "- Det er en tragedie."), stays marked as a quote with the dash, as Danish headlines mark a quote
    without its speaker: "- Jeg er dybt berørt". What a source said is never shortened. `trim`: headline form
    (`headline_form`, which asks the analyser) before any cut; a caller with many sentences keeps it for the first.
    """
    text = " ".join(sentence.split())
    text = DATELINE.sub("", text) if "(" in text else text
    dash = quote or bool(re.match(r"^[-–—]\s", text))
    text = re.sub(r"^[-–—]\s+", "", text)
    if dash:
        limit -= 2  # room for "- "
    text = LEADING_CONJUNCTION.sub("", text)
    text = drop_attribution(text)
    if not dash:  # a quote keeps its words and their order, an editor's "(Porta, red.)" included
        # Only up to the last ")": after it no "(" can close, and each would be tried to the end (quadratic).
        head, tail = text[: text.rfind(")") + 1], text[text.rfind(")") + 1 :]
        text = PARENTHESIS.sub(lambda m: " " if text[m.end() : m.end() + 1].isalnum() else "", head) + tail
        text = actor_first(text)
        text = drop_time_adverbials(text)  # a headline has no "mandag aften" inside it
        text = main_clause_first(text)
        if trim and len(text) > limit and not is_quote(text):
            # Before any cut: the words a headline writer leaves out (appositions, then the morphology's steps).
            text = headline_form(drop_appositions(text, limit), limit - 1)  # `_fit` keeps room for " …"
    cut, how = _fit(text, limit)
    if how != WHOLE and not dash and not is_quote(text):
        # Cut ("Efter 69 minutter blev Robert Skov"): a shorter wording of the whole is the better headline when
        # it needs less of a cut (whole, or at a phrase boundary for a fragment). Only then: the steps cost title words.
        shorter = shorten(text, limit)
        if shorter != text:
            shorter, how_shorter = _fit(shorter, limit)
            if how_shorter < how:
                cut, how = shorter, how_shorter
    return (f"- {cut}" if dash and cut else cut), how


def _fit(text: str, limit: int) -> tuple[str, int]:
    """The last steps of `compress_how`: appositions go while too long, then the cut to `limit`."""
    text = drop_appositions(text, limit)
    text = first_quoted_sentence(text.rstrip(" ."))
    if text[:1].islower():
        text = text[:1].upper() + text[1:]
    quoted = text[:1] in QUOTE_PAIRS
    cut, how = cut_how(text, limit - (3 if quoted else 1))  # room for " …" and a closing quote mark
    if how != WHOLE and quoted and missing_close(cut):
        # Cut mid-phrase inside a quote: show the omission, or the headline puts words in the speaker's mouth
        # ("»… uacceptabelt at sammenligne Skat«" when Skat was compared with something).
        cut += " …"
    return balance_quotes(cut), how


def first_clause(sentence: str, limit: int = Options.max_headline_chars, *, compressed: bool = False) -> str:
    """The sentence's first clause (at least four words, with a verb), for a shorter, different alternative."""
    full = sentence if compressed else compress(sentence, limit)
    for m in CLAUSE_BREAK.finditer(full):
        if head := clause_head(full, m):
            return head
    return full
