"""Paired bootstrap test between two systems scored on the same articles (Koehn 2004; as sacrebleu).

Resampling the articles, not the scores of each system separately, keeps the pairing: an article
that is hard for one engine is usually hard for the other, and the test should not count that twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from eval.stats import resample_indices


@dataclass(frozen=True)
class PairedResult:
    """``difference`` = mean(a) − mean(b); ``p_value`` two-sided; ``low``/``high``: 95% interval of the difference."""

    difference: float
    p_value: float
    low: float = float("nan")
    high: float = float("nan")


def paired_bootstrap(a: Sequence[float], b: Sequence[float], resamples: int = 1000, seed: int = 0) -> PairedResult:
    """Is system `a` better or worse than `b` on these articles, beyond chance?

    The p-value is the share of resampled mean differences, shifted to be centred on zero (the null
    hypothesis of no difference), that are at least as far from zero as the observed one; with the
    usual +1 so it is never exactly 0.

    >>> paired_bootstrap([0.5, 0.6, 0.7, 0.4] * 25, [0.5, 0.6, 0.7, 0.4] * 25).p_value
    1.0
    """
    x = np.asarray(a, dtype=float)
    y = np.asarray(b, dtype=float)
    if x.shape != y.shape:
        raise ValueError(f"paired_bootstrap needs scores for the same articles: {x.size} vs {y.size}")
    if x.size == 0:
        raise ValueError("paired_bootstrap needs at least one pair")
    diffs = x - y
    observed = float(diffs.mean())
    resampled = diffs[resample_indices(diffs.size, resamples, seed)].mean(axis=1)
    extreme = np.abs(resampled - observed) >= abs(observed) - 1e-12
    p_value = (int(extreme.sum()) + 1) / (resamples + 1)
    low, high = np.quantile(resampled, [0.025, 0.975])
    return PairedResult(observed, min(p_value, 1.0), float(low), float(high))
