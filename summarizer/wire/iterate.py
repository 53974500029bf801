"""`iter_articles`: every item of a folder, a glob, a JSONL/CSV/Parquet file or a ZIP, streamed, none dropped.

Item ids (what `batch` resumes by), in order of preference:

1. the item's own id: Ritzau ``NewsID``, NITF ``doc-id@id-string``, NewsML-G2 ``guid``,
   DaNewsroom ``id`` (else ``url``), an HTML page's canonical URL;
2. else its location: the path relative to the folder given (or as the glob matched it, or the
   file's name when one file is given), ``archive.zip:member/path``, ``feed.jsonl:LINE``
   (``feed.csv:ROW``, ``feed.parquet:ROW``; data rows counted from 1), ``message.xml:N`` for the N-th item of a
   NewsML-G2 newsMessage without guids.

An id met again in the same input is not merged: the second item becomes ``ID#2`` (then
``#3``, ...) with a warning, deterministically, so a resumed run assigns the same ids.
Hidden files (``.name``) and ``__MACOSX/`` entries are skipped; everything else yields an
`Article` or a `WireError`.

Nothing is held whole: a ZIP is read member by member, a JSONL/CSV line by line, a Parquet file a
few rows at a time, within `summarizer.wire.bounds` (members and unpacked bytes of an archive, bytes
of one line). A bound exceeded is a `BoundExceeded` item naming the file and member, in Danish;
the items before it are kept.
"""

from __future__ import annotations

import glob
import io
import json
import lzma
import os
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from summarizer.article import Article
from summarizer.messages import message
from summarizer.wire import danewsroom
from summarizer.wire.bounds import BoundExceeded, Bounds, Budget, LongLine, bounded_lines, counted, read_upto, size_text
from summarizer.wire.encoding import decode_line
from summarizer.wire.errors import WireError
from summarizer.wire.read import read_document
from summarizer.wire.sniff import sniff

Item = Article | WireError
_JSONL = (".jsonl", ".ndjson")
_CSV = (".csv", ".tsv")
_NEWS_ITEM = re.compile(rb"<(?:[\w.-]+:)?newsItem[\s>]")
_RB_NEWS = re.compile(rb"<(?:[\w.-]+:)?RBNews[\s>]", re.IGNORECASE)
# A damaged member: its compressed data, not the reader, is at fault (bz2 raises OSError).
_DAMAGED = (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, zlib.error, lzma.LZMAError)


def iter_articles(
    source: str | os.PathLike[str], *, exclude: Iterable[str | os.PathLike[str]] = (), limits: Bounds | None = None
) -> Iterator[Item]:
    """Yield each item of `source` in a stable order: an `Article`, or a `WireError` for a bad item.

    `source` is a folder (read recursively), a glob (``"feed/**/*.xml"``), one file (a JSONL or
    CSV of DaNewsroom records, a ZIP archive, or a single item). Files in `exclude` are passed
    over (the batch's own output file). A missing source raises `WireError`. `limits` are the
    bounds of `summarizer.wire.bounds` (its constants when not given).

    >>> for item in iter_articles("data/samples/danewsroom/arkiv.jsonl"):  # doctest: +SKIP
    ...     print(item.id, item.headline)
    """
    excluded = {os.path.realpath(path) for path in exclude}
    ids = UniqueIds()
    for item in _items(source, excluded, limits or Bounds()):
        ids.apply(item)
        yield item


class UniqueIds:
    """Gives an id met again ``ID#2``, ``ID#3``, ...: fed the items in input order, it is deterministic."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def rename(self, key: str) -> tuple[str, str | None]:
        """The id this occurrence of `key` gets, and the warning to add when it is not `key` itself."""
        count = self._seen.get(key, 0) + 1
        self._seen[key] = count
        if count == 1:
            return key, None
        new_key = f"{key}#{count}"
        return new_key, message("wire.duplicate_id", key=key, new_key=new_key)

    def apply(self, item: Item) -> None:
        """Rename `item` in place when its id was met before."""
        new_key, note = self.rename(item_key(item))
        if note is not None:
            rename(item, new_key, note)


def item_key(item: Item) -> str:
    """The id an item is known by (its own, else its location)."""
    return (item.id if isinstance(item, Article) else item.item_id) or "?"


def rename(item: Item, new_id: str, note: str) -> None:
    """Give `item` the id `new_id`; an article also carries the warning `note`."""
    if isinstance(item, Article):
        item.id = new_id
        item.warnings = [*item.warnings, note]
    else:
        item.item_id = new_id


def count_items(
    source: str | os.PathLike[str], *, exclude: Iterable[str | os.PathLike[str]] = (), limits: Bounds | None = None
) -> int:
    """How many items `iter_articles` will yield (for a progress bar), reading without parsing.

    Exact for folders, JSONL, CSV, ZIPs and NewsML-G2 newsMessages; other files count one each.
    Counting keeps to the same bounds as reading; the error item that ends an archive counts one.
    """
    excluded = {os.path.realpath(path) for path in exclude}
    limits = limits or Bounds()
    total = 0
    for path, where in _files(source, excluded):
        try:
            with open(path, "rb") as handle:
                total += _count_stream(handle, where, limits)
        except OSError:
            total += 1
    return total


def _files(source: str | os.PathLike[str], excluded: set[str]) -> Iterator[tuple[Path, str]]:
    """(path, location) of each file, sorted; locations are what ids fall back to."""
    text = os.fspath(source)
    path = Path(text)
    if path.is_dir():
        yield from _walk(path, excluded)
    elif path.is_file():
        if os.path.realpath(path) not in excluded:
            yield path, path.name
    elif glob.has_magic(text):
        matches = sorted(glob.iglob(text, recursive=True))
        if not matches:
            raise WireError(code="wire.nothing_matches", pattern=text)
        for match in matches:
            match_path = Path(match)
            if match_path.is_file() and os.path.realpath(match) not in excluded:
                yield match_path, match.replace(os.sep, "/")
    else:
        raise WireError(code="wire.no_such_path", path=text)


def _walk(root: Path, excluded: set[str]) -> Iterator[tuple[Path, str]]:
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = Path(folder, name)
            if name.startswith(".") or os.path.realpath(path) in excluded:
                continue
            yield path, path.relative_to(root).as_posix()


def _items(source: str | os.PathLike[str], excluded: set[str], limits: Bounds) -> Iterator[Item]:
    for path, where in _files(source, excluded):
        try:
            handle = open(path, "rb")  # noqa: SIM115 (closed below, after streaming)
        except OSError as error:
            yield WireError(code="wire.cannot_read", item_id=where, where=where, why=error.strerror)
            continue
        with handle:
            yield from _stream_items(handle, where, limits)


def _stream_items(handle: IO[bytes], where: str, limits: Bounds | None = None) -> Iterator[Item]:
    """Items of one file-like object: a container (ZIP, JSONL, CSV) is streamed, a document read whole."""
    limits = limits or Bounds()
    kind = _kind(handle, where)
    if kind == "zip":
        yield from _zip_items(handle, where, limits)
    elif kind == "parquet":
        yield from danewsroom.iter_parquet(handle, where=where, limits=limits)
    elif kind == "jsonl":
        yield from danewsroom.iter_jsonl(bounded_lines(handle, limits.line_bytes), where=where)
    elif kind == "csv":
        yield from danewsroom.iter_csv(bounded_lines(handle, limits.line_bytes), where=where)
    else:
        data = read_upto(handle, limits.item_bytes + 1)
        if len(data) > limits.item_bytes:
            yield WireError(code="wire.item_too_large", item_id=where, where=where, size=size_text(limits.item_bytes))
            return
        try:
            articles = read_document(data, name=where, item_id=where)
        except WireError as error:
            error.item_id = error.item_id or where
            error.where = where
            yield error
            return
        yield from articles


def _kind(handle: IO[bytes], where: str) -> str:
    """zip | parquet | jsonl | csv | document, from the first bytes (the extension only for the empty/undecided)."""
    head = handle.read(65536)
    handle.seek(0)
    if head[:4] == b"PK\x03\x04":
        return "zip"
    if head[:4] == b"PAR1":
        return "parquet"
    lowered = where.lower()
    sniffed = ""
    if head:
        try:
            sniffed = sniff(decode_line(head), name=where)
        except ValueError:
            sniffed = ""
    if sniffed == "danewsroom-jsonl" and not _first_line_is_object(head):
        return "document"  # one pretty-printed JSON object, not JSONL
    if sniffed == "danewsroom-jsonl" or (lowered.endswith(_JSONL) and sniffed in ("", "text")):
        return "jsonl"
    if sniffed == "danewsroom-csv" or (lowered.endswith(_CSV) and sniffed in ("", "text")):
        return "csv"
    return "document"


def _first_line_is_object(head: bytes) -> bool:
    first = head.lstrip().split(b"\n", 1)[0]
    try:
        return isinstance(json.loads(decode_line(first)), dict)
    except ValueError:
        return len(first) >= len(head.lstrip()) - 1  # a first line longer than the sniffing window


def _zip_items(handle: IO[bytes], where: str, limits: Bounds) -> Iterator[Item]:
    try:
        archive = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, OSError) as error:
        yield WireError(code="wire.bad_zip", item_id=where, where=where, error=error)
        return
    budget = Budget(where, limits.unpacked_bytes)
    with archive:
        for info, member in _members(archive, where, limits):
            if isinstance(member, BoundExceeded):
                yield member
                return
            base = info.filename.rstrip("/").rsplit("/", 1)[-1]
            if info.flag_bits & 0x1:
                yield WireError(code="wire.encrypted_member", item_id=member, where=member)
                continue
            try:
                if info.file_size > limits.item_bytes and not base.lower().endswith(_JSONL + _CSV):
                    raise WireError(code="wire.member_too_large", item_id=member, where=member,
                                    size=size_text(info.file_size))  # fmt: skip
                with archive.open(info) as raw:
                    # Counted as it unpacks: the archive's bound holds whatever the headers claim.
                    stream = counted(raw, budget, member, f"filen {info.filename}")
                    yield from _member_items(stream, member, limits)
            except BoundExceeded as error:  # the archive's bytes are spent: nothing after this is read
                yield error
                return
            except WireError as error:
                yield error
            except _DAMAGED as error:
                yield WireError(code="wire.bad_member", item_id=member, where=member, error=error)


def _members(
    archive: zipfile.ZipFile, where: str, limits: Bounds
) -> Iterator[tuple[zipfile.ZipInfo, str | BoundExceeded]]:
    """The members to read with their locations, in order; past ``limits.members`` one `BoundExceeded` ends them."""
    read = 0
    for info in archive.infolist():
        base = info.filename.rstrip("/").rsplit("/", 1)[-1]
        if info.is_dir() or info.filename.startswith("__MACOSX/") or base.startswith("."):
            continue
        member = f"{where}:{info.filename}"
        read += 1
        if read > limits.members:
            yield info, BoundExceeded(
                f"{member}: arkivet {where} har flere end {limits.members:,} filer (grænsen for ét arkiv); "
                f"filen {info.filename} og resten af arkivet er ikke læst. Pak det ud, og læs mappen i stedet"
                .replace(",", "."), item_id=member, where=member,
            )  # fmt: skip
            return
        yield info, member


def _member_items(stream: IO[bytes], member: str, limits: Bounds) -> Iterator[Item]:
    lowered = member.lower()
    if lowered.endswith(".zip"):
        yield WireError(code="wire.nested_zip", item_id=member, where=member)
        return
    if lowered.endswith(_JSONL):
        yield from danewsroom.iter_jsonl(bounded_lines(stream, limits.line_bytes), where=member)
        return
    if lowered.endswith(_CSV):
        yield from danewsroom.iter_csv(bounded_lines(stream, limits.line_bytes), where=member)
        return
    data = read_upto(stream, limits.item_bytes + 1)
    if data[:4] == b"PK\x03\x04":  # by its content too: each level would get a fresh budget
        yield WireError(code="wire.nested_zip", item_id=member, where=member)
        return
    yield from _stream_items(io.BytesIO(data), member, limits)


def _count_stream(handle: IO[bytes], where: str, limits: Bounds) -> int:
    kind = _kind(handle, where)
    if kind == "zip":
        return _count_zip(handle, where, limits)
    if kind == "parquet":
        import pyarrow.parquet as pq

        try:
            return pq.ParquetFile(handle).metadata.num_rows
        except Exception:  # unreadable: iter_articles yields one error item for it
            return 1
    if kind in ("jsonl", "csv"):
        return _count_lines(handle, csv_file=kind == "csv", limits=limits)
    head = handle.read(4096)
    if b"newsMessage" in head:  # one document, several items
        return max(len(_NEWS_ITEM.findall(head + read_upto(handle, limits.item_bytes))), 1)
    if b"ListOfRBNews" in head or b"XMLNewsQueuedResponse" in head:  # Ritzau's webservice feed
        return max(len(_RB_NEWS.findall(head + read_upto(handle, limits.item_bytes))), 1)
    return 1


def _count_zip(handle: IO[bytes], where: str, limits: Bounds) -> int:
    budget = Budget(where, limits.unpacked_bytes)
    total = 0
    try:
        with zipfile.ZipFile(handle) as archive:
            for info, member in _members(archive, where, limits):
                if isinstance(member, BoundExceeded):
                    return total + 1
                if not info.filename.lower().endswith(_JSONL + _CSV):
                    budget.take(info.file_size, member, info.filename)  # declared: what it can unpack to at most
                    total += 1
                    continue
                with archive.open(info) as raw:
                    stream = counted(raw, budget, member, info.filename)
                    total += _count_lines(stream, csv_file=info.filename.lower().endswith(_CSV), limits=limits)
    except BoundExceeded:
        return total + 1  # reading stops with one error item here
    except _DAMAGED:
        return max(total, 1)
    return total


def _count_lines(stream: IO[bytes], *, csv_file: bool, limits: Bounds) -> int:
    lines = bounded_lines(stream, limits.line_bytes)
    if csv_file:
        return danewsroom.count_csv(lines)
    return sum(1 for line in lines if isinstance(line, LongLine) or line.strip())
