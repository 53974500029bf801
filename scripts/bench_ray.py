"""Figures for `python -m summarizer batch --ray`: items per second, local batch vs Ray, side by side.

    .venv/bin/python scripts/bench_ray.py                        # 10,000 extractive items, 300 seq2seq items
    .venv/bin/python scripts/bench_ray.py --items 2000 --seq2seq-items 100

In one run, on the same generated input (scripts/bench_batch.py's generator: sample bodies rotated
and renumbered, DaNewsroom JSONL):

- the local batch (`python -m summarizer batch`, 1 process, then `--workers 2`) as a subprocess;
- Ray Data with 1 and 2 actors, through `summarizer.batch.ray.run_ray` in a Ray started here once
  (``ray.init`` time shown on its own): whole-job rate; start-up overhead, measured as the wall time
  of the same job on one item (plan, actors starting and loading the engine, one result); the rate
  after it, (items) / (wall − start-up); and each actor's peak RSS;
- the same for the seq2seq engine on a tiny mT5 checkpoint the script trains itself (tests/tiny_mt5.py;
  no real checkpoint can be downloaded here, so its rate says what the overhead is, not DanSumT5's speed).

Every figure printed is measured in this run; each run writes to a fresh output folder.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scripts.bench_batch import generate

ROOT = Path(__file__).resolve().parent.parent

PYTHON = sys.executable


def local(source: Path, out: Path, engine: str, workers: int) -> dict:
    command = [PYTHON, "-m", "summarizer", "batch", str(source), "--out", str(out), "--engine", engine,
               "--workers", str(workers), "--quiet"]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    closing = done.stdout.strip().splitlines()[-1]
    rate = float(re.search(r"\(([\d,]+) artikler/s", closing).group(1).replace(",", "."))  # Danish decimal comma
    return {"how": f"local, {workers} process" + ("es" if workers > 1 else ""), "wall": wall, "rate": rate,
            "note": "rate after the engine loaded (the batch's own figure)"}  # fmt: skip


def on_ray(source: Path, out: Path, engine: str, actors: int, batch_size: int) -> dict:
    from summarizer.batch import Settings
    from summarizer.batch.ray import RayOptions, run_ray

    options = RayOptions(actors=actors, batch_size=batch_size)
    # Start-up overhead: the same job on one item (plan, actors starting and loading the engine, one result).
    one = out.parent / f"{out.name}-one.jsonl"
    with open(source, encoding="utf-8") as handle:
        one.write_text(handle.readline(), encoding="utf-8")
    startup = run_ray(one, out.parent / f"{out.name}-one", Settings(engine), options).seconds
    report = run_ray(source, out, Settings(engine), options)
    done = report.tally.done + report.tally.failed
    steady = report.seconds - startup
    return {
        "how": f"Ray, {actors} actor" + ("s" if actors > 1 else ""),
        "wall": report.seconds,
        "rate": done / report.seconds,
        "startup": startup,
        "steady": done / steady if steady > 0 else float("nan"),
        "peaks": sorted(report.actor_peak_mib.values()),
        "failed": report.tally.failed,
    }


def write_rates(results: Path, work: Path) -> str:
    """How many result lines a second the driver writes into OUT (the limit for many actors)."""
    from summarizer.batch.ray import ResultWriter

    lines = results.read_bytes().splitlines(keepends=True)
    rates = []
    for fmt in ("jsonl", "parquet"):
        writer = ResultWriter(work / f"write-{fmt}", fmt)
        started = time.perf_counter()
        for line in lines:
            writer.write(line)
        writer.close()
        rates.append(f"{fmt} {len(lines) / (time.perf_counter() - started):,.0f} lines/s")
    return f"\ndriver writing {len(lines):,} result lines into OUT: " + ", ".join(rates)


def table(title: str, rows: list[dict], n: int, markdown: bool) -> None:
    print(f"\n{title} ({n:,} items)".replace(",", "."))
    if markdown:
        print("\n| run | wall s | items/s (whole job) | start-up s | items/s after start-up | peak RSS/actor (MiB) |")
        print("| --- | ---: | ---: | ---: | ---: | --- |")
    for row in rows:
        peaks = ", ".join(f"{p:.0f}" for p in row.get("peaks", [])) or "–"
        startup = f"{row['startup']:.1f}" if "startup" in row else "–"
        steady = f"{row['steady']:.1f}" if "steady" in row else f"{row['rate']:.1f}"
        whole = n / row["wall"]
        if markdown:
            print(f"| {row['how']} | {row['wall']:.1f} | {whole:.1f} | {startup} | {steady} | {peaks} |")
        else:
            print(f"  {row['how']:<20} wall {row['wall']:7.1f} s  {whole:7.1f} items/s whole job"
                  f"  start-up {startup:>5} s  {steady:>7} items/s after  peak MiB/actor {peaks}")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--seq2seq-items", type=int, default=300)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    args = parser.parse_args()

    import ray

    work = Path(tempfile.mkdtemp(prefix="bench-ray-"))
    source = work / "feed.jsonl"
    generate(args.items, source)
    started = time.perf_counter()
    ray.init(num_cpus=os.cpu_count(), include_dashboard=False, log_to_driver=False,
             runtime_env={"env_vars": {"PYTHONPATH": str(ROOT)}})  # fmt: skip
    init_seconds = time.perf_counter() - started
    print(f"machine: {os.cpu_count()} cores; ray.init (local) took {init_seconds:.1f} s; Ray {ray.__version__}")

    rows = [local(source, work / f"local-{n}.jsonl", "extractive", n) for n in (1, 2)]
    rows += [on_ray(source, work / f"ray-{n}", "extractive", n, args.batch_size) for n in (1, 2)]
    table("extractive", rows, args.items, args.markdown)
    print(write_rates(work / "ray-2" / "results.jsonl", work))

    if args.seq2seq_items:
        from tests import tiny_mt5

        model = tiny_mt5.build(work / "tiny-mt5")
        small = work / "small.jsonl"
        generate(args.seq2seq_items, small, seed=1)
        engine = f"seq2seq:{model}@transformers"
        rows = [local(small, work / f"s2s-local-{n}.jsonl", engine, n) for n in (1, 2)]
        rows += [on_ray(small, work / f"s2s-ray-{n}", engine, n, 8) for n in (1, 2)]
        table("seq2seq on a tiny mT5 built here (transformers backend)", rows, args.seq2seq_items,
              args.markdown)  # fmt: skip
    ray.shutdown()
    return 0


if __name__ == "__main__":
    from scripts import benchdoc

    sys.exit(benchdoc.run(main, "ray", "Ray Data batch against the local batch", script_reads_markdown=True))
