"""The Gradio page of the desk: four tabs (one article, batch, Historik, Statistik) and three named API endpoints.

`build_demo` is a page of calls: each tab is laid out by its own module in `desk.tabs` and then wired, in the
order the page has always had (layout first, then events), so the page and its endpoints stay as they were.
Every word on the page is Danish: engine names come from the message catalogue (`summarizer.messages`),
Gradio's footer ("Use via API") is off, and the few toasts have Danish titles.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gradio as gr

from desk import render
from desk.handlers import Sample, files
from desk.store import Store
from desk.tabs import api, article, batch, history, statistics
from desk.tabs.common import Page
from summarizer.engines import EngineInfo

ASSETS = Path(__file__).parent / "assets"
TITLE = "Nyhedsdesken · resumé og rubrikker"


def theme() -> gr.themes.Base:
    """System fonts only: the page must not need Google Fonts or any other outside server."""
    return gr.themes.Default(
        primary_hue=gr.themes.colors.red,
        neutral_hue=gr.themes.colors.slate,
        font=[gr.themes.Font("system-ui"), gr.themes.Font("Segoe UI"), gr.themes.Font("Helvetica Neue"),
              gr.themes.Font("Arial"), gr.themes.Font("sans-serif")],
        font_mono=[gr.themes.Font("ui-monospace"), gr.themes.Font("DejaVu Sans Mono"), gr.themes.Font("monospace")],
    )  # fmt: skip


def launch_options() -> dict[str, Any]:
    """What `demo.launch` needs besides host and port (theme and CSS are launch options in Gradio 6)."""
    return {
        "theme": theme(),
        "css_paths": [ASSETS / "desk.css"],
        # No footer: Gradio's links ("Use via API", "Built with Gradio", "Settings") are English and for developers;
        # the API is documented in docs/desk.md.
        "footer_links": [],
        "run_history": False,  # editors' copy stays out of browser storage
        # Gradio's own (English) refusal is the hard stop at twice the limit; a file between the two
        # gets the desk's Danish message from handlers.check_upload.
        "max_file_size": 2 * files.MAX_UPLOAD_BYTES,
        "show_error": False,
    }


def status_html(infos: list[EngineInfo], model: str | None, warning: str | None = None) -> str:
    """The masthead: the desk's name and what it does; a read-only database is said here, before a save fails.

    Which engines are installed, and what to install for the others, is on the "Om motorerne" panel
    (`desk.tabs.engines.engines_html`), once: no developer instructions up here.
    """
    note = f'<p class="engine-note">{render.esc(warning)}</p>' if warning else ""
    return (
        '<div class="masthead"><div><h1>Nyhedsdesken</h1><p class="tagline">Indsæt en wirehistorie, og få lead og '
        "rubrikforslag fra flere motorer side om side, med faktatjek. Vælg, ret og gem det, du vil bruge.</p>"
        f"</div>{note}</div>"
    )


def build_demo(
    infos: list[EngineInfo],
    samples: list[Sample],
    model: str | None = None,
    batch_samples: list[Path] | None = None,
    store: Store | None = None,
) -> gr.Blocks:
    """The whole desk. `infos` and the samples are found once at start-up, never per request.

    `store` keeps the editors' choices ("Gem valg", the Historik and Statistik tabs); without one, saving says so.
    Only the engines that are installed are offered; the others are listed on the "Om motorerne" panel.
    """
    page = Page(infos, samples, model, batch_samples or [], store)
    with gr.Blocks(title=TITLE, analytics_enabled=False, delete_cache=(3600, 86400)) as demo:
        gr.HTML(status_html(infos, model, getattr(store, "warning", None)))
        # Length of the body last loaded from a file (0: none), kept in the browser for article.WATCH_TEXT_JS.
        from_file = gr.Number(0, visible=False, elem_id="desk-loaded-length")
        last = gr.State(None)  # the DeskResult on screen: what a save records as the candidates
        with gr.Tabs(elem_id="desk-tabs") as tabs:
            one = article.build(page, from_file, last)
            many = batch.build(page)
            saved = history.build()
            counted = statistics.build()
        article.wire(one, page)
        batch.wire(many, page)
        api.add_summarise(page)
        history.wire(saved, page, one, tabs)
        statistics.wire(counted, page)
        api.add_save(page)
    return demo
