"""The editor's check: what a Danish news editor would see wrong in a lead or headline before printing it.

Each problem is a code and a short Danish message. The codes are the ones the editor labels in
``../shared/reference/editor-judgements.jsonl`` use for what can be seen mechanically:

    fragment           no finite verb, a subordinate clause alone, or a cut that leaves a word hanging
    cut_mid_sentence   a lead that stops with "…" or in the middle of a sentence
    context_opening    opens on a word that points back ("Han", "Men", "Derfor", "Til gengæld" …)
    speakerless_quote  a quote nobody says
    unclosed_quote     a quote mark that is never closed
    boilerplate        web furniture: sharing prompts, odds, bylines, list lines
    non_word           a word the Danish analyser does not know and the article does not have
    agreement          article/adjective and noun that disagree in gender or number ("en stor dilemma")
    too_long           over the headline's characters or the lead's words
    repetition         three words in a row that come twice ("politi- og politi- og politi-fankultur")

The grammar codes (fragment's finite verb, non_word, agreement) come from Apertium (`summarizer.morphology`);
without it those three are not checked and `check_many` says so in `warnings`.

One module per part: `summarizer.checks.problems` (the codes and their Danish messages), `summarizer.checks.lexicon`
(the word lists and patterns), `summarizer.checks.surface` (the rules punctuation and words can see) and
`summarizer.checks.grammar` (the rules on the analyser's readings); this one runs them all.

>>> [p.code for p in check("Han skal ligeledes lave et cover", "headline", "Hun synger.")]  # doctest: +SKIP
['context_opening']
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer import morphology
from summarizer.checks.grammar import _grammar_problems, _known_parts, _with_compounds
from summarizer.checks.lexicon import LABEL_RE, MAX_ANALYSED_CHARS, MAX_WORD_CHARS
from summarizer.checks.problems import BLOCKING, KINDS, MESSAGES, Problem, problem
from summarizer.checks.surface import _opening_problems, _quote_open, _structure_problems
from summarizer.options import Options
from summarizer.text import split_sentences, words

__all__ = [
    "BLOCKING",
    "KINDS",
    "LABEL_RE",
    "MAX_ANALYSED_CHARS",
    "MAX_WORD_CHARS",
    "MESSAGES",
    "Problem",
    "check",
    "check_many",
    "problem",
]


def _analysable(text: str) -> bool:
    return len(text) <= MAX_ANALYSED_CHARS and all(len(w) <= MAX_WORD_CHARS for w in text.split())


#: The limits a text is checked against when none are given: the library's defaults (`summarizer.options`).
_DEFAULTS = Options()


def check_many(
    texts: Sequence[tuple[str, str]],
    article: str,
    *,
    max_headline_chars: int = _DEFAULTS.max_headline_chars,
    max_summary_words: int = _DEFAULTS.max_summary_words,
) -> tuple[list[list[Problem]], list[str]]:
    """Problems of each ``(text, kind)`` against the `article` body, and warnings (the analyser missing).

    All texts go to the analyser in one request.
    """
    article_words = frozenset(w.lower() for w in words(article))
    body_sentences = split_sentences(" ".join(article.split())) if any(k == "lead" for _, k in texts) else []
    warnings: list[str] = []
    # A lead goes to the analyser sentence by sentence ("Joachim B. Olsen" must not end one). A text no editor
    # would print anyway (over `MAX_ANALYSED_CHARS`, or with a "word" over `MAX_WORD_CHARS`) is not analysed: the
    # analyser's cost grows with the square of one token's length.
    pieces = [[] if not _analysable(t) else (split_sentences(t) or [t]) if k == "lead" else [t] for t, k in texts]
    try:
        flat = morphology.analyse_many([p for ps in pieces for p in ps])
    except morphology.MorphologyUnavailable as missing:
        flat, warnings = None, [str(missing)]
    analyses: list[tuple[morphology.Token, ...]] | None = None
    per_sentence: list[list[tuple[morphology.Token, ...]]] = []
    if flat is not None:
        analyses, at = [], 0
        for ps in pieces:
            per_sentence.append(flat[at : at + len(ps)])
            analyses.append(tuple(t for toks in flat[at : at + len(ps)] for t in toks))
            at += len(ps)
    results = []
    if analyses is not None:
        analyses = _with_compounds(analyses)
        per_sentence = [_with_compounds(sentences) for sentences in per_sentence]
        article_words |= _known_parts(analyses)
    for k, (text, kind) in enumerate(texts):
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
        found = _structure_problems(text, kind, article)
        if not _analysable(text):
            longest = max(text.split(), key=len, default="")
            if len(longest) > MAX_WORD_CHARS:
                found.append(problem("non_word", f"»{longest[:20]}…« ({len(longest)} tegn)"))
            else:
                found.append(problem("too_long", f"{len(text)} tegn"))
        found += _opening_problems(text, kind, body_sentences)
        if _quote_open(text):
            found.append(problem("unclosed_quote"))
        if analyses is not None and _analysable(text):
            found += _grammar_problems(text, kind, analyses[k], article_words, found, per_sentence[k])
        if kind == "headline" and len(text) > max_headline_chars:
            found.append(problem("too_long", f"{len(text)} tegn, højst {max_headline_chars}"))
        if kind == "lead" and len(words(text)) > max_summary_words:
            found.append(problem("too_long", f"{len(words(text))} ord, højst {max_summary_words}"))
        results.append(_unique(found))
    return results, warnings


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[str] = set()
    out = []
    for p in problems:
        if p.code not in seen:
            seen.add(p.code)
            out.append(p)
    return out


def check(text: str, kind: str, article: str, **limits: int) -> list[Problem]:
    """The problems of one lead or headline against its article body (see `check_many`)."""
    return check_many([(text, kind)], article, **limits)[0][0]
