"""What every tab's handlers share: Danish one-line errors, the desk's settings as `Options`, and ROUGE.

No Gradio here: the handlers are plain functions, unit-tested directly.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

from eval.rouge import Scorer
from summarizer.errors import EmptyInput, ModelUnavailable, OnlyBoilerplate, SummarizerError
from summarizer.options import Options

log = logging.getLogger("desk")

#: ROUGE variants the desk shows (the eval module computes more).
ROUGE_KEYS = ("rouge1", "rouge2", "rougeL")
ROUGE_LABELS = {"rouge1": "ROUGE-1", "rouge2": "ROUGE-2", "rougeL": "ROUGE-L"}


def one_line(error: BaseException) -> str:
    """An exception as one short line for people (no traceback, no class path)."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 300 else text[:297] + "…"


def friendly(error: BaseException, engine: str | None = None) -> str:
    """A Danish one-line message for an error the editor sees.

    The library's errors are Danish already (from its message catalogue) and are shown as given; the desk adds
    only what an editor can do on this page, keyed by the error's class or code, never by its words. A model
    that cannot be used is named by its own engine (the error's, else `engine`, the one the desk ran).
    """
    if isinstance(error, EmptyInput) and not isinstance(error, OnlyBoilerplate) and _code(error) == "input.empty":
        return "Der er ingen tekst at opsummere. Indsæt en artikel, upload en fil eller vælg et eksempel."
    if isinstance(error, ModelUnavailable):
        if engine:
            error.with_engine(engine)  # keeps an engine the error names already
        return f"{one_line(error)} Vælg en af de andre motorer."
    if isinstance(error, SummarizerError):
        return one_line(error)
    return (f"Noget gik galt, og fejlen er skrevet i desken log. Prøv igen, eller prøv en anden tekst. "
            f"(Teknisk: {type(error).__name__}: {one_line(error)})")  # fmt: skip


def _code(error: BaseException) -> str:
    return str(getattr(error, "code", "") or "")


def desk_options(
    options: Options | None,
    n_headlines: float | None = None,
    max_summary_words: float | None = None,
    max_headline_chars: float | None = None,
) -> Options:
    """`options` (or the library's defaults) with any setting given by name: a slider's number as a whole one.

    The defaults and bounds are `summarizer.options`' own; a value out of bounds is its Danish error.
    """
    settings = {"n_headlines": n_headlines, "max_summary_words": max_summary_words,
                "max_headline_chars": max_headline_chars}  # fmt: skip
    # A slider gives a float (5.0): the desk has always taken its whole part.
    return Options.of(options, **{key: None if value is None else int(value) for key, value in settings.items()})


# --------------------------------------------------------------------------- ROUGE


@functools.cache
def scorer() -> Scorer:
    """One shared scorer: the project's Danish ROUGE (Unicode words, no stemming)."""
    return Scorer(stem=False)


def rouge_scores(reference: str, prediction: str) -> dict[str, Any]:
    """ROUGE-1/2/L of `prediction` against `reference` with the project's Danish scorer."""
    scores = scorer().score(reference, prediction)
    return {key: scores[key] for key in ROUGE_KEYS}


def rouge_signature() -> str:
    return str(scorer().signature)
