"""The quote rule and the clause support check (`summarizer.support`) on Danish written for these tests: what
they must drop (a quote nobody said, a reversed relation, a swapped number, an added negation) and what they
must keep (a faithful paraphrase, a quote as said, a cut of it)."""

from __future__ import annotations

import pytest

from summarizer import morphology, support

pytestmark = pytest.mark.skipif(not morphology.available(), reason=morphology.UNAVAILABLE_MESSAGE)

ULYKKE = (
    "En bilist ramte mandag eftermiddag en 16-årig knallertkører på Vejlevej i Kolding. Knallertkøreren kom let "
    "til skade og blev kørt på sygehuset.\n\n"
    "Politiet anholdt senere 3 mænd og beslaglagde 12 kilo hash i en lejlighed i byen.\n\n"
    "- Vi tager den slags meget alvorligt, og vi efterforsker nu, om sagerne hænger sammen, siger vagtchef "
    "Jens Holm fra Sydøstjyllands Politi.\n\n"
    "Borgmester Marie Lund (V) siger til TV Syd, at krydset er farligt for bløde trafikanter. »Vi har bedt om en "
    "ny cykelsti i flere år«, siger hun."
)


def codes(text: str, kind: str = "headline", body: str = ULYKKE) -> list[str]:
    return [p.code for p in support.check(text, kind, body)]


# -- the quote rule ----------------------------------------------------------------------------------------------


def test_a_quote_as_said_and_a_contiguous_cut_of_it_are_kept():
    assert codes("Jens Holm: Vi tager den slags meget alvorligt") == []
    assert codes("Vagtchef: Vi efterforsker nu, om sagerne hænger sammen") == []
    assert codes("Marie Lund: »Vi har bedt om en ny cykelsti i flere år«") == []  # "siger hun": the one before


def test_words_put_in_a_mouth_are_an_invented_quote():
    # Said, but by the police, not the mayor.
    assert codes("Marie Lund: Vi tager den slags meget alvorligt") == ["invented_quote"]
    # Nobody said it (a first-person statement with a speaker's name is a quote).
    assert codes("Jens Holm: Vi har styr på sagen") == ["invented_quote"]
    # Not a contiguous cut: words left out from inside the quote.
    assert codes("Jens Holm: Vi tager den slags alvorligt") == ["invented_quote"]
    # In quotation marks, but not as said.
    assert codes("Borgmester: »Krydset er livsfarligt«") == ["invented_quote"]


def test_indirect_speech_is_what_the_article_attributes_too():
    assert codes("Marie Lund: Krydset er farligt for bløde trafikanter") == []
    assert codes("Jens Holm: Krydset er farligt for bløde trafikanter") == ["invented_quote"]


def test_a_first_person_quote_with_its_speaker_after_it_is_checked_as_a_quote():
    assert codes("Vi har styr på sagen, siger Jens Holm") == ["invented_quote"]
    assert codes("- Vi tager den slags meget alvorligt, siger Jens Holm") == []


def test_a_role_the_article_quotes_is_a_speaker_and_must_be_quoted_as_said():
    # "Politiet" names Sydøstjyllands Politi, whose vagtchef speaks: what follows is his words or nobody's.
    assert codes("Politiet: Vi tager den slags meget alvorligt") == []
    assert codes("Politiet: Vi har styr på sagen") == ["invented_quote"]
    assert codes("Politiet: Tre mænd anholdt for knallertulykke") == ["invented_quote"]
    # A label the article quotes nobody under stays a topic, and the support check reads the statement.
    assert codes("Kolding: Bilist ramte knallertkører") == []


# -- the clause support check ------------------------------------------------------------------------------------


def test_a_faithful_paraphrase_is_kept():
    assert codes("Knallertkører ramt af bilist i Kolding") == []  # passive for active, the roles kept
    assert codes("Bilist ramte 16-årig knallertkører") == []
    assert codes("Politiet anholdt 3 mænd") == []
    assert codes("Knallertkøreren kom let til skade", "lead") == []
    lead = "En bilist ramte mandag en 16-årig knallertkører i Kolding. Knallertkøreren blev kørt på sygehuset."
    assert codes(lead, "lead") == []


def test_a_reversed_relation_is_unsupported():
    assert codes("16-årig knallertkører ramte bilist") == ["unsupported"]
    assert codes("Bilist ramt af knallertkører") == ["unsupported"]


def test_a_swapped_number_is_unsupported():
    assert codes("Politiet anholdt 12 mænd") == ["unsupported"]
    assert codes("Politiet beslaglagde 3 kilo hash") == ["unsupported"]


def test_an_added_negation_is_unsupported_and_a_dropped_one_too():
    assert codes("Knallertkøreren kom ikke til skade") == ["unsupported"]
    body = "Rusland vil ikke invadere Ukraine, siger Kreml. Forhandlingerne fortsætter i Genève."
    assert codes("Rusland vil invadere Ukraine", body=body) == ["unsupported"]
    assert codes("Rusland vil ikke invadere Ukraine", body=body) == []


def test_words_the_article_has_but_never_together_are_unsupported():
    # "Soldaterne skal hjem" from a story on soldiers going to Iraq.
    body = "De danske soldater skal til Irak i marts. Forsvaret sender 300 soldater af sted fra Holstebro."
    assert codes("Irak: Soldaterne skal hjem", body=body) == ["unsupported"]
    assert codes("Soldater skal til Irak i marts", body=body) == []
    nasa = ("Nasa giver Boeing og SpaceX 6,8 milliarder dollar til at bygge rumkapsler. "
            "Kapslerne skal flyve astronauter til rumstationen. "
            "Et tredje firma, Sierra Nevada, havde bygget Liberty-raketten, men fik intet.")  # fmt: skip
    assert codes("Nasa giver Boeing og SpaceX 6,8 milliarder for Liberty-raket", body=nasa) == ["unsupported"]
    assert codes("Nasa giver Boeing og SpaceX 6,8 milliarder dollar", body=nasa) == []


def test_a_lead_keeps_its_supported_first_sentences():
    lead = "En bilist ramte mandag en 16-årig knallertkører i Kolding. Knallertkøreren kom ikke til skade."
    assert support.supported_prefix(lead, ULYKKE) == "En bilist ramte mandag en 16-årig knallertkører i Kolding."
    assert support.supported_prefix("Knallertkøreren ramte bilisten.", ULYKKE) == ""
