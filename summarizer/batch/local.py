"""The local batch: items read one at a time, chunks summarised here or in ``--workers`` processes, lines appended.

Only this (main) process writes; at most ``2 × workers`` chunks are in flight, so memory stays flat however
large the input. Output is in input order per chunk; ids, not order, are what resume relies on.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from summarizer.article import Article
from summarizer.batch.chunks import Settings, error_line, result_lines
from summarizer.batch.writer import Tally, write_line
from summarizer.results import valid_text
from summarizer.wire import WireError, iter_articles


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
            write_line(fd, line)
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
                write(result_lines(articles, settings))
                continue
            pending.append(executor.submit(result_lines, articles, settings))
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


def _executor(workers: int, settings: Settings) -> ProcessPoolExecutor:
    # spawn: workers start clean (no copy of the main process's threads or open files).
    context = multiprocessing.get_context("spawn")
    executor = ProcessPoolExecutor(
        workers, mp_context=context, initializer=_init_worker, initargs=(settings, os.getpid())
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


def _init_worker(settings: Settings, parent: int) -> None:
    # Its share of the cores for torch's thread pool comes with the environment it was started with
    # (`summarizer.batch.cli.worker_threads`): the library itself never writes the environment.
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
