"""`summarizer.data`: the library's one reader of data sets with the real headline and lead.

Training (`summarizer.finetune`), the benchmark (`python -m eval`, through `eval.data`) and the extractive fit
(``scripts/fit_extractive.load_dev``) all read with it; its reasons and errors are Danish catalogue codes, and the
benchmark renders the same codes in the English its results files have always held.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import eval.data as benchmark_data
from summarizer import data
from summarizer.errors import SummarizerError

ROWS = [
    {"id": "a1", "site": "dr.dk", "title": "Ny bro over Limfjorden", "summary": "Broen åbner i 2031.",
     "text": "Broen over Limfjorden åbner i 2031. Den koster 4,2 mia. kr."},
    {"id": "a2", "title": "Uden lead", "summary": "  ", "text": "Brødtekst."},
    {"id": "a3", "summary": "Skolen lukker.", "text": "Skolen i Vorupør lukker efter sommerferien."},
]  # fmt: skip


def write(path: Path, rows: list[dict], extra: list[str] | None = None) -> Path:
    path.write_text("\n".join([*(json.dumps(r, ensure_ascii=False) for r in rows), *(extra or [])]) + "\n",
                    encoding="utf-8")  # fmt: skip
    return path


def test_rows_are_checked_and_skipped_rows_say_why_in_danish_with_their_code(tmp_path: Path) -> None:
    dataset = data.load(write(tmp_path / "arkiv.jsonl", ROWS, ['{"title": "brudt', "[1, 2]"]))
    assert [(e.id, e.source) for e in dataset.examples] == [("a1", "dr.dk")]
    assert [s.code for s in dataset.skipped] == [
        "data.row.empty_field", "data.row.missing_field", "data.row.bad_json", "data.row.not_object",
    ]  # fmt: skip
    assert dataset.skipped[0].reason == "tomt felt »summary« på linje 2"
    assert dataset.skipped[2].reason.startswith("ugyldig JSON på linje 4: ")
    assert dataset.skipped_counts() == {
        "tomt felt »summary«": 1, "manglende felt »title«": 1, "ugyldig JSON": 1, "ikke et JSON-objekt": 1,
    }  # fmt: skip


def test_the_benchmark_gives_the_same_codes_in_its_english(tmp_path: Path) -> None:
    dataset = benchmark_data.load(write(tmp_path / "arkiv.jsonl", ROWS, ['{"title": "brudt']))
    assert [benchmark_data.reason(s) for s in dataset.skipped][:2] == [
        "empty field 'summary' on line 2", "missing field 'title' on line 3",
    ]  # fmt: skip
    assert benchmark_data.reason(dataset.skipped[2]).startswith("malformed JSON on line 4: ")
    assert benchmark_data.kind(dataset.skipped[2]) == "malformed JSON"


def test_an_unusable_file_is_one_danish_line_and_one_english_line_for_the_benchmark(tmp_path: Path) -> None:
    with pytest.raises(data.DataError) as missing:
        data.load(tmp_path / "findes-ikke.jsonl")
    assert isinstance(missing.value, SummarizerError) and missing.value.code == "data.not_found"
    assert str(missing.value) == f"datafilen findes ikke: {tmp_path / 'findes-ikke.jsonl'}"
    assert benchmark_data.error_text(missing.value) == f"data file not found: {tmp_path / 'findes-ikke.jsonl'}"
    path = write(tmp_path / "arkiv.jsonl", ROWS[:1])
    with pytest.raises(data.DataError) as unknown:
        data.load(path, data.Fields(title="overskrift"))
    assert str(unknown.value).startswith("ukendt felt »overskrift« (til rubrikken); arkiv.jsonl har: ")
    assert benchmark_data.error_text(unknown.value).startswith("unknown field 'overskrift' (for the title)")
    broken = tmp_path / "brudt.jsonl"
    broken.write_text('{"title": \n', encoding="utf-8")
    with pytest.raises(data.DataError) as nothing:
        data.load(broken)
    assert str(nothing.value).startswith(f"ingen læsbare rækker i {broken}: ugyldig JSON på linje 1")
    english = benchmark_data.error_text(nothing.value)
    assert english.startswith(f"no readable rows in {broken}: malformed JSON on line 1")


def test_no_library_module_reads_data_sets_through_eval() -> None:
    root = Path(__file__).resolve().parents[1]
    for path in [root / "summarizer" / "finetune.py", root / "summarizer" / "data.py"]:
        assert "from eval" not in path.read_text(encoding="utf-8") and "import eval" not in path.read_text()
    assert benchmark_data.load is data.load and benchmark_data.DataError is data.DataError
