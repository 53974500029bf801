"""`python -m summarizer batch --ray`: the local batch's results on Ray Data, resumable, nothing lost."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

ray = pytest.importorskip("ray")
pytestmark = pytest.mark.timeout(240)  # a stalled Ray job fails here, not after the suite's 10 minutes

from summarizer import engines  # noqa: E402
from summarizer.batch import Settings  # noqa: E402
from summarizer.batch import main as batch_main  # noqa: E402
from summarizer.batch.ray import RayOptions, run_ray  # noqa: E402
from summarizer.results import RESULT_FIELDS  # noqa: E402
from tests.test_batch import STORY, records, write_feed  # noqa: E402

ROOT = Path(__file__).parent.parent
SAMPLES = ROOT / "data/samples"
LINUX = Path("/proc/self/stat").exists()


@pytest.fixture(scope="module", autouse=True)
def ray_session():
    """One local Ray for the module: starting one costs seconds."""
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
             runtime_env={"env_vars": {"PYTHONPATH": str(ROOT)}})  # fmt: skip
    yield
    ray.shutdown()


@pytest.fixture(autouse=True)
def test_engines():
    engines.register("boom", "tests.test_batch:BoomEngine")
    engines.register("broken", "tests.test_batch:BrokenEngine")
    yield
    engines.unregister("boom")
    engines.unregister("broken")


def by_id(lines: list[dict]) -> dict[str, dict]:
    out = {}
    for line in lines:
        line = dict(line)
        line.pop("seconds")  # the only field that is timing, not content
        out[line["id"]] = line
    return out


def mixed_input(folder: Path) -> Path:
    """Wire files, a feed with a duplicate id and a malformed row, and a Parquet archive."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir()
    (folder / "havn.txt").write_text(STORY, encoding="utf-8")
    (folder / "ulv.xml").write_bytes((SAMPLES / "ritzau-xml/storm-vestkysten.xml").read_bytes())
    write_feed(folder / "feed.jsonl", 30, extra=[{"id": "rb-0003", "title": "Igen", "text": STORY}])
    with open(folder / "feed.jsonl", "a", encoding="utf-8") as handle:
        handle.write('{"id": "rb-halv", "text": "Her slutter linjen\n')
    texts = [STORY.replace("Hirtshals", by) for by in ("Skagen", "Frederikshavn", "Grenå", "Ærøskøbing")]
    pq.write_table(pa.table({"id": [f"pq-{n}" for n in range(4)], "title": ["Havn udvides"] * 4, "text": texts}),
                   folder / "arkiv.parquet", row_group_size=2)  # fmt: skip
    return folder


def test_ray_gives_the_local_batchs_results_item_for_item(tmp_path: Path) -> None:
    source = mixed_input(tmp_path / "ind")
    local = tmp_path / "local.jsonl"
    assert batch_main([str(source), "--out", str(local), "--engine", "extractive", "--quiet"]) == 1
    report = run_ray(source, tmp_path / "ray", Settings("extractive"), RayOptions(actors=2, batch_size=4))
    ray_lines = records(tmp_path / "ray/results.jsonl")
    assert by_id(ray_lines) == by_id(records(local))
    assert len(ray_lines) == 38 and (report.tally.done, report.tally.failed) == (37, 1)
    assert [list(line) for line in ray_lines] == [list(RESULT_FIELDS)] * 38
    twice = by_id(ray_lines)["rb-0003#2"]
    assert "rb-0003 findes mere end én gang" in " ".join(twice["warnings"])
    bad = by_id(ray_lines)["feed.jsonl:32"]
    assert bad["status"] == "error" and bad["source"] == "feed.jsonl:32" and "ikke et JSON-objekt" in bad["error"]
    assert by_id(ray_lines)["pq-3"]["source"] == "arkiv.parquet:4"


def test_a_crashing_item_is_a_result_with_its_error_and_the_rest_are_done(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    bad = {"id": "rb-boom", "title": "Eksplosion", "text": "Et brag lød kl. 13.11 over Aalborg. Det sagde BOOM."}
    ids = write_feed(feed, 20, extra=[bad])
    run_ray(feed, tmp_path / "ud", Settings("boom"), RayOptions(actors=1, batch_size=8))
    lines = by_id(records(tmp_path / "ud/results.jsonl"))
    assert sorted(lines) == sorted(ids)
    assert lines["rb-boom"]["error"] == "intern fejl: RuntimeError: motoren gik i stykker"
    assert all(line["status"] == "ok" for key, line in lines.items() if key != "rb-boom")
    # Run again with the engine mended: the failed item is tried again, and every id is in the file once, ok.
    again = run_ray(feed, tmp_path / "ud", Settings("lead"), RayOptions(actors=1, batch_size=8))
    assert (again.tally.done, again.tally.skipped, again.tally.retried) == (1, 20, 1)
    assert any("1 artikel, der fejlede i en tidligere kørsel, prøves igen" in note for note in again.notes)
    lines = records(tmp_path / "ud/results.jsonl")
    assert sorted(line["id"] for line in lines) == sorted(ids) and {line["status"] for line in lines} == {"ok"}


def test_parquet_results_resume_with_only_the_new_items(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    feed, out = tmp_path / "feed.jsonl", tmp_path / "ud"
    write_feed(feed, 40)
    first = run_ray(feed, out, Settings("lead"), RayOptions(fmt="parquet"))
    ids = write_feed(feed, 60)  # the archive grew: 20 new items
    second = run_ray(feed, out, Settings("lead"), RayOptions(fmt="parquet"))
    assert (first.tally.done, second.tally.done, second.tally.skipped) == (40, 20, 40)
    table = pq.read_table(out)
    assert table.column_names == list(RESULT_FIELDS)
    assert sorted(table.column("id").to_pylist()) == ids
    assert {row["status"] for row in table.to_pylist()} == {"ok"}


def test_an_engine_that_cannot_start_stops_the_run_with_one_line(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    write_feed(feed, 5)
    with pytest.raises(Exception, match="kunne ikke starte"):
        run_ray(feed, tmp_path / "ud", Settings("broken"), RayOptions())
    assert not (tmp_path / "ud/results.jsonl").exists() or records(tmp_path / "ud/results.jsonl") == []


def test_killed_mid_run_and_started_again_every_id_ends_up_exactly_once(tmp_path: Path) -> None:
    feed, out = tmp_path / "feed.jsonl", tmp_path / "ud"
    ids = write_feed(feed, 3000)
    command = [sys.executable, "-m", "summarizer", "batch", str(feed), "--out", str(out), "--ray", "--engine",
               "lead", "--batch-size", "8", "--quiet"]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    results = out / "results.jsonl"
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        if results.exists() and results.read_bytes().count(b"\n") >= 50:
            break
        time.sleep(0.01)
    assert process.poll() is None, "the run finished before it could be killed"
    ray_processes = descendants(process.pid)  # the local Ray it started, agents and actors included
    process.send_signal(signal.SIGKILL)
    process.communicate()
    if LINUX:  # none outlives the driver, though SIGKILL runs no clean-up in it
        assert len(ray_processes) >= 3 and still_running(ray_processes, wait=20) == []
    written = results.read_bytes().count(b"\n")
    assert 50 <= written < 3000
    again = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert f"sprunget over (findes allerede i {out})" in again.stdout
    counts = Counter(line["id"] for line in records(results))
    assert sorted(counts) == ids and set(counts.values()) == {1}


def _processes() -> dict[int, tuple[int, str, str]]:
    """pid → (parent, start time, state), from Linux's /proc (empty elsewhere)."""
    found = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        found[int(entry.name)] = (int(fields[1]), fields[19], fields[0])
    return found


def descendants(root: int) -> dict[int, str]:
    """Every process under `root`: pid → start time (so a reused pid is not taken for one of them)."""
    procs, found, todo = _processes(), {}, [root]
    while todo:
        parent = todo.pop()
        for pid, (ppid, start, _) in procs.items():
            if ppid == parent and pid not in found:
                found[pid] = start
                todo.append(pid)
    return found


def still_running(processes: dict[int, str], wait: float) -> list[int]:
    deadline = time.monotonic() + wait
    while True:
        procs = _processes()
        alive = [pid for pid, start in processes.items() if pid in procs and procs[pid][1] == start
                 and procs[pid][2] != "Z"]  # fmt: skip
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.2)


def test_bad_ray_arguments_exit_2_with_one_line(tmp_path: Path, capsys) -> None:
    out = tmp_path / "ud"
    with pytest.raises(SystemExit) as stopped:
        batch_main([str(SAMPLES), "--out", str(out), "--ray", "--actors", "0", "--quiet"])
    assert stopped.value.code == 2
    (tmp_path / "fil.jsonl").write_text("", encoding="utf-8")
    assert batch_main([str(SAMPLES), "--out", str(tmp_path / "fil.jsonl"), "--ray", "--engine", "lead",
                       "--quiet"]) == 2  # fmt: skip
    err = capsys.readouterr().err.strip().splitlines()
    assert "mindst 1" in err[0] and err[-1].startswith("fejl:") and "mappe" in err[-1]


def test_import_summarizer_and_the_local_batch_never_import_ray() -> None:
    code = "import sys, summarizer, summarizer.batch; print('ray' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True).stdout == "False\n"


def test_a_lone_surrogate_on_ray_is_one_items_warning_and_resume_skips_it(tmp_path: Path) -> None:
    from tests.test_hardening_batch import poisoned_feed

    feed, out = tmp_path / "feed.jsonl", tmp_path / "ud"
    ids = poisoned_feed(feed)  # a lone surrogate in a text, an id and a headline, among good items
    report = run_ray(feed, out, Settings("lead"), RayOptions(batch_size=4))
    lines = by_id(records(out / "results.jsonl"))
    assert sorted(lines) == sorted(ids) and (report.tally.done, report.tally.failed) == (9, 0)
    assert "ugyldigt tegn i tekst" in lines["s1"]["warnings"][0] and "\ufffd" in lines["s1"]["summary"]
    again = run_ray(feed, out, Settings("lead"), RayOptions(batch_size=4))
    assert (again.tally.done, again.tally.skipped) == (0, 9)


#: Runs in a process of its own (no Ray yet): a local Ray for a normal run, a failing engine and a Ctrl-C,
#: noting the Ray processes started under it and the addresses they listen on while each job runs.
RAY_LIFECYCLE = r"""
import json, os, sys
from pathlib import Path
from summarizer import engines
from summarizer.batch import Settings
from summarizer.errors import SummarizerError
from summarizer.batch.ray import RayOptions, run_ray

engines.register("broken", "tests.test_batch:BrokenEngine")

def table():
    out = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            out[int(entry.name)] = (int(fields[1]), fields[19], fields[0])  # parent, start time, state
    return out

def descendants():
    procs, found, todo = table(), {}, [os.getpid()]
    while todo:
        parent = todo.pop()
        for pid, (ppid, start, _) in procs.items():
            if ppid == parent and pid not in found:
                found[pid] = start
                todo.append(pid)
    return found

def listening(pids):
    inodes = set()
    for pid in pids:
        try:
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                target = os.readlink(fd)
                if target.startswith("socket:["):
                    inodes.add(target[8:-1])
        except OSError:
            pass
    found = set()
    for name in ("tcp", "tcp6"):
        for line in Path(f"/proc/net/{name}").read_text().splitlines()[1:]:
            parts = line.split()
            if parts[3] == "0A" and parts[9] in inodes:  # 0A: LISTEN
                found.add(parts[1].split(":")[0])
    return sorted(found)

seen, addresses = {}, set()

class Spy:
    def __init__(self, stop=False):
        self.stop = stop
    def reset(self, total=None):
        seen.update(descendants())
        if self.stop:
            raise KeyboardInterrupt  # what Ctrl-C raises in the main thread
    def update(self, n=1):
        processes = descendants()
        seen.update(processes)
        addresses.update(listening(processes))

def left():
    import time
    for _ in range(100):
        procs = table()
        alive = [pid for pid, start in seen.items() if pid in procs and procs[pid][1] == start and procs[pid][2] != "Z"]
        if not alive:
            return []
        time.sleep(0.2)
    return alive

feed, out = Path(sys.argv[1]), Path(sys.argv[2])
result = {}
run_ray(feed, out / "normal", Settings("lead"), RayOptions(num_cpus=1), progress=Spy())
result["normal"] = left()
try:
    run_ray(feed, out / "error", Settings("broken"), RayOptions(num_cpus=1), progress=Spy())
except SummarizerError as error:
    result["error_message"] = str(error)
result["error"] = left()
try:
    run_ray(feed, out / "ctrl-c", Settings("lead"), RayOptions(num_cpus=1), progress=Spy(stop=True))
except KeyboardInterrupt:
    result["interrupted"] = True
result["ctrl-c"] = left()
import ray
result["initialized"] = ray.is_initialized()
result["processes"] = len(seen)
result["listening"] = sorted(addresses)
print(json.dumps(result))
"""

LOOPBACK = {"0100007F", "00000000000000000000000001000000", "0000000000000000FFFF00000100007F"}


@pytest.mark.skipif(not LINUX, reason="reads Linux's /proc")
def test_a_local_ray_listens_on_loopback_only_and_is_shut_down_after_a_normal_end_an_error_and_ctrl_c(
    tmp_path: Path,
) -> None:
    import json
    import os

    feed = tmp_path / "feed.jsonl"
    write_feed(feed, 6)
    env = {key: value for key, value in os.environ.items() if key != "RAY_ADDRESS"}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run([sys.executable, "-c", RAY_LIFECYCLE, str(feed), str(tmp_path / "ud")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=200)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["processes"] >= 3  # gcs, raylet, a worker: the spy did see the local Ray
    assert result["listening"] and set(result["listening"]) <= LOOPBACK, result["listening"]
    assert result["normal"] == [] and result["error"] == [] and result["ctrl-c"] == []
    assert "kunne ikke starte" in result["error_message"] and result["interrupted"] and not result["initialized"]
    assert len(records(tmp_path / "ud/normal/results.jsonl")) == 6
