"""Ritzau's XML feed items: root ``RBNews``.

Fields: ``NewsID`` (the id), ``headline``, ``subtitle`` (the lead), ``content`` (the body as
*escaped* HTML: ``&lt;p&gt;…``), ``byLine``, ``PublishDate``, ``Priority`` and ``format``.
"Flash" items (``format`` Flash) are one-line breaking news with no headline or subtitle.
Element names are matched without regard to case or namespace.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from summarizer.article import Article
from summarizer.text import clean
from summarizer.wire.html_page import html_to_paragraphs
from summarizer.wire.xmlsafe import child, local, text_of


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
        warnings.append("Ritzau flash: breaking one-liner with no headline or lead in the feed")
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
