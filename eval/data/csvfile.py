"""CSV (or TSV) with a header row; UTF-8, with or without a byte-order mark."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from eval.data import DataError, Row

csv.field_size_limit(1 << 27)  # article bodies are longer than the 128 KiB default allows


def read(path: Path) -> tuple[list[str], Iterator[Row]]:
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise DataError(f"cannot read {path}: {error.strerror}") from error
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    reader = csv.DictReader(handle, delimiter=delimiter)
    try:
        columns = list(reader.fieldnames or [])
    except (UnicodeDecodeError, csv.Error) as error:
        handle.close()
        raise DataError(f"cannot read {path} as CSV: {error}") from error
    return columns, _rows(handle, reader)


def _rows(handle, reader: csv.DictReader) -> Iterator[Row]:
    with handle:
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                yield start, f"malformed CSV on line {start}: {error}"
                return
            if None in row:  # more cells than header names
                yield start, f"malformed CSV on line {start}: {len(row[None])} cells more than the header has"
                continue
            yield start, row
