"""`read_article`: one file (or its bytes) → `Article`, whatever wire format it is in."""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

from summarizer.article import Article
from summarizer.messages import text as message_text
from summarizer.wire import bounds, danewsroom, html_page, newsml_g2, nitf, plain_text, ritzau_xml
from summarizer.wire.bounds import size_text
from summarizer.wire.encoding import decode
from summarizer.wire.errors import WireError
from summarizer.wire.sniff import UnknownFormat, sniff
from summarizer.wire.xmlsafe import parse as parse_xml

#: Format → the catalogue code that says an item of it has no text.
_EMPTY = {
    "ritzau-xml": "wire.empty.ritzau",
    "nitf": "wire.empty.nitf",
    "newsml-g2": "wire.empty.newsml",
    "html": "wire.empty.html",
}


def read_article(source: str | os.PathLike[str] | bytes, *, name: str | None = None) -> Article:
    """Read one news item from a path or from bytes; the format is sniffed from the content.

    Formats: plain text (seed layout or headline first), Ritzau XML (``RBNews``), NITF 3.x,
    NewsML-G2, DaNewsroom JSONL/CSV holding one record, and simple HTML. `name` labels the item
    in messages and is its id when the content carries none. Raises `WireError` (one line).

    >>> text = "Ny bro over Limfjorden\\n\\nBroen skal stå klar i 2031.\\n\\nDen koster 4,2 mia. kr."
    >>> article = read_article(text.encode())
    >>> article.headline, article.format
    ('Ny bro over Limfjorden', 'text')
    """
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        label = name or "input"
        item_id = name
    else:
        path = Path(source)
        label = name or str(source)
        if not path.exists():
            hint = message_text("wire.pass_bytes") if "\n" in str(source) else ""
            raise WireError(code="wire.no_such_file", item_id=label, where=label, path=_short(label), hint=hint)
        if path.is_dir():
            raise WireError(code="wire.is_folder", item_id=label, where=label, path=label)
        if path.stat().st_size > bounds.MAX_ITEM_BYTES:
            raise WireError(code="wire.file_too_large", item_id=label, where=label, name=label,
                            size=size_text(path.stat().st_size))  # fmt: skip
        data = path.read_bytes()
        item_id = label
    articles = read_document(data, name=label, item_id=item_id)
    if len(articles) != 1:
        raise WireError(code="wire.several_items", item_id=label, where=label, name=label, count=len(articles))
    return articles[0]


def read_document(data: bytes, *, name: str, item_id: str | None = None) -> list[Article]:
    """All items in one document's bytes (several for a NewsML-G2 newsMessage or a JSONL file).

    Items without an id of their own get `item_id` (several: ``item_id:N``). Raises `WireError`.
    """
    if len(data) > bounds.MAX_ITEM_BYTES:
        raise WireError(code="wire.too_large", item_id=item_id, where=name, name=name)
    if data[:4] == b"PK\x03\x04":
        count = len(zipfile.ZipFile(io.BytesIO(data)).infolist()) if zipfile.is_zipfile(io.BytesIO(data)) else 0
        raise WireError(code="wire.zip_given", item_id=item_id, where=name, name=name, count=count)
    try:
        text, warnings = decode(data, name=name)
        try:
            fmt = sniff(text[:65536], name=name)
        except UnknownFormat as error:
            raise WireError(code="wire.unknown_xml", name=name, root=error.root) from None
        try:
            articles = _parse(text, fmt, name)
        except RecursionError:
            raise WireError(code="wire.too_deep", name=name) from None
    except WireError as error:
        raise WireError(str(error), item_id=error.item_id or item_id, where=name, code=error.code) from None
    for number, article in enumerate(articles, 1):
        if article.id is None and item_id is not None:
            article.id = item_id if len(articles) == 1 else f"{item_id}:{number}"
        if article.where is None:
            article.where = name if len(articles) == 1 else f"{name}:{number}"
        article.warnings = [*warnings, *article.warnings]
        if not article.body.strip() and fmt in _EMPTY:
            raise WireError(code=_EMPTY[fmt], item_id=article.id or item_id, where=name, name=name)
    return articles


def _parse(text: str, fmt: str, name: str) -> list[Article]:
    if fmt == "text":
        return [plain_text.read(text, name=name)]
    if fmt == "html":
        return [html_page.read(text, name=name)]
    if fmt in ("danewsroom-jsonl", "danewsroom-csv"):
        return _records(text, fmt, name)
    root = parse_xml(text, name=name)
    if fmt == "ritzau-xml":
        return ritzau_xml.read_items(root, name=name)
    if fmt == "nitf":
        return [nitf.read(root, name=name)]
    return newsml_g2.read_items(root, name=name)


def _records(text: str, fmt: str, name: str) -> list[Article]:
    lines = [line.encode("utf-8") for line in text.splitlines(keepends=True)]
    if fmt == "danewsroom-jsonl":
        stripped = text.strip()
        if stripped.startswith("{") and "\n" in stripped:
            try:  # one pretty-printed JSON object, not JSONL
                record = json.loads(stripped)
            except ValueError:
                record = None
            if isinstance(record, dict):
                return [danewsroom.from_record(record, where=name)]
        items = list(danewsroom.iter_jsonl(lines, where=name))
    else:
        items = list(danewsroom.iter_csv(lines, where=name))
    for item in items:
        if isinstance(item, WireError):
            raise item
    return [item for item in items if isinstance(item, Article)]


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."
