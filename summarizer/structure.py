"""Find the real headline and lead in pasted wire copy.

(First version by the lead; the text helper owns and refines it.)
"""

from __future__ import annotations

from summarizer.article import Article
from summarizer.text import clean, paragraphs


def parse(text: str) -> Article:
    """Pasted copy → `Article` with headline/lead split off when the layout shows them."""
    paras = paragraphs(clean(text))
    if len(paras) >= 3 and not paras[1].rstrip().endswith((".", "!", "?")):
        return Article(lead=paras[0], headline=paras[1], body="\n\n".join(paras[2:]))
    return Article(body="\n\n".join(paras))
