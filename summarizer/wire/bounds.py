"""Bounds on what one input may cost to read: an archive's members and unpacked bytes, one line's length.

A ZIP or Parquet file under any upload limit can unpack to gigabytes (200 bzip2 members of 44 MB
each from 2,6 MB; one 2 GB JSONL line from 563 KB). The readers stream and count as they go, so
nothing is held whole: a bound exceeded is an error item (`BoundExceeded`, one Danish line naming
the file and member) and the items before it are kept. A line over `MAX_LINE_BYTES` skips that
line only; an archive over `MAX_ARCHIVE_MEMBERS` or `MAX_ARCHIVE_BYTES` is read no further.

The bounds are module constants read at each call (`Bounds()`), so tests can lower them and the
desk can pass tighter ones.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from summarizer.wire.errors import WireError

#: An archive (ZIP) is read for at most this many members; the rest are one error item.
MAX_ARCHIVE_MEMBERS = 100_000
#: An archive (ZIP members, Parquet cells) unpacks to at most this many bytes in all.
MAX_ARCHIVE_BYTES = 4_000_000_000
#: One JSONL or CSV line (or one Parquet row) is at most this many bytes; a longer one is skipped unread.
MAX_LINE_BYTES = 10_000_000
#: No single news item is anywhere near this; bigger files are refused rather than read into memory.
MAX_ITEM_BYTES = 50_000_000

_SKIP_CHUNK = 1 << 20  # an over-long line is passed over this much at a time, never held whole


@dataclass(frozen=True)
class Bounds:
    """The bounds one reading keeps to; the defaults are the module constants at the time of the call."""

    members: int = field(default_factory=lambda: MAX_ARCHIVE_MEMBERS)
    unpacked_bytes: int = field(default_factory=lambda: MAX_ARCHIVE_BYTES)
    line_bytes: int = field(default_factory=lambda: MAX_LINE_BYTES)
    item_bytes: int = field(default_factory=lambda: MAX_ITEM_BYTES)  # one document (file or archive member)


class BoundExceeded(WireError):
    """A bound was exceeded while reading; the message is Danish and names the file and member."""

    code = "wire.bound_exceeded"

    def __reduce__(self) -> tuple[Any, ...]:  # keeps its class across worker processes (the base: a WireError)
        return (_rebuild, (str(self), self.item_id, self.where))


def _rebuild(message: str, item_id: str | None, where: str | None) -> BoundExceeded:
    return BoundExceeded(message, item_id=item_id, where=where)


def size_text(n: int) -> str:
    """A byte count for people, the Danish way: ``4,3 GB``, ``10 MB``, ``512 bytes``."""
    for unit, size in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if n >= size:
            return f"{n / size:.1f}".replace(".", ",").removesuffix(",0") + f" {unit}"
    return f"{n} bytes"


@dataclass
class LongLine:
    """Stands in for a line longer than `limit` bytes: none of it is kept; `length` is what was read of it."""

    length: int
    limit: int


def long_line_error(line: LongLine, location: str) -> BoundExceeded:
    """The error item for an over-long line at `location` (``archive.zip:feed.jsonl:7``)."""
    return BoundExceeded(
        f"{location}: linjen er længere end grænsen på {size_text(line.limit)} for én linje i JSONL, CSV eller "
        "Parquet; den er sprunget over, og resten af filen læses",
        item_id=location, where=location,
    )  # fmt: skip


def bounded_lines(stream: IO[bytes], limit: int | None = None) -> Iterator[bytes | LongLine]:
    """The lines of a binary stream, each at most `limit` bytes; a longer one is a `LongLine`, read past unkept."""
    limit = MAX_LINE_BYTES if limit is None else limit
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit:
            yield line
            continue
        long = LongLine(len(line), limit)
        if not line.endswith(b"\n"):
            yield long  # said before the rest is read past: that may hit the archive's bound
            long.length += _skip_line(stream)
        else:
            yield long


def _skip_line(stream: IO[bytes]) -> int:
    skipped = 0
    while True:
        piece = stream.readline(_SKIP_CHUNK)
        skipped += len(piece)
        if not piece or piece.endswith(b"\n"):
            return skipped


def read_upto(stream: IO[bytes], limit: int) -> bytes:
    """At most `limit` bytes of `stream`, in pieces: ``read(limit)`` on a buffered stream sets aside all `limit`
    bytes first (50 MB for a 2 kB item)."""
    pieces: list[bytes] = []
    left = limit
    while left > 0:
        piece = stream.read(min(left, _SKIP_CHUNK))
        if not piece:
            break
        pieces.append(piece)
        left -= len(piece)
    return b"".join(pieces)


class Budget:
    """The unpacked bytes one archive may still give, shared by the streams of all its members."""

    def __init__(self, archive: str, limit: int, hint: str = "Pak det ud, og læs mappen i stedet.") -> None:
        self.archive = archive
        self.limit = limit
        self.hint = hint
        self.used = 0

    def take(self, n: int, member: str, name: str) -> None:
        """Count `n` more bytes of `member` (``archive.zip:name``); raise `BoundExceeded` past the limit."""
        self.used += n
        if self.used > self.limit:
            raise BoundExceeded(
                f"{member}: arkivet {self.archive} pakker ud til mere end {size_text(self.limit)} i alt (grænsen for "
                f"ét arkiv); {name} og resten af arkivet er ikke læst. {self.hint}",
                item_id=member, where=member,
            )  # fmt: skip


class _Counted(io.RawIOBase):
    def __init__(self, raw: IO[bytes], budget: Budget, member: str, name: str) -> None:
        super().__init__()
        self._raw = raw
        self._budget = budget
        self._member = member
        self._name = name

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        self._budget.take(len(data), self._member, self._name)  # before the bytes are handed on
        buffer[: len(data)] = data
        return len(data)


def counted(raw: IO[bytes], budget: Budget, member: str, name: str) -> io.BufferedReader:
    """`raw` (an archive member's unpacked stream) with every byte read counted against `budget`."""
    return io.BufferedReader(_Counted(raw, budget, member, name), buffer_size=64 * 1024)
