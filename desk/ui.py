"""The Gradio layout of the desk: two tabs (one article, batch) and two named API endpoints.

Every event handler here is a thin wrapper: it calls a pure function from `handlers.py`, renders
with `render.py`, and turns any error into a Danish message in the page (`gr.Warning` plus a box),
never a traceback.
"""

from __future__ import annotations

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
from summarizer.api import MAX_INPUT_CHARS
from summarizer.errors import SummarizerError

log = logging.getLogger("desk")

ASSETS = Path(__file__).parent / "assets"
TITLE = "Nyhedsdesken · resumé og rubrikker"
TABLE_HEADERS = ["Nr.", "Motor", "Rigtig rubrik", "Rubrik 1", "Resumé", "Sekunder", "Faktaflag", "Fejl"]
EMPTY_OUTPUT = '<div class="desk-out"><p class="note">Resultaterne kommer her, én kolonne per motor.</p></div>'
ROUGE_HEADERS = ["Motor", "Mod", "ROUGE-1", "ROUGE-2", "ROUGE-L", "Artikler"]

# Copy buttons live inside the rendered HTML; one delegated listener serves them all.
COPY_JS = """
element.addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-copy]');
  if (!button) return;
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
  if (size > {MAX_INPUT_CHARS}) {{
    note = '{_NOTE}Teksten er på ' + size.toLocaleString('da-DK') +
           ' tegn; kun de første {_LIMIT} bliver brugt.</p></div></div>';
  }}
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
        "footer_links": ["api"],
        "run_history": False,  # editors' copy stays out of browser storage
        # Gradio's own (English) refusal is the hard stop at twice the limit; a file between the two
        # gets the desk's Danish message from handlers.check_upload.
        "max_file_size": 2 * handlers.MAX_UPLOAD_BYTES,
        "show_error": False,
    }


def status_html(infos: list[EngineInfo], model: str | None, warning: str | None = None) -> str:
    chips = []
    for info in infos:
        state = "ok" if info.available else "off"
        title = render.esc(info.note or "klar")
        mark = "✓" if info.available else "–"
        chips.append(f'<span class="chip chip-{state}" title="{title}">{render.esc(info.name)} {mark}</span>')
    missing = [i for i in infos if not i.available]
    note = "".join(f'<p class="engine-note">{render.esc(i.name)}: {render.esc(i.note)}</p>' for i in missing)
    model_line = f' · model: <code>{render.esc(model)}</code>' if model else ""
    if warning:  # e.g. a read-only database: the editors learn it before they try to save
        note += f'<p class="engine-note">{render.esc(warning)}</p>'
    return (
        '<div class="masthead"><div><h1>Nyhedsdesken</h1><p class="tagline">Indsæt en wirehistorie, få resumé og '
        "rubrikforslag fra flere motorer side om side – med faktatjek og ROUGE mod det rigtige lead.</p></div>"
        f'<div class="engines">Motorer: {"".join(chips)}{model_line}{note}</div></div>'
    )


def build_demo(
    infos: list[EngineInfo],
    samples: list[Sample],
    model: str | None = None,
    batch_samples: list[Path] | None = None,
    store: Store | None = None,
) -> gr.Blocks:
    """The whole desk. `infos` and the samples are found once at start-up, never per request.

    `store` keeps the editors' choices ("Gem valg", the Historik tab); without one, saving says so.
    """
    available = [i.name for i in infos if i.available]
    choices = [(i.label, i.name) for i in infos]
    names = [i.name for i in infos]

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
                                placeholder="Giver ROUGE-tal og markerer fælles ord",
                            )  # fmt: skip
                    with gr.Column(scale=2, min_width=300):
                        engine_box = gr.CheckboxGroup(
                            choices=choices, value=available, label="Motorer", elem_id="desk-engines"
                        )
                        n_headlines = gr.Slider(1, 10, value=5, step=1, label="Antal rubrikforslag")
                        max_words = gr.Slider(10, 80, value=35, step=1, label="Resuméets længde (højst ord)")
                        max_chars = gr.Slider(30, 120, value=70, step=1, label="Tegngrænse for rubrikker")
                        with gr.Row():
                            run = gr.Button("Lav resumé og rubrikker", variant="primary", elem_id="desk-run", scale=3)
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
                                samples_per_page=6,
                                elem_id="desk-examples",
                            )
                notice = gr.HTML(elem_id="desk-notice")
                output = gr.HTML(
                    EMPTY_OUTPUT,
                    js_on_load=COPY_JS,
                    elem_id="desk-output",
                )
                # One choice panel per engine card: pick a headline, edit it or the lead in place, save.
                panels: list[ChoicePanel] = []
                with gr.Row(visible=False, equal_height=False, elem_id="desk-choose") as choose_row:
                    for name in names:
                        with gr.Column(visible=False, min_width=260, elem_id=f"choose-{name}") as column:
                            gr.Markdown(f"**{name}** · vælg og ret", elem_classes=["choose-title"])
                            pick = gr.Radio(choices=[], type="index", label="Rubrik", elem_id=f"choose-{name}-pick")
                            headline_box = gr.Textbox(label="Rubrik (kan rettes)", lines=1,
                                                      elem_id=f"choose-{name}-headline")  # fmt: skip
                            lead_box = gr.Textbox(label="Lead (kan rettes)", lines=3, elem_id=f"choose-{name}-lead")
                            save_button = gr.Button("Gem valg", variant="primary", elem_id=f"choose-{name}-save")
                            saved_box = gr.HTML(elem_id=f"choose-{name}-status")
                        panels.append(ChoicePanel(name, column, pick, headline_box, lead_box, save_button, saved_box))

            with gr.Tab("Mange artikler (batch)", id="batch"):
                gr.Markdown(
                    "Upload en **JSONL**- eller **CSV**-fil med DaNewsroom-felterne `title`, `summary`, `text` "
                    "(`title` og `summary` er den rigtige rubrik og det rigtige lead; valgfrie), eller en **ZIP** "
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
                            batch_words = gr.Slider(10, 80, value=35, step=1, label="Ord i resumé")
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
                        "Hent resultater (CSV)", elem_id="batch-csv", size="md", scale=0, min_width=240
                    )
                    jsonl_button = gr.DownloadButton(
                        "Hent resultater (JSONL)", elem_id="batch-jsonl", size="md", scale=0, min_width=240
                    )
                with gr.Column(visible=False) as rouge_box:
                    rouge_table = gr.Dataframe(
                        headers=ROUGE_HEADERS, interactive=False, elem_id="batch-rouge",
                        label="ROUGE: F-mål 0–100, gennemsnit (95 % bootstrap-konfidensinterval)",
                    )  # fmt: skip
                results_table = gr.Dataframe(
                    headers=TABLE_HEADERS, label="Resultater", interactive=False, wrap=True,
                    max_height=520, elem_id="batch-table",
                )  # fmt: skip

            with gr.Tab("Historik", id="history") as history_tab:
                gr.Markdown(
                    "De gemte valg, nyeste først. Eksporten er træningsdata i DaNewsroom-felterne (`title`, "
                    "`summary`, `text`), som `python -m eval` og `python -m summarizer batch` læser."
                )
                with gr.Row():
                    history_query = gr.Textbox(label="Søg i rubrik, lead, tekst og redaktør", scale=4,
                                               elem_id="history-search")  # fmt: skip
                    history_refresh = gr.Button("Søg / opdatér", scale=1, elem_id="history-refresh")
                history_table = gr.Dataframe(
                    headers=HISTORY_HEADERS, interactive=False, wrap=True, max_height=420, elem_id="history-table"
                )
                with gr.Row():
                    history_nr = gr.Number(label="Valg nr.", precision=0, scale=1, elem_id="history-nr")
                    history_open = gr.Button("Åbn igen", scale=1, elem_id="history-open")
                    history_export = gr.Button("Eksportér JSONL og CSV", scale=2, elem_id="history-export")
                history_info = gr.HTML(elem_id="history-info")
                with gr.Row(visible=False) as history_downloads:
                    history_jsonl = gr.DownloadButton("Hent JSONL", elem_id="history-jsonl", scale=0, min_width=200)
                    history_csv = gr.DownloadButton("Hent CSV", elem_id="history-csv", scale=0, min_width=200)

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
            try:
                result = desk_result(
                    text, engine_names or [], n_headlines, max_words, max_chars, real_headline, real_lead
                )
            except Exception as error:
                return [_fail(error), None, gr.Row(visible=False), *hide_panels()]
            for line in result.notices:
                gr.Warning(line)
            offers = {r.engine: r.summary for r in result.results if r.summary is not None}
            updates: list[Any] = []
            for panel in panels:
                summary = offers.get(panel.name)
                if summary is None:
                    updates += _hidden_panel()
                    continue
                headlines = list(summary.headlines)
                updates += [
                    gr.Column(visible=True),
                    gr.Radio(choices=[(h, i) for i, h in enumerate(headlines)], value=0 if headlines else None),
                    headlines[0] if headlines else "",
                    summary.summary,
                    "",
                ]
            return [render.desk_html(result), result, gr.Row(visible=bool(offers)), *updates]

        def hide_panels() -> list[Any]:
            return [update for _ in panels for update in _hidden_panel()]

        panel_outputs = [c for p in panels for c in (p.column, p.pick, p.headline, p.lead, p.status)]
        run.click(
            on_summarise, desk_inputs, [output, last, choose_row, *panel_outputs], api_visibility="private",
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

        def on_clear() -> tuple[str, str, str, str, str, int]:
            return "", "", "", "", EMPTY_OUTPUT, 0

        clear.click(
            on_clear, None, [text, real_headline, real_lead, notice, output, from_file],
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
            for line in result.notices:
                gr.Warning(line)
            return (
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
            note = f"{len(rows)} gemte valg" + (f" med »{query.strip()}«" if (query or "").strip() else "") + "."
            return pd.DataFrame(rows, columns=HISTORY_HEADERS), render.message_html(note, "notice")

        history_tab.select(on_history, history_query, [history_table, history_info], api_visibility="private")
        history_refresh.click(on_history, history_query, [history_table, history_info], api_visibility="private")
        history_query.submit(on_history, history_query, [history_table, history_info], api_visibility="private")

        def on_history_open(number: float | None) -> tuple[Any, ...]:
            skip = (gr.skip(),) * 5
            if store is None or number is None:
                return *skip, render.message_html(NO_STORE if store is None else "Skriv et valg nr.", "notice")
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
            note = render.message_html(f"{len(rows)} valg eksporteret som træningsdata.", "notice")
            return note, str(jsonl), str(csv_file), gr.Row(visible=True)

        history_export.click(
            on_history_export, history_query, [history_info, history_jsonl, history_csv, history_downloads],
            api_visibility="private",
        )  # fmt: skip

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
HISTORY_HEADERS = ["Nr.", "Gemt (UTC)", "Redaktør", "Motor", "Rubrik", "Lead"]


def _user(request: gr.Request | None) -> str:
    return getattr(request, "username", None) or "anonym"


@dataclass
class ChoicePanel:
    """The choice widgets under one engine's card, and their events."""

    name: str
    column: Any
    pick: Any
    headline: Any
    lead: Any
    save: Any
    status: Any

    def wire(self, last: Any, store: Store | None) -> None:
        def on_pick(result: handlers.DeskResult | None, rank: int | None) -> Any:
            offer = _offer(result, self.name)
            if offer is None or rank is None or not 0 <= int(rank) < len(offer.headlines):
                return gr.skip()
            return offer.headlines[int(rank)]

        self.pick.input(on_pick, [last, self.pick], self.headline, api_visibility="private", queue=False)

        def on_save(
            result: handlers.DeskResult | None, rank: int | None, headline: str, lead: str, request: gr.Request
        ) -> str:
            # On any failure the editor's text stays in the boxes: only the message changes.
            try:
                if store is None:
                    raise SummarizerError(NO_STORE)
                if result is None:
                    raise SummarizerError("Lav et resumé først; så kan du vælge og gemme.")
                saved = handlers.save_choice(store, result, self.name, headline, lead, rank, _user(request))
            except Exception as error:
                return _fail(error)
            note = handlers.saved_note(saved)
            gr.Info(note)
            return render.message_html(note, "notice")

        self.save.click(
            on_save, [last, self.pick, self.headline, self.lead], self.status, api_visibility="private",
            concurrency_id="save",
        )  # fmt: skip


def _hidden_panel() -> list[Any]:
    """A panel whose engine gave nothing: hidden, its boxes left as they are, its message cleared."""
    return [gr.Column(visible=False), gr.skip(), gr.skip(), gr.skip(), ""]


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
    """A friendly message for the page and a toast; unexpected errors go to the log with their traceback."""
    if not isinstance(error, SummarizerError):
        log.exception("unexpected error in a desk handler", exc_info=error)
    message = handlers.friendly(error)
    gr.Warning(message)
    return render.message_html(message)
