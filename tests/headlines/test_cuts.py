"""Where a cut may fall: never on a preposition, an auxiliary, half a phrase or a verb without its object."""

from __future__ import annotations

import pytest

from summarizer.headlines import (
    AT_PHRASE,
    AT_WORD,
    WHOLE,
    compress,
    compress_how,
    first_clause,
)


@pytest.mark.parametrize(
    ("sentence", "fragment"),
    [
        (  # an adjective without its noun
            "Natascha Linea med sin korte, mørke frisure, som hun havde i januar 2015.",
            "Natascha Linea med sin korte",
        ),
        (  # the verb without its subject, which comes after it in Danish word order
            "I dette drama skildres den hidtil ukendte historie bag astronauternes heltemod og den teknologi, som "
            "muliggjorde den imponerende mission.",
            "I dette drama skildres",
        ),
        (  # "få ... til at" is one verb
            "Det får USA's Nationale Orkancenter til at opgradere Bill til en kategori 4-orkan.",
            "Det får USA's Nationale Orkancenter",
        ),
        (  # a subject and a relative clause without a comma, and no main verb
            "Teknologi der udelukkende er baseret på industrialiseringens erfaringer er forældede, og Steen "
            "Rasmussen er overbevist om, at udviklingen af kunstigt liv ligger i forståelsen af celler.",
            "Teknologi der udelukkende er baseret",
        ),
    ],
)
def test_a_cut_that_lacks_a_verb_its_subject_or_a_noun_is_a_fragment_not_a_headline(sentence, fragment):
    headline, how = compress_how(sentence)
    assert headline != fragment
    assert first_clause(headline, compressed=True) != fragment
    assert how == AT_WORD  # no phrase boundary left a headline: a fragment, and ranked as one


@pytest.mark.parametrize(
    ("sentence", "not_a_headline"),
    [
        (  # the cut came after "at", and dropping the dangling "at" hid that the clause the verb needs is gone
            "Danske Anlægsentreprenører vurderer desuden, at de mange anlægsarbejder, som aftalen om Togfonden "
            "fører med sig, vil betyde en markant styrkelse af den kollektive trafik.",
            "Danske Anlægsentreprenører vurderer desuden",
        ),
        (  # inverted after "Sådan": the modal's verb comes at the end
            "Sådan kan tilstanden mellem Khloé Kardashian, 31, og Caitlyn Jenner, 66, bedst beskrives.",
            "Sådan kan tilstanden mellem Khloé Kardashian, 31, og Caitlyn Jenner",
        ),
        (  # "af" belongs to the noun before it
            "Siden weekenden har Villy Søvndal i sin egenskab af kombineret partiformand og udenrigsminister i den "
            "grad bragt sig selv i fokus, fordi han hurtigt påpegede vanskeligheder ved pagten.",
            "Siden weekenden har Villy Søvndal i sin egenskab",
        ),
        (  # inverted after "Siden weekenden": the auxiliary's participle is gone with the cut
            "Siden weekenden har Villy Søvndal i sin egenskab af kombineret partiformand og udenrigsminister i den "
            "grad bragt sig selv i fokus, fordi han hurtigt påpegede vanskeligheder ved pagten.",
            "Siden weekenden har Villy Søvndal",
        ),
        (  # "komme til at" is one verb
            "Den nye politiskole i det vestlige Danmark kommer til at ligge i eksisterende bygninger.",
            "Den nye politiskole i det vestlige Danmark kommer",
        ),
        (  # a cleft's point comes after its "der"
            "Det er ikke alle kommuner i hovedstadsområdet, der står til at tabe i alle modeller, men de fleste gør.",
            "Det er ikke alle kommuner i hovedstadsområdet",
        ),
    ],
)
def test_a_cut_at_a_phrase_boundary_keeps_what_the_words_before_it_need(sentence, not_a_headline):
    headline, how = compress_how(sentence)
    assert not (headline == not_a_headline and how != AT_WORD), (headline, how)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(  # "penge" is a plural noun, not an adjective waiting for its noun
            "Manden har mistet alle sine penge, efter at han i foråret investerede i kryptovaluta gennem en svensk "
            "platform.",
            ("Manden mister alle sine penge", WHOLE),  # headline form: the perfect in the present
            id="plural-noun-after-a-possessive",
        ),
        pytest.param(  # no focus adverb: no cleft, so the cut before "og" stands
            "Det er en stor dag for hele byen og for alle de frivillige, der har arbejdet på projektet i over ti år.",
            ("Det er en stor dag for hele byen og for alle de frivillige", WHOLE),  # the relative clause goes
            id="det-er-without-a-focus-adverb",
        ),
        pytest.param(  # after a participle "af" opens the agent, and the cut before it is fine
            "En 25-årig mand blev i nat anholdt af politiet i Aarhus efter et røveri mod en kiosk på Frederiksbjerg.",
            ("25-årig mand blev anholdt af politiet i Aarhus efter et røveri", AT_PHRASE),  # no subject article
            id="af-after-a-participle",
        ),
        pytest.param(  # a relative clause without a comma may come before the main verb
            "Borgmesteren der blev valgt i går vil sænke skatten i kommunen med et helt procentpoint fra næste år og "
            "frem.",
            ("Borgmesteren der blev valgt vil sænke skatten i kommunen", AT_PHRASE),
            id="relative-clause-before-the-main-verb",
        ),
    ],
)
def test_the_cut_rules_leave_a_whole_clause_whole(sentence, expected):
    assert compress_how(sentence) == expected


def test_a_cut_never_leaves_a_particle_torn_from_its_preposition():
    # Not "... Sergio Agüero i op": "op til seks uger" is one phrase.
    h = compress("Manchester City må undvære sin topscorer Sergio Agüero i op til seks uger på grund af en skade.")
    assert h == "Manchester City må undvære sin topscorer Sergio Agüero"


def test_a_cut_never_ends_on_a_verb_whose_at_clause_it_drops():
    # Not "De nyeste tal fra Rigspolitiet viser": the clause after "at" is what the numbers show.
    h = compress(
        "De nyeste tal fra Rigspolitiet viser, at 5.800 flygtninge er ankommet til Danmark siden "
        "den 6. september, hvor grænsen blev åbnet."
    )
    assert not h.endswith("viser"), h
    decision = "Regeringen har besluttet at lukke tre kaserner i Jylland og to på Sjælland inden udgangen af 2027."
    assert compress(decision) != "Regeringen har besluttet"


def test_a_first_clause_is_never_a_verb_missing_its_at_clause():
    sentence = "Villy Søvndal mener selv, at SF kan stille krav om en folkeafstemning om euroen."
    assert first_clause(sentence) != "Villy Søvndal mener selv"


def test_a_cut_never_ends_on_an_auxiliary():
    h = compress(
        "Præsident Barack Obama og Mitt Romney har i aftes mødtes til den anden tv-debat, hvor økonomien "
        "og skatterne fyldte mest."
    )
    assert h.split()[-1] not in {"har", "er", "vil", "skal", "kan"}, h
    h = compress(
        "Tidsplanen for byggeriet af den nye bro over Limfjorden vil blive fastlagt af Vejdirektoratet "
        "senere på måneden."
    )
    assert not h.endswith("vil blive"), h


def test_a_condition_is_never_dropped_from_its_claim():
    # "Dansk Folkeparti stemmer imod finansloven" is not what the sentence says.
    sentence = "Hvis regeringen ikke vil forhandle, stemmer Dansk Folkeparti imod finansloven."
    assert not compress(sentence).startswith("Dansk Folkeparti stemmer")
    assert not compress("Hvis vi ikke får pengene, lukker vi skolen, siger borgmesteren.").startswith("Vi lukker")


def test_a_cut_never_ends_on_half_a_compound_or_a_bare_subject():
    h = compress(
        "Anmelderklubben på Varde Bibliotek blev inspireret af bog- og vloggeren Xenia Svensson, hvor hun bl.a. "
        "fortalte sin historie om at være bogblogger."
    )
    assert not h.endswith(("bog", "bog-")), h
    h = compress(
        "Efter en politisk drøftelse er økonomiudvalget nu enige i, at man alligevel godt kan bygge det nye "
        "rådhus ved stationen i Kongens Lyngby."
    )
    assert h.split()[-1] not in {"man", "at"}, h
    assert not h.startswith("Man at"), h


def test_no_headline_ends_on_what_a_dash_aside_cut_off():
    sentence = "Arvtageren som ny formand i Region Syddanmark bliver - efter stemmerne at dømme - igen en Venstre-mand."
    assert not first_clause(sentence).endswith("bliver")
    assert not compress(sentence).endswith("bliver")


def test_a_subject_and_its_relative_clause_are_no_clause_head():
    sentence = "Advocaat, som i øjeblikket er cheftræner for Simon Kjær, bliver ny landstræner i Holland efter sommer."
    assert first_clause(sentence) != "Advocaat, som i øjeblikket er cheftræner for Simon Kjær"


def test_a_cut_never_leaves_an_adverb_a_number_or_an_at_clause_open():
    cases = {
        "Senere på dagen er der fodboldturnering med i år både en familieturnering og en turnering for dem, der går "
        "op i at vinde.": {"både"},
        '"Q med kant!" er en serie om innovative og markante kvindelige personligheder i Sydvestjylland og '
        "Sønderjylland.": {"innovative"},
    }
    for sentence, bad_ends in cases.items():
        h = compress(sentence)
        assert h.split()[-1] not in bad_ends, h
    h = compress(
        "Det er et klokkeklart brud på straffeloven, at Skat for et millionbeløb køber sig adgang til en del af "
        "Panama Papers."
    )
    assert not h.endswith("at Skat"), h


def test_the_examples_in_the_module_docstrings_hold() -> None:
    import doctest
    import importlib

    module = importlib.import_module("summarizer.headlines.cuts")

    assert doctest.testmod(module).failed == 0
