"""`summarise` and `summarise_many`: raw text (or an `Article`) in, `Summary` out.

Data flows one way: input → `Article` (structure.parse or a wire reader) → engine → `Draft`
→ shared headline rules, the editor's check (`printable`) and fact flags → `Summary`.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import replace

from summarizer import engines, facts, printable
from summarizer.article import Article
from summarizer.errors import EmptyInput, OnlyBoilerplate, SummarizerError
from summarizer.options import Options
from summarizer.structure import parse
from summarizer.summary import Flag, Summary
from summarizer.text import WORD_RE, words

#: Longer input is cut (with a warning): wire stories are a few thousand characters.
MAX_INPUT_CHARS = 200_000


def prepare(text: str | Article) -> Article:
    """Raw text or an `Article` → a checked `Article` with non-empty body (else `EmptyInput`).

    Text over `MAX_INPUT_CHARS` is cut, with a warning that says how much.
    """
    if isinstance(text, Article):
        article = text
        if len(article.body) > MAX_INPUT_CHARS:
            cut = _cut_warning(len(article.body))
            article = replace(article, body=article.body[:MAX_INPUT_CHARS], warnings=[cut, *article.warnings])
    elif isinstance(text, str):
        cut = _cut_warning(len(text)) if len(text) > MAX_INPUT_CHARS else None
        article = parse(text[:MAX_INPUT_CHARS])
        if cut:
            article.warnings.insert(0, cut)
    else:
        raise SummarizerError(f"expected text or an Article, got {type(text).__name__}")
    body = article.body.strip()
    if not body and isinstance(text, str) and _words(text) > _words(article.source_text):
        raise OnlyBoilerplate(
            "nothing is left after cleaning: the text is only boilerplate (an ad break, a paywall notice, "
            "a source tag or 'Læs også'); paste the article itself"
        )
    if not body:
        if article.headline and not article.lead:
            raise EmptyInput(f"the text is only a headline ({article.headline[:60]!r}): paste the whole article")
        if article.headline or article.lead:
            raise EmptyInput("the text has a headline or lead but no article text to summarise")
        raise EmptyInput("the text is empty: nothing to summarise")
    if looks_like_headline_only(body):
        raise EmptyInput(f"the text is only a headline ({body[:60]!r}): paste the whole article")
    return article


def _words(text: str) -> int:
    return len(WORD_RE.findall(text))


def _cut_warning(length: int) -> str:
    return f"input cut to the first {MAX_INPUT_CHARS:,} of {length:,} characters".replace(",", ".")


def looks_like_headline_only(body: str) -> bool:
    """One short line with no sentence end, e.g. "Biden og Putin mødes om Ukraine"."""
    return "\n" not in body and len(words(body)) <= 15 and not body.rstrip("»\"”' ").endswith((".", "!", "?"))


def resolve_engine(spec: str) -> tuple[str, list[str]]:
    """``"auto"`` → the best engine available here, with a warning saying why when it is `extractive`.

    A seq2seq model installed here comes first (a newsroom put it there); then `generative`, but only when its
    model's own benchmark record shows it beats `extractive` on headlines; then `extractive`.
    """
    if spec != "auto":
        engines.engine_class(engines.split_spec(spec)[0])  # unknown names fail here, clearly
        return spec, []
    if engines.engine_class("seq2seq").is_available():
        return "seq2seq", []
    from summarizer.engines.generative import auto_verdict

    why_not = auto_verdict()
    if why_not is None:
        return "generative", []
    return "extractive", [f"engine auto: no seq2seq model is here and {why_not}; the extractive engine ran"]


def summarise(
    text: str | Article,
    *,
    engine: str = "auto",
    n_headlines: int = 5,
    max_summary_words: int = 35,
    max_headline_chars: int = 70,
) -> Summary:
    """Summarise one Danish news text.

    >>> s = summarise("Regeringen vil bruge 2 mia. kr. på nye cykelstier. Pengene kommer fra puljen.")
    >>> s.engine
    'extractive'
    """
    return next(
        summarise_many(
            [text],
            engine=engine,
            n_headlines=n_headlines,
            max_summary_words=max_summary_words,
            max_headline_chars=max_headline_chars,
            errors="raise",
        )
    )


def summarise_many(
    texts: Iterable[str | Article],
    *,
    engine: str = "auto",
    n_headlines: int = 5,
    max_summary_words: int = 35,
    max_headline_chars: int = 70,
    batch_size: int = 16,
    progress: bool = False,
    errors: str = "raise",
) -> Iterator[Summary | SummarizerError]:
    """Summarise a batch, yielding one result per input, in order.

    With ``errors="yield"`` a bad item yields its `SummarizerError` instead of stopping the
    batch, so no item is ever dropped silently.
    """
    check_options(n_headlines, max_summary_words, max_headline_chars)
    options = Options(n_headlines, max_summary_words, max_headline_chars)
    spec, auto_warnings = resolve_engine(engine)
    items: Iterable[str | Article] = texts
    if progress:
        from tqdm import tqdm

        items = tqdm(texts, desc=f"summarising ({spec})", unit="art")
    batch: list[Article | SummarizerError] = []
    for text in items:
        try:
            batch.append(prepare(text))
        except SummarizerError as error:
            if errors == "raise":
                raise
            batch.append(error)
        if len(batch) >= batch_size:
            yield from _run(spec, batch, options, auto_warnings)
            batch = []
    if batch:
        yield from _run(spec, batch, options, auto_warnings)


def _run(
    spec: str,
    batch: list[Article | SummarizerError],
    options: Options,
    auto_warnings: list[str],
) -> Iterator[Summary | SummarizerError]:
    articles = [item for item in batch if isinstance(item, Article)]
    # The engine (maybe a model) is loaded only once there is something valid to give it.
    runner = engines.get(spec) if articles else None
    started = time.perf_counter()
    drafts = iter(runner.summarise_batch(articles, options) if runner else [])
    per_item = (time.perf_counter() - started) / max(len(articles), 1)
    for item in batch:
        if isinstance(item, SummarizerError):
            yield item
            continue
        assert runner is not None
        draft = next(drafts)
        chosen = printable.choose(draft, item, options)
        source = item.source_text
        flags: list[Flag] = facts.check(chosen.summary, source, "summary")
        for rank, headline in enumerate(chosen.headlines):
            flags.extend(facts.check(headline, source, f"headline:{rank}"))
        yield Summary(
            summary=chosen.summary,
            headlines=chosen.headlines,
            engine=runner.name,
            article=item,
            flags=flags,
            problems=chosen.problems,
            warnings=[*auto_warnings, *item.warnings, *draft.warnings, *chosen.warnings],
            seconds=per_item,
        )


def check_options(n_headlines: int, max_summary_words: int, max_headline_chars: int) -> None:
    """Refuse options outside sensible bounds with one clear line (`SummarizerError`)."""
    if not 1 <= n_headlines <= 20:
        raise SummarizerError(f"n_headlines must be between 1 and 20, not {n_headlines}")
    if not 5 <= max_summary_words <= 200:
        raise SummarizerError(f"max_summary_words must be between 5 and 200, not {max_summary_words}")
    if not 20 <= max_headline_chars <= 200:
        raise SummarizerError(f"max_headline_chars must be between 20 and 200, not {max_headline_chars}")
