"""Fact flags: numbers, names and quotes in an output that the source text does not support.

Every summary and every headline goes through `check(output, source, where)`. It returns one `Flag` per
unsupported fact, with its kind ("number", "name" or "quote") and its exact span in `output`
(``output[flag.start:flag.end] == flag.text``). Extractive output, copied from the source, raises none;
the flags exist for generated text, where a model can write "150 mio." for "145 mio.".

What counts as support (all checks are against the source's own words, nothing else):

* **Numbers** are compared by value after Danish normalisation: "605.000" (thousands dot), "12,5"
  (decimal comma), number words ("to" = 2, "femogtyve" = 25, "tredje" = 3 in the source), scale words
  ("145 mio. kr." = "145 millioner kroner" = 145.000.000, "1,5 mia." = "1.500 mio."), dates by day and
  month ("24. februar" needs 24 February in the source; "torsdag" is not checked), clock times
  ("kl. 13.11" = "klokken 13.11"; "kl. 16" = "kl. 16.00"). Units (%, pct., procent, kr.) are kept in
  the flagged span but not compared. A bare number is also supported by the same figure with a scale
  word in the source ("145" ← "145 mio."), so a trimmed extract never flags.
* **Names** are capitalised words, acronyms ("USA", "DSB") and the capitalised parts of hyphenated words
  ("Elysée-paladset" needs "Elysée"). Matching ignores case and Danish genitive ("Ruslands" ← "Rusland",
  "USA's" ← "USA", "Reus'" ← "Reus", and the other way round) and a definite ending on a longer word
  ("Heksefesten" ← "heksefest"). A capitalised word that starts a sentence (or follows a colon, a quote
  mark or a dash) is a name only when it is not a common word: a word the source uses as a name inside a
  sentence is a name; a word in `COMMON_WORDS`, one seen in lower case in the source or output (inflected
  or not: "Killingerne" ← "killinger"), one sharing most of its beginning with such a word, or an unknown
  word with a Danish common-noun/adjective ending ("Avisen", "Bruger") is not. So "Macron bekræfter" is
  flagged when the source lacks Macron, "Regeringen bekræfter" is not; the price is that a first name
  with such an ending that starts a sentence ("Søren", "Mette") is not checked, though its surname is.
  A multi-word name needs every part in the source, and its parts must not be known from the source to
  belong to other names: "Jill Biden" is flagged when the source has only "Joe Biden" ("Jill" is
  unknown), and so is "Mette Jensen" when the source has "Mette Lund" and "Kristian Jensen" ("Mette" only
  ever occurs with "Lund"). "Joe Biden" ← "Joe Biden", "Anders Kristensen" ← "Anders F. Kristensen" and
  "Biden" ← "Joe Biden" are supported.
* **Quotes** (»…«, "…", “…”, „…“, ‚…‘, 'single quotes' and dash-led quotes "- Vi er altid klar til
  diplomati, siger han") must appear word for word in the source, ignoring case, punctuation and quote
  marks; a quote may be a contiguous part of a longer source quote. Each sentence of a quote is checked on
  its own, so an extract that joins two quoted sentences from different paragraphs is still supported. A
  reworded quote is flagged (span: the words inside the marks, trailing punctuation left out).

Not checked: weekdays ("torsdag"), months without a day ("i februar"), ordinal words in an output
("tredje"), and words that are neither numbers, names nor quotes.

The source index is built once per source text (and cached, since the summary and every headline of one
article are checked against the same source), in time linear in the source's length.

One module per reading: `summarizer.facts.numbers` (numbers to values), `summarizer.facts.names` (name tokens,
common words, the forms names match by) and `summarizer.facts.quotes` (quote spans); this one holds the source
index and the check that compares an output with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from summarizer.facts.names import (
    COMMON_WORDS,
    TOKEN_RE,
    NameToken,
    _genitive_forms,
    _name_parts,
    _name_sequences,
    _pair_keys,
    _Scan,
    extract_names,
    name_key,
)
from summarizer.facts.numbers import (
    _EN_ET_RE,
    _ORDINAL_RE,
    _ORDINALS,
    MAX_NUMBER_DIGITS,
    NUMBER_RE,
    NumberKey,
    NumberMention,
    extract_numbers,
)
from summarizer.facts.quotes import _joined_words, _quote_pieces, extract_quotes
from summarizer.summary import Flag
from summarizer.text import WORD_RE as _WORD_RE

__all__ = [
    "COMMON_WORDS",
    "MAX_NUMBER_DIGITS",
    "NUMBER_RE",
    "TOKEN_RE",
    "NameToken",
    "NumberMention",
    "SourceIndex",
    "check",
    "extract_names",
    "extract_numbers",
    "extract_quotes",
    "index",
    "name_key",
]


@dataclass(frozen=True)
class SourceIndex:
    """What a source text supports, built once in linear time (see `index`)."""

    numbers: frozenset[NumberKey]
    words: frozenset[str]  # case-folded tokens and their hyphen/apostrophe parts ("elysée-paladset", "elysée")
    pairs: frozenset[tuple[str, str]]  # name keys seen in that order, near each other, in one name ("joe", "biden")
    bound_after: frozenset[str]  # name keys always followed by another name: first names ("Mette" in "Mette Lund")
    bound_before: frozenset[str]  # name keys always preceded by another name: surnames
    lower: frozenset[str]  # words seen in lower case
    name_keys: frozenset[str]  # keys of the words the source uses as names
    text: str  # " " + the source's words, case folded, joined by single spaces + " "


#: How many later parts of a name run each part is paired with (3 skips two middle names).
_PAIR_REACH = 3


@lru_cache(maxsize=16)
def index(source: str) -> SourceIndex:
    """Index `source` once; the summary and every headline of an article reuse it (cached)."""
    numbers: set[NumberKey] = set()
    for mention in extract_numbers(source):
        numbers |= mention.keys
        for key in mention.keys:
            if key[0] == "d":  # "24. februar" also supports a bare "24"
                numbers.add(("n", Fraction(key[1])))
    if _EN_ET_RE.search(source):
        numbers.add(("n", Fraction(1)))
    for m in _ORDINAL_RE.finditer(source):
        numbers.add(("n", Fraction(_ORDINALS[m.group().casefold()])))

    # Case-fold word by word (not the whole text): the output's words are folded the same way.
    plain_words = [w.casefold() for w in _WORD_RE.findall(source)]
    words = {w.casefold() for w in TOKEN_RE.findall(source)}
    words.update([w.replace("-", "") for w in words if "-" in w])  # "Nord-Korea" also supports "Nordkorea"
    words.update(plain_words)
    scan = _Scan.of(source)

    pairs: set[tuple[str, str]] = set()
    followed: dict[str, bool] = {}
    preceded: dict[str, bool] = {}
    # Words capitalised inside a sentence are names for sure; they decide sentence-initial cases, in the source
    # and in every output read against it, alike ("Mette" starting a sentence of either is a name).
    name_keys = frozenset(name_key(word) for _, _, word, sentence_start in scan.caps if not sentence_start)
    for seq in _name_sequences(source, scan, (scan.lower,), name_keys, extended=False):
        keys = _pair_keys(seq)
        for i, a in enumerate(keys):
            # Pairs only within a short reach: a real name has a few parts, and an output may skip a middle one
            # ("Joe Biden" ← "Joe Robinette Biden"); all pairs of a long capitalised run would be quadratic.
            for b in keys[i + 1 : i + 1 + _PAIR_REACH]:
                pairs.add((a, b))
            followed[a] = followed.get(a, True) and i + 1 < len(keys)
            preceded[a] = preceded.get(a, True) and i > 0
    return SourceIndex(
        numbers=frozenset(numbers),
        words=frozenset(words),
        pairs=frozenset(pairs),
        bound_after=frozenset(k for k, v in followed.items() if v),
        bound_before=frozenset(k for k, v in preceded.items() if v),
        lower=scan.lower,
        name_keys=name_keys,
        text=" " + " ".join(plain_words) + " ",
    )


def _number_supported(mention: NumberMention, idx: SourceIndex) -> bool:
    if mention.keys & idx.numbers:
        return True
    # A bare figure is supported by the same figure before a scale word ("145" ← "145 mio.").
    return any(k[0] == "n" and ("m", k[1]) in idx.numbers for k in mention.keys)


_DEFINITE = ("erne", "ene", "en", "et", "ne", "n", "t")


def _in_words(word: str, idx: SourceIndex) -> bool:
    """Is `word` in the source, up to case, genitive and a definite ending on a longer word ("Heksefesten")?"""
    folded = word.casefold()
    if any(f in idx.words for f in _genitive_forms(folded)):
        return True
    base = folded.rstrip("'’")
    base = base[:-1] if base.endswith("s") else base
    return any(base.endswith(d) and len(base) - len(d) >= 5 and base[: -len(d)] in idx.words for d in _DEFINITE)


def _token_supported(token: str, idx: SourceIndex) -> bool:
    """Is this name token in the source, up to case and genitive? "Ruslands" ← "Rusland".

    A hyphenated word needs only its name parts: "Elysée-paladset" ← "Elysée", "DSB-kritik" ← "DSB";
    with or without its hyphen: "Nord-Korea" ← "Nordkorea" and the other way round.
    """
    if _in_words(token, idx) or ("-" in token and _in_words(token.replace("-", ""), idx)):
        return True
    parts = _name_parts(token)
    if parts == [token]:
        return False
    return all(_in_words(p, idx) for p in parts)


def _sequence_supported(seq: list[NameToken], idx: SourceIndex) -> bool:
    if not all(_token_supported(t.text, idx) for t in seq):
        return False
    keys = _pair_keys(seq)
    for a, b in zip(keys, keys[1:], strict=False):
        if (a, b) not in idx.pairs and (a in idx.bound_after or b in idx.bound_before):
            return False  # both names are known, but from different people: "Mette Jensen"
    return True


def check(output: str, source: str, where: str = "summary") -> list[Flag]:
    """Every number, name or quote in `output` that `source` does not support, as a `Flag`, by position.

    >>> src = "Aarhus Kommune vil bruge 145 mio. kr. på cykelstier, siger rådmand Anders F. Kristensen."
    >>> [(f.kind, f.text) for f in check("Aarhus bruger 150 millioner kroner, siger Jens Kristensen.", src)]
    [('number', '150 millioner kroner'), ('name', 'Jens Kristensen')]
    >>> check("Kommunen vil bruge 145 millioner på cykelstier i Aarhus.", src)
    []
    """
    if not output.strip():
        return []
    idx = index(source)
    flags: list[Flag] = []
    for mention in extract_numbers(output):
        if not _number_supported(mention, idx):
            flags.append(Flag("number", output[mention.start : mention.end], where, mention.start, mention.end))

    scan = _Scan.of(output)
    for seq in _name_sequences(output, scan, (idx.lower, scan.lower), idx.name_keys):
        if not _sequence_supported(seq, idx):
            a, b = seq[0].start, seq[-1].end
            flags.append(Flag("name", output[a:b], where, a, b))

    for qa, qb in extract_quotes(output):
        for a, b in _quote_pieces(output, qa, qb):
            words = _joined_words(output[a:b])
            if words.strip() and words not in idx.text:
                flags.append(Flag("quote", output[a:b], where, a, b))
    flags.sort(key=lambda f: (f.start, f.end, f.kind))
    return flags
