"""``python -m summarizer batch INPUT --out results.jsonl``: a feed or an archive in, one JSON line per item out.

INPUT is a folder, a glob, a JSONL/CSV file or a ZIP (see `summarizer.wire.iter_articles`, which also
defines the item ids). Guarantees:

- streamed: items are read one at a time and at most a few chunks are in flight, so memory stays
  flat however large the input;
- every result is appended to ``--out`` as one complete JSON line as soon as it is done (a single
  ``write`` with Ctrl-C/SIGTERM held off for its duration), so an interrupted run leaves valid JSONL;
- nothing is dropped: an item that cannot be read or summarised is written with ``status: "error"``
  and its one-line error; the run goes on;
- resume: re-running with the same ``--out`` skips every id already done in it, and tries again every item
  that failed before (its error line leaves the file first, which is rewritten whole and renamed into place,
  and the run says how many). A torn last
  result line, which only a hard kill (SIGKILL, power loss) in mid-write can leave, is cut off first and
  its item summarised again, so each item ends up in the file exactly once. Nothing else in OUT is ever
  cut: a file that is not a results file (no result line in it), or the input itself, is refused;
- a poison item (text that is not valid Unicode, a result that cannot be written) is an error line
  for that item alone;
- workers: ``--workers N`` runs N processes; only this (main) process writes. Output is in input
  order per chunk; ids, not order, are what resume relies on;
- ``--out -`` writes the result lines to standard output (no resume then), and everything else (progress,
  notes, the closing line) to standard error; ``--csv FILE`` also writes every result in OUT as a CSV for
  Danish Excel (semicolons, UTF-8 with a byte-order mark) once the run is done.

Everything it says is Danish, from the message catalogue (`summarizer.messages`); why ``auto`` chose its
engine only with ``--verbose``.

Exit status: 0 all items ok, 1 some items failed (see their lines), 2 bad arguments or INPUT,
130 interrupted (run the same command again to resume).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.article import Article
from summarizer.cli import Parser, one_line, say_error, say_warning
from summarizer.errors import ModelUnavailable, SummarizerError, UnknownEngine
from summarizer.messages import engine_name, message, text
from summarizer.results import ResultLine, valid_text
from summarizer.summary import Summary
from summarizer.wire import WireError, count_items, iter_articles


class EngineStartError(SummarizerError):
    """The engine could not be loaded (in this process or a worker): a set-up problem, not an item's."""

    code = "engine.could_not_start"


#: Errors that are about the set-up, not about one item: they stop the run.
FATAL = (ModelUnavailable, UnknownEngine, EngineStartError)


@dataclass(frozen=True)
class Settings:
    engine: str
    n_headlines: int = 5
    max_summary_words: int = 35
    max_headline_chars: int = 70


@dataclass
class Tally:
    done: int = 0
    failed: int = 0
    skipped: int = 0
    retried: int = 0  # items that had failed in an earlier run and were run again in this one


def build_parser() -> argparse.ArgumentParser:
    from summarizer import engines
    from summarizer.options import add_option_arguments

    parser = Parser(prog="python -m summarizer batch", description=text("batch.about"))
    parser.add_argument("input", metavar="INPUT", help=text("batch.input_help"))
    parser.add_argument("--out", required=True, metavar="OUT", help=text("batch.out_help"))
    parser.add_argument("--csv", metavar="FIL", help=text("batch.csv_help"))
    parser.add_argument("--engine", default="auto", metavar="MOTOR",
                        help=text("batch.engine_help", names=", ".join(engines.names())))  # fmt: skip
    parser.add_argument("--workers", type=int, default=1, metavar="N", help=text("batch.workers_help"))
    add_option_arguments(parser)
    parser.add_argument("--chunk", type=int, default=16, metavar="N", help=text("batch.chunk_help"))
    parser.add_argument("--quiet", action="store_true", help=text("batch.quiet_help"))
    parser.add_argument("-v", "--verbose", action="store_true", help=text("batch.verbose_help"))
    ray = parser.add_argument_group(text("batch.ray_group"))
    ray.add_argument(
        "--ray", nargs="?", const="auto", default=None, metavar="auto|ADRESSE", help=text("batch.ray_help")
    )
    ray.add_argument("--actors", type=int, default=1, metavar="N", help=text("batch.actors_help"))
    ray.add_argument("--gpus-per-actor", type=float, default=0.0, metavar="F", help=text("batch.gpus_help"))
    ray.add_argument("--batch-size", type=int, default=16, metavar="N", help=text("batch.batch_size_help"))
    ray.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl", help=text("batch.format_help"))
    return parser


#: ``--out -``: the result lines go to standard output (progress, notes and the closing line to standard error).
STDOUT = "-"


def main(argv: list[str] | None = None) -> int:
    """Run a batch; returns the exit status (see the module docstring)."""
    from summarizer import engines

    parser = build_parser()
    args = parser.parse_args(argv)
    if args.workers < 1 or args.chunk < 1 or args.actors < 1 or args.batch_size < 1:
        parser.error(text("batch.at_least_one"))
    if args.gpus_per_actor < 0:
        parser.error(text("batch.negative_gpus"))
    to_stdout = args.out == STDOUT
    if to_stdout and args.ray is not None:
        parser.error(text("batch.stdout_with_ray"))
    if to_stdout and args.csv:
        parser.error(text("batch.csv_with_stdout"))
    if not to_stdout and args.out.lower().endswith(".csv"):
        parser.error(text("batch.out_is_csv", jsonl=str(Path(args.out).with_suffix(".jsonl")), out=args.out))
    if args.ray is not None:
        return _ray_main(args)

    from summarizer.api import resolve_engine
    from summarizer.options import options_from_arguments

    out = Path(args.out)
    fd = -1
    created = False
    retried: set[str] = set()
    try:
        options_from_arguments(args)
        if to_stdout:
            repaired, done_ids = [], set()
        else:
            check_not_input(args.input, out)
            repaired, done_ids = load_done(out)
        total = count_items(args.input, exclude=[] if to_stdout else [out])  # a missing INPUT: before any model
        spec, engine_warnings = resolve_engine(args.engine)
        if not to_stdout:
            created = not out.exists()
            fd = open_out(out)  # before the engine loads: an unwritable OUT is one line, not minutes lost
        if args.workers == 1:
            try:
                engines.get(spec)  # load now: a missing model is one clear line, not N error lines
            except ModelUnavailable as error:
                raise error.with_engine(engines.split_spec(spec)[0]) from None
            except SummarizerError:
                raise
            except Exception as error:  # an engine that fails to load is a set-up problem: one line
                raise _could_not_start(spec, error) from None
        else:
            check_available(spec)
        if not to_stdout:
            # Last, once nothing else can refuse the run: the items that failed before leave OUT and run again.
            retried = drop_failed(out)
            if retried:  # OUT was renamed over: append to the new file, not to the old one fd still holds
                done_ids -= retried
                os.close(fd)
                fd = -1
                fd = open_out(out)
    except SummarizerError as error:
        _close_unused(fd, out, created)
        say_error(error)
        return 2
    except Exception as error:  # anything else in setting up is still one line, never a traceback
        _close_unused(fd, out, created)
        say_error(f"{type(error).__name__}: {one_line(error)}")
        return 2
    if to_stdout:
        sys.stdout.flush()
        fd = sys.stdout.fileno()
    shown = "-" if to_stdout else out
    for note in [*(engine_warnings if args.verbose else []), *repaired]:
        say_warning(note)
    if retried:
        say_warning(retrying(len(retried)))

    settings = Settings(spec, args.n_headlines, args.max_summary_words, args.max_headline_chars)
    tally = Tally(retried=len(retried))
    started = time.perf_counter()
    interrupted = False
    previous_term = signal.signal(signal.SIGTERM, _raise_interrupt)
    from tqdm import tqdm

    progress = tqdm(total=total, unit="art", desc=f"batch ({engine_name(spec)})", disable=args.quiet,
                    smoothing=0.05, file=sys.stderr, dynamic_ncols=True)  # fmt: skip
    try:
        run(args.input, fd, out, settings, done_ids, tally, progress, workers=args.workers, chunk=args.chunk,
            exclude=[] if to_stdout else [out])  # fmt: skip
    except KeyboardInterrupt:
        interrupted = True
    except BrokenPipeError:  # `--out - | head`: the reader has what it wanted; stop quietly, as other tools do
        progress.close()
        _silence_stdout()
        return 141
    except FATAL as error:
        progress.close()
        say_error(error)
        return 2
    except BrokenProcessPool:
        progress.close()
        say_error(text("batch.worker_died", out=shown))
        return 2
    except OSError as error:  # a full disk, a file removed under us: the lines written so far are whole
        progress.close()
        say_error(text("batch.cannot_write", out=shown, why=error.strerror or error))
        return 2
    except Exception as error:  # a bug must not print a traceback over the progress bar: one line, resumable
        progress.close()
        say_error(text("batch.stopped", kind=type(error).__name__, message=one_line(error), out=shown))
        return 2
    finally:
        if not to_stdout:
            os.close(fd)
        signal.signal(signal.SIGTERM, previous_term)
    progress.close()
    if args.csv and not interrupted:
        try:
            export_csv(out, Path(args.csv))
        except (OSError, SummarizerError) as error:
            say_error(text("batch.cannot_write_out", out=args.csv, why=getattr(error, "strerror", None) or error))
            return 2
    how = text("batch.closing.engine", engine=engine_name(spec))
    return closing(tally, time.perf_counter() - started, shown, how, interrupted=interrupted, to_stderr=to_stdout)


def retrying(count: int) -> str:
    """The note that `count` items that failed before run again."""
    return message("batch.retrying.one") if count == 1 else message("batch.retrying", count=count)


def _could_not_start(spec: str, error: Exception) -> EngineStartError:
    return EngineStartError(code="engine.could_not_start", name=spec, reason=f"{type(error).__name__}: {error}")


def _silence_stdout() -> None:
    """After a closed pipe, point standard output at /dev/null so Python's exit flush cannot complain."""
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def export_csv(out: Path, target: Path) -> int:
    """Every result in the results file `out` (this run's and earlier runs') as CSV for Danish Excel at `target`."""
    from summarizer.results import write_results_csv

    def records() -> Iterator[dict]:
        with open(out, "rb") as handle:
            for line in handle:
                record = _parse_line(line)
                if record is not None:
                    yield record

    rows = write_results_csv(records(), target)
    say_note(text("batch.csv_written", path=target, rows=rows))
    return rows


def say_note(note: str) -> None:
    print(note, file=sys.stderr)


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


def _close_unused(fd: int, out: Path, created: bool) -> None:
    """Set-up failed after OUT was opened: close it, and remove it again when this run made it and wrote nothing."""
    if fd < 0:
        return
    os.close(fd)
    with contextlib.suppress(OSError):
        if created and out.stat().st_size == 0:
            out.unlink()


def check_available(spec: str) -> None:
    """`ModelUnavailable` unless the engine can run here (cheap: nothing is loaded)."""
    from summarizer import engines

    name, arg = engines.split_spec(spec)
    if not engines.engine_class(name).is_available(arg):
        raise ModelUnavailable(code="engine.not_available", name=spec)


def closing(
    tally: Tally,
    seconds: float,
    out: Path | str,
    how: str,
    *,
    interrupted: bool,
    rate_note: str = "",
    to_stderr: bool = False,
) -> int:
    """Print the closing line (done, skipped, failed, retried, rate) and return the exit status.

    It goes to standard output, or to standard error when the result lines themselves go to standard output.
    """
    handled = tally.done + tally.failed
    rate = handled / seconds if seconds > 0 else 0.0
    line = text(
        "batch.closing",
        state=text("batch.interrupted" if interrupted else "batch.finished"),
        done=tally.done,
        skipped=tally.skipped,
        out=text("batch.closing.stdout") if str(out) == STDOUT else out,
        failed=tally.failed,
        retried=text("batch.closing.retried", count=tally.retried) if tally.retried else "",
        handled=handled,
        seconds=_decimal(seconds),
        rate=_decimal(rate),
        rate_note=rate_note,
        how=how,
    )
    print(line + (text("batch.closing.resume") if interrupted else ""), flush=True,
          file=sys.stderr if to_stderr else sys.stdout)  # fmt: skip
    if interrupted:
        return 130
    return 1 if tally.failed else 0


def _decimal(number: float) -> str:
    """1.25 → "1,3": one decimal, with the Danish decimal comma."""
    return f"{number:.1f}".replace(".", ",")


def _ray_main(args: argparse.Namespace) -> int:
    """``--ray``: the same items and result lines, on Ray Data (`summarizer.ray_batch`)."""
    from summarizer.api import resolve_engine
    from summarizer.options import options_from_arguments

    try:
        options_from_arguments(args)
        import importlib.util

        if importlib.util.find_spec("ray") is None:
            raise SummarizerError(code="batch.ray_missing")
        spec, engine_warnings = resolve_engine(args.engine)
        check_available(spec)
    except SummarizerError as error:
        say_error(error)
        return 2
    for note in engine_warnings if args.verbose else []:
        say_warning(note)
    from summarizer import ray_batch

    return ray_batch.main(args, Settings(spec, args.n_headlines, args.max_summary_words, args.max_headline_chars))


def run(
    source: str,
    fd: int,
    out: Path,
    settings: Settings,
    done_ids: set[str],
    tally: Tally,
    progress: Any,
    *,
    workers: int = 1,
    chunk: int = 16,
    exclude: list[Path] | None = None,
) -> None:
    """Summarise every item of `source` not in `done_ids`, appending one line each to `fd`.

    `exclude`: files never read as input (OUT itself, when it lies in the input folder; default ``[out]``).
    """
    exclude = [out] if exclude is None else exclude

    def write(lines: list[tuple[str, bytes]]) -> None:
        for status, line in lines:
            _write_line(fd, line)
            if status == "ok":
                tally.done += 1
            else:
                tally.failed += 1
            progress.update(1)

    pending: deque[Future[list[tuple[str, bytes]]]] = deque()
    executor = _executor(workers, settings) if workers > 1 else None
    try:
        for articles in _chunks(_fresh(source, exclude, done_ids, tally, progress, write), chunk):
            if executor is None:
                write(summarise_chunk(articles, settings))
                continue
            pending.append(executor.submit(summarise_chunk, articles, settings))
            while len(pending) >= 2 * workers or (pending and pending[0].done()):
                write(pending.popleft().result())
        while pending:
            write(pending.popleft().result())
    finally:
        if executor is not None:
            for future in pending:
                future.cancel()
            executor.shutdown(wait=False, cancel_futures=True)


def _fresh(
    source: str,
    exclude: list[Path],
    done_ids: set[str],
    tally: Tally,
    progress: Any,
    write: Callable[[list[tuple[str, bytes]]], None],
) -> Iterator[Article]:
    """Articles not yet in the output; unreadable items are written as errors on the spot."""
    for item in iter_articles(source, exclude=exclude):
        item_id = item.id if isinstance(item, Article) else item.item_id
        # Ids are written as valid text (see ResultLine.encoded), so they are compared as such.
        if item_id is not None and valid_text(str(item_id)) in done_ids:
            tally.skipped += 1
            progress.update(1)
            continue
        if isinstance(item, WireError):
            write([("error", error_line(item_id or "?", item, None))])
            continue
        yield item


def _chunks(items: Iterator[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def summarise_chunk(articles: list[Article], settings: Settings) -> list[tuple[str, bytes]]:
    """Summarise a chunk (in a worker or here) → ``(status, JSON line)`` per article, in order.

    Set-up errors (`FATAL`) propagate; anything else is recorded against the item it came from.
    """
    from summarizer import engines
    from summarizer.api import summarise_many

    try:
        engines.get(settings.engine)  # loaded once per process; a failure here is not the items' fault
    except FATAL:
        raise
    except Exception as error:
        raise _could_not_start(settings.engine, error) from None
    options = {
        "engine": settings.engine,
        "n_headlines": settings.n_headlines,
        "max_summary_words": settings.max_summary_words,
        "max_headline_chars": settings.max_headline_chars,
    }
    results: list[Summary | Exception]
    try:
        results = list(summarise_many(articles, **options, batch_size=len(articles), errors="yield"))
    except FATAL:
        raise
    except Exception:  # one item broke the engine's batch call: redo them one by one to find it
        results = []
        for article in articles:
            try:
                results.append(next(summarise_many([article], **options, errors="yield")))
            except FATAL:
                raise
            except Exception as error:
                results.append(error)
    lines = []
    for article, result in zip(articles, results, strict=True):
        try:
            if isinstance(result, Summary):
                # result.article: the article as summarised, its text made valid (id included) by `prepare`.
                lines.append(ResultLine.ok(result.article, result).encoded())
            else:
                lines.append(("error", error_line(article.id or "?", result, article)))
        except Exception as error:  # a result that cannot even be made into a line is that item's error
            lines.append(("error", error_line(article.id or "?", error, article)))
    return lines


def ok_line(article: Article, result: Summary) -> bytes:
    return ResultLine.ok(article, result).to_json()


def error_line(item_id: str, error: BaseException, article: Article | None) -> bytes:
    return ResultLine.failed(item_id, error, article).to_json()


def _write_line(fd: int, line: bytes) -> None:
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
                    record = _parse_line(line)
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
            record = _parse_line(line)
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


def _parse_line(line: bytes) -> dict | None:
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


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _executor(workers: int, settings: Settings) -> ProcessPoolExecutor:
    # spawn: workers start clean (no copy of the main process's threads or open files).
    context = multiprocessing.get_context("spawn")
    executor = ProcessPoolExecutor(
        workers, mp_context=context, initializer=_init_worker, initargs=(settings, os.getpid(), workers)
    )
    # Start every worker now, with Ctrl-C ignored: the children inherit that from birth, so a Ctrl-C
    # while they are still starting up cannot print a traceback from inside multiprocessing.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        for _ in range(workers):
            executor.submit(_ready)
    finally:
        signal.signal(signal.SIGINT, previous)
    return executor


def _ready() -> bool:
    return True


def _init_worker(settings: Settings, parent: int, workers: int) -> None:
    # Each worker gets its share of the cores for torch's thread pool (set before torch is imported):
    # two seq2seq workers with a pool of every core each ran slower than one worker (bench_ray.py).
    for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, str(max(1, (os.cpu_count() or 1) // workers)))
    from summarizer import engines

    # Ctrl-C is the main process's to handle: it stops feeding work and leaves the file valid.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # If the main process is killed outright, workers must not linger as orphans.
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    # Warm up. A failure is reported by the first chunk, as one line: an initializer that raised
    # would only break the pool without saying why.
    with contextlib.suppress(Exception):
        engines.get(settings.engine)


def _exit_with_parent(parent: int) -> None:
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(1)
