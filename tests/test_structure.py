"""Finding the real headline and lead in pasted copy."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.errors import EmptyInput
from summarizer.structure import WARN_HTML, WARN_MOJIBAKE, WARN_NOT_DANISH, engine_body, is_headline, parse
from summarizer.text import clean, words

ROOT = Path(__file__).parents[1]
SAMPLE = ROOT / "data/samples/plain/cykelstier-aarhus.txt"
SEED = ROOT.parent / "shared" / "data" / "seed-wire-ritzau.txt"

LEAD = "Regeringen vil bruge 2 mia. kr. på at gøre de danske jernbaner hurtigere frem mod 2035."
HEADLINE = "Milliarder til hurtigere tog"
BODY = (
    "Transportministeren præsenterede mandag planen på et pressemøde i Odense.\n\n"
    "- Vi skal kunne køre fra København til Aarhus på to timer, siger ministeren.\n\n"
    "Oppositionen kalder planen for »et valgflæsk uden finansiering«."
)


def test_parse_reads_the_ritzau_layout_lead_then_headline_then_body() -> None:
    article = parse(f"{LEAD}\n\n{HEADLINE}\n\n{BODY}")
    assert (article.lead, article.headline, article.body) == (LEAD, HEADLINE, BODY)


def test_parse_reads_the_ritzau_layout_with_single_windows_line_breaks() -> None:
    article = parse(f"{LEAD}\r\n{HEADLINE}\r\n{BODY.replace(chr(10) * 2, chr(13) + chr(10))}")
    assert (article.lead, article.headline, article.body) == (LEAD, HEADLINE, BODY)


def test_parse_reads_the_project_sample_shaped_like_the_seed() -> None:
    article = parse(SAMPLE.read_text(encoding="utf-8"))
    assert article.headline == "Aarhus vil bruge 145 millioner på cykelstier"
    assert article.lead is not None and article.lead.startswith("Aarhus Kommune vil bruge 145 mio. kr.")
    assert article.body.startswith("Aarhus Kommune har mandag fremlagt en plan")
    assert "Artiklen fortsætter" not in article.body
    assert "/ritzau/" not in article.body
    assert article.body.endswith("mangler ca. 2.000 pladser.")
    assert article.warnings == []


@pytest.mark.skipif(not SEED.exists(), reason="../shared/data/seed-wire-ritzau.txt is not here")
def test_parse_reads_the_real_seed_wire_story() -> None:
    article = parse(SEED.read_text(encoding="utf-8"))
    assert article.lead is not None and article.lead.startswith("Joe Biden har aftalt at mødes med Vladimir Putin")
    assert article.headline == "Biden og Putin er gået med til at mødes om Ukraine-konflikt"
    assert "Artiklen fortsætter under annoncen" not in article.body
    assert "ritzau" not in article.body.lower()
    assert article.body.startswith("Ruslands præsident, Vladimir Putin")
    assert "- Vi er altid klar til diplomati." in article.body
    assert article.warnings == []


def test_parse_reads_headline_first_without_taking_the_first_paragraph_as_lead() -> None:
    # A punctuated paragraph under the headline may be the first body paragraph: it stays in the body.
    article = parse(f"{HEADLINE}\n\n{LEAD}\n\n{BODY}")
    assert article.headline == HEADLINE
    assert article.lead is None
    assert article.body == f"{LEAD}\n\n{BODY}"


def test_parse_takes_an_unpunctuated_standfirst_under_the_headline_as_lead() -> None:
    standfirst = "Regeringen vil bruge 2 mia. kr. på hurtigere tog, men oppositionen kalder det valgflæsk"
    article = parse(f"{HEADLINE}\n\n{standfirst}\n\n{BODY}")
    assert (article.headline, article.lead, article.body) == (HEADLINE, standfirst, BODY)


def test_parse_of_plain_text_is_all_body() -> None:
    text = (
        "Transportministeren præsenterede mandag en plan for hurtigere tog.\n\n"
        "Planen koster 2 mia. kr. og skal være færdig i 2035.\n\n"
        "Oppositionen er skeptisk."
    )
    article = parse(text)
    assert (article.headline, article.lead) == (None, None)
    assert article.body == text


def test_parse_keeps_a_short_first_paragraph_that_is_really_body() -> None:
    text = "Det var en kold morgen.\n\nDa politiet kom frem, var tyven væk.\n\nHan er stadig ikke fundet."
    article = parse(text)
    assert (article.headline, article.lead) == (None, None)
    assert article.body == text


def test_parse_never_takes_a_one_line_dash_quote_as_headline() -> None:
    text = "- Vi er klar til diplomati\n\nSådan lød det fra Det Hvide Hus søndag.\n\nMødet er endnu ikke fastlagt."
    article = parse(text)
    assert article.headline is None
    assert article.body.startswith("- Vi er klar til diplomati")


def test_parse_never_takes_a_one_line_guillemet_quote_as_headline() -> None:
    text = "»Det er en god dag for Nordjylland«\n\nPengene kommer fra puljen til grøn transport.\n\nByggeriet begynder."
    article = parse(text)
    assert article.headline is None
    assert article.body == text


def test_parse_never_takes_a_dash_quote_as_lead() -> None:
    text = f"- Vi er altid klar til diplomati, siger han.\n\n{HEADLINE}\n\n{BODY}"
    article = parse(text)
    assert article.lead is None
    assert article.body.startswith("- Vi er altid klar til diplomati, siger han.")


def test_parse_does_not_take_a_subheading_under_a_long_paragraph_as_headline() -> None:
    long_paragraph = " ".join(["Transportministeren fremlagde planen for de nye jernbaner i Odense."] * 8)
    text = f"{long_paragraph}\n\nMilliarder til tog\n\n{BODY}"
    article = parse(text)
    assert (article.headline, article.lead) == (None, None)


def test_parse_of_only_a_headline_has_an_empty_body_and_prepare_says_so() -> None:
    from summarizer.api import prepare

    article = parse("Biden og Putin mødes om Ukraine\n")
    assert article.headline == "Biden og Putin mødes om Ukraine"
    assert article.body == ""
    with pytest.raises(EmptyInput, match="kun en rubrik"):
        prepare("Biden og Putin mødes om Ukraine\n")


def test_parse_takes_a_byline_off_the_top() -> None:
    article = parse(f"{HEADLINE}\n\nAf Julie Bach\n\n{BODY}")
    assert article.byline == "Julie Bach"
    assert article.headline == HEADLINE
    assert article.body == BODY


def test_parse_warns_when_html_was_removed_and_reads_the_page() -> None:
    page = (
        "<html><head><title>Nyheder</title></head><body><nav>Forside | Sport</nav><article>"
        f"<h1>{HEADLINE}</h1><p>{BODY.replace(chr(10) * 2, '</p><p>')}</p></article></body></html>"
    )
    article = parse(page)
    assert WARN_HTML in article.warnings
    assert article.headline == HEADLINE
    assert article.body == BODY
    assert "<" not in article.body


def test_parse_warns_when_mojibake_was_repaired() -> None:
    broken = f"{LEAD}\n\n{HEADLINE}\n\n{BODY}".encode().decode("latin-1")
    article = parse(broken)
    assert WARN_MOJIBAKE in article.warnings
    assert (article.lead, article.headline, article.body) == (LEAD, HEADLINE, BODY)


def test_parse_warns_when_the_text_does_not_look_danish() -> None:
    text = (
        "The government will spend two billion kroner on faster trains by 2035.\n\n"
        "The minister presented the plan on Monday at a press conference in Odense."
    )
    article = parse(text)
    assert WARN_NOT_DANISH in article.warnings
    assert article.body  # it still works


def test_parse_does_not_warn_about_danish() -> None:
    assert parse(f"{LEAD}\n\n{HEADLINE}\n\n{BODY}").warnings == []


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Biden og Putin er gået med til at mødes om Ukraine-konflikt", True),
        ("Er Putin klar til at mødes?", True),
        ("Blinken: »Vi er klar til diplomati«", True),
        ("»Vi er klar til diplomati«", False),
        ("Det oplyser Frankrigs præsidentpalads.", False),
        ("- Vi er klar til diplomati", False),
        ("Udland", False),
        ("Sådan lød det fra ministeren:", False),
        ("en lille historie uden stort begyndelsesbogstav", False),
    ],
)
def test_is_headline_knows_the_shape_of_a_danish_headline(paragraph: str, expected: bool) -> None:
    assert is_headline(paragraph) is expected


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_parse_never_raises_and_loses_no_words(text: str) -> None:
    article = parse(text)
    kept = Counter(words("\n\n".join(part for part in (article.lead, article.headline, article.body) if part)))
    kept += Counter(words(article.byline or ""))
    missing = Counter(words(clean(text))) - kept
    assert set(missing) <= {"Af", "AF", "Skrevet", "af", "Tekst"}  # only the word that marked a byline


def test_a_data_set_body_loses_its_byline_as_pasted_copy_does() -> None:
    text = (
        "Af Henrik Dam, formand for Det Kriminalpræventive Råd og rektor på Syddansk Universitet\n\n"
        "Børn håndteres bedst inden for det sociale system.\n\nDet viser forskningen."
    )
    body, _ = engine_body(text, "Sæt tidligt ind mod unge kriminelle")
    assert body == "Børn håndteres bedst inden for det sociale system.\n\nDet viser forskningen."
    assert parse(text).byline.startswith("Henrik Dam")


@pytest.mark.parametrize(
    "dateline",
    [
        "Opdateret d. 03.02.15 kl. 11:20",
        "4. marts 2011 08:15 - Af",
        "Publiceret 7. juni 2018",
        "Senest opdateret: i dag kl. 10.12",
        "Af Ritzau",
        "- Af",
    ],
)
def test_parse_takes_the_real_headline_under_a_dateline_not_the_dateline(dateline: str) -> None:
    article = parse(f"{dateline}\n\n{HEADLINE}\n\n{BODY}")
    assert (article.headline, article.lead, article.body) == (HEADLINE, None, BODY)


def test_parse_takes_the_byline_off_a_dateline_and_the_real_headline_under_it() -> None:
    article = parse(f"4. marts 2011 08:15 - Af Mette Holm\n\n{HEADLINE}\n\n{BODY}")
    assert (article.headline, article.byline, article.body) == (HEADLINE, "Mette Holm", BODY)
    article = parse(f"{HEADLINE}\n\nAf Mette Holm, 4. marts 2011 kl. 08:15\n\n{BODY}")
    assert (article.headline, article.byline, article.body) == (HEADLINE, "Mette Holm", BODY)


def test_parse_reads_the_ritzau_layout_under_a_time_stamp() -> None:
    article = parse(f"Opdateret d. 03.02.15 kl. 11:20\n\n{LEAD}\n\n{HEADLINE}\n\n{BODY}")
    assert (article.lead, article.headline, article.body) == (LEAD, HEADLINE, BODY)
