"""`summarise` and `summarise_many`: raw text (or an `Article`) in, `Summary` out.

Data flows one way: input → `Article` (structure.parse or a wire reader) → engine → `Draft`
→ shared headline rules, the editor's check (`printable`) and fact flags → `Summary`.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import fields, replace
from typing import Any

from summarizer import engines, facts, printable
from summarizer.article import Article
from summarizer.engines.base import Engine
from summarizer.errors import EmptyInput, ModelUnavailable, OnlyBoilerplate, SummarizerError, UnknownEngine
from summarizer.messages import Message, engine_name, message
from summarizer.messages import text as message_text
from summarizer.options import Options
from summarizer.options import shown as _shown
from summarizer.options import whole as _whole
from summarizer.results import invalid_count, valid_text
from summarizer.structure import parse
from summarizer.summary import Flag, Summary
from summarizer.text import WORD_RE, words

#: Longer input is cut (with a warning): wire stories are a few thousand characters.
MAX_INPUT_CHARS = 200_000


def prepare(text: str | Article) -> Article:
    """Raw text or an `Article` → a checked `Article` with non-empty body (else `EmptyInput`).

    Text over `MAX_INPUT_CHARS` is cut, with a warning that says how much. Text that is not valid
    Unicode (lone surrogates, as a JSON ``"\\ud800"`` escape gives) is made valid here, with a warning:
    no engine, check or output file ever sees it.
    """
    if isinstance(text, Article):
        article = valid_article(text)
        if len(article.body) > MAX_INPUT_CHARS:
            cut = _cut_warning(len(article.body))
            article = replace(article, body=article.body[:MAX_INPUT_CHARS], warnings=[cut, *article.warnings])
    elif isinstance(text, str):
        bad = invalid_count(text)
        text = valid_text(text)
        cut = _cut_warning(len(text)) if len(text) > MAX_INPUT_CHARS else None
        article = parse(text[:MAX_INPUT_CHARS])
        if cut:
            article.warnings.insert(0, cut)
        if bad:
            article.warnings.insert(0, _invalid_warning(message_text("input.the_text"), {"": bad}))
    else:
        raise SummarizerError(code="input.not_text", kind=type(text).__name__)
    body = article.body.strip()
    if not body and isinstance(text, str) and _words(text) > _words(article.source_text):
        raise OnlyBoilerplate(code="input.only_boilerplate")
    if not body:
        if article.headline and not article.lead:
            raise EmptyInput(code="input.only_headline", headline=_quoted(article.headline))
        if article.headline or article.lead:
            raise EmptyInput(code="input.no_body")
        raise EmptyInput(code="input.empty")
    if not WORD_RE.search(body):
        # Emoji, symbols or punctuation only: an engine would return an empty or meaningless lead.
        raise EmptyInput(code="input.no_words", start=_quoted(body, 40))
    if looks_like_headline_only(body):
        raise EmptyInput(code="input.only_headline", headline=_quoted(body))
    return article


def valid_article(article: Article) -> Article:
    """`article` itself when all its text is valid Unicode; else a copy with every text field made valid and,
    first among its warnings, one naming the item and the fields. The caller's article is never changed."""
    bad: dict[str, int] = {}
    changes: dict[str, Any] = {}
    for spec in fields(article):
        value = getattr(article, spec.name)
        if isinstance(value, str) and invalid_count(value):
            bad[spec.name] = invalid_count(value)
            changes[spec.name] = valid_text(value)
    warnings = [valid_text(warning) if isinstance(warning, str) else warning for warning in article.warnings]
    if not bad and warnings == article.warnings:
        return article
    repaired = replace(article, **changes)
    if bad:
        who = " ".join(part for part in (
            message_text("input.item", id=repaired.id) if repaired.id else None,
            f"({repaired.where})" if repaired.where and repaired.where != repaired.id else None,
        ) if part) or message_text("input.the_article")  # fmt: skip
        warnings.insert(0, _invalid_warning(who, bad))
    repaired.warnings = warnings  # a new list: the caller's article keeps its own
    return repaired


def _invalid_warning(who: str, bad: dict[str, int]) -> Message:
    total = sum(bad.values())
    fields_named = ", ".join("tekst" if name == "body" else name for name in bad if name)
    where = message_text("input.invalid_chars.where", fields=fields_named) if fields_named else ""
    if total == 1:
        return message("input.invalid_char", who=who, where=where)
    return message("input.invalid_chars", who=who, count=total, where=where)


def _quoted(value: str, limit: int = 60) -> str:
    """The start of a text as a message quotes it: »…«, cut at `limit` characters, on one line."""
    return "»" + " ".join(value[:limit].split()) + ("…" if len(value) > limit else "") + "«"


def _words(text: str) -> int:
    return len(WORD_RE.findall(text))


def _cut_warning(length: int) -> Message:
    return message("input.cut", kept=_thousands(MAX_INPUT_CHARS), total=_thousands(length))


def _thousands(number: int) -> str:
    """200000 → "200.000", as Danish writes it."""
    return f"{number:,}".replace(",", ".")


def looks_like_headline_only(body: str) -> bool:
    """One short line with no sentence end, e.g. "Biden og Putin mødes om Ukraine"."""
    return "\n" not in body and len(words(body)) <= 15 and not body.rstrip("»\"”' ").endswith((".", "!", "?"))


def resolve_engine(spec: str) -> tuple[str, list[str]]:
    """``"auto"`` → the best engine available here, with a warning saying why for each engine passed over.

    The registry asks its engines in order (`engines.about.choose_auto`): each says, through its
    `Engine.auto_verdict`, whether it should run here (a seq2seq model installed here comes first, then the
    generative engine only when its model's benchmark record beats the extractive one, then extractive).
    ``"auto:MODEL"`` (the command line's ``--model`` with auto) gives the model to the engine that takes it.
    """
    if not isinstance(spec, str) or not spec.strip():
        raise UnknownEngine(code="engine.no_name", value=_shown(spec))
    name, arg = engines.split_spec(spec)
    if name != engines.AUTO:
        cls = engines.engine_class(name)  # unknown names fail here, clearly
        if arg is not None and not takes_argument(cls):
            raise SummarizerError(code="engine.takes_no_argument", name=name, arg=_quoted(arg))
        return spec, []
    chosen, reasons = engines.choose_auto(arg)
    picked = engine_name(engines.split_spec(chosen)[0])
    return chosen, [message("engine.auto.reason", why=why, engine=picked) for why in reasons]


def takes_argument(cls: type[Engine]) -> bool:
    """Whether an engine reads an argument after ``name:`` (a model; `Engine.takes_model`): to the others an
    argument is a mistake, not a setting."""
    return bool(getattr(cls, "takes_model", False))


def summarise(
    text: str | Article,
    *,
    engine: str = "auto",
    options: Options | None = None,
    n_headlines: int | None = None,
    max_summary_words: int | None = None,
    max_headline_chars: int | None = None,
) -> Summary:
    """Summarise one Danish news text.

    The settings come as an `Options`, or one by one by name (they then replace that setting of `options`).

    >>> s = summarise("Regeringen vil bruge 2 mia. kr. på nye cykelstier. Pengene kommer fra puljen.")
    >>> s.engine
    'extractive'
    """
    settings = Options.of(options, n_headlines=n_headlines, max_summary_words=max_summary_words,
                          max_headline_chars=max_headline_chars)  # fmt: skip
    return next(summarise_many([text], engine=engine, options=settings, errors="raise"))


def summarise_many(
    texts: Iterable[str | Article],
    *,
    engine: str = "auto",
    options: Options | None = None,
    n_headlines: int | None = None,
    max_summary_words: int | None = None,
    max_headline_chars: int | None = None,
    batch_size: int = 16,
    progress: bool = False,
    errors: str = "raise",
) -> Iterator[Summary | SummarizerError]:
    """Summarise a batch, yielding one result per input, in order.

    With ``errors="yield"`` a bad item yields its `SummarizerError` instead of stopping the
    batch, so no item is ever dropped silently.
    """
    options = Options.of(options, n_headlines=n_headlines, max_summary_words=max_summary_words,
                         max_headline_chars=max_headline_chars)  # fmt: skip
    if errors not in ("raise", "yield"):
        raise SummarizerError(code="option.errors", value=_shown(errors))
    batch_size = _whole("batch_size", batch_size, 1, 100_000)
    if isinstance(texts, str | bytes | Article) or not isinstance(texts, Iterable):
        raise SummarizerError(code="option.not_a_list", kind=type(texts).__name__)
    spec, auto_warnings = resolve_engine(engine)
    items: Iterable[str | Article] = texts
    if progress:
        from tqdm import tqdm

        items = tqdm(texts, desc=f"resumerer ({engine_name(spec)})", unit="art")
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
    try:
        runner = engines.get(spec) if articles else None
    except ModelUnavailable as error:  # say which engine's model is missing, not just that one is
        raise error.with_engine(engines.split_spec(spec)[0]) from None
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


