"""Quotes: "Navn: citat", dash-led quotes, and quote marks that open and close."""

from __future__ import annotations

from headline_samples import BODY

from summarizer import engines
from summarizer.article import Article
from summarizer.headlines import (
    WHOLE,
    balance_quotes,
    compress,
    compress_how,
    guillemet_headline,
    quote_headline,
    quote_headlines,
    quote_sentences,
    strip_dangling,
)
from summarizer.options import Options


def test_navn_citat_from_a_dash_quote():
    got = quote_headline("- Vi er altid klar til diplomati, siger Blinken.")
    assert got == "Blinken: Vi er altid klar til diplomati"


def test_navn_citat_takes_the_surname_and_drops_title_and_party():
    got = quote_headline(
        "- Vi er altid klar til at lytte til eleverne. Nu kommer pengene, "
        "siger undervisningsminister Mattias Tesfaye (S)."
    )
    assert got == "Tesfaye: Vi er altid klar til at lytte til eleverne"


def test_navn_citat_resolves_siger_han_from_the_paragraph_before():
    got = quote_headline(
        "- Det er fint med solceller, men vi mangler lærere i klasselokalerne, siger han.",
        "Formand for Danmarks Lærerforening Gordon Ørskov Madsen er mere forbeholden.",
    )
    # The whole quote would pass 70 characters, so it is cut at the clause break.
    assert got == "Madsen: Det er fint med solceller"


def test_no_navn_citat_without_a_speaker_or_for_a_question():
    assert quote_headline("- Vi er klar til at gå i gang med det samme.") is None
    assert quote_headline("- Hvor er trafikkampagnerne henne i år, spørger han.") is None
    assert quote_headline("- Hvor er pengene til de nye lærere?, siger Mette Lund.") is None


def test_navn_citat_from_guillemets():
    got = guillemet_headline("Formanden, Mette Lund, kalder planen for »et luftkastel uden finansiering«.")
    assert got == "Lund: Et luftkastel uden finansiering"


def test_quote_headlines_finds_every_quote_in_the_body():
    got = quote_headlines(BODY)
    assert "Tesfaye: Vi er altid klar til at lytte til eleverne" in got
    assert any(h.startswith("Madsen: Det er fint med solceller") for h in got)


def test_a_quote_opening_with_a_subordinate_clause_gives_its_main_clause():
    got = quote_headline(
        "- Indtil kampvognene rent faktisk ruller, vil vi bruge hvert minut på diplomati, siger Blinken."
    )
    assert got == "Blinken: Vi vil bruge hvert minut på diplomati"


def test_a_closing_guillemet_stays_and_an_opening_one_left_dangling_goes() -> None:

    assert strip_dangling("Borgmester: »Vi ved det ikke«") == "Borgmester: »Vi ved det ikke«"
    assert strip_dangling("Borgmesteren kalder planen »") == "Borgmesteren kalder planen"


def test_a_quote_of_several_sentences_gives_its_first_sentence_closed():
    assert compress('"Det bliver en svær kamp. De er favoritter og har vundet alt," siger træneren.') == (
        '"Det bliver en svær kamp"'
    )


def test_a_quote_cut_at_the_limit_is_closed_within_the_limit():
    h = compress(
        "»Vi står over for et større gennembrud for elbiler, og en af de ting, der skal til, er ladestandere", 45
    )
    assert h.startswith("»") and h.endswith("«") and len(h) <= 45


def test_a_quote_cut_mid_phrase_shows_the_omission():
    # Closed as if whole, "»... at sammenligne Skat«" would put words in the speaker's mouth.
    h = compress(
        "»Jeg synes, det er fuldstændig uacceptabelt at sammenligne Skat med de private inkassofirmaer, "
        "der opererer i Danmark«, siger han."
    )
    assert h == "»Jeg synes, det er fuldstændig uacceptabelt at sammenligne Skat …«"
    assert compress(h) == h  # finalise tidies every candidate again: the mark survives


def test_no_navn_citat_from_a_quote_cut_mid_phrase():
    assert (
        quote_headline(
            "- Vi har i mange år arbejdet målrettet for at skaffe flere penge til de små skoler i landdistrikterne "
            "i hele regionen, siger borgmester Jens Hansen."
        )
        is None
    )


def test_the_end_of_a_quote_opened_earlier_is_marked_as_a_quote():
    assert balance_quotes("Derfor er det for simpelt at regulere efter CO2,« siger han") == (
        "»Derfor er det for simpelt at regulere efter CO2«"
    )


def test_an_open_parenthesis_goes_with_what_follows_it():
    assert balance_quotes("Politiet efterlyser en mand (omkring 30 år") == "Politiet efterlyser en mand"


def test_balanced_headlines_are_left_alone():
    for h in (
        "Lund: »Et luftkastel uden finansiering«",
        'Minister kalder planen "et luftkastel"',
        "Aarhus (Ritzau) vedtager budget",
    ):
        assert balance_quotes(h) == h


def test_navn_citat_names_the_person_not_the_place_they_are_from():
    quote = "- Det er ikke overraskende, at regionerne bliver overset, siger lektor Roger Buch fra Syddansk Universitet"
    assert quote_headline(quote) == "Buch: Det er ikke overraskende, at regionerne bliver overset"
    spokesman = "- Vi har ikke flere oplysninger om sagen i aften, siger en talsmand fra Rigspolitiet."
    assert quote_headline(spokesman) == "Rigspolitiet: Vi har ikke flere oplysninger om sagen i aften"


def test_a_quote_without_its_speaker_keeps_the_dash_and_its_own_words():
    # Without the dash "Jeg er dybt berørt" would read as the paper's own words; and a quote is never edited,
    # so its time adverbial stays (the fact flags would call the shortened quote unsupported).
    assert compress("- Jeg er dybt berørt over drabet i dag, siger Inger Støjberg.") == (
        "- Jeg er dybt berørt over drabet i dag"
    )
    assert compress("- Jeg talte med Antonio (Porta, red.) i sommer, og jeg synes godt om klubben.") == (
        "- Jeg talte med Antonio (Porta, red.) i sommer"
    )
    assert compress_how("Det er ganske enkelt forfærdeligt, siger hun.", quote=True) == (
        "- Det er ganske enkelt forfærdeligt",
        WHOLE,
    )


def test_every_sentence_of_a_quote_paragraph_is_known_as_a_quote():
    body = (
        "Et drab i Aarhus har rystet ministeren.\n\n"
        "- Det er en tragedie. Jeg er dybt berørt, siger Inger Støjberg.\n\n"
        "Politiet efterforsker sagen."
    )
    assert quote_sentences(body) == {"- Det er en tragedie.", "Jeg er dybt berørt, siger Inger Støjberg."}


def test_the_extractive_engine_offers_no_quote_sentence_as_the_papers_own_words():
    body = (
        "En 28-årig mand er anholdt for drabet på en kvinde i Aarhus natten til søndag.\n\n"
        "- Det er med stor sorg, at jeg har modtaget meddelelsen. Jeg er dybt berørt, siger "
        "udlændinge- og integrationsminister Inger Støjberg (V).\n\n"
        "Politiet vil ikke oplyse, hvordan kvinden blev dræbt."
    )
    heads = engines.get("extractive").summarise(Article(body=body), Options()).headlines
    quoted = [h for h in heads if "berørt" in h or "sorg" in h]
    assert quoted, heads
    assert all(h.startswith(("- ", "Støjberg: ")) for h in quoted), quoted


def test_the_examples_in_the_module_docstrings_hold() -> None:
    import doctest
    import importlib

    module = importlib.import_module("summarizer.headlines.quotes")

    assert doctest.testmod(module).failed == 0
