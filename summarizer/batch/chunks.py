"""A chunk of articles through one engine: the whole chunk in one call, else one by one (never an item lost).

Every batch path runs its articles through `summarise_chunk`: the local batch (in this process or a worker),
each Ray actor, `summarizer.hf_datasets` and the desk. An engine that breaks on one article of a chunk
(a crash in its batch call) costs that article alone: the chunk is run again one article at a time, so
the others still get their summaries. `result_lines` turns a chunk into the batch's result lines.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from summarizer.article import Article
from summarizer.errors import ModelUnavailable, SummarizerError, UnknownEngine
from summarizer.options import Options
from summarizer.results import ResultLine
from summarizer.summary import Summary


class EngineStartError(SummarizerError):
    """The engine could not be loaded (in this process or a worker): a set-up problem, not an item's."""

    code = "engine.could_not_start"


#: Errors that are about the set-up, not about one item: they stop the run.
FATAL: tuple[type[BaseException], ...] = (ModelUnavailable, UnknownEngine, EngineStartError)


@dataclass(frozen=True)
class Settings:
    """What a batch runs: the engine (a resolved spec, e.g. ``"extractive"``) and the caller's `Options`.

    Picklable: it travels to every worker process and Ray actor.
    """

    engine: str
    options: Options = field(default_factory=Options)


def summarise_chunk(
    items: Sequence[Article | SummarizerError],
    spec: str,
    options: Options,
    *,
    fatal: tuple[type[BaseException], ...] = FATAL,
    on_chunk_error: Callable[[Exception], None] | None = None,
) -> list[Summary | Exception]:
    """One result per item, in order: its `Summary`, or the exception that stopped it (never an item dropped).

    An item that is already an error (a file that could not be read) stays in its place. The articles go to
    the engine in one batch call; if that call raises, they go again one at a time, so only the article
    that breaks the engine fails. `fatal` errors (a missing model, an unknown engine: no article's fault)
    propagate instead; pass ``fatal=()`` to have them recorded against every item. `on_chunk_error` hears
    of a batch call that failed (the desk notes it once per engine) before the articles go one by one.
    """
    from summarizer.api import summarise_many

    articles = [item for item in items if isinstance(item, Article)]
    done: list[Summary | Exception]
    try:
        done = list(summarise_many(articles, engine=spec, options=options, batch_size=max(len(articles), 1),
                                   errors="yield"))  # fmt: skip
        if len(done) != len(articles):  # never expected; each article must still get its own result
            raise RuntimeError(f"{len(done)} results for {len(articles)} articles")
    except fatal:
        raise
    except Exception as error:  # one article broke the engine's batch call: redo them one by one to find it
        if on_chunk_error is not None:
            on_chunk_error(error)
        done = [_one(article, spec, options, fatal) for article in articles]
    results = iter(done)
    return [item if isinstance(item, SummarizerError) else next(results) for item in items]


def _one(article: Article, spec: str, options: Options, fatal: tuple[type[BaseException], ...]) -> Summary | Exception:
    from summarizer.api import summarise_many

    try:
        return next(summarise_many([article], engine=spec, options=options, errors="yield"))
    except fatal:
        raise
    except Exception as error:
        return error


def result_lines(items: Sequence[Article | SummarizerError], settings: Settings) -> list[tuple[str, bytes]]:
    """Summarise a chunk (in a worker, an actor or here) → ``(status, JSON line)`` per item, in order.

    Set-up errors (`FATAL`) propagate; anything else is recorded against the item it came from.
    """
    from summarizer import engines

    try:
        engines.get(settings.engine)  # loaded once per process; a failure here is not the items' fault
    except FATAL:
        raise
    except Exception as error:
        raise could_not_start(settings.engine, error) from None
    lines = []
    for item, result in zip(items, summarise_chunk(items, settings.engine, settings.options), strict=True):
        if isinstance(item, SummarizerError):  # an item that could not be read: its error, in its place
            lines.append(("error", error_line(getattr(item, "item_id", None) or "?", item, None)))
            continue
        try:
            if isinstance(result, Summary):
                # result.article: the article as summarised, its text made valid (id included) by `prepare`.
                lines.append(ResultLine.ok(result.article, result).encoded())
            else:
                lines.append(("error", error_line(item.id or "?", result, item)))
        except Exception as error:  # a result that cannot even be made into a line is that item's error
            lines.append(("error", error_line(item.id or "?", error, item)))
    return lines


def ok_line(article: Article, result: Summary) -> bytes:
    """The result line of an article summarised."""
    return ResultLine.ok(article, result).to_json()


def error_line(item_id: str, error: BaseException, article: Article | None) -> bytes:
    """The result line of an item that could not be read or summarised, with its one-line reason."""
    return ResultLine.failed(item_id, error, article).to_json()


def could_not_start(spec: str, error: Exception) -> EngineStartError:
    """An engine that failed to load, as the one set-up line that stops the run."""
    return EngineStartError(code="engine.could_not_start", name=spec, reason=f"{type(error).__name__}: {error}")


def check_available(spec: str) -> None:
    """`ModelUnavailable` unless the engine can run here (cheap: nothing is loaded)."""
    from summarizer import engines

    name, arg = engines.split_spec(spec)
    if not engines.engine_class(name).is_available(arg):
        raise ModelUnavailable(code="engine.not_available", name=spec)
