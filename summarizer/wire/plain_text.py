"""Plain text as pasted or filed: the seed layout (lead line, headline line, body) and headline first.

The layout is recognised by `summarizer.structure.parse`, shared with the web desk and the CLI.
When it finds neither headline nor lead, a short first paragraph without final
punctuation, followed by at least two paragraphs, is taken as the headline here.
"""

from __future__ import annotations

from summarizer.article import Article
from summarizer.structure import parse

_MAX_HEADLINE_CHARS = 120
# A headline may end in an amount ("... til 210 mio. kr."): these final dots are not full stops.
_ABBREVIATION_ENDINGS = (" kr.", " mio.", " mia.", " pct.", " mio. kr.", " mia. kr.")


def read(text: str, *, name: str | None = None) -> Article:
    """Plain text → `Article` (format ``"text"``); the id is left to the caller (the file's location).

    >>> read("Ny bro over Limfjorden\\n\\nBroen skal stå klar i 2031.\\n\\nDen koster 4,2 mia. kr.").headline
    'Ny bro over Limfjorden'
    """
    article = parse(text)
    article.format = "text"
    if article.headline is None and article.lead is None:
        paragraphs = article.body.split("\n\n")
        first = paragraphs[0].strip()
        if (
            len(paragraphs) >= 3
            and "\n" not in first
            and len(first) <= _MAX_HEADLINE_CHARS
            and (not first.endswith((".", "!", "?", ":", ";", ",")) or first.endswith(_ABBREVIATION_ENDINGS))
            and not first.startswith(("-", "–"))  # a dash-led quote is body text
        ):
            article.headline = first
            article.body = "\n\n".join(paragraphs[1:])
    return article
