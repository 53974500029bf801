"""The gate every engine's headline candidates pass: tidy, rank, drop near-copies, top up.

`finalise` is called by `summarise` for every engine, so lead, extractive, seq2seq and generative headlines
follow the same rules; `candidates_from_sentences` is the extractive engine's own list of candidates.
"""

from __future__ import annotations

from summarizer.article import Article
from summarizer.headlines.compress import compress, first_clause
from summarizer.headlines.cuts import cut_to, strip_dangling
from summarizer.headlines.grammar import MIN_HEADLINE_WORDS
from summarizer.headlines.near_copies import is_near_copy
from summarizer.headlines.quotes import quote_headlines
from summarizer.options import Options
from summarizer.text import split_sentences, words


def candidates_from_sentences(ranked_sentences: list[str], options: Options, body: str = "") -> list[str]:
    """The extractive engine's own headline candidates, best first.

    The best sentence compressed, then its first clause, the strongest quote as "Navn: citat",
    then the next sentences compressed.
    """
    limit = options.max_headline_chars
    out: list[str] = []
    for s in ranked_sentences[: options.n_headlines + 3]:
        out.append(compress(s, limit))
    if ranked_sentences:
        out.insert(1, first_clause(ranked_sentences[0], limit))
    quotes = quote_headlines(body, limit) if body else []
    if quotes:
        out.insert(1, quotes[0])
    return [h for h in out if h]


def _tidy(candidate: str, limit: int) -> str:
    return compress(candidate, limit) if candidate else ""


def _fallbacks(article: Article, limit: int) -> list[str]:
    """Headlines the article itself offers, for topping up: quotes, then sentences in order, then clauses."""
    sentences = split_sentences(article.body)
    out = quote_headlines(article.body, limit)
    out += [compress(s, limit) for s in sentences[:12]]
    out += [first_clause(s, limit) for s in sentences[:12]]
    return out


def _last_resort(article: Article, limit: int) -> list[str]:
    """For a body of a sentence or two (or no sentences at all): shorter runs of its first words."""
    tokens = words(article.body)[:40]
    out = []
    for size in (8, 6, 4, 3):
        for start in range(0, max(len(tokens) - size + 1, 1), size):
            run = strip_dangling(" ".join(tokens[start : start + size]))
            if run:
                out.append(cut_to(run[:1].upper() + run[1:], limit))
    return out


def _acceptable(h: str, limit: int, min_words: int) -> bool:
    return bool(h) and len(h) <= limit and len(words(h)) >= min_words


def finalise(candidates: list[str], article: Article, options: Options, *, count: int | None = None) -> list[str]:
    """Candidates → at most `options.n_headlines` (or `count`) ranked, distinct headlines in Danish style.

    Each is tidied (no trailing full stop, no dangling conjunction or preposition, within
    `options.max_headline_chars`, at least `MIN_HEADLINE_WORDS` words); near-copies of a
    better-ranked one (`NEAR_COPY_JACCARD`) are dropped; when fewer than `n_headlines` remain,
    the list is topped up from the article. At least three distinct ones come back whenever the
    body holds three words; for a body of one short sentence the near-copy bound is relaxed
    rather than return fewer than three.
    """
    limit = options.max_headline_chars
    want = options.n_headlines if count is None else count  # a pool may be larger than a caller may ask
    out: list[str] = []
    for c in candidates:
        h = _tidy(c, limit)
        if _acceptable(h, limit, MIN_HEADLINE_WORDS) and not is_near_copy(h, out):
            out.append(h)
        if len(out) >= want:
            return out
    if not article.body.strip():
        return out
    fallbacks = _fallbacks(article, limit)
    for h in fallbacks:
        if _acceptable(h, limit, MIN_HEADLINE_WORDS) and not is_near_copy(h, out):
            out.append(h)
            if len(out) >= want:
                return out
    # Short of three (a body of a sentence or two): runs of the first words, first within the bound,
    # then, only if there is no other way to three, relaxing the near-copy bound but staying distinct.
    runs = _last_resort(article, limit)
    for h in runs:
        if len(out) >= min(3, want):
            return out
        if _acceptable(h, limit, MIN_HEADLINE_WORDS) and not is_near_copy(h, out):
            out.append(h)
    for h in [*fallbacks, *runs, *candidates]:
        if len(out) >= min(3, want):
            break
        h = strip_dangling(h) if len(h) <= limit else _tidy(h, limit)
        if _acceptable(h, limit, 1) and h.lower() not in {o.lower() for o in out}:
            out.append(h)
    return out
