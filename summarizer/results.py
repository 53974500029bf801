"""`ResultLine`: the one result schema every batch path writes, defined once.

``python -m summarizer batch`` (JSONL), the same command on Ray Data (``--ray``; JSONL or Parquet)
and the desk's downloads (JSONL, CSV) all write exactly these fields, in this order::

    item, id, status, engine, summary, headline, headlines, flags, problems, warnings, error, source,
    format, real_headline, real_lead, seconds

``status`` is ``"ok"`` or ``"error"``; an item that failed is a line with its one-line ``error``,
never left out. ``source`` is where the item came from: ``feed.jsonl:17``, ``arkiv.zip:a/b.xml``
or a file's path. `parquet_schema` gives the same fields as an Arrow schema (flags as structs).
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from summarizer.article import Article
from summarizer.errors import SummarizerError
from summarizer.messages import text
from summarizer.summary import Summary
from summarizer.text.characters import invalid_count as invalid_count  # re-exported: callers import it from here
from summarizer.text.characters import valid_text


@dataclass
class ResultLine:
    """One line of a batch result file."""

    id: str
    status: str  # "ok" or "error"
    engine: str | None = None
    summary: str | None = None
    headlines: list[str] = field(default_factory=list)
    flags: list[dict[str, Any]] = field(default_factory=list)
    #: The editor's check: {"code", "message", "where"} for each problem of the lead or a headline.
    problems: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    source: str | None = None  # where the item came from: a file, file:LINE or archive.zip:member
    format: str | None = None
    real_headline: str | None = None  # the article's own headline and lead, when the input had them
    real_lead: str | None = None
    seconds: float | None = None
    item: int | None = None  # position in the input (the desk numbers its rows)

    @classmethod
    def ok(cls, article: Article, result: Summary, item: int | None = None) -> ResultLine:
        return cls(
            id=article.id or (f"#{item + 1}" if item is not None else "?"),
            status="ok",
            engine=result.engine,
            summary=result.summary,
            headlines=list(result.headlines),
            flags=[asdict(flag) for flag in result.flags],
            problems=[asdict(problem) for problem in result.problems],
            warnings=list(result.warnings),
            source=article.where,
            format=article.format,
            real_headline=article.headline,
            real_lead=article.lead,
            seconds=round(result.seconds, 4),
            item=item,
        )

    @classmethod
    def failed(
        cls, item_id: str, error: BaseException | str, article: Article | None = None, **fields: Any
    ) -> ResultLine:
        """An item that could not be read or summarised, with the one-line reason."""
        if isinstance(error, str):
            message = error
        elif isinstance(error, SummarizerError):
            message = str(error)
        else:
            message = text("internal_error", kind=type(error).__name__, message=error)
        fields.setdefault("source", article.where if article else getattr(error, "where", None))
        return cls(
            id=item_id,
            status="error",
            warnings=list(article.warnings) if article else [],
            error=" ".join(message.split()),
            format=article.format if article else None,
            real_headline=article.headline if article else None,
            real_lead=article.lead if article else None,
            **fields,
        )

    @classmethod
    def from_result(
        cls,
        item: int,
        source: Article | SummarizerError,
        engine: str,
        output: Summary | BaseException | None = None,
        *,
        error: str | None = None,
    ) -> ResultLine:
        """One numbered item × one engine, as the desk lists a batch: `source` is the article (or the error that
        kept it from being read), `output` what `engine` made of it (a `Summary`, or the exception).

        Unlike `ok`/`failed` it names the engine as asked (not the runner's own name), numbers an item without
        an id ``#N`` (1-based), leaves out an empty real headline or lead, and gives a failed row ``seconds``
        0.0 and no warnings. `error` replaces the failure's own one-line reason (the desk's friendlier text).

        >>> line = ResultLine.from_result(0, SummarizerError("Ukendt format"), "lead")
        >>> line.id, line.status, line.error
        ('#1', 'error', 'Ukendt format')
        """
        fallback_id = f"#{item + 1}"
        if isinstance(source, SummarizerError):
            return cls(id=fallback_id, status="error", engine=engine, error=error or _one_line(source),
                       source=getattr(source, "where", None), seconds=0.0, item=item)  # fmt: skip
        line = cls(
            id=source.id or fallback_id,
            status="ok",
            engine=engine,
            source=source.where,
            format=source.format,
            real_headline=source.headline or None,
            real_lead=source.lead or None,
            seconds=0.0,
            item=item,
        )
        if output is None:
            raise TypeError("an article needs its output: a Summary or the exception")
        if not isinstance(output, Summary):
            line.status = "error"
            line.error = error or _one_line(output)
            return line
        line.summary = output.summary
        line.headlines = list(output.headlines)
        line.flags = [asdict(flag) for flag in output.flags]
        line.problems = [asdict(problem) for problem in output.problems]
        line.warnings = list(output.warnings)
        line.seconds = round(output.seconds, 4)
        return line

    def to_dict(self) -> dict[str, Any]:
        """The JSON object: the fields above, with ``headline`` (the top-ranked one) after ``summary``."""
        data = asdict(self)
        ordered = {key: data[key] for key in ("item", "id", "status", "engine", "summary")}
        ordered["headline"] = self.headlines[0] if self.headlines else None
        ordered.update((key, value) for key, value in data.items() if key not in ordered)
        return ordered

    def to_json(self) -> bytes:
        """One JSON line (UTF-8, æ/ø/å as they are), newline included; never raises (see `encoded`)."""
        return self.encoded()[1]

    def encoded(self) -> tuple[str, bytes]:
        """``(status, JSON line)`` as it will be written.

        A result that cannot be written as it is (text that is not valid Unicode, a value JSON has no
        form for) must not take the other items down with it: an ok result becomes an error line for
        this item alone, and an error line is written with its text made valid.
        """
        try:
            return self.status, _dumps(self.to_dict())
        except (ValueError, TypeError) as error:  # UnicodeEncodeError is a ValueError
            line = self if self.status == "error" else self._unwritable(error)
            return "error", _dumps(_writable(line.to_dict()))

    def _unwritable(self, error: Exception) -> ResultLine:
        if isinstance(error, UnicodeEncodeError):
            reason = text("result.not_unicode")
        else:
            reason = f"{type(error).__name__}: {error}"
        return ResultLine(
            id=self.id,
            status="error",
            engine=self.engine,
            warnings=list(self.warnings),
            error=" ".join(text("result.unwritable", reason=reason).split()),
            source=self.source,
            format=self.format,
            seconds=self.seconds,
            item=self.item,
        )


def _one_line(error: BaseException | str) -> str:
    """An error (or a reason) as one line of valid text: a library error as it says, anything else as an internal
    error naming its kind."""
    if isinstance(error, str | SummarizerError):
        said = str(error)
    else:
        said = text("internal_error", kind=type(error).__name__, message=error)
    return " ".join(valid_text(said).split())


def _dumps(data: dict[str, Any]) -> bytes:
    # allow_nan=False: NaN is not JSON, and other readers (pyarrow, jq) refuse it.
    return (json.dumps(data, ensure_ascii=False, allow_nan=False) + "\n").encode("utf-8")


def _writable(value: Any) -> Any:
    """`value` with every string made valid and anything JSON cannot hold made a string or None."""
    if isinstance(value, str):
        return valid_text(value)
    if isinstance(value, dict):
        return {_writable(str(key)): _writable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_writable(item) for item in value]
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if value is None or isinstance(value, bool | int):
        return value
    return valid_text(str(value))


#: What a spreadsheet reads as a formula when a cell starts with it (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A value safe for a CSV cell that Excel or LibreOffice will open: text starting like a formula gets a leading
    apostrophe, as OWASP advises (wire copy is outside input: ``=HYPERLINK(…)``). Other values pass unchanged.

    >>> csv_cell("=SUM(A1:A9)"), csv_cell("- Vi er klar"), csv_cell(42)
    ("'=SUM(A1:A9)", "'- Vi er klar", 42)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


#: Danish Excel splits a CSV into columns only at semicolons, and reads it as UTF-8 only with a byte-order mark.
CSV_DELIMITER = ";"
CSV_ENCODING = "utf-8-sig"
#: The newsroom's clock: every time an editor sees or exports is shown in it.
NEWSROOM_ZONE = "Europe/Copenhagen"


def danish_csv_writer(stream: Any) -> Any:
    """A `csv.writer` for Danish Excel on a text stream opened with ``encoding=CSV_ENCODING, newline=""``."""
    import csv

    return csv.writer(stream, delimiter=CSV_DELIMITER)


def local_time(moment: str | datetime, *, seconds: bool = False) -> str:
    """A UTC time (ISO 8601 text or aware datetime) as Copenhagen wall-clock time for an editor.

    >>> local_time("2026-07-01T10:00:00+00:00")
    '2026-07-01 12:00'
    """
    from zoneinfo import ZoneInfo

    when = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(ZoneInfo(NEWSROOM_ZONE)).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


#: Column order of a batch result file (CSV header, JSON keys, Parquet columns).
RESULT_FIELDS = tuple(ResultLine(id="", status="ok").to_dict())


def csv_row(record: dict[str, Any]) -> list[Any]:
    """A result (`ResultLine.to_dict`, or a line read back from a results file) as one CSV row in `RESULT_FIELDS`
    order: lists joined with " | " so a spreadsheet shows one cell each, every cell made safe by `csv_cell`.

    >>> csv_row({"id": "rb-1", "status": "ok", "headlines": ["Ny bro", "=Broen åbner"]})[4:7]
    [None, None, 'Ny bro | =Broen åbner']
    """
    data = dict(record)
    data["headlines"] = " | ".join(str(h) for h in data.get("headlines") or [])
    data["flags"] = " | ".join(f"{f.get('kind')}: {f.get('text')}" for f in data.get("flags") or [])
    data["problems"] = " | ".join(f"{p.get('where')}: {p.get('message')}" for p in data.get("problems") or [])
    data["warnings"] = " | ".join(str(w) for w in data.get("warnings") or [])
    return [csv_cell(data.get(key)) for key in RESULT_FIELDS]


def write_results_csv(records: Any, path: Any) -> int:
    """Results as a CSV file for Danish Excel (header, then one `csv_row` each); returns the number of rows.

    Written to a temporary file beside `path` and renamed into place, so an interrupted export never leaves half a
    spreadsheet where the last whole one was.
    """
    import os
    from pathlib import Path

    target = Path(path)
    temporary = target.with_name(f".{target.name}.tmp")
    rows = 0
    # errors="replace": a character that cannot be written costs that character, never the export.
    with temporary.open("w", encoding=CSV_ENCODING, newline="", errors="replace") as handle:
        writer = danish_csv_writer(handle)
        writer.writerow(RESULT_FIELDS)
        for record in records:
            writer.writerow(csv_row(record))
            rows += 1
    os.replace(temporary, target)
    return rows


def parquet_schema() -> Any:
    """The result fields as a `pyarrow.Schema` (pyarrow is imported only when Parquet is written)."""
    import pyarrow as pa

    flag = pa.struct([("kind", pa.string()), ("text", pa.string()), ("where", pa.string()),
                      ("start", pa.int64()), ("end", pa.int64())])  # fmt: skip
    problem = pa.struct([("code", pa.string()), ("message", pa.string()), ("where", pa.string())])
    types = {"item": pa.int64(), "seconds": pa.float64(), "headlines": pa.list_(pa.string()),
             "warnings": pa.list_(pa.string()), "flags": pa.list_(flag), "problems": pa.list_(problem)}  # fmt: skip
    return pa.schema([(name, types.get(name, pa.string())) for name in RESULT_FIELDS])
