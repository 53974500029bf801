"""The engines: one name, one class, imported only when first used (`registry`), and what they say about
themselves (`about`).

Classes are registered by import path so that `import summarizer` never pulls in torch
or transformers; only asking for `seq2seq` does. A name may carry an argument after a
colon, e.g. ``"seq2seq:Danish-summarisation/DanSumT5-base"``.
"""

from __future__ import annotations

from summarizer.engines.about import (
    AUTO,
    EngineInfo,
    choose_auto,
    describe_model,
    engine_spec,
    engine_status,
    model_for,
    preload,
    with_model,
)
from summarizer.engines.base import Draft, Engine, Options

# The registry's state, for tests that add an engine of their own (``monkeypatch.setitem(engines._REGISTRY, …)``).
from summarizer.engines.registry import _REGISTRY as _REGISTRY
from summarizer.engines.registry import _instances as _instances
from summarizer.engines.registry import (
    auto_order,
    engine_class,
    get,
    import_path,
    names,
    register,
    split_spec,
    unregister,
)

__all__ = [
    "AUTO",
    "Draft",
    "Engine",
    "EngineInfo",
    "Options",
    "auto_order",
    "choose_auto",
    "describe_model",
    "engine_class",
    "engine_spec",
    "engine_status",
    "get",
    "import_path",
    "model_for",
    "names",
    "preload",
    "register",
    "split_spec",
    "unregister",
    "with_model",
]
