"""What a lead or headline may leave out of a body sentence, and what it must keep."""

from __future__ import annotations

from summarizer.engines.extractive import Sentence, editorial_factor, trimmed
from summarizer.text import words
from summarizer.trim import drop_time_adverbials, is_quote, removable_spans, without


def trim_all(sentence: str) -> str:
    """Every removable span out, one at a time (spans move after each cut)."""
    while spans := removable_spans(sentence):
        sentence = without(sentence, spans[0])
    return sentence


def test_a_parenthetical_aside_goes_but_a_party_letter_stays():
    assert trim_all("Mette Frederiksen (S) præsenterede planen (se grafik) på Marienborg.") == (
        "Mette Frederiksen (S) præsenterede planen på Marienborg."
    )


def test_a_headline_loses_a_time_adverbial_inside_the_sentence():
    assert drop_time_adverbials("Politiet anholdt torsdag aften en 45-årig mand i Vejle.") == (
        "Politiet anholdt en 45-årig mand i Vejle."
    )
    assert drop_time_adverbials("Byrådet vedtog i går budgettet for 2025.") == "Byrådet vedtog budgettet for 2025."


def test_a_lead_keeps_its_time_adverbials():
    # "lukket i weekenden" is not "lukket": when something happens is part of the claim.
    assert removable_spans("Butikken holder lukket i weekenden, oplyser ejeren.") == []


def test_a_sentence_opening_on_its_time_keeps_it():
    # "Mandag aften blev ..." without its opener would need the word order changed: left alone.
    assert (
        drop_time_adverbials("Mandag aften blev en mand anholdt i Aarhus.")
        == "Mandag aften blev en mand anholdt i Aarhus."
    )


def test_the_medium_after_a_verb_of_saying_goes():
    assert trim_all("Det oplyser vagtchef Jens Hansen fra Nordjyllands Politi til Ritzau.") == (
        "Det oplyser vagtchef Jens Hansen fra Nordjyllands Politi."
    )
    assert trim_all("Det siger hun til TV 2 Østjylland.") == "Det siger hun."
    assert trim_all("Det skriver Jyllands-Posten til DR Nyheder.") == "Det skriver Jyllands-Posten."


def test_a_place_after_til_is_not_a_medium():
    assert removable_spans("Han fortalte om turen til Paris.") == []


def test_attribution_and_conditions_stay():
    sentence = "Skatten på benzin stiger med 50 øre, hvis regeringen får flertal, siger økonomen Lars Olsen."
    assert trim_all(sentence) == sentence


def test_quotes_are_never_edited():
    for quote in (
        "- Vi er klar i dag, siger hun til TV 2.",
        "»Vi lukker skolen i morgen (som planlagt),« siger borgmesteren til Ritzau.",
        'Han kaldte det "en katastrofe i dag" over for Politiken.',
    ):
        assert is_quote(quote)
        assert removable_spans(quote) == []
        assert drop_time_adverbials(quote) == quote


def test_trimmed_drops_a_span_only_when_the_expected_rouge_rises():
    p = {"politiet": 0.9, "anholdt": 0.8, "en": 0.5, "mand": 0.7, "oplyser": 0.2, "ritzau": 0.0}
    sentence = "Politiet anholdt en mand, oplyser politiet til Ritzau."
    assert trimmed(sentence, p, 15.0) == "Politiet anholdt en mand, oplyser politiet."
    # A medium the lead is likely to name stays.
    p.update(til=0.9, ritzau=0.9)
    assert trimmed(sentence, p, 15.0) == sentence


def sentence(text: str, index: int) -> Sentence:
    raw = tuple(words(text))
    return Sentence(text, index, raw, tuple(w.lower() for w in raw))


def test_a_lead_opening_on_a_word_that_points_back_or_a_quote_ranks_lower():
    plain = editorial_factor(sentence("Regeringen vil hæve skatten på benzin.", 3))
    assert editorial_factor(sentence("Men regeringen vil hæve skatten på benzin.", 3)) < plain
    assert editorial_factor(sentence("- Vi vil hæve skatten på benzin, siger ministeren.", 3)) < plain
    assert editorial_factor(sentence("Regeringen vil hæve skatten på benzin.", 0)) > plain


def test_cutting_an_aside_glued_to_the_next_word_leaves_a_space():
    sentence = "Parret venter en dreng til december (Privatfoto)Se de hemmelige billeder, siger hun til Ritzau."
    assert "decemberSe" not in trim_all(sentence)
    assert trim_all(sentence).startswith("Parret venter en dreng til december Se de hemmelige billeder")


def test_a_time_adverbial_bound_to_the_words_around_it_stays():
    # Dropped alone, these would leave "Reglerne gælder fra." or "Butikken er lukket og.".
    for kept in (
        "Reglerne gælder fra i dag.",
        "På mandag vil en række folkeskoler være lukket.",
        "Mødet er flyttet til næste mandag.",
        "Svaret kommer senest fredag.",
        "Butikken er lukket mandag og tirsdag.",
        "Færgen sejlede natten til søndag.",
    ):
        assert drop_time_adverbials(kept) == kept


def test_a_second_sentence_that_is_a_dash_quote_ranks_the_pair_lower():
    # "Broen er den dyreste. - Det er svært at forestille sig ...": a dash-led quote is its own paragraph.
    first = sentence("En ny bro over Storstrømmen er den dyreste løsning.", 0)
    plain = editorial_factor(first, sentence("Men samfundsøkonomisk er den den mest fordelagtige.", 1))
    quoted = editorial_factor(first, sentence("- Det er svært at forestille sig noget bedre, siger hun.", 1))
    assert quoted < plain == editorial_factor(first)
