"""Cut an input into shards that can be read in parallel and give, together, what `iter_articles` gives.

A shard is one file, a line range of a large JSONL file, or some row groups of a large Parquet
file. Reading every shard in order yields the same items, with the same ids and locations, as
`iter_articles` over the whole input, except for the renaming of ids met twice: that needs the
whole input in order, so the caller applies `UniqueIds` itself (``summarizer.ray_batch`` does).

>>> shards = plan_shards("data/samples")  # doctest: +SKIP
>>> items = [item for shard in shards for item in read_shard(shard)]  # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from summarizer.wire import danewsroom
from summarizer.wire.bounds import LongLine, bounded_lines
from summarizer.wire.errors import WireError
from summarizer.wire.iterate import Item, _files, _kind, _stream_items

#: JSONL files larger than this are split into line ranges of about this size (about 1,000 articles):
#: each shard is one block of work, so a file needs several for several actors to share it.
SHARD_BYTES = 1_000_000
#: Parquet files with more rows than this are split by row groups.
SHARD_ROWS = 2_000
_PIECE = 1 << 20  # bytes read at a time when cutting shards


@dataclass(frozen=True)
class Shard:
    """Part of an input: `path` read from byte `start` to `end` (JSONL) or its `row_groups` (Parquet)."""

    path: str
    where: str  # the location label ids and messages use (as in `iter_articles`)
    kind: str = "file"  # "file" | "jsonl" | "parquet"
    start: int = 0
    end: int = -1  # -1: to the end
    first_line: int = 1
    row_groups: tuple[int, ...] = ()


def plan_shards(
    source: str | os.PathLike[str],
    *,
    exclude: Iterable[str | os.PathLike[str]] = (),
    shard_bytes: int = SHARD_BYTES,
    shard_rows: int = SHARD_ROWS,
) -> list[Shard]:
    """The shards of `source` (a folder, glob, file or ZIP, as `iter_articles` takes), in input order.

    A missing source raises `WireError`. Only JSONL lines are counted here (at disk speed); nothing is parsed.
    """
    excluded = {os.path.realpath(path) for path in exclude}
    shards: list[Shard] = []
    for path, where in _files(source, excluded):
        try:
            with open(path, "rb") as handle:
                kind = _kind(handle, where)
        except OSError:
            kind = "document"  # reading it again reports the error as an item
        if kind == "jsonl" and path.stat().st_size > shard_bytes:
            shards.extend(_jsonl_ranges(path, where, shard_bytes))
        elif kind == "parquet":
            shards.extend(_parquet_groups(path, where, shard_rows))
        else:
            shards.append(Shard(str(path), where))
    return shards


def read_shard(shard: Shard) -> Iterator[Item]:
    """The items of one shard, in order; a bad item is a `WireError`, never left out."""
    try:
        handle = open(shard.path, "rb")  # noqa: SIM115 (closed below, after streaming)
    except OSError as error:
        yield WireError(code="wire.cannot_read", item_id=shard.where, where=shard.where, why=error.strerror)
        return
    with handle:
        if shard.kind == "jsonl":
            handle.seek(shard.start)
            lines = _lines_until(handle, shard.end)
            yield from danewsroom.iter_jsonl(lines, where=shard.where, first_line=shard.first_line)
        elif shard.kind == "parquet":
            yield from danewsroom.iter_parquet(handle, where=shard.where, row_groups=shard.row_groups)
        else:
            yield from _stream_items(handle, shard.where)


def _jsonl_ranges(path: Path, where: str, shard_bytes: int) -> Iterator[Shard]:
    """Line-aligned byte ranges of about `shard_bytes`, each with the number of its first line.

    Read in bounded pieces: one huge line never sits in memory (reading reports it as an error item).
    """
    size = path.stat().st_size
    with open(path, "rb") as handle:
        start, line = 0, 1
        while start < size:
            handle.seek(min(start + shard_bytes, size))
            _skip_line(handle)  # on to the end of the line the cut fell in
            end = min(handle.tell(), size)
            yield Shard(str(path), where, "jsonl", start, end, line)
            line += _newlines(handle, start, end)
            start = end


def _skip_line(handle: IO[bytes]) -> None:
    while True:
        piece = handle.readline(_PIECE)
        if not piece or piece.endswith(b"\n"):
            return


def _newlines(handle: IO[bytes], start: int, end: int) -> int:
    handle.seek(start)
    count, left = 0, end - start
    while left > 0:
        piece = handle.read(min(left, _PIECE))
        if not piece:
            break
        count += piece.count(b"\n")
        left -= len(piece)
    return count


def _parquet_groups(path: Path, where: str, shard_rows: int) -> Iterator[Shard]:
    import pyarrow.parquet as pq

    try:
        metadata = pq.ParquetFile(path).metadata
    except Exception:  # unreadable: one shard, whose reading reports the error as an item
        yield Shard(str(path), where, "parquet", row_groups=(0,))
        return
    group: list[int] = []
    rows = 0
    for index in range(metadata.num_row_groups):
        group.append(index)
        rows += metadata.row_group(index).num_rows
        if rows >= shard_rows:
            yield Shard(str(path), where, "parquet", row_groups=tuple(group))
            group, rows = [], 0
    if group or metadata.num_row_groups == 0:
        yield Shard(str(path), where, "parquet", row_groups=tuple(group))


def _lines_until(handle: IO[bytes], end: int) -> Iterator[bytes | LongLine]:
    """The lines from where `handle` stands that start before `end` (-1: to the end)."""
    for line in bounded_lines(handle):
        # Where this line began: an over-long one is handed on before the rest of it is read past.
        start = handle.tell() - (line.length if isinstance(line, LongLine) else len(line))
        if 0 <= end <= start:
            return
        yield line
