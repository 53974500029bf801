"""Fit the extractive engine's sentence scorer on DaNewsroom and report CROSS-VALIDATED figures.

    .venv/bin/python scripts/fit_extractive.py                 # k-fold CV figures, then fit on all, write params
    .venv/bin/python scripts/fit_extractive.py --no-write      # figures only

The model: ridge regression (centred within each article) from the sentence features in
`summarizer.engines.extractive.FEATURES` to each body sentence's ROUGE-1 F against the real lead
(`summary`), and from the same features to the ROUGE-1 F of the sentence compressed to a headline
against the real `title` (to rank headline sources). `min_free_words` (when to add a second sentence) is
chosen on the training folds. Every figure printed is cross-validated: each article is scored
with parameters fitted on the *other* folds (folds by article), never on itself.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer import headlines  # noqa: E402
from summarizer.article import Article  # noqa: E402
from summarizer.engines.base import Options  # noqa: E402
from summarizer.engines.extractive import (  # noqa: E402
    FEATURES,
    PARAMS_PATH,
    ExtractiveEngine,
    Params,
    Sentence,
    assemble,
    body_sentences,
    choose,
    fit_words,
    sentence_features,
)

DEV = ROOT.parent / "shared" / "data" / "danewsroom-dev.jsonl"
TOKEN = re.compile(r"\w+")
MIN_FREE_CHOICES = (4, 8, 12, 16, 20, 99)  # 99: never a second sentence
RIDGE = 1.0


@dataclass
class Row:
    article: Article
    sentences: list[Sentence]
    X: np.ndarray
    y: np.ndarray  # ROUGE-1 F of each sentence (as the summary would print it) against the real lead
    y_title: np.ndarray  # ROUGE-1 F of each sentence compressed to a headline against the real title


def body_of(record: dict) -> str:
    """The body as input: without the lead when the body begins with it."""
    text, lead = record["text"], record["summary"].strip()
    if lead and text.startswith(lead):
        text = text[len(lead) :].lstrip()
    return text


def load_dev(path: Path = DEV) -> list[Article]:
    """DaNewsroom rows as `Article`s (real headline and lead kept for scoring, never as input)."""
    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            out.append(Article(body=body_of(r), headline=r["title"], lead=r["summary"], id=r["id"], source=r["site"]))
    return out


def make_scorer():
    """(score(reference, prediction) -> {"rouge1","rouge2","rougeL"}: F, signature).

    The project's Danish ROUGE (`eval.rouge.Scorer`) when present; else google `rouge_score` given
    the lower-cased Unicode ``\\w+`` tokenizer that the shared reference vectors pin.
    """
    try:
        from eval.rouge import Scorer

        scorer = Scorer()

        def score(ref: str, pred: str) -> dict[str, float]:
            s = scorer.score(ref, pred)
            return {k: s[k].fmeasure for k in ("rouge1", "rouge2", "rougeL")}

        return score, scorer.signature
    except ImportError:
        from rouge_score.rouge_scorer import RougeScorer

        class UnicodeWords:
            def tokenize(self, text: str) -> list[str]:
                return TOKEN.findall(text.lower())

        rs = RougeScorer(["rouge1", "rouge2", "rougeL"], tokenizer=UnicodeWords())

        def score(ref: str, pred: str) -> dict[str, float]:
            s = rs.score(ref, pred)
            return {k: s[k].fmeasure for k in ("rouge1", "rouge2", "rougeL")}

        return score, "rouge_score|tok:unicode-w|stem:none|case:lower"


def rouge1_f(reference: str, prediction: str) -> float:
    """Fast ROUGE-1 F for fitting targets (same tokens as the reported scorer)."""
    a = Counter(TOKEN.findall(reference.lower()))
    b = Counter(TOKEN.findall(prediction.lower()))
    overlap = sum((a & b).values())
    if not overlap:
        return 0.0
    p, r = overlap / sum(b.values()), overlap / sum(a.values())
    return 2 * p * r / (p + r)


def build_rows(articles: list[Article], budget: int, limit: int) -> list[Row]:
    rows = []
    for a in articles:
        sents = body_sentences(a.body)
        if not sents:
            continue
        X = np.asarray(sentence_features(sents), dtype=float)
        y = np.asarray([rouge1_f(a.lead or "", fit_words(s.text, budget)) for s in sents])
        y_title = np.asarray([rouge1_f(a.headline or "", headlines.compress(s.text, limit)) for s in sents])
        rows.append(Row(a, sents, X, y, y_title))
    return rows


def fit_weights(rows: list[Row], ridge: float = RIDGE, target: str = "y") -> np.ndarray:
    """Ridge on features and targets centred within each article.

    Only the ranking of sentences inside one article matters, so centring removes what varies
    between articles (some leads are easier to match than others); the bias weight is then 0.
    """
    X = np.vstack([r.X - r.X.mean(axis=0) for r in rows])
    y = np.concatenate([getattr(r, target) - getattr(r, target).mean() for r in rows])
    penalty = ridge * np.eye(X.shape[1])
    return np.linalg.solve(X.T @ X + penalty, X.T @ y)


def summary_for(row: Row, w: np.ndarray, min_free: int, budget: int) -> str:
    scores = list(row.X @ w)
    return assemble(choose(row.sentences, scores, budget, min_free), budget)


def fit(rows: list[Row], budget: int) -> Params:
    """Weights by ridge, then `min_free_words` by mean ROUGE-1 on these same (training) rows."""
    w = fit_weights(rows)
    best = max(
        MIN_FREE_CHOICES,
        key=lambda m: statistics.fmean(rouge1_f(r.article.lead or "", summary_for(r, w, m, budget)) for r in rows),
    )
    wh = fit_weights(rows, target="y_title")
    return Params(
        weights=tuple(float(x) for x in w), headline_weights=tuple(float(x) for x in wh), min_free_words=best
    )


def folds_of(n: int, k: int, seed: int = 0) -> list[int]:
    order = list(range(n))
    random.Random(seed).shuffle(order)
    fold = [0] * n
    for rank, i in enumerate(order):
        fold[i] = rank % k
    return fold


def cross_validate(rows: list[Row], k: int, options: Options) -> tuple[list[Params], list[dict[str, str | list]]]:
    """Per article: summary and finalised headlines from the engine fitted on the other folds."""
    fold = folds_of(len(rows), k)
    outputs: list[dict] = [{} for _ in rows]
    fitted = []
    for f in range(k):
        train = [r for r, g in zip(rows, fold, strict=True) if g != f]
        params = fit(train, options.max_summary_words)
        fitted.append(params)
        engine = ExtractiveEngine(params)
        for i, (r, g) in enumerate(zip(rows, fold, strict=True)):
            if g == f:
                draft = engine.summarise(r.article, options)
                outputs[i] = {
                    "summary": draft.summary,
                    "headlines": headlines.finalise(draft.headlines, r.article, options),
                }
    return fitted, outputs


def score_outputs(articles: list[Article], outputs: list[dict]) -> tuple[dict[str, list[float]], str]:
    """Per-article scores (F, 0..1): summary vs real lead, top headline and best of five vs real title."""
    score, signature = make_scorer()
    out: dict[str, list[float]] = {k: [] for k in ("rouge1", "rouge2", "rougeL", "headline_top", "headline_best5")}
    for a, o in zip(articles, outputs, strict=True):
        s = score(a.lead or "", o["summary"])
        for k in ("rouge1", "rouge2", "rougeL"):
            out[k].append(s[k])
        hs = [score(a.headline or "", h)["rouge1"] for h in o["headlines"][:5]] or [0.0]
        out["headline_top"].append(hs[0])
        out["headline_best5"].append(max(hs))
    return out, signature


def report(rows: list[Row], outputs: list[dict], title: str) -> dict[str, float]:
    scores, signature = score_outputs([r.article for r in rows], outputs)
    figures = {k: 100 * statistics.fmean(v) for k, v in scores.items()}
    print(f"{title}  [{signature}], n={len(rows)}")
    for name, value in figures.items():
        print(f"  {name:16s} {value:6.2f}")
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEV)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--no-write", action="store_true", help="print the CV figures only")
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"error: {args.data} not found (the shared DaNewsroom dev set)", file=sys.stderr)
        return 2
    options = Options()
    rows = build_rows(load_dev(args.data), options.max_summary_words, options.max_headline_chars)
    fitted, outputs = cross_validate(rows, args.folds, options)
    report(rows, outputs, f"extractive, {args.folds}-fold cross-validated (each article scored by a model fitted "
           "without it)")
    print("  min_free_words per fold:", [p.min_free_words for p in fitted])
    if not args.no_write:
        params = fit(rows, options.max_summary_words)
        PARAMS_PATH.write_text(
            json.dumps(
                {
                    "about": "scripts/fit_extractive.py: ridge weights predicting a sentence's ROUGE-1 F vs the real "
                    f"lead, fitted on all {len(rows)} articles of danewsroom-dev.jsonl",
                    "features": list(FEATURES),
                    "weights": [round(w, 6) for w in params.weights],
                    "headline_weights": [round(w, 6) for w in params.headline_weights],
                    "min_free_words": params.min_free_words,
                },
                indent=1,
                ensure_ascii=False,
            )
            + "\n",
            encoding="utf-8",
        )
        print(f"wrote {PARAMS_PATH.relative_to(ROOT)} (min_free_words={params.min_free_words})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
