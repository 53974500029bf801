"""The "Statistik" tab: what the editors chose, counted from the saved choices (`eval.choices`), with a chart."""

from __future__ import annotations

import base64
import logging
from dataclasses import dataclass
from typing import Any

import gradio as gr
import pandas as pd

from desk import render
from desk.tabs.common import Page, fail, no_store
from eval import choices as choice_stats

log = logging.getLogger("desk")


@dataclass
class StatisticsTab:
    """The components of Statistik that its events use."""

    tab: Any
    refresh: Any
    info: Any
    engines: Any
    chart: Any
    periods: Any


def build() -> StatisticsTab:
    """The tab's components, in a ``gr.Tab`` of their own (inside the page's ``gr.Tabs``)."""
    with gr.Tab("Statistik", id="stats") as stats_tab:
        gr.Markdown(
            "Hvad redaktørerne valgte, talt fra de gemte valg: hvilken motors rubrik de tog, som hvilket "
            "forslag (rang 1 er motorens første), og hvor mange ord de rettede, før de gemte. Det er "
            "redaktørernes egen dom over motorerne."
        )
        refresh = gr.Button("Opdatér", scale=0, min_width=160, elem_id="stats-refresh")
        info = gr.HTML(elem_id="stats-info")
        engines = gr.Dataframe(
            headers=choice_stats.ENGINE_HEADERS, interactive=False, wrap=True, elem_id="stats-engines",
            label="Per motor", buttons=[],
        )  # fmt: skip
        chart = gr.HTML(elem_id="stats-chart")
        periods = gr.Dataframe(
            interactive=False, wrap=True, elem_id="stats-periods", label="Over tid", buttons=[], max_height=360,
        )  # fmt: skip
    return StatisticsTab(stats_tab, refresh, info, engines, chart, periods)


def wire(tab: StatisticsTab, page: Page) -> None:
    """Counted afresh when the tab is opened and on "Opdatér"."""
    store = page.store

    def on_stats() -> tuple[Any, ...]:
        """What the editors chose, counted from the saved choices (eval.choices), with a chart."""
        empty = pd.DataFrame(columns=choice_stats.ENGINE_HEADERS), pd.DataFrame()
        if store is None:
            return no_store(), *empty, ""
        try:
            stats = choice_stats.count(choice_stats.read(store.path))
        except Exception as error:
            return fail(error), *empty, ""
        info = render.message_html(choice_stats.summary_line(stats), "notice")
        if not stats.total:
            return info, *empty, ""
        engines = pd.DataFrame(choice_stats.engine_rows(stats), columns=choice_stats.ENGINE_HEADERS)
        periods = pd.DataFrame(choice_stats.period_rows(stats), columns=choice_stats.period_headers(stats))
        return info, engines, periods, chart_html(stats)

    outputs = [tab.info, tab.engines, tab.periods, tab.chart]
    tab.tab.select(on_stats, None, outputs, api_visibility="private", concurrency_id="stats")
    tab.refresh.click(on_stats, None, outputs, api_visibility="private", concurrency_id="stats")


def chart_html(stats: Any) -> str:
    """The chart as an inline PNG; if it cannot be drawn, a notice (the numbers still show in the tables)."""
    try:
        png = base64.b64encode(choice_stats.chart(stats)).decode("ascii")
    except Exception:  # the numbers still show
        log.exception("the Statistik chart could not be drawn")
        return render.message_html("Diagrammet kunne ikke tegnes; tallene står i tabellerne.", "notice")
    return (f'<div class="desk-out stats-chart"><img alt="Diagram over redaktørernes valg per motor, '
            f'rang og over tid" src="data:image/png;base64,{png}"></div>')  # fmt: skip
