"""`python -m summarizer batch`: results appended line by line, resumable, nothing dropped, kill-safe."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarizer import SummarizerError, engines
from summarizer.article import Article
from summarizer.batch import load_done, main
from summarizer.engines.base import Draft, Engine
from summarizer.engines.lead import LeadEngine

ROOT = Path(__file__).parent.parent
SAMPLES = ROOT / "data/samples"
STORY = ("Havnen i Hirtshals udvides for 300 mio. kr., oplyser havnen mandag.\n\n"
         "Arbejdet begynder i maj og skal bl.a. give plads til større færger.\n\n"
         "- Det er en god dag for Nordjylland, siger havnedirektør Lone Krog.")


class BoomEngine(Engine):
    """A test engine that crashes on any article mentioning "BOOM", and works like `lead` otherwise."""

    name = "boom"

    def summarise(self, article, options) -> Draft:
        if "BOOM" in article.body:
            raise RuntimeError("motoren gik i stykker")
        return LeadEngine().summarise(article, options)


@pytest.fixture(autouse=True)
def test_engines() -> Iterator[None]:
    """The test engines exist only during these tests: other tests see the real registry."""
    engines.register("boom", "tests.test_batch:BoomEngine")
    engines.register("broken", "tests.test_batch:BrokenEngine")
    yield
    engines.unregister("boom")
    engines.unregister("broken")


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def write_feed(path: Path, n: int, *, extra: list[dict] | None = None) -> list[str]:
    with open(path, "w", encoding="utf-8") as handle:
        for number in range(n):
            text = STORY.replace("300", str(300 + number))
            handle.write(json.dumps({"id": f"rb-{number:04d}", "title": "Hirtshals Havn udvides", "text": text},
                                    ensure_ascii=False) + "\n")
        for record in extra or []:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return [f"rb-{number:04d}" for number in range(n)] + [record["id"] for record in extra or []]


def run_cli(*args: str, **popen) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "summarizer", "batch", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


def test_a_folder_gives_one_line_per_item_and_records_the_item_that_failed(tmp_path: Path, capsys) -> None:
    out = tmp_path / "results.jsonl"
    assert main([str(SAMPLES), "--out", str(out), "--engine", "extractive", "--quiet"]) == 1
    lines = records(out)
    assert len(lines) == 23 == len({line["id"] for line in lines})
    failed = [line for line in lines if line["status"] == "error"]
    assert [line["id"] for line in failed] == ["https://eksempel.dk/sport/2024/09/fck"]
    assert "intet 'text'-felt" in failed[0]["error"] and failed[0]["source"] == "danewsroom/arkiv.jsonl:4"
    ok = next(line for line in lines if line["id"] == "20251014131100-RB-4471")
    assert set(ok) >= {"id", "status", "summary", "headlines", "engine", "flags", "warnings", "error"}
    assert ok["engine"] == "extractive" and ok["summary"] and ok["headlines"] and ok["error"] is None
    assert "Thyborøn" in out.read_text(encoding="utf-8")  # UTF-8, not \u escapes
    closing = capsys.readouterr().out.strip().splitlines()[-1]
    assert closing.startswith("batch færdig: 22 klar, 0 sprunget over") and "1 fejlede" in closing


def test_running_again_skips_every_id_done_and_tries_the_failed_one_again(tmp_path: Path, capsys) -> None:
    out = tmp_path / "results.jsonl"
    assert main([str(SAMPLES), "--out", str(out), "--engine", "lead", "--quiet"]) == 1  # one record has no text
    before = records(out)
    capsys.readouterr()
    assert main([str(SAMPLES), "--out", str(out), "--engine", "lead", "--quiet"]) == 1  # it fails again, and says so
    captured = capsys.readouterr()
    after = records(out)
    assert sorted(line["id"] for line in after) == sorted(line["id"] for line in before)  # still each id once
    assert [line for line in after if line["status"] == "ok"] == [line for line in before if line["status"] == "ok"]
    assert "0 klar, 22 sprunget over" in captured.out and "1 fejlede; 1 prøvet igen" in captured.out
    assert "advarsel: 1 artikel, der fejlede i en tidligere kørsel, prøves igen" in captured.err


def test_an_item_that_failed_succeeds_on_a_rerun_and_is_then_in_the_file_once_as_ok(tmp_path: Path, capsys) -> None:
    feed, out = tmp_path / "feed.jsonl", tmp_path / "results.jsonl"
    bad = {"id": "rb-boom", "title": "Eksplosion", "text": "Et brag lød kl. 13.11 over Aalborg. Det sagde BOOM."}
    ids = write_feed(feed, 5, extra=[bad])
    assert main([str(feed), "--out", str(out), "--engine", "boom", "--quiet"]) == 1
    assert [line["id"] for line in records(out) if line["status"] == "error"] == ["rb-boom"]
    capsys.readouterr()
    assert main([str(feed), "--out", str(out), "--engine", "lead", "--quiet"]) == 0  # the engine is mended
    captured = capsys.readouterr()
    lines = records(out)
    assert sorted(line["id"] for line in lines) == sorted(ids) and {line["status"] for line in lines} == {"ok"}
    assert "1 klar, 5 sprunget over" in captured.out and "0 fejlede; 1 prøvet igen" in captured.out
    assert main([str(feed), "--out", str(out), "--engine", "lead", "--quiet"]) == 0  # nothing left to retry
    assert "prøvet igen" not in capsys.readouterr().out


def test_out_dash_writes_result_lines_to_standard_output_and_everything_else_to_standard_error(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    ids = write_feed(feed, 4, extra=[{"id": "rb-tom", "text": "   "}])
    process = run_cli(str(feed), "--out", "-", "--engine", "lead")
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 1, stderr  # the empty item is an error line, not a lost item
    lines = [json.loads(line) for line in stdout.splitlines()]  # every line on stdout is a result
    assert [line["id"] for line in lines] == ids
    assert [line["status"] for line in lines] == ["ok"] * 4 + ["error"]
    assert "batch færdig: 4 klar" in stderr and "standardoutput" in stderr
    assert not list(tmp_path.glob("-*")) and not (ROOT / "-").exists()  # no file called "-"


def test_csv_beside_the_jsonl_opens_in_danish_excel(tmp_path: Path, capsys) -> None:
    import csv

    feed, out, sheet = tmp_path / "feed.jsonl", tmp_path / "results.jsonl", tmp_path / "resultater.csv"
    formula = {"id": "rb-formel", "title": "=HYPERLINK(1)", "text": "=SUM(A1) Søren købte æbler i Ærøskøbing."}
    ids = write_feed(feed, 3, extra=[formula])
    assert main([str(feed), "--out", str(out), "--csv", str(sheet), "--engine", "lead", "--quiet"]) == 0
    data = sheet.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the byte-order mark Danish Excel needs to read UTF-8
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0][:3] == ["item", "id", "status"] and [row[1] for row in rows[1:]] == ids
    by_id = {row[1]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert by_id["rb-0001"]["summary"].startswith("Havnen i Hirtshals udvides for 301 mio. kr.")
    assert by_id["rb-formel"]["real_headline"] == "'=HYPERLINK(1)"  # a formula is text, not run
    assert "æbler i Ærøskøbing" in by_id["rb-formel"]["summary"]
    assert f"CSV til Excel: {sheet} (4 rækker)" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "-", "--csv", "x.csv"], "--csv kræver --out FIL"),
        (["--out", "resultater.csv"], "--out skrives som JSONL"),
        (["--out", "-", "--ray"], "med --ray er OUT en mappe"),
    ],
)
def test_out_and_csv_that_cannot_work_together_are_one_danish_line(args: list[str], message: str, capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        main([str(SAMPLES), *args])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("python -m summarizer batch: fejl: ") and message in err and err.count("\n") == 1


def test_why_auto_chose_its_engine_is_said_only_with_verbose(tmp_path: Path, capsys) -> None:
    from summarizer.api import resolve_engine

    spec, reasons = resolve_engine("auto")
    if not reasons:
        pytest.skip("auto found a model here, so there is no fallback to explain")
    feed = tmp_path / "feed.jsonl"
    write_feed(feed, 2)
    assert main([str(feed), "--out", str(tmp_path / "a.jsonl"), "--quiet"]) == 0
    assert "Automatisk valg" not in capsys.readouterr().err
    assert main([str(feed), "--out", str(tmp_path / "b.jsonl"), "--quiet", "--verbose"]) == 0
    assert "advarsel: Automatisk valg: der er ingen resumémodel her" in capsys.readouterr().err


def test_a_missing_input_is_the_only_line_even_with_verbose(tmp_path: Path, capsys) -> None:
    assert main([str(tmp_path / "ingen-mappe"), "--out", str(tmp_path / "r.jsonl"), "--verbose"]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"fejl: filen eller mappen findes ikke: {tmp_path / 'ingen-mappe'}\n"
    assert not (tmp_path / "r.jsonl").exists()


def test_a_torn_last_line_is_cut_off_and_that_item_runs_again(tmp_path: Path, capsys) -> None:
    feed, out = tmp_path / "feed.jsonl", tmp_path / "results.jsonl"
    ids = write_feed(feed, 10)
    main([str(feed), "--out", str(out), "--engine", "lead", "--quiet"])
    data = out.read_bytes()
    out.write_bytes(data[: len(data) - 25])  # as if killed in the middle of writing the last line
    notes, done = load_done(out)
    assert len(done) == 9 and "en halv sidste linje" in notes[0] and notes[0].code == "batch.torn_line"
    assert main([str(feed), "--out", str(out), "--engine", "lead", "--quiet"]) == 0
    assert "1 klar, 9 sprunget over" in capsys.readouterr().out
    assert sorted(line["id"] for line in records(out)) == ids


def test_an_item_that_crashes_the_engine_is_written_with_its_error_and_the_batch_goes_on(tmp_path: Path) -> None:
    feed, out = tmp_path / "feed.jsonl", tmp_path / "results.jsonl"
    bad = {"id": "rb-boom", "title": "Eksplosion", "text": "Et brag lød kl. 13.11 over Aalborg. Det sagde BOOM."}
    ids = write_feed(feed, 20, extra=[bad])
    assert main([str(feed), "--out", str(out), "--engine", "boom", "--quiet"]) == 1
    lines = {line["id"]: line for line in records(out)}
    assert sorted(lines) == sorted(ids)
    assert lines["rb-boom"]["status"] == "error"
    assert lines["rb-boom"]["error"] == "intern fejl: RuntimeError: motoren gik i stykker"
    assert all(line["status"] == "ok" for key, line in lines.items() if key != "rb-boom")


def test_an_empty_article_is_an_error_line_not_a_lost_item(tmp_path: Path) -> None:
    folder, out = tmp_path / "feed", tmp_path / "results.jsonl"
    folder.mkdir()
    (folder / "tom.txt").write_text("   \n", encoding="utf-8")
    (folder / "havn.txt").write_text(STORY, encoding="utf-8")
    assert main([str(folder), "--out", str(out), "--engine", "lead", "--quiet"]) == 1
    lines = {line["id"]: line for line in records(out)}
    assert lines["havn.txt"]["status"] == "ok"
    assert lines["tom.txt"]["status"] == "error" and "Teksten er tom" in lines["tom.txt"]["error"]


def test_the_output_file_inside_the_input_folder_is_not_read_as_input(tmp_path: Path) -> None:
    (tmp_path / "havn.txt").write_text(STORY, encoding="utf-8")
    out = tmp_path / "results.jsonl"
    for _ in range(2):
        main([str(tmp_path), "--out", str(out), "--engine", "lead", "--quiet"])
    assert [line["id"] for line in records(out)] == ["havn.txt"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["findes-ikke/"], "filen eller mappen findes ikke"),
        ([str(SAMPLES), "--engine", "gpt"], "ukendt motor"),
        ([str(SAMPLES), "--headlines", "0"], "n_headlines"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(tmp_path: Path, capsys, args: list[str], message: str) -> None:
    assert main([*args, "--out", str(tmp_path / "r.jsonl"), "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("fejl:") and message in err.lower() and "\n" not in err


def test_two_workers_write_every_item_once(tmp_path: Path) -> None:
    feed, out = tmp_path / "feed.jsonl", tmp_path / "results.jsonl"
    ids = write_feed(feed, 100)
    process = run_cli(str(feed), "--out", str(out), "--engine", "extractive", "--workers", "2", "--quiet")
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    assert sorted(line["id"] for line in records(out)) == ids
    assert "100 klar, 0 sprunget over" in stdout


def test_killed_at_random_points_and_resumed_every_item_ends_up_exactly_once(tmp_path: Path) -> None:
    """The property the fault test in scripts/bench_batch.py checks with 20 kills, here with 3."""
    feed, out = tmp_path / "feed.jsonl", tmp_path / "results.jsonl"
    ids = write_feed(feed, 300)
    rng = random.Random(6)
    kills = 0
    for attempt in range(3):
        workers = "2" if attempt % 2 else "1"
        process = run_cli(str(feed), "--out", str(out), "--engine", "lead", "--workers", workers, "--quiet")
        target = (out.read_bytes().count(b"\n") if out.exists() else 0) + rng.randint(1, 60)
        while process.poll() is None and (not out.exists() or out.read_bytes().count(b"\n") < target):
            time.sleep(0.002)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.communicate()
    assert kills >= 2  # the kills really landed mid-run
    final = run_cli(str(feed), "--out", str(out), "--engine", "lead", "--quiet")
    final.communicate(timeout=120)
    counts = Counter(line["id"] for line in records(out))  # also proves every line is valid JSON
    assert sorted(counts) == ids
    assert set(counts.values()) == {1}


def test_ctrl_c_stops_cleanly_with_a_valid_file_and_says_how_to_resume(tmp_path: Path) -> None:
    from conftest import ctrl_c_as_in_a_terminal  # here: Ray's workers import this module and have no conftest

    feed, out = tmp_path / "feed.jsonl", tmp_path / "results.jsonl"
    write_feed(feed, 30000)  # far more than the run gets through before the signal, even on a fast machine
    process = run_cli(str(feed), "--out", str(out), "--engine", "lead", "--workers", "2", "--quiet",
                      start_new_session=True, preexec_fn=ctrl_c_as_in_a_terminal)
    while process.poll() is None and (not out.exists() or out.read_bytes().count(b"\n") < 20):
        time.sleep(0.005)
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole process group
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "batch afbrudt" in stdout and "kør samme kommando igen for at genoptage" in stdout
    assert "Traceback" not in stderr
    data = out.read_bytes()
    assert data.endswith(b"\n")
    assert all(json.loads(line)["status"] == "ok" for line in data.splitlines())


def test_sigterm_also_leaves_whole_lines(tmp_path: Path) -> None:
    feed, out = tmp_path / "feed.jsonl", tmp_path / "results.jsonl"
    write_feed(feed, 30000)
    process = run_cli(str(feed), "--out", str(out), "--engine", "lead", "--quiet")
    while process.poll() is None and (not out.exists() or out.read_bytes().count(b"\n") < 20):
        time.sleep(0.005)
    process.terminate()
    stdout, _ = process.communicate(timeout=60)
    assert process.returncode == 130 and "batch afbrudt" in stdout
    assert out.read_bytes().endswith(b"\n")
    _, done = load_done(out)
    assert len(done) == out.read_bytes().count(b"\n")


def test_a_zip_archive_is_a_valid_input(tmp_path: Path) -> None:
    archive = shutil.make_archive(str(tmp_path / "arkiv"), "zip", SAMPLES / "ritzau-xml")
    out = tmp_path / "results.jsonl"
    assert main([archive, "--out", str(out), "--engine", "lead", "--quiet"]) == 0
    assert len(records(out)) == 3


class BrokenEngine(Engine):
    """A test engine whose loading fails, as a model file fitted for other features would."""

    name = "broken"

    def __init__(self) -> None:
        raise ValueError("params were fitted for other features")


def test_an_engine_that_cannot_start_stops_the_run_with_one_line_and_writes_no_item_errors(
    tmp_path: Path, capsys
) -> None:
    from summarizer.batch import Settings, result_lines

    out = tmp_path / "results.jsonl"
    assert main([str(SAMPLES), "--out", str(out), "--engine", "broken", "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "fejl: Motoren broken kunne ikke starte: ValueError: params were fitted for other features"
    assert not out.exists() or out.read_text(encoding="utf-8") == ""
    # In a worker the same failure is a set-up error that stops the run, not N item errors.
    with pytest.raises(SummarizerError, match="kunne ikke starte"):
        result_lines([Article(body=STORY)], Settings("broken"))


# ------------------------------------------------------------------ the chunk fallback and ResultLine.from_result


def test_a_chunk_keeps_every_item_and_an_engine_crash_costs_only_its_article() -> None:
    from summarizer.batch import summarise_chunk
    from summarizer.options import Options
    from summarizer.summary import Summary

    unread = SummarizerError("kunne ikke læses")
    items = [Article(body=STORY, id="a"), unread, Article(body=STORY + " BOOM", id="b"), Article(body=STORY, id="c")]
    heard: list[Exception] = []
    results = summarise_chunk(items, "boom", Options(n_headlines=2), on_chunk_error=heard.append)
    assert [type(result).__name__ for result in results] == ["Summary", "SummarizerError", "RuntimeError", "Summary"]
    assert results[1] is unread and str(results[2]) == "motoren gik i stykker"
    assert [result.article.id for result in results if isinstance(result, Summary)] == ["a", "c"]
    assert all(len(r.headlines) <= 2 for r in results if isinstance(r, Summary)) and len(heard) == 1


def test_a_set_up_error_stops_the_chunk_unless_the_caller_records_it_against_every_item() -> None:
    from summarizer.batch import summarise_chunk
    from summarizer.errors import UnknownEngine
    from summarizer.options import Options

    articles = [Article(body=STORY), Article(body=STORY)]
    with pytest.raises(UnknownEngine):
        summarise_chunk(articles, "ingen-motor", Options())
    results = summarise_chunk(articles, "ingen-motor", Options(), fatal=())
    assert [type(result).__name__ for result in results] == ["UnknownEngine", "UnknownEngine"]


def test_result_line_from_result_numbers_the_desks_rows_and_names_the_engine_asked_for() -> None:
    from summarizer import summarise_many
    from summarizer.results import ResultLine

    article = Article(body=STORY, headline="Hirtshals Havn udvides", lead="", format="plain", where="feed.jsonl:3")
    summary = next(summarise_many([article], engine="lead"))
    ok = ResultLine.from_result(2, article, "lead", summary).to_dict()
    assert ok["item"] == 2 and ok["id"] == "#3" and ok["status"] == "ok" and ok["engine"] == "lead"
    assert ok["summary"] == summary.summary and ok["headlines"] == list(summary.headlines)
    assert ok["real_headline"] == "Hirtshals Havn udvides" and ok["real_lead"] is None  # an empty lead is none
    assert ok["source"] == "feed.jsonl:3" and ok["seconds"] == round(summary.seconds, 4) and ok["error"] is None
    crashed = ResultLine.from_result(0, article, "boom", RuntimeError("gik i stykker"), error="Prøv igen.")
    assert crashed.to_dict() == {
        "item": 0, "id": "#1", "status": "error", "engine": "boom", "summary": None, "headline": None,
        "headlines": [], "flags": [], "problems": [], "warnings": [], "error": "Prøv igen.", "source": "feed.jsonl:3",
        "format": "plain", "real_headline": "Hirtshals Havn udvides", "real_lead": None, "seconds": 0.0,
    }  # fmt: skip
    from summarizer.wire import WireError

    unread = ResultLine.from_result(4, WireError("kunne  ikke læses", item_id="b", where="arkiv.zip:b.xml"), "lead")
    assert (unread.id, unread.error, unread.source, unread.seconds) == ("#5", "kunne ikke læses", "arkiv.zip:b.xml", 0)
    internal = ResultLine.from_result(0, article, "boom", ValueError("x"))
    assert internal.error == "intern fejl: ValueError: x"
