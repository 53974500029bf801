"""CSV (or TSV, or the semicolons of Danish Excel) with a header row; UTF-8 (BOM or not) or cp1252."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from eval.data import DataError, Row
from summarizer.wire.danewsroom import csv_reader


def read(path: Path) -> tuple[list[str], Iterator[Row]]:
    try:
        handle = path.open("rb")
    except OSError as error:
        raise DataError(f"cannot read {path}: {error.strerror}") from error
    # The wire reader's decoding and delimiter rule: UTF-8 or cp1252 line by line, comma, semicolon or tab.
    lines = csv_reader(handle)
    try:
        columns = [name.strip() for name in next(lines, [])]
    except csv.Error as error:
        handle.close()
        raise DataError(f"cannot read {path} as CSV: {error}") from error
    return columns, _rows(handle, lines, columns)


def _rows(handle: BinaryIO, lines: Any, columns: list[str]) -> Iterator[Row]:  # lines: a csv.reader
    with handle:
        while True:
            start = lines.line_num + 1
            try:
                cells = next(lines)
            except StopIteration:
                return
            except csv.Error as error:
                yield start, f"malformed CSV on line {start}: {error}"
                return
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(columns):
                extra = len(cells) - len(columns)
                yield start, f"malformed CSV on line {start}: {extra} cells more than the header has"
                continue
            yield start, dict(zip(columns, [*cells, *[None] * (len(columns) - len(cells))], strict=True))
