"""Specification of the project's Danish ROUGE (eval.rouge, eval.tokenizers)."""

from __future__ import annotations

import json
import random
import string
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rouge_score import rouge_scorer

from eval.rouge import METRICS, Score, Scorer, lcs_length, lcs_table
from eval.tokenizers import ascii_tokens, make_tokenizer, unicode_tokens

VECTORS = Path(__file__).resolve().parents[1].parent / "shared" / "reference" / "rouge-da-vectors.jsonl"

# Pairs we wrote ourselves; the numbers were computed with google-research rouge_score given the
# project's Unicode tokenizer (and checked again below), so the scorer is pinned even without ../shared.
OWN_VECTORS = [
    ("Regeringen vil bruge 2 mia. kr. på nye cykelstier i Aarhus", "Aarhus får nye cykelstier for 2 mia. kr.", False, {
        "rouge1": (0.75, 0.545455, 0.631579),
        "rouge2": (0.428571, 0.3, 0.352941),
        "rougeL": (0.375, 0.272727, 0.315789),
        "rougeLsum": (0.375, 0.272727, 0.315789),
    }),
    ("Færgen til Ærø sejlede søndag trods stormen", "Trods storm sejlede færgen søndag til Ærø", False, {
        "rouge1": (0.857143, 0.857143, 0.857143),
        "rouge2": (0.166667, 0.166667, 0.166667),
        "rougeL": (0.428571, 0.428571, 0.428571),
        "rougeLsum": (0.428571, 0.428571, 0.428571),
    }),
    ("Politiet efterlyser bl.a. vidner efter røveriet kl. 13.11", "Vidner efterlyses efter røveri kl. 13.11", True, {
        "rouge1": (1.0, 0.7, 0.823529),
        "rouge2": (0.666667, 0.444444, 0.533333),
        "rougeL": (0.857143, 0.6, 0.705882),
        "rougeLsum": (0.857143, 0.6, 0.705882),
    }),
    ("Børnene legede på stranden ved Løkken", "Børn leger på strandene i Løkken", True, {
        "rouge1": (0.666667, 0.666667, 0.666667),
        "rouge2": (0.2, 0.2, 0.2),
        "rougeL": (0.666667, 0.666667, 0.666667),
        "rougeLsum": (0.666667, 0.666667, 0.666667),
    }),
    ("Kommunen sparer på skolerne.\nBorgmesteren er bekymret for skolerne.",
     "Borgmesteren er bekymret.\nKommunen sparer på skolerne og skolerne lukker.", False, {
        "rouge1": (0.8, 0.888889, 0.842105),
        "rouge2": (0.555556, 0.625, 0.588235),
        "rougeL": (0.5, 0.555556, 0.526316),
        "rougeLsum": (0.8, 0.888889, 0.842105),
    }),
    ("Der kommer først vinterdæk på bussen den 24. februar", "– Bussen får vinterdæk 24. februar", False, {
        "rouge1": (0.8, 0.444444, 0.571429),
        "rouge2": (0.25, 0.125, 0.166667),
        "rougeL": (0.6, 0.333333, 0.428571),
        "rougeLsum": (0.6, 0.333333, 0.428571),
    }),
]

SCORERS = {False: Scorer(stem=False), True: Scorer(stem=True)}
ASCII_SCORERS = {False: Scorer(stem=False, mode="ascii"), True: Scorer(stem=True, mode="ascii")}
RS_DEFAULT = {
    stem: rouge_scorer.RougeScorer(list(METRICS), use_stemmer=stem) for stem in (False, True)
}


def _shared_vectors() -> list[dict]:
    if not VECTORS.exists():
        return []
    return [json.loads(line) for line in VECTORS.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.skipif(not VECTORS.exists(), reason="../shared/reference/rouge-da-vectors.jsonl is not here")
@pytest.mark.parametrize("vector", _shared_vectors(), ids=lambda v: f"{v['reference'][:24]}|stem={v['stem']}")
def test_reproduces_every_shared_reference_vector_to_1e6(vector: dict) -> None:
    scores = SCORERS[vector["stem"]].score(vector["reference"], vector["prediction"])
    for metric in METRICS:
        for field in ("precision", "recall", "fmeasure"):
            assert getattr(scores[metric], field) == pytest.approx(vector[metric][field], abs=1e-6), (metric, field)


def test_the_shared_vector_file_has_all_30_pairs_when_present() -> None:
    if not VECTORS.exists():
        pytest.skip("../shared is not here")
    assert len(_shared_vectors()) == 30


@pytest.mark.parametrize(("reference", "prediction", "stem", "expected"), OWN_VECTORS)
def test_reproduces_our_own_danish_vectors(reference: str, prediction: str, stem: bool, expected: dict) -> None:
    scores = SCORERS[stem].score(reference, prediction)
    for metric, values in expected.items():
        assert tuple(scores[metric]) == pytest.approx(values, abs=1e-6), metric


@pytest.mark.parametrize(("reference", "prediction", "stem", "expected"), OWN_VECTORS)
def test_own_vectors_agree_with_rouge_score_given_the_same_tokenizer(
    reference: str, prediction: str, stem: bool, expected: dict
) -> None:
    theirs_scorer = rouge_scorer.RougeScorer(list(METRICS), tokenizer=make_tokenizer("unicode", stem))
    theirs = theirs_scorer.score(reference, prediction)
    ours = SCORERS[stem].score(reference, prediction)
    assert {m: tuple(ours[m]) for m in METRICS} == {m: tuple(theirs[m]) for m in METRICS}


def test_danish_letters_stay_inside_words() -> None:
    assert unicode_tokens("Søndag i Ærøskøbing") == ["søndag", "i", "ærøskøbing"]
    # rouge_score's default, reproduced by the ASCII mode, tears them apart:
    assert ascii_tokens("Søndag i Ærøskøbing") == ["s", "ndag", "i", "r", "sk", "bing"]


def test_the_ascii_default_inflates_rouge2_on_the_first_reference_pair() -> None:
    reference, prediction = "Søren købte æbler i Århus", "Søren købte pærer i Ålborg"
    assert Scorer().score(reference, prediction)["rouge2"].fmeasure == pytest.approx(0.25)
    assert Scorer(mode="ascii").score(reference, prediction)["rouge2"].fmeasure == pytest.approx(0.461538, abs=1e-6)


def test_decomposed_letters_count_as_the_same_word() -> None:
    decomposed = unicodedata.normalize("NFD", "Århus")
    assert Scorer().score("Århus", decomposed)["rouge1"].fmeasure == 1.0


def test_only_tokens_longer_than_three_characters_are_stemmed() -> None:
    assert unicode_tokens("Ærø får nye færger", stem=lambda word: "STEM") == ["ærø", "får", "nye", "STEM"]
    tokenizer = make_tokenizer("unicode", stem=True)
    assert tokenizer.tokenize("Børnene legede med hestene") == ["børn", "leged", "med", "hest"]
    assert tokenizer.tokenize("huse biler") == ["hus", "bil"]


def test_lsum_splits_on_newlines_like_rouge_score() -> None:
    reference = "Kommunen sparer på skolerne.\nBorgmesteren er bekymret."
    prediction = "Borgmesteren er bekymret.\nKommunen sparer på skolerne."
    scores = Scorer().score(reference, prediction)
    assert scores["rougeLsum"].fmeasure == 1.0
    assert scores["rougeL"].fmeasure < 1.0
    # on one line each, Lsum is L
    flat = Scorer().score(reference.replace("\n", " "), prediction.replace("\n", " "))
    assert flat["rougeLsum"] == flat["rougeL"]


def test_empty_text_scores_zero_not_an_error() -> None:
    for scores in (Scorer().score("", "Noget tekst"), Scorer().score("Noget tekst", ""), Scorer().score("", "")):
        assert all(score == Score(0.0, 0.0, 0.0) for score in scores.values())


def test_signature_names_metric_tokenizer_stemmer_case_and_version() -> None:
    assert Scorer().signature == "rouge|tok:unicode-w|stem:none|case:lower|v:0.1.0"
    assert Scorer(stem=True).signature_for("rouge1") == "rouge1|tok:unicode-w|stem:snowball-da|case:lower|v:0.1.0"
    assert Scorer(stem=True, mode="ascii").signature == "rouge|tok:ascii|stem:porter|case:lower|v:0.1.0"


def test_unknown_mode_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown tokenizer mode 'latin1'"):
        Scorer(mode="latin1")


def test_score_many_refuses_lists_of_different_length() -> None:
    with pytest.raises(ValueError, match="2 references but 1 predictions"):
        Scorer().score_many(["a b", "c d"], ["a b"])


def test_a_custom_tokenizer_can_be_passed_in() -> None:
    class Whitespace:
        name = "whitespace"
        stem_name = "none"

        def tokenize(self, text: str) -> list[str]:
            return text.lower().split()

    scorer = Scorer(tokenizer=Whitespace())  # type: ignore[arg-type]
    assert scorer.score("bl.a. kl. 13.11", "bl.a. kl. 13.11")["rouge2"].fmeasure == 1.0
    assert scorer.signature.startswith("rouge|tok:whitespace|")


# --- exact equality with rouge_score ------------------------------------------------------------

ASCII_WORDS = ["the", "cat", "sat", "on", "mat", "running", "runs", "ran", "a", "dog", "x_y", "12", "3.5", "I"]
ascii_text = st.one_of(
    st.text(alphabet=string.printable, max_size=80),
    st.lists(st.sampled_from([*ASCII_WORDS, ".", ",", "\n", "-", "  "]), max_size=40).map(" ".join),
)
any_text = st.one_of(
    ascii_text,
    st.text(max_size=60),
    st.lists(st.sampled_from(["søndag", "Ærø", "får", "ny", "færge", "på", "İstanbul", "ß", "\n", "."]), max_size=30)
    .map(" ".join),
)


def _as_tuples(scores: dict) -> dict:
    return {m: tuple(scores[m]) for m in METRICS}


@settings(max_examples=300, deadline=None)
@given(reference=ascii_text, prediction=ascii_text)
def test_unicode_mode_equals_rouge_score_exactly_on_ascii_text(reference: str, prediction: str) -> None:
    assert _as_tuples(SCORERS[False].score(reference, prediction)) == _as_tuples(
        RS_DEFAULT[False].score(reference, prediction)
    )


@settings(max_examples=300, deadline=None)
@given(reference=any_text, prediction=any_text, stem=st.booleans())
def test_ascii_mode_equals_rouge_score_default_on_any_text(reference: str, prediction: str, stem: bool) -> None:
    assert _as_tuples(ASCII_SCORERS[stem].score(reference, prediction)) == _as_tuples(
        RS_DEFAULT[stem].score(reference, prediction)
    )


@settings(max_examples=200, deadline=None)
@given(a=st.lists(st.sampled_from("abcde"), max_size=40), b=st.lists(st.sampled_from("abcde"), max_size=40))
def test_bit_parallel_lcs_length_equals_the_dynamic_programme(a: list[str], b: list[str]) -> None:
    assert lcs_length(a, b) == lcs_table(a, b)[-1][-1]


def test_many_line_summaries_agree_with_rouge_score() -> None:
    rng = random.Random(7)
    words = ["færgen", "sejler", "til", "ærø", "søndag", "igen", "og", "ny", "storm"]
    tokenizer = make_tokenizer("unicode", stem=False)
    theirs = rouge_scorer.RougeScorer(list(METRICS), tokenizer=tokenizer)
    for _ in range(200):
        texts = ["\n".join(" ".join(rng.choices(words, k=rng.randint(0, 8))) for _ in range(rng.randint(1, 4)))
                 for _ in range(2)]
        assert _as_tuples(SCORERS[False].score(*texts)) == _as_tuples(theirs.score(*texts))
