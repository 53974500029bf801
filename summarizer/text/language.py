"""Is this Danish? A share of Danish function words, against English ones."""

from __future__ import annotations

from summarizer.danish import DANISH_STOPWORDS, ENGLISH_STOPWORDS
from summarizer.text.tokenize import tokens


def looks_danish(text: str, *, max_words: int = 2000) -> bool:
    """Heuristic: do Danish function words make up a fair share of the first words?

    Short texts (under 8 words) are given the benefit of the doubt. Norwegian and Swedish also pass.

    >>> looks_danish("Regeringen vil bruge flere penge på cykelstier, siger ministeren.")
    True
    >>> looks_danish("The government will spend more money on bicycle lanes, the minister said.")
    False
    """
    sample = tokens(text[: max_words * 12])[:max_words]
    if len(sample) < 8:
        return True
    danish = sum(word in DANISH_STOPWORDS for word in sample)
    english = sum(word in ENGLISH_STOPWORDS for word in sample)
    return danish / len(sample) >= 0.12 and danish > english
