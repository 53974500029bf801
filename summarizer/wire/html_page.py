"""Simple HTML pages (a saved article page, or the escaped HTML body of a Ritzau item) → text.

Headline: the first ``<h1>`` (else ``<title>``). Lead: a paragraph marked as one
(class ``lead``, ``manchet``, ``summary``, ``standfirst``, ``intro``), else the meta description.
Body: the paragraphs of ``<article>`` (else of ``<body>``), without navigation, scripts, asides,
figures and footers. Parsed with the standard library's forgiving `html.parser`: no DTDs, no entities
to expand, nothing fetched.
"""

from __future__ import annotations

from html.parser import HTMLParser

from summarizer.article import Article
from summarizer.text import clean, html_to_text, paragraphs

_SKIP = {
    "script",
    "style",
    "noscript",
    "nav",
    "aside",
    "footer",
    "form",
    "figure",
    "figcaption",
    "template",
    "svg",
    "iframe",
    "button",
    "select",
}
_BLOCKS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "br",
    "tr",
    "section",
    "article",
    "header",
    "main",
    "ul",
    "ol",
    "table",
    "pre",
    "dd",
    "dt",
    "hr",
    "title",
    "body",
}
_VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr"}
# Block tags that end an open paragraph (HTML's implied </p>), so unclosed <p>s do not nest.
_CLOSES_P = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "table",
    "blockquote",
    "section",
    "article",
    "header",
    "main",
    "pre",
    "hr",
}
#: Beyond this many unmatched "<", html.parser turns quadratic: such input is read by the linear reader instead.
_MAX_UNMATCHED_LT = 500
_LEAD_CLASSES = {"lead", "manchet", "summary", "standfirst", "intro", "subtitle", "article-lead"}
_BYLINE_CLASSES = {"byline", "author", "article-byline"}


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.skip_depth = 0
        self.role: list[str | None] = []  # "h1" | "lead" | "byline" | None, per open element
        self.current: list[str] = []
        self.blocks: list[tuple[str, str, bool]] = []  # (role, text, inside <article>)
        self.title = ""
        self.in_title = False
        self.article_depth = 0
        self.meta: dict[str, str] = {}
        self.time_datetime: str | None = None
        self.canonical: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        if tag == "meta":
            key = (attributes.get("name") or attributes.get("property") or "").lower()
            if key and "content" in attributes:
                self.meta.setdefault(key, attributes["content"])
            return
        if tag == "link" and "canonical" in attributes.get("rel", "").lower():
            self.canonical = attributes.get("href") or None
            return
        if tag == "time" and self.time_datetime is None and attributes.get("datetime"):
            self.time_datetime = attributes["datetime"]
        if tag in _VOID:
            if tag in ("br", "hr"):
                self._flush()
            return
        if tag in _SKIP:
            self.skip_depth += 1
        if tag in _BLOCKS:
            self._flush()
            if tag in _CLOSES_P and "p" in self.stack[-3:]:
                self.handle_endtag("p")  # as browsers do: a new block closes an open <p>
        if tag == "article":
            self.article_depth += 1
        if tag == "title":
            self.in_title = True
        classes = set(attributes.get("class", "").lower().split())
        role = None
        if tag == "h1":
            role = "h1"
        elif classes & _LEAD_CLASSES:
            role = "lead"
        elif classes & _BYLINE_CLASSES or attributes.get("rel") == "author":
            role = "byline"
        self.stack.append(tag)
        self.role.append(role)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or tag not in self.stack:
            return
        # Close up to the matching tag (HTML in the wild leaves some unclosed).
        while self.stack:
            open_tag = self.stack[-1]
            if open_tag in _BLOCKS or open_tag == tag:
                self._flush()  # before popping, so the text keeps this element's role
            self.stack.pop()
            self.role.pop()
            if open_tag in _SKIP:
                self.skip_depth -= 1
            if open_tag == "article":
                self.article_depth -= 1
            if open_tag == "title":
                self.in_title = False
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
            return
        if self.skip_depth == 0:
            self.current.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        self.current = []
        if not text:
            return
        role = next((r for r in reversed(self.role) if r), None)
        self.blocks.append((role or "", text, self.article_depth > 0))

    def close(self) -> None:
        super().close()
        self._flush()


def _badly_broken(markup: str) -> bool:
    return markup.count("<") - markup.count(">") > _MAX_UNMATCHED_LT


def html_to_paragraphs(markup: str) -> list[str]:
    """The text of an HTML fragment, one string per block (paragraph, heading, list item)."""
    if _badly_broken(markup):
        return paragraphs(html_to_text(markup))
    parser = _PageParser()
    parser.feed(markup)
    parser.close()
    return [text for _, text, _ in parser.blocks]


def read(text: str, *, name: str | None = None) -> Article:
    """An HTML page → `Article` (format ``"html"``)."""
    if _badly_broken(text):
        return Article(
            body=clean(html_to_text(text)),
            format="html",
            warnings=["the HTML is badly broken (unclosed tags): read as plain text"],
        )
    parser = _PageParser()
    parser.feed(text)
    parser.close()
    blocks = parser.blocks
    if any(inside for _, _, inside in blocks):
        blocks = [block for block in blocks if block[2] or block[0] == "h1"]
    headline = next((t for role, t, _ in blocks if role == "h1"), None) or " ".join(parser.title.split()) or None
    lead = next((t for role, t, _ in blocks if role == "lead"), None)
    if lead is None:
        lead = parser.meta.get("description") or parser.meta.get("og:description") or None
    byline = next((t for role, t, _ in blocks if role == "byline"), None) or parser.meta.get("author") or None
    body = [t for role, t, _ in blocks if role == "" and t != headline and t != lead]
    return Article(
        body=clean("\n\n".join(body)),
        headline=clean(headline) if headline else None,
        lead=clean(lead) if lead else None,
        id=parser.canonical or parser.meta.get("og:url") or None,
        byline=byline,
        source=parser.meta.get("og:site_name") or None,
        published=parser.meta.get("article:published_time") or parser.time_datetime,
        format="html",
    )
