"""The API-only endpoints, JSON in and JSON out: ``/summarise`` (one text, each engine) and ``/save`` (keep an
editor's choice). Both run what "Én artikel" runs (`desk.tabs.article.desk_result`), with the library's
default settings unless told otherwise."""

from __future__ import annotations

import logging
from typing import Any

import gradio as gr

from desk import handlers
from desk.tabs.article import desk_result
from desk.tabs.common import DEFAULTS, NO_STORE, Page, user
from summarizer.errors import SummarizerError

log = logging.getLogger("desk")


def add_summarise(page: Page) -> None:
    """``/summarise``: the desk's run as JSON, for scripts."""

    def summarise(
        text: str,
        engines: list[str] | None = None,
        n_headlines: int = DEFAULTS.n_headlines,
        max_summary_words: int = DEFAULTS.max_summary_words,
        max_headline_chars: int = DEFAULTS.max_headline_chars,
        real_headline: str = "",
        real_lead: str = "",
    ) -> dict[str, Any]:
        """Summarise one Danish news text with each engine (default: every available one).

        Returns {"real_headline", "real_lead", "notices", "rouge_signature", "results": [{"engine",
        "summary", "headlines", "flags", "warnings", "seconds", "error", "rouge_lead", "rouge_headline"}]}.
        Bad input gives {"error": "..."} instead of results.
        """
        try:
            result = desk_result(page, text, engines or page.available, real_headline, real_lead,
                                 n_headlines=n_headlines, max_words=max_summary_words,
                                 max_chars=max_headline_chars)  # fmt: skip
        except Exception as error:  # the caller gets one line, never a traceback
            if not isinstance(error, SummarizerError):
                log.exception("unexpected error in /summarise")
            return {"error": handlers.friendly(error), "results": []}
        return result.to_dict()

    gr.api(summarise, api_name="summarise", concurrency_id="work")


def add_save(page: Page) -> None:
    """``/save``: keep a choice, as "Gem valg" does; idempotent with a key."""
    store = page.store

    def save(
        text: str,
        engine: str,
        headline: str,
        lead: str,
        headline_rank: int | None = None,
        real_headline: str = "",
        real_lead: str = "",
        idempotency_key: str = "",
        request: gr.Request = None,  # type: ignore[assignment]  (Gradio fills it in)
    ) -> dict[str, Any]:
        """Keep an editor's choice: the headline and lead (as chosen or edited) from `engine` for `text`.

        The engines are run on `text` again to record every engine's candidates, as the desk's
        "Gem valg" does; `headline_rank` is the 0-based rank of the candidate the headline came from
        (leave it out for a headline written by hand). The user is the logged-in one (with --auth).
        `idempotency_key` (up to 200 characters, e.g. a UUID per choice): a retry with the same key
        stores nothing new and returns the row saved the first time.
        Returns {"id", "saved_at", "user", "headline", "headline_edited", "lead", "lead_edited"},
        or {"error": "..."}.
        """
        try:
            if store is None:
                raise SummarizerError(NO_STORE)
            editor = user(request)
            # A retry whose first reply was lost: answer with that save, without running the engines again.
            saved = store.find_key(editor, idempotency_key)
            if saved is None:
                # The candidates are what the engines offer with the library's default settings.
                result = desk_result(page, text, page.available, real_headline, real_lead)
                saved = handlers.save_choice(store, result, engine, headline, lead, headline_rank, editor,
                                             idempotency_key=idempotency_key)  # fmt: skip
        except Exception as error:
            if not isinstance(error, SummarizerError):
                log.exception("unexpected error in /save")
            return {"error": handlers.friendly(error)}
        keys = ("id", "saved_at", "user", "headline", "headline_edited", "lead", "lead_edited")
        return {key: getattr(saved, key) for key in keys}

    gr.api(save, api_name="save", concurrency_id="work")
