"""Bootstrap confidence intervals for corpus means (percentile method, seeded).

>>> bootstrap_ci([0.2, 0.4, 0.6, 0.8]).mean
0.5
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Interval:
    """A corpus mean with the bounds of its confidence interval."""

    mean: float
    low: float
    high: float

    def __str__(self) -> str:
        return f"{self.mean:.4f} [{self.low:.4f}, {self.high:.4f}]"


def resample_indices(n: int, resamples: int, seed: int) -> np.ndarray:
    """`resamples` rows of `n` indices drawn with replacement; the same seed gives the same rows."""
    return np.random.default_rng(seed).integers(0, n, size=(resamples, n))


def bootstrap_ci(values: Sequence[float], resamples: int = 1000, seed: int = 0, level: float = 0.95) -> Interval:
    """The mean of `values` and its percentile bootstrap interval at `level`.

    One value gives a zero-width interval; no values is an error, since a mean of nothing is not 0.
    """
    data = np.asarray(values, dtype=float)
    if data.size == 0:
        raise ValueError("bootstrap_ci needs at least one value")
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, not {level}")
    if resamples < 1:
        raise ValueError(f"resamples must be at least 1, not {resamples}")
    means = data[resample_indices(data.size, resamples, seed)].mean(axis=1)
    tail = (1 - level) / 2
    low, high = np.quantile(means, [tail, 1 - tail])
    return Interval(float(data.mean()), float(low), float(high))
