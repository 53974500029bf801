"""Headline form (Hedge Trimmer): the words a Danish headline writer leaves out go before anything is cut."""

from __future__ import annotations

import pytest

from summarizer import morphology
from summarizer.headlines.compress import compress_how
from summarizer.headlines.cuts import WHOLE
from summarizer.headlines.headline_form import (
    drop_indefinite_articles,
    drop_purpose_clause,
    drop_relative_clauses,
    drop_subordinate_clause,
    headline_form,
    present_for_perfect,
)

needs_apertium = pytest.mark.skipif(not morphology.available(), reason="Apertium's Danish analyser is not installed")


@needs_apertium
def test_the_perfect_becomes_the_present_as_headlines_tell_news() -> None:
    sentence = "Kommunen har lukket skolen i Vester Hassing"
    assert present_for_perfect(sentence) == "Kommunen lukker skolen i Vester Hassing"


@needs_apertium
def test_adverbs_between_har_and_the_participle_stay_after_the_new_verb() -> None:
    assert present_for_perfect("Politiet har ikke anholdt nogen i sagen") == "Politiet anholder ikke nogen i sagen"


@needs_apertium
def test_a_verb_first_clause_keeps_its_perfect() -> None:
    assert present_for_perfect("Har regeringen glemt landdistrikterne") == "Har regeringen glemt landdistrikterne"


@needs_apertium
def test_the_object_and_subject_lose_their_indefinite_article() -> None:
    assert drop_indefinite_articles("Byrådet vedtager en ny plan for havnen") == "Byrådet vedtager ny plan for havnen"
    assert drop_indefinite_articles("En 45-årig mand sigtes for røveri") == "45-årig mand sigtes for røveri"


@needs_apertium
def test_an_article_after_a_preposition_or_in_en_af_stays() -> None:
    assert drop_indefinite_articles("Huset blev solgt til en pris på tre millioner") == (
        "Huset blev solgt til en pris på tre millioner"
    )
    assert drop_indefinite_articles("Hun vandt en af de største priser") == "Hun vandt en af de største priser"


@needs_apertium
def test_a_closing_purpose_clause_goes() -> None:
    assert drop_purpose_clause("Landets ledere mødes i Genève for at finde en løsning på krisen.") == (
        "Landets ledere mødes i Genève"
    )


@needs_apertium
def test_for_at_that_completes_the_verb_before_it_stays() -> None:
    sentence = "Ministeren sørgede for at få sagen på dagsordenen"
    assert drop_purpose_clause(sentence) == sentence


@needs_apertium
def test_a_closing_subordinate_clause_goes() -> None:
    sentence = "En 52-årig mand fra Vejle får en bøde, fordi han smed en pizzabakke ud af bilruden."
    assert drop_subordinate_clause(sentence) == "En 52-årig mand fra Vejle får en bøde"


@needs_apertium
def test_a_relative_clause_between_commas_goes() -> None:
    assert drop_relative_clauses("Manden, der bor i Aarhus, har vundet i lotto") == "Manden har vundet i lotto"


@needs_apertium
def test_a_relative_clause_stays_where_no_verb_would_be_left() -> None:
    caption = "Borgmesteren med sin nye cykel, som hun købte i foråret"
    assert drop_relative_clauses(caption) == caption


@needs_apertium
def test_a_sentence_that_fits_keeps_its_own_words() -> None:
    sentence = "Regeringen har fremlagt en plan for psykiatrien"
    assert headline_form(sentence, 70) == sentence


@needs_apertium
def test_the_news_sentence_fits_whole_instead_of_being_cut() -> None:
    sentence = (
        "Danmarks statsminister, Mette Frederiksen, og Sveriges statsminister, Ulf Kristersson, har indgået en "
        "aftale om at samarbejde for at sikre broen over Øresund."
    )
    headline, how = compress_how(sentence, 70)
    assert how == WHOLE, headline
    assert headline == "Mette Frederiksen og Ulf Kristersson indgår aftale om at samarbejde"


def test_without_the_analyser_the_text_is_left_as_it_is(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv("SUMMARIZER_APERTIUM_DIR", str(tmp_path / "intet"))
    sentence = "Kommunen har besluttet at lukke skolen i Vester Hassing efter sommerferien i år"
    assert headline_form(sentence, 40) == sentence
