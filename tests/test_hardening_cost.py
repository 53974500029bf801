"""Bounded cost: no input makes a text-processing step grow faster than the text (issue 28, item 1).

Each test times one pathological input at size n and 4n. Linear work grows about 4 times; quadratic work 16
times. The bound (`GROWTH_BOUND`) sits between, with room for a busy machine: each size is timed a few times,
the fastest run counts, and a floor keeps a run of a few milliseconds from making a ratio of noise. Every text
changes a little between runs (`salt`), so no cache (fact index, analyser) answers a repeat.

The inputs are Danish sentences written for these tests, pushed to extremes: a run of capitalised words with no
end, a sentence without punctuation, thousands of quotes, parentheses and dashes that never close, one word
repeated to the input limit, and thousands of lines.
"""

from __future__ import annotations

import itertools
import time
import tracemalloc
from collections.abc import Callable

import pytest

from scripts.bench_hardening import fill
from summarizer import facts, summarise
from summarizer.api import MAX_INPUT_CHARS
from summarizer.headlines.compress import compress
from summarizer.headlines.quotes import quote_headlines
from summarizer.headlines.shorten import drop_appositions, shorten
from summarizer.text import clean, split_sentences

#: Linear work grows 4 times from n to 4n, quadratic 16 times: a ratio over this is not linear.
GROWTH_BOUND = 9.0
#: Runs shorter than this are timed as this long: a 2 ms run against a 20 ms one is noise, not growth.
FLOOR_SECONDS = 0.02
REPEATS = 3

Make = Callable[[int, int], str]


def _seconds(text: str, work: Callable[[str], object]) -> float:
    facts.index.cache_clear()
    started = time.perf_counter()
    work(text)
    return time.perf_counter() - started


def assert_linear(make: Make, work: Callable[[str], object], size: int) -> None:
    """`work` on `make(4 * size)` takes well under 16 times as long as on `make(size)`.

    The fastest of a few runs counts; the large size stops at its first run under the bound, or at one so far
    over it that no noise explains it (a quadratic step then fails in one slow run, not in three).
    """
    work(make(size // 4, 99))  # imports, the analyser's start and first caches are not the input's cost
    small = max(min(_seconds(make(size, salt), work) for salt in range(REPEATS)), FLOOR_SECONDS)
    large = float("inf")
    for salt in range(REPEATS):
        seconds = _seconds(make(4 * size, salt), work)
        large = min(large, seconds)
        if large / small < GROWTH_BOUND or seconds / small > 3 * GROWTH_BOUND:
            break
    ratio = large / small
    assert ratio < GROWTH_BOUND, f"{small:.3f} s at {size:,} characters, {large:.3f} s at {4 * size:,}: x{ratio:.1f}"


def _lead(text: str) -> object:
    return summarise(text, engine="lead")


# ---------------------------------------------------------------------------------------------------------------
# The inputs, each `make(size, salt)` → a text of about `size` characters


def names_run(size: int, salt: int) -> str:
    """The issue's repro: one sentence that is a single run of first names and surnames."""
    return fill(size, lambda i: f"Navn{i + salt} Efternavn{i + salt}") + "."


_SYLLABLES = ["Bo", "Ka", "Lis", "Mor", "Ny", "Per", "Ras", "Sø", "Tor", "Ul", "Vi", "Æb", "Ør", "Ål"]


def capitalised_words(size: int, salt: int) -> str:
    """A plain list of capitalised words, no digits: "Bokalis Kamor ..." (each a made-up name)."""
    words = ("".join(p) + "sen" for p in itertools.product(_SYLLABLES[salt:] + _SYLLABLES[:salt], repeat=4))
    return "Deltagerne var " + fill(size, lambda _: next(words)) + "."


_ENDLESS_TEXT = (
    "regeringen vil bruge flere penge på nye cykelstier i hele landet og borgmesteren glæder sig over at "
    "pengene endelig kommer til de kommuner som har ventet længe på en afgørelse fra ministeriet"
)
_ENDLESS = _ENDLESS_TEXT.split()


def endless_sentence(size: int, salt: int) -> str:
    """One sentence without a single punctuation mark."""
    return f"Efter {salt} år " + fill(size, lambda i: _ENDLESS[i % len(_ENDLESS)])


def many_quotes(size: int, salt: int) -> str:
    """Thousands of quotes of every kind in one paragraph."""
    return fill(size, lambda i: f"»Vi er klar {i + salt}«, siger hun. \"Det er godt\" og 'fint' - Ja, siger han.")


def parentheses_and_dashes(size: int, salt: int) -> str:
    """Parentheses that open and never close, and dashes between every few words."""
    opening = f"Sag {salt}: Borgmesteren siger - igen - at planen "
    return opening + fill(size, lambda i: f"(som {i} - ifølge kritikerne -")


def one_word(size: int, salt: int) -> str:
    """One word repeated, up to the input limit."""
    return ("hej " * (size // 4 + 1))[: size - 4] + f" {salt:03d}"


def many_lines(size: int, salt: int) -> str:
    """Thousands of short lines, each its own paragraph."""
    return fill(size, lambda i: f"Linje {i + salt} handler om vejret i Aarhus", "\n")


# ---------------------------------------------------------------------------------------------------------------
# The whole pipeline (cleaning, sentences, lead, headline rules, the editor's check, fact flags)


@pytest.mark.parametrize(
    ("make", "size"),
    [
        (names_run, 12_500),
        (capitalised_words, 12_500),
        (endless_sentence, 12_500),
        (many_quotes, 12_500),
        (parentheses_and_dashes, 12_500),
        (one_word, MAX_INPUT_CHARS // 4),
        (many_lines, 12_500),
    ],
    ids=lambda v: getattr(v, "__name__", str(v)),
)
def test_summarising_a_pathological_text_grows_linearly(make: Make, size: int) -> None:
    assert_linear(make, _lead, size)


@pytest.mark.parametrize("make", [names_run, endless_sentence], ids=lambda f: f.__name__)
def test_the_extractive_engine_grows_linearly_too(make: Make) -> None:
    assert_linear(make, lambda text: summarise(text, engine="extractive"), 12_500)


def test_the_issue_repro_at_the_input_limit_is_quick_and_small() -> None:
    """6,000 names in one run (134 KB was killed at 3 GiB): the fact index stays small and the summary comes."""
    text = names_run(MAX_INPUT_CHARS - 10, 7)
    facts.index.cache_clear()
    tracemalloc.start()
    try:
        idx = facts.index(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 150 * 2**20, f"{peak / 2**20:.0f} MB"
    assert len(idx.pairs) < 10 * len(text.split())  # a few pairs per name, not every pair of the run
    started = time.perf_counter()
    summary = summarise(text, engine="lead")
    assert summary.summary and time.perf_counter() - started < 30


# ---------------------------------------------------------------------------------------------------------------
# Single steps, on inputs the pipeline can hand them (a paragraph, a sentence, a generated output)


def test_facts_index_of_a_capitalised_run_grows_linearly() -> None:
    assert_linear(names_run, facts.index, 50_000)


def test_a_name_run_keeps_the_pairs_the_name_checks_need() -> None:
    source = "Statsminister Joe Robinette Biden mødte Mette Lund og Kristian Jensen i Aarhus."
    assert not facts.check("Joe Biden mødte Mette Lund.", source)  # a middle name skipped
    assert [f.text for f in facts.check("Mette Jensen mødte Biden.", source)] == ["Mette Jensen"]


def test_a_run_of_full_stops_splits_in_linear_time() -> None:
    assert_linear(lambda n, s: f"Han sagde {s} " + "." * n + "slut", split_sentences, 5_000)


def test_cleaning_grows_linearly() -> None:
    assert_linear(lambda n, s: many_lines(n, s) + "\n" + many_quotes(n, s), clean, 50_000)


def test_unclosed_parentheses_in_a_headline_candidate_grow_linearly() -> None:
    assert_linear(lambda n, s: f"Borgmesteren sagde {s} " + "(" * n + " om planen i går", compress, 12_500)


def test_a_long_hyphenated_word_in_a_headline_candidate_grows_linearly() -> None:
    def make(n: int, salt: int) -> str:
        return f"Ruslands præsident {salt}, " + "-".join(["Nord"] * (n // 5)) + ", siger han i dag til DR."

    assert_linear(make, lambda t: (shorten(t, 70), drop_appositions(t, 70)), 6_000)


def test_a_quote_paragraph_of_many_attributions_grows_linearly() -> None:
    assert_linear(lambda n, s: f"- Vi er klar {s}" + ", siger han" * (n // 11) + ". A. B. C", quote_headlines, 10_000)


def test_quote_spans_grow_linearly() -> None:
    """Fact flags read an output's quotes: unclosed 'single quotes', thousands of quotes, dashes that open none."""
    assert_linear(lambda n, s: f"Han sagde {s} " + " ".join(["'ord"] * (n // 5)), facts.extract_quotes, 10_000)
    assert_linear(many_quotes, facts.extract_quotes, 25_000)
    assert_linear(lambda n, s: f"Han sagde {s}: " + "- . " * (n // 4), facts.extract_quotes, 10_000)


def test_quote_spans_are_unchanged_by_the_linear_scan() -> None:
    text = "- Vi er klar, siger han. Hun kalder det 'en god aftale' og »et skridt«.\n- Det er godt, siger hun."
    assert [text[a:b] for a, b in facts.extract_quotes(text)] == [
        "Vi er klar",
        "en god aftale",
        "et skridt",
        "Det er godt",
    ]


def test_a_run_of_thousands_of_digits_is_a_number_matched_as_written() -> None:
    """Python refuses to read more than 4,300 digits as a number, and reading fewer is quadratic."""
    source = "Regningen lød på " + "7" * 5000 + " kr. i går, skriver avisen."
    assert not facts.check("Regningen lød på " + "7" * 5000 + " kr.", source)
    assert [f.kind for f in facts.check("Regningen lød på " + "7" * 4999 + " kr.", source)] == ["number"]
    assert summarise(source + " Det er dyrt.", engine="lead").summary


def test_a_lead_around_one_huge_word_is_quick_and_named_not_analysed() -> None:
    opening = "Byrådet i Viborg har vedtaget budgettet for næste år. "
    started = time.perf_counter()
    result = summarise(opening + "Han sagde " + "." * 150_000 + " i går.", engine="lead")
    assert time.perf_counter() - started < 5.0
    assert result.summary


def test_the_analyser_answers_a_request_larger_than_its_pipes() -> None:
    from summarizer import morphology

    if not morphology.available():
        pytest.skip("Apertium is not installed")
    tokens = morphology.analyser(compounds=True).analyse_many([" ".join(["hej"] * 35_000)])[0]
    assert len(tokens) == 35_000
