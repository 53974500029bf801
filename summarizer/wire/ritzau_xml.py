"""Ritzau's XML feed items: root ``RBNews``, or the webservice feed that holds several.

The webservice answers ``XMLNewsQueuedResponse`` → ``ListOfRBNews`` → ``RBNews`` (one per item);
`read_items` reads both layouts.

Fields: ``NewsID`` (the id), ``headline``, ``subtitle`` (the lead), ``content`` (the body as
*escaped* HTML: ``&lt;p&gt;…``), ``byLine``, ``PublishDate``, ``Priority`` and ``format``.
"Flash" items (``format`` Flash) are one-line breaking news with no headline or subtitle.
Element names are matched without regard to case or namespace.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from summarizer.article import Article
from summarizer.messages import message
from summarizer.text import clean
from summarizer.wire.errors import WireError
from summarizer.wire.html_page import html_to_paragraphs
from summarizer.wire.xmlsafe import child, local, text_of


def read_items(root: ET.Element, *, name: str | None = None) -> list[Article]:
    """Every ``RBNews`` item of a document: the root itself, or each one inside a feed wrapper.

    >>> import xml.etree.ElementTree as ET
    >>> feed = ET.fromstring("<XMLNewsQueuedResponse><ListOfRBNews><RBNews><NewsID>1</NewsID>"
    ...     "<content>Første.</content></RBNews><RBNews><NewsID>2</NewsID><content>Anden.</content>"
    ...     "</RBNews></ListOfRBNews></XMLNewsQueuedResponse>")
    >>> [item.id for item in read_items(feed)]
    ['1', '2']
    """
    if local(root.tag).lower() == "rbnews":
        return [read(root, name=name)]
    items = [read(item, name=name) for item in root.iter() if local(str(item.tag)).lower() == "rbnews"]
    if not items:  # an empty answer from the webservice is said, not passed over in silence
        raise WireError(code="wire.empty_ritzau_feed", name=name or "feedet")
    return items


def read(root: ET.Element, *, name: str | None = None) -> Article:
    """An ``RBNews`` element → `Article` (format ``"ritzau-xml"``).

    >>> import xml.etree.ElementTree as ET
    >>> item = ET.fromstring("<RBNews><NewsID>7</NewsID><format>Flash</format>"
    ...                      "<content>&lt;p&gt;Statsministeren udskriver valg.&lt;/p&gt;</content></RBNews>")
    >>> read(item).body
    'Statsministeren udskriver valg.'
    """
    content = child(root, "content")
    body = "\n\n".join(_content_paragraphs(content)) if content is not None else ""
    kind = text_of(child(root, "format")) or None
    headline = text_of(child(root, "headline")) or None
    lead = text_of(child(root, "subtitle")) or None
    warnings: list[str] = []
    if kind and kind.lower() == "flash" and not headline:
        warnings.append(message("wire.ritzau_flash"))
    byline = text_of(child(root, "byLine")) or None
    return Article(
        body=clean(body),
        headline=clean(headline) if headline else None,
        lead=clean(lead) if lead else None,
        id=text_of(child(root, "NewsID")) or None,
        byline=byline,
        source="Ritzau",
        published=text_of(child(root, "PublishDate")) or None,
        format="ritzau-xml",
        warnings=warnings,
    )


def _content_paragraphs(content: ET.Element) -> list[str]:
    if len(content):
        # Some exports embed the HTML as real elements instead of escaping it.
        markup = (content.text or "") + "".join(_serialise(node) for node in content)
    else:
        markup = content.text or ""
    if "<" not in markup:
        return [p.strip() for p in markup.split("\n\n") if p.strip()]
    return html_to_paragraphs(markup)


def _serialise(node: ET.Element) -> str:
    # Drop namespaces so html.parser sees plain tag names.
    for element in node.iter():
        element.tag = local(element.tag)
    return ET.tostring(node, encoding="unicode")
