"""IPTC NewsML-G2: a ``newsItem`` (or a ``newsMessage`` carrying several) with text content.

Headline ``contentMeta/headline``; lead ``contentMeta/description`` with a summary role
(``drol:summary``; a description without role is the fallback); byline ``contentMeta/by``;
id the item's ``guid``; published ``itemMeta/versionCreated`` (else ``contentMeta/contentCreated``).
The body is in ``contentSet/inlineXML``: an NITF document or an XHTML page, each in its own
namespace (elements are matched by local name); ``inlineData`` plain text is read too.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from summarizer.article import Article
from summarizer.text import clean
from summarizer.wire import nitf
from summarizer.wire.html_page import html_to_paragraphs
from summarizer.wire.xmlsafe import child, children, descendants, local, text_of


def read_items(root: ET.Element, *, name: str | None = None) -> list[Article]:
    """A ``newsItem`` → one `Article`; a ``newsMessage`` → one per text ``newsItem`` (format ``"newsml-g2"``)."""
    if local(root.tag).lower() == "newsitem":
        return [read(root, name=name)]
    return [read(item, name=name) for item in descendants(root, "newsItem")]


def read(item: ET.Element, *, name: str | None = None) -> Article:
    meta = child(item, "contentMeta")
    headline = text_of(next(children(meta, "headline"), None)) if meta is not None else ""
    lead = _summary(meta) if meta is not None else ""
    byline = text_of(child(meta, "by")) if meta is not None else ""
    published = text_of(child(item, "itemMeta", "versionCreated")) or text_of(child(meta, "contentCreated"))
    body, nitf_article = _body(item)
    if nitf_article is not None:  # headline/lead inside the NITF fill gaps in contentMeta
        headline = headline or nitf_article.headline or ""
        lead = lead or nitf_article.lead or ""
        byline = byline or nitf_article.byline or ""
    provider = child(item, "itemMeta", "provider")
    source = (provider.get("literal") or provider.get("qcode")) if provider is not None else None
    return Article(
        body=clean(body),
        headline=clean(headline) or None,
        lead=clean(lead) or None,
        id=item.get("guid") or None,
        byline=byline or None,
        source=source or None,
        published=published or None,
        format="newsml-g2",
    )


def _summary(meta: ET.Element) -> str:
    descriptions = list(children(meta, "description"))
    for description in descriptions:
        if (description.get("role") or "").lower().endswith("summary"):
            return text_of(description)
    for description in descriptions:
        if not description.get("role"):
            return text_of(description)
    return ""


def _body(item: ET.Element) -> tuple[str, Article | None]:
    content_set = child(item, "contentSet")
    if content_set is None:
        return "", None
    for inline in children(content_set, "inlineXML"):
        for node in inline:
            kind = local(node.tag).lower()
            if kind == "nitf":
                article = nitf.read(node)
                return article.body, article
            if kind in ("html", "body", "div", "article"):
                for element in node.iter():
                    element.tag = local(element.tag)
                markup = ET.tostring(node, encoding="unicode")
                return "\n\n".join(html_to_paragraphs(markup)), None  # <title> is never body text
    for inline in children(content_set, "inlineData"):
        return inline.text or "", None
    return "", None
