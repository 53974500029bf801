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
from dataclasses import asdict, dataclass, field
from typing import Any

from summarizer.article import Article
from summarizer.errors import SummarizerError
from summarizer.summary import Summary


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
            message = f"internal error: {type(error).__name__}: {error}"
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

    def to_dict(self) -> dict[str, Any]:
        """The JSON object: the fields above, with ``headline`` (the top-ranked one) after ``summary``."""
        data = asdict(self)
        ordered = {key: data[key] for key in ("item", "id", "status", "engine", "summary")}
        ordered["headline"] = self.headlines[0] if self.headlines else None
        ordered.update((key, value) for key, value in data.items() if key not in ordered)
        return ordered

    def to_json(self) -> bytes:
        """One JSON line (UTF-8, æ/ø/å as they are), newline included."""
        return (json.dumps(self.to_dict(), ensure_ascii=False) + "\n").encode("utf-8")


#: Column order of a batch result file (CSV header, JSON keys, Parquet columns).
RESULT_FIELDS = tuple(ResultLine(id="", status="ok").to_dict())


def parquet_schema() -> Any:
    """The result fields as a `pyarrow.Schema` (pyarrow is imported only when Parquet is written)."""
    import pyarrow as pa

    flag = pa.struct([("kind", pa.string()), ("text", pa.string()), ("where", pa.string()),
                      ("start", pa.int64()), ("end", pa.int64())])  # fmt: skip
    problem = pa.struct([("code", pa.string()), ("message", pa.string()), ("where", pa.string())])
    types = {"item": pa.int64(), "seconds": pa.float64(), "headlines": pa.list_(pa.string()),
             "warnings": pa.list_(pa.string()), "flags": pa.list_(flag), "problems": pa.list_(problem)}  # fmt: skip
    return pa.schema([(name, types.get(name, pa.string())) for name in RESULT_FIELDS])
