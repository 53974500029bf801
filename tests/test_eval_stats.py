"""Specification of corpus statistics: bootstrap intervals, the paired test, and the other measures."""

from __future__ import annotations

import numpy as np
import pytest

from eval.measures import length_words, novel_bigram_share
from eval.significance import PairedResult, paired_bootstrap
from eval.stats import Bootstrap, Interval, bootstrap_ci, interval, metric_intervals


def _scores(seed: int, n: int = 400, shift: float = 0.0) -> list[float]:
    rng = np.random.default_rng(seed)
    return list(np.clip(rng.normal(0.3 + shift, 0.1, n), 0, 1))


def test_interval_holds_the_mean_and_is_reproducible_with_the_same_seed() -> None:
    values = _scores(1)
    interval = bootstrap_ci(values)
    assert isinstance(interval, Interval)
    assert interval.low < interval.mean < interval.high
    assert interval.mean == pytest.approx(float(np.mean(values)))
    assert bootstrap_ci(values) == interval
    assert bootstrap_ci(values, seed=1) != interval


def test_interval_is_about_two_standard_errors_wide() -> None:
    values = _scores(2, n=1000)
    interval = bootstrap_ci(values, resamples=2000)
    standard_error = np.std(values) / np.sqrt(len(values))
    assert interval.high - interval.low == pytest.approx(2 * 1.96 * standard_error, rel=0.15)


def test_a_higher_level_gives_a_wider_interval() -> None:
    values = _scores(3)
    narrow, wide = bootstrap_ci(values, level=0.8), bootstrap_ci(values, level=0.99)
    assert wide.low < narrow.low and narrow.high < wide.high


def test_one_value_has_no_width_and_no_values_is_an_error() -> None:
    assert bootstrap_ci([0.42]) == Interval(0.42, 0.42, 0.42)
    with pytest.raises(ValueError, match="at least one value"):
        bootstrap_ci([])
    with pytest.raises(ValueError, match="level"):
        bootstrap_ci([0.1, 0.2], level=95)


def test_intervals_are_made_in_one_place_and_the_signature_says_how() -> None:
    # eval's runner and the desk's batch table both call these; the signature records resamples and seed.
    values = _scores(4)
    boot = Bootstrap(resamples=300, seed=7)
    assert interval(values, boot) == bootstrap_ci(values, resamples=300, seed=7)
    assert interval(values) == bootstrap_ci(values)
    rows = [{"rouge1": (0.1, 0.2, f), "rouge2": [0.0, 0.0, f / 2]} for f in values]
    made = metric_intervals(rows, ["rouge1", "rouge2"], boot)
    assert made["rouge1"] == bootstrap_ci(values, resamples=300, seed=7)
    assert made["rouge2"] == bootstrap_ci([f / 2 for f in values], resamples=300, seed=7)
    assert boot.signature == "boot:300|seed:7"
    assert Bootstrap().sign("rouge|tok:unicode-w") == "rouge|tok:unicode-w|boot:1000|seed:0"


def test_paired_bootstrap_finds_a_real_difference() -> None:
    a = _scores(4)
    b = [x - 0.03 + d for x, d in zip(a, np.random.default_rng(5).normal(0, 0.05, len(a)), strict=True)]
    result = paired_bootstrap(a, b)
    assert isinstance(result, PairedResult)
    assert result.difference == pytest.approx(float(np.mean(a) - np.mean(b)))
    assert result.p_value < 0.01
    assert result.low < result.difference < result.high


def test_paired_bootstrap_does_not_find_a_difference_in_noise() -> None:
    a = _scores(6)
    noise = np.random.default_rng(7).normal(0, 0.05, len(a) // 2)
    b = [x + d for x, d in zip(a, [*noise, *(-noise)], strict=True)]  # differences that cancel out
    assert paired_bootstrap(a, b).p_value > 0.5
    assert paired_bootstrap(a, a).p_value == 1.0


def test_paired_bootstrap_p_values_are_calibrated_under_no_difference() -> None:
    rng = np.random.default_rng(0)
    rejections = 0
    for seed in range(100):
        a = rng.random(100)
        rejections += paired_bootstrap(a, a + rng.normal(0, 0.05, 100), seed=seed).p_value < 0.05
    assert rejections <= 12  # about 5 expected; a test that rejects far more often would lie


def test_paired_bootstrap_is_seeded_and_needs_pairs() -> None:
    a, b = _scores(8), _scores(9)
    assert paired_bootstrap(a, b, seed=3) == paired_bootstrap(a, b, seed=3)
    with pytest.raises(ValueError, match="same articles"):
        paired_bootstrap(a, b[:-1])


def test_novel_bigrams_measure_how_abstractive_a_summary_is() -> None:
    source = "Færgen til Ærø sejlede søndag trods stormen over Østersøen."
    assert novel_bigram_share("Færgen til Ærø sejlede søndag", source) == 0.0
    assert novel_bigram_share("Ny færge til Ærø", source) == pytest.approx(2 / 3)
    assert novel_bigram_share("Storm", source) is None


def test_length_counts_danish_words_whole() -> None:
    assert length_words("Ærø får ny færge – kl. 13.11") == 7


@pytest.mark.parametrize("module", ["eval.rouge", "eval.tokenizers", "eval.stats", "eval.significance",
                                    "eval.measures", "summarizer.structure"])
def test_the_docstring_examples_hold(module: str) -> None:
    import doctest
    import importlib

    failures, tried = doctest.testmod(importlib.import_module(module))
    assert tried > 0 and failures == 0
