"""Bootstrap confidence intervals for corpus means (percentile method, seeded): the one place intervals are made.

The runner (`python -m eval`) and the desk's batch ROUGE table both call `interval` / `metric_intervals`, and
report the `Bootstrap` they used in the score signature (``…|boot:1000|seed:0``, as sacrebleu does), since an
interval depends on its resamples and seed.

>>> bootstrap_ci([0.2, 0.4, 0.6, 0.8]).mean
0.5
>>> Bootstrap().sign("rouge|tok:unicode-w|stem:none|case:lower|v:0.1.0")
'rouge|tok:unicode-w|stem:none|case:lower|v:0.1.0|boot:1000|seed:0'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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


#: The bootstrap of every reported interval unless told otherwise (``python -m eval --resamples/--seed``).
RESAMPLES = 1000
SEED = 0


@dataclass(frozen=True)
class Bootstrap:
    """How an interval is drawn: the resamples and the seed, which the score signature records."""

    resamples: int = RESAMPLES
    seed: int = SEED

    @property
    def signature(self) -> str:
        """``boot:1000|seed:0``, sacrebleu's way of writing the bootstrap into a signature."""
        return f"boot:{self.resamples}|seed:{self.seed}"

    def sign(self, signature: str) -> str:
        """`signature` (a scorer's) with the bootstrap appended: what to print beside an interval."""
        return f"{signature}|{self.signature}"


#: The project's usual bootstrap (the desk's batch table uses it).
DEFAULT = Bootstrap()


def interval(values: Sequence[float], bootstrap: Bootstrap = DEFAULT) -> Interval:
    """The mean of `values` with its 95% interval, drawn as `bootstrap` says (report ``bootstrap.sign(...)``)."""
    return bootstrap_ci(values, resamples=bootstrap.resamples, seed=bootstrap.seed)


def metric_intervals(
    scores: Sequence[Mapping[str, Sequence[float]]], metrics: Sequence[str], bootstrap: Bootstrap = DEFAULT
) -> dict[str, Interval]:
    """Per metric, the interval of the mean F over articles.

    `scores` holds one row per article, ``{metric: score}``, a score being a `eval.rouge.Score` or its
    ``[precision, recall, f]`` list as results files hold it. At least one row is needed.

    >>> rows = [{"rouge1": (0.5, 0.5, 0.5)}, {"rouge1": [1.0, 1.0, 1.0]}]
    >>> metric_intervals(rows, ["rouge1"])["rouge1"].mean
    0.75
    """
    return {metric: interval([row[metric][2] for row in scores], bootstrap) for metric in metrics}
