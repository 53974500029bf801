"""The Gradio layout of the desk: four tabs (one article, batch, Historik, Statistik) and three named API endpoints.

Every event handler here is a thin wrapper: it calls a pure function from `handlers.py`, renders
with `render.py`, and turns any error into a Danish message in the page (a box where the editor is
working, said once), never a traceback. Every word on the page is Danish: engine names come from the
message catalogue (`summarizer.messages`), Gradio's footer ("Use via API") is off, and the few toasts
have Danish titles.
"""

from __future__ import annotations

import base64
import contextlib
import logging
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd

from desk import handlers, render
from desk.handlers import EngineInfo, Sample
from desk.store import Store, export_csv, export_jsonl
from eval import choices as choice_stats
from summarizer.api import MAX_INPUT_CHARS
from summarizer.errors import SummarizerError

log = logging.getLogger("desk")

ASSETS = Path(__file__).parent / "assets"
TITLE = "Nyhedsdesken · resumé og rubrikker"
TABLE_HEADERS = ["Nr.", "Motor", "Rigtig rubrik", "Rubrik 1", "Lead", "Sekunder", "Faktaflag", "Fejl"]
EMPTY_OUTPUT = '<div class="desk-out"><p class="note">Resultaterne kommer her, ét kort per motor.</p></div>'
ROUGE_HEADERS = ["Motor", "Mod", "ROUGE-1", "ROUGE-2", "ROUGE-L", "Artikler"]

# One delegated listener per card: its copy buttons, and a click (or Enter) on a headline picks it: the card
# marks it at once and tells the server (`trigger`), which puts it in the card's edit box.
CARD_JS = """
element.addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-copy]');
  if (button) {
    const text = button.getAttribute('data-copy');
    let ok = true;
    try { await navigator.clipboard.writeText(text); }
    catch (error) {
      const area = document.createElement('textarea');
      area.value = text; document.body.appendChild(area); area.select();
      ok = document.execCommand('copy'); area.remove();
    }
    const label = button.textContent;
    button.textContent = ok ? 'Kopieret ✓' : 'Kunne ikke kopiere';
    button.classList.add('done');
    setTimeout(() => { button.textContent = label; button.classList.remove('done'); }, 1500);
    return;
  }
  const item = event.target.closest('li[data-rank]');
  if (!item) return;
  element.querySelectorAll('li.picked').forEach((li) => li.classList.remove('picked'));
  item.classList.add('picked');
  trigger('click', {rank: Number(item.dataset.rank)});
});
element.addEventListener('keydown', (event) => {
  const item = event.target.closest && event.target.closest('li[data-rank]');
  if (item && (event.key === 'Enter' || event.key === ' ')) { event.preventDefault(); item.click(); }
});
"""


_LIMIT = f"{MAX_INPUT_CHARS:,}".replace(",", ".")
_NOTE = '<div class="desk-out"><div class="notice"><p>'
WATCH_TEXT_JS = f"""
(text, loadedLength, headline, lead, notice) => {{
  const size = (text || '').length;
  let note = notice;
  if (loadedLength > 0 && Math.abs(size - loadedLength) > loadedLength / 2) {{
    headline = ''; lead = ''; loadedLength = 0;
    note = '{_NOTE}Ny tekst: felterne med rigtig rubrik og lead er tømt.</p></div></div>';
  }}
  // The over-limit notice once per text: said when a long text arrives, not again for the same text once the
  // results have said it (a second change event for the same text would repeat it).
  if (size > {MAX_INPUT_CHARS} && window.__deskNotedLength !== size) {{
    note = '{_NOTE}Teksten er på ' + size.toLocaleString('da-DK') +
           ' tegn; kun de første {_LIMIT} bliver brugt.</p></div></div>';
  }}
  window.__deskNotedLength = size > {MAX_INPUT_CHARS} ? size : null;
  return [headline, lead, loadedLength, note];
}}
"""


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
        "max_file_size": 2 * handlers.MAX_UPLOAD_BYTES,
        "show_error": False,
    }


def status_html(infos: list[EngineInfo], model: str | None, warning: str | None = None) -> str:
    """The masthead: the desk's name and what it does; a read-only database is said here, before a save fails.

    Which engines are installed, and what to install for the others, is on the "Om motorerne" panel
    (`engines_html`), once: no developer instructions up here.
    """
    note = f'<p class="engine-note">{render.esc(warning)}</p>' if warning else ""
    return (
        '<div class="masthead"><div><h1>Nyhedsdesken</h1><p class="tagline">Indsæt en wirehistorie, og få lead og '
        "rubrikforslag fra flere motorer side om side, med faktatjek. Vælg, ret og gem det, du vil bruge.</p>"
        f"</div>{note}</div>"
    )


def engines_html(infos: list[EngineInfo], model: str | None = None) -> str:
    """The "Om motorerne" panel: every engine once, in Danish, with what it does and, for one that is not
    installed here, what to install."""
    items = []
    for info in infos:
        state = ('<span class="state state-ok">klar</span>' if info.available
                 else '<span class="state state-off">ikke installeret</span>')  # fmt: skip
        about = f'<p class="about">{render.esc(info.about)}</p>' if info.about else ""
        extra = ""
        if info.name == "seq2seq" and model and info.available:
            extra = f'<p class="install">Model: <code>{render.esc(model)}</code></p>'
        if not info.available and info.note:
            extra = f'<p class="install">{_code_spans(info.note)}</p>'
        items.append(f'<li class="{"ready" if info.available else "missing"}" data-engine="{render.esc(info.name)}">'
                     f"<strong>{render.esc(info.label)}</strong> {state}{about}{extra}</li>")  # fmt: skip
    return f'<div class="desk-out engines-about"><ul>{"".join(items)}</ul></div>'


def _code_spans(text: str) -> str:
    """Escaped `text` with `backticked` commands as ``<code>`` (never broken across lines)."""
    parts = render.esc(text).split("`")
    return "".join(f"<code>{part}</code>" if i % 2 else part for i, part in enumerate(parts))


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
    ready = [i for i in infos if i.available]
    available = [i.name for i in ready]
    choices = [(i.label, i.name) for i in ready]

    with gr.Blocks(title=TITLE, analytics_enabled=False, delete_cache=(3600, 86400)) as demo:
        gr.HTML(status_html(infos, model, getattr(store, "warning", None)))
        # Length of the body last loaded from a file (0: none), kept in the browser for WATCH_TEXT_JS.
        from_file = gr.Number(0, visible=False, elem_id="desk-loaded-length")
        last = gr.State(None)  # the DeskResult on screen: what a save records as the candidates
        with gr.Tabs(elem_id="desk-tabs") as tabs:
            with gr.Tab("Én artikel", id="desk"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3):
                        text = gr.Textbox(
                            label="Wiretekst",
                            placeholder="Indsæt en Ritzau-historie her: lead, rubrik og brødtekst, som den kom "
                            "på wiren – eller kun brødteksten.",
                            lines=12,
                            max_lines=24,
                            elem_id="desk-text",
                        )
                        with gr.Row():
                            real_headline = gr.Textbox(
                                label="Rigtig rubrik (valgfri)", lines=1, elem_id="desk-real-headline",
                                placeholder="Findes den i teksten, bruges den derfra",
                            )  # fmt: skip
                            real_lead = gr.Textbox(
                                label="Rigtigt lead (valgfrit)", lines=2, elem_id="desk-real-lead",
                                placeholder="Så kan forslagene sammenlignes med det",
                            )  # fmt: skip
                    with gr.Column(scale=2, min_width=300):
                        engine_box = gr.CheckboxGroup(
                            choices=choices, value=available, label="Motorer", elem_id="desk-engines"
                        )
                        with gr.Accordion("Om motorerne", open=False, elem_id="desk-about-engines"):
                            gr.HTML(engines_html(infos, model), elem_id="desk-engines-about")
                        n_headlines = gr.Slider(1, 10, value=5, step=1, label="Antal rubrikforslag")
                        max_words = gr.Slider(10, 80, value=35, step=1, label="Leadets længde (højst ord)")
                        max_chars = gr.Slider(30, 120, value=70, step=1, label="Tegngrænse for rubrikker")
                        with gr.Row():
                            run = gr.Button("Lav lead og rubrikker", variant="primary", elem_id="desk-run", scale=3)
                            clear = gr.Button("Ryd", variant="secondary", elem_id="desk-clear", scale=1)
                        upload = gr.UploadButton(
                            f"Upload fil (.txt eller wire-XML, højst {handlers.MAX_UPLOAD_BYTES / 2**20:g} MB)",
                            type="filepath", variant="secondary", size="md",
                            elem_id="desk-upload",
                        )  # fmt: skip
                        file_items = gr.Dropdown(
                            choices=[], label="Artikler i filen", type="index", visible=False, elem_id="desk-items",
                            info="Filen har flere artikler: vælg den, der skal opsummeres.",
                        )  # fmt: skip
                        loaded_path = gr.State(None)
                        if samples:
                            example_list = gr.Dataset(
                                components=[gr.Textbox(visible=False), gr.Textbox(visible=False)],
                                headers=["Eksempel: klik for at indlæse", "Format"],
                                samples=[[s.title, s.kind] for s in samples],
                                type="index",
                                label="Eksempler",
                                samples_per_page=len(samples),
                                elem_id="desk-examples",
                            )
                notice = gr.HTML(elem_id="desk-notice")
                with gr.Column(elem_id="desk-output"):
                    output = gr.HTML(EMPTY_OUTPUT, elem_id="desk-summary")
                    # One card per engine: its suggestions to click, and under them, in the same card, the boxes
                    # to edit the picked headline and the lead, and "Gem valg".
                    panels: list[ChoicePanel] = []
                    with gr.Row(equal_height=False, elem_id="desk-cards"):
                        for name in available:
                            with gr.Column(visible=False, min_width=280, elem_id=f"choose-{name}",
                                           elem_classes=["engine-card", f"engine-{name}"]) as column:  # fmt: skip
                                card = gr.HTML("", js_on_load=CARD_JS, elem_id=f"choose-{name}-card")
                                with gr.Column(elem_classes=["card-edit"]) as editing:
                                    headline_box = gr.Textbox(label="Valgt rubrik (kan rettes)", lines=1,
                                                              elem_id=f"choose-{name}-headline")  # fmt: skip
                                    lead_box = gr.Textbox(label="Lead (kan rettes)", lines=3,
                                                          elem_id=f"choose-{name}-lead")  # fmt: skip
                                    save_button = gr.Button("Gem valg", variant="primary",
                                                            elem_id=f"choose-{name}-save")  # fmt: skip
                                    saved_box = gr.HTML(elem_id=f"choose-{name}-status")
                                rank = gr.State(None)
                            panels.append(ChoicePanel(name, column, card, editing, rank, headline_box, lead_box,
                                                      save_button, saved_box))  # fmt: skip

            with gr.Tab("Mange artikler (batch)", id="batch"):
                gr.Markdown(
                    "Upload en **JSONL**- eller **CSV**-fil med felterne `title`, `summary` og `text` "
                    "(`title` og `summary` er den rigtige rubrik og det rigtige lead; de må mangle), eller en **ZIP** "
                    "med wirefiler. Hver artikel køres med hver valgt motor."
                )
                with gr.Row(equal_height=False):
                    batch_file = gr.File(label="Batchfil", type="filepath", height=110, elem_id="batch-file", scale=2)
                    with gr.Column(scale=2):
                        batch_engines = gr.CheckboxGroup(
                            choices=choices, value=available, label="Motorer", elem_id="batch-engines"
                        )
                        with gr.Row():
                            batch_n = gr.Slider(1, 10, value=5, step=1, label="Rubrikforslag")
                            batch_words = gr.Slider(10, 80, value=35, step=1, label="Ord i lead")
                            batch_chars = gr.Slider(30, 120, value=70, step=1, label="Tegn i rubrik")
                        batch_run = gr.Button("Kør batch", variant="primary", elem_id="batch-run")
                if batch_samples:
                    gr.Examples(
                        examples=[[str(path)] for path in batch_samples],
                        inputs=[batch_file],
                        label="Eksempler: klik for at vælge filen",
                        example_labels=[path.name for path in batch_samples],
                    )
                batch_info = gr.HTML(elem_id="batch-info")
                with gr.Row(visible=False) as downloads_box:
                    csv_button = gr.DownloadButton(
                        "Hent resultater (CSV til Excel)", elem_id="batch-csv", size="md", scale=0, min_width=260
                    )
                    jsonl_button = gr.DownloadButton(
                        "Hent resultater (JSONL)", elem_id="batch-jsonl", size="md", scale=0, min_width=240
                    )
                with gr.Column(visible=False) as rouge_box:
                    rouge_table = gr.Dataframe(
                        headers=ROUGE_HEADERS, interactive=False, elem_id="batch-rouge", buttons=[],
                        label="ROUGE: F-mål 0–100, gennemsnit (95 % bootstrap-konfidensinterval)",
                    )  # fmt: skip
                results_table = gr.Dataframe(
                    headers=TABLE_HEADERS, label="Resultater", interactive=False, wrap=True,
                    max_height=520, elem_id="batch-table", buttons=[],
                )  # fmt: skip

            with gr.Tab("Historik", id="history") as history_tab:
                gr.Markdown(
                    "De gemte valg, nyeste først. **Klik på et valg** for at se det hele; »Åbn igen« lægger "
                    "artiklen tilbage på »Én artikel«. Eksporten kan åbnes i Excel (CSV) og bruges som træningsdata "
                    "(JSONL)."
                )
                with gr.Row():
                    history_query = gr.Textbox(label="Søg i rubrik, lead, tekst og redaktør", scale=4,
                                               elem_id="history-search")  # fmt: skip
                    history_refresh = gr.Button("Søg / opdatér", scale=1, elem_id="history-refresh")
                history_table = gr.Dataframe(
                    headers=HISTORY_HEADERS, interactive=False, wrap=True, max_height=460, elem_id="history-table",
                    column_widths=HISTORY_WIDTHS, buttons=[],
                )  # fmt: skip
                history_detail = gr.HTML(elem_id="history-detail")
                with gr.Row():
                    history_nr = gr.Number(label="Valg nr.", value=None, precision=0, scale=1, minimum=1,
                                           elem_id="history-nr")  # fmt: skip
                    history_open = gr.Button("Åbn igen", scale=1, elem_id="history-open")
                    history_export = gr.Button("Eksportér (CSV til Excel og JSONL)", scale=2, elem_id="history-export")
                history_info = gr.HTML(elem_id="history-info")
                with gr.Row(visible=False) as history_downloads:
                    history_csv = gr.DownloadButton("Hent CSV (Excel)", elem_id="history-csv", scale=0, min_width=200)
                    history_jsonl = gr.DownloadButton("Hent JSONL", elem_id="history-jsonl", scale=0, min_width=200)

            with gr.Tab("Statistik", id="stats") as stats_tab:
                gr.Markdown(
                    "Hvad redaktørerne valgte, talt fra de gemte valg: hvilken motors rubrik de tog, som hvilket "
                    "forslag (rang 1 er motorens første), og hvor mange ord de rettede, før de gemte. Det er "
                    "redaktørernes egen dom over motorerne."
                )
                stats_refresh = gr.Button("Opdatér", scale=0, min_width=160, elem_id="stats-refresh")
                stats_info = gr.HTML(elem_id="stats-info")
                stats_engines = gr.Dataframe(
                    headers=choice_stats.ENGINE_HEADERS, interactive=False, wrap=True, elem_id="stats-engines",
                    label="Per motor", buttons=[],
                )  # fmt: skip
                stats_chart = gr.HTML(elem_id="stats-chart")
                stats_periods = gr.Dataframe(
                    interactive=False, wrap=True, elem_id="stats-periods", label="Over tid", buttons=[],
                    max_height=360,
                )  # fmt: skip

        # ---- events: desk
        desk_inputs = [text, engine_box, n_headlines, max_words, max_chars, real_headline, real_lead]

        def desk_result(
            text: str | None,
            engine_names: list[str],
            n_headlines: float,
            max_words: float,
            max_chars: float,
            real_headline: str | None,
            real_lead: str | None,
        ) -> handlers.DeskResult:
            """The desk's one call into the handlers, for the page and for `/summarise` alike."""
            return handlers.summarise_desk(
                text or "",
                engine_names,
                n_headlines=int(n_headlines),
                max_summary_words=int(max_words),
                max_headline_chars=int(max_chars),
                real_headline=real_headline or "",
                real_lead=real_lead or "",
                model=model,
            )

        def on_summarise(
            text: str,
            engine_names: list[str],
            n_headlines: float,
            max_words: float,
            max_chars: float,
            real_headline: str,
            real_lead: str,
        ) -> list[Any]:
            # The notice under the text (e.g. the over-limit one while pasting) gives way to the results' notices:
            # each is said once.
            try:
                result = desk_result(
                    text, engine_names or [], n_headlines, max_words, max_chars, real_headline, real_lead
                )
            except Exception as error:
                return ["", _fail(error), None, *hide_panels()]
            updates: list[Any] = []
            ran = {r.engine: r for r in result.results}
            for panel in panels:
                item = ran.get(panel.name)
                if item is None:
                    updates += _hidden_panel()
                    continue
                summary = item.summary
                headlines = list(summary.headlines) if summary is not None else []
                updates += [
                    gr.Column(visible=True),
                    render.card_html(result, panel.name, picked=0),
                    gr.Column(visible=summary is not None),
                    0 if headlines else None,
                    headlines[0] if headlines else "",
                    summary.summary if summary is not None else "",
                    "",
                ]
            return ["", render.desk_html(result), result, *updates]

        def hide_panels() -> list[Any]:
            return [update for _ in panels for update in _hidden_panel()]

        panel_outputs = [c for p in panels for c in (p.column, p.card, p.editing, p.rank, p.headline, p.lead, p.status)]
        run.click(
            on_summarise, desk_inputs, [notice, output, last, *panel_outputs], api_visibility="private",
            concurrency_id="work", scroll_to_output=True,
        )  # fmt: skip

        for panel in panels:
            panel.wire(last, store)

        def on_load_file(path: str | None) -> tuple[Any, ...]:
            if not path:
                return gr.skip(), gr.skip(), gr.skip(), "", gr.skip(), gr.skip(), gr.skip()
            try:
                loaded = handlers.load_file(path)
                items = handlers.list_items(path)
            except Exception as error:
                return gr.skip(), gr.skip(), gr.skip(), _fail(error), gr.skip(), gr.skip(), gr.skip()
            notice = render.message_html(loaded.notice, "notice")
            listing = gr.Dropdown(choices=[(i.label, i.index) for i in items], value=items[0].index if items else None,
                                  visible=bool(items))  # fmt: skip
            return loaded.text, loaded.headline, loaded.lead, notice, len(loaded.text), listing, path

        loaded_outputs = [text, real_headline, real_lead, notice, from_file, file_items, loaded_path]
        upload.upload(on_load_file, upload, loaded_outputs, api_visibility="private")

        def on_pick_item(path: str | None, index: int | None) -> tuple[Any, ...]:
            if not path or index is None:
                return gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
            try:
                loaded = handlers.load_item(path, int(index))
            except Exception as error:
                return gr.skip(), gr.skip(), gr.skip(), _fail(error), gr.skip()
            notice = render.message_html(loaded.notice, "notice")
            return loaded.text, loaded.headline, loaded.lead, notice, len(loaded.text)

        file_items.input(
            on_pick_item, [loaded_path, file_items], [text, real_headline, real_lead, notice, from_file],
            api_visibility="private",
        )  # fmt: skip

        if samples:

            def on_example(index: int) -> tuple[Any, ...]:
                return on_load_file(str(samples[int(index)].path))

            example_list.click(on_example, example_list, loaded_outputs, api_visibility="private")

        # In the browser, no round trip per keystroke: the over-limit notice, and clearing a loaded
        # file's real headline and lead once the text is replaced by other copy. (`change`, since
        # Gradio's `input` misses pasting; a file load sets text and length together, so it never clears.)
        text.change(
            None, [text, from_file, real_headline, real_lead, notice], [real_headline, real_lead, from_file, notice],
            js=WATCH_TEXT_JS, api_visibility="private", queue=False, show_progress="hidden",
        )  # fmt: skip

        def on_clear() -> list[Any]:
            return ["", "", "", "", EMPTY_OUTPUT, 0, None, *hide_panels()]

        clear.click(
            on_clear, None, [text, real_headline, real_lead, notice, output, from_file, last, *panel_outputs],
            api_visibility="private", queue=False,
        )  # fmt: skip

        # ---- events: batch
        def batch(
            file: str | None,
            engine_names: list[str],
            n_headlines: float,
            max_words: float,
            max_chars: float,
            progress: gr.Progress = gr.Progress(),  # noqa: B008 (Gradio's way of asking for a progress bar)
        ) -> tuple[str, pd.DataFrame, pd.DataFrame, str | None, str | None]:
            """Summarise every article in a JSONL/CSV (DaNewsroom fields) or ZIP file with each engine.

            Returns: a summary line (HTML), the results table, the ROUGE table (when rows carry real
            leads/titles), and the results as CSV and JSONL files.
            """
            try:
                result = handlers.run_batch(
                    file,
                    engine_names or [],
                    n_headlines=int(n_headlines),
                    max_summary_words=int(max_words),
                    max_headline_chars=int(max_chars),
                    model=model,
                    progress=lambda fraction, desc: progress(fraction, desc=desc),
                )
                folder = _results_folder()
                stem = Path(file or "batch").stem
                csv_path = handlers.write_csv(result, folder / f"{stem}-resultater.csv")
                jsonl_path = handlers.write_jsonl(result, folder / f"{stem}-resultater.jsonl")
            except Exception as error:
                empty = pd.DataFrame(columns=TABLE_HEADERS), pd.DataFrame(columns=ROUGE_HEADERS)
                return _fail(error), *empty, None, None
            return (  # the notices are in the summary line, once
                render.batch_summary_html(result),
                pd.DataFrame(handlers.table_rows(result), columns=TABLE_HEADERS),
                pd.DataFrame(handlers.rouge_rows(result), columns=ROUGE_HEADERS),
                str(csv_path),
                str(jsonl_path),
            )

        def reveal(rouge: pd.DataFrame | None, csv_file: str | None) -> tuple[Any, Any]:
            """Show the downloads and the ROUGE table only when there is something in them."""
            has_rouge = rouge is not None and len(rouge) > 0
            return gr.Row(visible=bool(csv_file)), gr.Column(visible=has_rouge)

        batch_run.click(
            batch,
            [batch_file, batch_engines, batch_n, batch_words, batch_chars],
            [batch_info, results_table, rouge_table, csv_button, jsonl_button],
            api_name="batch",
            concurrency_limit=1,
            concurrency_id="batch",
            show_progress_on=results_table,
        ).then(reveal, [rouge_table, csv_button], [downloads_box, rouge_box], api_visibility="private", queue=False)

        # ---- API only: JSON in, JSON out
        def summarise(
            text: str,
            engines: list[str] | None = None,
            n_headlines: int = 5,
            max_summary_words: int = 35,
            max_headline_chars: int = 70,
            real_headline: str = "",
            real_lead: str = "",
        ) -> dict[str, Any]:
            """Summarise one Danish news text with each engine (default: every available one).

            Returns {"real_headline", "real_lead", "notices", "rouge_signature", "results": [{"engine",
            "summary", "headlines", "flags", "warnings", "seconds", "error", "rouge_lead", "rouge_headline"}]}.
            Bad input gives {"error": "..."} instead of results.
            """
            try:
                result = desk_result(
                    text, engines or available, n_headlines, max_summary_words, max_headline_chars, real_headline,
                    real_lead,
                )  # fmt: skip
            except Exception as error:  # the caller gets one line, never a traceback
                if not isinstance(error, SummarizerError):
                    log.exception("unexpected error in /summarise")
                return {"error": handlers.friendly(error), "results": []}
            return result.to_dict()

        gr.api(summarise, api_name="summarise", concurrency_id="work")

        # ---- Historik
        def on_history(query: str) -> tuple[Any, str]:
            if store is None:
                return pd.DataFrame(columns=HISTORY_HEADERS), render.message_html(NO_STORE, "notice")
            try:
                rows = handlers.history_rows(store, query or "")
            except Exception as error:
                return pd.DataFrame(columns=HISTORY_HEADERS), _fail(error)
            note = f"{len(rows)} {'gemt' if len(rows) == 1 else 'gemte'} valg"
            note += (f" med »{query.strip()}«" if (query or "").strip() else "") + "."
            if rows:
                note += " Klik på et valg for at se det."
            return pd.DataFrame(rows, columns=HISTORY_HEADERS), render.message_html(note, "notice")

        history_tab.select(on_history, history_query, [history_table, history_info], api_visibility="private")
        history_refresh.click(on_history, history_query, [history_table, history_info], api_visibility="private")
        history_query.submit(on_history, history_query, [history_table, history_info], api_visibility="private")

        def on_history_pick(evt: gr.SelectData) -> tuple[Any, ...]:
            """A click on a row opens that choice: the whole of it below the table, its number in "Valg nr."."""
            row = evt.row_value or []
            try:
                number = int(row[0])
            except (IndexError, TypeError, ValueError):
                return gr.skip(), gr.skip()
            if store is None:
                return gr.skip(), render.message_html(NO_STORE, "notice")
            try:
                saved = store.get(number)
            except Exception as error:
                return gr.skip(), _fail(error)
            return number, saved_html(saved)

        history_table.select(on_history_pick, None, [history_nr, history_detail], api_visibility="private",
                             queue=False)  # fmt: skip

        def on_history_open(number: float | None) -> tuple[Any, ...]:
            skip = (gr.skip(),) * 5
            if store is None:
                return *skip, render.message_html(NO_STORE, "notice")
            if number is None or number < 1:
                return *skip, render.message_html("Klik først på et valg i tabellen (eller skriv dets nummer).",
                                                  "notice")  # fmt: skip
            try:
                saved = store.get(int(number))
            except Exception as error:
                return *skip, _fail(error)
            note = render.message_html(f"Valg nr. {saved.id} er åbnet igen under »Én artikel«: "
                                       f"»{saved.headline}« ({saved.user}).", "notice")  # fmt: skip
            return (gr.Tabs(selected="desk"), saved.input_text, saved.real_headline or "", saved.real_lead or "",
                    note, note)  # fmt: skip

        history_open.click(
            on_history_open, history_nr, [tabs, text, real_headline, real_lead, notice, history_info],
            api_visibility="private",
        )  # fmt: skip

        def on_history_export(query: str) -> tuple[Any, ...]:
            hidden = gr.Row(visible=False)
            if store is None:
                return render.message_html(NO_STORE, "notice"), None, None, hidden
            try:
                rows = store.recent(query or "", limit=1_000_000)
                folder = _results_folder()
                jsonl = export_jsonl(rows, folder / "nyhedsdesken-valg.jsonl")
                csv_file = export_csv(rows, folder / "nyhedsdesken-valg.csv")
            except Exception as error:
                return _fail(error), None, None, hidden
            note = render.message_html(f"{len(rows)} valg eksporteret: CSV til Excel (semikolon, dansk tid) og JSONL "
                                       "til træning.", "notice")  # fmt: skip
            return note, str(jsonl), str(csv_file), gr.Row(visible=True)

        history_export.click(
            on_history_export, history_query, [history_info, history_jsonl, history_csv, history_downloads],
            api_visibility="private",
        )  # fmt: skip

        # ---- Statistik
        def on_stats() -> tuple[Any, ...]:
            """What the editors chose, counted from the saved choices (eval.choices), with a chart."""
            empty = pd.DataFrame(columns=choice_stats.ENGINE_HEADERS), pd.DataFrame()
            if store is None:
                return render.message_html(NO_STORE, "notice"), *empty, ""
            try:
                stats = choice_stats.count(choice_stats.read(store.path))
            except Exception as error:
                return _fail(error), *empty, ""
            info = render.message_html(choice_stats.summary_line(stats), "notice")
            if not stats.total:
                return info, *empty, ""
            engines = pd.DataFrame(choice_stats.engine_rows(stats), columns=choice_stats.ENGINE_HEADERS)
            periods = pd.DataFrame(choice_stats.period_rows(stats), columns=choice_stats.period_headers(stats))
            try:
                png = base64.b64encode(choice_stats.chart(stats)).decode("ascii")
                chart = (f'<div class="desk-out stats-chart"><img alt="Diagram over redaktørernes valg per motor, '
                         f'rang og over tid" src="data:image/png;base64,{png}"></div>')  # fmt: skip
            except Exception:  # the numbers still show
                log.exception("the Statistik chart could not be drawn")
                chart = render.message_html("Diagrammet kunne ikke tegnes; tallene står i tabellerne.", "notice")
            return info, engines, periods, chart

        stats_outputs = [stats_info, stats_engines, stats_periods, stats_chart]
        stats_tab.select(on_stats, None, stats_outputs, api_visibility="private", concurrency_id="stats")
        stats_refresh.click(on_stats, None, stats_outputs, api_visibility="private", concurrency_id="stats")

        # ---- API only: keep a choice
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
                user = _user(request)
                # A retry whose first reply was lost: answer with that save, without running the engines again.
                saved = store.find_key(user, idempotency_key)
                if saved is None:
                    result = desk_result(text, available, 5, 35, 70, real_headline, real_lead)
                    saved = handlers.save_choice(store, result, engine, headline, lead, headline_rank, user,
                                                 idempotency_key=idempotency_key)  # fmt: skip
            except Exception as error:
                if not isinstance(error, SummarizerError):
                    log.exception("unexpected error in /save")
                return {"error": handlers.friendly(error)}
            keys = ("id", "saved_at", "user", "headline", "headline_edited", "lead", "lead_edited")
            return {key: getattr(saved, key) for key in keys}

        gr.api(save, api_name="save", concurrency_id="work")
    return demo


NO_STORE = "Desken kører uden database, så valg kan ikke gemmes (start den med --db)."
HISTORY_HEADERS = ["Nr.", "Gemt", "Redaktør", "Motor", "Rubrik", "Lead"]
#: Wide enough for "Redaktør" and a Copenhagen time on one line; the headline and lead share the rest and wrap.
HISTORY_WIDTHS = ["5%", "12%", "9%", "14%", "26%", "34%"]


def _user(request: gr.Request | None) -> str:
    return getattr(request, "username", None) or "anonym"


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


@dataclass
class ChoicePanel:
    """One engine's card: the suggestions (HTML, a headline picked by clicking it), the boxes to edit the picked
    headline and the lead, "Gem valg", and their events."""

    name: str
    column: Any
    card: Any
    editing: Any
    rank: Any  # gr.State: the 0-based rank of the headline picked (None: none offered)
    headline: Any
    lead: Any
    save: Any
    status: Any

    def wire(self, last: Any, store: Store | None) -> None:
        def on_pick(result: handlers.DeskResult | None, event: gr.EventData) -> tuple[Any, Any]:
            offer = _offer(result, self.name)
            try:
                rank = int(event._data.get("rank"))
            except (AttributeError, TypeError, ValueError):
                return gr.skip(), gr.skip()
            if offer is None or not 0 <= rank < len(offer.headlines):
                return gr.skip(), gr.skip()
            return rank, offer.headlines[rank]

        self.card.click(on_pick, [last], [self.rank, self.headline], api_visibility="private", queue=False)

        def on_save(
            result: handlers.DeskResult | None, rank: int | None, headline: str, lead: str, request: gr.Request
        ) -> str:
            # On any failure the editor's text stays in the boxes: only the message changes.
            try:
                if store is None:
                    raise SummarizerError(NO_STORE)
                if result is None:
                    raise SummarizerError("Lav et lead og rubrikker først; så kan du vælge og gemme.")
                saved = handlers.save_choice(store, result, self.name, headline, lead, rank, _user(request))
            except Exception as error:
                return _fail(error)
            note = handlers.saved_note(saved)
            gr.Info(note, title="Gemt", duration=4)
            return render.message_html(note, "notice")

        self.save.click(
            on_save, [last, self.rank, self.headline, self.lead], self.status, api_visibility="private",
            concurrency_id="save",
        )  # fmt: skip


def _hidden_panel() -> list[Any]:
    """A card whose engine did not run: hidden, its boxes left as they are, its message cleared."""
    return [gr.Column(visible=False), gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip(), ""]


def _offer(result: handlers.DeskResult | None, name: str) -> Any:
    if result is None:
        return None
    return next((r.summary for r in result.results if r.engine == name and r.summary is not None), None)


RESULTS_ROOT = Path(tempfile.gettempdir()) / "nyhedsdesken"


def _results_folder(keep_seconds: float = 3600) -> Path:
    """A fresh folder for one batch's files; folders older than an hour go (Gradio has its own copy)."""
    RESULTS_ROOT.mkdir(exist_ok=True)
    cutoff = time.time() - keep_seconds
    for old in RESULTS_ROOT.iterdir():
        with contextlib.suppress(OSError):
            if old.stat().st_mtime < cutoff:
                shutil.rmtree(old, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix="batch-", dir=RESULTS_ROOT))


def _fail(error: BaseException) -> str:
    """A friendly message for the page, in a box where the editor is working (said once: no toast repeats it);
    unexpected errors go to the log with their traceback."""
    if not isinstance(error, SummarizerError):
        log.exception("unexpected error in a desk handler", exc_info=error)
    return render.message_html(handlers.friendly(error))
