"""The "Én artikel" tab: paste or upload one text, run the chosen engines, and pick, edit and save from their cards.

`desk_result` is the tab's one call into the handlers, shared with the ``/summarise`` and ``/save`` endpoints.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import gradio as gr

from desk import handlers, render
from desk.handlers import files
from desk.tabs.cards import ChoicePanel, build_cards, hidden_panels, panel_outputs, shown_panel
from desk.tabs.common import Page, fail, slider
from desk.tabs.engines import engines_html
from summarizer.api import MAX_INPUT_CHARS

EMPTY_OUTPUT = '<div class="desk-out"><p class="note">Resultaterne kommer her, ét kort per motor.</p></div>'

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


@dataclass
class ArticleTab:
    """The components of "Én artikel" that its events (and Historik's "Åbn igen") use."""

    text: Any
    real_headline: Any
    real_lead: Any
    engines: Any
    n_headlines: Any
    max_words: Any
    max_chars: Any
    run: Any
    clear: Any
    upload: Any
    file_items: Any
    loaded_path: Any
    examples: Any  # None without samples
    notice: Any
    output: Any
    panels: list[ChoicePanel]
    from_file: Any  # the length of the body last loaded from a file (0: none), kept in the browser
    last: Any  # gr.State: the DeskResult on screen, what a save records as the candidates


def desk_result(
    page: Page,
    text: str | None,
    engine_names: list[str],
    real_headline: str | None = "",
    real_lead: str | None = "",
    *,
    n_headlines: float | None = None,
    max_words: float | None = None,
    max_chars: float | None = None,
) -> handlers.DeskResult:
    """The desk's one call into the handlers, for the page and for `/summarise` and `/save` alike; a setting left
    out is the library's default."""
    return handlers.summarise_desk(
        text or "",
        engine_names,
        n_headlines=n_headlines,
        max_summary_words=max_words,
        max_headline_chars=max_chars,
        real_headline=real_headline or "",
        real_lead=real_lead or "",
        model=page.model,
    )


def build(page: Page, from_file: Any, last: Any) -> ArticleTab:
    """The tab's components, in a ``gr.Tab`` of their own (inside the page's ``gr.Tabs``)."""
    examples = None
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
                    choices=page.choices, value=page.available, label="Motorer", elem_id="desk-engines"
                )
                with gr.Accordion("Om motorerne", open=False, elem_id="desk-about-engines"):
                    gr.HTML(engines_html(page.infos, page.model), elem_id="desk-engines-about")
                n_headlines = slider("n_headlines", "Antal rubrikforslag")
                max_words = slider("max_summary_words", "Leadets længde (højst ord)")
                max_chars = slider("max_headline_chars", "Tegngrænse for rubrikker")
                with gr.Row():
                    run = gr.Button("Lav lead og rubrikker", variant="primary", elem_id="desk-run", scale=3)
                    clear = gr.Button("Ryd", variant="secondary", elem_id="desk-clear", scale=1)
                upload = gr.UploadButton(
                    f"Upload fil (.txt eller wire-XML, højst {files.MAX_UPLOAD_BYTES / 2**20:g} MB)",
                    type="filepath", variant="secondary", size="md",
                    elem_id="desk-upload",
                )  # fmt: skip
                file_items = gr.Dropdown(
                    choices=[], label="Artikler i filen", type="index", visible=False, elem_id="desk-items",
                    info="Filen har flere artikler: vælg den, der skal opsummeres.",
                )  # fmt: skip
                loaded_path = gr.State(None)
                if page.samples:
                    examples = gr.Dataset(
                        components=[gr.Textbox(visible=False), gr.Textbox(visible=False)],
                        headers=["Eksempel: klik for at indlæse", "Format"],
                        samples=[[s.title, s.kind] for s in page.samples],
                        type="index",
                        label="Eksempler",
                        samples_per_page=len(page.samples),
                        elem_id="desk-examples",
                    )
        notice = gr.HTML(elem_id="desk-notice")
        with gr.Column(elem_id="desk-output"):
            output = gr.HTML(EMPTY_OUTPUT, elem_id="desk-summary")
            # One card per engine: its suggestions to click, and under them, in the same card, the boxes
            # to edit the picked headline and the lead, and "Gem valg".
            panels = build_cards(page.available)
    return ArticleTab(text, real_headline, real_lead, engine_box, n_headlines, max_words, max_chars, run, clear,
                      upload, file_items, loaded_path, examples, notice, output, panels, from_file, last)  # fmt: skip


def wire(tab: ArticleTab, page: Page) -> None:
    """The tab's events: run the engines, pick and save from a card, load a file or a sample, clear."""
    _wire_run(tab, page)
    _wire_files(tab, page)
    _wire_text(tab)


def _wire_run(tab: ArticleTab, page: Page) -> None:
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
            result = desk_result(page, text, engine_names or [], real_headline, real_lead, n_headlines=n_headlines,
                                 max_words=max_words, max_chars=max_chars)  # fmt: skip
        except Exception as error:
            return ["", fail(error), None, *hidden_panels(tab.panels)]
        updates = [update for panel in tab.panels for update in shown_panel(result, panel.name)]
        return ["", render.desk_html(result), result, *updates]

    inputs = [tab.text, tab.engines, tab.n_headlines, tab.max_words, tab.max_chars, tab.real_headline, tab.real_lead]
    tab.run.click(
        on_summarise, inputs, [tab.notice, tab.output, tab.last, *panel_outputs(tab.panels)],
        api_visibility="private", concurrency_id="work", scroll_to_output=True,
    )  # fmt: skip
    for panel in tab.panels:
        panel.wire(tab.last, page.store)


def _wire_files(tab: ArticleTab, page: Page) -> None:
    def on_load_file(path: str | None) -> tuple[Any, ...]:
        if not path:
            return gr.skip(), gr.skip(), gr.skip(), "", gr.skip(), gr.skip(), gr.skip()
        try:
            loaded = handlers.load_file(path)
            items = handlers.list_items(path)
        except Exception as error:
            return gr.skip(), gr.skip(), gr.skip(), fail(error), gr.skip(), gr.skip(), gr.skip()
        notice = render.message_html(loaded.notice, "notice")
        listing = gr.Dropdown(choices=[(i.label, i.index) for i in items], value=items[0].index if items else None,
                              visible=bool(items))  # fmt: skip
        return loaded.text, loaded.headline, loaded.lead, notice, len(loaded.text), listing, path

    loaded_outputs = [tab.text, tab.real_headline, tab.real_lead, tab.notice, tab.from_file, tab.file_items,
                      tab.loaded_path]  # fmt: skip
    tab.upload.upload(on_load_file, tab.upload, loaded_outputs, api_visibility="private")

    def on_pick_item(path: str | None, index: int | None) -> tuple[Any, ...]:
        if not path or index is None:
            return gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
        try:
            loaded = handlers.load_item(path, int(index))
        except Exception as error:
            return gr.skip(), gr.skip(), gr.skip(), fail(error), gr.skip()
        notice = render.message_html(loaded.notice, "notice")
        return loaded.text, loaded.headline, loaded.lead, notice, len(loaded.text)

    tab.file_items.input(
        on_pick_item, [tab.loaded_path, tab.file_items],
        [tab.text, tab.real_headline, tab.real_lead, tab.notice, tab.from_file], api_visibility="private",
    )  # fmt: skip

    if tab.examples is not None:

        def on_example(index: int) -> tuple[Any, ...]:
            return on_load_file(str(page.samples[int(index)].path))

        tab.examples.click(on_example, tab.examples, loaded_outputs, api_visibility="private")


def _wire_text(tab: ArticleTab) -> None:
    # In the browser, no round trip per keystroke: the over-limit notice, and clearing a loaded
    # file's real headline and lead once the text is replaced by other copy. (`change`, since
    # Gradio's `input` misses pasting; a file load sets text and length together, so it never clears.)
    tab.text.change(
        None, [tab.text, tab.from_file, tab.real_headline, tab.real_lead, tab.notice],
        [tab.real_headline, tab.real_lead, tab.from_file, tab.notice],
        js=WATCH_TEXT_JS, api_visibility="private", queue=False, show_progress="hidden",
    )  # fmt: skip

    def on_clear() -> list[Any]:
        return ["", "", "", "", EMPTY_OUTPUT, 0, None, *hidden_panels(tab.panels)]

    tab.clear.click(
        on_clear, None,
        [tab.text, tab.real_headline, tab.real_lead, tab.notice, tab.output, tab.from_file, tab.last,
         *panel_outputs(tab.panels)],
        api_visibility="private", queue=False,
    )  # fmt: skip
