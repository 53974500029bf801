"""Benchmark of the core engines: quality side by side, speed, and the import time of `summarizer`.

    .venv/bin/python -m scripts.bench_core            # everything (about a minute on this machine)
    .venv/bin/python -m scripts.bench_core --no-cv    # skip the cross-validated refit

Data: ../shared/data/danewsroom-dev.jsonl, body as input (the lead removed when the body begins
with it); summaries scored against the real lead, headlines against the real title, with the
project's Danish ROUGE (`eval.rouge.Scorer`; the signature is printed).

Which extractive figure counts: the CROSS-VALIDATED row. The shipped parameters were fitted on
these same articles, so the "shipped params" row is in-sample and printed for information only.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from scripts import fit_extractive as fx
from summarizer import engines, facts, headlines
from summarizer.api import summarise_many
from summarizer.article import Article
from summarizer.engines.lead import cut_words
from summarizer.options import Options
from summarizer.text import words

ROOT = Path(__file__).resolve().parents[1]

TARGETS = {"rouge1": 20.0, "rougeL": 14.0, "headline_top": 14.0, "headline_best5": 20.0}


def run_engine(name: str, articles: list[Article], options: Options) -> list[dict]:
    engine = engines.get(name)
    out = []
    for a in articles:
        draft = engine.summarise(a, options)
        out.append({"summary": draft.summary, "headlines": headlines.finalise(draft.headlines, a, options)})
    return out


def reference_rows(articles: list[Article]) -> list[dict]:
    """The issue's reference points: the first 35 words of the body; the first 10 words as a headline."""
    return [
        {"summary": cut_words(a.body, 35), "headlines": [" ".join(words(a.body)[:10])]} for a in articles
    ]


def line(name: str, scores: dict[str, list[float]]) -> str:
    m = {k: 100 * statistics.fmean(v) for k, v in scores.items()}
    return (
        f"{name:44s} {m['rouge1']:6.2f} {m['rouge2']:6.2f} {m['rougeL']:6.2f}   "
        f"{m['headline_top']:6.2f} {m['headline_best5']:6.2f}"
    )


def per_second(fn, items) -> tuple[float, float]:
    started = time.perf_counter()
    for item in items:
        fn(item)
    seconds = time.perf_counter() - started
    return len(items) / seconds, seconds


def import_seconds(repeats: int = 5) -> list[float]:
    """Wall time of ``python -c "import summarizer"`` in a fresh interpreter, `repeats` times."""
    out = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import summarizer"], cwd=ROOT, check=True)
        out.append(time.perf_counter() - started)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=fx.DEV)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--no-cv", action="store_true", help="skip the cross-validated refit of the extractive engine")
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"error: {args.data} not found (the shared DaNewsroom dev set)", file=sys.stderr)
        return 2
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the target says
    options = Options()
    articles = fx.load_dev(args.data)
    articles = [a for a in articles if a.body.strip()]

    print(f"data: {args.data.name}, {len(articles)} articles; summary vs real lead, headlines vs real title")
    header = f"{'system':44s} {'R1':>6s} {'R2':>6s} {'RL':>6s}   {'hd-top':>6s} {'hd-b5':>6s}"
    print(header)
    print("-" * len(header))
    ref, signature = fx.score_outputs(articles, reference_rows(articles))
    print(line("reference: first 35 words / first 10 words", ref))
    lead, _ = fx.score_outputs(articles, run_engine("lead", articles, options))
    print(line("lead engine", lead))
    shipped, _ = fx.score_outputs(articles, run_engine("extractive", articles, options))
    print(line("extractive, shipped params (IN-SAMPLE, info)", shipped))
    cv = None
    if not args.no_cv:
        rows = fx.build_rows(articles)
        fitted, outputs = fx.cross_validate(rows, args.folds, options)
        cv, _ = fx.score_outputs([r.article for r in rows], outputs)
        print(line(f"extractive, {args.folds}-fold CROSS-VALIDATED (counts)", cv))
    print(f"scorer: {signature}; mean F x100; hd-top = top-ranked headline, hd-b5 = best of 5")

    if cv is not None:
        try:
            from eval.significance import paired_bootstrap

            # Pair on the same articles: the CV rows skip bodies without sentences (none in this set).
            if len(cv["rouge1"]) == len(lead["rouge1"]):
                for k in ("rouge1", "rougeL"):
                    r = paired_bootstrap(cv[k], lead[k], resamples=1000, seed=0)
                    print(f"paired bootstrap, extractive CV - lead engine, {k}: {100 * r.difference:+.2f} "
                          f"(95% {100 * r.low:+.2f}..{100 * r.high:+.2f}), p={r.p_value:.3f}")
        except ImportError:
            print("(eval.significance not available: no paired test)")
        for k, t in TARGETS.items():
            value = 100 * statistics.fmean(cv[k])
            verdict = "met" if value >= t else f"MISSED by {t - value:.2f}"
            print(f"target {k}: {value:.2f} (CV) vs >= {t}: {verdict}")

    print()
    print("speed, single process pinned to one core:")
    ext = engines.get("extractive")
    lead_engine = engines.get("lead")
    for name, engine in (("lead", lead_engine), ("extractive", ext)):
        rate, seconds = per_second(lambda a, e=engine: e.summarise(a, options), articles)
        print(f"  {name:10s} engine.summarise:   {rate:7.1f} articles/s ({len(articles)} in {seconds:.2f} s)")
    # The full path of `summarise()`: engine, shared headline rules, fact flags, in one process.
    started = time.perf_counter()
    results = list(summarise_many(articles, engine="extractive", errors="yield"))
    seconds = time.perf_counter() - started
    n = len(results)
    failed = sum(1 for r in results if isinstance(r, Exception))
    flagged = [r for r in results if not isinstance(r, Exception) and r.flags]
    print(f"  extractive full summarise_many (headline rules + fact flags): {n / seconds:7.1f} articles/s "
          f"({failed} of {n} refused by prepare() with a clear error)")
    drafts = [ext.summarise(a, options) for a in articles]
    started = time.perf_counter()
    ranked = [headlines.finalise(d.headlines, a, options) for d, a in zip(drafts, articles, strict=True)]
    finalise_ms = 1000 * (time.perf_counter() - started) / len(articles)
    started = time.perf_counter()
    for d, a, hs in zip(drafts, articles, ranked, strict=True):
        facts.check(d.summary, a.source_text, "summary")
        for i, h in enumerate(hs):
            facts.check(h, a.source_text, f"headline:{i}")
    facts_ms = 1000 * (time.perf_counter() - started) / len(articles)
    print(f"    of which per article: headlines.finalise {finalise_ms:.2f} ms, facts.check {facts_ms:.2f} ms")
    print(f"  fact flags on extractive output: {len(flagged)} of {n - failed} articles "
          f"({sum(len(r.flags) for r in flagged)} flags)")
    print(f"  machine load while measuring (1-min load average, {os.cpu_count()} cores): {os.getloadavg()[0]:.2f}")
    times = import_seconds()
    print(f"  python -c 'import summarizer': best {min(times):.3f} s, median {statistics.median(times):.3f} s "
          f"(of {len(times)} fresh interpreters)")
    return 0


if __name__ == "__main__":
    from scripts import benchdoc

    sys.exit(benchdoc.run(main, "core", "Core engines: quality on DaNewsroom dev, speed, import time"))
