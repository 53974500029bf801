"""The result file: whole lines appended, resume (what is done), retry (what failed), and the CSV for Excel.

Shared by the local batch and the Ray batch, so both write, resume and retry the same way:

- `write_line` appends one complete line with Ctrl-C and SIGTERM held off, so no line is torn by them;
- `load_done` reads the ids already in OUT after cutting off a torn last line (only a hard kill leaves
  one), and refuses a file that is not a results file;
- `drop_failed` takes the error lines out (the file is rewritten whole and renamed into place) so those
  items run again;
- `export_csv` writes every result in OUT for Danish Excel.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from summarizer.errors import SummarizerError
from summarizer.messages import message


@dataclass
class Tally:
    """What a run did, for its closing line."""

    done: int = 0
    failed: int = 0
    skipped: int = 0
    retried: int = 0  # items that had failed in an earlier run and were run again in this one


def retrying(count: int) -> str:
    """The note that `count` items that failed before run again."""
    return message("batch.retrying.one") if count == 1 else message("batch.retrying", count=count)


def write_line(fd: int, line: bytes) -> None:
    """Append one whole line: Ctrl-C and SIGTERM wait until it is written, so no line is ever torn by them."""
    blocked = {signal.SIGINT, signal.SIGTERM}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
    try:
        view = memoryview(line)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


#: How every result line starts (`ResultLine.to_dict` puts ``item`` first): a torn line that does not is not ours.
RESULT_START = b'{"item": '


def load_done(out: Path) -> tuple[list[str], set[str]]:
    """Ids already in `out` (any status), after cutting off a torn last result line; returns (notes, ids).

    Only the last line can be torn (one writer, whole-line appends); it is removed so the file is
    valid JSONL again and that item runs again. A bad line elsewhere is reported and left alone, and so
    is a last line that is not the start of a result line. A file with no result line in it is not a
    results file (a feed, someone's notes): it is refused with `SummarizerError`, never changed.
    """
    notes: list[str] = []
    ids: set[str] = set()
    if not out.exists():
        return notes, ids
    if out.is_dir():
        raise SummarizerError(code="batch.out_is_folder", out=out)
    if not out.is_file():
        raise SummarizerError(code="batch.out_not_file", out=out)
    if _first_byte(out) not in (b"", b"{"):
        raise _not_ours(out)  # a binary or text file: refused before reading it (it may have no lines at all)
    results = 0
    bad: list[int] = []  # numbers of lines that are not result lines
    last: tuple[int, int, bool] | None = None  # the last non-blank line: number, offset, whether it is torn
    size = 0
    try:
        with open(out, "rb") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    last = (number, size, _looks_torn(line))
                    record = parse_line(line)
                    if record is None:
                        bad.append(number)
                    else:
                        results += 1
                        ids.add(str(record["id"]))
                size += len(line)
    except OSError as error:
        raise SummarizerError(code="batch.cannot_read_out", out=out, why=error.strerror or error) from None
    torn = last is not None and last[2] and bool(bad) and bad[-1] == last[0]
    if not results and len(bad) > int(torn):  # only a torn first line is ours without a whole result line
        raise _not_ours(out)
    if torn:
        assert last is not None
        os.truncate(out, last[1])
        bad.pop()
        notes.append(message("batch.torn_line", out=out, size=size - last[1]))
    notes += [message("batch.not_a_result_line", out=out, number=number) for number in bad[:5]]
    if len(bad) > 5:
        notes.append(message("batch.more_not_result_lines", out=out, count=len(bad) - 5))
    if size and not torn and not _ends_with_newline(out):
        with open(out, "ab") as handle:  # the next line must start on a line of its own
            handle.write(b"\n")
    return notes, ids


def drop_failed(out: Path) -> set[str]:
    """Take the error lines out of the results file `out` so those items run again; returns their ids.

    An id that also has an ok line is done and is not returned (its stale error line still goes). The file is
    written whole beside `out` and renamed over it, so a kill at any moment leaves either the old file or the new
    one, never a mix; lines that are not result lines are kept exactly as they were.
    """
    if not out.is_file():
        return set()
    kept: list[bytes] = []
    failed: set[str] = set()
    ok: set[str] = set()
    with open(out, "rb") as handle:
        for line in handle:
            record = parse_line(line)
            if record is not None and record["status"] == "error":
                failed.add(str(record["id"]))
                continue
            if record is not None:
                ok.add(str(record["id"]))
            kept.append(line)
    if not failed:
        return set()
    temporary = out.with_name(f".{out.name}.retry")
    with open(temporary, "wb") as handle:
        handle.writelines(kept)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, out)
    return failed - ok


def _not_ours(out: Path) -> SummarizerError:
    return SummarizerError(code="batch.not_results", out=out)


def _first_byte(path: Path) -> bytes:
    """The first byte that is not white space (b"" for an empty file), read from the start only."""
    try:
        with open(path, "rb") as handle:
            return handle.read(64 * 1024).lstrip()[:1]
    except OSError as error:
        raise SummarizerError(code="batch.cannot_read_out", out=path, why=error.strerror or error) from None


def _looks_torn(line: bytes) -> bool:
    """Whether `line` is the cut-off start of one of our lines: no newline (so last in the file), our opening."""
    head = line[: len(RESULT_START)]
    return not line.endswith(b"\n") and (head.startswith(RESULT_START) or RESULT_START.startswith(head))


def parse_line(line: bytes) -> dict | None:
    """A result line as a dict (an id, an error field and a status of ok or error), or None for anything else
    (a feed line has an id but no status; an eval prediction a status but no error field)."""
    if not line.endswith(b"\n"):
        return None  # cut short by a kill, even if it happens to parse
    try:
        record = json.loads(line)
    except ValueError:
        return None
    if isinstance(record, dict) and "id" in record and "error" in record and record.get("status") in ("ok", "error"):
        return record
    return None


def _ends_with_newline(path: Path) -> bool:
    with open(path, "rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"


def raise_interrupt(signum: int, frame: object) -> None:
    """SIGTERM as Ctrl-C: the run stops as it does for Ctrl-C, with every line written whole."""
    raise KeyboardInterrupt


def check_not_input(source: str | os.PathLike[str], out: Path) -> None:
    """Refuse an OUT that is the input itself (``batch feed.jsonl --out feed.jsonl``)."""
    with contextlib.suppress(OSError):
        if out.exists() and os.path.exists(source) and os.path.samefile(source, out):
            raise SummarizerError(code="batch.out_is_input", out=out)


def open_out(out: Path) -> int:
    """OUT opened for appending whole lines (created if need be); an OS refusal is one `SummarizerError` line."""
    try:
        return os.open(out, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    except OSError as error:
        raise SummarizerError(code="batch.cannot_write_out", out=out, why=error.strerror or error) from None


def close_unused(fd: int, out: Path, created: bool) -> None:
    """Set-up failed after OUT was opened: close it, and remove it again when this run made it and wrote nothing."""
    if fd < 0:
        return
    os.close(fd)
    with contextlib.suppress(OSError):
        if created and out.stat().st_size == 0:
            out.unlink()


def export_csv(out: Path, target: Path) -> int:
    """Every result in the results file `out` (this run's and earlier runs') as CSV for Danish Excel at `target`;
    returns the number of rows."""
    from summarizer.results import write_results_csv

    def records() -> Iterator[dict]:
        with open(out, "rb") as handle:
            for line in handle:
                record = parse_line(line)
                if record is not None:
                    yield record

    return write_results_csv(records(), target)
