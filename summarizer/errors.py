"""The errors the library raises on purpose; each carries a code and a one-line Danish message meant for people.

The code (``"input.empty"``) is what a program checks; the message is the catalogue's Danish text for it
(`summarizer.messages`), so no caller ever matches on a message's words.

>>> from summarizer.errors import EmptyInput
>>> error = EmptyInput(code="input.empty")
>>> error.code, str(error)
('input.empty', 'Teksten er tom: der er intet at resumere.')
"""

from __future__ import annotations

from summarizer.messages import engine_name, text


class SummarizerError(ValueError):
    """Base class: bad input or configuration, reported as one clear line.

    Raise with a catalogue code and its fields (``SummarizerError(code="option.out_of_range", name=…)``);
    a plain message (``SummarizerError("…")``) still works and keeps the class's own code.
    """

    #: The class's code when none is given: each subclass names its kind of error.
    code: str = "error"

    def __init__(self, message: str = "", *, code: str | None = None, **params: object) -> None:
        if code is not None:
            self.code = code
        self.params = params
        # A message given as it is wins (a reader re-raising another's error keeps its words); else the catalogue's.
        super().__init__(message or text(self.code, **params))


class EmptyInput(SummarizerError):
    """The text has nothing to summarise (empty, whitespace, or only a headline)."""

    code = "input.empty"


class OnlyBoilerplate(EmptyInput):
    """Text was given, but nothing of an article is left once ad breaks, paywall notices and tags go."""

    code = "input.only_boilerplate"


class UnknownEngine(SummarizerError):
    """The engine name is not in the registry."""

    code = "engine.unknown"


class ModelUnavailable(SummarizerError):
    """An engine's model (seq2seq or generative) is not here, cannot be fetched now, or cannot be loaded.

    The message names the engine by its Danish display name: ``"Resumémodel kan ikke bruges her: …"`` for
    seq2seq, ``"Sprogmodel (eksperimentel) kan ikke bruges her: …"`` for generative. `engine` is set where it is
    known: by the engine that raises it, and by the registry (`engines.get`) for every engine it builds; without it
    the message says "Modellen" rather than guess a wrong name.
    """

    code = "model.unavailable"

    def __init__(self, message: str = "", *, code: str | None = None, engine: str | None = None, **params: object):
        super().__init__(message, code=code, **params)
        self.engine = engine

    @property
    def reason(self) -> str:
        """What is missing, without the engine's name in front."""
        return str(self.args[0]) if self.args else ""

    def __str__(self) -> str:
        # Rendered when shown, so an engine name set after raising (`with_engine`) is in the message.
        if self.engine:
            return text("model.unavailable", engine=engine_name(self.engine), reason=self.reason)
        return text("model.unavailable.unnamed", reason=self.reason)

    def with_engine(self, engine: str) -> ModelUnavailable:
        """This error, naming `engine` unless an engine is named already; returned for ``raise … from``."""
        if not self.engine:
            self.engine = engine
        return self
