"""Printable suggestions: the editor's check on every engine's output, beside ROUGE, speed and the check's own
agreement with the editor labels. Prints each target of the printable-suggestions issue, met or missed.

    .venv/bin/python -m scripts.bench_printable                      # extractive: test split of 252, then all dev
    .venv/bin/python -m scripts.bench_printable --engines lead,extractive --speed 300

The split is `summarizer.finetune.split_holdout` over the dev ids with --holdout 252 --seed 0 (the one every
benchmark here uses). The check is run here on what `summarise` returned, independently of the ranking inside.
Speed: articles per second of CPU time (this process and the analyser's processes together), so "one core".
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import psutil

from scripts.fit_extractive import DEV, load_dev, make_scorer
from summarizer import checks, summarise_many
from summarizer.finetune import split_holdout

TARGETS = {"headline_clean": 85.0, "lead_clean": 95.0}


def cpu_seconds() -> float:
    """CPU time of this process and every child (the analyser pipeline lives in children that never exit)."""
    me = psutil.Process()
    total = sum(me.cpu_times()[:2])
    for child in me.children(recursive=True):
        with contextlib.suppress(psutil.NoSuchProcess):
            total += sum(child.cpu_times()[:2])
    return total


def measure(engine: str, articles: list, label: str) -> dict:
    score, signature = make_scorer()
    results = list(summarise_many(articles, engine=engine, errors="yield"))
    codes_top: Counter[str] = Counter()
    codes_lead: Counter[str] = Counter()
    clean_top = clean_lead = 0
    r1_lead, r1_top = [], []
    refused = 0
    for article, result in zip(articles, results, strict=True):
        if isinstance(result, Exception):
            refused += 1
            r1_lead.append(0.0)
            r1_top.append(0.0)
            continue
        top = result.headlines[0] if result.headlines else ""
        found, _ = checks.check_many([(result.summary, "lead"), (top, "headline")], article.body)
        lead_codes = {p.code for p in found[0]}
        top_codes = {p.code for p in found[1]} if top else {"fragment"}
        codes_lead.update(lead_codes)
        codes_top.update(top_codes)
        clean_lead += not lead_codes
        clean_top += not top_codes
        r1_lead.append(score(article.lead or "", result.summary)["rouge1"])
        r1_top.append(score(article.headline or "", top)["rouge1"])
    n = len(articles)
    out = {
        "n": n,
        "refused": refused,
        "headline_clean": 100 * clean_top / n,
        "lead_clean": 100 * clean_lead / n,
        "lead_r1": 100 * statistics.fmean(r1_lead),
        "top_r1": 100 * statistics.fmean(r1_top),
        "codes_top": dict(codes_top.most_common()),
        "codes_lead": dict(codes_lead.most_common()),
    }
    print(f"\n{engine}, {label} ({n} articles, {refused} refused)")
    print(f"  top headlines with no problem: {clean_top}/{n} = {out['headline_clean']:.1f} %")
    print(f"  leads with no problem:         {clean_lead}/{n} = {out['lead_clean']:.1f} %")
    print(
        f"  leads cut mid-sentence: {codes_lead.get('cut_mid_sentence', 0)}; boilerplate suggestions: "
        f"{codes_lead.get('boilerplate', 0) + codes_top.get('boilerplate', 0)} (lead + top headline)"
    )
    print(f"  problems, top headlines: {out['codes_top']}")
    print(f"  problems, leads:         {out['codes_lead']}")
    print(f"  ROUGE-1 F: lead {out['lead_r1']:.2f}, top headline {out['top_r1']:.2f}  ({signature})")
    for key, target in TARGETS.items():
        verdict = "met" if out[key] >= target else f"MISSED by {target - out[key]:.1f}"
        print(f"  target {key} >= {target}: {out[key]:.1f} {verdict}")
    return out


def speed(engine: str, articles: list) -> None:
    list(summarise_many(articles[:20], engine=engine))  # warm: engine, analyser, caches of the first texts
    started_cpu, started = cpu_seconds(), time.perf_counter()
    list(summarise_many(articles, engine=engine))
    cpu, wall = cpu_seconds() - started_cpu, time.perf_counter() - started
    print(
        f"\nspeed, {engine}, {len(articles)} articles: {len(articles) / cpu:.1f} articles per CPU-second "
        f"(one core; target >= 50); wall {len(articles) / wall:.1f}/s"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEV)
    ap.add_argument("--engines", default="extractive")
    ap.add_argument("--holdout", type=int, default=252)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--speed", type=int, default=500, help="articles timed for speed (0: skip)")
    ap.add_argument("--no-labels", action="store_true", help="skip the check's agreement with the editor labels")
    args = ap.parse_args()
    articles = [a for a in load_dev(args.data) if a.body.strip()]
    held = split_holdout([a.id for a in articles], args.holdout, args.seed)
    test = sorted((a for a in articles if a.id in held), key=lambda a: a.id)
    for engine in [e.strip() for e in args.engines.split(",") if e.strip()]:
        measure(engine, test, f"test split (--holdout {args.holdout} --seed {args.seed})")
        measure(engine, articles, "all of dev")
        if args.speed:
            speed(engine, articles[: args.speed])
    if not args.no_labels:
        from eval.editor_labels import agreement, load_labels

        result = agreement(load_labels())
        t = result.total
        print(
            f"\nthe check against the editor labels (490 texts, mechanical codes): precision {t.precision:.2f}, "
            f"recall {t.recall:.2f} (targets >= 0.8 each)"
        )
        for code, s in result.per_code.items():
            print(
                f"  {code:18s} editor {s.editor:3d} check {s.check:3d} both {s.both:3d} "
                f"P {s.precision:.2f} R {s.recall:.2f}"
            )


if __name__ == "__main__":
    from scripts import benchdoc

    sys.exit(benchdoc.run(main, "printable", "Printable suggestions: the editor's check, ROUGE beside it, speed"))
