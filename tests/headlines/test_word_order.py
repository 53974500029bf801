"""Danish word order in a headline: the actor first, the main clause first."""

from __future__ import annotations

from summarizer.headlines import (
    compress,
)


def test_compress_puts_the_key_actor_first():
    assert compress("Mandag fremlagde Aarhus Kommune en plan for nye cykelstier.") == (
        "Aarhus Kommune fremlagde en plan for nye cykelstier"
    )
    assert compress(
        "Formanden for KL, Jacob Bundsgaard, kalder udspillet for et skridt i den rigtige retning "
        "for alle landets skoler."
    ) == ("Jacob Bundsgaard kalder udspillet for et skridt i den rigtige retning")


def test_a_main_clause_after_a_subordinate_one_is_put_in_subject_verb_order():
    assert compress(
        "Når fodboldfans skal transporteres i tog til en kamp, sender DSB nu to fodboldguider med hvert tog."
    ) == "DSB sender nu to fodboldguider med hvert tog"


def test_the_party_letter_moves_with_the_name_it_belongs_to():
    assert compress("I dag meddelte Klaus Bondam (R), at han skifter job, og at han flytter til Bruxelles.") == (
        "Klaus Bondam (R) meddelte, at han skifter job"
    )


def test_the_examples_in_the_module_docstrings_hold() -> None:
    import doctest
    import importlib

    module = importlib.import_module("summarizer.headlines.word_order")

    assert doctest.testmod(module).failed == 0
