"""The "Historik" tab: the saved choices, newest first, searchable; a click shows one whole, "Åbn igen" puts its
article back on "Én artikel", and the export gives CSV for Excel and JSONL for training."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import gradio as gr
import pandas as pd

from desk import handlers, render
from desk.store import export_csv, export_jsonl
from desk.tabs.article import ArticleTab
from desk.tabs.common import Page, fail, no_store, results_folder

HISTORY_HEADERS = ["Nr.", "Gemt", "Redaktør", "Motor", "Rubrik", "Lead"]
#: Wide enough for "Redaktør" and a Copenhagen time on one line; the headline and lead share the rest and wrap.
HISTORY_WIDTHS = ["5%", "12%", "9%", "14%", "26%", "34%"]


@dataclass
class HistoryTab:
    """The components of Historik that its events use."""

    tab: Any
    query: Any
    refresh: Any
    table: Any
    detail: Any
    number: Any
    open: Any
    export: Any
    info: Any
    downloads: Any
    csv: Any
    jsonl: Any


def build() -> HistoryTab:
    """The tab's components, in a ``gr.Tab`` of their own (inside the page's ``gr.Tabs``)."""
    with gr.Tab("Historik", id="history") as history_tab:
        gr.Markdown(
            "De gemte valg, nyeste først. **Klik på et valg** for at se det hele; »Åbn igen« lægger "
            "artiklen tilbage på »Én artikel«. Eksporten kan åbnes i Excel (CSV) og bruges som træningsdata "
            "(JSONL)."
        )
        with gr.Row():
            query = gr.Textbox(label="Søg i rubrik, lead, tekst og redaktør", scale=4, elem_id="history-search")
            refresh = gr.Button("Søg / opdatér", scale=1, elem_id="history-refresh")
        table = gr.Dataframe(
            headers=HISTORY_HEADERS, interactive=False, wrap=True, max_height=460, elem_id="history-table",
            column_widths=HISTORY_WIDTHS, buttons=[],
        )  # fmt: skip
        detail = gr.HTML(elem_id="history-detail")
        with gr.Row():
            number = gr.Number(label="Valg nr.", value=None, precision=0, scale=1, minimum=1, elem_id="history-nr")
            open_button = gr.Button("Åbn igen", scale=1, elem_id="history-open")
            export = gr.Button("Eksportér (CSV til Excel og JSONL)", scale=2, elem_id="history-export")
        info = gr.HTML(elem_id="history-info")
        with gr.Row(visible=False) as downloads:
            csv_button = gr.DownloadButton("Hent CSV (Excel)", elem_id="history-csv", scale=0, min_width=200)
            jsonl_button = gr.DownloadButton("Hent JSONL", elem_id="history-jsonl", scale=0, min_width=200)
    return HistoryTab(history_tab, query, refresh, table, detail, number, open_button, export, info, downloads,
                      csv_button, jsonl_button)  # fmt: skip


def wire(tab: HistoryTab, page: Page, article: ArticleTab, tabs: Any) -> None:
    """The list and its search, a click on a row, "Åbn igen" (to `article`, selected in `tabs`), the export."""
    store = page.store

    def on_history(query: str) -> tuple[Any, str]:
        if store is None:
            return pd.DataFrame(columns=HISTORY_HEADERS), no_store()
        try:
            rows = handlers.history_rows(store, query or "")
        except Exception as error:
            return pd.DataFrame(columns=HISTORY_HEADERS), fail(error)
        note = f"{len(rows)} {'gemt' if len(rows) == 1 else 'gemte'} valg"
        note += (f" med »{query.strip()}«" if (query or "").strip() else "") + "."
        if rows:
            note += " Klik på et valg for at se det."
        return pd.DataFrame(rows, columns=HISTORY_HEADERS), render.message_html(note, "notice")

    tab.tab.select(on_history, tab.query, [tab.table, tab.info], api_visibility="private")
    tab.refresh.click(on_history, tab.query, [tab.table, tab.info], api_visibility="private")
    tab.query.submit(on_history, tab.query, [tab.table, tab.info], api_visibility="private")

    def on_history_pick(evt: gr.SelectData) -> tuple[Any, ...]:
        """A click on a row opens that choice: the whole of it below the table, its number in "Valg nr."."""
        row = evt.row_value or []
        try:
            number = int(row[0])
        except (IndexError, TypeError, ValueError):
            return gr.skip(), gr.skip()
        if store is None:
            return gr.skip(), no_store()
        try:
            saved = store.get(number)
        except Exception as error:
            return gr.skip(), fail(error)
        return number, saved_html(saved)

    tab.table.select(on_history_pick, None, [tab.number, tab.detail], api_visibility="private", queue=False)

    def on_history_open(number: float | None) -> tuple[Any, ...]:
        skip = (gr.skip(),) * 5
        if store is None:
            return *skip, no_store()
        if number is None or number < 1:
            return *skip, render.message_html("Klik først på et valg i tabellen (eller skriv dets nummer).",
                                              "notice")  # fmt: skip
        try:
            saved = store.get(int(number))
        except Exception as error:
            return *skip, fail(error)
        note = render.message_html(f"Valg nr. {saved.id} er åbnet igen under »Én artikel«: "
                                   f"»{saved.headline}« ({saved.user}).", "notice")  # fmt: skip
        return (gr.Tabs(selected="desk"), saved.input_text, saved.real_headline or "", saved.real_lead or "",
                note, note)  # fmt: skip

    tab.open.click(
        on_history_open, tab.number,
        [tabs, article.text, article.real_headline, article.real_lead, article.notice, tab.info],
        api_visibility="private",
    )  # fmt: skip
    _wire_export(tab, page)


def _wire_export(tab: HistoryTab, page: Page) -> None:
    store = page.store

    def on_history_export(query: str) -> tuple[Any, ...]:
        hidden = gr.Row(visible=False)
        if store is None:
            return no_store(), None, None, hidden
        try:
            rows = store.recent(query or "", limit=1_000_000)
            folder = results_folder()
            jsonl = export_jsonl(rows, folder / "nyhedsdesken-valg.jsonl")
            csv_file = export_csv(rows, folder / "nyhedsdesken-valg.csv")
        except Exception as error:
            return fail(error), None, None, hidden
        note = render.message_html(f"{len(rows)} valg eksporteret: CSV til Excel (semikolon, dansk tid) og JSONL "
                                   "til træning.", "notice")  # fmt: skip
        return note, str(jsonl), str(csv_file), gr.Row(visible=True)

    tab.export.click(
        on_history_export, tab.query, [tab.info, tab.jsonl, tab.csv, tab.downloads], api_visibility="private",
    )  # fmt: skip


def saved_html(saved: Any) -> str:
    """One saved choice, whole, for Historik: what was saved, from which engine and rank, by whom and when."""
    esc = render.esc
    picked = (f"{esc(handlers.engine_label(saved.headline_engine))}, forslag nr. {saved.headline_rank + 1}"
              if saved.headline_engine and saved.headline_rank is not None else "skrevet selv")  # fmt: skip
    headline_state = "rettet" if saved.headline_edited else "som foreslået"
    lead_from = esc(handlers.engine_label(saved.lead_engine)) if saved.lead_engine else "skrevet selv"
    lead_state = "rettet" if saved.lead_edited else "som foreslået"
    rows = [
        ("Rubrik", f"<strong>{esc(saved.headline)}</strong>"),
        ("Lead", esc(saved.lead)),
        ("Rubrikken", f"fra {picked}, {headline_state}"),
        ("Leadet", f"fra {lead_from}, {lead_state}"),
        ("Gemt", f"{esc(handlers.local_time(saved.saved_at))} af {esc(saved.user)}"),
    ]
    if saved.real_headline:
        rows.append(("Rigtig rubrik", esc(saved.real_headline)))
    items = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows)
    return (f'<div class="desk-out saved-choice" data-id="{saved.id}"><h4>Valg nr. {saved.id}</h4>'
            f'<dl class="real">{items}</dl></div>')  # fmt: skip
