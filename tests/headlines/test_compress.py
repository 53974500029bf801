"""`compress`: a body sentence in headline shape, the rules in order."""

from __future__ import annotations

from summarizer.headlines import (
    AT_PHRASE,
    AT_WORD,
    WHOLE,
    compress,
    compress_how,
    first_clause,
)


def test_compress_drops_attribution_dateline_and_time_adverbial_and_keeps_the_quote_dash():
    assert compress("- Nu kommer pengene til skolerne, siger Mattias Tesfaye (S) til DR.") == (
        "- Nu kommer pengene til skolerne"
    )
    assert compress("Aarhus (Ritzau): Byrådet vedtog i aftes budgettet for næste år.") == (
        "Byrådet vedtog budgettet for næste år"
    )
    assert compress("Regeringen fremlægger mandag aften sin plan for skatten.") == (
        "Regeringen fremlægger sin plan for skatten"
    )


def test_compress_cuts_long_sentences_at_a_clause_with_a_verb():
    long = (
        "Regeringen vil bruge 2 mia. kr. på grønnere skoler, og pengene skal bl.a. gå til solceller og "
        "cykelparkering ved 400 skoler."
    )
    assert compress(long, 70) == "Regeringen vil bruge 2 mia. kr. på grønnere skoler"
    assert first_clause("Venstres gruppeformand i byrådet, Mette Lund, er skeptisk over for planen.") != (
        "Venstres gruppeformand i byrådet"
    )


def test_a_parenthesis_glued_to_the_next_word_leaves_a_space():
    # Scraped copy: "(Privatfoto)Se de ..." must not become the made-up word "decemberSe".
    assert "decemberSe" not in compress("Parret venter en dreng til december (Privatfoto)Se de hemmelige billeder.")


def test_a_headline_does_not_open_on_men_or_og():
    assert compress("Men nu har kommunens egne politikere valgt at frede rådhuset.") == (
        "Nu har kommunens egne politikere valgt at frede rådhuset"
    )
    assert compress("Og så er der området, hvor folk slukker tørsten.").startswith("Så er der området")


def test_compress_how_tells_a_fragment_from_a_cut_at_a_phrase_boundary():
    whole = compress_how("Skolen i Vorupør lukker efter sommerferien.")
    phrase = compress_how(
        "Episoden fandt sted på værtshuset Stalden på Låsbybanke i Kolding klokken 01.00 lørdag 15. august."
    )
    fragment = compress_how(
        "Med fængslingen af en 20-årig mand valgte politiet samtidig at gå ud med et signalement af hans to "
        "medgerningsmænd."
    )
    assert whole == ("Skolen i Vorupør lukker efter sommerferien", WHOLE)
    assert phrase[1] == AT_PHRASE and phrase[0].endswith("i Kolding"), phrase
    assert fragment[1] == AT_WORD, fragment


def test_the_examples_in_the_module_docstrings_hold() -> None:
    import doctest
    import importlib

    module = importlib.import_module("summarizer.headlines.compress")

    assert doctest.testmod(module).failed == 0
