"""The desk's handlers as plain functions: what an editor gets for good, odd and bad input."""

from __future__ import annotations

import csv
import json
import re
import zipfile
from pathlib import Path

import pytest

from desk import handlers, render
from desk.handlers import load_file, run_batch, summarise_desk
from eval.rouge import Scorer
from eval.stats import Bootstrap
from summarizer import engines
from summarizer.article import Article
from summarizer.engines.base import Draft, Engine, Options
from summarizer.errors import EmptyInput, SummarizerError
from summarizer.summary import Flag, Summary

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
AARHUS = SAMPLES / "plain" / "cykelstier-aarhus.txt"

# Written for these tests: lead, headline, body, as an editor pastes wire copy.
WIRE = """Et stort flertal i Folketinget vil give kommunerne 300 mio. kr. ekstra til ældreplejen fra 2026.

Kommuner får 300 millioner til ældreplejen

Regeringen og fire partier indgik onsdag aften en aftale om ældreplejen.

Aftalen giver kommunerne 300 mio. kr. ekstra om året, og pengene skal bl.a. bruges på flere faste medarbejdere.

- Det er en god dag for de ældre og for personalet, siger ældreminister Mette Holm (S).

Kommunernes Landsforening kalder aftalen »et skridt i den rigtige retning«, men savner penge til nye plejehjem.

Aftalen træder i kraft den 1. januar 2026, når finansloven er vedtaget.

/ritzau/
"""
BODY_ONLY = (
    "Vejdirektoratet åbner mandag den nye motorvejsstrækning ved Give. Strækningen er 12 kilometer lang. "
    "Den har kostet 1,2 mia. kr. at bygge. Trafikken ventes at stige med 20 pct. allerede det første år."
)
DEFAULT_ENGINES = [info.name for info in engines.engine_status() if info.available]


class BoomEngine(Engine):
    """An engine with a bug: the desk must show a message, not a traceback, and keep the others."""

    name = "boom"

    def summarise(self, article: Article, options: Options) -> Draft:
        raise RuntimeError("intern fejl i motoren")


class LoadingEngine(Engine):
    """Stands in for seq2seq: weights load only when `load` is called."""

    name = "loading"
    loads = 0

    def load(self) -> None:
        type(self).loads += 1

    def summarise(self, article: Article, options: Options) -> Draft:
        return Draft(summary=article.body, headlines=[article.body[:40]])


# ----------------------------------------------------------------------------- engines


def test_engine_status_lists_every_registered_engine_and_says_seq2seq_needs_a_model() -> None:
    infos = {info.name: info for info in engines.engine_status()}
    assert set(infos) == set(engines.names())
    assert infos["lead"].available and infos["extractive"].available
    # Every engine has a Danish display name and a line on what it does; the code stays the value.
    assert [infos[n].label for n in ("lead", "extractive", "seq2seq", "generative")] == [
        "Første sætninger", "Udvalgte sætninger", "Resumémodel", "Sprogmodel (eksperimentel)"]  # fmt: skip
    assert all(info.about for info in infos.values())
    if not infos["seq2seq"].available:  # what to install, in Danish, said once (on "Om motorerne")
        assert infos["seq2seq"].note.startswith("Ikke installeret") and "resumémodel" in infos["seq2seq"].note


def test_preload_loads_the_shared_instance_that_requests_then_use(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(engines._REGISTRY, "loading", f"{__name__}:LoadingEngine")
    monkeypatch.setattr(engines, "_instances", {})
    monkeypatch.setattr(LoadingEngine, "loads", 0)
    engines.preload("loading")
    assert LoadingEngine.loads == 1
    shared = engines.get("loading")
    summarise_desk(BODY_ONLY, ["loading"])
    summarise_desk(BODY_ONLY, ["loading"])
    assert engines.get("loading") is shared and LoadingEngine.loads == 1
    assert engines.describe_model("lead") == "ingen model"


# ----------------------------------------------------------------------------- desk


def test_pasted_wire_copy_gives_each_engine_a_summary_headlines_and_rouge_against_the_real_lead() -> None:
    result = summarise_desk(WIRE, ["lead", "extractive"], n_headlines=5)
    assert result.article.headline == "Kommuner får 300 millioner til ældreplejen"
    assert result.article.lead.startswith("Et stort flertal i Folketinget")
    assert (result.headline_from, result.lead_from) == ("tekst", "tekst")
    assert [r.engine for r in result.results] == ["lead", "extractive"]
    scorer = Scorer(stem=False)
    for r in result.results:
        assert r.error is None and r.summary is not None
        assert r.summary.summary.strip()
        assert 3 <= len(r.summary.headlines) <= 5
        assert r.wall_seconds > 0
        expected = scorer.score(result.article.lead, r.summary.summary)
        assert set(r.rouge_lead) == {"rouge1", "rouge2", "rougeL"}
        assert r.rouge_lead["rouge1"].fmeasure == pytest.approx(expected["rouge1"].fmeasure)
        assert r.rouge_headline is not None
    assert result.rouge_signature == scorer.signature


def test_typed_real_lead_and_headline_take_precedence_over_the_text() -> None:
    lead = "Vejdirektoratet åbner en ny motorvej ved Give, der har kostet 1,2 mia. kr."
    result = summarise_desk(BODY_ONLY, ["lead"], real_headline="Ny motorvej ved Give", real_lead=lead)
    assert (result.headline_from, result.lead_from) == ("felt", "felt")
    assert result.article.lead == lead
    (r,) = result.results
    assert r.rouge_lead is not None and r.rouge_lead["rouge1"].fmeasure > 0


def test_text_without_real_lead_gets_no_rouge_and_says_how_to_get_it() -> None:
    result = summarise_desk(BODY_ONLY, ["lead"])
    assert result.article.lead is None and result.rouge_signature is None
    assert result.results[0].rouge_lead is None
    assert "udfyld felterne" in render.desk_html(result)


@pytest.mark.parametrize("text", ["", "  \n\t "])
def test_empty_input_is_a_friendly_danish_message(text: str) -> None:
    with pytest.raises(EmptyInput) as caught:
        summarise_desk(text, ["lead"])
    assert handlers.friendly(caught.value).startswith("Der er ingen tekst at opsummere")


def test_choosing_no_engine_is_a_clear_message() -> None:
    with pytest.raises(SummarizerError, match="mindst én motor"):
        summarise_desk(WIRE, [])


def test_input_over_200000_characters_is_cut_with_a_visible_notice() -> None:
    long_text = (BODY_ONLY + "\n\n") * 1200
    assert len(long_text) > 200_000
    result = summarise_desk(long_text, ["lead"])
    assert any("200.000" in notice for notice in result.notices)
    assert result.results[0].summary is not None
    html = render.desk_html(result)
    assert "200.000" in html
    # Said once, at the top: not again in the engine's card.
    notice = next(n for n in result.notices if "200.000" in n)
    assert (html + render.cards_html(result)).count(notice) == 1


def test_missing_seq2seq_model_is_a_kind_message_in_its_column_and_the_others_still_run(tmp_path: Path) -> None:
    result = summarise_desk(WIRE, ["lead", "seq2seq"], model=str(tmp_path / "ingen-model-her"))
    lead, seq2seq = result.results
    assert lead.summary is not None and lead.error is None
    assert seq2seq.summary is None
    assert seq2seq.error and "Traceback" not in seq2seq.error
    html = render.cards_html(result)
    assert 'class="card card-error" data-engine="seq2seq"' in html


def test_an_engine_that_crashes_shows_a_message_and_the_others_still_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(engines._REGISTRY, "boom", f"{__name__}:BoomEngine")
    result = summarise_desk(WIRE, ["boom", "lead"])
    boom, lead = result.results
    assert boom.summary is None and "Noget gik galt" in (boom.error or "")
    assert "intern fejl i motoren" in (boom.error or "")
    assert lead.summary is not None


def test_an_engine_without_output_has_the_same_json_keys_with_its_error(tmp_path: Path) -> None:
    data = summarise_desk(WIRE, ["lead", "seq2seq"], model=str(tmp_path / "ingen-model")).to_dict()
    lead, seq2seq = data["results"]
    assert set(lead) == set(seq2seq)
    assert seq2seq["summary"] is None and seq2seq["headlines"] == [] and seq2seq["error"]


def test_desk_result_is_json_for_the_api() -> None:
    data = summarise_desk(WIRE, ["lead"]).to_dict()
    again = json.loads(json.dumps(data, ensure_ascii=False))
    assert again["real_headline"] == "Kommuner får 300 millioner til ældreplejen"
    (item,) = again["results"]
    assert item["engine"] == "lead" and item["summary"] and len(item["headlines"]) >= 3
    assert set(item["rouge_lead"]["rouge1"]) == {"precision", "recall", "fmeasure"}


# ----------------------------------------------------------------------------- files for the desk


def test_a_wire_text_file_fills_the_body_and_the_real_headline_and_lead() -> None:
    loaded = load_file(AARHUS)
    assert loaded.headline == "Aarhus vil bruge 145 millioner på cykelstier"
    assert loaded.lead.startswith("Aarhus Kommune vil bruge 145 mio. kr.")
    assert loaded.text.startswith("Aarhus Kommune har mandag fremlagt en plan")
    assert "cykelstier-aarhus.txt" in loaded.notice


def test_a_wire_xml_file_is_read_by_the_wire_readers() -> None:
    xml_files = sorted((SAMPLES / "nitf").glob("*.xml")) + sorted((SAMPLES / "ritzau-xml").glob("*.xml"))
    assert xml_files, "the project's XML samples are missing"
    loaded = load_file(xml_files[0])
    assert loaded.text.strip() and loaded.headline


def test_a_file_with_several_items_loads_the_first_and_points_to_batch(tmp_path: Path) -> None:
    path = tmp_path / "to-artikler.jsonl"
    rows = [{"title": "Første", "summary": "Et lead.", "text": "Første artikel om havnen i Aalborg."},
            {"title": "Anden", "summary": "Et andet lead.", "text": "Anden artikel om broen i Vejle."}]  # fmt: skip
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    loaded = load_file(path)
    assert loaded.text == "Første artikel om havnen i Aalborg."
    assert "2 artikler" in loaded.notice and "Batch" in loaded.notice


@pytest.mark.parametrize(
    ("name", "data"),
    [("billede.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ("tom.txt", b""), ("ødelagt.xml", b"<nitf><body>")],
)
def test_a_corrupt_or_wrong_type_file_is_one_friendly_line(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(SummarizerError) as caught:
        load_file(path)
    message = str(caught.value)
    assert message.startswith(f"Filen {name} kunne ikke læses") and "\n" not in message


def test_samples_are_the_projects_own_articles_titled_by_their_headline() -> None:
    samples = handlers.find_samples(SAMPLES)
    titles = [s.title for s in samples]
    assert "Aarhus vil bruge 145 millioner på cykelstier" in titles
    assert len(samples) >= 3
    assert {s.kind for s in samples} >= {"tekst", "XML"}


# ----------------------------------------------------------------------------- batch

ARTICLES = [
    {"id": "a1", "title": "Ny bro over Vejle Fjord", "summary": "Vejdirektoratet vil bygge en ny bro over Vejle Fjord.",
     "text": "Vejdirektoratet vil bygge en ny bro over Vejle Fjord. Broen skal stå færdig i 2032. "
             "Den koster 4,5 mia. kr. Lokale borgere er glade for planen."},
    {"id": "a2", "title": "Rekordmange turister på Bornholm",
     "summary": "Bornholm fik i år besøg af flere turister end nogensinde.",
     "text": "Bornholm har haft en rekordsommer. Øen fik besøg af 700.000 turister. Det er 8 pct. flere end sidste år. "
             "Især tyske gæster er kommet i stort tal."},
    {"id": "a3", "title": "Storm lukker Storebæltsbroen",
     "summary": "Storebæltsbroen er lukket for lette køretøjer.",
     "text": "Stormen Anna har lukket Storebæltsbroen for lette køretøjer. DMI varsler vindstød af orkanstyrke. "
             "Politiet opfordrer folk til at blive hjemme."},
]  # fmt: skip


def _jsonl(path: Path, rows: list[dict[str, str]], bad_line: bool = False) -> Path:
    lines = [json.dumps(row, ensure_ascii=False) for row in rows]
    if bad_line:
        lines.insert(1, "{ikke json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_batch_of_jsonl_gives_one_row_per_article_and_engine_and_a_rouge_table_with_intervals(tmp_path: Path) -> None:
    seen: list[float] = []
    result = run_batch(
        _jsonl(tmp_path / "arkiv.jsonl", ARTICLES),
        ["lead", "extractive"],
        n_headlines=3,
        progress=lambda fraction, desc: seen.append(fraction),
    )
    assert result.n_articles == 3 and result.n_errors == 0
    assert [(r.id, r.engine) for r in result.rows] == [
        ("a1", "lead"), ("a1", "extractive"), ("a2", "lead"), ("a2", "extractive"), ("a3", "lead"),
        ("a3", "extractive"),
    ]  # fmt: skip
    assert all(r.summary and r.headlines for r in result.rows)
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)
    assert {(r.engine, r.target, r.metric) for r in result.rouge} == {
        (e, t, m) for e in ("lead", "extractive") for t in ("lead", "rubrik") for m in ("rouge1", "rouge2", "rougeL")
    }
    for row in result.rouge:
        assert 0 <= row.low <= row.mean <= row.high <= 1 and row.n == 3
    lead_r1 = next(r for r in result.rouge if (r.engine, r.target, r.metric) == ("lead", "lead", "rouge1"))
    # a1's body begins with its real lead, word for word: the leakage guard cuts it, so no engine scores 1.0.
    a1 = next(r for r in result.rows if (r.id, r.engine) == ("a1", "lead"))
    assert not a1.summary.startswith(ARTICLES[0]["summary"])
    assert lead_r1.mean > 0 and lead_r1.high < 1.0
    # The table's intervals are bootstrapped: its signature records the resamples and the seed (eval.stats).
    assert result.rouge_signature == Bootstrap().sign(Scorer(stem=False).signature)


def test_batch_never_drops_a_bad_item_it_becomes_an_error_row(tmp_path: Path) -> None:
    rows = [*ARTICLES, {"id": "tom", "title": "Kun en rubrik", "summary": "", "text": ""}]
    result = run_batch(_jsonl(tmp_path / "blandet.jsonl", rows, bad_line=True), ["lead"])
    assert result.n_articles == 5
    assert len(result.rows) == 5
    errors = [r for r in result.rows if r.error]
    assert len(errors) == 2
    assert any("JSON" in r.error for r in errors)
    assert "heraf 2 med fejl" in render.batch_summary_html(result)


def test_batch_of_csv_with_danewsroom_fields(tmp_path: Path) -> None:
    path = tmp_path / "arkiv.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "title", "summary", "text"])
        writer.writeheader()
        writer.writerows(ARTICLES)
    result = run_batch(path, ["lead"])
    assert [r.real_headline for r in result.rows] == [a["title"] for a in ARTICLES]
    assert result.rouge


def test_batch_of_a_zip_of_wire_files(tmp_path: Path) -> None:
    path = tmp_path / "wire.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("aarhus.txt", AARHUS.read_text(encoding="utf-8"))
        archive.writestr("aeldre.txt", WIRE)
    result = run_batch(path, ["lead"])
    assert result.n_articles == 2 and result.n_errors == 0
    assert {r.real_headline for r in result.rows} == {
        "Aarhus vil bruge 145 millioner på cykelstier", "Kommuner får 300 millioner til ældreplejen"
    }  # fmt: skip
    assert result.rouge


def test_batch_of_a_wrong_type_file_is_one_friendly_line(tmp_path: Path) -> None:
    path = tmp_path / "billede.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    with pytest.raises(SummarizerError, match="Ingen artikler kunne læses i billede.png"):
        run_batch(path, ["lead"])


def test_batch_without_a_file_or_engine_says_what_is_missing(tmp_path: Path) -> None:
    with pytest.raises(SummarizerError, match="Upload"):
        run_batch(None, ["lead"])
    with pytest.raises(SummarizerError, match="mindst én motor"):
        run_batch(_jsonl(tmp_path / "a.jsonl", ARTICLES), [])


def test_batch_with_a_missing_seq2seq_model_says_so_on_every_row(tmp_path: Path) -> None:
    result = run_batch(_jsonl(tmp_path / "a.jsonl", ARTICLES), ["lead", "seq2seq"], model=str(tmp_path / "ingen"))
    seq = [r for r in result.rows if r.engine == "seq2seq"]
    assert len(seq) == 3 and all(r.error for r in seq)
    assert any(n.startswith("Resumémodel") for n in result.notices)  # the engine by its Danish name
    assert all(not r.error for r in result.rows if r.engine == "lead")


def test_batch_results_download_as_csv_and_jsonl_with_danish_letters_intact(tmp_path: Path) -> None:
    result = run_batch(_jsonl(tmp_path / "a.jsonl", ARTICLES), ["lead"])
    csv_path = handlers.write_csv(result, tmp_path / "ud.csv")
    jsonl_path = handlers.write_jsonl(result, tmp_path / "ud.jsonl")
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM Danish Excel needs to read UTF-8
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.DictReader(handle, delimiter=";"))  # the separator Danish Excel splits at
    assert [row["id"] for row in table] == ["a1", "a2", "a3"]
    assert table[0]["real_headline"] == "Ny bro over Vejle Fjord"
    assert "Storebæltsbroen" in table[2]["summary"]
    records = [json.loads(line) for line in jsonl_path.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["a1", "a2", "a3"]
    assert isinstance(records[0]["headlines"], list) and records[0]["headline"] == records[0]["headlines"][0]
    assert len(handlers.table_rows(result)) == 3
    first = handlers.rouge_rows(result)[0]
    assert first[:2] == ["Første sætninger", "rigtigt lead"] and first[-1] == 3  # the engine by its Danish name
    assert re.fullmatch(r"\d+,\d \(\d+,\d–\d+,\d\)", first[2])


# ----------------------------------------------------------------------------- rendering


def _summary(summary: str, headlines: list[str], flags: list[Flag]) -> Summary:
    return Summary(summary=summary, headlines=headlines, engine="lead", article=Article(body="x"), flags=flags)


def test_flags_and_shared_words_are_highlighted_and_text_is_escaped() -> None:
    text = "Holm lover 400 mio. kr. <script>alert(1)</script>"
    html = render.highlight(text, [Flag("number", "400", "summary", 11, 14)], {"holm"})
    assert '<span class="shared">Holm</span>' in html
    assert '<mark class="flag flag-number" title="Tallet står ikke i kilden">400</mark>' in html
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_headlines_show_their_length_and_a_mark_when_over_the_limit() -> None:
    short, long = "Bro over fjorden", "En meget lang rubrik om en bro over Vejle Fjord som ingen kan læse"
    result = handlers.EngineResult("lead", summary=_summary("Et resumé.", [short, long], []), wall_seconds=0.01)
    html = render.engine_card(result, None, None, max_chars=40)
    assert f"{len(short)}/40</span>" in html
    assert f"{len(long)}/40 ⚠ for lang</span>" in html
    assert html.count('class="headline over"') == 1


def test_copy_buttons_carry_the_plain_text() -> None:
    result = handlers.EngineResult("lead", summary=_summary("Prisen er »høj« & stiger.", ["A & B"], []))
    html = render.engine_card(result, None, None, max_chars=70)
    assert 'data-copy="Prisen er »høj« &amp; stiger."' in html
    assert 'data-copy="A &amp; B"' in html


def test_flags_are_listed_in_danish_under_the_card() -> None:
    flags = [Flag("name", "Mette Lund", "headline:0", 0, 10), Flag("quote", "»et luftkastel«", "summary", 0, 15)]
    result = handlers.EngineResult("lead", summary=_summary("»et luftkastel« siger hun.", ["Mette Lund raser"], flags))
    html = render.engine_card(result, None, None, max_chars=70)
    assert "Faktatjek: 2 ikke i kilden" in html
    assert "»Mette Lund« i rubrik 1" in html and "i leadet" in html
    assert "Tjekket: tal, navne og citater." in html  # what the check looked at, always said


def test_a_typed_real_lead_is_cut_from_the_body_before_any_engine_sees_it() -> None:
    lead = "Ærø får en ny elfærge til 300 mio. kr."
    text = f"{lead}\n\nFærgen sejler fra Søby fra 1. maj. Den erstatter to gamle dieselfærger."
    result = summarise_desk(text, ["lead"], real_lead=lead)
    column = result.results[0]
    assert "300 mio" not in column.summary.summary
    assert column.summary.summary.startswith("Færgen sejler fra Søby")


def test_a_text_that_is_only_the_typed_real_lead_is_a_clear_message() -> None:
    lead = "Ærø får en ny elfærge til 300 mio. kr. Den sejler fra maj."
    with pytest.raises(EmptyInput, match="kun det rigtige lead"):
        summarise_desk(lead, ["lead"], real_lead=lead)


def test_desk_download_and_cli_batch_write_the_same_result_lines(tmp_path: Path) -> None:
    from summarizer.batch import main
    from summarizer.results import RESULT_FIELDS

    source = _jsonl(tmp_path / "a.jsonl", ARTICLES)
    desk_file = handlers.write_jsonl(run_batch(source, ["lead"]), tmp_path / "desk.jsonl")
    cli_file = tmp_path / "cli.jsonl"
    assert main([str(source), "--out", str(cli_file), "--engine", "lead", "--quiet"]) == 0
    desk = [json.loads(line) for line in desk_file.read_text(encoding="utf-8").splitlines()]
    cli = [json.loads(line) for line in cli_file.read_text(encoding="utf-8").splitlines()]
    assert [list(r) for r in desk] == [list(r) for r in cli] == [list(RESULT_FIELDS)] * len(ARTICLES)
    for d, c in zip(desk, cli, strict=True):
        for key in ("id", "status", "engine", "summary", "headline", "headlines", "real_headline", "real_lead",
                    "source"):  # fmt: skip
            assert d[key] == c[key], key
