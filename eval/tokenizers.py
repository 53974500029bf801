"""Tokenizers for ROUGE: the Unicode-correct one (the default) and rouge_score's ASCII one.

Both are small objects with a ``tokenize(text) -> list[str]`` method, the interface
google-research ``rouge_score`` expects, so either can be handed to ``RougeScorer(tokenizer=...)``.

- ``unicode-w``: NFC-normalised, lower-cased runs of letters and digits (``\\w`` without ``_``), so
  "søndag" stays one token. Dropping ``_`` keeps the tokens identical to rouge_score on ASCII text.
- ``ascii``: rouge_score's default: lower-case, then every character outside ``a-z0-9`` becomes a
  space, so "søndag" becomes "s" + "ndag". Kept only to reproduce published figures.

A stemmer, when given, is applied to tokens longer than 3 characters, as rouge_score does.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

Stem = Callable[[str], str]

UNICODE_WORD_RE = re.compile(r"[^\W_]+")
_NON_ALNUM_ASCII_RE = re.compile(r"[^a-z0-9]+")
_VALID_ASCII_TOKEN_RE = re.compile(r"^[a-z0-9]+$")


def danish_stemmer() -> Stem:
    """The Snowball Danish stemmer (``snowballstemmer``), cached per word.

    >>> danish_stemmer()("børnene")
    'børn'
    """
    import snowballstemmer

    stemmer = snowballstemmer.stemmer("danish")
    return lru_cache(maxsize=200_000)(stemmer.stemWord)


def porter_stemmer() -> Stem:
    """NLTK's Porter stemmer, the one rouge_score's ``use_stemmer=True`` applies (English)."""
    from nltk.stem import porter

    return lru_cache(maxsize=200_000)(porter.PorterStemmer().stem)


def unicode_tokens(text: str, stem: Stem | None = None) -> list[str]:
    """Lower-cased Unicode word tokens.

    >>> unicode_tokens("Søren købte 12,5 kg æbler i Århus")
    ['søren', 'købte', '12', '5', 'kg', 'æbler', 'i', 'århus']
    """
    tokens = UNICODE_WORD_RE.findall(unicodedata.normalize("NFC", text).lower())
    if stem is not None:
        tokens = [stem(t) if len(t) > 3 else t for t in tokens]
    return tokens


def ascii_tokens(text: str, stem: Stem | None = None) -> list[str]:
    """rouge_score's default tokenizer, step for step (``rouge_score.tokenize.tokenize``).

    >>> ascii_tokens("Søren købte æbler")
    ['s', 'ren', 'k', 'bte', 'bler']
    """
    tokens = _NON_ALNUM_ASCII_RE.sub(" ", text.lower()).split(" ")
    if stem is not None:
        tokens = [stem(t) if len(t) > 3 else t for t in tokens]
    return [t for t in tokens if _VALID_ASCII_TOKEN_RE.match(t)]


class Tokenizer:
    """A tokenize function and a stemmer bound together, with the names the signature uses."""

    def __init__(self, split: Callable[[str, Stem | None], list[str]], name: str,
                 stem: Stem | None = None, stem_name: str = "none") -> None:
        self._split = split
        self._stem = stem
        self.name = name
        self.stem_name = stem_name

    def tokenize(self, text: str) -> list[str]:
        return self._split(text, self._stem)

    def __repr__(self) -> str:
        return f"Tokenizer(tok={self.name}, stem={self.stem_name})"


MODES = ("unicode", "ascii")


def make_tokenizer(mode: str = "unicode", stem: bool = False) -> Tokenizer:
    """The tokenizer for a scoring mode.

    ``unicode`` stems with Snowball Danish; ``ascii`` reproduces rouge_score exactly, so it stems
    with Porter like ``RougeScorer(use_stemmer=True)`` and ``evaluate.load("rouge")`` do.
    """
    if mode == "unicode":
        return Tokenizer(unicode_tokens, "unicode-w", danish_stemmer() if stem else None,
                         "snowball-da" if stem else "none")
    if mode == "ascii":
        return Tokenizer(ascii_tokens, "ascii", porter_stemmer() if stem else None, "porter" if stem else "none")
    raise ValueError(f"unknown tokenizer mode {mode!r}; choose one of: {', '.join(MODES)}")
