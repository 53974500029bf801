"""What ROUGE does not show: output length, how abstractive it is, and fact flags.

All on the project's Unicode word tokens, so Danish words count as one word each.
"""

from __future__ import annotations

from eval.tokenizers import unicode_tokens


def length_words(text: str) -> int:
    """Words in `text`: ``length_words("Ærø får ny færge")`` → 4."""
    return len(unicode_tokens(text))


def bigrams(tokens: list[str]) -> list[tuple[str, str]]:
    return list(zip(tokens, tokens[1:], strict=False))


def novel_bigram_share(output: str, source: str) -> float | None:
    """Share of the output's bigrams that do not occur in the source (0 = copied, 1 = all new).

    None when the output has fewer than two words: it has no bigrams to judge.

    >>> novel_bigram_share("ny færge til Ærø", "Ærø får en ny færge til sommer")
    0.3333333333333333
    """
    output_bigrams = bigrams(unicode_tokens(output))
    if not output_bigrams:
        return None
    seen = set(bigrams(unicode_tokens(source)))
    return sum(gram not in seen for gram in output_bigrams) / len(output_bigrams)
