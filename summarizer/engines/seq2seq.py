"""`seq2seq`: a Hugging Face Danish seq2seq checkpoint. (Placeholder; the seq2seq helper owns it.)"""

from __future__ import annotations

from summarizer.engines.base import Engine
from summarizer.errors import ModelUnavailable


class Seq2SeqEngine(Engine):
    name = "seq2seq"

    def __init__(self, model: str | None = None) -> None:
        raise ModelUnavailable("the seq2seq engine is not built yet")

    @classmethod
    def is_available(cls, spec_arg: str | None = None) -> bool:
        return False
