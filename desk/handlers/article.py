"""The "Én artikel" tab's handlers: one text, each chosen engine side by side, scored against the real lead.

Data flows one way: text → `Article` → one `Summary` per engine → `DeskResult` → `render.py` (HTML) or the
`/summarise` API's JSON. An engine that fails gets its error in its own card; the others still run.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from desk.handlers.common import desk_options, friendly, log, one_line, rouge_scores, rouge_signature
from desk.store import Candidates
from summarizer.api import prepare, summarise
from summarizer.article import Article
from summarizer.engines import engine_spec
from summarizer.errors import EmptyInput, SummarizerError
from summarizer.options import Options
from summarizer.structure import strip_lead
from summarizer.summary import Summary
from summarizer.text.boilerplate import is_boilerplate


@dataclass
class EngineResult:
    """One engine's answer on the desk, or the reason it has none."""

    engine: str
    summary: Summary | None = None
    error: str | None = None
    wall_seconds: float = 0.0
    rouge_lead: dict[str, Any] | None = None
    rouge_headline: dict[str, Any] | None = None


@dataclass
class DeskResult:
    article: Article
    results: list[EngineResult]
    options: Options
    headline_from: str | None = None  # "tekst" | "felt" | None
    lead_from: str | None = None
    notices: list[str] = field(default_factory=list)
    rouge_signature: str | None = None
    input_text: str = ""  # what the editor gave, as given (kept with a saved choice)

    def candidates(self) -> list[Candidates]:
        """Every engine's offer, for the database: what the editor chose from."""
        return [Candidates(r.engine, r.summary.summary, list(r.summary.headlines)) for r in self.results if r.summary]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: what the `/summarise` API returns."""
        out: list[dict[str, Any]] = []
        for result in self.results:
            item: dict[str, Any] = {"engine": result.engine, "summary": None, "headlines": [], "flags": [],
                                    "problems": [], "warnings": [], "seconds": result.wall_seconds,
                                    "error": result.error}  # fmt: skip
            if result.summary is not None:
                data = result.summary.to_dict()
                data.pop("article", None)
                item.update(data, engine=result.engine, seconds=result.wall_seconds)
            item["rouge_lead"] = _rouge_dict(result.rouge_lead)
            item["rouge_headline"] = _rouge_dict(result.rouge_headline)
            out.append(item)
        return {
            "real_headline": self.article.headline,
            "real_lead": self.article.lead,
            "notices": self.notices,
            "rouge_signature": self.rouge_signature,
            "results": out,
        }


def _rouge_dict(scores: dict[str, Any] | None) -> dict[str, dict[str, float]] | None:
    if scores is None:
        return None
    return {key: {"precision": s.precision, "recall": s.recall, "fmeasure": s.fmeasure} for key, s in scores.items()}


def summarise_desk(
    text: str,
    engine_names: Iterable[str],
    *,
    options: Options | None = None,
    n_headlines: float | None = None,
    max_summary_words: float | None = None,
    max_headline_chars: float | None = None,
    real_headline: str = "",
    real_lead: str = "",
    model: str | None = None,
) -> DeskResult:
    """Summarise one text with each chosen engine, side by side.

    The real headline and lead come from the typed fields when filled, else from the text's
    own layout (lead, headline, body as on the wire). An engine that fails gets its error in
    its own column; the others still run. Raises `SummarizerError` only for input problems
    (nothing to summarise, no engine chosen, a setting out of bounds). The settings are `options` (default: the
    library's), with any given by name replacing its own.

    >>> r = summarise_desk("Regeringen vil bruge 2 mia. kr. på cykelstier. Pengene kommer fra puljen.", ["lead"])
    >>> r.results[0].summary.summary
    'Regeringen vil bruge 2 mia. kr. på cykelstier. Pengene kommer fra puljen.'
    """
    names = [name for name in dict.fromkeys(engine_names) if name]
    if not names:
        raise SummarizerError("Vælg mindst én motor.")
    options = desk_options(options, n_headlines, max_summary_words, max_headline_chars)
    text = text or ""
    article = prepare(text)  # the library's notices (a cut, a text that is not Danish …) come as its warnings
    notices: list[str] = list(article.warnings)
    # A "headline" or "lead" the layout found is no real one when it is boilerplate ("Læs også: …", a credit,
    # a time stamp): it is neither shown as the real headline nor scored against.
    if article.headline and is_boilerplate(article.headline):
        notices.append(BOILERPLATE_LINE.format(line=_short(article.headline)))
        article.headline = None
    if article.lead and is_boilerplate(article.lead):
        notices.append(BOILERPLATE_LINE.format(line=_short(article.lead)))
        article.lead = None
    headline_from = "tekst" if article.headline else None
    lead_from = "tekst" if article.lead else None
    if real_headline and real_headline.strip():
        article.headline, headline_from = real_headline.strip(), "felt"
    if real_lead and real_lead.strip():
        article.lead, lead_from = real_lead.strip(), "felt"
        # The leakage guard eval applies: an engine must not be handed the lead it is scored against.
        article.body = strip_lead(article.body, article.lead)[0]
        if not article.body.strip():
            raise EmptyInput("Teksten er kun det rigtige lead; indsæt hele artiklen.")

    results = [_run_engine(name, article, options, model) for name in names]
    signature = None
    if article.lead or article.headline:
        signature = _add_rouge(results, article)
    return DeskResult(article, results, options, headline_from, lead_from, notices, signature, input_text=text)


#: The notice for a line the layout took for the real headline or lead that is boilerplate.
BOILERPLATE_LINE = "»{line}« er standardtekst, ikke en rubrik eller et lead; den er ikke brugt som det rigtige."


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _run_engine(name: str, article: Article, options: Options, model: str | None) -> EngineResult:
    started = time.perf_counter()
    try:
        summary = summarise(article, engine=engine_spec(name, model), options=options)
    except SummarizerError as error:
        return EngineResult(name, error=friendly(error, name), wall_seconds=time.perf_counter() - started)
    except Exception as error:  # one engine's bug must not take the desk down
        log.exception("engine %s failed", name)
        return EngineResult(name, error=friendly(error, name), wall_seconds=time.perf_counter() - started)
    return EngineResult(name, summary=summary, wall_seconds=time.perf_counter() - started)


def _add_rouge(results: list[EngineResult], article: Article) -> str | None:
    try:
        for result in results:
            if result.summary is None:
                continue
            if article.lead and result.summary.summary:
                result.rouge_lead = rouge_scores(article.lead, result.summary.summary)
            if article.headline and result.summary.headlines:
                result.rouge_headline = rouge_scores(article.headline, result.summary.headlines[0])
        return rouge_signature()
    except Exception as error:  # scores are extra: the summaries still show
        log.exception("ROUGE failed")
        for result in results:
            result.rouge_lead = result.rouge_headline = None
        return f"ROUGE kunne ikke beregnes: {one_line(error)}"
