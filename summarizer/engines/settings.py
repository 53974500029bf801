"""The environment variables that give the engines their defaults, read here and only here.

An engine gets its model and backend as arguments (``engines.get("seq2seq:MODEL@ct2")``,
``engines.get("generative", model=…, backend=…)``); these are what it uses when none is given. Each is read
when asked, not at import, so a changed setting (a test, a long-lived process) is seen. Nothing in the library
writes them.
"""

from __future__ import annotations

import os

__all__ = [
    "ct2_threads",
    "generative_backend",
    "generative_model",
    "headline_model",
    "seq2seq_backend",
    "seq2seq_model",
]


def seq2seq_model() -> str | None:
    """``SUMMARIZER_MODEL``: the seq2seq model (a Hub id or a folder), or None."""
    return _read("SUMMARIZER_MODEL")


def seq2seq_backend() -> str | None:
    """``SUMMARIZER_BACKEND``: the seq2seq backend ("transformers" or "ct2"), or None."""
    return _read("SUMMARIZER_BACKEND")


def headline_model() -> str | None:
    """``SUMMARIZER_HEADLINE_MODEL``: a separate seq2seq checkpoint for headlines, or None."""
    return _read("SUMMARIZER_HEADLINE_MODEL")


def generative_model() -> str | None:
    """``SUMMARIZER_GENERATIVE_MODEL``: the generative engine's fine-tuned folder, or None."""
    return _read("SUMMARIZER_GENERATIVE_MODEL")


def generative_backend() -> str | None:
    """``SUMMARIZER_GENERATIVE_BACKEND``, lower-cased ("llama.cpp" or "transformers"), or None."""
    value = _read("SUMMARIZER_GENERATIVE_BACKEND")
    return value.lower() if value else None


def ct2_threads() -> int:
    """``SUMMARIZER_CT2_THREADS``: CPU threads for a CTranslate2 model; 0 when unset (then every core)."""
    return int(os.environ.get("SUMMARIZER_CT2_THREADS", "0"))


def _read(name: str) -> str | None:
    return os.environ.get(name, "").strip() or None
