r"""HTML in pasted copy: tags, entities and comments out, block elements as paragraph breaks.

A small linear tokenizer rather than `html.parser`, so a broken 5 MB page comes back in bounded time.

>>> html_to_text("<p>Skolen lukker.</p><p>Det oplyser kommunen &amp; skolen.</p>")
'Skolen lukker.\n\nDet oplyser kommunen & skolen.'
"""

from __future__ import annotations

import html
import re

from summarizer.danish import wordset
from summarizer.text.sentences import paragraphs
from summarizer.text.tokenize import WORD_RE

# Known HTML tag names: "a < b" or "<3" in plain text must not switch on the HTML reader.
_HTML_TAG_RE = re.compile(r"<(?:/?([a-zA-Z][a-zA-Z0-9]{0,10})(?=[\s/>])|!--|![dD][oO][cC][tT][yY][pP][eE])")
_HTML_NAMES = wordset(
    "html head body p div span br hr a b i u em strong h1 h2 h3 h4 h5 h6 ul ol li table tr td th img meta link "
    "script style article section header footer nav main aside figure figcaption blockquote pre code title iframe "
    "form input button noscript svg sup sub small time label dl dt dd font center"
)
_ENTITY_RE = re.compile(r"&(?:[a-zA-Z]{2,10}|#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6});")
_SPACES_RE = re.compile(r"\s+")
_BLOCK_TAGS = wordset(
    "address article aside blockquote body dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr "
    "html li main nav ol p pre section table tbody thead tfoot tr ul title caption"
)
#: Page furniture around the article, dropped when something is left after dropping it.
_FURNITURE_TAGS = wordset("nav footer aside form menu")
#: One tag, start or end, attributes bounded so a stray "<" costs at most the distance to the next "<" or ">".
_TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]{0,30})(?=[\s/>])[^<>]{0,4000}>|<[!?][^<>]{0,4000}>")
#: Tags whose content is raw text up to their end tag (script code can hold "<" and "</div>").
_RAW_TAGS = frozenset({"script", "style", "head", "template", "noscript", "svg", "iframe", "object", "textarea"})


def _drop_comments(text: str) -> str:
    # str.find, not a regex: an unclosed "<!--" must not make the work quadratic.
    parts: list[str] = []
    i = 0
    while (j := text.find("<!--", i)) >= 0:
        parts.append(text[i:j])
        k = text.find("-->", j + 4)
        if k < 0:
            return "".join(parts)
        i = k + 3
    parts.append(text[i:])
    return "".join(parts)


def _html_to_text(page: str) -> tuple[str, int]:
    """HTML → text with paragraph breaks at block tags; returns (text, number of tags removed).

    A small linear tokenizer rather than `html.parser.HTMLParser`, which is quadratic on some broken
    input ("<p " repeated takes minutes on 50 kB). Text inside <article> is preferred when there is one;
    page furniture (nav, footer, aside, form) is dropped when that leaves any text.
    """
    page = _drop_comments(page)
    lower = page.lower()
    everything: list[str] = []
    content: list[str] = []
    in_article: list[str] = []
    furniture = article = tags = 0
    saw_article = False
    unclosed: set[str] = set()
    pos = 0

    def emit(piece: str) -> None:
        everything.append(piece)
        if not furniture:
            content.append(piece)
            if article:
                in_article.append(piece)

    while (match := _TAG_RE.search(page, pos)) is not None:
        if match.start() > pos:
            emit(_SPACES_RE.sub(" ", html.unescape(page[pos : match.start()])))
        pos = match.end()
        tags += 1
        name = (match.group(2) or "").lower()
        closing = match.group(1) == "/"
        if not name:  # <!DOCTYPE …>, <?xml …?>
            continue
        if name in _RAW_TAGS and not closing and not match.group().endswith("/>") and name not in unclosed:
            end = lower.find(f"</{name}", pos)
            if name == "head":
                body = lower.find("<body", pos)
                end = body if body >= 0 and (end < 0 or body < end) else end
            if end < 0:  # never closed: read on as text, and do not look again (that would be quadratic)
                unclosed.add(name)
                continue
            pos = lower.find(">", end)
            pos = len(page) if pos < 0 else pos + 1
            continue
        if name in _FURNITURE_TAGS:
            furniture = max(0, furniture + (-1 if closing else 1))
        elif name == "article":
            article = max(0, article + (-1 if closing else 1))
            saw_article = True
        if name == "br":
            emit("\n")
        elif name in _BLOCK_TAGS or name in ("article", "td", "th"):
            emit("\n\n")
    if pos < len(page):
        emit(_SPACES_RE.sub(" ", html.unescape(page[pos:])))
    for parts in (in_article if saw_article else [], content, everything):
        joined = "".join(parts)
        if WORD_RE.search(joined):
            return joined, tags
    return "", tags


def html_to_text(markup: str) -> str:
    """HTML → plain text, one blank line between blocks; linear even on broken markup.

    >>> html_to_text("<p>Ærø får ny <b>færge</b>.</p><p>Det koster 2 mia. kr.</p>")
    'Ærø får ny færge.\\n\\nDet koster 2 mia. kr.'
    """
    return "\n\n".join(paragraphs(_html_to_text(markup)[0]))


def _looks_like_html(text: str) -> bool:
    if "<" not in text:
        return False
    for seen, match in enumerate(_HTML_TAG_RE.finditer(text)):
        if match.group(1) is None or match.group(1).lower() in _HTML_NAMES:
            return True
        if seen > 1000:  # a thousand unknown <tags> is not an HTML page; stop looking
            return False
    return False


def strip_html(text: str) -> tuple[str, bool]:
    """Return (text, whether HTML tags were removed)."""
    if _looks_like_html(text):
        stripped, tags = _html_to_text(text)
        if tags:
            return stripped, True
    if "&" in text and _ENTITY_RE.search(text):
        text = html.unescape(text)
    return text, False
