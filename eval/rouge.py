"""ROUGE-1, ROUGE-2, ROUGE-L and ROUGE-Lsum, correct for Danish.

The scoring follows google-research ``rouge_score`` (and so ROUGE-1.5.5) function for function:
n-gram overlap clipped by counts, LCS over the whole text for ROUGE-L, and for ROUGE-Lsum the
union LCS of every reference line against all prediction lines, with each token counted at most
as often as it occurs on both sides. Lines are split on newlines, as rouge_score does without
``split_summaries``. What differs is the tokenizer (see `eval.tokenizers`): Unicode words by
default, so æ, ø and å stay inside words.

>>> scorer = Scorer()
>>> round(scorer.score("Søren købte æbler i Århus", "Søren købte pærer i Ålborg")["rouge2"].fmeasure, 6)
0.25
>>> scorer.signature
'rouge|tok:unicode-w|stem:none|case:lower|v:0.1.0'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from eval import __version__
from eval.tokenizers import Tokenizer, make_tokenizer

METRICS = ("rouge1", "rouge2", "rougeL", "rougeLsum")


class Score(NamedTuple):
    """Precision, recall and F1 of one metric on one pair (field names as in rouge_score)."""

    precision: float
    recall: float
    fmeasure: float


ZERO = Score(0.0, 0.0, 0.0)


def fmeasure(precision: float, recall: float) -> float:
    """Harmonic mean; 0 when both are 0."""
    if precision + recall > 0:
        return 2 * precision * recall / (precision + recall)
    return 0.0


def ngram_counts(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    """How often each n-gram occurs: ``ngram_counts(["på", "vej", "hjem"], 2)`` → {(på, vej): 1, (vej, hjem): 1}."""
    return Counter(zip(*(tokens[i:] for i in range(n)), strict=False))


def score_ngrams(reference: Counter, prediction: Counter) -> Score:
    """Clipped n-gram overlap, as ``rouge_score._score_ngrams``."""
    small, large = (reference, prediction) if len(reference) <= len(prediction) else (prediction, reference)
    overlap = 0
    for gram, count in small.items():
        other = large.get(gram)
        if other:
            overlap += count if count < other else other
    precision = overlap / max(sum(prediction.values()), 1)
    recall = overlap / max(sum(reference.values()), 1)
    return Score(precision, recall, fmeasure(precision, recall))


def lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest common subsequence, bit-parallel (Hyyrö 2004): one big-int step per token of `b`."""
    if not a or not b:
        return 0
    masks: dict[str, int] = {}
    for i, token in enumerate(a):
        masks[token] = masks.get(token, 0) | (1 << i)
    full = (1 << len(a)) - 1
    v = full
    for token in b:
        match = masks.get(token)
        if match:
            u = v & match
            v = ((v + u) | (v - u)) & full
    return len(a) - v.bit_count()


def lcs_table(reference: Sequence[str], candidate: Sequence[str]) -> list[list[int]]:
    """The dynamic-programming LCS table, ``table[i][j]`` = LCS of the first i and first j tokens."""
    table = [[0] * (len(candidate) + 1)]
    for token in reference:
        above = table[-1]
        row = [0]
        left = 0
        for j, other in enumerate(candidate):
            if token == other:
                left = above[j] + 1
            elif above[j + 1] > left:
                left = above[j + 1]
            row.append(left)
        table.append(row)
    return table


def lcs_indices(reference: Sequence[str], candidate: Sequence[str]) -> list[int]:
    """Positions in `reference` of one LCS, chosen by the same backtracking as rouge_score's ``lcs_ind``."""
    table = lcs_table(reference, candidate)
    i, j = len(reference), len(candidate)
    picked: list[int] = []
    while i > 0 and j > 0:
        if reference[i - 1] == candidate[j - 1]:
            picked.append(i - 1)
            i -= 1
            j -= 1
        elif table[i][j - 1] > table[i - 1][j]:
            j -= 1
        else:
            i -= 1
    picked.reverse()
    return picked


def score_lcs(reference: Sequence[str], prediction: Sequence[str]) -> Score:
    """ROUGE-L over the whole token sequences."""
    if not reference or not prediction:
        return ZERO
    hits = lcs_length(reference, prediction)
    precision = hits / len(prediction)
    recall = hits / len(reference)
    return Score(precision, recall, fmeasure(precision, recall))


def score_summary_lcs(reference_lines: Sequence[Sequence[str]], prediction_lines: Sequence[Sequence[str]]) -> Score:
    """ROUGE-Lsum: summary-level union LCS (Lin 2004, section 3.2), without double counting, as rouge_score."""
    m = sum(map(len, reference_lines))
    n = sum(map(len, prediction_lines))
    if not m or not n:
        return ZERO
    if len(reference_lines) == 1 and len(prediction_lines) == 1:
        # One line each: the union LCS is the LCS itself and no token can be counted twice.
        return score_lcs(reference_lines[0], prediction_lines[0])
    left_r = Counter(t for line in reference_lines for t in line)
    left_c = Counter(t for line in prediction_lines for t in line)
    hits = 0
    for line in reference_lines:
        union: set[int] = set()
        for candidate in prediction_lines:
            if not set(line).isdisjoint(candidate):  # no shared token, no LCS
                union.update(lcs_indices(line, candidate))
        for token in (line[i] for i in sorted(union)):
            if left_c[token] > 0 and left_r[token] > 0:
                hits += 1
                left_c[token] -= 1
                left_r[token] -= 1
    precision = hits / n
    recall = hits / m
    return Score(precision, recall, fmeasure(precision, recall))


def split_lines(text: str) -> list[str]:
    """The non-empty lines of `text`: ROUGE-Lsum's "sentences" (rouge_score splits on ``\\n`` only)."""
    return [line for line in text.split("\n") if line]


def rouge(reference_lines: Sequence[Sequence[str]], prediction_lines: Sequence[Sequence[str]]) -> dict[str, Score]:
    """All four metrics from tokenized lines (tokens of the whole text = the lines' tokens joined)."""
    reference = [t for line in reference_lines for t in line]
    prediction = [t for line in prediction_lines for t in line]
    return {
        "rouge1": score_ngrams(Counter(reference), Counter(prediction)),
        "rouge2": score_ngrams(ngram_counts(reference, 2), ngram_counts(prediction, 2)),
        "rougeL": score_lcs(reference, prediction),
        "rougeLsum": score_summary_lcs(reference_lines, prediction_lines),
    }


def signature(metric: str, tokenizer: Tokenizer) -> str:
    """sacrebleu-style signature: two figures are comparable only when their signatures match."""
    return f"{metric}|tok:{tokenizer.name}|stem:{tokenizer.stem_name}|case:lower|v:{__version__}"


class Scorer:
    """Scores a prediction against a reference with ROUGE-1/2/L/Lsum.

    ``mode="unicode"`` (default) keeps æ, ø, å inside words and stems with Snowball Danish;
    ``mode="ascii"`` is rouge_score's default tokenizer (and Porter stemmer), for reproducing
    published figures. A custom `tokenizer` (anything with ``tokenize(text)``, ``name`` and
    ``stem_name``) overrides both.

    >>> Scorer(stem=True).score("Børn på Vorupør Strand", "Børnene på Vorupør strand")["rouge1"].fmeasure
    1.0
    """

    def __init__(self, stem: bool = False, mode: str = "unicode", tokenizer: Tokenizer | None = None) -> None:
        self.stem = stem
        self.mode = mode
        self.tokenizer = tokenizer or make_tokenizer(mode, stem)

    @property
    def signature(self) -> str:
        """e.g. ``rouge|tok:unicode-w|stem:snowball-da|case:lower|v:0.1.0`` (all four metrics)."""
        return signature("rouge", self.tokenizer)

    def signature_for(self, metric: str) -> str:
        """The signature of one metric, e.g. ``rouge2|tok:unicode-w|stem:none|case:lower|v:0.1.0``."""
        return signature(metric, self.tokenizer)

    def tokenize_lines(self, text: str) -> list[list[str]]:
        tokenize = self.tokenizer.tokenize
        return [tokenize(line) for line in split_lines(text)]

    def score(self, reference: str, prediction: str) -> dict[str, Score]:
        """Scores for "rouge1", "rouge2", "rougeL" and "rougeLsum"."""
        return rouge(self.tokenize_lines(reference), self.tokenize_lines(prediction))

    def score_many(self, references: Sequence[str], predictions: Sequence[str]) -> list[dict[str, Score]]:
        """One score dict per pair, in order."""
        if len(references) != len(predictions):
            raise ValueError(f"{len(references)} references but {len(predictions)} predictions")
        return [self.score(r, p) for r, p in zip(references, predictions, strict=True)]
