"""The Historik tab's handlers (and "Gem valg" on every card): keep an editor's choice, list the saved ones.

Times are shown on the newsroom's clock (Copenhagen); an engine by its Danish name.
"""

from __future__ import annotations

from typing import Any

from desk.handlers.article import DeskResult
from desk.handlers.engines import engine_label
from desk.store import Choice, Saved, Store
from summarizer.results import local_time


def save_choice(
    store: Store,
    result: DeskResult,
    engine: str,
    headline: str,
    lead: str,
    rank: int | None,
    user: str | None,
    idempotency_key: str | None = None,
) -> Saved:
    """Keep what the editor chose (or wrote) from `engine`'s card. Raises `StoreError` (Danish).

    A retried save with the same `idempotency_key` is stored once (the store returns the first row)."""
    choice = Choice(
        input_text=result.input_text,
        body=result.article.body,
        headline=headline or "",
        lead=lead or "",
        engine=engine,
        candidates=result.candidates(),
        headline_rank=None if rank is None or rank == "" else int(rank),
        real_headline=result.article.headline,
        real_lead=result.article.lead,
        user=user or "anonym",
        idempotency_key=idempotency_key or None,
    )
    return store.save(choice)


def saved_note(saved: Saved) -> str:
    """One Danish line saying what was kept, with the time on the newsroom's clock (Copenhagen)."""
    headline = "rubrik rettet" if saved.headline_edited else f"rubrik nr. {(saved.headline_rank or 0) + 1}"
    lead = "lead rettet" if saved.lead_edited else "lead uændret"
    return f"Gemt som valg nr. {saved.id} ({headline}, {lead}; {saved.user}, {local_time(saved.saved_at)})."


def history_rows(store: Store, query: str = "", limit: int = 100) -> list[list[Any]]:
    """The Historik table, newest first: number, time (Copenhagen), editor, engine (Danish name), headline, lead."""
    return [
        [s.id, local_time(s.saved_at), s.user, engine_label(s.headline_engine or s.lead_engine), s.headline, s.lead]
        for s in store.recent(query, limit)
    ]
