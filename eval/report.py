"""Writing a run's results folder: results.json, predictions (JSONL + CSV), results.md and a chart.

The Markdown table puts each engine's Unicode and ASCII figures on adjacent rows, with the
signature of each mode under the table: figures are comparable only when signatures match.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from eval.rouge import METRICS
from summarizer.results import csv_cell, valid_text

TASK_NAMES = {
    "summary": "summary vs lead",
    "headline": "headline (top) vs title",
    "headline_best": "headline (best of N)",
}
METRIC_NAMES = {"rouge1": "ROUGE-1", "rouge2": "ROUGE-2", "rougeL": "ROUGE-L", "rougeLsum": "ROUGE-Lsum"}


def write_all(out: Path, results: dict[str, Any], records: list[dict[str, Any]]) -> None:
    # valid_text: an id or reason from the data may hold a lone surrogate, which no UTF-8 file takes.
    (out / "results.json").write_text(valid_text(json.dumps(results, indent=2, ensure_ascii=False)) + "\n",
                                      encoding="utf-8")  # fmt: skip
    write_csv(out / "predictions.csv", records, results["config"]["modes"])
    (out / "results.md").write_text(valid_text(markdown(results)), encoding="utf-8")
    chart(out / "chart.png", results)


def write_csv(path: Path, records: list[dict[str, Any]], modes: list[str]) -> None:
    """One row per engine and article: the outputs and every F score, flat for a spreadsheet."""
    score_columns = [f"{mode}_{task}_{metric}_f" for mode in modes for task in TASK_NAMES for metric in METRICS]
    columns = ["engine", "index", "line", "id", "status", "reason", "lead_stripped", "summary", "headline",
               "headlines", "summary_words", "summary_chars", "novel_bigrams", "flags_summary", "flags_headlines",
               "seconds", *score_columns]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for record in records:
            row = dict(record)
            headlines = record.get("headlines") or []
            row["headline"] = headlines[0] if headlines else ""
            row["headlines"] = " | ".join(headlines)
            for mode, tasks in (record.get("scores") or {}).items():
                for task, metrics in tasks.items():
                    for metric, (_, _, f) in metrics.items():
                        row[f"{mode}_{task}_{metric}_f"] = round(f, 6)
            # A model's output or a wire id starting with = + - @ is a formula to a spreadsheet: neutralised.
            writer.writerow({key: _cell(value) for key, value in row.items()})


def _cell(value: Any) -> Any:
    return csv_cell(valid_text(value)) if isinstance(value, str) else value


def cell(interval: dict[str, float] | None, scale: float = 100.0, digits: int = 1) -> str:
    """``29.5 [28.9, 30.1]``: the mean and its 95% interval."""
    if not interval:
        return "–"
    return f"{interval['mean'] * scale:.{digits}f} [{interval['low'] * scale:.{digits}f}, " \
           f"{interval['high'] * scale:.{digits}f}]"


SHORT = ("rouge1", "rouge2", "rougeL")  # the side tables leave out Lsum, which equals L on one-line outputs


def markdown(results: dict[str, Any]) -> str:
    """results.md: the score table with signatures, then the other measures, tests and skips."""
    sections = [header(results), score_table(results), printable_table(results), measures_table(results),
                paired_table(results),
                difference_table(results), skipped_list(results)]
    return "\n\n".join(section for section in sections if section) + "\n"


def header(results: dict[str, Any]) -> str:
    config, data = results["config"], results["data"]
    return (
        f"# ROUGE on {data['name']}\n\n"
        f"{data['articles']} articles ({data['rows']} rows read, {results['skipped']['count']} skipped; "
        f"lead cut from the body of {data['lead_stripped']}); sha256 `{data['sha256'][:16]}…`; "
        f"mean F × 100 with 95% bootstrap interval ({config['resamples']} resamples, seed {config['seed']}); "
        f"project commit {results['versions'].get('project_commit', 'unknown')}."
        + ("" if results.get("complete", True) else
           "\n\n**Incomplete:** some articles have no result yet; run the same command again to finish.")
    )


def score_table(results: dict[str, Any]) -> str:
    lines = [
        "| engine | task | tokens | n | " + " | ".join(f"{METRIC_NAMES[m]} F" for m in METRICS) + " |",
        "|---|---|---|---:|" + "---:|" * len(METRICS),
    ]
    for spec, summary in results["engines"].items():
        for task, task_name in TASK_NAMES.items():
            for mode in results["config"]["modes"]:
                metrics = summary["scores"][mode][task]
                lines.append(f"| {spec} | {task_name} | {mode} | {summary['articles']} | "
                             + " | ".join(cell(metrics[m]["f"]) for m in METRICS) + " |")
    lines += ["", "Signatures:", ""]
    lines += [f"- {mode}: `{signature}`" for mode, signature in results["signatures"].items()]
    return "\n".join(lines)


def printable_table(results: dict[str, Any]) -> str:
    """The editor's check beside ROUGE: the share of leads and top headlines with no problem, and each code's count."""
    lines = [
        "| engine | leads with no problem % | top headlines with no problem % | problems in leads | "
        "problems in top headlines |",
        "|---|---:|---:|---|---|",
    ]
    for spec, summary in results["engines"].items():
        m = summary["measures"]
        if "leads_clean" not in m:
            continue  # a run written before the check existed
        counts = summary.get("problems", {})

        def listed(kind: str, counts: dict = counts) -> str:
            return ", ".join(f"{code} {n}" for code, n in counts.get(kind, {}).items()) or "none"

        lines.append(f"| {spec} | {cell(m['leads_clean'])} | {cell(m['headlines_clean'])} | {listed('summary')} | "
                     f"{listed('headline')} |")  # fmt: skip
    return "\n".join(lines)


def measures_table(results: dict[str, Any]) -> str:
    lines = [
        "| engine | summary words | summary chars | headline chars | novel bigrams % | fact flags / article | "
        "articles with flags % | ms / article | skipped |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for spec, summary in results["engines"].items():
        m = summary["measures"]
        lines.append(
            f"| {spec} | {cell(m['summary_words'], 1)} | {cell(m['summary_chars'], 1, 0)} | "
            f"{cell(m['headline_chars'], 1, 0)} | {cell(m['novel_bigrams'])} | {cell(m['flags_per_article'], 1, 2)} | "
            f"{cell(m['articles_with_flags'])} | {cell(m['seconds_per_article'], 1000, 1)} | {summary['skipped']} |"
        )
    return "\n".join(lines)


def _grouped(rows: list[dict[str, Any]], keys: tuple[str, ...]) -> dict[tuple, dict[str, dict]]:
    groups: dict[tuple, dict[str, dict]] = {}
    for row in rows:
        if row["metric"] in SHORT:
            groups.setdefault(tuple(row[k] for k in keys), {})[row["metric"]] = row
    return groups


def paired_table(results: dict[str, Any]) -> str:
    groups = _grouped(results["paired"], ("engine", "task", "mode"))
    if not groups:
        return ""
    baseline = results["paired"][0]["baseline"]
    lines = [f"Paired bootstrap against `{baseline}` (difference in F × 100, 95% interval, two-sided p):", "",
             "| engine | task | tokens | " + " | ".join(METRIC_NAMES[m] for m in SHORT) + " |",
             "|---|---|---|---:|---:|---:|"]
    for (spec, task, mode), tests in groups.items():
        cells = [f"{t['difference'] * 100:+.1f} [{t['low'] * 100:+.1f}, {t['high'] * 100:+.1f}] p={t['p_value']:.3f}"
                 for t in (tests[m] for m in SHORT)]
        lines.append(f"| {spec} | {TASK_NAMES[task]} | {mode} | " + " | ".join(cells) + " |")
    lines += ["", signature_line(results)]
    return "\n".join(lines)


def signature_line(results: dict[str, Any]) -> str:
    return "Signatures: " + "; ".join(f"{mode} `{sig}`" for mode, sig in results["signatures"].items())


def difference_table(results: dict[str, Any]) -> str:
    groups = _grouped(results.get("ascii_vs_unicode", []), ("engine", "task"))
    if not groups:
        return ""
    lines = ["How far rouge_score's ASCII tokenizer moves the figures (ASCII − Unicode, F × 100, 95% paired interval; "
             "share of articles whose score changes):", "",
             "| engine | task | " + " | ".join(METRIC_NAMES[m] for m in SHORT) + " |", "|---|---|---:|---:|---:|"]
    for (spec, task), diffs in groups.items():
        cells = [f"{d['difference'] * 100:+.2f} [{d['low'] * 100:+.2f}, {d['high'] * 100:+.2f}]; "
                 f"{d['articles_changed'] * 100:.0f}% changed" for d in (diffs[m] for m in SHORT)]
        lines.append(f"| {spec} | {TASK_NAMES[task]} | " + " | ".join(cells) + " |")
    lines += ["", signature_line(results)]
    return "\n".join(lines)


def skipped_list(results: dict[str, Any]) -> str:
    lines = [f"- {count} × {reason}" for reason, count in results["skipped"]["reasons"].items()]
    for spec, summary in results["engines"].items():
        lines += [f"- {spec}: {count} × {reason}" for reason, count in summary["skipped_reasons"].items()]
    return "Skipped:\n\n" + "\n".join(lines) if lines else ""


def chart(path: Path, results: dict[str, Any]) -> None:
    """Bars of mean F per engine, metric and task, with 95% intervals; Unicode solid, ASCII hatched."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    engines = list(results["engines"])
    modes = results["config"]["modes"]
    fig, axes = plt.subplots(1, len(TASK_NAMES), figsize=(5 * len(TASK_NAMES), 4.2), sharey=True)
    colours = plt.get_cmap("tab10")
    bars_per_group = len(engines) * len(modes)
    width = 0.8 / max(bars_per_group, 1)
    for ax, (task, task_name) in zip(axes, TASK_NAMES.items(), strict=True):
        for e, spec in enumerate(engines):
            for k, mode in enumerate(modes):
                means, errors = [], [[], []]
                for metric in METRICS:
                    f = results["engines"][spec]["scores"][mode][task][metric]["f"] or {"mean": 0, "low": 0, "high": 0}
                    means.append(f["mean"] * 100)
                    errors[0].append((f["mean"] - f["low"]) * 100)
                    errors[1].append((f["high"] - f["mean"]) * 100)
                offset = (e * len(modes) + k) * width - 0.4 + width / 2
                ax.bar([i + offset for i in range(len(METRICS))], means, width, yerr=errors, capsize=2,
                       color=colours(e), alpha=1.0 if mode == "unicode" else 0.45,
                       hatch=None if mode == "unicode" else "//", label=f"{spec} ({mode})")
        ax.set_xticks(range(len(METRICS)), [METRIC_NAMES[m] for m in METRICS])
        ax.set_title(task_name)
        ax.grid(axis="y", alpha=0.3)
    axes[0].set_ylabel("mean F × 100 (95% CI)")
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=bars_per_group, fontsize=8, frameon=False)
    fig.suptitle(f"{results['data']['name']}: {results['data']['articles']} articles — "
                 + "; ".join(results["signatures"].values()), fontsize=8)
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    fig.savefig(path, dpi=110)
    plt.close(fig)
