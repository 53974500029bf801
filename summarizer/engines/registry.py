"""The engine registry: one name, one class path, the class imported only when first used.

Classes are registered by import path so that `import summarizer` never pulls in torch or transformers; only
asking for `seq2seq` does. A name may carry an argument after a colon, e.g.
``"seq2seq:Danish-summarisation/DanSumT5-base"``.
"""

from __future__ import annotations

import importlib
import threading

from summarizer.engines.base import Engine
from summarizer.errors import UnknownEngine

_REGISTRY: dict[str, str] = {
    "lead": "summarizer.engines.lead:LeadEngine",
    "extractive": "summarizer.engines.extractive:ExtractiveEngine",
    "seq2seq": "summarizer.engines.seq2seq:Seq2SeqEngine",
    "generative": "summarizer.engines.generative:GenerativeEngine",
}
_instances: dict[tuple[object, ...], Engine] = {}
_lock = threading.Lock()


def register(name: str, import_path: str) -> None:
    """Add an engine: ``register("mine", "mypackage.mine:MyEngine")``."""
    _REGISTRY[name] = import_path


def unregister(name: str) -> None:
    """Remove an engine and its shared instances (tests register engines of their own)."""
    _REGISTRY.pop(name, None)
    with _lock:
        for key in [key for key in _instances if key[0] == name]:
            del _instances[key]


def import_path(name: str) -> str:
    """Where a registered engine's class lives (``"summarizer.engines.lead:LeadEngine"``)."""
    if name not in _REGISTRY:
        raise UnknownEngine(code="engine.unknown", name=repr(name), choices=", ".join(["auto", *_REGISTRY]))
    return _REGISTRY[name]


def names() -> list[str]:
    """All registered engine names (plus "auto", which picks one)."""
    return list(_REGISTRY)


def split_spec(spec: str) -> tuple[str, str | None]:
    """``"seq2seq:some/model"`` → ``("seq2seq", "some/model")``."""
    name, _, arg = spec.partition(":")
    return name.strip(), (arg.strip() or None)


def engine_class(name: str) -> type[Engine]:
    module_name, _, class_name = import_path(name).partition(":")
    return getattr(importlib.import_module(module_name), class_name)


def get(spec: str) -> Engine:
    """The shared instance for an engine spec (created once per process, thread-safe)."""
    name, arg = split_spec(spec)
    cls = engine_class(name)
    key = (name, *cls.instance_key(arg))
    with _lock:
        if key not in _instances:
            _instances[key] = cls(arg) if arg is not None else cls()
        return _instances[key]
