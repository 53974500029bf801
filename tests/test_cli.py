"""The command line: `python -m summarizer [FILE|-] [--engine NAME] [--headlines N] [--json]`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data/samples/plain/cykelstier-aarhus.txt"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    )


def test_a_file_prints_the_summary_and_numbered_headlines() -> None:
    result = run(str(SAMPLE), "--engine", "lead")
    assert result.returncode == 0, result.stderr
    assert "Aarhus Kommune har mandag fremlagt en plan" in result.stdout
    assert "\n  1. " in result.stdout and "\n  3. " in result.stdout


def test_json_output_carries_engine_headlines_and_the_real_lead() -> None:
    result = run(str(SAMPLE), "--engine", "extractive", "--headlines", "4", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["engine"] == "extractive"
    assert 3 <= len(data["headlines"]) <= 4
    assert data["article"]["headline"] == "Aarhus vil bruge 145 millioner på cykelstier"
    assert data["article"]["lead"].startswith("Aarhus Kommune vil bruge 145 mio. kr.")


def test_standard_input_is_read_with_a_dash() -> None:
    result = run("-", "--engine", "lead", stdin=SAMPLE.read_bytes())
    assert result.returncode == 0, result.stderr
    assert "Aarhus Kommune har mandag" in result.stdout


def test_missing_file_is_one_line_and_exit_2() -> None:
    result = run("findes-ikke.txt")
    assert result.returncode == 2
    assert result.stderr.strip() == "fejl: filen findes ikke: findes-ikke.txt"


def test_empty_input_is_one_line_and_exit_2() -> None:
    result = run("-", stdin=b"  \n\n ")
    assert result.returncode == 2
    assert result.stderr == "fejl: Teksten er tom: der er intet at resumere.\n"


def test_binary_file_is_refused_with_one_line(tmp_path: Path) -> None:
    png = tmp_path / "billede.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    result = run(str(png))
    assert result.returncode == 2
    assert "ikke tekst" in result.stderr and result.stderr.count("\n") == 1


def test_latin1_file_from_an_old_feed_is_read(tmp_path: Path) -> None:
    old = tmp_path / "gammel.txt"
    old.write_bytes(SAMPLE.read_text(encoding="utf-8").encode("cp1252"))
    result = run(str(old), "--engine", "lead")
    assert result.returncode == 0, result.stderr
    assert "Aarhus Kommune har mandag fremlagt" in result.stdout


def test_unknown_engine_and_bad_option_exit_2() -> None:
    unknown = run(str(SAMPLE), "--engine", "gpt")
    assert unknown.returncode == 2 and "fejl: Ukendt motor 'gpt'; vælg en af: auto, lead, extractive" in unknown.stderr
    bad = run(str(SAMPLE), "--headlines", "mange")
    assert bad.returncode == 2
    assert bad.stderr == "python -m summarizer: fejl: --headlines: ugyldig værdi: 'mange'\n"
    zero = run(str(SAMPLE), "--headlines", "0")
    assert zero.returncode == 2 and "n_headlines" in zero.stderr


def test_a_folder_points_to_the_batch_command(tmp_path: Path) -> None:
    result = run(str(tmp_path))
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"fejl: {tmp_path} er en mappe; brug `python -m summarizer batch {tmp_path}")


def test_a_ritzau_xml_item_is_read_through_the_wire_readers() -> None:
    xml = next((ROOT / "data/samples/ritzau-xml").glob("*.xml"))
    result = run(str(xml), "--engine", "lead", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["article"]["format"] == "ritzau-xml"
    assert data["summary"] and "<" not in data["summary"]


def test_help_lists_every_subcommand_and_the_single_article_use_with_one_line_each() -> None:
    result = run("--help")
    assert result.returncode == 0, result.stderr
    listed = result.stdout.split("kommandoer:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    names = [line.split()[0] for line in listed]
    assert names == ["FIL", "batch", "finetune", "download", "convert"]
    assert all(len(line.split(None, 1)[1]) > 20 for line in listed[1:])  # each says in one line what it does
    assert "brug: python -m summarizer" in result.stdout and "vis denne hjælp" in result.stdout


def test_the_output_labels_and_the_engine_name_are_danish() -> None:
    result = run(str(SAMPLE), "--engine", "lead")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Resumé (Første sætninger):\n") and "\nRubrikker:\n" in result.stdout


def test_why_auto_chose_its_engine_is_said_only_with_verbose() -> None:
    quiet = run(str(SAMPLE), "--json")
    assert quiet.returncode == 0, quiet.stderr
    if json.loads(quiet.stdout)["engine"] != "extractive":
        pytest.skip("auto found a model here, so there is no fallback to explain")
    assert "Automatisk valg" not in quiet.stderr and "Automatisk valg" not in quiet.stdout
    assert "Automatisk valg" not in json.dumps(json.loads(quiet.stdout), ensure_ascii=False)
    verbose = run(str(SAMPLE), "--verbose")
    assert verbose.returncode == 0, verbose.stderr
    assert verbose.stderr.startswith("advarsel: Automatisk valg: der er ingen resumémodel her")
    assert "derfor blev Udvalgte sætninger brugt." in verbose.stderr


def test_a_missing_folder_is_the_only_line_even_with_verbose(tmp_path: Path) -> None:
    missing = tmp_path / "ingen-mappe"
    result = run(str(missing), "--verbose")
    assert result.returncode == 2
    assert result.stderr == f"fejl: filen findes ikke: {missing}\n" and result.stdout == ""


def test_the_publication_time_is_shown_in_copenhagen_time(tmp_path: Path) -> None:
    storm = (ROOT / "data/samples/ritzau-xml/storm-vestkysten.xml").read_text(encoding="utf-8")
    in_utc = tmp_path / "storm.xml"
    in_utc.write_text(storm.replace("2025-10-14T13:11:00+02:00", "2025-10-14T11:11:00Z"), encoding="utf-8")
    result = run(str(in_utc), "--engine", "lead")
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith("Udgivet: 2025-10-14 13:11 (dansk tid)")  # 11:11 UTC is 13:11 in summer
    winter = tmp_path / "vinter.xml"
    winter.write_text(storm.replace("2025-10-14T13:11:00+02:00", "2025-12-01T08:00:00+00:00"), encoding="utf-8")
    assert "Udgivet: 2025-12-01 09:00 (dansk tid)" in run(str(winter), "--engine", "lead").stdout
