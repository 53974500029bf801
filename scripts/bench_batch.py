"""Figures for `python -m summarizer batch`: throughput, peak memory as the input grows, kill-and-resume.

    .venv/bin/python scripts/bench_batch.py                      # everything below, with defaults
    .venv/bin/python scripts/bench_batch.py --sizes 2500 10000 --workers 1 2 --kills 20 --kill-items 4000

Input is generated from the project's own samples (data/samples): each generated article is a
sample's body with its paragraphs rotated and its numbers shifted, so no two are alike. It is
written as DaNewsroom JSONL in a temporary folder. Memory is the peak of the summed RSS of the
batch process and its workers, sampled every 20 ms with psutil, and /usr/bin/time's max RSS of
the main process. Every figure printed is measured in this run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import psutil

from summarizer.article import Article
from summarizer.wire import iter_articles

ROOT = Path(__file__).resolve().parent.parent

PYTHON = sys.executable


def generate(n: int, path: Path, *, seed: int = 0) -> None:
    """Write `n` distinct DaNewsroom-style records built from data/samples."""
    samples = [item for item in iter_articles(ROOT / "data/samples") if isinstance(item, Article)]
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(n):
            base = samples[i % len(samples)]
            paras = base.body.split("\n\n")
            shift = rng.randrange(len(paras))
            paras = paras[shift:] + paras[:shift]
            bump = 1 + i // len(samples)
            body = re.sub(r"\d+", lambda m, b=bump: str(int(m.group()) + b), "\n\n".join(paras))
            record = {"id": f"bench-{i:06d}", "title": base.headline or "", "summary": base.lead or "", "text": body}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def run_batch(source: Path, out: Path, workers: int, engine: str = "extractive") -> dict:
    """One batch run as a subprocess; wall time, closing line, peak RSS of the process tree."""
    command = ["/usr/bin/time", "-v", PYTHON, "-m", "summarizer", "batch", str(source), "--out", str(out),
               "--engine", engine, "--workers", str(workers), "--quiet"]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    root = psutil.Process(process.pid)
    peak = 0
    while process.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            rss = 0
            for proc in tree:
                try:
                    if proc.pid == process.pid:
                        continue  # /usr/bin/time itself: not the batch
                    rss += proc.memory_info().rss
                except psutil.NoSuchProcess:
                    pass
            peak = max(peak, rss)
        except psutil.NoSuchProcess:
            pass
        time.sleep(0.02)
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    max_rss_kb = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr)
    # CPU seconds of the batch and its (reaped) workers: a figure a busy shared machine disturbs less.
    cpu = sum(float(m) for m in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", stderr))
    lines = _count_lines(out)
    return {
        "seconds": seconds,
        "rc": process.returncode,
        "closing": stdout.strip().splitlines()[-1] if stdout.strip() else stderr.strip()[-300:],
        "tree_peak_mib": peak / 2**20,
        "main_maxrss_mib": int(max_rss_kb.group(1)) / 1024 if max_rss_kb else float("nan"),
        "lines": lines,
        "cpu_seconds": cpu,
    }


def throughput(sizes: list[int], workers_list: list[int], tmp: Path) -> None:
    print("\n== throughput and peak memory: batch --engine extractive, DaNewsroom JSONL input ==")
    print(f"{'items':>7} {'workers':>7} {'wall s':>8} {'items/s':>8} {'CPU s':>7} {'items/CPU-s':>11}"
          f" {'tree peak MiB':>14} {'main maxrss MiB':>16}  rc  load")
    for n in sizes:
        source = tmp / f"gen-{n}.jsonl"
        generate(n, source)
        for workers in workers_list:
            out = tmp / f"out-{n}-{workers}.jsonl"
            out.unlink(missing_ok=True)
            result = run_batch(source, out, workers)
            assert result["lines"] == n, f"expected {n} lines, got {result['lines']}"
            print(f"{n:>7} {workers:>7} {result['seconds']:>8.1f} {n / result['seconds']:>8.1f}"
                  f" {result['cpu_seconds']:>7.1f} {n / max(result['cpu_seconds'], 1e-9):>11.1f}"
                  f" {result['tree_peak_mib']:>14.1f} {result['main_maxrss_mib']:>16.1f}  {result['rc']:>2}"
                  f"  {os.getloadavg()[0]:.1f}")
            print(f"        closing line: {result['closing']}")


def kill_and_resume(n: int, kills: int, tmp: Path, seed: int = 1) -> bool:
    """SIGKILL the batch `kills` times at random points, resume each time; every id exactly once at the end."""
    print(f"\n== fault test: {n} items, SIGKILL of the batch process {kills} times at random points, then resume ==")
    rng = random.Random(seed)
    source = tmp / f"kill-{n}.jsonl"
    generate(n, source, seed=seed)
    out = tmp / "kill-out.jsonl"
    out.unlink(missing_ok=True)
    done_kills = 0
    orphans = 0
    runs = 0
    while True:
        runs += 1
        workers = 1 + runs % 2  # alternate 2 and 1 workers
        command = [PYTHON, "-m", "summarizer", "batch", str(source), "--out", str(out), "--engine", "extractive",
                   "--workers", str(workers), "--quiet"]
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if done_kills >= kills:
            process.wait()
            break
        lines_before = _count_lines(out)
        # A random moment of the run: one kill in four during start-up and resume (reading the
        # output, repairing it), the others at a random time once this run has begun writing.
        in_startup = rng.random() < 0.25
        if not in_startup:
            while process.poll() is None and _count_lines(out) == lines_before:
                time.sleep(0.001)
        deadline = time.perf_counter() + rng.uniform(0.0, 1.0 if in_startup else 0.8)
        while process.poll() is None and time.perf_counter() < deadline:
            time.sleep(0.001)
        if process.poll() is not None:
            stderr = process.stderr.read().decode(errors="replace").strip() if process.stderr else ""
            print(f"  run {runs}: ended (exit {process.returncode}) before the kill point {stderr[-400:]}")
            if process.returncode in (0, 1):
                break
            continue
        children = psutil.Process(process.pid).children(recursive=True)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        done_kills += 1
        gone, alive = psutil.wait_procs(children, timeout=5)
        orphans += len(alive)
        for proc in alive:
            proc.kill()
        torn = not out.read_bytes().endswith(b"\n") if out.exists() and out.stat().st_size else False
        phase = "start-up" if in_startup else "running "
        added = _count_lines(out) - lines_before
        print(f"  kill {done_kills:>2} (workers {workers}, {phase}): {added:>+5} lines this run,"
              f" {_count_lines(out):>5} in all{', last line torn' if torn else ''}")
    lines = out.read_text(encoding="utf-8").splitlines() if out.exists() else []
    counts = Counter(json.loads(line)["id"] for line in lines)
    expected = {f"bench-{i:06d}" for i in range(n)}
    duplicates = [key for key, count in counts.items() if count > 1]
    missing = expected - set(counts)
    extra = set(counts) - expected
    ok = not duplicates and not missing and not extra
    print(f"  result after {done_kills} kills and {runs} runs: {len(counts)} distinct ids"
          f" in {sum(counts.values())} lines;"
          f" missing {len(missing)}, duplicated {len(duplicates)}, unexpected {len(extra)};"
          f" orphaned workers left after a kill: {orphans}")
    print(f"  every item exactly once: {'YES' if ok else 'NO'}")
    return ok


def _count_lines(path: Path) -> int:
    if not path.exists():
        return 0
    with open(path, "rb") as handle:
        return handle.read().count(b"\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2500, 10000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--kill-items", type=int, default=4000)
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--skip-kills", action="store_true")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, load average {os.getloadavg()[0]:.2f}"
          " (other jobs share these CPUs: wall-clock figures vary with the load; CPU seconds less so)")
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as folder:
        tmp = Path(folder)
        if not args.skip_throughput:
            throughput(args.sizes, args.workers, tmp)
        if not args.skip_kills and not kill_and_resume(args.kill_items, args.kills, tmp):
            return 1
    return 0


if __name__ == "__main__":
    from scripts import benchdoc

    sys.exit(benchdoc.run(main, "batch", "Local batch: throughput, memory, kill and resume"))
