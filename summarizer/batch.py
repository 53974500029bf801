"""``python -m summarizer batch INPUT --out results.jsonl``: a feed or an archive in, one JSON line per item out.

INPUT is a folder, a glob, a JSONL/CSV file or a ZIP (see `summarizer.wire.iter_articles`, which also
defines the item ids). Guarantees:

- streamed: items are read one at a time and at most a few chunks are in flight, so memory stays
  flat however large the input;
- every result is appended to ``--out`` as one complete JSON line as soon as it is done (a single
  ``write`` with Ctrl-C/SIGTERM held off for its duration), so an interrupted run leaves valid JSONL;
- nothing is dropped: an item that cannot be read or summarised is written with ``status: "error"``
  and its one-line error; the run goes on;
- resume: re-running with the same ``--out`` skips every id already in it (ok or error). A torn last
  result line, which only a hard kill (SIGKILL, power loss) in mid-write can leave, is cut off first and
  its item summarised again, so each item ends up in the file exactly once. Nothing else in OUT is ever
  cut: a file that is not a results file (no result line in it), or the input itself, is refused;
- a poison item (text that is not valid Unicode, a result that cannot be written) is an error line
  for that item alone;
- workers: ``--workers N`` runs N processes; only this (main) process writes. Output is in input
  order per chunk; ids, not order, are what resume relies on.

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
from summarizer.errors import ModelUnavailable, SummarizerError, UnknownEngine
from summarizer.results import ResultLine, valid_text
from summarizer.summary import Summary
from summarizer.wire import WireError, count_items, iter_articles


class EngineStartError(SummarizerError):
    """The engine could not be loaded (in this process or a worker): a set-up problem, not an item's."""


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


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        self.exit(2, f"{self.prog}: error: {message}\n")


def main(argv: list[str] | None = None) -> int:
    """Run a batch; returns the exit status (see the module docstring)."""
    from summarizer import engines

    parser = _Parser(prog="python -m summarizer batch", description="Summarise every item of a feed or archive.")
    parser.add_argument("input", help="a folder, a glob (quoted), a JSONL/CSV/Parquet file or a ZIP")
    parser.add_argument("--out", required=True,
                        help="results, one JSON line per item (appended; resumable); with --ray a folder")  # fmt: skip
    parser.add_argument("--engine", default="auto", help="one of: auto, " + ", ".join(engines.names()))
    parser.add_argument("--workers", type=int, default=1, metavar="N", help="worker processes (default 1)")
    parser.add_argument("--headlines", type=int, default=5, metavar="N", help="headlines per item (default 5)")
    parser.add_argument("--words", type=int, default=35, help="summary word budget (default 35)")
    parser.add_argument("--chars", type=int, default=70, help="headline character limit (default 70)")
    parser.add_argument("--chunk", type=int, default=16, metavar="N", help="items per engine call (default 16)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    ray = parser.add_argument_group("on Ray Data (OUT is then a folder of result files)")
    ray.add_argument("--ray", nargs="?", const="auto", default=None, metavar="auto|ADDRESS",
                     help="run on Ray: a running cluster (RAY_ADDRESS) or a local one (auto), or ADDRESS")  # fmt: skip
    ray.add_argument("--actors", type=int, default=1, metavar="N", help="engine actors (default 1)")
    ray.add_argument("--gpus-per-actor", type=float, default=0.0, metavar="F", help="GPUs each actor gets")
    ray.add_argument("--batch-size", type=int, default=16, metavar="N", help="items per actor call (default 16)")
    ray.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl",
                     help="result files in OUT: results.jsonl or part-NNNNN.parquet")  # fmt: skip
    args = parser.parse_args(argv)
    if args.workers < 1 or args.chunk < 1 or args.actors < 1 or args.batch_size < 1:
        parser.error("--workers, --chunk, --actors and --batch-size must be at least 1")
    if args.gpus_per_actor < 0:
        parser.error("--gpus-per-actor must not be negative")
    if args.ray is not None:
        return _ray_main(args)

    from summarizer.api import check_options, resolve_engine

    out = Path(args.out)
    fd = -1
    created = False
    try:
        check_options(args.headlines, args.words, args.chars)
        check_not_input(args.input, out)
        repaired, done_ids = load_done(out)
        total = count_items(args.input, exclude=[out])  # a missing INPUT is reported before any model loads
        spec, engine_warnings = resolve_engine(args.engine)
        created = not out.exists()
        fd = open_out(out)  # before the engine loads: an unwritable OUT is one line, not minutes lost
        if args.workers == 1:
            try:
                engines.get(spec)  # load now: a missing model is one clear line, not N error lines
            except SummarizerError:
                raise
            except Exception as error:  # an engine that fails to load is a set-up problem: one line
                raise EngineStartError(f"engine {spec} could not start: {type(error).__name__}: {error}") from None
        else:
            check_available(spec)
    except SummarizerError as error:
        _close_unused(fd, out, created)
        print(f"error: {_one_line(error)}", file=sys.stderr)
        return 2
    except Exception as error:  # anything else in setting up is still one line, never a traceback
        _close_unused(fd, out, created)
        print(f"error: {type(error).__name__}: {_one_line(error)}", file=sys.stderr)
        return 2
    for note in [*engine_warnings, *repaired]:
        print(f"advarsel: {note}", file=sys.stderr)

    settings = Settings(spec, args.headlines, args.words, args.chars)
    tally = Tally()
    started = time.perf_counter()
    interrupted = False
    previous_term = signal.signal(signal.SIGTERM, _raise_interrupt)
    from tqdm import tqdm

    progress = tqdm(total=total, unit="art", desc=f"batch ({spec})", disable=args.quiet, smoothing=0.05,
                    file=sys.stderr, dynamic_ncols=True)
    try:
        run(args.input, fd, out, settings, done_ids, tally, progress, workers=args.workers, chunk=args.chunk)
    except KeyboardInterrupt:
        interrupted = True
    except FATAL as error:
        progress.close()
        print(f"error: {_one_line(error)}", file=sys.stderr)
        return 2
    except BrokenProcessPool:
        progress.close()
        print(f"error: a worker process died (out of memory?); {out} is valid, run again to resume", file=sys.stderr)
        return 2
    except OSError as error:  # a full disk, a file removed under us: the lines written so far are whole
        progress.close()
        print(f"error: cannot write {out}: {error.strerror or error}; run again to resume", file=sys.stderr)
        return 2
    except Exception as error:  # a bug must not print a traceback over the progress bar: one line, resumable
        progress.close()
        print(f"error: the batch stopped: {type(error).__name__}: {_one_line(error)}; {out} is valid, "
              "run again to resume", file=sys.stderr)  # fmt: skip
        return 2
    finally:
        os.close(fd)
        signal.signal(signal.SIGTERM, previous_term)
    progress.close()
    return closing(tally, time.perf_counter() - started, out, f"engine {spec}", interrupted=interrupted)


def check_not_input(source: str | os.PathLike[str], out: Path) -> None:
    """Refuse an OUT that is the input itself (``batch feed.jsonl --out feed.jsonl``)."""
    with contextlib.suppress(OSError):
        if out.exists() and os.path.exists(source) and os.path.samefile(source, out):
            raise SummarizerError(f"--out {out} is the input itself; give another file for the results, "
                                  "e.g. results.jsonl")  # fmt: skip


def open_out(out: Path) -> int:
    """OUT opened for appending whole lines (created if need be); an OS refusal is one `SummarizerError` line."""
    try:
        return os.open(out, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    except OSError as error:
        raise SummarizerError(f"cannot write --out {out}: {error.strerror or error}") from None


def _close_unused(fd: int, out: Path, created: bool) -> None:
    """Set-up failed after OUT was opened: close it, and remove it again when this run made it and wrote nothing."""
    if fd < 0:
        return
    os.close(fd)
    with contextlib.suppress(OSError):
        if created and out.stat().st_size == 0:
            out.unlink()


def _one_line(error: BaseException) -> str:
    return " ".join(valid_text(str(error)).split())


def check_available(spec: str) -> None:
    """`ModelUnavailable` unless the engine can run here (cheap: nothing is loaded)."""
    from summarizer import engines

    name, arg = engines.split_spec(spec)
    if not engines.engine_class(name).is_available(arg):
        raise ModelUnavailable(f"engine {spec} is not available here")


def closing(tally: Tally, seconds: float, out: Path | str, how: str, *, interrupted: bool, rate_note: str = "") -> int:
    """Print the closing line (done, skipped, failed, rate) and return the exit status."""
    handled = tally.done + tally.failed
    rate = handled / seconds if seconds > 0 else 0.0
    state = "interrupted" if interrupted else "finished"
    print(
        f"batch {state}: {tally.done} done, {tally.skipped} skipped (already in {out}), {tally.failed} failed"
        f" - {handled} summarised in {seconds:.1f} s ({rate:.1f} items/s{rate_note}), {how}"
        + ("; run the same command again to resume" if interrupted else ""),
        flush=True,
    )
    if interrupted:
        return 130
    return 1 if tally.failed else 0


def _ray_main(args: argparse.Namespace) -> int:
    """``--ray``: the same items and result lines, on Ray Data (`summarizer.ray_batch`)."""
    from summarizer.api import check_options, resolve_engine

    try:
        check_options(args.headlines, args.words, args.chars)
        import importlib.util

        if importlib.util.find_spec("ray") is None:
            raise SummarizerError("--ray needs Ray Data: pip install 'ray[data]==2.60.0' (or run without --ray)")
        spec, engine_warnings = resolve_engine(args.engine)
        check_available(spec)
    except SummarizerError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for note in engine_warnings:
        print(f"advarsel: {note}", file=sys.stderr)
    from summarizer import ray_batch

    return ray_batch.main(args, Settings(spec, args.headlines, args.words, args.chars))


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
) -> None:
    """Summarise every item of `source` not in `done_ids`, appending one line each to `fd`."""

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
        for articles in _chunks(_fresh(source, out, done_ids, tally, progress, write), chunk):
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
    out: Path,
    done_ids: set[str],
    tally: Tally,
    progress: Any,
    write: Callable[[list[tuple[str, bytes]]], None],
) -> Iterator[Article]:
    """Articles not yet in the output; unreadable items are written as errors on the spot."""
    for item in iter_articles(source, exclude=[out]):
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
        raise EngineStartError(f"engine {settings.engine} could not start: {type(error).__name__}: {error}") from None
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
        raise SummarizerError(f"--out {out} is a folder; give a file name such as results.jsonl")
    if not out.is_file():
        raise SummarizerError(f"--out {out} is not a regular file; give a file name such as results.jsonl")
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
        raise SummarizerError(f"cannot read --out {out}: {error.strerror or error}") from None
    torn = last is not None and last[2] and bool(bad) and bad[-1] == last[0]
    if not results and len(bad) > int(torn):  # only a torn first line is ours without a whole result line
        raise _not_ours(out)
    if torn:
        assert last is not None
        os.truncate(out, last[1])
        bad.pop()
        notes.append(
            f"{out}: removed a torn last line ({size - last[1]} bytes) left by an interrupted run; that item runs again"
        )
    notes += [f"{out} line {number} is not a result line; left as it is" for number in bad[:5]]
    if len(bad) > 5:
        notes.append(f"{out}: {len(bad) - 5} more lines are not result lines; left as they are")
    if size and not torn and not _ends_with_newline(out):
        with open(out, "ab") as handle:  # the next line must start on a line of its own
            handle.write(b"\n")
    return notes, ids


def _not_ours(out: Path) -> SummarizerError:
    return SummarizerError(
        f"--out {out} is not a results file (no result line in it); give a new file name, or the results file "
        "of an earlier batch to resume it"
    )


def _first_byte(path: Path) -> bytes:
    """The first byte that is not white space (b"" for an empty file), read from the start only."""
    try:
        with open(path, "rb") as handle:
            return handle.read(64 * 1024).lstrip()[:1]
    except OSError as error:
        raise SummarizerError(f"cannot read --out {path}: {error.strerror or error}") from None


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
