"""`extractive`: the offline default. Picks the one or two body sentences most like a real lead.

Each body sentence gets a score from a small linear model over cheap features (position,
length, centrality, recurring names, quote-ness, numbers, Danish cue words). The weights were
fitted by ``scripts/fit_extractive.py`` on DaNewsroom articles to predict a sentence's ROUGE-1 F
against the real lead; a second set of weights over the same features ranks sentences as
headline sources (fitted against the real titles). Both ship in ``extractive_params.json``.

The engine reads only ``article.body``: the real headline and lead are never input.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from summarizer.article import Article
from summarizer.engines.base import Draft, Engine, Options
from summarizer.headlines import candidates_from_sentences, drop_attribution
from summarizer.text import paragraphs, split_sentences, words

PARAMS_PATH = Path(__file__).with_name("extractive_params.json")

#: Function words left out of centrality and overlap (a short list is enough for scoring).
def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS = _wordset(
    """
    og i at det er en på til af for med som der han den de ikke har var et om så men sig vi
    hun jeg kan vil skal også fra efter blev have eller over ved da nu når hvor havde være bliver
    mod ud op ind kun dem ham hende os jer man hans hendes deres sin sit sine min mit mine dette
    disse denne alle andre noget nogle mange meget mere mest end hvis fordi hvad hvem hvordan
    siger sagde ifølge oplyser fortæller skriver blive været få får fik kunne ville skulle
    år dag går gik kom kommer står stod må mig dig du ja nej her der dér sådan selv flere
    """
)
#: Sentence openers that point back to something earlier: a poor first sentence for a lead.
ANAPHORIC_OPENERS = _wordset(
    "det den de der han hun dem ham hende men og så derfor også samtidig dermed desuden her dette disse"
)
ATTRIBUTION_VERBS = _wordset(
    "siger sagde oplyser oplyste fortæller fortalte skriver skrev tilføjer tilføjede understreger "
    "mener vurderer forklarer forklarede udtaler udtalte påpeger"
)
#: Words of news value that leads use more than body sentences do.
NEWS_CUES = _wordset(
    "ny nye første dømt anholdt død døde dræbt sigtet politi regeringen minister ministeren "
    "millioner milliarder mio mia kr procent pct rekord aftale forslag beslutning besluttet"
)
DASH_QUOTE = re.compile(r"^\s*[-–—]\s")
NUMBER = re.compile(r"\d")
FULL_NAME = re.compile(r"\b[A-ZÆØÅ][a-zæøåé]+(?:\s+[A-ZÆØÅ]\.)?\s+[A-ZÆØÅ][a-zæøåé]+")

FEATURES = (
    "bias",
    "first",
    "second",
    "third",
    "inv_position",
    "relative_position",
    "paragraph_start",
    "first_paragraph",
    "log_length",
    "short",
    "long",
    "centrality",
    "coverage",
    "cosine",
    "content_ratio",
    "novelty",
    "overlap_opening",
    "dash_quote",
    "quote_marks",
    "question",
    "colon_end",
    "attribution",
    "anaphoric_opener",
    "names",
    "key_entities",
    "full_name",
    "digit_heavy",
    "numbers",
    "news_cues",
)


@dataclass(frozen=True)
class Params:
    """The fitted model: one weight per feature, plus how the summary is assembled."""

    weights: tuple[float, ...]
    #: Weights of the same features for ranking sentences as headline sources (fitted against real titles).
    headline_weights: tuple[float, ...]
    #: Add a second sentence only when the first leaves at least this many words free.
    min_free_words: int = 8

    @classmethod
    def load(cls, path: Path = PARAMS_PATH) -> Params:
        """Read the shipped parameters (feature names are checked, so a stale file fails loudly)."""
        data = json.loads(path.read_text(encoding="utf-8"))
        names = tuple(data["features"])
        if names != FEATURES:
            raise ValueError(f"{path.name} was fitted for other features; re-run scripts/fit_extractive.py")
        return cls(
            weights=tuple(float(w) for w in data["weights"]),
            headline_weights=tuple(float(w) for w in data["headline_weights"]),
            min_free_words=int(data["min_free_words"]),
        )


@lru_cache(maxsize=1)
def default_params() -> Params:
    return Params.load()


@dataclass(frozen=True)
class Sentence:
    text: str
    index: int
    paragraph: int
    paragraph_start: bool
    tokens: tuple[str, ...]  # lower-cased word tokens
    n_words: int


def body_sentences(body: str) -> list[Sentence]:
    """The body as sentences, each knowing its paragraph (leads tend to open a paragraph)."""
    out: list[Sentence] = []
    for p_index, para in enumerate(paragraphs(body)):
        for s_index, text in enumerate(split_sentences(para)):
            tokens = tuple(w.lower() for w in words(text))
            if tokens:
                out.append(Sentence(text, len(out), p_index, s_index == 0, tokens, len(tokens)))
    return out


def content(tokens: tuple[str, ...]) -> set[str]:
    """Content words, cut to a 6-letter stem so "cykelstier" and "cykelstierne" meet."""
    return {t[:6] for t in tokens if t not in STOPWORDS and len(t) > 1}


def sentence_features(sentences: list[Sentence]) -> list[list[float]]:
    """One row of `FEATURES` per sentence."""
    n = len(sentences)
    bags = [content(s.tokens) for s in sentences]
    doc_counts: dict[str, int] = {}
    for bag in bags:
        for t in bag:
            doc_counts[t] = doc_counts.get(t, 0) + 1
    opening = set().union(*bags[:2]) if bags else set()
    # Capitalised words inside sentences (names); those that recur are the story's key actors.
    caps = [{w for w in s.text.split()[1:] if w[:1].isupper()} for s in sentences]
    cap_counts: dict[str, int] = {}
    for cap in caps:
        for w in cap:
            key = w.strip(".,:;»«\"()'’")[:6]
            cap_counts[key] = cap_counts.get(key, 0) + 1
    doc_norm = math.sqrt(sum(c * c for c in doc_counts.values())) or 1.0
    seen: set[str] = set()
    rows = []
    for s, bag, cap in zip(sentences, bags, caps, strict=True):
        i = s.index
        recurring = sum(1 for w in cap if cap_counts[w.strip(".,:;»«\"()'’")[:6]] > 1)
        # Centrality: how many *other* sentences share each content word, averaged (log-damped).
        shared = sum(math.log1p(doc_counts[t] - 1) for t in bag)
        centrality = shared / (len(bag) + 3)
        coverage = math.log1p(shared)
        cosine = sum(doc_counts[t] - 1 for t in bag) / (math.sqrt(len(bag) + 1) * doc_norm)
        novelty = len(bag - seen) / (len(bag) + 1)
        seen |= bag
        overlap_opening = len(bag & opening) / (len(bag) + 3) if i >= 2 else 0.0
        text = s.text
        first_word = s.tokens[0]
        raw_words = text.split()
        names = sum(1 for w in raw_words[1:] if w[:1].isupper()) / (s.n_words + 1)
        rows.append(
            [
                1.0,
                float(i == 0),
                float(i == 1),
                float(i == 2),
                1.0 / (i + 1),
                i / max(n - 1, 1),
                float(s.paragraph_start),
                float(s.paragraph == 0),
                math.log(s.n_words),
                float(s.n_words < 8),
                float(s.n_words > 35),
                centrality,
                coverage,
                cosine,
                len(bag) / s.n_words,
                novelty,
                overlap_opening,
                float(bool(DASH_QUOTE.match(text))),
                float(any(q in text for q in "»«\"“”")),
                float(text.rstrip().endswith("?")),
                float(text.rstrip().endswith(":")),
                float(any(t in ATTRIBUTION_VERBS for t in s.tokens)),
                float(first_word in ANAPHORIC_OPENERS),
                names,
                math.log1p(recurring),
                float(bool(FULL_NAME.search(text[1:]))),
                float(sum(t.isdigit() for t in s.tokens) > 0.3 * s.n_words),
                min(len(NUMBER.findall(text)), 6) / 6,
                float(any(t in NEWS_CUES for t in s.tokens)),
            ]
        )
    return rows


def dot(weights: tuple[float, ...], rows: list[list[float]]) -> list[float]:
    return [sum(w * x for w, x in zip(weights, row, strict=True)) for row in rows]


def choose(sentences: list[Sentence], scores: list[float], budget: int, min_free_words: int) -> list[Sentence]:
    """The best sentence, plus the best other one that still fits the budget (in text order)."""
    if not sentences:
        return []
    order = sorted(range(len(sentences)), key=lambda i: -scores[i])
    best = sentences[order[0]]
    picked = [best]
    free = budget - best.n_words
    if free >= min_free_words:
        for i in order[1:]:
            if sentences[i].n_words <= free and sentences[i].n_words >= 4:
                picked.append(sentences[i])
                break
    return sorted(picked, key=lambda s: s.index)


def fit_words(text: str, budget: int) -> str:
    """`text` within `budget` words: drop a trailing attribution or cut at a clause boundary first."""
    if len(words(text)) <= budget:
        return text
    shorter = drop_attribution(text)
    if len(words(shorter)) <= budget:
        return shorter
    # Cut at the last comma that keeps at least half the budget; else a plain word cut with "…".
    parts = shorter.split()
    kept: list[str] = []
    count = 0
    last_comma = -1
    for part in parts:
        n = len(words(part))
        if count + n > budget:
            break
        kept.append(part)
        count += n
        if part.endswith(",") and count >= budget // 2:
            last_comma = len(kept)
    if last_comma > 0:
        return " ".join(kept[:last_comma]).rstrip(",") + " …"
    return " ".join(kept).rstrip(",;:-–") + " …"


def assemble(picked: list[Sentence], budget: int) -> str:
    if not picked:
        return ""
    if len(picked) == 1:
        return fit_words(picked[0].text, budget)
    text = " ".join(s.text for s in picked)
    return text if len(words(text)) <= budget else fit_words(picked[0].text, budget)


class ExtractiveEngine(Engine):
    name = "extractive"

    def __init__(self, params: Params | None = None) -> None:
        self.params = params or default_params()

    def summarise(self, article: Article, options: Options) -> Draft:
        sentences = body_sentences(article.body)
        rows = sentence_features(sentences)
        scores = dot(self.params.weights, rows)
        picked = choose(sentences, scores, options.max_summary_words, self.params.min_free_words)
        summary = assemble(picked, options.max_summary_words)
        headline_scores = dot(self.params.headline_weights, rows)
        ranked = [sentences[i].text for i in sorted(range(len(sentences)), key=lambda i: -headline_scores[i])]
        return Draft(summary=summary, headlines=candidates_from_sentences(ranked, options, article.body))
