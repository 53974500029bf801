"""``python -m summarizer batch``: the command line (its flags, set-up checks, progress and closing line).

It checks the arguments, resolves the engine and opens OUT, then hands plain settings (`Settings`, and
`RayOptions` for ``--ray``) to the local run (`summarizer.batch.local`) or to Ray (`summarizer.batch.ray`,
imported only then). See the package docstring for what a run guarantees and its exit statuses.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import time
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer.batch.chunks import FATAL, Settings, check_available, could_not_start
from summarizer.batch.local import run
from summarizer.batch.writer import (
    Tally,
    check_not_input,
    close_unused,
    drop_failed,
    export_csv,
    load_done,
    open_out,
    raise_interrupt,
    retrying,
)
from summarizer.cli import Parser, one_line, say_error, say_warning
from summarizer.errors import ModelUnavailable, SummarizerError
from summarizer.messages import engine_name, text
from summarizer.results import valid_text
from summarizer.wire import count_items

#: ``--out -``: the result lines go to standard output (progress, notes and the closing line to standard error).
STDOUT = "-"


def build_parser() -> argparse.ArgumentParser:
    """The batch's flags: INPUT, OUT, the engine and its `Options`, workers and chunks, and the Ray group."""
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


def main(argv: list[str] | None = None) -> int:
    """Run a batch; returns the exit status (see the package docstring)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    check_arguments(parser, args)
    if args.ray is not None:
        return _ray_main(args)
    ready = _set_up(args)
    if isinstance(ready, int):
        return ready
    return _run_local(args, ready)


def check_arguments(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Usage errors that argparse cannot see: one line each and exit 2 (`parser.error`)."""
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


@dataclass
class _Ready:
    """A local run set up: OUT open (or standard output), what is done, the engine loaded or checked."""

    settings: Settings
    out: Path
    fd: int
    total: int
    done_ids: set[str]
    retried: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)

    @property
    def to_stdout(self) -> bool:
        return str(self.out) == STDOUT


def _set_up(args: argparse.Namespace) -> _Ready | int:
    """Everything that can refuse the run, before it starts; an exit status (2, one line said) when one does."""
    from summarizer.api import resolve_engine
    from summarizer.options import options_from_arguments

    to_stdout = args.out == STDOUT
    out = Path(args.out)
    fd = -1
    created = False
    try:
        options = options_from_arguments(args)
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
        _load_engine(spec, args.workers)
        retried: set[str] = set()
        if not to_stdout:
            # Last, once nothing else can refuse the run: the items that failed before leave OUT and run again.
            retried = drop_failed(out)
            if retried:  # OUT was renamed over: append to the new file, not to the old one fd still holds
                done_ids -= retried
                os.close(fd)
                fd = -1
                fd = open_out(out)
    except SummarizerError as error:
        close_unused(fd, out, created)
        say_error(error)
        return 2
    except Exception as error:  # anything else in setting up is still one line, never a traceback
        close_unused(fd, out, created)
        say_error(f"{type(error).__name__}: {one_line(error)}")
        return 2
    notes = [*(engine_warnings if args.verbose else []), *repaired]
    return _Ready(Settings(spec, options), out, fd, total, done_ids, retried, notes)


def _load_engine(spec: str, workers: int) -> None:
    """Load the engine now (one process) or check it can run (workers): a missing model is one clear line,
    not N error lines."""
    from summarizer import engines

    if workers > 1:
        check_available(spec)
        return
    try:
        engines.get(spec)
    except ModelUnavailable as error:
        raise error.with_engine(engines.split_spec(spec)[0]) from None
    except SummarizerError:
        raise
    except Exception as error:  # an engine that fails to load is a set-up problem: one line
        raise could_not_start(spec, error) from None


def _run_local(args: argparse.Namespace, ready: _Ready) -> int:
    """Run the set-up batch here (or in workers), then write the CSV and say the closing line."""
    to_stdout, out, fd = ready.to_stdout, ready.out, ready.fd
    if to_stdout:
        sys.stdout.flush()
        fd = sys.stdout.fileno()
    shown = "-" if to_stdout else out
    for note in ready.notes:
        say_warning(note)
    if ready.retried:
        say_warning(retrying(len(ready.retried)))
    spec = ready.settings.engine
    tally = Tally(retried=len(ready.retried))
    started = time.perf_counter()
    interrupted = False
    previous_term = signal.signal(signal.SIGTERM, raise_interrupt)
    progress = _progress(ready.total, f"batch ({engine_name(spec)})", args.quiet)
    try:
        with worker_threads(args.workers):
            run(args.input, fd, out, ready.settings, ready.done_ids, tally, progress, workers=args.workers,
                chunk=args.chunk, exclude=[] if to_stdout else [out])  # fmt: skip
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
            rows = export_csv(out, Path(args.csv))
        except (OSError, SummarizerError) as error:
            say_error(text("batch.cannot_write_out", out=args.csv, why=getattr(error, "strerror", None) or error))
            return 2
        say_note(text("batch.csv_written", path=Path(args.csv), rows=rows))
    how = text("batch.closing.engine", engine=engine_name(spec))
    return closing(tally, time.perf_counter() - started, shown, how, interrupted=interrupted, to_stderr=to_stdout)


#: The thread pools of torch (OpenMP) and MKL, which a worker sizes from the environment when it imports them.
THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS")


@contextlib.contextmanager
def worker_threads(workers: int) -> Iterator[None]:
    """While ``--workers N`` processes start, each gets 1/N of the cores for its thread pools (unless the caller set
    them): two seq2seq workers with a pool of every core each ran slower than one worker (bench_ray.py).

    The environment is how a child process gets this before it imports torch; it is put back after the run.
    """
    if workers <= 1:
        yield
        return
    before = {name: os.environ.get(name) for name in THREAD_VARIABLES}
    for name in THREAD_VARIABLES:
        os.environ.setdefault(name, str(max(1, (os.cpu_count() or 1) // workers)))
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _progress(total: int, desc: str, quiet: bool) -> Any:
    """The progress bar, on standard error (``--quiet``: none)."""
    from tqdm import tqdm

    return tqdm(total=total, unit="art", desc=desc, disable=quiet, smoothing=0.05, file=sys.stderr,
                dynamic_ncols=True)  # fmt: skip


def _ray_main(args: argparse.Namespace) -> int:
    """``--ray``: the same items and result lines, on Ray Data (`summarizer.batch.ray`, given plain settings)."""
    from summarizer.api import resolve_engine
    from summarizer.options import options_from_arguments

    try:
        options = options_from_arguments(args)
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
    from summarizer.batch.ray import RayOptions

    ray_options = RayOptions(address=args.ray, actors=args.actors, gpus_per_actor=args.gpus_per_actor,
                             batch_size=args.batch_size, fmt=args.format)  # fmt: skip
    return run_on_ray(args.input, args.out, Settings(spec, options), ray_options, quiet=args.quiet)


def run_on_ray(source: str, out: str, settings: Settings, ray_options: Any, *, quiet: bool = False) -> int:
    """Run `summarizer.batch.ray.run_ray` with a progress bar and the closing line; returns the exit status."""
    from summarizer.batch.ray import run_ray

    progress = _progress(0, f"batch på Ray ({engine_name(settings.engine)})", quiet)
    previous = signal.signal(signal.SIGTERM, raise_interrupt)  # until Ray is up too: a clean stop, no traceback
    try:
        report = run_ray(source, out, settings, ray_options, progress=progress)
    except SummarizerError as error:
        progress.close()
        say_error(error)
        return 2
    except KeyboardInterrupt:
        progress.close()
        print(text("ray.interrupted_early"), flush=True)
        return 130
    except OSError as error:
        progress.close()
        say_error(text("batch.cannot_write", out=out, why=error.strerror or error))
        return 2
    except Exception as error:  # Ray's own failures (a node lost, an actor killed): one line, not a traceback
        progress.close()
        said = " ".join(valid_text(str(error)).split())[:300]
        say_error(text("ray.stopped", kind=type(error).__name__, message=said, out=out))
        return 2
    finally:
        signal.signal(signal.SIGTERM, previous)
    progress.close()
    for note in report.notes:
        say_warning(note)
    how = text("ray.how", engine=engine_name(settings.engine), actors=ray_options.actors)
    startup = text("ray.startup", seconds=_decimal(report.startup_seconds))
    return closing(report.tally, report.seconds, out, how, interrupted=report.interrupted, rate_note=startup)


def _silence_stdout() -> None:
    """After a closed pipe, point standard output at /dev/null so Python's exit flush cannot complain."""
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def say_note(note: str) -> None:
    print(note, file=sys.stderr)


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
