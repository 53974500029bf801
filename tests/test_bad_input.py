"""Bad input: a clear error or a result with a visible warning; never a traceback or a hang."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer import EmptyInput, SummarizerError, Summary, summarise, summarise_many
from summarizer.api import MAX_INPUT_CHARS
from summarizer.messages import code_of

STORY = (
    "Folketinget har torsdag vedtaget en ny lov om cykelhjelme for børn under 12 år. "
    "Loven træder i kraft 1. januar, og den gælder bl.a. for børn på ladcykler. "
    "- Det er en god dag for trafiksikkerheden, siger transportministeren."
)


def test_text_with_only_a_headline_is_a_clear_error() -> None:
    with pytest.raises(EmptyInput, match="kun en rubrik") as raised:
        summarise("Biden og Putin mødes om Ukraine")
    assert raised.value.code == "input.only_headline" and "»Biden og Putin mødes om Ukraine«" in str(raised.value)


def test_a_5_mb_text_is_cut_with_a_warning_in_bounded_time() -> None:
    huge = (STORY + "\n\n") * (5_000_000 // (len(STORY) + 2))
    started = time.perf_counter()
    result = summarise(huge, engine="extractive")
    assert time.perf_counter() - started < 60
    cut = [w for w in result.warnings if code_of(w) == "input.cut"]
    assert len(cut) == 1 and cut[0].startswith("Teksten er for lang og er skåret ned til de første 200.000 af ")
    assert result.summary and len(result.headlines) >= 3
    assert MAX_INPUT_CHARS == 200_000


def test_one_endless_sentence_without_punctuation_still_gives_a_bounded_summary() -> None:
    endless = " ".join(["regeringen vil investere i grøn omstilling og nye cykelstier"] * 3000)
    result = summarise(endless, engine="extractive", max_summary_words=35)
    assert 0 < len(result.summary.split()) <= 36  # a cut summary ends with "…"
    assert all(len(h) <= 70 for h in result.headlines)


def test_html_input_is_summarised_without_tags() -> None:
    html = f"<html><body><h1>Ny lov</h1><p>{STORY}</p><p>Loven blev vedtaget med stort flertal.</p></body></html>"
    result = summarise(html, engine="lead")
    assert "<" not in result.summary and "Folketinget" in result.summary


def test_text_in_another_language_works_with_a_warning() -> None:
    english = (
        "The government announced on Thursday that it will spend two billion on new bicycle lanes. "
        "The money will come from the climate fund, the minister said. "
        "Critics say the plan is not ambitious enough and that the lanes will take years to build."
    )
    result = summarise(english, engine="extractive")
    assert result.summary
    assert "Teksten ligner ikke dansk; resuméerne er lavet til danske nyheder." in result.warnings
    assert [code_of(w) for w in result.warnings].count("input.not_danish") == 1


def test_a_batch_with_bad_items_yields_every_item_in_order() -> None:
    results = list(summarise_many([STORY, "", STORY], engine="lead", errors="yield"))
    assert [type(r) for r in results] == [Summary, EmptyInput, Summary]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000))
def test_summarise_never_crashes_on_arbitrary_unicode(text: str) -> None:
    try:
        result = summarise(text, engine="extractive")
    except SummarizerError as error:
        assert str(error) and "\n" not in str(error)
        return
    assert isinstance(result.summary, str) and all(isinstance(h, str) for h in result.headlines)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(STORY.split() + ["\n\n", "»", "«", "- ", "æøå", "kl. 13.11", "."]), max_size=300))
def test_summarise_never_crashes_on_shuffled_danish_fragments(parts: list[str]) -> None:
    try:
        result = summarise(" ".join(parts), engine="extractive")
    except SummarizerError as error:
        assert str(error) and "\n" not in str(error)  # one clear line
        return
    assert result.engine == "extractive" and all(len(h) <= 70 for h in result.headlines)
