"""The public API: summarise() on the project's own Ritzau-style sample."""

from pathlib import Path

import pytest

from summarizer import EmptyInput, UnknownEngine, summarise

SAMPLE = Path(__file__).parent.parent / "data/samples/plain/cykelstier-aarhus.txt"


def test_summarise_returns_a_summary_from_the_engine_that_ran() -> None:
    result = summarise(SAMPLE.read_text(encoding="utf-8"), engine="lead")
    assert result.engine == "lead"
    assert result.summary.startswith("Aarhus Kommune har mandag fremlagt en plan")
    assert result.article.headline == "Aarhus vil bruge 145 millioner på cykelstier"


def test_unknown_engine_names_the_valid_ones() -> None:
    with pytest.raises(UnknownEngine, match="vælg en af: auto, lead, extractive") as raised:
        summarise(SAMPLE.read_text(encoding="utf-8"), engine="gpt")
    assert raised.value.code == "engine.unknown"


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_text_is_a_clear_error(text: str) -> None:
    with pytest.raises(EmptyInput, match="Teksten er tom") as raised:
        summarise(text)
    assert raised.value.code == "input.empty"
