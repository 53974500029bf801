"""Plain text as pasted or filed: the seed layout (lead line, headline line, body) and headline first.

The layout is recognised by `summarizer.structure.parse`, shared with the web desk and the CLI.
"""

from __future__ import annotations

from summarizer.article import Article
from summarizer.structure import parse


def read(text: str, *, name: str | None = None) -> Article:
    """Plain text → `Article` (format ``"text"``); the id is left to the caller (the file's location)."""
    article = parse(text)
    article.format = "text"
    return article
