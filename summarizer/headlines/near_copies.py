"""When two alternative headlines say the same: content-word overlap, or one extending the other.

>>> is_near_copy("Skolen lukker efter sommerferien", ["Skolen lukker efter sommerferien, oplyser kommunen"])
True
"""

from __future__ import annotations

from summarizer.danish import FUNCTION_WORDS
from summarizer.headlines.grammar import MIN_HEADLINE_WORDS
from summarizer.headlines.quotes import SPEAKER
from summarizer.text import words

#: Two alternatives are near-copies when the Jaccard overlap of their lower-cased content tokens
#: (word tokens minus `FUNCTION_WORDS`) is above this bound. 0.6 lets "Aarhus vil bruge 145 mio. på
#: cykelstier" and "Oppositionen: Aarhus' cykelplan er et luftkastel" both stand, but not two wordings
#: of the same sentence that differ by a word or two.
NEAR_COPY_JACCARD = 0.6


def content_tokens(text: str) -> set[str]:
    """Lower-cased word tokens minus function words: what the near-copy bound compares."""
    return {w.lower() for w in words(text)} - FUNCTION_WORDS


def jaccard(a: str, b: str) -> float:
    """Jaccard overlap of `content_tokens`; 1.0 for two texts with no content words at all."""
    x, y = content_tokens(a), content_tokens(b)
    if not x and not y:
        return 1.0
    return len(x & y) / len(x | y)


def is_near_copy(candidate: str, kept: list[str], bound: float = NEAR_COPY_JACCARD) -> bool:
    """Too like one of `kept`: the same words, a content-word overlap above `bound`, or the same headline with
    words added at the end ("- Han befinder sig i toget" and "- Han befinder sig i toget, da gerningsmanden
    kommer ind"), which the overlap alone lets through when the added words are many.

    >>> is_near_copy("Skolen lukker efter sommerferien", ["Skolen lukker efter sommerferien, oplyser kommunen"])
    True
    """
    return any(candidate.lower() == k.lower() or jaccard(candidate, k) > bound or _extends(candidate, k) for k in kept)


def _extends(a: str, b: str) -> bool:
    """One of `a` and `b` is the other with words added at the end (word tokens, case ignored), a speaker
    before the quote left out ("Møllgaard: Aalborg har noget at glæde sig til" and "- Aalborg har noget at glæde
    sig")."""
    x, y = [w.lower() for w in words(SPEAKER.sub("", a))], [w.lower() for w in words(SPEAKER.sub("", b))]
    if len(x) > len(y):
        x, y = y, x
    return len(x) >= MIN_HEADLINE_WORDS and y[: len(x)] == x
