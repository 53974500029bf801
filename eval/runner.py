"""The benchmark runner: every engine over a data set, scored against the real lead and headline.

Two tasks per article: the engine's summary against the real lead (``summary``), and its
headlines against the real ``title``, both the top-ranked one (``headline``) and the best of the
N alternatives (``headline_best``, per metric, as rouge_score's ``score_multi``). Engines are
handed ``Article(body=...)`` only, the body cleaned as any input is; a body that begins with the lead
has it cut off first (`eval.leakage`).

Every finished article is appended to ``predictions.jsonl`` and flushed at once, so Ctrl-C or a
crash loses nothing, and running again with the same ``--out`` only does what is missing.
"""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from eval import __version__
from eval import data as benchmark_data
from eval.data import Dataset, Example, Fields, load
from eval.leakage import engine_body
from eval.measures import length_words, novel_bigram_share
from eval.rouge import METRICS, Score, Scorer
from eval.significance import paired_bootstrap
from eval.stats import RESAMPLES, SEED, Bootstrap, Interval, interval, metric_intervals
from summarizer.options import Options
from summarizer.results import valid_text

TASKS = ("summary", "headline", "headline_best")
PREDICTIONS = "predictions.jsonl"
RUN_FILE = "run.json"


class RunError(ValueError):
    """The run cannot start (unknown engine, unavailable model, --out holds another run): one line."""


@dataclass(frozen=True)
class Config:
    """Everything that decides the numbers (saved in results.json)."""

    data: str
    engines: list[str]
    out: str
    limit: int | None = None
    stem: bool = False
    modes: list[str] = field(default_factory=lambda: ["unicode", "ascii"])
    fields: Fields = field(default_factory=Fields)
    split: str | None = None
    options: Options = field(default_factory=Options)
    resamples: int = RESAMPLES
    seed: int = SEED
    batch_size: int = 16

    @property
    def bootstrap(self) -> Bootstrap:
        """The bootstrap of every interval and paired test in this run (the signatures record it)."""
        return Bootstrap(self.resamples, self.seed)

    def record(self) -> dict[str, Any]:
        """The config as results.json holds it: the options as their three keys, where they always stood."""
        data: dict[str, Any] = {}
        for key, value in asdict(self).items():
            if key == "options":
                data.update(value)  # n_headlines, max_summary_words, max_headline_chars
            else:
                data[key] = value
        return data

    def settings(self) -> dict[str, Any]:
        """What must match for a re-run to resume an earlier one (the limit and engines may change)."""
        keep = ("stem", "modes", "fields", "split", "n_headlines", "max_summary_words", "max_headline_chars")
        data = self.record()
        return {key: data[key] for key in keep}


# --- one article -------------------------------------------------------------------------------


def best_of(scored: list[dict[str, Score]]) -> dict[str, Score]:
    """Per metric, the alternative with the highest F (rouge_score's ``score_multi``); zeros if none."""
    if not scored:
        return {metric: Score(0.0, 0.0, 0.0) for metric in METRICS}
    return {metric: max((s[metric] for s in scored), key=lambda score: score.fmeasure) for metric in METRICS}


def score_article(scorer: Scorer, example: Example, summary: str, headlines: list[str]) -> dict[str, dict[str, list]]:
    """The three tasks' scores for one article, as ``{task: {metric: [p, r, f]}}``."""
    alternatives = [scorer.score(example.title, headline) for headline in headlines]
    tasks = {
        "summary": scorer.score(example.summary, summary),
        "headline": alternatives[0] if alternatives else best_of([]),
        "headline_best": best_of(alternatives),
    }
    return {task: {metric: list(score) for metric, score in scores.items()} for task, scores in tasks.items()}


def article_record(
    spec: str, example: Example, body: str, stripped: bool, result: Any, scorers: dict[str, Scorer]
) -> dict[str, Any]:
    """The line written to predictions.jsonl for one engine on one article."""
    record: dict[str, Any] = {"engine": spec, "index": example.index, "line": example.line, "id": example.id,
                              "lead_stripped": stripped}
    if isinstance(result, Exception):
        return {**record, "status": "skipped", "reason": f"{type(result).__name__}: {result}"}
    headlines = list(result.headlines)
    flags = Counter("summary" if flag.where == "summary" else "headlines" for flag in result.flags)
    return {
        **record,
        "status": "ok",
        "summary": result.summary,
        "headlines": headlines,
        "seconds": round(result.seconds, 6),
        "summary_words": length_words(result.summary),
        "summary_chars": len(result.summary),
        "headline_chars": len(headlines[0]) if headlines else 0,
        "novel_bigrams": novel_bigram_share(result.summary, body),
        "flags_summary": flags["summary"],
        "flags_headlines": flags["headlines"],
        # The editor's check (summarizer.checks) on the lead and the top headline: what an editor would fix.
        "problems_summary": sorted({p.code for p in result.problems if p.where == "summary"}),
        "problems_headline": sorted({p.code for p in result.problems if p.where == "headline:0"}),
        "warnings": list(result.warnings),
        "scores": {mode: score_article(scorer, example, result.summary, headlines) for mode, scorer in scorers.items()},
    }


# --- the run -----------------------------------------------------------------------------------


def check_engines(specs: list[str]) -> None:
    """Fail before any work for an unknown engine or a model that is not here."""
    from summarizer import engines
    from summarizer.errors import SummarizerError

    for spec in specs:
        name, arg = engines.split_spec(spec)
        try:
            cls = engines.engine_class(name)
        except SummarizerError as error:
            raise RunError(str(error)) from error
        if not cls.is_available(arg):
            raise RunError(f"engine {spec!r} is not available here (its model is not downloaded or not found)")


def engine_info(spec: str) -> dict[str, Any]:
    """What identifies the engine's model, as far as it tells (name, backend, revision)."""
    from summarizer import engines

    info: dict[str, Any] = {"spec": spec}
    try:
        engine = engines.get(spec)
    except Exception as error:  # an engine that cannot start is reported by the run itself
        return {**info, "error": str(error)}
    info["class"] = type(engine).__name__
    for attribute in ("model", "model_name", "model_id", "model_path", "backend", "revision", "version"):
        value = getattr(engine, attribute, None)
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            info[attribute] = value
    return info


def package_versions() -> dict[str, str]:
    names = ("rouge-score", "snowballstemmer", "nltk", "numpy", "torch", "transformers", "ctranslate2", "sentencepiece")
    versions = {"python": platform.python_version(), "eval": __version__}
    try:
        import summarizer

        versions["summarizer"] = summarizer.__version__
    except Exception:  # the summarizer package is someone else's work in progress; never fail on it
        pass
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    versions.update(project_commit())
    return versions


def project_commit() -> dict[str, str]:
    """The project's git commit, and whether the engines' code differed from it (work in progress)."""
    root = Path(__file__).resolve().parents[1]
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True,
                              timeout=10, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "summarizer"], cwd=root, capture_output=True,
                               text=True, timeout=10, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return {}
    return {"project_commit": head + (" (summarizer/ has uncommitted changes)" if dirty else "")}


def open_run(config: Config, dataset: Dataset) -> Path:
    """Create --out, or check that the run already in it used the same data and settings."""
    out = Path(config.out)
    out.mkdir(parents=True, exist_ok=True)
    run_file = out / RUN_FILE
    here = {"data_sha256": dataset.sha256, **config.settings()}
    here = json.loads(json.dumps(here))  # dataclasses and tuples as JSON would hold them
    if run_file.exists():
        try:
            before = json.loads(run_file.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise RunError(f"{run_file} is damaged ({error.msg}); use another --out") from error
        differs = sorted(key for key in here if before.get(key) != here[key])
        if differs:
            raise RunError(f"{out} holds a run with other settings ({', '.join(differs)}); use another --out")
    else:
        run_file.write_text(json.dumps(here, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


def read_records(path: Path) -> list[dict[str, Any]]:
    """The finished records; a last line cut off by a crash is removed from the file."""
    if not path.exists():
        return []
    raw = path.read_bytes()
    if raw and not raw.endswith(b"\n"):
        raw = raw[: raw.rfind(b"\n") + 1]
        with path.open("r+b") as handle:
            handle.truncate(len(raw))
    records = []
    for line in raw.decode("utf-8").splitlines():
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError:
                continue  # only a torn write can do this; the article is simply run again
    return records


@dataclass
class Progress:
    """What the run did, for the report."""

    done_before: int = 0
    done_now: int = 0
    seconds: float = 0.0


def run_engine(
    spec: str, pending: list[tuple[Example, str, bool]], config: Config, scorers: dict[str, Scorer], sink,
    show_progress: bool,
) -> Iterator[dict[str, Any]]:
    """Summarise and score `pending` articles with one engine, yielding each record once written."""
    from tqdm import tqdm

    from summarizer import Article, summarise_many

    articles = (Article(body=body, id=example.id) for example, body, _ in pending)
    results = summarise_many(
        articles, engine=spec, options=config.options, batch_size=config.batch_size, errors="yield"
    )
    bar = tqdm(total=len(pending), desc=f"{spec:>12}", unit="art", disable=not show_progress, dynamic_ncols=True)
    try:
        for (example, body, stripped), result in zip(pending, results, strict=True):
            record = article_record(spec, example, body, stripped, result, scorers)
            # valid_text: an id from the data may hold a lone surrogate; one such article must not stop the run.
            sink.write(valid_text(json.dumps(record, ensure_ascii=False)) + "\n")
            sink.flush()
            bar.update(1)
            yield record
    finally:
        bar.close()


def run(config: Config, show_progress: bool = True, log=print) -> dict[str, Any]:
    """Run every engine over the data (resuming what --out already holds) and write the results folder."""
    dataset = load(config.data, config.fields, config.limit, config.split)
    check_engines(config.engines)
    out = open_run(config, dataset)
    scorers = {mode: Scorer(stem=config.stem, mode=mode) for mode in config.modes}

    inputs: list[tuple[Example, str, bool]] = []
    skipped_leak = []
    for example in dataset.examples:
        body, stripped = engine_body(example.text, example.summary)
        if not body.strip():
            skipped_leak.append({"line": example.line, "reason": "the body is only the lead"})
            continue
        inputs.append((example, body, stripped))

    predictions = out / PREDICTIONS
    done = {(r["engine"], r["index"]) for r in read_records(predictions)}
    started = time.perf_counter()
    progress = Progress(done_before=sum(1 for e in config.engines for x in inputs if (e, x[0].index) in done))
    if progress.done_before:
        log(f"resuming: {progress.done_before} article results already in {predictions}")
    with predictions.open("a", encoding="utf-8") as sink:
        for spec in config.engines:
            pending = [x for x in inputs if (spec, x[0].index) not in done]
            for _ in run_engine(spec, pending, config, scorers, sink, show_progress):
                progress.done_now += 1
    progress.seconds = time.perf_counter() - started

    records = [r for r in read_records(predictions) if r["engine"] in config.engines]
    wanted = {x[0].index for x in inputs}
    latest = {(r["engine"], r["index"]): r for r in records if r["index"] in wanted}
    results = summarise_run(config, dataset, scorers, list(latest.values()), skipped_leak, inputs)
    results["run"] = asdict(progress)

    from eval import report

    report.write_all(out, results, sorted(latest.values(), key=lambda r: (config.engines.index(r["engine"]),
                                                                         r["index"])))
    return results


# --- corpus statistics -------------------------------------------------------------------------


def _interval(values: list[float], config: Config) -> dict[str, float] | None:
    if not values:
        return None
    return asdict(interval(values, config.bootstrap))


def _task_scores(rows: list[dict[str, list[float]]], config: Config) -> dict[str, Any]:
    """Per metric: the mean F with its interval, and the mean precision and recall, over one task's rows."""
    intervals: dict[str, Interval] = metric_intervals(rows, METRICS, config.bootstrap) if rows else {}
    return {
        metric: {
            "f": asdict(intervals[metric]) if rows else None,
            "precision": sum(row[metric][0] for row in rows) / len(rows) if rows else None,
            "recall": sum(row[metric][1] for row in rows) / len(rows) if rows else None,
        }
        for metric in METRICS
    }


def reason_kind(reason: str) -> str:
    """A reason without the quoted text it carries, for counting:
    "EmptyInput: the text is only a headline ('DR2 | …'): paste …" → "EmptyInput: the text is only a headline"."""
    return ": ".join(re.sub(r"\s*\(.*?\)", "", reason).split(": ")[:2])


def engine_summary(records: list[dict[str, Any]], config: Config) -> dict[str, Any]:
    """Means with intervals for one engine's finished records."""
    ok = [r for r in records if r["status"] == "ok"]
    skipped = Counter(reason_kind(r["reason"]) for r in records if r["status"] != "ok")
    scores = {
        mode: {task: _task_scores([r["scores"][mode][task] for r in ok], config) for task in TASKS}
        for mode in config.modes
    }
    novel = [r["novel_bigrams"] for r in ok if r["novel_bigrams"] is not None]
    flags = [r["flags_summary"] + r["flags_headlines"] for r in ok]
    measures = {
        "summary_words": _interval([r["summary_words"] for r in ok], config),
        "summary_chars": _interval([r["summary_chars"] for r in ok], config),
        "headline_chars": _interval([r["headline_chars"] for r in ok], config),
        "novel_bigrams": _interval(novel, config),
        "flags_per_article": _interval(flags, config),
        "flags_summary_per_article": _interval([r["flags_summary"] for r in ok], config),
        "articles_with_flags": _interval([float(f > 0) for f in flags], config),
        "seconds_per_article": _interval([r["seconds"] for r in ok], config),
        "leads_clean": _interval([float(not r.get("problems_summary")) for r in ok], config),
        "headlines_clean": _interval([float(not r.get("problems_headline")) for r in ok], config),
    }
    problem_counts = {
        "summary": dict(Counter(c for r in ok for c in r.get("problems_summary", [])).most_common()),
        "headline": dict(Counter(c for r in ok for c in r.get("problems_headline", [])).most_common()),
    }
    return {
        "articles": len(ok),
        "skipped": sum(skipped.values()),
        "skipped_reasons": dict(skipped),
        "lead_stripped": sum(1 for r in ok if r["lead_stripped"]),
        "scores": scores,
        "measures": measures,
        "problems": problem_counts,
    }


def paired_tests(records: list[dict[str, Any]], config: Config) -> list[dict[str, Any]]:
    """Each engine against the first one listed (the baseline), on the articles both scored."""
    if len(config.engines) < 2:
        return []
    by_engine: dict[str, dict[int, dict]] = {spec: {} for spec in config.engines}
    for r in records:
        if r["status"] == "ok":
            by_engine[r["engine"]][r["index"]] = r
    baseline = config.engines[0]
    tests = []
    for spec in config.engines[1:]:
        common = sorted(set(by_engine[spec]) & set(by_engine[baseline]))
        if not common:
            continue
        for mode in config.modes:
            for task in TASKS:
                for metric in METRICS:
                    a = [by_engine[spec][i]["scores"][mode][task][metric][2] for i in common]
                    b = [by_engine[baseline][i]["scores"][mode][task][metric][2] for i in common]
                    result = paired_bootstrap(a, b, resamples=config.resamples, seed=config.seed)
                    tests.append({"engine": spec, "baseline": baseline, "mode": mode, "task": task, "metric": metric,
                                  "articles": len(common), **asdict(result)})
    return tests


def mode_differences(records: list[dict[str, Any]], config: Config) -> list[dict[str, Any]]:
    """How far rouge_score's ASCII tokenizer moves each figure: mean F difference (ascii − unicode) with its
    paired interval, and the share of articles whose F changes at all."""
    if not {"unicode", "ascii"} <= set(config.modes):
        return []
    rows = []
    for spec in config.engines:
        ok = [r for r in records if r["engine"] == spec and r["status"] == "ok"]
        if not ok:
            continue
        for task in TASKS:
            for metric in METRICS:
                uni = [r["scores"]["unicode"][task][metric][2] for r in ok]
                asc = [r["scores"]["ascii"][task][metric][2] for r in ok]
                test = paired_bootstrap(asc, uni, resamples=config.resamples, seed=config.seed)
                changed = sum(abs(a - u) > 1e-12 for a, u in zip(asc, uni, strict=True)) / len(ok)
                rows.append({"engine": spec, "task": task, "metric": metric, "articles": len(ok),
                             "unicode": sum(uni) / len(ok), "ascii": sum(asc) / len(ok),
                             "difference": test.difference, "low": test.low, "high": test.high,
                             "p_value": test.p_value, "articles_changed": changed})
    return rows


def summarise_run(
    config: Config, dataset: Dataset, scorers: dict[str, Scorer], records: list[dict[str, Any]],
    skipped_leak: list[dict[str, Any]], inputs: list[tuple[Example, str, bool]],
) -> dict[str, Any]:
    # The reader's reasons in the benchmark's English, as results files have always held them.
    data_skipped = [{"line": s.line, "reason": benchmark_data.reason(s)} for s in dataset.skipped] + skipped_leak
    reasons = Counter(benchmark_data.kind(s) for s in dataset.skipped)
    reasons.update(s["reason"] for s in skipped_leak)
    per_engine = {spec: engine_summary([r for r in records if r["engine"] == spec], config) for spec in config.engines}
    missing = {spec: len(inputs) - s["articles"] - s["skipped"] for spec, s in per_engine.items()}
    return {
        "config": json.loads(json.dumps(config.record())),
        # Every figure reported with an interval depends on the bootstrap too: the signature says which (sacrebleu).
        "signatures": {mode: config.bootstrap.sign(scorer.signature) for mode, scorer in scorers.items()},
        "versions": package_versions(),
        "engines_info": {spec: engine_info(spec) for spec in config.engines},
        "data": {
            "path": str(Path(config.data)),
            "name": Path(config.data).name,
            "format": dataset.format,
            "sha256": dataset.sha256,
            "rows": dataset.rows,
            "articles": len(inputs),
            "lead_stripped": sum(1 for _, _, stripped in inputs if stripped),
        },
        "skipped": {"count": len(data_skipped), "reasons": dict(reasons), "rows": data_skipped[:200]},
        "engines": per_engine,
        "paired": paired_tests(records, config),
        "ascii_vs_unicode": mode_differences(records, config),
        "complete": not any(missing.values()),
        "host": {"machine": platform.machine(), "cpus": os.cpu_count()},
    }
