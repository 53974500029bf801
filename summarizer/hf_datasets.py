"""Summarise a Hugging Face `datasets.Dataset` (an archive) with ``Dataset.map(batched=True)``.

>>> from datasets import Dataset
>>> ds = Dataset.from_list([{"title": "Ny bro over Limfjorden",
...                          "text": "Vejdirektoratet har valgt en ny bro. Den skal stå klar i 2031."}])
>>> summarise_dataset(ds, engine="extractive").column_names  # doctest: +SKIP
['title', 'text', 'summary', 'headlines', 'engine', 'flags', 'warnings', 'error']

Each row gets the columns ``summary`` (None for a failed row), ``headlines``, ``engine``, ``flags``
(a list of {kind, text, where, start, end}), ``warnings`` and ``error`` (None, or the one-line
reason the row failed: no row is dropped). Works with ``num_proc`` (each process loads the engine
once). ``datasets`` is imported only by the caller: this module needs nothing from it but the object.

A batch of rows goes to the engine as the batch runs a chunk (`summarizer.batch.chunks.summarise_chunk`):
whole, else one row at a time, so a row that breaks the engine fails alone.
"""

from __future__ import annotations

from typing import Any

from summarizer.article import Article
from summarizer.errors import SummarizerError
from summarizer.options import Options
from summarizer.results import ResultLine, valid_text
from summarizer.summary import Summary

OUTPUT_COLUMNS = ("summary", "headlines", "engine", "flags", "warnings", "error")


def summarise_dataset(
    ds: Any,
    *,
    engine: str = "auto",
    text_column: str = "text",
    headline_column: str | None = "title",
    lead_column: str | None = "summary",
    prefix: str = "",
    options: Options | None = None,
    n_headlines: int | None = None,
    max_summary_words: int | None = None,
    max_headline_chars: int | None = None,
    batch_size: int = 16,
    num_proc: int | None = None,
    **map_kwargs: Any,
) -> Any:
    """Return `ds` with the summary columns added (named ``prefix + name``).

    DaNewsroom's own ``summary`` column is the real lead: it is read as the lead and kept, so the
    new columns need a `prefix` (e.g. ``prefix="pred_"``); a clash is a clear `SummarizerError`.
    `options` (or the settings given by name, which replace its own) are what every engine is asked for.
    Extra keyword arguments go to ``Dataset.map`` (``load_from_cache_file``, ``desc``, ...).
    """
    from summarizer.api import resolve_engine

    # Checked before any row is read.
    options = Options.of(
        options, n_headlines=n_headlines, max_summary_words=max_summary_words, max_headline_chars=max_headline_chars
    )
    if not isinstance(prefix, str) or not isinstance(text_column, str):
        raise SummarizerError(code="dataset.names_not_text")
    if text_column not in ds.column_names:
        raise SummarizerError(code="dataset.no_column", column=repr(text_column), found=", ".join(ds.column_names))
    clashes = [prefix + name for name in OUTPUT_COLUMNS if prefix + name in ds.column_names]
    if clashes:
        raise SummarizerError(code="dataset.clash", columns=", ".join(clashes))
    spec, _ = resolve_engine(engine)
    settings = {
        "engine": spec,
        "text_column": text_column,
        "headline_column": headline_column if headline_column in ds.column_names else None,
        "lead_column": lead_column if lead_column in ds.column_names else None,
        "prefix": prefix,
        "options": options,
    }
    map_kwargs.setdefault("desc", f"resumerer ({spec})")
    map_kwargs.setdefault("features", _features(ds, prefix))
    return ds.map(
        summarise_rows,
        batched=True,
        batch_size=batch_size,
        num_proc=num_proc,
        fn_kwargs={"settings": settings},
        **map_kwargs,
    )


def summarise_rows(batch: dict[str, list[Any]], settings: dict[str, Any]) -> dict[str, list[Any]]:
    """The batched map function: one column list in, the new column lists out (same length)."""
    from summarizer.batch.chunks import summarise_chunk

    texts = batch[settings["text_column"]]
    headlines = batch[settings["headline_column"]] if settings["headline_column"] else [None] * len(texts)
    leads = batch[settings["lead_column"]] if settings["lead_column"] else [None] * len(texts)
    articles = [
        Article(body=str(text or ""), headline=headline or None, lead=lead or None, format="dataset")
        for text, headline, lead in zip(texts, headlines, leads, strict=True)
    ]
    # fatal=(): a row's result is always its own; a model missing is every row's error, as it always was here.
    results = summarise_chunk(articles, settings["engine"], settings["options"], fatal=())
    columns: dict[str, list[Any]] = {settings["prefix"] + name: [] for name in OUTPUT_COLUMNS}
    for result in results:
        row = _row(result)
        for name in OUTPUT_COLUMNS:
            columns[settings["prefix"] + name].append(row[name])
    return columns


def _features(ds: Any, prefix: str) -> Any:
    # Explicit types: a first batch without flags must not fix the column as a list of nulls.
    from datasets import Features, List, Value

    features = Features(dict(ds.features))
    flag = {
        "kind": Value("string"),
        "text": Value("string"),
        "where": Value("string"),
        "start": Value("int64"),
        "end": Value("int64"),
    }
    features[prefix + "summary"] = Value("string")
    features[prefix + "headlines"] = List(Value("string"))
    features[prefix + "engine"] = Value("string")
    features[prefix + "flags"] = List(flag)
    features[prefix + "warnings"] = List(Value("string"))
    features[prefix + "error"] = Value("string")
    return features


def _row(result: Summary | BaseException) -> dict[str, Any]:
    """One row's new columns, from the batch's own result line (`ResultLine`)."""
    if isinstance(result, Summary):
        line = ResultLine.ok(result.article, result)
        return {"summary": line.summary, "headlines": line.headlines, "engine": line.engine, "flags": line.flags,
                "warnings": line.warnings, "error": None}  # fmt: skip
    # valid_text: Arrow refuses a lone surrogate, and a message may quote the row's own text.
    error = valid_text(ResultLine.failed("?", result).error or "")
    return {"summary": None, "headlines": [], "engine": None, "flags": [], "warnings": [], "error": error}
