"""DaNewsroom-style records (Varab & Schluter, LREC 2020): ``title``, ``summary``, ``text``.

JSONL: one JSON object a line. CSV: a header row naming the columns; comma, semicolon (Danish
Excel) or tab. Parquet: the same columns, read a row group at a time with pyarrow. ``title`` is
the headline, ``summary`` the lead, ``text`` the body; ``id`` (or ``url``) is the item's id,
``site`` its source, ``published``/``date`` its time. JSONL and CSV are read line by line, so a
file of any size streams; each line is decoded on its own (UTF-8, else cp1252).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import IO

from summarizer.article import Article
from summarizer.structure import engine_body
from summarizer.text import clean
from summarizer.wire.encoding import decode_line, repair
from summarizer.wire.errors import WireError

csv.field_size_limit(10_000_000)  # long article bodies in one cell


def from_record(record: Mapping[str, object], *, where: str, fmt: str = "danewsroom-jsonl") -> Article:
    """One record → `Article`; `WireError` when there is no ``text``.

    >>> from_record({"title": "Ny bro over Limfjorden", "text": "Broen åbner i 2031."}, where="x:1").headline
    'Ny bro over Limfjorden'
    """
    fields = {str(key).strip().lower(): value for key, value in record.items()}
    item_id = _field(fields, "id") or _field(fields, "url") or None
    text = _field(fields, "text")
    if not text:
        raise WireError(f"{where}: the record has no 'text' (the article body)", item_id=item_id, where=where)
    parts: dict[str, str] = {}
    repaired_keys: list[str] = []
    for key in ("title", "summary", "text"):
        parts[key], repaired = repair(_field(fields, key))
        if repaired:
            repaired_keys.append(key)
    warnings = [f"{where}: repaired mojibake in {', '.join(repaired_keys)}"] if repaired_keys else []
    lead = clean(parts["summary"]) or None
    # Many archive bodies begin with their own lead; an engine must never be handed it.
    body, stripped = engine_body(parts["text"], lead)
    if stripped:
        warnings.append(f"{where}: the body began with the lead; the lead was cut from the body")
    return Article(
        body=body,
        headline=clean(parts["title"]) or None,
        lead=lead,
        id=item_id,
        byline=_field(fields, "byline") or _field(fields, "author") or None,
        source=_field(fields, "site") or _field(fields, "source") or None,
        published=_field(fields, "published") or _field(fields, "date") or None,
        format=fmt,
        warnings=warnings,
    )


def iter_jsonl(lines: Iterable[bytes], *, where: str, first_line: int = 1) -> Iterator[Article | WireError]:
    """Records of a JSONL stream; a bad line yields a `WireError` naming ``where:LINE``.

    `first_line` is the number of the stream's first line (a shard of a larger file starts later).
    """
    for number, raw in enumerate(lines, first_line):
        if not raw.strip():
            continue
        location = f"{where}:{number}"
        try:
            record = json.loads(decode_line(raw))
        except ValueError as error:
            yield WireError(f"{location}: not a JSON object: {error}", item_id=location, where=location)
            continue
        if not isinstance(record, dict):
            yield WireError(f"{location}: expected a JSON object, got {type(record).__name__}",
                            item_id=location, where=location)
            continue
        yield _article_or_error(record, location)


def iter_csv(lines: Iterable[bytes], *, where: str) -> Iterator[Article | WireError]:
    """Rows of a CSV stream with a header; ``where:ROW`` counts data rows from 1 (the header is row 0)."""
    reader = csv_reader(lines)
    try:
        header = [name.strip().lstrip("\ufeff").lower() for name in next(reader)]
    except StopIteration:
        return
    except csv.Error as error:
        yield WireError(f"{where}: unreadable CSV header: {error}", item_id=where, where=where)
        return
    if "text" not in header:
        yield WireError(f"{where}: the CSV header has no 'text' column (found: {', '.join(header)})",
                        item_id=where, where=where)
        return
    number = 0
    while True:
        number += 1
        location = f"{where}:{number}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield WireError(f"{location}: unreadable CSV row: {error}", item_id=location, where=location)
            continue
        if not any(cell.strip() for cell in row):
            number -= 1
            continue
        if len(row) != len(header):
            yield WireError(f"{location}: {len(row)} cells where the header has {len(header)}",
                            item_id=location, where=location)
            continue
        yield _article_or_error(dict(zip(header, row, strict=True)), location, fmt="danewsroom-csv")


def _article_or_error(
    record: Mapping[str, object], location: str, fmt: str = "danewsroom-jsonl"
) -> Article | WireError:
    try:
        article = from_record(record, where=location, fmt=fmt)
    except WireError as error:
        return error
    if article.id is None:
        article.id = location
    article.where = location
    return article


def iter_parquet(
    handle: IO[bytes], *, where: str, row_groups: Sequence[int] | None = None
) -> Iterator[Article | WireError]:
    """Rows of a Parquet file; ``where:ROW`` counts rows from 1 over the whole file.

    `row_groups` reads only those row groups (a shard); their rows keep their whole-file numbers.
    """
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(handle)
    except Exception as error:  # pyarrow raises its own ArrowInvalid / OSError kinds
        yield WireError(f"{where}: unreadable Parquet file: {error}", item_id=where, where=where)
        return
    names = [name.strip().lower() for name in parquet.schema_arrow.names]
    if "text" not in names:
        yield WireError(f"{where}: the Parquet file has no 'text' column (found: {', '.join(names)})",
                        item_id=where, where=where)
        return
    metadata = parquet.metadata
    starts = [0]
    for group in range(metadata.num_row_groups):
        starts.append(starts[-1] + metadata.row_group(group).num_rows)
    for group in range(metadata.num_row_groups) if row_groups is None else row_groups:
        table = parquet.read_row_group(group)
        for offset, record in enumerate(table.to_pylist()):
            yield _article_or_error(record, f"{where}:{starts[group] + offset + 1}", fmt="danewsroom-parquet")


def csv_reader(lines: Iterable[bytes]) -> Iterator[list[str]]:
    """A `csv.reader` over byte lines; the delimiter (comma, semicolon or tab) is the header's most common."""
    text_lines = (decode_line(raw) for raw in lines)
    first = next(text_lines, "")
    delimiter = max((",", ";", "\t"), key=first.count)
    return csv.reader(_chain(first, text_lines), delimiter=delimiter)


def count_csv(lines: Iterable[bytes]) -> int:
    """Data rows (not blank, header not counted) in a CSV stream, without building records."""
    try:
        return max(sum(1 for row in csv_reader(lines) if any(cell.strip() for cell in row)) - 1, 0)
    except csv.Error:
        return 1


def _field(fields: Mapping[str, object], key: str) -> str:
    value = fields.get(key)
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest
