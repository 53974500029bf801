"""What the desk and the command line say about the engines, asked of the engines themselves.

Nothing here tests an engine's name: each engine class states whether it takes a model (`Engine.takes_model`),
what to install when it is not here (`Engine.install_note`) and which model an instance runs
(`Engine.about_model`); the Danish display name and description come from the message catalogue.

>>> [info.name for info in engine_status()][:2]
['lead', 'extractive']
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from summarizer import messages
from summarizer.engines import registry as engines

__all__ = [
    "AUTO",
    "EngineInfo",
    "choose_auto",
    "describe_model",
    "engine_spec",
    "engine_status",
    "model_for",
    "preload",
    "with_model",
]

log = logging.getLogger("summarizer.engines")


@dataclass(frozen=True)
class EngineInfo:
    """One registered engine and whether it can run on this machine (checked once, at start-up).

    `note` says, in Danish, what to install when it cannot (shown once, on the desk's "Om motorerne" panel).
    """

    name: str
    available: bool
    note: str = ""
    #: Whether a model (a folder or a Hub id) may be given to this engine (seq2seq, generative).
    takes_model: bool = False

    @property
    def label(self) -> str:
        """The engine's Danish display name ("Udvalgte sætninger"); the code (`name`) stays the value."""
        return messages.engine_name(self.name)

    @property
    def about(self) -> str:
        """One Danish line on what the engine does."""
        return messages.engine_about(self.name)


def engine_status(model: str | None = None) -> list[EngineInfo]:
    """Every registered engine with its availability. `model` (the desk's ``--model``) is checked by each engine
    it goes to (`model_for`); a broken engine is listed as unavailable with why, never raised."""
    infos: list[EngineInfo] = []
    for name in engines.names():
        takes = False
        try:
            cls = engines.engine_class(name)
            takes = _takes_model(cls)
            available = bool(cls.is_available(model_for(name, model)))
            note = "" if available else str(getattr(cls, "install_note", "") or _NOT_HERE)
        except Exception as error:  # a broken engine must not stop the desk from starting
            log.warning("engine %s: %s", name, error)
            available, note = False, f"Kan ikke indlæses: {_one_line(error)}"
        infos.append(EngineInfo(name, available, note, takes))
    return infos


def model_for(name: str, model: str | None) -> str | None:
    """The model engine `name` gets when the caller names `model` (the desk's ``--model``), else None.

    A model goes to each engine that takes one and can run it (``is_available(model)``): a generative model folder
    to `generative`, a seq2seq checkpoint to `seq2seq`. A model none of them can run goes to the first engine
    that takes a model, so that engine says what is wrong with it (as the desk did before engines described
    themselves) rather than the model being silently ignored.
    """
    if not model:
        return None
    takers = [other for other in engines.names() if _takes_model(_class_or_none(other))]
    if name not in takers:
        return None
    valid = [other for other in takers if _runs(other, model)]
    if valid:
        return model if name in valid else None
    return model if name == takers[0] else None


def engine_spec(name: str, model: str | None = None) -> str:
    """The registry spec for an engine: ``"seq2seq:MODEL"`` when the engine takes `model` (`model_for`), else
    the name."""
    chosen = model_for(name, model)
    return f"{name}:{chosen}" if chosen else name


def describe_model(name: str, model: str | None = None) -> str:
    """Which model an engine will use, for start-up lines (locating it is cheap; nothing loads)."""
    try:
        engine = engines.get(engine_spec(name, model))
    except Exception as error:
        return f"kan ikke sættes op: {_one_line(error)}"
    about = getattr(engine, "about_model", None)
    described = about() if callable(about) else None
    return described or "ingen model"


def choose_auto(model: str | None = None) -> tuple[str, list[str]]:
    """What ``engine="auto"`` runs here: the spec of the first engine in the registry's auto order
    (`registry.auto_order`) whose `Engine.auto_verdict` says yes, and why each one before it said no (the
    non-empty reasons, in Danish). `model`, if given, goes to the engines that take it, as in `model_for`."""
    reasons: list[str] = []
    order = engines.auto_order()
    for name in order:
        spec = engine_spec(name, model)
        why_not = engines.engine_class(name).auto_verdict(engines.split_spec(spec)[1])
        if why_not is None:
            return spec, reasons
        if why_not:
            reasons.append(why_not)
    return order[-1], reasons  # the last one always answers; this is for a registry changed by hand


def with_model(spec: str, model: str | None = None, backend: str | None = None) -> str:
    """The spec `spec` with the command line's ``--model`` and ``--backend`` in it (``"seq2seq:MODEL@BACKEND"``).

    An argument the spec has already wins; `model` goes only to an engine that takes a model, `backend` only to one
    that lists it (`Engine.backends`). For ``"auto"`` both travel along (``"auto:MODEL@BACKEND"``), and
    `choose_auto` gives them to the engine it picks.

    >>> with_model("seq2seq", "./min-model", "ct2"), with_model("lead", "./min-model"), with_model("auto")
    ('seq2seq:./min-model@ct2', 'lead', 'auto')
    """
    name, arg = engines.split_spec(spec)
    if name == AUTO:
        takes, backends = True, {b for other in engines.names() for b in _backends(_class_or_none(other))}
    else:
        cls = _class_or_none(name)  # an unknown name is said by `api.resolve_engine`, after the input is read
        takes, backends = _takes_model(cls), set(_backends(cls))
    if not takes or not (arg or model or backend):
        return spec
    chosen = arg or model or ""
    if backend and backend in backends and not _has_backend(chosen, backends):
        chosen = f"{chosen}@{backend}"
    return f"{name}:{chosen}" if chosen else name


def preload(name: str, model: str | None = None) -> float:
    """Create the shared engine instance now (and load its model, for engines that load lazily); returns the
    seconds it took."""
    started = time.perf_counter()
    engine = engines.get(engine_spec(name, model))
    load = getattr(engine, "load", None)  # seq2seq and generative load their weights lazily unless asked
    if callable(load):
        load()
    return time.perf_counter() - started


#: The name that picks an engine rather than naming one (`choose_auto`).
AUTO = "auto"
#: The note for an engine that is not here and does not say what it needs.
_NOT_HERE = "Ikke tilgængelig på denne maskine."


def _takes_model(cls: type | None) -> bool:
    return bool(getattr(cls, "takes_model", False))


def _backends(cls: type | None) -> tuple[str, ...]:
    return tuple(getattr(cls, "backends", ()) or ())


def _has_backend(arg: str, backends: set[str]) -> bool:
    head, sep, tail = arg.rpartition("@")
    return bool(sep) and tail.lower() in backends


def _class_or_none(name: str) -> type | None:
    try:
        return engines.engine_class(name)
    except Exception:  # a broken engine takes nothing; engine_status reports why
        return None


def _runs(name: str, model: str) -> bool:
    try:
        return bool(engines.engine_class(name).is_available(model))
    except Exception:
        return False


def _one_line(error: BaseException) -> str:
    """An exception as one short line for people (no traceback, no class path)."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 300 else text[:297] + "…"
