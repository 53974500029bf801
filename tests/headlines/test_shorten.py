"""What a headline does without, and only when the sentence is too long: roles, filler, adverbials."""

from __future__ import annotations

from summarizer.headlines import (
    compress,
)
from summarizer.headlines.shorten import drop_appositions


def test_compress_drops_the_role_before_a_name():
    got = compress(
        "Ruslands præsident, Vladimir Putin, og USA's præsident, Joe Biden, har indgået en principiel "
        "aftale om at mødes for at finde en løsning på Ukraine-konflikten."
    )
    assert got == "Vladimir Putin og Joe Biden indgår en principiel aftale om at mødes"
    assert len(got) <= 70


def test_a_role_inside_a_longer_party_name_is_left_alone():
    got = compress(
        "Men Kristelig Folkepartis leder, Knut Arild Hareide, chokerede sidst i september hele Norge med "
        "et nyt udspil om skatten."
    )
    assert "Kristelig Knut" not in got


def test_a_sentence_too_long_loses_its_opening_adverbial_rather_than_its_verb():
    got = compress(
        "Efter kun 69 minutter af kampen mod Werder Bremen blev Robert Skov skiftet ud med en knæskade, oplyser "
        "klubben."
    )
    assert got == "Robert Skov blev skiftet ud med en knæskade"


def test_a_sentence_too_long_loses_the_role_before_the_name_rather_than_be_cut_after_its_verb():
    got = compress(
        "Udlændinge- og integrationsminister Inger Støjberg (V) sørgede for at få ramadanen på dagsordenen i sommer."
    )
    assert got == "Inger Støjberg sørgede for at få ramadanen på dagsordenen i sommer"
    got = compress(
        "Hollywood-skuespilleren Charlie Sheen tager nu igen sin læge-ordinerede medicin mod hiv i en ny og dyr "
        "behandling."
    )
    assert got.startswith("Charlie Sheen tager nu igen sin læge-ordinerede medicin"), got


def test_a_sentence_that_fits_keeps_its_role_and_its_adverbs():
    assert compress("Udenrigsminister Lars Løkke Rasmussen rejser også til Kyiv.") == (
        "Udenrigsminister Lars Løkke Rasmussen rejser også til Kyiv"
    )


def test_shortening_never_edits_a_quote():
    got = compress(
        "Denne gang i forbindelse med hendes nye plade, »Nødigt, men dog gerne«, som har solgt under 400 "
        "eksemplarer på en måned."
    )
    assert "dog" in got or "Nødigt" not in got, got


def test_the_examples_in_the_module_docstrings_hold() -> None:
    import doctest
    import importlib

    module = importlib.import_module("summarizer.headlines.shorten")

    assert doctest.testmod(module).failed == 0


def test_a_time_word_before_the_role_goes_with_it():
    sentence = (
        "Partiets tidligere formand, Niels Holm, vender tilbage som formand, efter at den nuværende formand, "
        "Lise Berg, trak sig i går aftes efter blot tre uger på posten."
    )
    assert drop_appositions(sentence, 70).startswith("Niels Holm vender tilbage som formand")
