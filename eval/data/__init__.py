"""Reading benchmark data: one reader per format, one `Dataset` of checked examples out.

Formats (sniffed from the path): JSON Lines, CSV, Parquet, and a Hugging Face ``datasets``
folder written by ``save_to_disk``. The DaNewsroom field names (``title``, ``summary``, ``text``)
are the defaults; any can be renamed with `Fields`. Rows with a missing or empty field are
skipped with their line number and reason, never dropped silently.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Row = tuple[int, dict[str, Any] | str]  # (line or row number, the row or why it could not be read)


class DataError(ValueError):
    """The data cannot be used at all (missing file, unknown field, unknown format): one line."""


@dataclass(frozen=True)
class Fields:
    """Which column holds what."""

    title: str = "title"
    summary: str = "summary"
    text: str = "text"
    id: str = "id"


@dataclass(frozen=True)
class Example:
    """One usable article: its real headline and lead (the references) and its body."""

    index: int  # 0-based position among the rows read
    line: int  # line (JSONL, CSV) or row number (Parquet, datasets), 1-based, for messages
    id: str | None
    title: str
    summary: str
    text: str


@dataclass(frozen=True)
class Skipped:
    index: int
    line: int
    reason: str  # e.g. "empty field 'summary'"; the kind is the part before any " on line"


@dataclass
class Dataset:
    path: Path
    format: str
    sha256: str
    rows: int
    examples: list[Example] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def skipped_counts(self) -> dict[str, int]:
        """How many rows were skipped, by reason (without line numbers)."""
        return dict(Counter(s.reason.split(" on line ")[0] for s in self.skipped))


def sniff_format(path: Path) -> str:
    """"jsonl", "csv", "parquet" or "datasets" (a folder saved with ``save_to_disk``)."""
    if path.is_dir():
        if any((path / name).exists() for name in ("dataset_info.json", "state.json", "dataset_dict.json")):
            return "datasets"
        raise DataError(f"{path} is a folder but not a datasets folder saved with save_to_disk")
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".json", ".ndjson"):
        return "jsonl"
    if suffix in (".csv", ".tsv"):
        return "csv"
    if suffix in (".parquet", ".pq"):
        return "parquet"
    with path.open("rb") as handle:
        head = handle.read(4)
    if head == b"PAR1":
        return "parquet"
    return "jsonl" if head.lstrip()[:1] == b"{" else "csv"


def sha256_of(path: Path) -> str:
    """Hash of the data file, or of every file in a folder (names and contents, in order)."""
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        if path.is_dir():
            digest.update(str(file.relative_to(path)).encode() + b"\0")
        with file.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def read_rows(path: Path, fmt: str, split: str | None = None) -> tuple[list[str], Iterator[Row]]:
    """The column names and the rows of one file, through the reader for its format."""
    if fmt == "jsonl":
        from eval.data import jsonl

        return jsonl.read(path)
    if fmt == "csv":
        from eval.data import csvfile

        return csvfile.read(path)
    if fmt == "parquet":
        from eval.data import parquet

        return parquet.read(path)
    if fmt == "datasets":
        from eval.data import disk

        return disk.read(path, split)
    raise DataError(f"unknown data format {fmt!r}")


def check_row(index: int, line: int, row: dict[str, Any] | str, fields: Fields) -> Example | Skipped:
    """An `Example`, or why the row is skipped."""
    if isinstance(row, str):
        return Skipped(index, line, row)
    values: dict[str, str] = {}
    for role in ("title", "summary", "text"):
        name = getattr(fields, role)
        if name not in row:
            return Skipped(index, line, f"missing field {name!r} on line {line}")
        value = row[name]
        if value is None or not str(value).strip():
            return Skipped(index, line, f"empty field {name!r} on line {line}")
        values[role] = str(value)
    ident = row.get(fields.id)
    return Example(index, line, None if ident is None else str(ident), **values)


def load(path: str | Path, fields: Fields | None = None, limit: int | None = None, split: str | None = None) -> Dataset:
    """Read and check a data file; `limit` keeps only its first rows.

    Raises `DataError` for a missing file or a field no row has.
    """
    path = Path(path)
    fields = fields or Fields()
    if not path.exists():
        raise DataError(f"data file not found: {path}")
    fmt = sniff_format(path)
    columns, rows = read_rows(path, fmt, split)
    dataset = Dataset(path=path, format=fmt, sha256=sha256_of(path), rows=0)
    seen_columns = set(columns)
    for index, (line, row) in enumerate(rows):
        if limit is not None and index >= limit:
            break
        dataset.rows += 1
        if isinstance(row, dict):
            seen_columns.update(row)
        checked = check_row(index, line, row, fields)
        (dataset.examples if isinstance(checked, Example) else dataset.skipped).append(checked)
    if seen_columns:
        for role in ("title", "summary", "text"):
            name = getattr(fields, role)
            if name not in seen_columns:
                raise DataError(
                    f"unknown field {name!r} (for the {role}); {path.name} has: {', '.join(sorted(seen_columns))}"
                )
    elif dataset.rows and not dataset.examples:
        raise DataError(f"no readable rows in {path}: {dataset.skipped[0].reason}")
    return dataset
