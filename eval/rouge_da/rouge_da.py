"""ROUGE for Danish as a Hugging Face `evaluate` metric that works offline.

    import evaluate
    rouge = evaluate.load("eval/rouge_da")           # a local folder: nothing is downloaded
    rouge.compute(predictions=["Ny færge til Ærø"], references=["Ærø får ny færge"], use_stemmer=True)

The numbers are those of the project's `eval.rouge.Scorer` (Unicode words, Snowball Danish
stemming), so the project root must be importable (run from it, or put it on PYTHONPATH).
`evaluate` checks this script's import lines one by one, so keep one module per `import` line.
"""

import datasets
import evaluate

from eval.rouge import METRICS, Scorer

_CITATION = """\
@inproceedings{lin-2004-rouge,
    title = "{ROUGE}: A Package for Automatic Evaluation of Summaries",
    author = "Lin, Chin-Yew",
    booktitle = "Text Summarization Branches Out",
    year = "2004",
    publisher = "Association for Computational Linguistics",
    url = "https://aclanthology.org/W04-1013",
    pages = "74--81",
}
"""

_DESCRIPTION = """\
ROUGE-1, ROUGE-2, ROUGE-L and ROUGE-Lsum computed on lower-cased Unicode word tokens, so the
Danish letters æ, ø and å stay inside words (google-research rouge_score, and `evaluate.load("rouge")`,
drop every character outside a-z0-9: "søndag" becomes "s" + "ndag"). With `use_stemmer=True`
tokens longer than 3 characters are stemmed with the Snowball Danish stemmer. `mode="ascii"`
reproduces rouge_score's default tokenizer (and Porter stemmer) for comparison with published figures.
Equal to rouge_score on ASCII-only text. ROUGE-Lsum splits summaries on newlines.
"""

_KWARGS_DESCRIPTION = """
Args:
    predictions: list of predictions to score.
    references: list of references, one per prediction (a string, or a list of strings: the best
        reference by F per metric is used, as rouge_score's `score_multi`).
    rouge_types: which of "rouge1", "rouge2", "rougeL", "rougeLsum" (default all four).
    use_aggregator: True (default) returns the mean F per type; False a list of F per prediction.
    use_stemmer: Snowball Danish stemming of tokens longer than 3 characters (default False).
    mode: "unicode" (default) or "ascii" (rouge_score's default tokenizer).
Returns:
    a dict with one entry per rouge type and "signature", the string that says how it was computed.
Examples:
    >>> rouge = evaluate.load("eval/rouge_da")
    >>> rouge.compute(predictions=["Søren købte pærer i Ålborg"],
    ...               references=["Søren købte æbler i Århus"])["rouge2"]
    0.25
"""


@evaluate.utils.file_utils.add_start_docstrings(_DESCRIPTION, _KWARGS_DESCRIPTION)
class RougeDa(evaluate.Metric):
    def _info(self):
        return evaluate.MetricInfo(
            description=_DESCRIPTION,
            citation=_CITATION,
            inputs_description=_KWARGS_DESCRIPTION,
            features=[
                datasets.Features(
                    {
                        "predictions": datasets.Value("string", id="sequence"),
                        "references": datasets.Sequence(datasets.Value("string", id="sequence")),
                    }
                ),
                datasets.Features(
                    {
                        "predictions": datasets.Value("string", id="sequence"),
                        "references": datasets.Value("string", id="sequence"),
                    }
                ),
            ],
            reference_urls=[
                "https://aclanthology.org/W04-1013",
                "https://github.com/google-research/google-research/tree/master/rouge",
            ],
        )

    def _compute(
        self, predictions, references, rouge_types=None, use_aggregator=True, use_stemmer=False, mode="unicode"
    ):
        types = list(rouge_types or METRICS)
        unknown = [t for t in types if t not in METRICS]
        if unknown:
            raise ValueError(f"unknown rouge type(s) {unknown}; choose from {list(METRICS)}")
        scorer = Scorer(stem=use_stemmer, mode=mode)
        per_item = {t: [] for t in types}
        for prediction, reference in zip(predictions, references, strict=True):
            candidates = [reference] if isinstance(reference, str) else list(reference)
            scored = [scorer.score(r, prediction) for r in candidates]
            for t in types:
                per_item[t].append(max(s[t].fmeasure for s in scored) if scored else 0.0)
        result = dict(per_item)
        if use_aggregator:
            result = {t: (sum(v) / len(v) if v else 0.0) for t, v in per_item.items()}
        result["signature"] = scorer.signature
        return result
