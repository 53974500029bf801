"""The one interface every engine implements (a thin base class, as in sumy)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from summarizer.article import Article
from summarizer.checks import Problem
from summarizer.options import Options

__all__ = ["Draft", "Engine", "Options"]


@dataclass
class Draft:
    """An engine's raw output: a summary and headline *candidates* (best first).

    `summarise` turns a Draft into a `Summary`: it applies the shared headline rules,
    checks facts and times the run, so engines stay small.
    """

    summary: str
    headlines: list[str]
    warnings: list[str] = field(default_factory=list)
    #: Further leads the engine would give, best first; `summarise` shows the first the editor's check passes.
    lead_candidates: list[str] = field(default_factory=list)
    #: Problems the engine itself found in a candidate (text → problems), such as the generative engine's support
    #: check; `summarise` adds them to the editor's check. A code in `checks.BLOCKING` keeps a candidate off the page.
    known_problems: dict[str, list[Problem]] = field(default_factory=dict)


class Engine:
    """Base class. Subclasses set `name` and implement `summarise`; an engine says what it needs in class
    attributes (`takes_model`, `install_note`), so the desk and the command line never test engine names."""

    name: str = ""
    #: Whether a model (a folder or a Hub id) may be given: ``engines.get("name:MODEL")`` or ``model=``.
    takes_model: ClassVar[bool] = False
    #: The backends a spec may name after its model (``"seq2seq:MODEL@ct2"``), and so the command line's
    #: ``--backend``; an engine may take a ``backend=`` argument without listing any here (generative).
    backends: ClassVar[tuple[str, ...]] = ()
    #: Danish: what to install when `is_available` is False (the desk shows it on its "Om motorerne" panel).
    install_note: ClassVar[str] = "Ikke tilgængelig på denne maskine."

    def summarise(self, article: Article, options: Options) -> Draft:
        raise NotImplementedError

    def summarise_batch(self, articles: Iterable[Article], options: Options) -> list[Draft]:
        """Several articles at once; engines that can batch (seq2seq) override this."""
        return [self.summarise(article, options) for article in articles]

    @classmethod
    def instance_key(cls, model: str | None = None, **config: Any) -> tuple[object, ...]:
        """What the registry shares one instance by: the engine's arguments, with the defaults they fall back on
        (`settings`) filled in by engines that take a model, so a changed ``SUMMARIZER_..._MODEL`` gets its own
        engine instead of the one built for the old setting."""
        return (model, *sorted((key, repr(value)) for key, value in config.items()))

    @classmethod
    def is_available(cls, model: str | None = None) -> bool:
        """Whether this engine can run here (with `model`, for engines that take one) without downloading."""
        return True

    @classmethod
    def auto_verdict(cls, model: str | None = None) -> str | None:
        """Asked by ``engine="auto"`` (`about.choose_auto`), in the registry's order: None to be chosen, else why
        not in one Danish line ("" when there is nothing worth saying). By default: chosen when available."""
        return None if cls.is_available(model) else ""

    def about_model(self) -> str | None:
        """Which model this instance runs, in Danish, for start-up lines ("model X på transformers"); None
        when it runs none."""
        return None
