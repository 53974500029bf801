"""Fit the extractive engine on DaNewsroom and report CROSS-VALIDATED figures.

    .venv/bin/python scripts/fit_extractive.py                 # k-fold CV figures, then fit on all, write params
    .venv/bin/python scripts/fit_extractive.py --no-write      # figures only

What is fitted (see `summarizer.engines.extractive`): two logistic word models over
`MODEL_FEATURES`, one predicting which body words the real lead (`summary`) uses, one which the real
`title` uses. The lead model has a lexicon of how often common words reach the lead (words seen in at
least `LEXICON_MIN` training bodies); the title model a residual lexicon of how much more often a word
reaches the title than the plain features predict (`residual_lexicon`, encoded out of fold for its own
training rows: `title_model`). Each gets a target length `L` chosen on the training articles (the lead
model also the share of the title model blended in; the title model also the factor that weak headline
candidates are scored down by, and its L2 penalty). These choices are made on out-of-fold
probabilities: a 5-fold CV *inside* the training articles (`out_of_fold`), never on the probabilities
a model gives the articles it was fitted on.

Every figure printed is cross-validated: folds by article; each article is summarised with
parameters fitted on the other folds only (lexicon, weights and `L` included), never on itself.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from eval.tokenizers import unicode_tokens  # the tokens the reported ROUGE counts
from summarizer import headlines
from summarizer.article import Article
from summarizer.engines.extractive import (
    MODEL_FEATURES,
    PARAMS_PATH,
    WORD_FEATURES,
    ExtractiveEngine,
    Params,
    Sentence,
    WordModel,
    blend,
    body_sentences,
    design,
    headline_candidates,
    summary_candidates,
    word_features,
)
from summarizer.options import Options
from summarizer.structure import engine_body

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data" / "danewsroom-dev.jsonl"
LEXICON_MIN = 20
LEAD_LENGTHS = (15.0, 18.0, 22.0)
#: Shares of the title model's probability blended into the lead model's when sentences are chosen.
TITLE_MIXES = (0.0, 0.3, 0.5, 0.7)
TITLE_LENGTHS = (3.0, 5.0, 7.0)
#: Multiplier for weak headline candidates (fragments cut at the last word that fitted: `headlines.AT_WORD`). Set
#: for the desk, not fitted: ROUGE cannot tell 0.8 from 0.9 (top headline 14.09 and 14.08, 5-fold CV), but at 0.9
#: one top headline in six was a fragment ("Sådan kan tilstanden mellem Khloé Kardashian, 31, og Caitlyn Jenner"),
#: at 0.8 one in twelve. At 0.7 the top headline loses 0.1.
WEAK_FACTORS = (0.8,)
L2 = 1.0
#: The title model's residual lexicon (`residual_lexicon`): words in at least this many training bodies, and the
#: pseudo-count that pulls a word seen in few of them towards "as predicted".
RESIDUAL_MIN = 3
RESIDUAL_PRIOR = 2.0
#: Folds for the title lexicon's out-of-fold encoding of the training rows (`title_model`).
ENCODING_FOLDS = 5
#: L2 penalties tried on the title model's products and lexicon columns (its plain word features, a couple
#: of dozen weights on ~300,000 rows, are left almost unpenalised); `title_regularisation` picks one.
TITLE_L2 = (30.0, 300.0)
MAIN_L2 = 1e-3
#: Inner folds for the out-of-fold probabilities that lengths, factors and regularisation are chosen on. Five, not
#: three: models fitted on 80 % of the training articles give probabilities closer to those the model fitted on all
#: of them gives new articles (with three, the lead's length and title share swung from fold to fold).
INNER_FOLDS = 5


@dataclass
class Row:
    article: Article
    sentences: list[Sentence]
    types: list[str]
    X: np.ndarray  # word features without the lexicon columns
    in_lead: np.ndarray
    in_title: np.ndarray


def body_of(record: dict) -> str:
    """The body as input: cleaned, and without the lead when the body begins with it (the rule eval applies)."""
    return engine_body(record["text"], record["summary"])[0]


def load_dev(path: Path = DEV) -> list[Article]:
    """DaNewsroom rows as `Article`s (real headline and lead kept for scoring, never as input).

    Read by the library's data reader (`summarizer.data`), the one training and the benchmark read with.
    """
    from summarizer.data import load

    return [
        Article(body=body_of({"text": e.text, "summary": e.summary}), headline=e.title, lead=e.summary, id=e.id,
                source=e.source)  # fmt: skip
        for e in load(path).examples
    ]


def make_scorer():
    """(score(reference, prediction) -> {"rouge1","rouge2","rougeL"}: F, signature), the project's Danish ROUGE."""
    from eval.rouge import Scorer

    scorer = Scorer()

    def score(ref: str, pred: str) -> dict[str, float]:
        s = scorer.score(ref, pred)
        return {k: s[k].fmeasure for k in ("rouge1", "rouge2", "rougeL")}

    return score, scorer.signature


def rouge1_f(reference: str, prediction: str) -> float:
    """Fast ROUGE-1 F for tuning on training folds (same tokens as the reported scorer)."""
    a = Counter(unicode_tokens(reference))
    b = Counter(unicode_tokens(prediction))
    overlap = sum((a & b).values())
    if not overlap:
        return 0.0
    p, r = overlap / sum(b.values()), overlap / sum(a.values())
    return 2 * p * r / (p + r)


def build_rows(articles: list[Article]) -> list[Row]:
    rows = []
    for a in articles:
        sents = body_sentences(a.body)
        if not sents:
            continue
        types, X = word_features(sents)
        lead = set(unicode_tokens(a.lead or ""))
        title = set(unicode_tokens(a.headline or ""))
        rows.append(
            Row(
                a,
                sents,
                types,
                np.asarray(X, dtype=float),
                np.asarray([t in lead for t in types], dtype=float),
                np.asarray([t in title for t in types], dtype=float),
            )
        )
    return rows


def lexicon(rows: list[Row], target: str, minimum: int = LEXICON_MIN) -> dict[str, float]:
    """Log rate at which a word, when in a body, is in the target; words in ≥ `minimum` bodies."""
    seen: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    for r in rows:
        labels = getattr(r, target)
        for t, y in zip(r.types, labels, strict=True):
            seen[t] += 1
            hits[t] += int(y)
    return {t: math.log((hits[t] + 1) / (n + 5)) for t, n in seen.items() if n >= minimum}


def logistic(X: np.ndarray, y: np.ndarray, l2: float | np.ndarray = L2, steps: int = 25) -> np.ndarray:
    """L2-regularised logistic regression by Newton's method (`l2`: one penalty, or one per column)."""
    w = np.zeros(X.shape[1])
    penalty = np.broadcast_to(np.asarray(l2, dtype=float), w.shape)
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(X @ w, -30, 30)))
        gradient = X.T @ (p - y) + penalty * w
        hessian = (X.T * (p * (1 - p))) @ X + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-7:
            break
    return w


def top_headline_rouge(rows: list[Row], probabilities: list[dict[str, float]], model: WordModel,
                       options: Options) -> float:
    """Mean ROUGE-1 F of the top finalised headline against the real title (fast tokens, for tuning)."""
    total = 0.0
    for r, p in zip(rows, probabilities, strict=True):
        ranked = headline_candidates(r.sentences, r.article.body, p, model, options.max_headline_chars)
        top = headlines.finalise(ranked, r.article, options)[:1]
        total += rouge1_f(r.article.headline or "", top[0] if top else "")
    return total / max(len(rows), 1)


def lead_model(rows: list[Row]) -> WordModel:
    """The lead model on `rows`: logistic weights over `MODEL_FEATURES` and its lexicon (length not yet chosen)."""
    lex = lexicon(rows, "in_lead")
    X = np.vstack([design(r.types, r.X, lex) for r in rows])
    y = np.concatenate([r.in_lead for r in rows])
    return WordModel(tuple(float(w) for w in logistic(X, y)), lex, 0.0)


def residual_lexicon(rows: list[Row], predicted: list[np.ndarray], target: str) -> dict[str, float]:
    """log((hits + prior) / (predicted + prior)) per word in ≥ `RESIDUAL_MIN` bodies: how much more (or less)
    often the word reaches the target than a model without a lexicon predicted (`predicted`, per row)."""
    seen: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    expected: Counter[str] = Counter()
    for r, p in zip(rows, predicted, strict=True):
        for t, y, q in zip(r.types, getattr(r, target), p, strict=True):
            seen[t] += 1
            hits[t] += float(y)
            expected[t] += float(q)
    prior = RESIDUAL_PRIOR
    return {t: math.log((hits[t] + prior) / (expected[t] + prior)) for t, n in seen.items() if n >= RESIDUAL_MIN}


def title_model(rows: list[Row], l2: float) -> WordModel:
    """The title model on `rows`: a residual lexicon, products and lexicon columns penalised by `l2`.

    Titles are short and sparse: a raw lexicon needs a word in many bodies before its rate means anything.
    The residual lexicon corrects what the plain features predict, so a word seen in a few bodies can be
    listed, shrunk towards "as predicted". The training rows are encoded out of fold (each row's lexicon
    values come from the other `ENCODING_FOLDS`), or the weights would trust a lexicon that saw their labels.
    """
    y = np.concatenate([r.in_title for r in rows])
    penalty = np.where(np.arange(len(MODEL_FEATURES)) < len(WORD_FEATURES) - 2, MAIN_L2, l2)
    plain = [design(r.types, r.X, {}, residual=True) for r in rows]  # lexicon columns all 0
    base = logistic(np.vstack(plain), y, penalty)
    predicted = [1.0 / (1.0 + np.exp(-np.clip(X @ base, -30, 30))) for X in plain]
    fold = folds_of(len(rows), ENCODING_FOLDS, seed=7)
    encoded: list[np.ndarray] = [np.empty(0)] * len(rows)
    for f in range(ENCODING_FOLDS):
        others = [k for k, g in enumerate(fold) if g != f]
        lex = residual_lexicon([rows[k] for k in others], [predicted[k] for k in others], "in_title")
        for k, g in enumerate(fold):
            if g == f:
                encoded[k] = design(rows[k].types, rows[k].X, lex, residual=True)
    weights = logistic(np.vstack(encoded), y, penalty)
    lex = residual_lexicon(rows, predicted, "in_title")
    return WordModel(tuple(float(w) for w in weights), lex, 0.0, lexicon_min=RESIDUAL_MIN, l2=l2, residual=True)


def out_of_fold(
    rows: list[Row], fit_model: Callable[[list[Row]], WordModel], folds: int = INNER_FOLDS
) -> list[dict[str, float]]:
    """Every row's word probabilities from `fit_model` fitted on the *other* inner folds of `rows`.

    Tuning on these rather than on the fitted model's own (in-sample) probabilities: a model is
    surer of its training articles than of new ones (most of all the sparse title model), and
    lengths and factors chosen on in-sample probabilities suit the training articles, not new ones.
    """
    fold = folds_of(len(rows), folds, seed=2)
    out: list[dict[str, float]] = [{} for _ in rows]
    for f in range(folds):
        model = fit_model([r for r, g in zip(rows, fold, strict=True) if g != f])
        for i, (r, g) in enumerate(zip(rows, fold, strict=True)):
            if g == f:
                out[i] = model.probabilities(r.types, r.X)
    return out


def title_regularisation(rows: list[Row], options: Options) -> tuple[float, list[dict[str, float]]]:
    """The L2 penalty of `TITLE_L2` whose title model ranks headlines best on out-of-fold probabilities
    inside `rows`, and those probabilities."""
    best: tuple[float, float, list[dict[str, float]]] | None = None
    for l2 in TITLE_L2:
        probabilities = out_of_fold(rows, lambda train, l2=l2: title_model(train, l2))
        ranker = WordModel((), {}, TITLE_LENGTHS[0])  # given probabilities, only its length is used
        score = top_headline_rouge(rows, probabilities, ranker, options)
        if best is None or score > best[0]:
            best = (score, l2, probabilities)
    assert best is not None
    return best[1], best[2]


def fit(rows: list[Row], options: Options) -> Params:
    """Both word models on `rows`; then the lengths `L`, the weak factor and the title blend by ROUGE-1 on
    out-of-fold probabilities of the same rows (`out_of_fold`; they do not depend on these choices, so
    they are computed once)."""
    l2, p_title = title_regularisation(rows, options)
    p_lead = out_of_fold(rows, lead_model)
    title, lead = title_model(rows, l2), lead_model(rows)

    def title_quality(choice: tuple[float, float]) -> float:
        return top_headline_rouge(rows, p_title, replace(title, target_words=choice[0], weak_factor=choice[1]),
                                  options)

    length, factor = max(((n, f) for n in TITLE_LENGTHS for f in WEAK_FACTORS), key=title_quality)
    title = replace(title, target_words=length, weak_factor=factor)

    def lead_quality(choice: tuple[float, float]) -> float:
        model = replace(lead, target_words=choice[0])
        total = 0.0
        for r, pl, pt in zip(rows, p_lead, p_title, strict=True):
            best = summary_candidates(r.sentences, blend(pl, pt, choice[1]), model, options.max_summary_words)[0]
            total += rouge1_f(r.article.lead or "", best)
        return total

    length, mix = max(((n, m) for n in LEAD_LENGTHS for m in TITLE_MIXES), key=lead_quality)
    return Params(lead=replace(lead, target_words=length, title_mix=mix), title=title)


def folds_of(n: int, k: int, seed: int = 0) -> list[int]:
    order = list(range(n))
    random.Random(seed).shuffle(order)
    fold = [0] * n
    for rank, i in enumerate(order):
        fold[i] = rank % k
    return fold


def cross_validate(rows: list[Row], k: int, options: Options) -> tuple[list[Params], list[dict]]:
    """Per article: summary and finalised headlines from the engine fitted on the other folds."""
    fold = folds_of(len(rows), k)
    outputs: list[dict] = [{} for _ in rows]
    fitted = []
    for f in range(k):
        params = fit([r for r, g in zip(rows, fold, strict=True) if g != f], options)
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
    rows = build_rows(load_dev(args.data))
    fitted, outputs = cross_validate(rows, args.folds, options)
    report(rows, outputs, f"extractive, {args.folds}-fold CROSS-VALIDATED (each article scored by a model fitted "
           "without it)")
    print("  chosen per fold (L lead, title mix, L title, weak factor, title lexicon min, title L2):",
          [(p.lead.target_words, p.lead.title_mix, p.title.target_words, p.title.weak_factor, p.title.lexicon_min,
            p.title.l2) for p in fitted])
    if not args.no_write:
        params = fit(rows, options)
        data = {
            "about": f"scripts/fit_extractive.py: logistic word models fitted on all {len(rows)} articles of "
            f"{args.data.name} (lead model: words of the real summary; title model: words of the real title)",
            "features": list(MODEL_FEATURES),
            "lead": params.lead.to_dict(),
            "title": params.title.to_dict(),
        }
        PARAMS_PATH.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
        size = PARAMS_PATH.stat().st_size
        print(f"wrote {PARAMS_PATH.relative_to(ROOT)} ({size / 1024:.0f} kB; L lead={params.lead.target_words}, "
              f"title mix={params.lead.title_mix}, title={params.title.target_words}, "
              f"weak factor={params.title.weak_factor}, title lexicon min={params.title.lexicon_min}, "
              f"title L2={params.title.l2})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
