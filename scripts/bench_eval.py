"""The evaluation tables for docs/benchmarks.md: `python -m eval` on the DaNewsroom dev set, in a fresh folder.

    .venv/bin/python -m scripts.bench_eval [--data ../shared/data/danewsroom-dev.jsonl] [--engines lead,extractive]

Prints the runner's own results.md (ROUGE with 95% intervals, Unicode and ASCII tokens, paired
bootstrap against `lead`, lengths and fact flags). The extractive engine's parameters were fitted on
this same dev set, so its rows are in-sample; its cross-validated figures are in the "core" section.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "danewsroom-dev.jsonl"))
    parser.add_argument("--engines", default="lead,extractive")
    args = parser.parse_args()
    if not Path(args.data).exists():
        print(f"error: {args.data} not found (the shared DaNewsroom dev set)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-eval-") as out:
        command = [sys.executable, "-m", "eval", "--data", args.data, "--engines", args.engines, "--out", out]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        if done.returncode != 0:
            print(done.stderr.strip(), file=sys.stderr)
            return done.returncode
        print(f"`python -m eval --data {Path(args.data).name} --engines {args.engines}`; the extractive rows are "
              "IN-SAMPLE (its parameters were fitted on this set).\n")
        print(Path(out, "results.md").read_text(encoding="utf-8").strip())
    return 0


if __name__ == "__main__":
    from scripts import benchdoc

    sys.exit(benchdoc.run(main, "eval", "Evaluation tables: `python -m eval` on DaNewsroom dev", raw=True))
