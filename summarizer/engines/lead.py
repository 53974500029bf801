"""`lead`: the baseline. The first sentences of the body, within the word budget."""

from __future__ import annotations

from summarizer.article import Article
from summarizer.clauses import fit_sentence
from summarizer.engines.base import Draft, Engine, Options
from summarizer.text import split_sentences, words


class LeadEngine(Engine):
    name = "lead"

    def summarise(self, article: Article, options: Options) -> Draft:
        sentences = split_sentences(article.body)
        return Draft(summary=take_words(sentences, options.max_summary_words), headlines=sentences[:10])


def take_words(sentences: list[str], budget: int) -> str:
    """Whole sentences while they fit in `budget` words; at least the first one, cut at a clause boundary if it
    is over budget (`clauses.fit_sentence`), else whole: a lead is never cut mid-sentence with "…"."""
    picked: list[str] = []
    used = 0
    for sentence in sentences:
        n = len(words(sentence))
        if picked and used + n > budget:
            break
        if not picked and n > budget:
            return fit_sentence(sentence, budget) or sentence
        picked.append(sentence)
        used += n
        if used >= budget:
            break
    return " ".join(picked)


def cut_words(text: str, budget: int) -> str:
    """The first `budget` words of `text`, keeping the original spacing and punctuation (a baseline for benchmarks,
    never a lead shown to an editor)."""
    parts = text.split()
    kept: list[str] = []
    count = 0
    for part in parts:
        n = len(words(part))
        if count + n > budget and kept:
            break
        kept.append(part)
        count += n
    return " ".join(kept).rstrip(",;:-–") + ("" if len(kept) == len(parts) else " …")
