"""Numbers in Danish copy, read to values: "605.000", "12,5", "femogtyve", "145 mio. kr.", "24. februar", "kl. 13.11".

`extract_numbers` finds every number mention of a text with its keys; `summarizer.facts` compares an output's
keys with its source's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from summarizer.danish import MONTH_NUMBERS

_UNITS = {
    "nul": 0, "én": 1, "ét": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "syv": 7, "otte": 8, "ni": 9,
    "ti": 10, "elleve": 11, "tolv": 12, "tretten": 13, "fjorten": 14, "femten": 15, "seksten": 16, "sytten": 17,
    "atten": 18, "nitten": 19,
}  # fmt: skip
_TENS = {
    "tyve": 20, "tredive": 30, "tredeve": 30, "fyrre": 40, "fyrretyve": 40, "halvtreds": 50, "tres": 60,
    "halvfjerds": 70, "firs": 80, "halvfems": 90,
}  # fmt: skip
#: Ordinal words only count as evidence in the source ("tredje plads" supports "3. plads"); in an output
#: they are not checked ("anden" is also the word "other").
_ORDINALS = {
    "første": 1, "anden": 2, "andet": 2, "tredje": 3, "fjerde": 4, "femte": 5, "sjette": 6, "syvende": 7,
    "ottende": 8, "niende": 9, "tiende": 10, "ellevte": 11, "tolvte": 12, "trettende": 13, "fjortende": 14,
    "femtende": 15, "sekstende": 16, "syttende": 17, "attende": 18, "nittende": 19, "tyvende": 20,
}  # fmt: skip
_SCALES = {
    "hundrede": 100, "hundred": 100, "tusind": 1000, "tusinde": 1000, "mio": 10**6, "mill": 10**6,
    "million": 10**6, "millioner": 10**6, "mia": 10**9, "mrd": 10**9, "milliard": 10**9,
    "milliarder": 10**9,
}  # fmt: skip


def _alternation(words: object) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))  # type: ignore[arg-type]


_NUMBER_WORD = (
    rf"(?:(?:{_alternation(_UNITS)})og(?:{_alternation(_TENS)})|{_alternation(_TENS)}|{_alternation(_UNITS)}"
    rf"|halvanden|hundrede|tusinde?|(?:en|et)(?=\s+(?:{_alternation(_SCALES)})\b))"
)
_DIGITS = r"(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?"
_SCALE = rf"(?:\s+(?P<scale>(?:{_alternation(_SCALES)})\b\.?)(?:\s+(?P<scale2>(?:{_alternation(_SCALES)})\b\.?))?)?"
_UNIT = r"(?:\s*(?P<unit>%|pct\.|pct\b|procentpoint\b|procent\b|kr\.|kroner\b|euro\b|dollars?\b))?"
_MONTH = (
    rf"(?:(?:{_alternation(m for m in MONTH_NUMBERS if len(m) > 4 or m == 'maj')})\b"
    rf"|(?:{_alternation(m for m in MONTH_NUMBERS if len(m) <= 4 and m != 'maj')})\b\.?)"
)

#: One pass over a text finds every number mention, longest forms first (clock, date, then plain).
NUMBER_RE = re.compile(
    # The leading look-around only lets the engine try positions where a number can begin (2x faster).
    r"(?<![^\W\d_])(?=[\dkKnNeEéÉtTfFsSoOaAhH])"
    rf"(?:(?P<clock>\b(?:kl\.|klokken)\s*(?P<ch>\d{{1,2}})(?:[.:](?P<cm>\d{{2}}))?(?!\d))"
    rf"|(?P<date>(?<![\w.,])(?P<dd>\d{{1,2}})\.\s*(?P<dm>{_MONTH}))"
    rf"|(?P<hhmm>(?<![\w.,:])(?P<hh>\d{{1,2}})[.:](?P<mm>\d{{2}})(?![\d]|[.,]\d))"
    rf"|(?P<num>(?<![^\W\d_])(?<![\d.,])(?P<digits>{_DIGITS})(?!\d)|(?<![\w-])(?P<word>{_NUMBER_WORD})(?![\w-])){_SCALE}{_UNIT})",
    re.IGNORECASE,
)
_EN_ET_RE = re.compile(r"(?<!\w)(?:en|et|én|ét)(?!\w)", re.IGNORECASE)
_ORDINAL_RE = re.compile(rf"(?<!\w)(?:{_alternation(_ORDINALS)})(?!\w)", re.IGNORECASE)

NumberKey = tuple[str, Fraction] | tuple[str, int, int] | tuple[str, str]
#: Longer runs of digits are matched as written, not by value: no figure in news has more, and turning a
#: 5,000-digit run into a number is slow (quadratic) and refused by Python past 4,300 digits.
MAX_NUMBER_DIGITS = 30


@dataclass(frozen=True)
class NumberMention:
    """One number in a text: ``text[start:end]`` and the keys it can be matched by.

    ``keys`` holds ``("n", value)`` for a quantity, ``("m", mantissa)`` for the figure before a scale
    word, ``("d", day, month)`` for a date, ``("t", hour, minute)`` for a clock time and ``("s", digits)``
    for a run of more than `MAX_NUMBER_DIGITS` digits.
    """

    start: int
    end: int
    keys: frozenset[NumberKey]


def _word_value(word: str) -> Fraction | None:
    w = word.casefold()
    if w in ("en", "et", "én", "ét"):
        return Fraction(1)
    if w == "halvanden":
        return Fraction(3, 2)
    if w in ("hundrede", "tusind", "tusinde"):
        return Fraction(_SCALES[w])
    if w in _UNITS:
        return Fraction(_UNITS[w])
    if w in _TENS:
        return Fraction(_TENS[w])
    if "og" in w:
        unit, _, tens = w.partition("og")
        if unit in _UNITS and tens in _TENS:
            return Fraction(_UNITS[unit] + _TENS[tens])
    return None


def _digits_value(digits: str) -> Fraction:
    return Fraction(digits.replace(".", "").replace(",", "."))


def _scale_value(word: str | None) -> int:
    return _SCALES[word.rstrip(".").casefold()] if word else 1


def extract_numbers(text: str) -> list[NumberMention]:
    """Every number in `text`, normalised.

    >>> [text for m in extract_numbers("Planen koster 145 mio. kr. og er klar 24. februar kl. 13.11")
    ...  for text in ["Planen koster 145 mio. kr. og er klar 24. februar kl. 13.11"[m.start:m.end]]]
    ['145 mio. kr.', '24. februar', 'kl. 13.11']
    >>> sorted(extract_numbers("to millioner kroner")[0].keys)
    [('m', Fraction(2, 1)), ('n', Fraction(2000000, 1))]
    """
    mentions: list[NumberMention] = []
    for m in NUMBER_RE.finditer(text):
        keys: set[NumberKey]
        if m.group("clock"):
            keys = {("t", int(m.group("ch")), int(m.group("cm") or 0))}
        elif m.group("date"):
            keys = {("d", int(m.group("dd")), MONTH_NUMBERS[m.group("dm").rstrip(".").casefold()])}
        elif m.group("hhmm"):
            # "13.11" without "kl.": a clock time, a date (13/11) or, in English style, 13,11.
            a, b = int(m.group("hh")), int(m.group("mm"))
            keys = {("t", a, b), ("d", a, b), ("n", Fraction(a)), ("n", _digits_value(f"{a},{m.group('mm')}"))}
        elif m.group("digits") and sum(c.isdigit() for c in m.group("digits")) > MAX_NUMBER_DIGITS:
            keys = {("s", m.group("digits"))}
        else:
            base = _digits_value(m.group("digits")) if m.group("digits") else _word_value(m.group("word"))
            if base is None:  # pragma: no cover - the regex only matches known words
                continue
            scale = _scale_value(m.group("scale")) * _scale_value(m.group("scale2"))
            keys = {("n", base * scale)}
            if scale != 1:
                keys.add(("m", base))
        end = m.end()
        mentions.append(NumberMention(m.start(), end, frozenset(keys)))
    return mentions
