"""The generative engine's two backends side by side: llama.cpp (the GGUF as it is, the adapter as a GGUF
LoRA, candidates decoded in one batch) against transformers (the float32 copy, the adapter merged).

    .venv/bin/python -m scripts.bench_generative_backends --limit 252 --cold   # all held-out articles

The same shipped model and the same held-out articles as scripts/bench_generative.py (split_holdout
--holdout 252 --seed 0; the model never saw them), both through the full `summarise_many` path. Printed:
ROUGE against the real lead and title for each backend (and extractive on the same articles), the paired
bootstrap llama.cpp − transformers (the backends should not differ in quality) and llama.cpp − extractive
with the issue's quality targets, how often they agree on the top headline, the share of headlines
with a fact flag, and speed in fresh processes: summary + 5 headlines of the ~400-word article (median of
5 after load), the load time (warm cache and, with --cold, the very first start), peak memory. The issue's
targets: ≤ 3 s per article after load, ≤ 15 s to load.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from scripts import bench_generative as bg
from scripts import fit_extractive as fx
from summarizer.engines.generative import SHIPPED

BACKENDS = ("transformers", "llama.cpp")
SPEED_TARGET_S, LOAD_TARGET_S = 3.0, 15.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=fx.DEV)
    ap.add_argument("--model", type=Path, default=SHIPPED)
    ap.add_argument("--holdout", type=int, default=252)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--limit", type=int, default=60, help="test articles scored with each backend")
    ap.add_argument("--cold", action="store_true", help="also time the very first load, with an empty cache")
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"error: {args.data} not found (the shared DaNewsroom dev set)", file=sys.stderr)
        return 2
    articles = bg.test_articles(args.data, args.holdout, args.seed)
    scored = articles[: args.limit]
    print(f"data: {args.data.name}; the first {len(scored)} of {len(articles)} held-out articles (split_holdout "
          f"--holdout {args.holdout} --seed {args.seed}); model: {args.model}")  # fmt: skip
    spec = f"generative:{args.model}"
    ext_out, _, _ = bg.run("extractive", scored)
    ext, _ = fx.score_outputs(scored, ext_out)
    scores, outputs, walls = {}, {}, {}
    for backend in BACKENDS:
        os.environ["SUMMARIZER_GENERATIVE_BACKEND"] = backend  # the engine instance is kept per backend
        out, results, seconds = bg.run(spec, scored)
        scores[backend], signature = fx.score_outputs(scored, out)
        outputs[backend], walls[backend] = out, seconds
        bg.flag_report(results, backend)
    os.environ.pop("SUMMARIZER_GENERATIVE_BACKEND")
    print(f"{'backend':34s} " + " ".join(f"{k:>7s}" for k in bg.LABELS))
    print(bg.row("(extractive, same articles)", bg.means(ext)))
    for backend in BACKENDS:
        print(bg.row(f"{backend} ({walls[backend] / len(scored):.2f} s/article)", bg.means(scores[backend])))
    print(f"scorer: {signature}; mean F x100; hd-top = top-ranked headline, hd-b5 = best of 5")

    keys = ("headline_top", "headline_best5", "rouge1")
    bg.compare(scores["llama.cpp"], scores["transformers"], "llama.cpp - transformers", keys)
    bg.compare(scores["llama.cpp"], ext, "llama.cpp - extractive", keys)
    bg.print_targets(bg.means(scores["llama.cpp"]), ", llama.cpp")
    same_top = sum((a["headlines"] or [""])[0] == (b["headlines"] or [""])[0]
                   for a, b in zip(outputs["llama.cpp"], outputs["transformers"], strict=True))  # fmt: skip
    same_lead = sum(a["summary"] == b["summary"] for a, b in zip(outputs["llama.cpp"], outputs["transformers"],
                                                                 strict=True))  # fmt: skip
    print(f"the same top headline on {same_top}/{len(scored)} articles, the same lead on {same_lead}/{len(scored)} "
          "(4-bit llama.cpp against float32 transformers: near ties fall either way)")  # fmt: skip

    speeds = {}
    for backend in BACKENDS:
        speeds[backend] = bg.speed(spec, articles, args.cold, {"SUMMARIZER_GENERATIVE_BACKEND": backend},
                                   f"{backend}, ")  # fmt: skip
    warm = {b: next((m for m in ms if m["when"] == "cache warm"), None) for b, ms in speeds.items()}
    if all(warm.values()):
        ratio = warm["transformers"]["median_s"] / warm["llama.cpp"]["median_s"]
        print(f"llama.cpp is {ratio:.2f}x as fast as transformers per article, measured side by side in this run")
    for backend, ms in speeds.items():
        for m in ms:
            fast = "met" if m["median_s"] <= SPEED_TARGET_S else f"MISSED by {m['median_s'] - SPEED_TARGET_S:.2f} s"
            load = "met" if m["load_s"] <= LOAD_TARGET_S else f"MISSED by {m['load_s'] - LOAD_TARGET_S:.1f} s"
            print(f"target, {backend} ({m['when']}): {m['median_s']:.2f} s per article vs <= {SPEED_TARGET_S} s: "
                  f"{fast}; load {m['load_s']:.1f} s vs <= {LOAD_TARGET_S} s: {load}")  # fmt: skip
    return 0


if __name__ == "__main__":
    from scripts import benchdoc

    sys.exit(benchdoc.run(main, "generative-backends", "Generative engine: llama.cpp against transformers"))
