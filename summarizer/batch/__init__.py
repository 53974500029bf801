"""``python -m summarizer batch INPUT --out results.jsonl``: a feed or an archive in, one JSON line per item out.

INPUT is a folder, a glob, a JSONL/CSV file or a ZIP (see `summarizer.wire.iter_articles`, which also
defines the item ids). Guarantees:

- streamed: items are read one at a time and at most a few chunks are in flight, so memory stays
  flat however large the input;
- every result is appended to ``--out`` as one complete JSON line as soon as it is done (a single
  ``write`` with Ctrl-C/SIGTERM held off for its duration), so an interrupted run leaves valid JSONL;
- nothing is dropped: an item that cannot be read or summarised is written with ``status: "error"``
  and its one-line error; the run goes on;
- resume: re-running with the same ``--out`` skips every id already done in it, and tries again every item
  that failed before (its error line leaves the file first, which is rewritten whole and renamed into place,
  and the run says how many). A torn last
  result line, which only a hard kill (SIGKILL, power loss) in mid-write can leave, is cut off first and
  its item summarised again, so each item ends up in the file exactly once. Nothing else in OUT is ever
  cut: a file that is not a results file (no result line in it), or the input itself, is refused;
- a poison item (text that is not valid Unicode, a result that cannot be written) is an error line
  for that item alone;
- workers: ``--workers N`` runs N processes; only this (main) process writes. Output is in input
  order per chunk; ids, not order, are what resume relies on;
- ``--out -`` writes the result lines to standard output (no resume then), and everything else (progress,
  notes, the closing line) to standard error; ``--csv FILE`` also writes every result in OUT as a CSV for
  Danish Excel (semicolons, UTF-8 with a byte-order mark) once the run is done.

Everything it says is Danish, from the message catalogue (`summarizer.messages`); why ``auto`` chose its
engine only with ``--verbose``.

Exit status: 0 all items ok, 1 some items failed (see their lines), 2 bad arguments or INPUT,
130 interrupted (run the same command again to resume).

One module per idea, no cycle between them (each imports only the ones listed before it):

- `chunks`: `Settings` (the engine and its `Options`), `summarise_chunk` (a chunk through an engine, whole,
  else one by one) and `result_lines` (a chunk → result lines), shared by the local run, Ray,
  `summarizer.hf_datasets` and the desk;
- `writer`: the result file: whole lines appended, resume (`load_done`), retry (`drop_failed`), the CSV;
- `local`: the run in this process or in ``--workers`` processes;
- `ray`: the run on Ray Data (`run_ray`, `RayOptions`), imported only for ``--ray``;
- `cli`: the command line (`main`).
"""

from __future__ import annotations

from summarizer.batch.chunks import (
    FATAL,
    EngineStartError,
    Settings,
    check_available,
    error_line,
    ok_line,
    result_lines,
    summarise_chunk,
)
from summarizer.batch.cli import STDOUT, build_parser, closing, main
from summarizer.batch.local import run
from summarizer.batch.writer import Tally, drop_failed, export_csv, load_done, retrying, write_line

__all__ = [
    "FATAL",
    "STDOUT",
    "EngineStartError",
    "Settings",
    "Tally",
    "build_parser",
    "check_available",
    "closing",
    "drop_failed",
    "error_line",
    "export_csv",
    "load_done",
    "main",
    "ok_line",
    "result_lines",
    "retrying",
    "run",
    "summarise_chunk",
    "write_line",
]
