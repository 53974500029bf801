"""Benchmark of the generative engine against extractive on the same held-out DaNewsroom articles.

    .venv/bin/python -m scripts.bench_generative                       # models/gemma-holdout252 (train only)
    .venv/bin/python -m scripts.bench_generative --model runs/gemma-train1000 --write-record
    .venv/bin/python -m scripts.bench_generative --curve 25%=runs/ckpt-500 50%=runs/ckpt-1000 --curve-limit 60

The split: `summarizer.finetune.split_holdout` over the article ids of ../shared/data/danewsroom-dev.jsonl
with ``--holdout 252 --seed 0``, the same call `python -m summarizer finetune --holdout 252 --seed 0` makes,
so the model being scored never saw these articles. That model is ``models/gemma-holdout252`` (the shipped
adapter's weights, kept apart so that a shipped adapter that learns the held-out articles too, with
``--start-from``, leaves the benchmark's model as it is); a model whose record shows it trained on test
articles is scored with a warning.
Both engines get the body (the lead cut off, as for every engine) through the full `summarise_many` path:
headline rules and fact flags included. Summaries are scored against the real lead, headlines against the
real title, with the project's Danish ROUGE, and the two engines compared article by article with a paired bootstrap.

Also printed: the share of generated outputs with a fact flag (with examples); speed (summary + 5 headlines of
a ~400-word article, median of 5 after load) and the load time and peak memory, measured in fresh processes;
and, with ``--curve``, the learning curve from checkpoints taken during training.

Faithfulness (the issue "The generative engine must not invent"): the share of articles whose shown top
headline, and whose shown lead, passes the quote rule and the clause support check (`summarizer.support`) and
the editor's check (`summarizer.checks`, no problem at all), beside extractive on the same articles; invented
quotes and non-words among everything shown; how often the engine had no supported headline or lead of its own;
examples of what it now drops; and the support check against the editor labels
(``../shared/reference/editor-judgements.jsonl``: the generated texts an editor read, on the held-out articles
and on all).

``--write-record`` writes the comparison into the model folder (``benchmark.json``), which is what
``engine="auto"`` reads before it chooses `generative`; scoring ``models/gemma-holdout252`` it writes the same
record into the shipped folder too, marked with what it was measured on.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scripts import fit_extractive as fx
from summarizer import __version__
from summarizer.api import summarise_many
from summarizer.article import Article
from summarizer.engines import causal_lm
from summarizer.engines.generative import BENCHMARK, SHIPPED
from summarizer.finetune import split_holdout
from summarizer.summary import Summary

ROOT = Path(__file__).resolve().parents[1]
#: The adapter trained with the 252 test articles held out (today the shipped one's weights): what it scores.
HELD_OUT_MODEL = ROOT / "models" / "gemma-holdout252"

TARGETS = {"headline_top": 18.0, "headline_best5": 26.0, "rouge1": 20.0}
KEYS = ("rouge1", "rouge2", "rougeL", "headline_top", "headline_best5")
LABELS = ("R1", "R2", "RL", "hd-top", "hd-b5")

# Run in a fresh interpreter: first use (load) time, then the median of 5 summaries of one article, and the
# process's peak memory. The article comes in on stdin.
_SPEED = """
import json, statistics, sys, time

def peak_mib():
    # VmHWM: this process's own peak. (ru_maxrss is kept across exec, so a child forked from a bench that
    # holds a model would report the parent's size.)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
started = time.perf_counter()
from summarizer import engines, summarise
engine = engines.get(sys.argv[1])
engine.load()
load = time.perf_counter() - started
text = sys.stdin.read()
times = []
for _ in range(5):
    t = time.perf_counter()
    result = summarise(text, engine=sys.argv[1])
    times.append(time.perf_counter() - t)
print(json.dumps({"load_s": load, "median_s": statistics.median(times), "times": times,
                  "peak_mib": peak_mib(),
                  "headlines": len(result.headlines), "backend": getattr(engine, "backend", None)}))
"""


def test_articles(data: Path, holdout: int, seed: int) -> list[Article]:
    articles = [a for a in fx.load_dev(data) if a.body.strip()]
    held = split_holdout([a.id for a in articles], holdout, seed)
    return sorted((a for a in articles if a.id in held), key=lambda a: a.id)


def run(engine: str, articles: list[Article]) -> tuple[list[dict], list[Summary | None], float]:
    """Outputs for scoring (a refused article scores as empty, never silently dropped), results, seconds."""
    started = time.perf_counter()
    results = list(summarise_many(articles, engine=engine, errors="yield"))
    seconds = time.perf_counter() - started
    outputs, kept = [], []
    for result in results:
        if isinstance(result, Exception):
            outputs.append({"summary": "", "headlines": []})
            kept.append(None)
        else:
            outputs.append({"summary": result.summary, "headlines": result.headlines})
            kept.append(result)
    return outputs, kept, seconds


def write_outputs(path: Path, articles: list[Article], gen: list[Summary | None], ext: list[Summary | None]) -> None:
    """One line per article: its id, and each engine's lead, headlines, problems and warnings as shown."""

    def shown(result: Summary | None) -> dict:
        if result is None:
            return {"refused": True}
        return {"lead": result.summary, "headlines": result.headlines, "warnings": result.warnings,
                "problems": [{"where": p.where, "code": p.code, "message": p.message} for p in result.problems]}

    with path.open("w", encoding="utf-8") as f:
        for article, g, e in zip(articles, gen, ext, strict=True):
            row = {"id": article.id, "generative": shown(g), "extractive": shown(e)}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"outputs: {path}")


def compare(a: dict[str, list[float]], b: dict[str, list[float]], label: str, keys: tuple[str, ...]) -> dict:
    """Paired bootstrap of `a` against `b` (article by article) for each of `keys`, a printed line each."""
    from eval.significance import paired_bootstrap

    tests = {}
    for k in keys:
        r = tests[k] = paired_bootstrap(a[k], b[k], resamples=1000, seed=0)
        print(f"paired bootstrap, {label}, {k}: {100 * r.difference:+.2f} "
              f"(95% {100 * r.low:+.2f}..{100 * r.high:+.2f}), p={r.p_value:.3f}")  # fmt: skip
    return tests


def print_targets(m: dict[str, float], label: str = "") -> None:
    """Each of the issue's quality targets, met or missed by how much."""
    for k, target in TARGETS.items():
        verdict = "met" if m[k] >= target else f"MISSED by {target - m[k]:.2f}"
        print(f"target {k}{label}: {m[k]:.2f} vs >= {target}: {verdict}")


def means(scores: dict[str, list[float]]) -> dict[str, float]:
    return {k: round(100 * statistics.fmean(scores[k]), 2) for k in KEYS}


def row(name: str, m: dict[str, float]) -> str:
    return f"{name:34s} " + " ".join(f"{m[k]:7.2f}" for k in KEYS)


def flag_report(results: list[Summary | None], label: str) -> dict[str, float]:
    done = [r for r in results if r is not None]
    headlines = sum(len(r.headlines) for r in done)
    flagged_headlines = sum(len({f.where for f in r.flags if f.where.startswith("headline:")}) for r in done)
    flagged_summaries = sum(1 for r in done if any(f.where == "summary" for f in r.flags))
    kinds: dict[str, int] = {}
    for r in done:
        for f in r.flags:
            kinds[f.kind] = kinds.get(f.kind, 0) + 1
    share_h = 100 * flagged_headlines / max(1, headlines)
    share_s = 100 * flagged_summaries / max(1, len(done))
    print(f"{label}: headlines with a fact flag {flagged_headlines}/{headlines} ({share_h:.1f}%), "
          f"summaries with a fact flag {flagged_summaries}/{len(done)} ({share_s:.1f}%), "
          f"flags by kind {kinds}")  # fmt: skip
    return {"headline_flag_share": round(share_h, 2), "summary_flag_share": round(share_s, 2)}


def flag_examples(results: list[Summary | None], articles: list[Article], n: int = 6) -> None:
    shown = 0
    for article, result in zip(articles, results, strict=True):
        if result is None or not result.flags or shown >= n:
            continue
        flag = result.flags[0]
        text = result.summary if flag.where == "summary" else result.headlines[int(flag.where.split(":")[1])]
        print(f"  [{article.id}] {flag.where}: {text!r} → {flag.kind} {flag.text!r} is not in the body")
        shown += 1


class DraftRecorder:
    """Keeps what the generative engine wrote and what its screening kept, per article (in-process)."""

    def __init__(self) -> None:
        from summarizer.engines import generative

        self.cls, self.rows, self.original = generative.GenerativeEngine, [], generative.GenerativeEngine._screen

    def __enter__(self) -> list[dict]:
        original, rows = self.original, self.rows

        def spy(engine, lead, headlines, article, options, warnings):  # noqa: ANN001
            draft = original(engine, lead, headlines, article, options, warnings)
            first = lead if isinstance(lead, str) else (lead[0] if lead else "")
            rows.append({"id": article.id, "lead": first, "headlines": list(headlines), "draft": draft})
            return draft

        self.cls._screen = spy
        return self.rows

    def __exit__(self, *_: object) -> None:
        self.cls._screen = self.original


def faithfulness(results: list[Summary | None], articles: list[Article], label: str,
                 drafts: list[dict] | None = None) -> dict[str, float]:  # fmt: skip
    """The issue's targets on what is shown: top headline and lead passing support + quote rule + editor's check."""
    from summarizer import support

    n = len(articles)
    top_ok = lead_ok = quotes = non_words = shown_texts = top_shown = lead_shown = 0
    own_top = 0
    kept_ids = {}
    for row in drafts or []:
        kept_ids[row["id"]] = row["draft"]
    for article, result in zip(articles, results, strict=True):
        if result is None:
            continue
        body = article.body
        texts = [("summary", result.summary)] + [(f"headline:{i}", h) for i, h in enumerate(result.headlines)]
        for where, text in texts:
            if not text:
                continue
            shown_texts += 1
            if support.quote_problems(text, body):
                quotes += 1
            if any(p.code == "non_word" for p in result.problems_of(where)):
                non_words += 1
        if result.headlines:
            top_shown += 1
            top = result.headlines[0]
            if not support.check(top, "headline", body) and not result.problems_of("headline:0"):
                top_ok += 1
            draft = kept_ids.get(article.id)
            if draft is not None and top in draft.headlines:
                own_top += 1
        if result.summary:
            lead_shown += 1
            if not support.check(result.summary, "lead", body) and not result.problems_of("summary"):
                lead_ok += 1
    out = {
        "top_headline_pass": round(100 * top_ok / max(1, n), 2),
        "lead_pass": round(100 * lead_ok / max(1, n), 2),
        "top_headline_shown": round(100 * top_shown / max(1, n), 2),
        "lead_shown": round(100 * lead_shown / max(1, n), 2),
        "invented_quotes_shown": quotes,
        "non_words_shown": non_words,
    }
    print(f"{label}: top headline passes support + quote rule + editor's check {top_ok}/{n} "
          f"({out['top_headline_pass']:.1f}%; shown for {top_shown}), lead {lead_ok}/{n} ({out['lead_pass']:.1f}%; "
          f"shown for {lead_shown}); invented quotes shown {quotes}, non-words shown {non_words} "
          f"(of {shown_texts} texts shown)")  # fmt: skip
    if drafts is not None:
        out["top_headline_from_model"] = round(100 * own_top / max(1, n), 2)
        print(f"{label}: the top headline shown is the model's own for {own_top}/{n} articles (the rest: the "
              "article's own, added by the shared headline rules when the model had too few supported)")
    return out


def screening_report(rows: list[dict], n_examples: int = 10) -> dict[str, float]:
    """What the engine's screening dropped: headline candidates, leads emptied or cut, with examples."""

    candidates = dropped = no_headline = lead_empty = lead_cut = leads = 0
    codes: dict[str, int] = {}
    examples: list[str] = []
    lead_examples: list[str] = []
    for row in rows:
        draft = row["draft"]
        raw = list(dict.fromkeys(h for h in row["headlines"] if h))
        candidates += len(raw)
        gone = [h for h in raw if h in draft.known_problems]
        dropped += len(gone)
        no_headline += not draft.headlines
        for h in gone:
            code = draft.known_problems[h][0].code
            codes[code] = codes.get(code, 0) + 1
            if len(examples) < n_examples and sum(h in e for e in examples) == 0 and len(gone) and h == gone[0]:
                examples.append(f"  [{row['id']}] headline dropped ({code}): {h!r}")
        if row["lead"]:
            leads += 1
            if not draft.summary:
                lead_empty += 1
                if len(lead_examples) < 6:
                    why = draft.known_problems.get(row["lead"], [])
                    said = why[0].message if why else ""
                    lead_examples.append(f"  [{row['id']}] lead dropped: {row['lead']!r} ({said})")
            elif draft.summary != row["lead"]:
                lead_cut += 1
                if len(lead_examples) < 6:
                    lead_examples.append(f"  [{row['id']}] lead cut: {row['lead']!r} → {draft.summary!r}")
    print(f"screening: {dropped}/{candidates} headline candidates dropped ({100 * dropped / max(1, candidates):.1f}%; "
          f"by code {codes}); articles with no supported generated headline {no_headline}/{len(rows)}; "
          f"leads emptied {lead_empty}/{leads}, cut to their supported sentences {lead_cut}/{leads}")  # fmt: skip
    print("examples of what is now dropped:")
    for line in examples + lead_examples:
        print(line)
    return {"headline_candidates_dropped": round(100 * dropped / max(1, candidates), 2),
            "no_supported_headline": no_headline, "leads_emptied": lead_empty, "leads_cut": lead_cut}  # fmt: skip


LABELS_FILE = ROOT.parent / "shared" / "reference" / "editor-judgements.jsonl"


def label_report(data: Path, held: set[str]) -> None:
    """The support check and quote rule against the editor's labels on the generated texts read (the old,
    unconstrained engine's output): how many unfaithful ones it drops, and how many faithful ones it keeps."""
    from summarizer import support

    if not LABELS_FILE.exists():
        print(f"editor labels: {LABELS_FILE} not here, skipped")
        return
    bodies = {a.id: a.body for a in fx.load_dev(data)}
    rows = [json.loads(line) for line in LABELS_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    for scope, keep in (("held-out articles", lambda r: r["id"] in held), ("all labelled articles", lambda r: True)):
        table = {(f, d): 0 for f in (True, False) for d in (True, False)}
        for r in rows:
            if r["source"] != "generative" or r["id"] not in bodies or not keep(r):
                continue
            found = support.check(r["text"], r["kind"], bodies[r["id"]])
            table[(bool(r["faithful"]), bool(found))] += 1
        bad, good = table[(False, True)] + table[(False, False)], table[(True, True)] + table[(True, False)]
        print(f"editor labels, {scope}: unfaithful generated texts dropped {table[(False, True)]}/{bad}, "
              f"faithful ones kept {table[(True, False)]}/{good}")  # fmt: skip


def speed(engine: str, articles: list[Article], cold: bool, env_extra: dict[str, str] | None = None,
          label: str = "") -> list[dict]:  # fmt: skip
    """Fresh processes: load and speed for the article nearest 400 words, once warm and (with `cold`) once with
    an empty cache, as on the very first start after installing. `env_extra` picks, say, the backend."""
    article = min(articles, key=lambda a: abs(len(a.body.split()) - 400))
    text = f"{article.headline}\n\n{article.body}"
    runs = [("cache warm", None)]
    if cold:
        runs.insert(0, ("first start, empty cache", tempfile.mkdtemp(prefix="bench-gen-cache-")))
    measured = []
    for when, cache in runs:
        env = {**os.environ, **(env_extra or {})}
        if cache:
            env["SUMMARIZER_CACHE"] = cache
        done = subprocess.run([sys.executable, "-c", _SPEED, engine], input=text, capture_output=True, text=True,
                              cwd=ROOT, env=env, timeout=900)  # fmt: skip
        name = f"{label}{when}"
        if done.returncode != 0:
            print(f"speed ({name}): failed: {done.stderr.strip().splitlines()[-1:]}")
            continue
        m = json.loads(done.stdout.strip().splitlines()[-1])
        times = ", ".join(f"{t:.2f}" for t in m["times"])
        print(f"speed ({name}), {len(article.body.split())}-word article [{article.id}], summary + "
              f"{m['headlines']} headlines: median {m['median_s']:.2f} s of 5 ({times}); "
              f"load {m['load_s']:.1f} s; peak memory {m['peak_mib']:.0f} MiB; backend {m['backend']}")  # fmt: skip
        measured.append({"when": when, **m})
        if cache:
            import shutil

            shutil.rmtree(cache, ignore_errors=True)
    return measured


def held_out_by(meta: dict) -> set[str]:
    """The article ids a model never trained on: held out by its run, and by the run it started from."""
    held = set(meta.get("data", {}).get("held_out", []))
    earlier = meta.get("started_from")
    if earlier:
        held &= set((earlier.get("data") or {}).get("held_out", []))
    return held


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=fx.DEV)
    about = "a finetune output folder (default: models/gemma-holdout252, trained without the test split)"
    ap.add_argument("--model", type=Path, default=HELD_OUT_MODEL, help=about)
    ap.add_argument("--holdout", type=int, default=252)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--limit", type=int, help="score only the first N test articles (quick runs)")
    ap.add_argument("--curve", nargs="*", default=[], metavar="LABEL=FOLDER", help="checkpoints for a learning curve")
    ap.add_argument("--curve-limit", type=int, default=60, help="test articles for each curve point")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--cold", action="store_true", help="also time the very first load, with an empty cache")
    ap.add_argument("--write-record", action="store_true", help=f"write {BENCHMARK} into the model folder")
    ap.add_argument("--outputs", type=Path, metavar="FILE",
                    help="write every article's outputs of both engines (JSONL), for an editor to read")  # fmt: skip
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"error: {args.data} not found (the shared DaNewsroom dev set)", file=sys.stderr)
        return 2
    if not (args.model / causal_lm.META).exists():
        print(f"error: {args.model} is not a finetune output (no {causal_lm.META})", file=sys.stderr)
        return 2
    meta = json.loads((args.model / causal_lm.META).read_text(encoding="utf-8"))
    articles = test_articles(args.data, args.holdout, args.seed)
    overlap = len({a.id for a in articles} - held_out_by(meta))
    if args.limit:
        articles = articles[: args.limit]
    print(f"data: {args.data.name}; test split: {len(articles)} articles (split_holdout --holdout {args.holdout} "
          f"--seed {args.seed}); model: {args.model} (base {meta['base']}, {meta['data']['articles']} training "
          f"articles, {meta['examples_seen']} examples seen, {meta['data']['file']})")  # fmt: skip
    if overlap:
        print(f"WARNING: {overlap} test articles were not held out when this model was trained: its scores flatter it")
    else:
        print("the model's own record holds every test article out of its training data")

    gen = f"generative:{args.model}"
    ext_out, ext_results, ext_s = run("extractive", articles)
    with DraftRecorder() as drafts:
        gen_out, gen_results, gen_s = run(gen, articles)
    if args.outputs:
        write_outputs(args.outputs, articles, gen_results, ext_results)
    ext, signature = fx.score_outputs(articles, ext_out)
    gen_scores, _ = fx.score_outputs(articles, gen_out)
    print(f"{'system':34s} " + " ".join(f"{k:>7s}" for k in LABELS))
    print(row("extractive", means(ext)))
    print(row("generative", means(gen_scores)))
    print(f"scorer: {signature}; mean F x100; hd-top = top-ranked headline, hd-b5 = best of 5")
    print(f"wall time: extractive {ext_s:.1f} s, generative {gen_s:.1f} s ({gen_s / len(articles):.2f} s/article)")
    failed = sum(r is None for r in gen_results)
    if failed:
        print(f"generative refused {failed} articles (scored as empty)")

    tests = compare(gen_scores, ext, "generative - extractive", ("headline_top", "headline_best5", "rouge1", "rougeL"))
    g = means(gen_scores)
    print_targets(g)
    beats = tests["headline_top"].difference > 0 and tests["headline_top"].p_value < 0.05
    print(f"significantly better than extractive on the top headline (p < 0.05): {'yes' if beats else 'NO'}")

    faithful = faithfulness(gen_results, articles, "generative", drafts)
    faithfulness(ext_results, articles, "extractive")
    for key, target in (("top_headline_pass", 90.0), ("lead_pass", 90.0)):
        verdict = "met" if faithful[key] >= target else f"MISSED by {target - faithful[key]:.2f}"
        print(f"target {key}: {faithful[key]:.2f} vs >= {target}: {verdict}")
    for key in ("invented_quotes_shown", "non_words_shown"):
        print(f"target {key}: {faithful[key]} vs 0: {'met' if faithful[key] == 0 else 'MISSED'}")
    print(f"target headline_top R1 kept: {g['headline_top']:.2f} vs >= 14.0: "
          f"{'met' if g['headline_top'] >= 14.0 else 'MISSED'}")  # fmt: skip
    screening = screening_report(drafts)
    label_report(args.data, {a.id for a in test_articles(args.data, args.holdout, args.seed)})

    flags = flag_report(gen_results, "generative")
    flag_report(ext_results, "extractive")
    print("examples of flagged generative output:")
    flag_examples(gen_results, articles)
    print("examples (first 3 test articles): real title | generative top headline | extractive top headline")
    for a, go, eo in list(zip(articles, gen_out, ext_out, strict=True))[:3]:
        print(f"  {a.headline!r}\n    gen: {(go['headlines'] or [''])[0]!r}\n    ext: {(eo['headlines'] or [''])[0]!r}")
        print(f"    gen lead: {go['summary']!r}")

    for point in args.curve:
        label, _, folder = point.partition("=")
        subset = articles[: args.curve_limit]
        out, _, _ = run(f"generative:{folder}", subset)
        scores, _ = fx.score_outputs(subset, out)
        full = {k: v[: len(subset)] for k, v in gen_scores.items()}
        print(row(f"curve {label} ({len(subset)} articles)", means(scores)))
        print(row(f"curve 100% (same {len(subset)} articles)", means(full)))

    if not args.no_speed:
        speed(gen, articles, args.cold)

    if args.write_record:
        record = {
            "beats_extractive_on_headlines": beats,
            "generative_headline_top": g["headline_top"],
            "extractive_headline_top": means(ext)["headline_top"],
            "generative": g,
            "extractive": means(ext),
            "paired_bootstrap": {k: {"difference": round(100 * r.difference, 2), "p": r.p_value}
                                 for k, r in tests.items()},
            "flags": flags,
            "faithfulness": faithful,
            "screening": screening,
            "test_articles": len(articles),
            "split": {"holdout": args.holdout, "seed": args.seed},
            "scorer": signature,
            "project_version": __version__,
        }  # fmt: skip
        (args.model / BENCHMARK).write_text(json.dumps(record, indent=1), encoding="utf-8")
        print(f"wrote {args.model / BENCHMARK}")
        if args.model.resolve() == HELD_OUT_MODEL.resolve() and (SHIPPED / causal_lm.META).exists():
            record["measured_on"] = f"{HELD_OUT_MODEL.relative_to(ROOT)} (the same weights as the shipped model)"
            (SHIPPED / BENCHMARK).write_text(json.dumps(record, indent=1), encoding="utf-8")
            print(f"wrote {SHIPPED / BENCHMARK}")
    return 0


if __name__ == "__main__":
    from scripts import benchdoc

    sys.exit(benchdoc.run(main, "generative", "Generative engine: Gemma 3 270M + LoRA against extractive"))
