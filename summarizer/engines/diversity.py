"""Maximal marginal relevance: re-rank candidate headlines so the top few say different things.

Beam search returns near-duplicates ("Storm lukkede broen", "Storm lukkede broen i nat"); an
editor wants alternatives. MMR (Carbonell & Goldstein, 1998) picks, one at a time, the candidate
with the best balance of its own rank and its distance from those already picked. Similarity is
word overlap (Jaccard on lower-cased Unicode words), so æ, ø, å count like any other letter.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from summarizer.text import words


def word_set(text: str) -> frozenset[str]:
    """``word_set("Storm lukkede Storebæltsbroen")`` → ``{"storm", "lukkede", "storebæltsbroen"}``."""
    return frozenset(word.lower() for word in words(text))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """Word overlap 2|a ∩ b| / (|a| + |b|); 0 for two empty sets."""
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def mmr(
    candidates: Sequence[str],
    relevance: Sequence[float],
    *,
    k: int | None = None,
    trade_off: float = 0.7,
    tokenize: Callable[[str], frozenset[str]] = word_set,
) -> list[int]:
    """Indices of `candidates` in MMR order (at most `k`).

    Each step picks ``argmax trade_off * relevance[i] - (1 - trade_off) * max_sim(i, picked)``;
    ties keep the original order. ``trade_off=1`` returns plain relevance order.

    >>> mmr(["Storm lukker broen", "Storm lukker broen i nat", "Tog aflyst mellem Fyn og Sjælland"],
    ...     [1.0, 0.9, 0.8], k=2)
    [0, 2]
    """
    if len(candidates) != len(relevance):
        raise ValueError("one relevance value per candidate")
    sets = [tokenize(text) for text in candidates]
    remaining = list(range(len(candidates)))
    picked: list[int] = []
    limit = len(candidates) if k is None else min(k, len(candidates))
    while remaining and len(picked) < limit:
        best = max(
            remaining,
            key=lambda i: (
                trade_off * relevance[i]
                - (1 - trade_off) * max((jaccard(sets[i], sets[j]) for j in picked), default=0.0),
                -i,
            ),
        )
        picked.append(best)
        remaining.remove(best)
    return picked
