"""The "Mange artikler (batch)" tab: a JSONL/CSV/ZIP file, every article with each chosen engine; the results as a
table, ROUGE with intervals, and downloads (CSV for Danish Excel, JSONL). Its run is the public ``/batch`` API."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd

from desk import handlers, render
from desk.tabs.common import Page, fail, results_folder, slider

TABLE_HEADERS = ["Nr.", "Motor", "Rigtig rubrik", "Rubrik 1", "Lead", "Sekunder", "Faktaflag", "Fejl"]
ROUGE_HEADERS = ["Motor", "Mod", "ROUGE-1", "ROUGE-2", "ROUGE-L", "Artikler"]


@dataclass
class BatchTab:
    """The components of the batch tab that its events use."""

    file: Any
    engines: Any
    n_headlines: Any
    max_words: Any
    max_chars: Any
    run: Any
    info: Any
    downloads: Any
    csv: Any
    jsonl: Any
    rouge_box: Any
    rouge: Any
    results: Any


def build(page: Page) -> BatchTab:
    """The tab's components, in a ``gr.Tab`` of their own (inside the page's ``gr.Tabs``)."""
    with gr.Tab("Mange artikler (batch)", id="batch"):
        gr.Markdown(
            "Upload en **JSONL**- eller **CSV**-fil med felterne `title`, `summary` og `text` "
            "(`title` og `summary` er den rigtige rubrik og det rigtige lead; de må mangle), eller en **ZIP** "
            "med wirefiler. Hver artikel køres med hver valgt motor."
        )
        with gr.Row(equal_height=False):
            batch_file = gr.File(label="Batchfil", type="filepath", height=110, elem_id="batch-file", scale=2)
            with gr.Column(scale=2):
                engines = gr.CheckboxGroup(
                    choices=page.choices, value=page.available, label="Motorer", elem_id="batch-engines"
                )
                with gr.Row():
                    n_headlines = slider("n_headlines", "Rubrikforslag")
                    max_words = slider("max_summary_words", "Ord i lead")
                    max_chars = slider("max_headline_chars", "Tegn i rubrik")
                run = gr.Button("Kør batch", variant="primary", elem_id="batch-run")
        if page.batch_samples:
            gr.Examples(
                examples=[[str(path)] for path in page.batch_samples],
                inputs=[batch_file],
                label="Eksempler: klik for at vælge filen",
                example_labels=[path.name for path in page.batch_samples],
            )
        info = gr.HTML(elem_id="batch-info")
        with gr.Row(visible=False) as downloads:
            csv_button = gr.DownloadButton(
                "Hent resultater (CSV til Excel)", elem_id="batch-csv", size="md", scale=0, min_width=260
            )
            jsonl_button = gr.DownloadButton(
                "Hent resultater (JSONL)", elem_id="batch-jsonl", size="md", scale=0, min_width=240
            )
        with gr.Column(visible=False) as rouge_box:
            rouge = gr.Dataframe(
                headers=ROUGE_HEADERS, interactive=False, elem_id="batch-rouge", buttons=[],
                label="ROUGE: F-mål 0–100, gennemsnit (95 % bootstrap-konfidensinterval)",
            )  # fmt: skip
        results = gr.Dataframe(
            headers=TABLE_HEADERS, label="Resultater", interactive=False, wrap=True,
            max_height=520, elem_id="batch-table", buttons=[],
        )  # fmt: skip
    return BatchTab(batch_file, engines, n_headlines, max_words, max_chars, run, info, downloads, csv_button,
                    jsonl_button, rouge_box, rouge, results)  # fmt: skip


def wire(tab: BatchTab, page: Page) -> None:
    """The run (public as ``/batch``), then the downloads and the ROUGE table shown when they hold something."""

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
                n_headlines=n_headlines,
                max_summary_words=max_words,
                max_headline_chars=max_chars,
                model=page.model,
                progress=lambda fraction, desc: progress(fraction, desc=desc),
            )
            folder = results_folder()
            stem = Path(file or "batch").stem
            csv_path = handlers.write_csv(result, folder / f"{stem}-resultater.csv")
            jsonl_path = handlers.write_jsonl(result, folder / f"{stem}-resultater.jsonl")
        except Exception as error:
            empty = pd.DataFrame(columns=TABLE_HEADERS), pd.DataFrame(columns=ROUGE_HEADERS)
            return fail(error), *empty, None, None
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

    tab.run.click(
        batch,
        [tab.file, tab.engines, tab.n_headlines, tab.max_words, tab.max_chars],
        [tab.info, tab.results, tab.rouge, tab.csv, tab.jsonl],
        api_name="batch",
        concurrency_limit=1,
        concurrency_id="batch",
        show_progress_on=tab.results,
    ).then(reveal, [tab.rouge, tab.csv], [tab.downloads, tab.rouge_box], api_visibility="private", queue=False)
