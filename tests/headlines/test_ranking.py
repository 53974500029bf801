"""`finalise`: the gate every engine's headline candidates pass (tidy, limit, distinct, topped up)."""

from __future__ import annotations

import itertools

import pytest
from headline_samples import BODY, article, last_word

from summarizer.danish import DANGLING
from summarizer.headlines import (
    NEAR_COPY_JACCARD,
    finalise,
    jaccard,
    strip_dangling,
)
from summarizer.options import Options


def test_no_trailing_full_stop():
    out = finalise(["Regeringen vil bruge 2 mia. kr. på grønnere skoler."], article(), Options())
    assert out[0] == "Regeringen vil bruge 2 mia. kr. på grønnere skoler"
    assert not any(h.endswith(".") and not h.endswith(("kr.", "mio.", "mia.", "pct.")) for h in out)


def test_no_dangling_conjunction_or_preposition_at_the_end():
    long = (
        "Statsministeren vil i næste uge fremlægge en plan for flere boliger til unge studerende i de største "
        "byer og på landet"
    )
    for candidate in (long, "Borgmesteren går af efter sagen om", "Vi kommer tilbage og"):
        for h in finalise([candidate], article(), Options(max_headline_chars=60)):
            assert last_word(h) not in DANGLING, h
    assert strip_dangling("Planen hviler på besparelser, som") == "Planen hviler på besparelser"
    assert strip_dangling("Borgmesteren går af efter sagen om") == "Borgmesteren går af efter sagen"


def test_every_alternative_is_within_the_character_limit():
    for limit in (30, 50, 70):
        out = finalise([BODY.split("\n\n")[0]], article(), Options(max_headline_chars=limit))
        assert out and all(len(h) <= limit for h in out), (limit, out)


def test_at_least_three_distinct_alternatives_even_when_the_engine_gives_none():
    out = finalise([], article(), Options())
    assert len(out) == 5
    assert len({h.lower() for h in out}) == len(out)


def test_a_body_of_one_sentence_still_gets_three_distinct_alternatives():
    body = "Aarhus Kommune vil bygge 38 kilometer nye cykelstier i midtbyen inden 2030."
    out = finalise([], article(body), Options())
    assert len(out) >= 3
    assert len({h.lower() for h in out}) == len(out)
    assert all(last_word(h) not in DANGLING for h in out)


def test_no_two_alternatives_are_near_copies():
    candidates = [
        "Regeringen vil bruge 2 mia. kr. på grønnere skoler",
        "Regeringen vil nu bruge 2 mia. kr. på grønnere skoler",  # a near-copy of the first
        "Regeringen bruger 2 mia. kr. på grønnere skoler",  # also one
        "Lærerne mangler i klasselokalerne",
    ]
    out = finalise(candidates, article(), Options())
    assert "Regeringen vil nu bruge 2 mia. kr. på grønnere skoler" not in out
    assert "Lærerne mangler i klasselokalerne" in out
    for a, b in itertools.combinations(out, 2):
        assert jaccard(a, b) <= NEAR_COPY_JACCARD, (a, b)


def test_finalise_tops_up_with_navn_citat_for_any_engine():
    out = finalise(["Regeringen vil bruge 2 mia. kr. på grønnere skoler"], article(), Options())
    assert any(": " in h and h.split(": ")[0] in {"Tesfaye", "Madsen", "KL"} for h in out), out


@pytest.mark.parametrize("limit", [20, 35, 70, 120])
def test_rules_hold_for_every_alternative(limit):
    out = finalise([], article(), Options(max_headline_chars=limit))
    assert len(out) >= 3
    for h in out:
        assert len(h) <= limit
        assert not h.endswith((".", ",", ";", ":", "-"))
        assert last_word(h) not in DANGLING


def test_one_or_two_word_fragments_are_not_offered_as_headlines():
    out = finalise(["Med", "Den største", "Regeringen vil bruge 2 mia. kr. på grønnere skoler"], article(), Options())
    assert "Med" not in out and "Den største" not in out
    assert out[0] == "Regeringen vil bruge 2 mia. kr. på grønnere skoler"


def test_a_short_body_gets_three_alternatives_that_respect_the_near_copy_bound():
    body = (
        "Politiet i Aalborg efterlyser vidner til et indbrud i en guldsmedeforretning på Bispensgade natten "
        "til søndag. Tyvene slap væk med smykker for omkring 300.000 kroner."
    )
    out = finalise([], article(body), Options())
    assert len(out) >= 3
    for a, b in itertools.combinations(out, 2):
        assert jaccard(a, b) <= NEAR_COPY_JACCARD, (a, b)


def test_the_examples_in_the_module_docstrings_hold() -> None:
    import doctest
    import importlib

    module = importlib.import_module("summarizer.headlines.ranking")

    assert doctest.testmod(module).failed == 0


def test_the_package_examples_hold() -> None:
    import doctest

    from summarizer import headlines

    assert doctest.testmod(headlines).failed == 0
