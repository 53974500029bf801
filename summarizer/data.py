"""Data sets of articles with their real headline and lead: the library's one reader of DaNewsroom-style files.

Training (`summarizer.finetune`), the benchmark (`python -m eval`) and the extractive engine's fitting
(``scripts/fit_extractive.py``) read their data here. Formats (sniffed from the path): JSON Lines, CSV, Parquet,
and a Hugging Face ``datasets`` folder written by ``save_to_disk``. The DaNewsroom field names (``title``,
``summary``, ``text``) are the defaults; any can be renamed with `Fields`. Rows with a missing or empty field
are skipped with their line number and reason, never dropped silently.

Unlike the wire reader (`summarizer.wire.danewsroom`, which turns rows into articles to summarise), this one
keeps each row's fields as they are, references included; it shares the wire reader's decoding (UTF-8 or the
cp1252 of old exports, line by line) and its CSV delimiter rule. Every reason and error is a code of the
Danish catalogue (`summarizer.messages`), so a program can tell them apart without reading words.

>>> check_row(0, 3, {"title": "Ny bro", "summary": " ", "text": "Broen åbner."}, Fields()).reason
'tomt felt »summary« på linje 3'
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from summarizer.errors import SummarizerError
from summarizer.messages import text

#: The fields every usable row must fill, in the order they are checked.
ROLES = ("title", "summary", "text")


class DataError(SummarizerError):
    """The data cannot be used at all (missing file, unknown field or format): one Danish line, with a code."""

    code = "data.unusable"


@dataclass(frozen=True)
class Problem:
    """Why one row cannot be used: a catalogue code and its fields, and the code of any detail after the line."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)
    detail: str | None = None


Row = tuple[int, dict[str, Any] | Problem]  # (line or row number, the row or why it could not be read)


@dataclass(frozen=True)
class Fields:
    """Which column holds what."""

    title: str = "title"
    summary: str = "summary"
    text: str = "text"
    id: str = "id"


@dataclass(frozen=True)
class Example:
    """One usable article: its real headline and lead (the references) and its body, as the row has them."""

    index: int  # 0-based position among the rows read
    line: int  # line (JSONL, CSV) or row number (Parquet, datasets), 1-based, for messages
    id: str | None
    title: str
    summary: str
    text: str
    source: str | None = None  # the row's ``site`` (DaNewsroom) or ``source``, when it has one


@dataclass(frozen=True)
class Skipped:
    """A row left out: where, and why as a catalogue code (``data.row.empty_field``) with its fields."""

    index: int
    line: int
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    detail: str | None = None  # the code of what follows the line number (a JSON error's message), if any

    @property
    def kind(self) -> str:
        """The reason without its line, for counting: ``tomt felt »summary«``."""
        return text(self.code, **self.params)

    @property
    def reason(self) -> str:
        """The reason with its line: ``ugyldig JSON på linje 4: Expecting value (kolonne 1)``."""
        detail = text(self.detail, **self.params) if self.detail else ""
        return text("data.row.at", kind=self.kind, line=self.line, detail=detail)


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
        return dict(Counter(s.kind for s in self.skipped))


def sniff_format(path: Path) -> str:
    """ "jsonl", "csv", "parquet" or "datasets" (a folder saved with ``save_to_disk``)."""
    if path.is_dir():
        if any((path / name).exists() for name in ("dataset_info.json", "state.json", "dataset_dict.json")):
            return "datasets"
        raise DataError(code="data.not_datasets", path=str(path))
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


# --- one reader per format: (column names, rows) -------------------------------------------------


def _open(path: Path) -> BinaryIO:
    try:
        return path.open("rb")
    except OSError as error:
        raise DataError(code="data.unreadable", path=str(path), error=error.strerror) from error


def read_jsonl(path: Path) -> tuple[list[str], Iterator[Row]]:
    """JSON Lines: one JSON object a line; a malformed line is reported by its number, not fatal."""
    return [], _jsonl_rows(path)


def _jsonl_rows(path: Path) -> Iterator[Row]:
    from summarizer.wire.encoding import decode_line

    with _open(path) as handle:
        for number, raw in enumerate(handle, start=1):
            line = decode_line(raw)  # UTF-8 (a BOM dropped) or the cp1252 of old exports, as the wire reader does
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                yield (
                    number,
                    Problem(
                        code="data.row.bad_json",
                        params={"error": error.msg, "column": error.colno},
                        detail="data.detail.json",
                    ),
                )
                continue
            if not isinstance(row, dict):
                yield number, Problem(code="data.row.not_object")
                continue
            yield number, row


def read_csv(path: Path) -> tuple[list[str], Iterator[Row]]:
    """CSV (or TSV, or the semicolons of Danish Excel) with a header row; UTF-8 (BOM or not) or cp1252."""
    import csv

    from summarizer.wire.danewsroom import csv_reader

    handle = _open(path)
    # The wire reader's decoding and delimiter rule: UTF-8 or cp1252 line by line, comma, semicolon or tab.
    lines = csv_reader(handle)
    try:
        columns = [name.strip() for name in next(lines, [])]
    except csv.Error as error:
        handle.close()
        raise DataError(code="data.bad_csv", path=str(path), error=str(error)) from error
    return columns, _csv_rows(handle, lines, columns)


def _csv_rows(handle: BinaryIO, lines: Any, columns: list[str]) -> Iterator[Row]:  # lines: a csv.reader
    import csv

    with handle:
        while True:
            start = lines.line_num + 1
            try:
                cells = next(lines)
            except StopIteration:
                return
            except csv.Error as error:
                yield start, Problem(code="data.row.bad_csv", params={"error": str(error)}, detail="data.detail.csv")
                return
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(columns):
                yield (
                    start,
                    Problem(
                        code="data.row.bad_csv", params={"extra": len(cells) - len(columns)}, detail="data.detail.cells"
                    ),
                )
                continue
            yield start, dict(zip(columns, [*cells, *[None] * (len(columns) - len(cells))], strict=True))


def read_parquet(path: Path) -> tuple[list[str], Iterator[Row]]:
    """Parquet, read in record batches so a large file is never all in memory as Python objects."""
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except Exception as error:  # pyarrow raises several types for a file that is not Parquet
        raise DataError(code="data.bad_parquet", path=str(path), error=str(error)) from error
    return list(parquet.schema_arrow.names), _parquet_rows(parquet)


def _parquet_rows(parquet: Any) -> Iterator[Row]:
    number = 0
    for batch in parquet.iter_batches(batch_size=1024):
        for row in batch.to_pylist():
            number += 1
            yield number, row


def read_saved(path: Path, split: str | None = None) -> tuple[list[str], Iterator[Row]]:
    """A ``datasets`` folder written by ``save_to_disk`` (a Dataset, or one split of a DatasetDict)."""
    import datasets

    try:
        loaded = datasets.load_from_disk(str(path))
    except Exception as error:  # datasets raises FileNotFoundError or its own errors
        raise DataError(code="data.bad_datasets", path=str(path), error=str(error)) from error
    if isinstance(loaded, datasets.DatasetDict):
        splits = list(loaded)
        if split is None and len(splits) == 1:
            split = splits[0]
        if split not in loaded:
            raise DataError(code="data.choose_split", name=path.name, splits=", ".join(splits))
        loaded = loaded[split]
    elif split is not None:
        raise DataError(code="data.no_splits", name=path.name)
    return list(loaded.column_names), iter(enumerate(loaded, start=1))


def read_rows(path: Path, fmt: str, split: str | None = None) -> tuple[list[str], Iterator[Row]]:
    """The column names and the rows of one file, through the reader for its format."""
    if fmt == "jsonl":
        return read_jsonl(path)
    if fmt == "csv":
        return read_csv(path)
    if fmt == "parquet":
        return read_parquet(path)
    if fmt == "datasets":
        return read_saved(path, split)
    raise DataError(code="data.unknown_format", fmt=fmt)


# --- checked rows ---------------------------------------------------------------------------------


def check_row(index: int, line: int, row: dict[str, Any] | Problem, fields: Fields) -> Example | Skipped:
    """An `Example`, or why the row is skipped."""
    if isinstance(row, Problem):
        return Skipped(index, line, row.code, row.params, row.detail)
    values: dict[str, str] = {}
    for role in ROLES:
        name = getattr(fields, role)
        if name not in row:
            return Skipped(index, line, code="data.row.missing_field", params={"name": name})
        value = row[name]
        if value is None or not str(value).strip():
            return Skipped(index, line, code="data.row.empty_field", params={"name": name})
        values[role] = str(value)
    ident = row.get(fields.id)
    source = row.get("site", row.get("source"))
    return Example(index, line, None if ident is None else str(ident), **values,
                   source=None if source is None else str(source))  # fmt: skip


def load(path: str | Path, fields: Fields | None = None, limit: int | None = None, split: str | None = None) -> Dataset:
    """Read and check a data file; `limit` keeps only its first rows.

    Raises `DataError` for a missing file or a field no row has.
    """
    path = Path(path)
    fields = fields or Fields()
    if not path.exists():
        raise DataError(code="data.not_found", path=str(path))
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
        for role in ROLES:
            name = getattr(fields, role)
            if name not in seen_columns:
                raise DataError(code="data.unknown_field", name=name, role=role, role_name=text(f"data.role.{role}"),
                                file=path.name, columns=", ".join(sorted(seen_columns)))  # fmt: skip
    elif dataset.rows and not dataset.examples:
        first = dataset.skipped[0]
        raise DataError(code="data.no_rows", path=str(path), reason=first.reason, first=first)
    return dataset
