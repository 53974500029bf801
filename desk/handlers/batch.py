"""The batch tab's handlers: every article of an uploaded file with each chosen engine, as a table, ROUGE with
intervals, and downloads (CSV for Danish Excel, JSONL) with the fields `python -m summarizer batch` writes.

The file is streamed a chunk at a time; an article an engine chokes on is that article's error row alone.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from desk.handlers.common import ROUGE_KEYS, desk_options, friendly, log, one_line, scorer
from desk.handlers.engines import engine_notice
from desk.handlers.files import check_upload, file_error, upload_limits
from eval.stats import DEFAULT as BOOTSTRAP
from eval.stats import metric_intervals
from summarizer import messages
from summarizer.api import MAX_INPUT_CHARS, prepare
from summarizer.article import Article
from summarizer.batch import summarise_chunk
from summarizer.engines import engine_spec
from summarizer.errors import ModelUnavailable, SummarizerError, UnknownEngine
from summarizer.options import Options
from summarizer.results import CSV_ENCODING, RESULT_FIELDS, ResultLine, csv_cell, danish_csv_writer
from summarizer.summary import Summary
from summarizer.wire import count_items, iter_articles
from summarizer.wire.bounds import BoundExceeded

#: A batch upload holds at most this many articles; more are left out with a notice (never silently).
MAX_BATCH_ARTICLES = 10_000
#: Errors that mean an engine cannot run here at all: said once, and every row of it carries the reason.
ENGINE_BROKEN: tuple[type[BaseException], ...] = (ModelUnavailable, UnknownEngine)
#: A batch is summarised this many articles at a time: only one such chunk is held in memory, each
#: article already cut to what an engine reads (MAX_INPUT_CHARS), so the upload never sits there whole.
BATCH_CHUNK_ARTICLES = 16


@dataclass(frozen=True)
class RougeRow:
    """Mean F-score of one engine on one target, with its bootstrap 95 % confidence interval."""

    engine: str
    target: str  # "lead" | "rubrik"
    metric: str  # "rouge1" | "rouge2" | "rougeL"
    mean: float
    low: float
    high: float
    n: int


@dataclass
class BatchResult:
    """A desk batch: one `ResultLine` per article × engine (the lines `python -m summarizer batch` writes), in
    article order, with the notices and the ROUGE table."""

    rows: list[ResultLine]
    n_articles: int
    engines: list[str]
    notices: list[str] = field(default_factory=list)
    rouge: list[RougeRow] = field(default_factory=list)
    rouge_signature: str | None = None

    @property
    def n_errors(self) -> int:
        return sum(1 for row in self.rows if row.error)


def read_batch(path: str | Path) -> Iterator[Article | SummarizerError]:
    """Every article in a JSONL/CSV file (DaNewsroom fields) or a ZIP of wire files; errors in place.

    Streamed within `upload_limits()`: a bound exceeded is an error item naming the file and member, after the
    items before it. A file that cannot be read at all raises one Danish line naming the file.
    """
    path = Path(path)
    try:
        yield from iter_articles(path, limits=upload_limits())
    except Exception as error:  # whatever the reader meets, the editor gets one line, not a traceback
        raise file_error(path, error) from None


ProgressFn = Callable[[float, str], None]


def run_batch(
    path: str | Path | None,
    engine_names: Iterable[str],
    *,
    options: Options | None = None,
    n_headlines: float | None = None,
    max_summary_words: float | None = None,
    max_headline_chars: float | None = None,
    model: str | None = None,
    progress: ProgressFn | None = None,
) -> BatchResult:
    """Summarise every article of a batch file with each chosen engine; bad items become error rows.

    The file is streamed: `BATCH_CHUNK_ARTICLES` articles at a time go to every engine, and only the
    result rows are kept. One article that makes an engine fail is that article's error row alone.
    """
    if path is None or str(path) == "":
        raise SummarizerError("Upload en JSONL-, CSV- eller ZIP-fil først.")
    path = Path(path)
    check_upload(path)
    names = [name for name in dict.fromkeys(engine_names) if name]
    if not names:
        raise SummarizerError("Vælg mindst én motor.")
    options = desk_options(options, n_headlines, max_summary_words, max_headline_chars)
    run = _BatchRun(names, options, model, progress or (lambda fraction, desc: None))
    run.report(0.0, "Læser filen")
    try:
        expected = min(count_items(path, limits=upload_limits()), MAX_BATCH_ARTICLES)
    except Exception:  # only for the progress bar: reading reports the problem itself
        expected = 0
    run.total = max(expected, 1) * len(names)
    chunk: list[tuple[int, Article]] = []
    n_items = 0
    first_error: SummarizerError | None = None
    for item in read_batch(path):
        if n_items >= MAX_BATCH_ARTICLES:
            limit = f"{MAX_BATCH_ARTICLES:,}".replace(",", ".")
            run.notices.append(f"Filen har mere end {limit} artikler; kun de første {limit} er kørt.")
            break
        index, n_items = n_items, n_items + 1
        if isinstance(item, SummarizerError):
            first_error = first_error or item
            if isinstance(item, BoundExceeded):  # the editor must see why rows are missing, not only in the table
                run.bound(item)
            run.add_errors(index, item)
            continue
        chunk.append((index, valid_text(item)))
        if len(chunk) >= BATCH_CHUNK_ARTICLES:
            run.summarise(chunk)
            chunk = []
    if chunk:
        run.summarise(chunk)
    if not n_items:
        raise SummarizerError(f"Filen {path.name} indeholder ingen artikler.")
    if not run.n_articles:
        reason = one_line(first_error) if first_error else "ingen af dem kunne læses"
        raise SummarizerError(f"Ingen artikler kunne læses i {path.name}: {reason}")

    if run.bounds_unsaid:
        run.notices.append(f"{run.bounds_unsaid} grænse(r) mere er overskredet; se kolonnen Fejl.")
    rows = sorted(run.rows, key=lambda row: (row.item, names.index(row.engine)))
    result = BatchResult(rows=rows, n_articles=n_items, engines=names, notices=run.notices)
    run.report(1.0, f"{n_items} artikler kørt")
    if any(row.real_lead or row.real_headline for row in rows if not row.error):
        run.report(1.0, "Beregner ROUGE")
        result.rouge, result.rouge_signature = rouge_table(rows, names)
    return result


class _BatchRun:
    """The state of one desk batch: rows so far, engines that cannot run, progress."""

    def __init__(self, names: list[str], options: Options, model: str | None, progress: ProgressFn) -> None:
        self.names = names
        self.options = options
        self.model = model
        self.progress = progress
        self.rows: list[ResultLine] = []
        self.notices: list[str] = []
        self.broken: dict[str, BaseException] = {}  # engine → why it cannot run here (said once, on every row)
        self.noted: set[str] = set()
        self.bounds_said = 0
        self.bounds_unsaid = 0
        self.n_articles = 0
        self.done = 0
        self.total = 1
        self.fraction = 0.0

    def report(self, fraction: float, desc: str) -> None:
        self.fraction = max(self.fraction, min(fraction, 1.0))  # never backwards, even when the count was off
        self.progress(self.fraction, desc)

    def bound(self, error: BoundExceeded) -> None:
        """A bound exceeded is a notice too; the first few in full, the rest counted (one per long line adds up)."""
        if self.bounds_said < 3:
            self.bounds_said += 1
            self.notices.append(one_line(error))
        else:
            self.bounds_unsaid += 1

    def add_errors(self, index: int, error: SummarizerError) -> None:
        for name in self.names:
            self.rows.append(batch_line(index, error, name))
        self._advance(len(self.names))

    def summarise(self, chunk: list[tuple[int, Article]]) -> None:
        articles = [article for _, article in chunk]
        self.n_articles += len(articles)
        for name in self.names:
            started = time.perf_counter()
            outputs = self._outputs(name, articles)
            for (index, article), output in zip(chunk, outputs, strict=True):
                self.rows.append(_writable(batch_line(index, article, name, output)))
            log.info("batch: %s ran %d articles in %.2f s", name, len(articles), time.perf_counter() - started)
            self._advance(len(articles), name)

    def _advance(self, n: int, name: str = "") -> None:
        self.done += n
        articles = self.done // max(len(self.names), 1)
        label = f"{messages.engine_name(name)}: " if name else ""
        self.report(self.done / max(self.total, 1), f"{label}{articles} artikler læst")

    def _outputs(self, name: str, articles: list[Article]) -> list[Summary | Exception]:
        """The library's chunk run (`summarizer.batch.summarise_chunk`: the whole chunk, else one by one); an
        engine that cannot run here is said once and is every row's error."""
        if name in self.broken:
            return [self.broken[name]] * len(articles)
        try:
            outputs = summarise_chunk(articles, engine_spec(name, self.model), self.options, fatal=ENGINE_BROKEN,
                                      on_chunk_error=lambda error: self._note(name, error))  # fmt: skip
        except ENGINE_BROKEN as error:  # the engine cannot run here: every row says so
            self.broken[name] = error
            self.notices.append(engine_notice(name, error))
            return [error] * len(articles)
        for article, output in zip(articles, outputs, strict=True):
            if isinstance(output, Exception) and not isinstance(output, SummarizerError):
                log.warning("batch: %s failed on %s: %s: %s", name, article.id or article.where,
                            type(output).__name__, one_line(output))  # fmt: skip
        return outputs

    def _note(self, name: str, error: BaseException) -> None:
        log.warning("batch engine %s failed on a chunk: %s: %s", name, type(error).__name__, one_line(error))
        if name not in self.noted:
            self.noted.add(name)
            self.notices.append(engine_notice(name, error))


_SURROGATE = re.compile("[\ud800-\udfff]")
_TEXT_FIELDS = ("body", "headline", "lead", "id", "byline", "source", "published", "where")


def valid_text(article: Article) -> Article:
    """`article` as valid Unicode (a lone surrogate, from a JSON ``\\ud800``, becomes U+FFFD, with a warning naming
    the item) and cut to what an engine reads, so a chunk of articles is small whatever the upload holds."""
    changed = {}
    for key in _TEXT_FIELDS:
        value = getattr(article, key)
        if isinstance(value, str) and _SURROGATE.search(value):
            changed[key] = _SURROGATE.sub("\ufffd", value)
    if changed:
        label = changed.get("id") or article.id or changed.get("where") or article.where or "?"
        fields = ", ".join(key for key in _TEXT_FIELDS if key in changed)
        note = f"{label}: ugyldige tegn (enlige surrogater) i {fields} er erstattet med \ufffd"
        article = replace(article, **changed, warnings=[*(_SURROGATE.sub("\ufffd", w) for w in article.warnings),
                                                       note])  # fmt: skip
    if len(article.body) > MAX_INPUT_CHARS:
        try:
            article = prepare(article)  # the engines' own cut, with its warning
        except SummarizerError:
            article = replace(article, body=article.body[:MAX_INPUT_CHARS])
    return article


def _writable(row: ResultLine) -> ResultLine:
    """`row`, or an error row for its article when the result cannot be written as a line of the result file."""
    try:
        row.to_json()
    except Exception as error:  # one bad result must not take the downloads (or the tab) down
        log.warning("batch: result for %s cannot be written: %s", row.id, one_line(error))
        return ResultLine(_SURROGATE.sub("\ufffd", row.id), "error", row.engine,
                          error=f"Resultatet kunne ikke skrives: {type(error).__name__}",
                          source=_SURROGATE.sub("\ufffd", row.source or "") or None, seconds=0.0,
                          item=row.item)  # fmt: skip
    return row


def batch_line(
    index: int, item: Article | SummarizerError, engine: str, output: Summary | BaseException | None = None
) -> ResultLine:
    """Item `index` × `engine` as a result line (`ResultLine.from_result`), a failure in the desk's words."""
    if isinstance(item, SummarizerError):
        return ResultLine.from_result(index, item, engine, error=one_line(item))
    error = friendly(output, engine) if isinstance(output, BaseException) else None
    return ResultLine.from_result(index, item, engine, output, error=error)


def rouge_table(rows: list[ResultLine], names: list[str]) -> tuple[list[RougeRow], str]:
    """Per engine: ROUGE-1/2/L F of the summary against the real lead and of the top headline against
    the real title, each as a mean with a bootstrap 95 % interval (`eval.stats.metric_intervals`, the one place
    intervals are made). The signature records the scorer and the bootstrap (resamples, seed)."""
    rouge = scorer()
    table: list[RougeRow] = []
    for name in names:
        mine = [row for row in rows if row.engine == name and not row.error]
        for target, pairs in (
            ("lead", [(r.real_lead, r.summary) for r in mine if r.real_lead and r.summary]),
            ("rubrik", [(r.real_headline, r.headlines[0]) for r in mine if r.real_headline and r.headlines]),
        ):
            if not pairs:
                continue
            scores = [rouge.score(reference, prediction) for reference, prediction in pairs]
            intervals = metric_intervals(scores, ROUGE_KEYS, BOOTSTRAP)
            for key in ROUGE_KEYS:
                found = intervals[key]
                table.append(RougeRow(name, target, key, found.mean, found.low, found.high, len(pairs)))
    return table, BOOTSTRAP.sign(str(rouge.signature))


BATCH_COLUMNS = list(RESULT_FIELDS)


def write_csv(result: BatchResult, path: str | Path) -> Path:
    """The batch rows as CSV for Danish Excel (semicolons, UTF-8 with BOM so it shows æ, ø, å); lists joined with
    " | ". Every cell goes through `csv_cell`: wire copy is outside input, and a cell starting like a formula
    (=, +, -, @) is neutralised."""
    path = Path(path)
    # errors="replace": a character that cannot be written costs that character, never the download.
    with path.open("w", encoding=CSV_ENCODING, newline="", errors="replace") as handle:
        writer = danish_csv_writer(handle)
        writer.writerow(BATCH_COLUMNS)
        for row in result.rows:
            data = row.to_dict()
            data["headlines"] = " | ".join(row.headlines)
            data["flags"] = " | ".join(f"{f['kind']}: {f['text']}" for f in row.flags)
            data["problems"] = " | ".join(f"{p['where']}: {p['message']}" for p in row.problems)
            data["warnings"] = " | ".join(row.warnings)
            writer.writerow([csv_cell(data.get(key)) for key in BATCH_COLUMNS])
    return path


def write_jsonl(result: BatchResult, path: str | Path) -> Path:
    """The batch rows as JSON Lines, one object per article × engine."""
    path = Path(path)
    with path.open("w", encoding="utf-8", errors="replace") as handle:
        for row in result.rows:
            handle.write(json.dumps(row.to_dict(), ensure_ascii=False) + "\n")
    return path


def table_rows(result: BatchResult) -> list[list[Any]]:
    """The rows of the results table shown on the page (Danish headers in ui.py)."""
    return [
        [
            (row.item or 0) + 1,
            messages.engine_name(row.engine or ""),
            row.real_headline or "",
            row.headlines[0] if row.headlines else "",
            row.summary or "",
            round(row.seconds or 0.0, 3),
            len(row.flags),
            row.error or "",
        ]
        for row in result.rows
    ]


def rouge_rows(result: BatchResult) -> list[list[Any]]:
    """The ROUGE table, one row per engine and target: each cell the mean F (0–100) and its 95 % interval.

    ``["lead", "lead", "41,2 (35,0–47,9)", ..., 120]`` reads: lead's summaries against the real leads.
    """
    cells: dict[tuple[str, str], dict[str, RougeRow]] = {}
    for row in result.rouge:
        cells.setdefault((row.engine, row.target), {})[row.metric] = row
    out: list[list[Any]] = []
    for (engine, target), by_metric in cells.items():
        shown = [_interval(by_metric[key]) if key in by_metric else "" for key in ROUGE_KEYS]
        n = next(iter(by_metric.values())).n
        out.append([messages.engine_name(engine), "rigtigt lead" if target == "lead" else "rigtig rubrik", *shown, n])
    return out


def _interval(row: RougeRow) -> str:
    def pct(value: float) -> str:
        return f"{100 * value:.1f}".replace(".", ",")

    return f"{pct(row.mean)} ({pct(row.low)}–{pct(row.high)})"
