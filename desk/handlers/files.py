"""Reading what the editor gives the desk: an uploaded or sample file, one item of a file with several, the
samples offered as one-click examples, and the bounds every upload is read within.

`MAX_UPLOAD_BYTES` is read when a file comes in, so ``python app.py --max-upload-mb`` sets it here at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desk.handlers.common import log, one_line
from summarizer.article import Article
from summarizer.errors import SummarizerError
from summarizer.wire import bounds as wire_bounds
from summarizer.wire import count_items, iter_articles, read_article
from summarizer.wire.bounds import Bounds

#: Uploads larger than this are refused with a message (``python app.py --max-upload-mb``).
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
#: A feed lists at most this many of its items to pick from.
MAX_LISTED_ITEMS = 500
#: An uploaded archive (ZIP, Parquet) unpacks to at most this much on the desk; the library's own
#: bound (summarizer.wire.bounds, for the command-line batch) is higher. Members and line length: the library's;
#: one document in an archive: at most MAX_UPLOAD_BYTES, as a file uploaded on its own.
MAX_UNPACKED_BYTES = 500_000_000


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
