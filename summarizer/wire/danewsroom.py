"""DaNewsroom-style records (Varab & Schluter, LREC 2020): ``title``, ``summary``, ``text``.

JSONL: one JSON object a line. CSV: a header row naming the columns; comma, semicolon (Danish
Excel) or tab. Parquet: the same columns, read a row group at a time with pyarrow. ``title`` is
the headline, ``summary`` the lead, ``text`` the body; ``id`` (or ``url``) is the item's id,
``site`` its source, ``published``/``date`` its time. JSONL and CSV are read line by line, so a
file of any size streams; each line is decoded on its own (UTF-8, else cp1252). A line (or Parquet
row) over `bounds.MAX_LINE_BYTES` is an error item for it alone, skipped without being held.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import IO, Any

from summarizer.article import Article
from summarizer.messages import message
from summarizer.structure import engine_body
from summarizer.text import clean
from summarizer.wire import bounds
from summarizer.wire.bounds import BoundExceeded, Bounds, Budget, LongLine, bounded_lines, long_line_error
from summarizer.wire.encoding import decode_line, repair
from summarizer.wire.errors import WireError

Lines = Iterable[bytes | LongLine] | IO[bytes]

csv.field_size_limit(10_000_000)  # long article bodies in one cell (an unclosed quote stops here too)
#: Parquet rows are decoded this many at a time (a dictionary-encoded column can be a bomb) and made Python
#: objects a batch at a time while their text is under `_PYLIST_BYTES`, else row by row.
PARQUET_BATCH_ROWS = 16
_PYLIST_BYTES = 4_000_000


def from_record(record: Mapping[str, object], *, where: str, fmt: str = "danewsroom-jsonl") -> Article:
    """One record → `Article`; `WireError` when there is no ``text``.

    >>> from_record({"title": "Ny bro over Limfjorden", "text": "Broen åbner i 2031."}, where="x:1").headline
    'Ny bro over Limfjorden'
    """
    fields = {str(key).strip().lower(): value for key, value in record.items()}
    item_id = _field(fields, "id") or _field(fields, "url") or None
    text = _field(fields, "text")
    if not text:
        raise WireError(code="wire.no_text_field", item_id=item_id, where=where)
    parts: dict[str, str] = {}
    repaired_keys: list[str] = []
    for key in ("title", "summary", "text"):
        parts[key], repaired = repair(_field(fields, key))
        if repaired:
            repaired_keys.append(key)
    warnings = [message("wire.mojibake_fields", where=where, fields=", ".join(repaired_keys))] if repaired_keys else []
    lead = clean(parts["summary"]) or None
    # Many archive bodies begin with their own lead; an engine must never be handed it.
    body, stripped = engine_body(parts["text"], lead)
    if stripped:
        warnings.append(message("wire.lead_cut", where=where))
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


def iter_jsonl(lines: Lines, *, where: str, first_line: int = 1) -> Iterator[Article | WireError]:
    """Records of a JSONL stream; a bad line yields a `WireError` naming ``where:LINE``.

    `lines` is a binary stream (read in bounded lines) or its lines, as `bounds.bounded_lines` gives them.
    `first_line` is the number of the stream's first line (a shard of a larger file starts later).
    """
    for number, raw in enumerate(_lines(lines), first_line):
        location = f"{where}:{number}"
        if isinstance(raw, LongLine):
            yield long_line_error(raw, location)
            continue
        if not raw.strip():
            continue
        try:
            record = json.loads(decode_line(raw))
        except ValueError as error:
            yield WireError(code="wire.not_json", item_id=location, where=location, error=error)
            continue
        if not isinstance(record, dict):
            yield WireError(code="wire.not_an_object", item_id=location, where=location, kind=type(record).__name__)
            continue
        yield _article_or_error(record, location)


def iter_csv(lines: Lines, *, where: str) -> Iterator[Article | WireError]:
    """Rows of a CSV stream with a header; ``where:ROW`` counts data rows from 1 (the header is row 0).

    A row with a line over the bound is an error item for that row; the rows after it are read.
    """
    text = _TextLines(_lines(lines))
    reader = _reader(text)
    try:
        header = [name.strip().lstrip("\ufeff").lower() for name in next(reader)]
    except StopIteration:
        return
    except csv.Error as error:
        yield WireError(code="wire.bad_csv_header", item_id=where, where=where, error=error)
        return
    if text.long is not None:
        yield long_line_error(text.long, f"{where}:0")
        return
    if "text" not in header:
        yield WireError(code="wire.no_text_column", item_id=where, where=where, kind="CSV", found=", ".join(header))
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
            if text.long is None:
                yield WireError(code="wire.bad_csv_row", item_id=location, where=location, error=error)
                continue
            row = []
        if text.long is not None:  # this row held an over-long line (read past, not kept)
            yield long_line_error(text.long, location)
            text.long = None
            continue
        if not any(cell.strip() for cell in row):
            number -= 1
            continue
        if len(row) != len(header):
            yield WireError(
                code="wire.cell_count", item_id=location, where=location, cells=len(row), header=len(header)
            )
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
    handle: IO[bytes], *, where: str, row_groups: Sequence[int] | None = None, limits: Bounds | None = None
) -> Iterator[Article | WireError]:
    """Rows of a Parquet file; ``where:ROW`` counts rows from 1 over the whole file.

    `row_groups` reads only those row groups (a shard); their rows keep their whole-file numbers.
    Read `PARQUET_BATCH_ROWS` rows at a time; a row over ``limits.line_bytes`` is an error item, and
    text past ``limits.unpacked_bytes`` in all ends the file with one (Parquet compresses like a ZIP).
    """
    import pyarrow.parquet as pq

    limits = limits or Bounds()

    try:
        parquet = pq.ParquetFile(handle)
    except Exception as error:  # pyarrow raises its own ArrowInvalid / OSError kinds
        yield WireError(code="wire.bad_parquet", item_id=where, where=where, error=error)
        return
    names = [name.strip().lower() for name in parquet.schema_arrow.names]
    if "text" not in names:
        yield WireError(code="wire.no_text_column", item_id=where, where=where, kind="Parquet", found=", ".join(names))
        return
    metadata = parquet.metadata
    starts = [0]
    for group in range(metadata.num_row_groups):
        starts.append(starts[-1] + metadata.row_group(group).num_rows)
    budget = Budget(where, limits.unpacked_bytes, hint="")
    for group in range(metadata.num_row_groups) if row_groups is None else row_groups:
        number = starts[group]
        try:
            for batch in parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS, row_groups=[group]):
                sizes = _row_sizes(batch)
                fits = sum(sizes) <= _PYLIST_BYTES and max(sizes, default=0) <= limits.line_bytes
                records = batch.to_pylist() if fits else None
                for offset, size in enumerate(sizes):
                    number += 1
                    location = f"{where}:{number}"
                    if size > limits.line_bytes:
                        yield long_line_error(LongLine(size, limits.line_bytes), location)
                        continue
                    budget.take(size, location, f"række {number}")
                    record = records[offset] if records is not None else batch.slice(offset, 1).to_pylist()[0]
                    yield _article_or_error(record, location, fmt="danewsroom-parquet")
        except BoundExceeded as error:
            yield error
            return
        except Exception as error:  # pyarrow's own kinds: a damaged row group
            location = f"{where}:{number + 1}"
            yield WireError(code="wire.bad_parquet_rows", item_id=location, where=location, error=error)
            return


def _row_sizes(batch: Any) -> list[int]:
    """Bytes of text and binary in each row of a record batch, counted by Arrow before any row is made Python."""
    import pyarrow as pa
    import pyarrow.compute as pc

    total = pa.array([0] * batch.num_rows, type=pa.int64())
    for column in batch.columns:
        if pa.types.is_dictionary(column.type):  # lengths of the distinct values, never the values repeated
            if not _is_text(column.type.value_type):
                continue
            lengths = pc.take(pc.binary_length(column.dictionary), column.indices)
        elif _is_text(column.type):
            lengths = pc.binary_length(column)
        else:
            continue
        total = pc.add(total, pc.fill_null(pc.cast(lengths, pa.int64()), 0))
    return total.to_pylist()


def _is_text(kind: Any) -> bool:
    import pyarrow as pa

    return bool(pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_binary(kind)
                or pa.types.is_large_binary(kind))  # fmt: skip


def csv_reader(lines: Lines) -> Any:
    """A `csv.reader` over byte lines; the delimiter (comma, semicolon or tab) is the header's most common.

    A binary stream is read in bounded lines; a line over the bound reads as an empty line.
    """
    return _reader(_TextLines(_lines(lines)))


def _reader(text: _TextLines) -> Any:
    first = next(text, "")
    delimiter = max((",", ";", "\t"), key=first.count)
    return csv.reader(_chain(first, text), delimiter=delimiter)


class _TextLines:
    """Decoded lines for `csv.reader`; an over-long line becomes an empty one and is remembered in `long`."""

    def __init__(self, lines: Iterable[bytes | LongLine]) -> None:
        self._lines = iter(lines)
        self.long: LongLine | None = None

    def __iter__(self) -> _TextLines:
        return self

    def __next__(self) -> str:
        raw = next(self._lines)
        if isinstance(raw, LongLine):
            self.long = self.long or raw
            return "\n"
        return decode_line(raw)


def _lines(lines: Lines) -> Iterator[bytes | LongLine]:
    """Bounded lines of a binary stream, or the lines given (a list split in memory is checked against the bound)."""
    if hasattr(lines, "readline"):
        yield from bounded_lines(lines)  # type: ignore[arg-type]
        return
    if not isinstance(lines, list | tuple):  # already bounded (`bounded_lines`, with the caller's own limit)
        yield from lines  # type: ignore[misc]
        return
    for raw in lines:
        if isinstance(raw, bytes) and len(raw) > bounds.MAX_LINE_BYTES:
            yield LongLine(len(raw), bounds.MAX_LINE_BYTES)
        else:
            yield raw


def count_csv(lines: Lines) -> int:
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
