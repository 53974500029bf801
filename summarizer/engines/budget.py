"""The word budget every engine keeps to: one way to count words, one way to cut a text to a budget.

A word is what `summarizer.text.words` finds (``"2,5 mio. kr."`` is four: 2, 5, mio, kr), the count the lead
and extractive engines, the editor's check and eval use; a cut keeps the text's own spacing and punctuation.

- `fit_words`: a written text (seq2seq's or the generative engine's lead) cut to the budget: whole sentences
  while they fit; only a first sentence over budget on its own is cut mid-sentence, with "…" and a Danish note.
- `take_words`: sentences of the article itself (the lead engine): whole sentences, the first one cut at a
  clause boundary when it is over budget alone, never with "…".
- `cut_words`: the first words of a text, whatever its sentences (a baseline for benchmarks).

>>> fit_words("Storm lukkede broen. Togene kørte igen kl. 6.30.", 4)
('Storm lukkede broen.', None)
"""

from __future__ import annotations

from summarizer.clauses import fit_sentence
from summarizer.messages import message
from summarizer.text import split_sentences, words

__all__ = ["count_words", "cut_words", "fit_words", "take_words"]


def count_words(text: str) -> int:
    """How many words `text` has against a budget (`summarizer.text.words`)."""
    return len(words(text))


def fit_words(text: str, budget: int) -> tuple[str, str | None]:
    """`text` within `budget` words, and a Danish note when a sentence had to be cut.

    Whole sentences while they fit; when the first sentence alone is over budget, its first `budget` words
    and "…", with the note.

    >>> fit_words("Københavns Kommune vil plante 5.000 nye træer i byen inden 2030.", 6)[0]
    'Københavns Kommune vil plante 5.000 …'
    """
    if count_words(text) <= budget:
        return text, None
    kept = _fitting(split_sentences(text), budget)
    if kept:
        return " ".join(kept), None
    return cut_words(text, budget), message("seq2seq.summary_cut", words=budget)


def take_words(sentences: list[str], budget: int) -> str:
    """Whole sentences while they fit in `budget` words; at least the first one, cut at a clause boundary if it
    is over budget (`clauses.fit_sentence`), else whole: a lead is never cut mid-sentence with "…"."""
    kept = _fitting(sentences, budget)
    if kept or not sentences:
        return " ".join(kept)
    return fit_sentence(sentences[0], budget) or sentences[0]


def cut_words(text: str, budget: int) -> str:
    """The first `budget` words of `text`, keeping the original spacing and punctuation, with " …" when cut (a
    baseline for benchmarks, never a lead shown to an editor)."""
    parts = text.split()
    kept: list[str] = []
    count = 0
    for part in parts:
        n = count_words(part)
        if count + n > budget and kept:
            break
        kept.append(part)
        count += n
    return " ".join(kept).rstrip(",;:-–") + ("" if len(kept) == len(parts) else " …")


def _fitting(sentences: list[str], budget: int) -> list[str]:
    """The first sentences whose words together fit in `budget`."""
    kept: list[str] = []
    used = 0
    for sentence in sentences:
        n = count_words(sentence)
        if used + n > budget or (kept and used >= budget):  # full: not even a wordless "sentence" follows
            break
        kept.append(sentence)
        used += n
    return kept
