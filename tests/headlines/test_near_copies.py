"""Near-copies: two alternatives that say the same are not both offered."""

from __future__ import annotations

from summarizer.headlines import (
    NEAR_COPY_JACCARD,
    is_near_copy,
    jaccard,
)


def test_near_copy_bound_is_jaccard_over_content_words():
    # Function words do not count: these share every content word.
    assert jaccard("Skolerne får solceller", "Skolerne får nu solceller på taget") < 1.0
    assert jaccard("Skolerne får solceller", "skolerne får solceller") == 1.0
    assert is_near_copy("Skolerne får solceller", ["skolerne får solceller"])
    assert not is_near_copy("Lærerne mangler i klasselokalerne", ["Skolerne får solceller"])


def test_a_headline_with_words_added_at_the_end_is_a_near_copy_of_the_shorter_one():
    short, longer = "- Han befinder sig i toget", "- Han befinder sig i toget, da gerningsmanden kommer ind"
    assert jaccard(short, longer) <= NEAR_COPY_JACCARD  # the overlap alone lets the pair through
    assert is_near_copy(longer, [short]) and is_near_copy(short, [longer])
    assert not is_near_copy("Han befinder sig nu i Aarhus", [short])
    # A "Navn: citat" and the same quote without its speaker are one headline too.
    assert is_near_copy("- Aalborg har noget at glæde sig", ["Møllgaard: Aalborg har noget at glæde sig til"])


def test_the_examples_in_the_module_docstrings_hold() -> None:
    import doctest
    import importlib

    module = importlib.import_module("summarizer.headlines.near_copies")

    assert doctest.testmod(module).failed == 0
