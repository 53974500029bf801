"""`extractive`: the offline default. Picks the one or two body sentences most like a real lead.

How it chooses. A small logistic model says, for every word type in the body, how likely the
real lead is to use it (from how often and how early the word occurs, whether it is capitalised
mid-sentence, a function word, part of a recurring name, and a small lexicon of how often common
words reach a lead; plus the pairwise products of seven of these, `INTERACTIONS`). A second model
of the same shape is fitted against real titles; titles being sparse, its lexicon holds how much more
often a word reaches a title than the other features predict (`WordModel.residual`). A candidate
summary (one sentence, or two, trimmed to the word budget) is scored by its *expected ROUGE-1 F*:
``2 · Σ p(word) / (length + L)``, where ``p`` is the lead model's probability blended with a share
(`title_mix`) of the title model's, and ``L`` a length fitted on DaNewsroom, so the length trade-off
that ROUGE makes is made here too. Before that, each sentence loses the spans `summarizer.trim` says
it can spare when that raises its expected F (`trimmed`), and a lead opening on "Men"/"Han" or a
quote counts a little less, the body's first sentence a little more (`editorial_factor`). The title
model alone ranks the headline candidates.

The weights, lexicons and lengths were fitted by ``scripts/fit_extractive.py`` on DaNewsroom
and ship in ``extractive_params.json`` beside this file (a few tens of kB).

The engine reads only ``article.body``: the real headline and lead are never input.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from summarizer.article import Article
from summarizer.clauses import fit_sentence
from summarizer.danish import STOPWORDS
from summarizer.engines.base import Draft, Engine, Options
from summarizer.engines.budget import cut_words
from summarizer.headlines import (
    AT_WORD,
    WHOLE,
    compress_how,
    first_clause,
    is_anaphoric,
    is_attribution_only,
    is_shouting,
    opens_subordinate_clause,
    quote_headlines,
    quote_sentences,
)
from summarizer.text import paragraphs, split_sentences, words
from summarizer.trim import removable_spans, without

PARAMS_PATH = Path(__file__).with_name("extractive_params.json")


WORD_FEATURES = (
    "bias",
    "log_count",
    "inverse_first_sentence",
    "in_first_sentence",
    "capitalised_share",
    "function_word",
    "length",
    "digits",
    "log_count_first_three",
    "recurring_content_word",
    "log_inflection_family",
    "sentence_share",
    "log_relative_count",
    "in_first_three",
    "early_in_first_sentence",
    "first_in_sentence_1",
    "first_in_sentence_2",
    "first_in_sentences_3_5",
    "first_in_sentences_6_10",
    "count_2",
    "count_3_4",
    "count_5_plus",
    "capitalised_recurring",
    "lexicon_log_rate",
    "in_lexicon",
)
#: Products of these features join the model (every pair, squares included): how often a word occurs matters more
#: when it also occurs early, is capitalised or is a word that often reaches a lead.
INTERACTING = (
    "log_count",
    "inverse_first_sentence",
    "capitalised_share",
    "function_word",
    "lexicon_log_rate",
    "log_count_first_three",
    "length",
)
INTERACTIONS = tuple((a, b) for i, a in enumerate(INTERACTING) for b in INTERACTING[i:])
#: The columns the logistic weights apply to: `WORD_FEATURES`, then the products.
MODEL_FEATURES = WORD_FEATURES + tuple(f"{a}*{b}" for a, b in INTERACTIONS)
_PAIRS = (
    np.asarray([WORD_FEATURES.index(a) for a, _ in INTERACTIONS]),
    np.asarray([WORD_FEATURES.index(b) for _, b in INTERACTIONS]),
)
#: Rate assumed for a word the lexicon does not list (about the rate of rare content words).
UNLISTED_RATE = 0.05
#: Headline candidates are drawn from this many sentences (plus every "Navn: citat"): later sentences hold
#: title words too, and 30 keeps the engine well above 200 articles/s.
HEADLINE_SOURCES = 30
#: Of those, the first this many are put in headline form before a cut (it asks the analyser): the news is at the top.
TRIM_SOURCES = 8
#: Rank (0-based) that the best "Navn: citat" headline is lifted to when the story has one.
QUOTE_RANK = 1
#: Two-sentence summaries pair up this many best single sentences.
PAIR_POOL = 8
#: Editorial preferences on top of the expected ROUGE (multipliers of a candidate summary's score): a lead does
#: not open on a word pointing back ("Men", "Derfor", "Han") or on a quote, and the body's own first sentence,
#: which the writer meant as the way in, gets a small lift. Set by hand, checked by 5-fold CV (scripts/bench_core.py).
ANAPHORIC_FACTOR = 0.9
QUOTE_FACTOR = 0.95
FIRST_SENTENCE_FACTOR = 1.05
#: A lead that opens on a sentence saying only where the one before came from ("Det viser en ny kortlægning ...",
#: "Det siger Erik Damgaard til bt.dk") reads as broken. Set for the desk, not for ROUGE: it changes the lead of 6
#: of 1,251 dev articles and costs 0.03 ROUGE-1 (5-fold CV).
ATTRIBUTION_FACTOR = 0.7


def design(types: list[str], rows: np.ndarray, lexicon: dict[str, float], residual: bool = False) -> np.ndarray:
    """The `MODEL_FEATURES` matrix: `rows` (from `word_features`), the two lexicon columns, the products.

    A `residual` lexicon holds log ratios to what the other features predict, so a word it does not
    list gets 0 (no correction) rather than the log rate of a rare word.
    """
    unlisted = 0.0 if residual else math.log(UNLISTED_RATE)
    rates = np.fromiter((lexicon.get(t, unlisted) for t in types), dtype=float, count=len(types))
    listed = np.fromiter((t in lexicon for t in types), dtype=float, count=len(types))
    full = np.hstack([rows.reshape(len(types), len(WORD_FEATURES) - 2), rates[:, None], listed[:, None]])
    return np.hstack([full, full[:, _PAIRS[0]] * full[:, _PAIRS[1]]])


@dataclass(frozen=True)
class WordModel:
    """P(a body word occurs in the target text) by logistic regression, and the target's typical length."""

    weights: tuple[float, ...]
    #: word → log rate at which the word, when in a body, reaches the target; or, when `residual`, the log of how
    #: much more often it reaches the target than the other features predict (the title model: titles are too
    #: sparse for raw rates, and a ratio to the prediction can list words seen in only a few bodies).
    lexicon: dict[str, float]
    target_words: float
    #: Headlines only: a fragment (a sentence cut at the last word that fitted, `headlines.AT_WORD`, such as "Med
    #: fængslingen af en 20-årig mand valgte politiet samtidig") has its score multiplied by this.
    weak_factor: float = 1.0
    #: Lead only: share of the title model's probability blended into this one when sentences are chosen. Words a
    #: title would use are the story's core, and the blend (fitted on the training folds) picks better leads.
    title_mix: float = 0.0
    #: How the model was fitted (information only): words in the lexicon were seen in at least this many
    #: training bodies, and the logistic regression's L2 penalty (for a `residual` model, the penalty on its
    #: products and lexicon columns only). scripts/fit_extractive.py chooses them.
    lexicon_min: int = 20
    l2: float = 1.0
    residual: bool = False

    @classmethod
    def from_dict(cls, data: dict) -> WordModel:
        return cls(
            weights=tuple(float(w) for w in data["weights"]),
            lexicon={k: float(v) for k, v in data["lexicon"].items()},
            target_words=float(data["target_words"]),
            weak_factor=float(data.get("weak_factor", 1.0)),
            title_mix=float(data.get("title_mix", 0.0)),
            lexicon_min=int(data.get("lexicon_min", 20)),
            l2=float(data.get("l2", 1.0)),
            residual=bool(data.get("residual", False)),
        )

    def to_dict(self) -> dict:
        return {
            "weights": [round(w, 5) for w in self.weights],
            "target_words": self.target_words,
            "weak_factor": self.weak_factor,
            "title_mix": self.title_mix,
            "lexicon_min": self.lexicon_min,
            "l2": self.l2,
            "residual": self.residual,
            "lexicon": {k: round(v, 3) for k, v in sorted(self.lexicon.items())},
        }

    def probabilities(self, types: list[str], rows: np.ndarray) -> dict[str, float]:
        """P(word in target) for each word type; `rows` lack the two lexicon columns, added here."""
        z = design(types, rows, self.lexicon, self.residual) @ self._array
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))
        return dict(zip(types, p.tolist(), strict=True))

    @property
    def _array(self) -> np.ndarray:
        return np.asarray(self.weights, dtype=float)


@dataclass(frozen=True)
class Params:
    """The fitted models: one for the lead (summary), one for the title (headline ranking)."""

    lead: WordModel
    title: WordModel

    @classmethod
    def load(cls, path: Path = PARAMS_PATH) -> Params:
        """Read the shipped parameters (feature names are checked, so a stale file fails loudly)."""
        data = json.loads(path.read_text(encoding="utf-8"))
        if tuple(data["features"]) != MODEL_FEATURES:
            raise ValueError(f"{path.name} was fitted for other features; re-run scripts/fit_extractive.py")
        return cls(lead=WordModel.from_dict(data["lead"]), title=WordModel.from_dict(data["title"]))


@lru_cache(maxsize=1)
def default_params() -> Params:
    return Params.load()


@dataclass(frozen=True)
class Sentence:
    text: str
    index: int
    raw: tuple[str, ...]  # word tokens as written
    tokens: tuple[str, ...]  # the same, lower-cased

    @property
    def n_words(self) -> int:
        return len(self.tokens)


def body_sentences(body: str) -> list[Sentence]:
    """The body as sentences with their lower-cased word tokens."""
    out: list[Sentence] = []
    for para in paragraphs(body):
        for text in split_sentences(para):
            raw = tuple(words(text))
            if raw:
                out.append(Sentence(text, len(out), raw, tuple(w.lower() for w in raw)))
    return out


def word_features(sentences: list[Sentence]) -> tuple[list[str], np.ndarray]:
    """Every word type of the body and its row of `WORD_FEATURES` (without the two lexicon columns).

    One pass over the tokens collects ids; the per-type figures are then numpy counts (this runs on
    every article, so no per-type Python loop).
    """
    ids: dict[str, int] = {}
    token_ids: list[int] = []
    token_sentence: list[int] = []
    token_position: list[int] = []
    token_caps: list[bool] = []
    for s in sentences:
        for k, (w, t) in enumerate(zip(s.raw, s.tokens, strict=True)):
            token_ids.append(ids.setdefault(t, len(ids)))
            token_sentence.append(s.index)
            token_position.append(k)
            token_caps.append(k > 0 and w[:1].isupper())
    types = list(ids)
    n = len(types)
    if not n:
        return types, np.zeros((0, len(WORD_FEATURES) - 2))
    tid = np.asarray(token_ids)
    sent = np.asarray(token_sentence)
    count = np.bincount(tid, minlength=n).astype(float)
    _, first_token = np.unique(tid, return_index=True)  # ids are given in order of first use
    first = sent[first_token]
    position = np.asarray(token_position)[first_token]
    caps = np.bincount(tid, weights=np.asarray(token_caps, dtype=float), minlength=n)
    early = np.bincount(tid, weights=(sent < 3).astype(float), minlength=n)
    in_sentences = np.bincount(np.unique(sent * n + tid) % n, minlength=n)
    prefix_ids: dict[str, int] = {}
    prefix = np.asarray([prefix_ids.setdefault(t[:5], len(prefix_ids)) for t in types])
    family = np.bincount(prefix, weights=count)[prefix]  # tokens of all types sharing the first five letters
    function = np.asarray([t in STOPWORDS for t in types], dtype=float)
    length = np.asarray([min(len(t), 12) / 12 for t in types])
    digits = np.asarray([t.isdigit() for t in types], dtype=float)
    first0 = (first == 0).astype(float)
    columns = [
        np.ones(n),
        np.log1p(count),
        1.0 / (1 + first),
        first0,
        caps / count,
        function,
        length,
        digits,
        np.log1p(early),
        (count > 1) * (1 - function),
        np.log1p(family - count),
        in_sentences / max(len(sentences), 1),
        np.log(100 * count / len(token_ids)),
        (first < 3).astype(float),
        first0 / (1 + position),
        (first == 1).astype(float),
        (first == 2).astype(float),
        ((first >= 3) & (first <= 5)).astype(float),
        ((first >= 6) & (first <= 10)).astype(float),
        (count == 2).astype(float),
        ((count >= 3) & (count <= 4)).astype(float),
        (count >= 5).astype(float),
        ((caps > 0) & (count > 1)).astype(float),
    ]
    return types, np.column_stack(columns)


def expected_f(tokens: tuple[str, ...] | list[str], p: dict[str, float], target_words: float) -> float:
    """Expected ROUGE-1 F of a text against a target of about `target_words` words."""
    if not tokens:
        return 0.0
    # dict.fromkeys, not set: a fixed order of summation, so ties between candidates break the same way in
    # every process (a set's order follows the per-process string hash seed).
    return 2.0 * sum(p.get(t, 0.0) for t in dict.fromkeys(tokens)) / (len(tokens) + target_words)


def blend(p: dict[str, float], q: dict[str, float], share: float) -> dict[str, float]:
    """``(1 - share) · p + share · q`` word by word (both over the same word types)."""
    if share <= 0.0:
        return p
    return {t: (1.0 - share) * v + share * q[t] for t, v in p.items()}


def trimmed(text: str, p: dict[str, float], target_words: float) -> str:
    """`text` without the removable spans (`summarizer.trim`) whose loss raises its expected ROUGE-1 F.

    >>> p = {"politiet": 0.9, "anholdt": 0.8, "en": 0.5, "mand": 0.7}
    >>> trimmed("Politiet anholdt (se foto) en mand, oplyser politiet til Ritzau.", p, 15.0)
    'Politiet anholdt en mand, oplyser politiet.'
    """
    spans = removable_spans(text)
    if not spans:
        return text
    score = expected_f([w.lower() for w in words(text)], p, target_words)
    while spans:
        best = None
        for span in spans:
            shorter = without(text, span)
            value = expected_f([w.lower() for w in words(shorter)], p, target_words)
            if value > score and (best is None or value > best[0]):
                best = (value, shorter)
        if best is None:
            return text
        score, text = best
        spans = removable_spans(text)
    return text


def editorial_factor(first: Sentence, second: Sentence | None = None) -> float:
    """The multiplier for a candidate summary that opens with sentence `first` (see `ANAPHORIC_FACTOR`).

    A `second` sentence that is a dash-led quote counts like a quote opening: in Danish copy such a quote
    is a paragraph of its own, and a lead that runs one into its first sentence reads as a misquote.
    """
    factor = FIRST_SENTENCE_FACTOR if first.index == 0 else 1.0
    if first.text[:1] in '-–—»«"“„':
        factor *= QUOTE_FACTOR
        if first.text[:1] in "-–—" and is_anaphoric(first.text.lstrip("-–— ")):
            factor *= ANAPHORIC_FACTOR  # "- Han er kendt for lignende forhold": whom the quote is about is gone too
    elif is_attribution_only(first.text):
        factor *= ATTRIBUTION_FACTOR
    elif is_anaphoric(first.text):
        factor *= ANAPHORIC_FACTOR
    if second is not None and second.text[:1] in "-–—":
        factor *= QUOTE_FACTOR
    return factor


def summary_candidates(sentences: list[Sentence], p: dict[str, float], model: WordModel, budget: int) -> list[str]:
    """One sentence, or two in text order, within `budget` words; best first. Always whole sentences: one over
    budget is cut at a clause boundary (`clauses.fit_sentence`) or left out, never cut mid-sentence with "…".

    Each sentence first loses the spans it can spare (`trimmed`); candidates are ranked by expected
    ROUGE-1 F times their `editorial_factor`. Lines in capitals (`is_shouting`) and candidates that end on
    a colon (announcing what follows) are left out while the body has anything else.
    """
    target = model.target_words
    texts = [trimmed(s.text, p, target) for s in sentences]
    tokens = [
        list(s.tokens) if t is s.text else [w.lower() for w in words(t)] for s, t in zip(sentences, texts, strict=True)
    ]

    def scored(text: str) -> float:
        return expected_f([w.lower() for w in words(text)], p, target)

    shouting = [is_shouting(s.text) for s in sentences]
    if all(shouting):
        shouting = [False] * len(sentences)  # a body all in capitals is still summarised
    singles: list[tuple[float, int, str]] = []
    for s, text, toks, shouts in zip(sentences, texts, tokens, shouting, strict=True):
        if shouts:
            continue  # a cross-head or "DELTAG I DEBATTEN", not a sentence a lead is made of
        if len(toks) <= budget:
            singles.append((expected_f(toks, p, target) * editorial_factor(s), s.index, text))
        else:
            short = fit_sentence(text, budget)  # a whole sentence, cut at a clause boundary, or none
            if short is not None:
                singles.append((scored(short) * editorial_factor(s), s.index, short))
    singles.sort(key=lambda x: -x[0])
    out = [(score, text) for score, _, text in singles]
    pool = sorted(i for _, i, _ in singles[:PAIR_POOL] if len(tokens[i]) < budget - 3)
    for a_pos, a in enumerate(pool):
        for b in pool[a_pos + 1 :]:
            factor = editorial_factor(sentences[a], sentences[b])
            if len(tokens[a]) + len(tokens[b]) <= budget:
                out.append((expected_f(tokens[a] + tokens[b], p, target) * factor, f"{texts[a]} {texts[b]}"))
            elif (second := fit_sentence(texts[b], budget - len(tokens[a]))) is not None:
                pair = f"{texts[a]} {second}"  # the second sentence cut at a clause boundary: still two sentences
                out.append((scored(pair) * factor, pair))
    out.sort(key=lambda x: -x[0])
    if not out:
        # Every sentence over budget with no clause to cut at: the first one whole (the check says "for lang"), or,
        # for text without sentence ends (one endless run), its first words, which the check marks as cut.
        first = texts[0] if len(tokens[0]) <= 2 * budget else cut_words(texts[0], budget)
        out = [(0.0, first)]
    ranked = [text for _, text in out]
    # "… og Mette Wagner har et par gode råd til festivalgæsterne:" announces what the lead leaves out.
    return [text for text in ranked if not text.endswith(":")] or ranked


def headline_candidates(
    sentences: list[Sentence], body: str, p: dict[str, float], model: WordModel, limit: int
) -> list[str]:
    """Compressed sentences, their first clauses and every "Navn: citat", best expected F against a title first."""
    seen: set[str] = set()
    scored = []
    candidates: list[tuple[str, bool]] = []  # (headline, weak: a fragment cut at the last word that fitted)
    quoted = quote_sentences(body)  # marked as quotes ("- Jeg er dybt berørt"), not as the paper's own words
    for s in sentences[:HEADLINE_SOURCES]:
        if is_shouting(s.text) or is_attribution_only(s.text):
            continue
        short, how = compress_how(s.text, limit, quote=s.text in quoted, trim=s.index < TRIM_SOURCES)
        if how != WHOLE and opens_subordinate_clause(short):
            continue  # "Når fodboldfans skal transporteres i tog": the main clause was cut away
        clause = first_clause(short, limit, compressed=True)
        candidates += [(short, how == AT_WORD), (clause, how == AT_WORD and clause == short)]
    quotes = quote_headlines(body, limit)
    candidates += [(q, False) for q in quotes]
    for h, weak in candidates:
        if h and h not in seen:
            seen.add(h)
            score = expected_f([w.lower() for w in words(h)], p, model.target_words)
            scored.append((score * (model.weak_factor if weak else 1.0), h))
    scored.sort(key=lambda x: -x[0])
    ranked = [h for _, h in scored]
    # A story with a strong quote offers its "Navn: citat" headline as the second alternative at the latest.
    if quotes:
        best_quote = next(h for h in ranked if h in quotes)
        if ranked.index(best_quote) > QUOTE_RANK:
            ranked.remove(best_quote)
            ranked.insert(QUOTE_RANK, best_quote)
    return ranked


class ExtractiveEngine(Engine):
    name = "extractive"

    def __init__(self, params: Params | None = None) -> None:
        self.params = params or default_params()

    def summarise(self, article: Article, options: Options) -> Draft:
        sentences = body_sentences(article.body)
        if not sentences:
            return Draft(summary="", headlines=[], warnings=["the body has no words to summarise"])
        types, rows = word_features(sentences)
        p_title = self.params.title.probabilities(types, rows)
        p_lead = blend(self.params.lead.probabilities(types, rows), p_title, self.params.lead.title_mix)
        summaries = summary_candidates(sentences, p_lead, self.params.lead, options.max_summary_words)
        ranked = headline_candidates(sentences, article.body, p_title, self.params.title, options.max_headline_chars)
        return Draft(summary=summaries[0], headlines=ranked, lead_candidates=summaries[1:])
