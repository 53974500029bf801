"""NITF 3.x (News Industry Text Format), with or without its namespace.

Headline ``body/body.head/hedline/hl1``; lead ``body.head/abstract``; byline ``body.head/byline``;
body ``body/body.content`` (its ``p``, ``hl2`` and ``block`` text, media captions left out);
id ``head/docdata/doc-id@id-string``; published ``docdata/date.issue@norm``; source
``docdata/doc.copyright@holder`` or ``body.head/distributor``. Also read when inlined in NewsML-G2.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from summarizer.article import Article
from summarizer.text import clean
from summarizer.wire.xmlsafe import child, local, text_of

_TEXT_BLOCKS = {"p", "hl2", "li", "dt", "dd", "pre", "bq", "blockquote", "h2", "h3"}
_SKIP = {"media", "media-caption", "table", "fn", "note", "byline"}


def read(root: ET.Element, *, name: str | None = None) -> Article:
    """An ``nitf`` element → `Article` (format ``"nitf"``)."""
    body = child(root, "body")
    head = child(body, "body.head")
    docdata = child(root, "head", "docdata")
    doc_id = child(docdata, "doc-id")
    issued = child(docdata, "date.issue")
    copyright_ = child(docdata, "doc.copyright")
    headline = text_of(child(head, "hedline", "hl1")) or text_of(child(root, "head", "title")) or None
    abstract = child(head, "abstract")
    lead = "\n\n".join(_paragraphs(abstract)) if abstract is not None else None
    byline = text_of(child(head, "byline")) or None
    content = child(body, "body.content")
    paragraphs = _paragraphs(content) if content is not None else []
    source = (copyright_.get("holder") if copyright_ is not None else None) or text_of(child(head, "distributor"))
    return Article(
        body=clean("\n\n".join(paragraphs)),
        headline=clean(headline) if headline else None,
        lead=clean(lead) if lead else None,
        id=(doc_id.get("id-string") if doc_id is not None else None) or None,
        byline=byline,
        source=source or None,
        published=(issued.get("norm") if issued is not None else None) or None,
        format="nitf",
    )


def _paragraphs(element: ET.Element) -> list[str]:
    """Text blocks in document order; bare text of an element without blocks counts as one."""
    out: list[str] = []

    def walk(node: ET.Element) -> None:
        name = local(node.tag).lower()
        if name in _SKIP:
            return
        if name in _TEXT_BLOCKS:
            text = text_of(node)
            if text:
                out.append(text)
            return
        for sub in node:
            walk(sub)

    walk(element)
    if not out:
        text = text_of(element)
        if text:
            out.append(text)
    return out
