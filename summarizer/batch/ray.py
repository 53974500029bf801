"""``python -m summarizer batch INPUT --out OUT --ray [auto | ADDRESS]``: the batch on Ray Data (`run_ray`).

The same items, ids and result lines as the local batch (`summarizer.batch.local`), on one machine or a
cluster. Its command line is `summarizer.batch.cli`; this module takes plain settings (`Settings`,
`RayOptions`). How it runs:

1. the input is cut into shards (`summarizer.wire.shards`: files, JSONL line ranges, Parquet row
   groups) and Ray tasks read them in parallel, twice: first only the ids, so the driver can give
   an id met twice ``ID#2`` in input order and skip every id already in OUT (resume); then the items;
2. each actor (a callable class under ``map_batches``, ``concurrency=N``) loads the engine once and
   summarises a batch at a time with `summarizer.batch.chunks.result_lines`, the local batch's own code;
3. the driver writes the results, in input order, into the folder OUT: ``results.jsonl`` (whole lines,
   appended) or ``part-NNNNN.parquet`` files (written whole, then renamed into place). An id counts as
   done once its line is in OUT, so a job killed halfway and started again ends with every id once.

A failed item is a result with its error; a malformed input row is an error result naming its file
and line; an item whose text is not valid Unicode is summarised with it made valid (or, if its result
still cannot be written, is an error result), never a crash. Ray is imported only here, only when
``--ray`` is given. A local Ray started here listens on 127.0.0.1 only, and is shut down however the
job ends (done, an error, Ctrl-C or SIGTERM).
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import signal
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer.batch.chunks import FATAL, EngineStartError, Settings, error_line, result_lines
from summarizer.batch.writer import Tally, drop_failed, load_done, raise_interrupt, retrying, write_line
from summarizer.errors import SummarizerError
from summarizer.messages import message, text
from summarizer.results import valid_text
from summarizer.wire.errors import WireError
from summarizer.wire.iterate import UniqueIds, item_key, rename
from summarizer.wire.shards import Shard, plan_shards, read_shard

#: The project root (the folder holding the `summarizer` package), for Ray's workers.
ROOT = Path(__file__).resolve().parents[2]
JSONL_NAME = "results.jsonl"
#: Parquet results are written in files of this many rows (a kill loses at most the unwritten rows' work).
PARQUET_ROWS = 2_000


@dataclass
class RayOptions:
    """How the job runs on Ray: where, how many actors, what each one gets."""

    address: str = "auto"  # "auto": a running cluster if there is one (RAY_ADDRESS), else a local one
    actors: int = 1
    gpus_per_actor: float = 0.0
    cpus_per_actor: float = 1.0
    batch_size: int = 16
    fmt: str = "jsonl"  # "jsonl" | "parquet"
    num_cpus: int | None = None  # for a local Ray started here (default: every core)


@dataclass
class RayReport:
    """What a Ray batch did, for the closing line and for callers."""

    tally: Tally = field(default_factory=Tally)
    total: int = 0
    seconds: float = 0.0
    startup_seconds: float = 0.0  # ray.init, reading the ids and planning, before the first result
    interrupted: bool = False
    notes: list[str] = field(default_factory=list)
    actor_peak_mib: dict[int, float] = field(default_factory=dict)  # actor process id → its peak RSS


# --------------------------------------------------------------------------- OUT: what is done


def done_ids(out: Path) -> tuple[list[str], set[str]]:
    """Ids already in the folder OUT (its results.jsonl, after cutting a torn last line, and Parquet parts).

    Only the files this job writes are read: other ``.jsonl`` files in OUT (a feed kept beside the
    results) are neither read nor changed.
    """
    if out.exists() and not out.is_dir():
        raise SummarizerError(code="ray.out_is_file", out=out)
    notes: list[str] = []
    ids: set[str] = set()
    if not out.exists():
        return notes, ids
    notes, ids = load_done(out / JSONL_NAME)
    import pyarrow.parquet as pq

    for path in sorted(out.glob("part-*.parquet")):
        try:
            ids.update(str(value) for value in pq.read_table(path, columns=["id"]).column("id").to_pylist())
        except Exception as error:  # a part we cannot read: its items run again, and we say so
            notes.append(message("ray.part_unreadable", path=path, kind=type(error).__name__))
    return notes, ids


class ResultWriter:
    """Appends result lines to OUT as JSONL, or collects them into Parquet parts."""

    def __init__(self, out: Path, fmt: str) -> None:
        try:
            out.mkdir(parents=True, exist_ok=True)
            fd = os.open(out / JSONL_NAME, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644) if fmt == "jsonl" else -1
            if fmt != "jsonl" and not os.access(out, os.W_OK):
                raise PermissionError(13, "Permission denied")
        except OSError as error:
            raise SummarizerError(code="batch.cannot_write_out", out=out, why=error.strerror or error) from None
        self.out, self.fmt = out, fmt
        self.rows: list[bytes] = []
        self.fd = fd
        self.part = 1 + max((int(p.stem.split("-")[1]) for p in out.glob("part-*.parquet")), default=0)

    def write(self, line: bytes) -> None:
        if self.fd >= 0:
            write_line(self.fd, line)
            return
        self.rows.append(line)
        if len(self.rows) >= PARQUET_ROWS:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        import json

        import pyarrow as pa
        import pyarrow.parquet as pq

        from summarizer.results import parquet_schema

        table = pa.Table.from_pylist([json.loads(line) for line in self.rows], schema=parquet_schema())
        final = self.out / f"part-{self.part:05d}.parquet"
        temporary = self.out / f".{final.name}.tmp"  # hidden, so never read as a part
        pq.write_table(table, temporary)
        os.replace(temporary, final)  # whole or not at all
        self.part += 1
        self.rows = []

    def close(self) -> None:
        self.flush()
        if self.fd >= 0:
            os.close(self.fd)


# --------------------------------------------------------------------------- Ray stages


def _shard_ids(row: dict[str, Any]) -> list[dict[str, Any]]:
    """Pass 1: the raw id of every item in one shard, with its position."""
    shard = pickle.loads(row["shard"])
    # valid_text: an id with a lone surrogate cannot go into Arrow, and it is written (and resumed) made valid.
    return [{"shard": row["index"], "pos": pos, "id": valid_text(item_key(item))}
            for pos, item in enumerate(read_shard(shard))]  # fmt: skip


def _shard_items(row: dict[str, Any]) -> list[dict[str, Any]]:
    """Pass 2: the items of one shard still to do (its row carries them: position → final id, note)."""
    todo: dict[int, tuple[str, str | None]] = pickle.loads(row["todo"])
    out = []
    for pos, item in enumerate(read_shard(pickle.loads(row["shard"]))):
        if pos not in todo:
            continue  # already in OUT
        new_id, note = todo[pos]
        if note is not None:
            rename(item, new_id, note)
        out.append({"item": pickle.dumps(item)})
    return out


class Summariser:
    """An actor: loads the engine once, then summarises one batch of items at a time."""

    def __init__(self, settings: Settings, registry: dict[str, str]) -> None:
        from summarizer import engines

        for name, import_path in registry.items():
            engines.register(name, import_path)  # the caller's own engines exist in the actor too
        self.settings = settings
        self.fatal: str | None = None
        try:
            engines.get(settings.engine)
        except Exception as error:
            self.fatal = str(error) if isinstance(error, FATAL) else f"{type(error).__name__}: {error}"

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        import numpy as np

        items = [pickle.loads(blob) for blob in batch["item"]]
        lines: list[bytes] = []
        statuses: list[str] = []
        if self.fatal is not None:
            said = text("engine.could_not_start", name=self.settings.engine, reason=self.fatal)
            statuses, lines = ["fatal"] * len(items), [valid_text(said).encode()] * len(items)
        else:
            try:  # unreadable items keep their place, between the summarised ones
                done = result_lines(items, self.settings)
            except FATAL as error:  # the unreadable items are still written, before the run stops
                fatal = ("fatal", valid_text(str(error)).encode())
                done = [("error", error_line(item.item_id or "?", item, None)) if isinstance(item, WireError)
                        else fatal for item in items]  # fmt: skip
            statuses = [status for status, _ in done]
            lines = [line for _, line in done]
        # Which actor, and its peak memory so far: the driver reports the peak per actor.
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
        return {"status": np.array(statuses, dtype=object), "line": np.array(lines, dtype=object),
                "actor": np.full(len(items), os.getpid()), "peak_kib": np.full(len(items), peak)}  # fmt: skip


# --------------------------------------------------------------------------- the job


def run_ray(
    source: str | os.PathLike[str],
    out: str | os.PathLike[str],
    settings: Settings,
    options: RayOptions | None = None,
    *,
    progress: Any = None,
) -> RayReport:
    """Summarise every item of `source` not yet in the folder `out`, on Ray Data.

    Uses the Ray this process is connected to, else starts one (``options.address``) and shuts it
    down after. Raises `SummarizerError` for set-up problems (bad INPUT, an engine that cannot start).

    >>> report = run_ray("arkiv/", "resultater/", Settings("extractive"), RayOptions(actors=2))  # doctest: +SKIP
    >>> report.tally.done, report.tally.failed  # doctest: +SKIP
    (9998, 2)
    """
    options = options or RayOptions()
    out = Path(out)
    report = RayReport()
    started = time.perf_counter()
    _check_not_input(source, out)
    report.notes, done = done_ids(out)
    # As the local batch does: the items that failed before leave results.jsonl and run again (Parquet parts are
    # written whole and stay as they are).
    retried = drop_failed(out / JSONL_NAME)
    done -= retried
    report.tally.retried = len(retried)
    if retried:
        report.notes.append(retrying(len(retried)))
    shards = plan_shards(source, exclude=[out, out / JSONL_NAME])
    writer = ResultWriter(out, options.fmt)  # before Ray starts: an unwritable OUT is one line, at once
    try:
        _run_job(shards, done, settings, options, report, writer, started, progress)
    finally:
        writer.close()
    report.seconds = time.perf_counter() - started
    return report


def _check_not_input(source: str | os.PathLike[str], out: Path) -> None:
    """Refuse an OUT that is the input, or whose results file is (``batch ud/results.jsonl --out ud --ray``)."""
    for path in (out, out / JSONL_NAME):
        with contextlib.suppress(OSError):
            if path.exists() and os.path.exists(source) and os.path.samefile(source, path):
                raise SummarizerError(code="ray.out_is_input", out=out, name=JSONL_NAME)


def _run_job(
    shards: list[Shard],
    done: set[str],
    settings: Settings,
    options: RayOptions,
    report: RayReport,
    writer: ResultWriter,
    started: float,
    progress: Any,
) -> None:
    with _ray_session(options) as ray_module:
        plan, report.total, report.tally.skipped = _plan(ray_module, shards, done)
        if progress is not None:
            progress.reset(total=report.total)
            progress.update(report.tally.skipped)
        dataset = _pipeline(ray_module, shards, plan, settings, options)
        batches = dataset.iter_batches(batch_size=None, batch_format="numpy") if dataset is not None else []
        first = True
        try:
            for batch in batches:
                if first:
                    report.startup_seconds = time.perf_counter() - started
                    first = False
                if len(batch["actor"]):
                    pid, peak = int(batch["actor"][0]), float(batch["peak_kib"].max()) / 1024
                    report.actor_peak_mib[pid] = max(peak, report.actor_peak_mib.get(pid, 0.0))
                for status, line in zip(batch["status"], batch["line"], strict=True):
                    if status == "fatal":
                        raise EngineStartError(line.decode())
                    writer.write(bytes(line))
                    if status == "ok":
                        report.tally.done += 1
                    else:
                        report.tally.failed += 1
                    if progress is not None:
                        progress.update(1)
        except KeyboardInterrupt:
            report.interrupted = True


@contextlib.contextmanager
def _ray_session(options: RayOptions) -> Iterator[Any]:
    """Ray, connected (or started) for the job and shut down after it when this call started it.

    While the job runs, SIGTERM is a KeyboardInterrupt as in the local batch (Ray's own handler would
    exit at once), so the results written stay whole and a Ray started here is shut down.
    """
    started_ray = _connect(options)
    import ray

    reaper = _start_reaper(ray) if started_ray else None
    previous = signal.signal(signal.SIGTERM, raise_interrupt) if _main_thread() else None
    try:
        yield ray
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        if started_ray:
            ray.shutdown()
        if reaper is not None:
            _stop_reaper(reaper)


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def _connect(options: RayOptions) -> bool:
    """Connect to (or start) Ray unless this process already is; True when this call did (and shuts it down)."""
    address = None if options.address in ("", "auto", "local") else options.address
    local = address is None and not os.environ.get("RAY_ADDRESS")
    with _loopback_only() if local else contextlib.nullcontext():
        import ray

        if ray.is_initialized():
            return False
        logging.getLogger("ray").setLevel(logging.WARNING)
        env = {"PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)}
        try:
            if local:
                ray.init(num_cpus=options.num_cpus or os.cpu_count(), include_dashboard=False, log_to_driver=False,
                         logging_level=logging.WARNING, runtime_env={"env_vars": env})  # fmt: skip
            else:
                # On a cluster the workers get this package shipped with the job; the engine's own
                # packages (torch, a model) must be installed on every node.
                ray.init(address=address, logging_level=logging.WARNING, log_to_driver=False,
                         runtime_env={"py_modules": [str(ROOT / "summarizer")]})  # fmt: skip
        except BaseException as error:
            # Ctrl-C or a failure halfway through starting: what did start must not outlive us.
            with contextlib.suppress(Exception):
                ray.shutdown()
            if isinstance(error, Exception):
                where = address or os.environ.get("RAY_ADDRESS") or text("ray.local")
                said = " ".join(str(error).split())[:300]
                raise SummarizerError(code="ray.cannot_start", where=where, kind=type(error).__name__,
                                      message=said) from None  # fmt: skip
            raise
    return True


#: Watches the processes of a local Ray and their children (pid and start time, so a reused pid is never
#: taken for one of them) until its standard input closes: when the driver ends, however it ends (even
#: SIGKILL, which runs no cleanup), it kills what is left. Ray's agents otherwise outlive a killed driver.
_REAPER = r"""
import os, select, signal, sys
signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group; this must outlive it
roots = {int(pid) for pid in sys.argv[1:]}
known = {}

def table():
    procs = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            procs[int(name)] = (int(fields[1]), fields[19])  # parent, start time
    return procs

def note(procs):
    for pid in roots:
        if pid in procs:
            known.setdefault(pid, procs[pid][1])
    grown = True
    while grown:
        grown = False
        for pid, (parent, start) in procs.items():
            if parent in known and pid not in known and pid != os.getpid():
                known[pid] = start
                grown = True

while True:
    note(table())
    ready, _, _ = select.select([sys.stdin], [], [], 0.5)
    if ready and not os.read(sys.stdin.fileno(), 64):
        break
procs = table()
for pid, start in known.items():
    if pid in procs and procs[pid][1] == start:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
"""


def _start_reaper(ray: Any) -> Any:
    """The `_REAPER` for the local Ray just started (Linux; elsewhere None, and Ray's own clean-up is all)."""
    if not os.path.exists("/proc/self/stat"):
        return None
    try:  # a private attribute: without it there is no reaper, and the normal shutdown still happens
        node = ray._private.worker._global_node
        pids = [str(info.process.pid) for infos in node.all_processes.values() for info in infos]
        import subprocess

        return subprocess.Popen([sys.executable, "-c", _REAPER, *pids], stdin=subprocess.PIPE,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    except Exception:
        return None


def _stop_reaper(reaper: Any) -> None:
    """Ray is shut down: the reaper takes what is left, if anything, and ends."""
    with contextlib.suppress(Exception):
        reaper.stdin.close()
        reaper.wait(timeout=10)


#: Ray reads this when it is imported: off, a node's address is 127.0.0.1 (as Ray does on macOS and
#: Windows), and Ray's servers then listen on the loopback only, not on every interface.
_CLUSTER_SWITCH = "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"


@contextlib.contextmanager
def _loopback_only() -> Iterator[None]:
    """A local Ray started inside this block listens on 127.0.0.1 only: nothing on the network can reach it.

    The environment variable covers a Ray not yet imported (and the processes Ray starts); the constant
    covers one imported before. Both are put back after, for a later connection to a real cluster.
    """
    before = os.environ.get(_CLUSTER_SWITCH)
    os.environ[_CLUSTER_SWITCH] = "0"
    constants: Any = None
    with contextlib.suppress(Exception):  # a private module: if a Ray release moves it, the variable still works
        import ray._private.ray_constants as constants
    previous = getattr(constants, "ENABLE_RAY_CLUSTER", None)
    if constants is not None and previous is not None:
        constants.ENABLE_RAY_CLUSTER = False
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(_CLUSTER_SWITCH, None)
        else:
            os.environ[_CLUSTER_SWITCH] = before
        if constants is not None and previous is not None:
            constants.ENABLE_RAY_CLUSTER = previous


def _data_context(ray: Any) -> None:
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True  # results in input order, as the local batch writes them
    # Small blocks (tens of items): a shard's items then reach every actor, not just one.
    context.target_max_block_size = 64 * 1024
    context.enable_progress_bars = False  # the driver shows one bar of its own
    context.print_on_execution_start = False
    logging.getLogger("ray.data").setLevel(logging.WARNING)


def _shard_rows(shards: list[Shard]) -> list[dict[str, Any]]:
    return [{"index": index, "shard": pickle.dumps(shard)} for index, shard in enumerate(shards)]


Plan = dict[int, dict[int, tuple[str, str | None]]]  # shard → position → (final id, rename warning)


def _plan(ray: Any, shards: list[Shard], done: set[str]) -> tuple[Plan, int, int]:
    """Pass 1: every item's final id, in input order → what each shard still has to do, the total, the skipped."""
    import ray.data  # noqa: F401 (registers ray.data on the module)

    _data_context(ray)
    plan: Plan = {}
    total = skipped = 0
    if not shards:
        return plan, total, skipped
    ids = ray.data.from_items(_shard_rows(shards), override_num_blocks=len(shards)).flat_map(_shard_ids)
    unique = UniqueIds()
    for batch in ids.iter_batches(batch_size=None, batch_format="numpy"):
        for shard, pos, raw in zip(batch["shard"], batch["pos"], batch["id"], strict=True):
            total += 1
            new_id, note = unique.rename(str(raw))  # raw: made valid already (_shard_ids), as it is written
            if new_id in done:
                skipped += 1
                continue
            plan.setdefault(int(shard), {})[int(pos)] = (new_id, note)
    return plan, total, skipped


def _pipeline(ray: Any, shards: list[Shard], plan: Plan, settings: Settings, options: RayOptions) -> Any:
    """Pass 2: read the items still to do in parallel, summarise them on `options.actors` actors."""
    from summarizer import engines

    todo = [{**row, "todo": pickle.dumps(plan[row["index"]])} for row in _shard_rows(shards) if row["index"] in plan]
    if not todo:
        return None
    name, _ = engines.split_spec(settings.engine)
    registry = {name: engines.import_path(name)}
    # Reading asks for no CPU of its own: the actors may hold every CPU (2 actors on 2 cores), and
    # reading that waits for a free CPU would then never feed them.
    items = ray.data.from_items(todo, override_num_blocks=len(todo)).flat_map(_shard_items, num_cpus=0)
    return items.map_batches(
        Summariser,
        fn_constructor_kwargs={"settings": settings, "registry": registry},
        compute=ray.data.ActorPoolStrategy(size=options.actors),
        batch_size=options.batch_size,
        num_cpus=options.cpus_per_actor,
        num_gpus=options.gpus_per_actor or None,
        batch_format="numpy",
    )
