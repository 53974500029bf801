"""Benchmark data: the library's own reader (`summarizer.data`), with the benchmark's English words.

Reading, checking and hashing are `summarizer.data`'s (training and the extractive fit read the same way); this
module only re-exports it for ``from eval.data import load`` and gives ``python -m eval`` and its English results
files the English text of a skipped row's or a `DataError`'s catalogue code (`kind`, `reason`, `error_text`), so
results.json says ``empty field 'summary' on line 2`` as it always has.
"""

from __future__ import annotations

from typing import Any

from summarizer.data import (
    DataError,
    Dataset,
    Example,
    Fields,
    Problem,
    Row,
    Skipped,
    check_row,
    load,
    read_rows,
    sha256_of,
    sniff_format,
)

__all__ = [
    "DataError", "Dataset", "Example", "Fields", "Problem", "Row", "Skipped", "check_row", "english", "error_text",
    "kind", "load", "read_rows", "reason", "sha256_of", "sniff_format",
]  # fmt: skip

#: The benchmark's English for the reader's codes (the Danish is in `summarizer.messages`).
ENGLISH: dict[str, str] = {
    "data.not_found": "data file not found: {path}",
    "data.not_datasets": "{path} is a folder but not a datasets folder saved with save_to_disk",
    "data.unreadable": "cannot read {path}: {error}",
    "data.bad_csv": "cannot read {path} as CSV: {error}",
    "data.bad_parquet": "cannot read {path} as Parquet: {error}",
    "data.bad_datasets": "cannot read {path} as a saved datasets folder: {error}",
    "data.choose_split": "choose a split with --split: {name} has {splits}",
    "data.no_splits": "{name} is a single dataset without splits; leave out --split",
    "data.unknown_format": "unknown data format {fmt!r}",
    "data.unknown_field": "unknown field {name!r} (for the {role}); {file} has: {columns}",
    "data.no_rows": "no readable rows in {path}: {reason}",
    "data.row.missing_field": "missing field {name!r}",
    "data.row.empty_field": "empty field {name!r}",
    "data.row.bad_json": "malformed JSON",
    "data.row.not_object": "not a JSON object",
    "data.row.bad_csv": "malformed CSV",
    "data.detail.json": ": {error} (column {column})",
    "data.detail.csv": ": {error}",
    "data.detail.cells": ": {extra} cells more than the header has",
}


def english(code: str, params: dict[str, Any]) -> str:
    """The English text of a reader's code, its fields filled in."""
    return ENGLISH[code].format(**params)


def kind(skipped: Skipped) -> str:
    """Why a row was skipped, without its line: ``empty field 'summary'`` (what results count by)."""
    return english(skipped.code, skipped.params)


def reason(skipped: Skipped) -> str:
    """Why a row was skipped, with its line: ``malformed JSON on line 4: Expecting value (column 1)``."""
    detail = english(skipped.detail, skipped.params) if skipped.detail else ""
    return f"{kind(skipped)} on line {skipped.line}{detail}"


def error_text(error: DataError) -> str:
    """A `DataError` in the benchmark's English (its Danish text where the code has no English here)."""
    if error.code not in ENGLISH:
        return str(error)
    params = dict(error.params)
    if "first" in params:  # no readable rows: the first row's reason, in English too
        params["reason"] = reason(params["first"])
    return english(error.code, params)
