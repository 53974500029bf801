"""The engine registry: one name, one class path, the class imported only when first used.

Classes are registered by import path so that `import summarizer` never pulls in torch or transformers; only
asking for `seq2seq` does. A name may carry an argument after a colon, e.g.
``"seq2seq:Danish-summarisation/DanSumT5-base"``.
"""

from __future__ import annotations

import importlib
import threading
from typing import Any

from summarizer.engines.base import Engine
from summarizer.errors import ModelUnavailable, UnknownEngine

_REGISTRY: dict[str, str] = {
    "lead": "summarizer.engines.lead:LeadEngine",
    "extractive": "summarizer.engines.extractive:ExtractiveEngine",
    "seq2seq": "summarizer.engines.seq2seq:Seq2SeqEngine",
    "generative": "summarizer.engines.generative:GenerativeEngine",
}
#: The engines ``engine="auto"`` asks in turn (`auto_order`); the last one always answers.
_AUTO = ["seq2seq", "generative", "extractive"]
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


def get(spec: str, **config: Any) -> Engine:
    """The shared instance for an engine and its arguments (created once per process, thread-safe).

    Like a factory with a config: ``get("generative", model="modeller/vores-stil", backend="llama.cpp")``. The
    argument after a colon is the model (``get("seq2seq:some/model@ct2")``: a seq2seq model on ct2); a `model`
    keyword wins over it. An argument left out, or None, is the engine's default (`settings`). A model that is
    not here is a `ModelUnavailable` naming this engine.
    """
    name, arg = split_spec(spec)
    config = {key: value for key, value in {"model": arg, **config}.items() if value is not None}
    cls = engine_class(name)
    try:
        key = (name, *cls.instance_key(**config))
        with _lock:
            if key not in _instances:
                _instances[key] = cls(**config)
            return _instances[key]
    except ModelUnavailable as error:  # say whose model is missing (the desk shows it beside the engine's name)
        raise error.with_engine(name) from None


def auto_order() -> list[str]:
    """The engines ``engine="auto"`` asks, in order (`about.choose_auto`): a seq2seq model installed here comes first
    (a newsroom put it there), then the generative engine when its benchmark says so, then extractive."""
    return [name for name in _AUTO if name in _REGISTRY]
