"""JSON Lines: one JSON object a line; a malformed line is reported by its number, not fatal."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from eval.data import DataError, Row
from summarizer.wire.encoding import decode_line


def read(path: Path) -> tuple[list[str], Iterator[Row]]:
    return [], _rows(path)


def _rows(path: Path) -> Iterator[Row]:
    try:
        handle = path.open("rb")
    except OSError as error:
        raise DataError(f"cannot read {path}: {error.strerror}") from error
    with handle:
        for number, raw in enumerate(handle, start=1):
            line = decode_line(raw)  # UTF-8 (a BOM dropped) or the cp1252 of old exports, as the wire reader does
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                yield number, f"malformed JSON on line {number}: {error.msg} (column {error.colno})"
                continue
            if not isinstance(row, dict):
                yield number, f"not a JSON object on line {number}"
                continue
            yield number, row
