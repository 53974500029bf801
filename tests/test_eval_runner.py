"""Specification of the benchmark runner (`python -m eval`) and its data readers, end to end on files written here."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from eval.__main__ import main
from eval.data import Fields, load
from eval.leakage import strip_lead
from summarizer import engines
from summarizer.engines.base import Draft, Engine

ROOT = Path(__file__).resolve().parents[1]

ARTICLES = [
    {
        "id": "a1",
        "title": "Aarhus får nye cykelstier for to milliarder",
        "summary": "Byrådet i Aarhus har vedtaget en plan for 40 kilometer nye cykelstier.",
        "text": "Byrådet i Aarhus vedtog torsdag aften en plan, der skal give byen 40 kilometer nye cykelstier "
        "inden 2030. Planen koster 2 mia. kr.\n\nRådmand Anne Jensen (S) kalder det en historisk dag for byens "
        "cyklister. – Vi har ventet længe på det her, siger hun.\n\nOppositionen mener, at pengene burde gå til "
        "veje.",
    },
    {
        "id": "a2",
        "title": "Færgen til Ærø sejler igen efter stormen",
        "summary": "Efter tre dages stilstand sejler færgen mellem Svendborg og Ærøskøbing igen søndag.",
        "text": "Stormen har holdt færgen til Ærø i havn siden torsdag. Søndag morgen kl. 6.15 sejlede den "
        "første afgang fra Svendborg.\n\nRederiet oplyser, at alle afgange søndag er fuldt bookede. Ekstra "
        "afgange sættes ind mandag.\n\n»Vi er glade for at være i gang igen«, siger driftschef Søren Møller.",
    },
    {
        "id": "a3",
        "title": "Politiet efterlyser vidner til røveri i Glostrup",
        "summary": "To maskerede mænd røvede bl.a. en kiosk i Glostrup fredag aften.",
        # the body begins with the lead: the leakage guard must cut it off
        "text": "To maskerede mænd røvede bl.a. en kiosk i Glostrup fredag aften. Mændene flygtede i en "
        "mørk bil mod Roskilde.\n\nPolitiet efterlyser vidner, der har set bilen mellem kl. 21 og 22. Ingen "
        "kom til skade ved røveriet.",
    },
    {
        "id": "a4",
        "title": "Dronningen åbner udstilling på Amalienborg",
        "summary": "En ny udstilling om kongehusets gaver åbner for publikum den 24. februar.",
        "text": "Dronningen åbnede onsdag en udstilling om gaver, som kongehuset har fået gennem 50 år. "
        "Udstillingen viser blandt andet en kjole fra Japan og et ur fra Schweiz.\n\nMuseet venter 100.000 "
        "gæster i løbet af foråret. Billetter kan købes fra mandag.",
    },
    {
        "id": "a5",
        "title": "Skolerne i Odense skal spare 30 millioner",
        "summary": "Borgmesteren er bekymret, men kommunens skoler må skære i budgettet næste år.",
        "text": "Odense Kommune skal finde 30 mio. kr. på skoleområdet næste år. Det betyder færre lærere og "
        "større klasser, advarer lærerforeningen.\n\n– Vi er dybt bekymrede for eleverne, siger formand Lise "
        "Holm.\n\nBorgmesteren vil se på, om pengene kan findes andre steder i budgettet.",
    },
]


def write_jsonl(path: Path, rows: list[dict], extra_lines: list[str] | None = None) -> Path:
    lines = [json.dumps(row, ensure_ascii=False) for row in rows] + (extra_lines or [])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_cli(capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--no-progress", "--resamples", "200"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- end to end ---------------------------------------------------------------------------------


def test_runner_scores_lead_and_extractive_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    data = write_jsonl(tmp_path / "nyheder.jsonl", ARTICLES)
    out = tmp_path / "out"
    code, stdout, _ = run_cli(capsys, "--data", str(data), "--engines", "lead,extractive", "--out", str(out))
    assert code == 0
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))

    assert results["data"]["sha256"] == hashlib.sha256(data.read_bytes()).hexdigest()
    assert results["data"]["articles"] == 5
    assert results["data"]["lead_stripped"] == 1
    assert results["signatures"] == {
        "unicode": "rouge|tok:unicode-w|stem:none|case:lower|v:0.1.0|boot:200|seed:0",
        "ascii": "rouge|tok:ascii|stem:none|case:lower|v:0.1.0|boot:200|seed:0",
    }
    assert results["versions"]["rouge-score"] and results["versions"]["eval"] == "0.1.0"
    assert results["config"]["engines"] == ["lead", "extractive"]
    assert results["complete"] is True
    for spec in ("lead", "extractive"):
        engine = results["engines"][spec]
        assert engine["articles"] == 5
        for mode in ("unicode", "ascii"):
            for task in ("summary", "headline", "headline_best"):
                f = engine["scores"][mode][task]["rouge1"]["f"]
                assert 0 < f["mean"] <= 1 and f["low"] <= f["mean"] <= f["high"]
            top = engine["scores"][mode]["headline"]["rouge1"]["f"]["mean"]
            best = engine["scores"][mode]["headline_best"]["rouge1"]["f"]["mean"]
            assert best >= top
        assert engine["measures"]["summary_words"]["mean"] > 5
        assert 0 <= engine["measures"]["novel_bigrams"]["mean"] <= 1
    assert {t["engine"] for t in results["paired"]} == {"extractive"}
    assert all(0 < t["p_value"] <= 1 for t in results["paired"])

    records = [json.loads(line) for line in (out / "predictions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == 10 and all(r["status"] == "ok" for r in records)
    with (out / "predictions.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 10 and float(rows[0]["unicode_summary_rouge1_f"]) == pytest.approx(
        records[0]["scores"]["unicode"]["summary"]["rouge1"][2], abs=1e-6
    )
    markdown = (out / "results.md").read_text(encoding="utf-8")
    assert "rouge|tok:unicode-w|stem:none|case:lower|v:0.1.0|boot:200|seed:0" in markdown
    assert "| extractive |" in markdown
    assert markdown in stdout
    assert (out / "chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_lead_is_cut_from_a_body_that_begins_with_it(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    data = write_jsonl(tmp_path / "nyheder.jsonl", ARTICLES)
    out = tmp_path / "out"
    assert run_cli(capsys, "--data", str(data), "--engines", "lead", "--out", str(out))[0] == 0
    records = {r["id"]: r for r in map(json.loads, (out / "predictions.jsonl").read_text().splitlines())}
    assert records["a3"]["lead_stripped"] is True
    assert records["a3"]["summary"].startswith("Mændene flygtede")
    assert not any(records[i]["lead_stripped"] for i in ("a1", "a2", "a4", "a5"))


class SpyEngine(Engine):
    """Remembers every article it was handed."""

    name = "spy"
    seen: list = []

    def summarise(self, article, options):
        SpyEngine.seen.append(article)
        first = article.body.split(".")[0]
        return Draft(summary=first + ".", headlines=[first[:60], "Nyt fra Danmark"])


def test_engines_see_only_the_body_never_the_title_or_the_lead(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    engines.register("spy", f"{__name__}:SpyEngine")
    SpyEngine.seen.clear()
    data = write_jsonl(tmp_path / "nyheder.jsonl", ARTICLES)
    assert run_cli(capsys, "--data", str(data), "--engines", "spy", "--out", str(tmp_path / "out"))[0] == 0
    assert len(SpyEngine.seen) == 5
    for article, row in zip(SpyEngine.seen, ARTICLES, strict=True):
        assert article.headline is None and article.lead is None
        assert row["title"] not in article.body and row["summary"] not in article.body


def test_engines_get_the_body_cleaned_like_any_input(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    engines.register("spy", f"{__name__}:SpyEngine")
    SpyEngine.seen.clear()
    scraped = {**ARTICLES[1], "text": "Stormen har holdt færgen til Ærø i havn siden torsdag.Søndag sejlede den igen."
               "\n\nArtiklen fortsætter under annoncen\n\nLæs også: Ny færge til Ærø\n\nRederiet er glad. /ritzau/"}
    data = write_jsonl(tmp_path / "nyheder.jsonl", [scraped])
    assert run_cli(capsys, "--data", str(data), "--engines", "spy", "--out", str(tmp_path / "out"))[0] == 0
    assert SpyEngine.seen[0].body == (
        "Stormen har holdt færgen til Ærø i havn siden torsdag. Søndag sejlede den igen.\n\nRederiet er glad."
    )


# --- bad input ----------------------------------------------------------------------------------


def test_bad_rows_are_skipped_and_counted_with_line_numbers(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    rows = [ARTICLES[0], {**ARTICLES[1], "summary": "  "}, {k: v for k, v in ARTICLES[3].items() if k != "title"}]
    data = write_jsonl(tmp_path / "nyheder.jsonl", rows, ['{"title": "Brudt linje", "summary": ', ""])
    data.write_text(data.read_text() + json.dumps(ARTICLES[4], ensure_ascii=False) + "\n")
    out = tmp_path / "out"
    code, _, stderr = run_cli(capsys, "--data", str(data), "--engines", "lead", "--out", str(out))
    assert code == 0
    results = json.loads((out / "results.json").read_text())
    assert results["data"]["articles"] == 2
    assert results["skipped"]["reasons"] == {
        "empty field 'summary'": 1, "missing field 'title'": 1, "malformed JSON": 1,
    }
    reasons = {row["line"]: row["reason"] for row in results["skipped"]["rows"]}
    assert reasons[2] == "empty field 'summary' on line 2"
    assert reasons[4].startswith("malformed JSON on line 4")
    assert "3 rows skipped" in stderr and "malformed JSON" in stderr
    assert "malformed JSON" in (out / "results.md").read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--data", "findes-ikke.jsonl"], "error: data file not found: findes-ikke.jsonl"),
        (["--engines", "lead,magisk"], "error: Ukendt motor 'magisk'"),
        (["--title-field", "overskrift"], "error: unknown field 'overskrift' (for the title)"),
    ],
)
def test_unusable_input_is_a_one_line_error_with_exit_code_2(
    tmp_path: Path, capsys: pytest.CaptureFixture, args: list[str], message: str
) -> None:
    data = write_jsonl(tmp_path / "nyheder.jsonl", ARTICLES)
    base = {"--data": str(data), "--engines": "lead", "--out": str(tmp_path / "out")}
    for flag, value in zip(args[::2], args[1::2], strict=True):
        base[flag] = str(tmp_path / value) if flag == "--data" else value
    code, _, stderr = run_cli(capsys, *[x for pair in base.items() for x in pair])
    assert code == 2
    assert stderr.strip().count("\n") == 0
    assert stderr.strip().startswith(message.replace("findes-ikke.jsonl", str(tmp_path / "findes-ikke.jsonl")))


def test_the_options_every_command_line_shares_reach_the_engines(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    # --headlines, --words and --chars come from summarizer.options; the results keep the three keys they had.
    data = write_jsonl(tmp_path / "nyheder.jsonl", ARTICLES)
    out = tmp_path / "out"
    code, _, _ = run_cli(capsys, "--data", str(data), "--engines", "lead", "--out", str(out),
                         "--headlines", "2", "--words", "20", "--chars", "40")  # fmt: skip
    assert code == 0
    config = json.loads((out / "results.json").read_text(encoding="utf-8"))["config"]
    assert (config["n_headlines"], config["max_summary_words"], config["max_headline_chars"]) == (2, 20, 40)
    assert "options" not in config
    for record in map(json.loads, (out / "predictions.jsonl").read_text(encoding="utf-8").splitlines()):
        assert len(record["headlines"]) <= 2 and all(len(h) <= 40 for h in record["headlines"])
    code, _, stderr = run_cli(capsys, "--data", str(data), "--engines", "lead", "--out", str(tmp_path / "o2"),
                              "--chars", "5")  # fmt: skip
    assert code == 2 and stderr.startswith("error: ") and stderr.strip().count("\n") == 0


def test_an_out_folder_from_a_run_with_other_settings_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    data = write_jsonl(tmp_path / "nyheder.jsonl", ARTICLES)
    out = str(tmp_path / "out")
    assert run_cli(capsys, "--data", str(data), "--engines", "lead", "--out", out)[0] == 0
    code, _, stderr = run_cli(capsys, "--data", str(data), "--engines", "lead", "--out", out, "--stem")
    assert code == 2 and "other settings (stem)" in stderr


# --- resume -------------------------------------------------------------------------------------


def test_a_rerun_with_the_same_out_resumes_and_repairs_a_torn_last_line(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    data = write_jsonl(tmp_path / "nyheder.jsonl", ARTICLES)
    out = tmp_path / "out"
    assert run_cli(capsys, "--data", str(data), "--engines", "lead", "--out", str(out), "--limit", "2")[0] == 0
    predictions = out / "predictions.jsonl"
    first = predictions.read_text(encoding="utf-8").splitlines()
    assert len(first) == 2
    with predictions.open("a", encoding="utf-8") as handle:
        handle.write('{"engine": "lead", "index": 2, "sta')  # a crash in the middle of a write
    code, _, stderr = run_cli(capsys, "--data", str(data), "--engines", "lead", "--out", str(out))
    assert code == 0 and "resuming: 2 article results" in stderr
    lines = predictions.read_text(encoding="utf-8").splitlines()
    assert lines[:2] == first
    assert sorted(json.loads(line)["index"] for line in lines) == [0, 1, 2, 3, 4]
    assert json.loads((out / "results.json").read_text())["engines"]["lead"]["articles"] == 5


SLOW_ENGINE = '''
import time
from summarizer.engines.base import Draft, Engine

class SlowEngine(Engine):
    name = "slow"

    def summarise(self, article, options):
        time.sleep(0.05)
        first = article.body.split(".")[0]
        return Draft(summary=first + ".", headlines=[first[:60]])
'''

DRIVER = '''
import sys
from summarizer import engines
engines.register("slow", "slowengine:SlowEngine")
from eval.__main__ import main
sys.exit(main(sys.argv[1:]))
'''


def test_ctrl_c_loses_nothing_and_the_same_command_finishes_the_run(tmp_path: Path) -> None:
    from conftest import ctrl_c_as_in_a_terminal

    (tmp_path / "slowengine.py").write_text(textwrap.dedent(SLOW_ENGINE), encoding="utf-8")
    rows = [{**row, "id": f"{row['id']}-{n}"} for n in range(6) for row in ARTICLES]  # 30 articles
    data = write_jsonl(tmp_path / "nyheder.jsonl", rows)
    out = tmp_path / "out"
    command = [sys.executable, "-c", DRIVER, "--data", str(data), "--engines", "slow", "--out", str(out),
               "--batch-size", "1", "--resamples", "100", "--no-progress"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(tmp_path)])}
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=ctrl_c_as_in_a_terminal)
    predictions = out / "predictions.jsonl"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if predictions.exists() and len(predictions.read_text().splitlines()) >= 3:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr and "run the same command again" in stderr
    kept = predictions.read_text(encoding="utf-8").splitlines()
    assert 3 <= len(kept) < 30

    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert f"resuming: {len(kept)} article results" in done.stderr
    lines = predictions.read_text(encoding="utf-8").splitlines()
    assert lines[: len(kept)] == kept
    assert sorted(json.loads(line)["index"] for line in lines) == list(range(30))


# --- readers ------------------------------------------------------------------------------------


def test_csv_parquet_and_saved_datasets_give_the_same_examples_as_jsonl(tmp_path: Path) -> None:
    import datasets
    import pandas as pd

    frame = pd.DataFrame(ARTICLES)
    frame.to_csv(tmp_path / "nyheder.csv", index=False)
    frame.to_parquet(tmp_path / "nyheder.parquet")
    datasets.Dataset.from_pandas(frame).save_to_disk(str(tmp_path / "saved"))
    datasets.DatasetDict({"validation": datasets.Dataset.from_pandas(frame)}).save_to_disk(str(tmp_path / "dict"))
    expected = load(write_jsonl(tmp_path / "nyheder.jsonl", ARTICLES)).examples
    for name, fmt in [("nyheder.csv", "csv"), ("nyheder.parquet", "parquet"), ("saved", "datasets"),
                      ("dict", "datasets")]:
        dataset = load(tmp_path / name)
        assert dataset.format == fmt
        assert [(e.id, e.title, e.summary, e.text) for e in dataset.examples] == [
            (e.id, e.title, e.summary, e.text) for e in expected
        ], name


def test_danish_excel_semicolon_csv_and_a_cp1252_jsonl_read_like_utf8_jsonl(tmp_path: Path) -> None:
    import pandas as pd

    pd.DataFrame(ARTICLES).to_csv(tmp_path / "excel.csv", index=False, sep=";", encoding="cp1252")
    old = tmp_path / "gammel.jsonl"
    old.write_bytes("\n".join(json.dumps(row, ensure_ascii=False) for row in ARTICLES).encode("cp1252") + b"\n")
    expected = [(e.id, e.title, e.summary, e.text) for e in load(write_jsonl(tmp_path / "ny.jsonl", ARTICLES)).examples]
    for path in (tmp_path / "excel.csv", old):
        assert [(e.id, e.title, e.summary, e.text) for e in load(path).examples] == expected, path.name


def test_field_names_can_be_renamed(tmp_path: Path) -> None:
    rows = [{"overskrift": r["title"], "manchet": r["summary"], "brødtekst": r["text"]} for r in ARTICLES]
    dataset = load(write_jsonl(tmp_path / "egne.jsonl", rows), Fields("overskrift", "manchet", "brødtekst"))
    assert len(dataset.examples) == 5 and dataset.examples[1].title == ARTICLES[1]["title"]


def test_leakage_guard_ignores_spacing_and_case_but_not_other_words() -> None:
    body = "Ærø får ny færge.\n\nDen sejler fra maj."
    assert strip_lead(body, "ærø  får ny FÆRGE") == ("Den sejler fra maj.", True)
    assert strip_lead(body, "Ærø får en ny færge") == (body, False)


def test_an_article_an_engine_refuses_is_counted_per_engine_not_dropped(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    rows = [*ARTICLES[:2], {"id": "kort", "title": "TV-program", "summary": "Et program i aften.",
                            "text": "DR2 | Onsdag d. 29. oktober kl. 19:30 - 20:00"}]
    data = write_jsonl(tmp_path / "nyheder.jsonl", rows)
    out = tmp_path / "out"
    code, _, stderr = run_cli(capsys, "--data", str(data), "--engines", "lead", "--out", str(out))
    assert code == 0 and "lead skipped 1 articles" in stderr
    lead = json.loads((out / "results.json").read_text())["engines"]["lead"]
    assert lead["articles"] == 2 and lead["skipped"] == 1
    assert lead["skipped_reasons"] == {"EmptyInput: Teksten er kun en rubrik": 1}
    refused = [json.loads(line) for line in (out / "predictions.jsonl").read_text().splitlines()][-1]
    assert refused["status"] == "skipped" and refused["line"] == 3
