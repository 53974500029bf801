"""Issue 28: a poison item is that item's problem alone, `--out` never destroys data, CSV cells are no formulas,
and wrong arguments are one clear line. The local batch, the library, the CLI and the eval report; the same
on Ray is in tests/test_ray_batch.py."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarizer import Article, SummarizerError, engines, summarise, summarise_many
from summarizer.batch import Settings, load_done, main
from summarizer.engines.base import Draft, Engine
from summarizer.engines.lead import LeadEngine
from summarizer.results import ResultLine, csv_cell, valid_text
from tests.test_batch import STORY, records, write_feed

ROOT = Path(__file__).parent.parent
CYKEL = ("Aarhus Kommune vil bruge 145 mio. kr. på nye cykelstier i midtbyen. Pengene kommer fra den grønne pulje, "
         "siger rådmanden.\n\nArbejdet begynder til foråret og skal være færdigt i 2027.")  # fmt: skip
SURROGATE = "\ud800"


class SplinterEngine(Engine):
    """Works like `lead`, but on an article mentioning "SPLINT" it adds a warning that is not valid Unicode:
    a result that cannot be written as it is."""

    name = "splint"

    def summarise(self, article: Article, options) -> Draft:
        draft = LeadEngine().summarise(article, options)
        if "SPLINT" in article.body:
            draft.warnings.append("modellen skrev \udc00 midt i teksten")
        return draft


class StrictEngine(Engine):
    """Works like `lead`, and fails loudly if any text it is given is not valid Unicode."""

    name = "strict"

    def summarise(self, article: Article, options) -> Draft:
        for name in ("body", "headline", "lead", "id", "byline", "source", "where"):
            value = getattr(article, name)
            if value is not None and valid_text(value) != value:
                raise AssertionError(f"the engine got a lone surrogate in {name}")
        return LeadEngine().summarise(article, options)


@pytest.fixture(autouse=True)
def test_engines() -> Iterator[None]:
    engines.register("splint", "tests.test_hardening_batch:SplinterEngine")
    engines.register("strict", "tests.test_hardening_batch:StrictEngine")
    yield
    engines.unregister("splint")
    engines.unregister("strict")


def poisoned_feed(path: Path) -> list[str]:
    """Six good items with three poisoned ones among them: a lone surrogate in the text, the id and the headline."""
    ids = write_feed(path, 6)
    with open(path, "a", encoding="utf-8") as handle:  # json.dumps writes "\ud800" as the escape a feed would carry
        handle.write(json.dumps({"id": "s1", "title": "Cykelstier", "text": CYKEL.replace("145", f"145 {SURROGATE}")})
                     + "\n")  # fmt: skip
        handle.write(json.dumps({"id": f"s2{SURROGATE}", "text": CYKEL}) + "\n")
        handle.write(json.dumps({"id": "s3", "title": f"Rubrik {SURROGATE}", "text": CYKEL}) + "\n")
    return [*ids, "s1", "s2\ufffd", "s3"]


def one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


# --------------------------------------------------------------------------- poison items: local batch


def test_a_lone_surrogate_is_made_valid_and_no_other_item_is_lost(tmp_path: Path, capsys) -> None:
    feed, out = tmp_path / "feed.jsonl", tmp_path / "results.jsonl"
    ids = poisoned_feed(feed)
    assert main([str(feed), "--out", str(out), "--engine", "strict", "--chunk", "4", "--quiet"]) == 0
    lines = {line["id"]: line for line in records(out)}  # records() reads it as UTF-8: the file is valid
    assert sorted(lines) == sorted(ids) and {line["status"] for line in lines.values()} == {"ok"}
    assert "\ufffd" in lines["s1"]["summary"]
    assert "Artikel s1 (feed.jsonl:7): 1 ugyldigt tegn i tekst" in lines["s1"]["warnings"][0]
    assert "i id" in lines["s2\ufffd"]["warnings"][0] and lines["s3"]["real_headline"] == "Rubrik \ufffd"
    capsys.readouterr()
    before = out.read_bytes()
    assert main([str(feed), "--out", str(out), "--engine", "strict", "--quiet"]) == 0  # resume: nothing runs again
    assert out.read_bytes() == before and "0 klar, 9 sprunget over" in capsys.readouterr().out


def test_a_result_that_cannot_be_written_is_an_error_line_for_that_item_alone(tmp_path: Path, capsys) -> None:
    feed, out = tmp_path / "feed.jsonl", tmp_path / "results.jsonl"
    ids = write_feed(feed, 6, extra=[{"id": "rb-splint", "text": STORY.replace("Lone Krog", "SPLINT")}])
    assert main([str(feed), "--out", str(out), "--engine", "splint", "--chunk", "7", "--quiet"]) == 1
    lines = {line["id"]: line for line in records(out)}
    assert sorted(lines) == sorted(ids)
    bad = lines.pop("rb-splint")
    assert bad["status"] == "error" and "kunne ikke skrives" in bad["error"]
    assert "ikke er gyldig Unicode" in bad["error"]
    assert bad["summary"] is None and bad["source"] == "feed.jsonl:7"
    assert {line["status"] for line in lines.values()} == {"ok"}
    closing = capsys.readouterr().out
    assert "6 klar, 0 sprunget over" in closing and "1 fejlede" in closing
    # A rerun tries the failed item again (issue 27): it fails again, alone, and is still in the file once.
    assert main([str(feed), "--out", str(out), "--engine", "splint", "--quiet"]) == 1
    closing = capsys.readouterr().out
    assert "0 klar, 6 sprunget over" in closing and "1 fejlede; 1 prøvet igen" in closing
    assert sorted(line["id"] for line in records(out)) == sorted(ids)


def test_result_lines_never_raise_and_keep_what_can_be_kept() -> None:
    status, line = ResultLine(id=f"a{SURROGATE}", status="ok", summary=f"x{SURROGATE}", source="f.jsonl:1").encoded()
    record = json.loads(line)
    assert status == "error" and record["status"] == "error" and record["id"] == "a\ufffd"
    assert record["summary"] is None and record["source"] == "f.jsonl:1" and "kunne ikke skrives" in record["error"]
    status, line = ResultLine.failed(f"b{SURROGATE}", SummarizerError(f"tom tekst {SURROGATE}")).encoded()
    assert status == "error" and json.loads(line)["error"] == "tom tekst \ufffd"  # an error keeps its own message
    nan = json.loads(ResultLine(id="c", status="ok", summary="Godt.", seconds=float("nan")).to_json())
    assert nan["status"] == "error"  # NaN is not JSON: no line another reader would refuse
    assert ResultLine(id="d", status="ok", summary="Godt.").encoded()[0] == "ok"
    assert valid_text("\ud83d\ude00 og \udc00") == "\U0001f600 og \ufffd"  # a split pair is joined, a lone one replaced


# --------------------------------------------------------------------------- --out never destroys data


def test_out_refuses_the_input_itself_and_leaves_it_unchanged(tmp_path: Path, capsys) -> None:
    feed = tmp_path / "feed.jsonl"
    write_feed(feed, 3)
    with open(feed, "a", encoding="utf-8") as handle:
        handle.write('{"id": "sidst", "text": "Ingen linjeskift til sidst."}')  # as a hand-edited feed often ends
    before = feed.read_bytes()
    assert main([str(feed), "--out", str(feed), "--engine", "lead", "--quiet"]) == 2
    assert "er selve input" in one_line(capsys.readouterr().err)
    assert feed.read_bytes() == before


@pytest.mark.parametrize(
    "content",
    [
        b'{"id": "a1", "text": "Et feed."}\n{"id": "a2", "text": "Uden linjeskift til sidst."}',
        b"Noter fra redaktionsm\xc3\xb8det\nFlere noter",
        b"PK\x03\x04" + bytes(range(256)) * 50,
        b'{"item": 0, "id": "a1", "title": "Ikke en resultatlinje"}\n',
        b'{"engine": "lead", "index": 0, "id": "a1", "status": "ok", "summary": "En forudsigelse."}\n',
    ],
    ids=["feed", "notes", "zip", "no-status", "eval-predictions"],
)
def test_out_refuses_a_file_that_is_not_a_results_file(tmp_path: Path, capsys, content: bytes) -> None:
    feed, out = tmp_path / "feed.jsonl", tmp_path / "andet.jsonl"
    write_feed(feed, 2)
    out.write_bytes(content)
    assert main([str(feed), "--out", str(out), "--engine", "lead", "--quiet"]) == 2
    assert "er ikke en resultatfil" in one_line(capsys.readouterr().err)
    assert out.read_bytes() == content


def test_only_a_torn_final_result_line_is_ever_cut(tmp_path: Path, capsys) -> None:
    feed, out = tmp_path / "feed.jsonl", tmp_path / "results.jsonl"
    ids = write_feed(feed, 4)
    main([str(feed), "--out", str(out), "--engine", "lead", "--quiet"])
    whole = out.read_bytes()
    out.write_bytes(whole + b"en note uden linjeskift")  # not ours: kept, and the new lines start after it
    notes, done = load_done(out)
    assert len(done) == 4 and "linje 5 er ikke en resultatlinje; den er ladt stå" in notes[0]
    assert out.read_bytes() == whole + b"en note uden linjeskift\n"
    lines = whole.splitlines(keepends=True)
    out.write_bytes(b"".join(lines[:3]) + lines[3][:40])  # a result line cut by a kill: ours, cut off, run again
    capsys.readouterr()
    assert main([str(feed), "--out", str(out), "--engine", "lead", "--quiet"]) == 0
    assert "en halv sidste linje" in capsys.readouterr().err
    assert sorted(line["id"] for line in records(out)) == ids


def test_a_file_holding_only_a_torn_first_result_line_is_resumed(tmp_path: Path) -> None:
    feed, out = tmp_path / "feed.jsonl", tmp_path / "results.jsonl"
    ids = write_feed(feed, 2)
    out.write_bytes(b'{"item": null, "id": "rb-0000", "status": "ok", "engi')
    assert main([str(feed), "--out", str(out), "--engine", "lead", "--quiet"]) == 0
    assert sorted(line["id"] for line in records(out)) == ids


@pytest.mark.parametrize("out", ["/proc/x.jsonl", "{tmp}/findes-ikke/r.jsonl", "{tmp}"])
def test_an_out_that_cannot_be_written_is_one_line_and_exit_2(tmp_path: Path, capsys, out: str) -> None:
    feed = tmp_path / "feed.jsonl"
    write_feed(feed, 2)
    assert main([str(feed), "--out", out.format(tmp=tmp_path), "--engine", "lead", "--quiet"]) == 2
    assert one_line(capsys.readouterr().err).startswith("fejl:")


def test_batch_out_in_proc_from_the_command_line_has_no_traceback(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    write_feed(feed, 1)
    done = subprocess.run([sys.executable, "-m", "summarizer", "batch", str(feed), "--out", "/proc/x.jsonl",
                           "--quiet"], cwd=ROOT, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 2
    assert one_line(done.stderr) == "fejl: kan ikke skrive --out /proc/x.jsonl: No such file or directory"


def test_an_engine_that_cannot_start_leaves_no_empty_out_behind(tmp_path: Path) -> None:
    engines.register("broken", "tests.test_batch:BrokenEngine")
    try:
        feed, out = tmp_path / "feed.jsonl", tmp_path / "results.jsonl"
        write_feed(feed, 2)
        assert main([str(feed), "--out", str(out), "--engine", "broken", "--quiet"]) == 2
        assert not out.exists()
    finally:
        engines.unregister("broken")


def test_ray_out_reads_only_its_own_results_file_and_refuses_the_input(tmp_path: Path) -> None:
    from summarizer.batch.ray import JSONL_NAME, done_ids, run_ray

    out = tmp_path / "ud"
    out.mkdir()
    beside = out / "feed.jsonl"
    write_feed(beside, 2)
    with open(beside, "a", encoding="utf-8") as handle:
        handle.write('{"id": "halv", "text": "Uden linjeskift')
    before = beside.read_bytes()
    assert done_ids(out) == ([], set()) and beside.read_bytes() == before  # a feed kept beside is not touched
    results = out / JSONL_NAME
    write_feed(results, 2)  # a feed saved under the results' name: refused, never cut
    with pytest.raises(SummarizerError, match="er ikke en resultatfil"):
        done_ids(out)
    with pytest.raises(SummarizerError, match="er selve input"):
        run_ray(results, out, Settings("lead"))


# --------------------------------------------------------------------------- the library


@pytest.mark.parametrize("engine", ["lead", "extractive", "strict"])
def test_summarise_makes_a_lone_surrogate_valid_with_a_warning(engine: str) -> None:
    result = summarise(f"Cykelstier {SURROGATE}\n\n{CYKEL}", engine=engine)
    assert result.summary and valid_text(result.summary) == result.summary
    assert all(valid_text(headline) == headline for headline in result.headlines)
    assert "Teksten: 1 ugyldigt tegn" in result.warnings[0]
    article = Article(body=CYKEL.replace("145", SURROGATE), id=f"a{SURROGATE}", byline=SURROGATE, where="wire.xml")
    result = summarise(article, engine=engine)
    assert result.article.id == "a\ufffd" and result.article.byline == "\ufffd"
    assert result.warnings[0].startswith("Artikel a\ufffd (wire.xml): 3 ugyldige tegn i tekst, id, byline")
    assert json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8")  # writable as it is


def test_summarise_many_yields_each_items_own_result(tmp_path: Path) -> None:
    texts = [CYKEL, f"{SURROGATE} {CYKEL}", "😀🎉👍\n\n🚲🚲.", STORY]
    results = list(summarise_many(texts, engine="strict", errors="yield", batch_size=4))
    assert [type(result).__name__ for result in results] == ["Summary", "Summary", "EmptyInput", "Summary"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"n_headlines": "5"}, "n_headlines skal være et helt tal mellem 1 og 20, ikke '5'"),
        # None is no longer wrong: since Options.of (issue 26) a keyword left None means "the default".
        ({"n_headlines": []}, "n_headlines skal være et helt tal mellem 1 og 20, ikke [] (list)"),
        ({"n_headlines": True}, "ikke True (bool)"),
        ({"max_summary_words": 5.9}, "max_summary_words skal være et helt tal mellem 5 og 200, ikke 5.9 (float)"),
        ({"max_headline_chars": 70.0}, "ikke 70.0 (float)"),
        ({"engine": None}, "Motoren skal være et navn som 'auto', 'lead' eller 'extractive', ikke None"),
        ({"engine": 3}, "ikke 3 (int)"),
        ({"engine": "lead:../../x"}, "Motoren lead tager intet argument efter ':' (fik »../../x«)"),
        ({"engine": "extractive:/etc/passwd"}, "Motoren extractive tager intet argument efter ':'"),
    ],
)
def test_wrong_argument_types_are_one_summarizer_error(options: dict, message: str) -> None:
    with pytest.raises(SummarizerError) as raised:
        summarise(CYKEL, **options)
    assert message in str(raised.value) and "\n" not in str(raised.value)
    with pytest.raises(SummarizerError):
        list(summarise_many([CYKEL], **options))


@pytest.mark.parametrize("texts", [None, 5, "Én tekst, ikke en liste.", b"bytes"])
def test_summarise_many_refuses_what_is_not_a_list_of_texts(texts: object) -> None:
    with pytest.raises(SummarizerError, match="summarise_many tager en liste"):
        list(summarise_many(texts, engine="lead"))  # type: ignore[arg-type]


def test_summarise_many_refuses_unknown_errors_and_batch_size() -> None:
    with pytest.raises(SummarizerError, match="errors skal være 'raise' eller 'yield'"):
        list(summarise_many([CYKEL], engine="lead", errors="ignore"))
    with pytest.raises(SummarizerError, match="batch_size"):
        list(summarise_many([CYKEL], engine="lead", batch_size=0))


@pytest.mark.parametrize("text", ["😀😀😀", "😀😀😀.\n\n🎉🎉!\n\n👍👍👍.", "🇩🇰🇩🇰\n\n❤️❤️❤️\n\n★ ☺ ☺", "... !!!\n\n---"])
@pytest.mark.parametrize("engine", ["lead", "extractive"])
def test_emoji_only_text_is_a_clear_error_not_an_empty_summary(text: str, engine: str) -> None:
    with pytest.raises(SummarizerError, match="ingen ord at resumere, kun emoji, symboler eller tegnsætning"):
        summarise(text, engine=engine)


# --------------------------------------------------------------------------- the command line


def cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "summarizer", *args], input=stdin, capture_output=True, cwd=ROOT,
                          timeout=120)  # fmt: skip


def test_the_cli_summarises_a_feed_line_with_a_lone_surrogate(tmp_path: Path) -> None:
    item = tmp_path / "s1.json"
    item.write_text(json.dumps({"id": "s1", "text": CYKEL.replace("145", f"145 {SURROGATE}")}), encoding="utf-8")
    for extra in ([], ["--json"]):
        done = cli(str(item), "--engine", "lead", *extra)
        assert done.returncode == 0, done.stderr
        out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")  # strict: both are valid UTF-8
        assert "145 \ufffd" in out and "Traceback" not in err
    assert "advarsel: Artikel s1 (" in cli(str(item), "--engine", "lead").stderr.decode("utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--engine", "lead:../../x"], "Motoren lead tager intet argument"),
        (["--engine", ""], "Motoren skal være et navn"),
    ],
)
def test_the_cli_refuses_a_bad_engine_with_one_line(args: list[str], message: str) -> None:
    done = cli("-", *args, stdin=CYKEL.encode("utf-8"))
    assert done.returncode == 2 and message in one_line(done.stderr.decode("utf-8"))


def test_the_cli_refuses_emoji_only_input_with_one_line() -> None:
    done = cli("-", "--engine", "lead", stdin="😀😀😀.\n\n🎉🎉!".encode())
    assert done.returncode == 2 and "ingen ord at resumere" in one_line(done.stderr.decode("utf-8"))


# --------------------------------------------------------------------------- CSV: no formulas


def test_predictions_csv_cells_are_never_formulas(tmp_path: Path) -> None:
    from eval.report import write_csv

    record = {"engine": "lead", "index": 0, "line": 1, "id": "=HYPERLINK(\"http://x\")", "status": "ok",
              "summary": "=cmd|' /C calc'!A0", "headlines": ["@SUM(A1:A9)", "+45 mio. kr."], "reason": "-",
              "seconds": -0.5, "lead_stripped": False, "novel_bigrams": 0.25}  # fmt: skip
    path = tmp_path / "predictions.csv"
    write_csv(path, [record, {**record, "id": f"\tfane{SURROGATE}", "summary": "\rvogn", "headlines": ["Rubrik"]}],
              ["unicode"])  # fmt: skip
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["id"] == '\'=HYPERLINK("http://x")' and rows[0]["summary"] == "'=cmd|' /C calc'!A0"
    assert rows[0]["headline"] == "'@SUM(A1:A9)" and rows[0]["headlines"] == "'@SUM(A1:A9) | +45 mio. kr."
    assert rows[0]["reason"] == "'-" and rows[0]["seconds"] == "-0.5"  # numbers stay numbers
    assert rows[1]["id"] == "'\tfane\ufffd" and rows[1]["summary"] == "'\rvogn" and rows[1]["headline"] == "Rubrik"
    for row in rows:  # every text cell: no spreadsheet would read it as a formula
        assert all(not cell.startswith(("=", "+", "@", "\t", "\r")) for key, cell in row.items() if key != "seconds")
    assert csv_cell("Rubrik") == "Rubrik" and csv_cell(-3) == -3


def test_a_dataset_rows_error_is_valid_text() -> None:
    from summarizer.hf_datasets import _row

    assert _row(SummarizerError(f"for kort: {SURROGATE}"))["error"] == "for kort: \ufffd"
