"""`lead`: the baseline. The first sentences of the body, within the word budget (`budget.take_words`)."""

from __future__ import annotations

from summarizer.article import Article
from summarizer.engines.base import Draft, Engine, Options
from summarizer.engines.budget import cut_words, take_words
from summarizer.text import split_sentences

__all__ = ["LeadEngine", "cut_words", "take_words"]  # the budget helpers stay importable from here (bench_core)


class LeadEngine(Engine):
    name = "lead"

    def summarise(self, article: Article, options: Options) -> Draft:
        sentences = split_sentences(article.body)
        return Draft(summary=take_words(sentences, options.max_summary_words), headlines=sentences[:10])
