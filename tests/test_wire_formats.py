"""Each wire format read into an `Article`: the project's own Danish fixtures under data/samples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.wire import WireError, iter_articles, read_article

SAMPLES = Path(__file__).parent.parent / "data/samples"


def test_plain_text_in_the_seed_layout_splits_lead_headline_and_body() -> None:
    article = read_article(SAMPLES / "plain/cykelstier-aarhus.txt")
    assert article.format == "text"
    assert article.lead.startswith("Aarhus Kommune vil bruge 145 mio. kr. på nye cykelstier")
    assert article.headline == "Aarhus vil bruge 145 millioner på cykelstier"
    assert article.body.startswith("Aarhus Kommune har mandag fremlagt en plan")
    assert article.id == str(SAMPLES / "plain/cykelstier-aarhus.txt")


def test_plain_text_with_the_headline_first_keeps_the_headline_out_of_the_body() -> None:
    article = read_article(SAMPLES / "plain/havvind-esbjerg.txt")
    assert article.headline == "Esbjerg Havn får 1200 nye job med havvind"
    assert "1200 nye job med havvind" not in article.body.split("\n\n")[0]


def test_ritzau_item_reads_headline_subtitle_as_lead_and_unescapes_the_html_body() -> None:
    article = read_article(SAMPLES / "ritzau-xml/storm-vestkysten.xml")
    assert article.format == "ritzau-xml"
    assert article.id == "20251014131100-RB-4471"
    assert article.headline == "Stormflod truer Vestkysten: Beboere i Thyborøn bedt om at forlade hjem"
    assert article.lead.startswith("Politiet opfordrer beboere i de lavest liggende dele af Thyborøn")
    paragraphs = article.body.split("\n\n")
    assert paragraphs[0].startswith("Midt- og Vestjyllands Politi beder tirsdag")
    assert "<p>" not in article.body and "&lt;" not in article.body
    assert "- Vi tager ingen chancer." in article.body
    assert "»alvorlig, men under kontrol«" in article.body
    assert article.byline == "Mads Winther Bech/ritzau/"
    assert article.published == "2025-10-14T13:11:00+02:00"
    assert article.source == "Ritzau"


def test_ritzau_flash_has_no_headline_or_lead_and_says_so() -> None:
    article = read_article(SAMPLES / "ritzau-xml/flash-valg.xml")
    assert article.headline is None and article.lead is None
    assert article.body == "FLASH: Statsministeren udskriver folketingsvalg til afholdelse den 2. december."
    assert any("flash" in warning.lower() for warning in article.warnings)


def test_nitf_reads_hl1_abstract_and_body_content_without_captions() -> None:
    article = read_article(SAMPLES / "nitf/mink-erstatning.xml")
    assert article.format == "nitf"
    assert article.id == "RB-NITF-2025-000871"
    assert article.headline == "Minkavlere får 1,2 mia. kr. mere i erstatning"
    assert article.lead.startswith("Et flertal i Folketinget er enige om at forhøje erstatningen")
    assert article.body.startswith("Regeringen og fire partier har tirsdag indgået en aftale")
    assert "Arkivfoto" not in article.body  # media captions are not body text
    assert article.body.endswith("»en lappeløsning«.")
    assert article.byline == "Af Jonas Kirkegaard Lund/ritzau/"
    assert article.source == "Ritzau"
    assert article.published == "20250624T131100+0200"


def test_newsml_g2_with_namespaced_inline_nitf_takes_the_summary_description_as_lead() -> None:
    article = read_article(SAMPLES / "newsml/vindmoeller-inline-nitf.xml")
    assert article.format == "newsml-g2"
    assert article.id == "urn:newsml:ritzau.dk:20250902:RB-8841"
    assert article.headline == "Naboer til kæmpemøller i Lolland kræver større kompensation"
    assert article.lead.startswith("Over 300 naboer")  # role drol:summary, not the caption
    assert article.body.startswith("Testcentret ved Rødby skal rumme op til syv møller på 300 meter – de højeste")
    assert article.byline == "Freja Dalsgaard/ritzau/"
    assert article.published == "2025-09-02T08:30:00+02:00"
    assert article.source == "Ritzau"


def test_newsml_g2_with_inline_xhtml_reads_the_paragraphs_and_html_entities() -> None:
    article = read_article(SAMPLES / "newsml/skolereform-inline-xhtml.xml")
    assert article.headline.startswith("Kortere skoledage fra august")
    assert "Kortere skoledage fra august" not in article.body  # the XHTML <title> is not body text
    assert "tirsdag kl. 13.11" in article.body
    assert "penge til inklusion" in article.body.replace("\u00a0", " ")


def test_newsml_g2_news_message_yields_each_item_and_read_article_refuses_it_clearly() -> None:
    path = SAMPLES / "newsml/morgenpakke-newsmessage.xml"
    items = list(iter_articles(path))
    assert [item.id for item in items] == [f"urn:newsml:ritzau.dk:20250605:RB-060{n}" for n in (1, 2)]
    assert items[1].body.startswith("Sund & Bælt forventer")
    with pytest.raises(WireError, match="indeholder 2 artikler"):
        read_article(path)


def test_danewsroom_jsonl_maps_title_summary_text_and_records_a_row_without_text_as_an_error() -> None:
    items = list(iter_articles(SAMPLES / "danewsroom/arkiv.jsonl"))
    assert len(items) == 5
    first = items[0]
    assert first.format == "danewsroom-jsonl"
    assert first.id == "https://eksempel.dk/indland/2024/03/vandstand-vejle"
    assert first.headline == "Vejle Å går over sine bredder"
    assert first.lead.startswith("Beredskabet har lagt sandsække ud")
    assert first.source == "eksempel.dk"
    assert isinstance(items[3], WireError)
    assert items[3].item_id == "https://eksempel.dk/sport/2024/09/fck"
    assert "arkiv.jsonl:4" in str(items[3]) and "intet 'text'-felt" in str(items[3])


def test_danewsroom_csv_with_semicolons_and_multiline_cells() -> None:
    items = list(iter_articles(SAMPLES / "danewsroom/arkiv.csv"))
    assert [item.id for item in items] == ["csv-001", "csv-002"]
    assert items[0].format == "danewsroom-csv"
    assert items[0].body.count("\n\n") == 2  # the paragraphs inside one quoted cell survive
    assert items[1].headline == "Fiskere: Torsken er væk fra Østersøen"


def test_a_single_record_file_can_be_read_with_read_article() -> None:
    article = read_article(SAMPLES / "danewsroom/svoemmehal-cp1252.csv")
    assert article.id == "csv-003"
    assert article.headline == "Kommunen lukker svømmehal i Ærøskøbing"


def test_html_page_takes_h1_manchet_and_article_paragraphs_without_navigation_or_figures() -> None:
    article = read_article(SAMPLES / "html/bibliotek-nakskov.html")
    assert article.format == "html"
    assert article.headline == "Nakskov Bibliotek holder åbent til kl. 22"
    assert article.lead.startswith("Fra 1. februar kan borgerne i Nakskov låne bøger til kl. 22")
    assert article.body.startswith("Lolland Kommune udvider åbningstiden")
    for noise in ("Forside", "Læs også", "Foto: Eksempel", "dataLayer", "©", "Af Thomas Juhl"):
        assert noise not in article.body
    assert article.id == "https://eksempel.dk/lolland/bibliotek-nakskov"
    assert article.published == "2025-01-20T09:00:00+01:00"
    assert article.byline.startswith("Af Thomas Juhl")


def test_read_article_takes_bytes_and_names_them() -> None:
    data = "Ny bro over Limfjorden\n\nBroen skal stå klar i 2031, oplyser Vejdirektoratet.".encode()
    article = read_article(data, name="indsat")
    assert article.id == "indsat"
    assert "2031" in article.body


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"<RBNews><NewsID>9</NewsID><headline>Kun rubrik</headline></RBNews>", "intet indhold"),
        (b"<RBNews><NewsID>9</NewsID><headline>Brudt</headline>", "ikke velformet XML"),
        (b"<?xml version='1.0'?><rss><channel/></rss>", "er hverken Ritzau RBNews, NITF eller NewsML-G2"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "ikke tekst"),
    ],
)
def test_bad_input_is_one_clear_line(data: bytes, message: str) -> None:
    try:
        article = read_article(data, name="x")
    except WireError as error:
        assert message in str(error)
        assert "\n" not in str(error)
    else:  # empty plain text is an Article with an empty body: the summariser says "empty"
        assert message == "empty" and article.body == ""


def test_a_missing_file_and_a_folder_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(WireError, match="filen findes ikke"):
        read_article(tmp_path / "findes-ikke.xml")
    with pytest.raises(WireError, match="er en mappe"):
        read_article(tmp_path)


@pytest.mark.parametrize(
    "first",
    [
        "Regeringen vil bruge 2 mia. kr. på nye cykelstier, oplyser Transportministeriet.",
        "- Vi er glade for aftalen, siger borgmesteren",
    ],
)
def test_a_first_paragraph_that_is_a_sentence_or_a_quote_is_not_taken_for_a_headline(first: str) -> None:
    text = f"{first}\n\nPengene kommer fra puljen til grøn transport.\n\nByggeriet begynder i 2026."
    article = read_article(text.encode(), name="x")
    assert article.headline is None
    assert article.body.startswith(first)


def test_a_danewsroom_body_that_begins_with_its_lead_is_not_handed_the_lead() -> None:
    row = {
        "title": "Ny færge til Ærø",
        "summary": "Ærø får en ny elfærge til 300 mio. kr.",
        "text": "Ærø får en ny elfærge til 300 mio. kr.\n\nFærgen sejler fra Søby fra 1. maj.",
    }
    article = read_article(json.dumps(row, ensure_ascii=False).encode(), name="arkiv.jsonl")
    assert article.lead == "Ærø får en ny elfærge til 300 mio. kr."
    assert article.body == "Færgen sejler fra Søby fra 1. maj."
    assert any("begyndte med leadet" in warning for warning in article.warnings)
