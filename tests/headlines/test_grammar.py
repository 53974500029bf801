"""Rough clause tests: a verb, a subordinate clause, an attribution, a line in capitals."""

from __future__ import annotations

from summarizer import engines
from summarizer.article import Article
from summarizer.danish import DANGLING
from summarizer.headlines import (
    first_clause,
    has_verb,
    is_attribution_only,
    is_shouting,
    opens_subordinate_clause,
)
from summarizer.options import Options


def test_has_verb_tells_a_clause_from_a_noun_phrase():
    assert has_verb("Oppositionen er dog skeptisk")
    assert has_verb("Borgmesteren trækker sig")
    assert not has_verb("Venstres gruppeformand i byrådet")


def test_has_verb_reads_a_plural_noun_after_a_preposition_article_number_or_og_as_a_noun():
    assert not has_verb("Antallet af flygtninge og migranter")
    assert not has_verb("Natascha Linea med sin korte")
    assert not has_verb("De fleste ældre i går")
    assert has_verb("Tre kommuner giver rygere penge")
    assert has_verb("Han kom og spiste")


def test_lines_in_capitals_are_furniture_not_headlines():
    assert is_shouting("DELTAG I DEBATTEN HERUNDER:")
    assert is_shouting("ER DET RIMELIGT, AT SFO'ER ER DYRERE END BØRNEHAVER?")
    assert not is_shouting("NATO og EU mødes i Bruxelles om Ukraine.")
    assert not is_shouting("DSB")


def test_a_subordinate_clause_alone_is_no_headline():
    sentence = (
        "Når fodboldfans skal transporteres i tog til en kamp, sender DSB nu to fodboldguider med hvert "
        "eneste tog fra København."
    )
    assert first_clause(sentence) != "Når fodboldfans skal transporteres i tog til en kamp"
    body = f"{sentence}\n\nOrdningen har kørt siden august og koster DSB omkring 2 mio. kr. om året."
    draft = engines.get("extractive").summarise(Article(body=body), Options())
    assert not any(h.startswith("Når fodboldfans") for h in draft.headlines), draft.headlines


def test_a_sentence_that_only_names_the_source_is_no_headline():
    assert is_attribution_only("Det oplyser Lægemiddelstyrelsen på sin hjemmeside.")
    assert is_attribution_only("Det skriver Jyllands-Posten.")
    assert is_attribution_only("Det viser en ny undersøgelse fra Djøf.")
    assert not is_attribution_only("Det regner i hele landet i morgen.")
    assert not is_attribution_only("Lægemiddelstyrelsen oplyser, at pillen kan svigte.")


def test_selv_om_opens_a_subordinate_clause_and_grundet_dangles():
    assert opens_subordinate_clause("Selv om knæskaden er et alvorligt stød imod Citys drømme")
    assert opens_subordinate_clause("For selv om den faste fiskepige er en succes på nettet")
    assert not opens_subordinate_clause("Selv statsministeren var overrasket over tallene")
    assert "grundet" in DANGLING


def test_the_examples_in_the_module_docstrings_hold() -> None:
    import doctest
    import importlib

    module = importlib.import_module("summarizer.headlines.grammar")

    assert doctest.testmod(module).failed == 0
