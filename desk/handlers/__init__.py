"""What the desk does, as plain functions: no Gradio here, so every handler is unit-tested directly.

One module per tab: `article` (one text, engines side by side), `batch` (a file of articles, downloads),
`history` (saving and listing the editors' choices); `files` reads uploads and samples, `engines` is the engines
as the desk shows them, `common` the Danish one-line errors, the settings and ROUGE every tab shares.
Errors the editor can fix are `SummarizerError`s with a Danish one-line message (`friendly`); everything else is
logged and reported without a traceback.

The names below are re-exported for `app.py`, the page and the tests. Settings that are changed at start-up
(`files.MAX_UPLOAD_BYTES`) are set on their own module, not here.
"""

from __future__ import annotations

from desk.handlers.article import BOILERPLATE_LINE, DeskResult, EngineResult, summarise_desk
from desk.handlers.batch import (
    BATCH_CHUNK_ARTICLES,
    BATCH_COLUMNS,
    ENGINE_BROKEN,
    MAX_BATCH_ARTICLES,
    BatchResult,
    ProgressFn,
    RougeRow,
    batch_line,
    read_batch,
    rouge_rows,
    rouge_table,
    run_batch,
    table_rows,
    valid_text,
    write_csv,
    write_jsonl,
)
from desk.handlers.common import (
    ROUGE_KEYS,
    ROUGE_LABELS,
    desk_options,
    friendly,
    one_line,
    rouge_scores,
    rouge_signature,
)
from desk.handlers.engines import engine_label, engine_notice
from desk.handlers.files import (
    FileItem,
    Loaded,
    Sample,
    check_upload,
    file_error,
    find_batch_samples,
    find_samples,
    list_items,
    load_file,
    load_item,
    scrub_path,
    upload_limits,
)
from desk.handlers.history import history_rows, save_choice, saved_note
from summarizer.results import local_time

__all__ = [
    "BATCH_CHUNK_ARTICLES",
    "BATCH_COLUMNS",
    "BOILERPLATE_LINE",
    "MAX_BATCH_ARTICLES",
    "ROUGE_KEYS",
    "ROUGE_LABELS",
    "BatchResult",
    "ENGINE_BROKEN",
    "DeskResult",
    "EngineResult",
    "FileItem",
    "Loaded",
    "ProgressFn",
    "RougeRow",
    "Sample",
    "check_upload",
    "desk_options",
    "engine_label",
    "engine_notice",
    "file_error",
    "find_batch_samples",
    "find_samples",
    "friendly",
    "history_rows",
    "list_items",
    "load_file",
    "load_item",
    "local_time",
    "one_line",
    "batch_line",
    "read_batch",
    "rouge_rows",
    "rouge_scores",
    "rouge_signature",
    "rouge_table",
    "run_batch",
    "save_choice",
    "saved_note",
    "scrub_path",
    "summarise_desk",
    "table_rows",
    "upload_limits",
    "valid_text",
    "write_csv",
    "write_jsonl",
]
