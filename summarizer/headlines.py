"""Headline candidates, Danish headline style, ranking and the near-copy bound.

(First version by the lead; the extractive helper owns and refines it.)
"""

from __future__ import annotations

from summarizer.article import Article
from summarizer.engines.base import Options


def finalise(candidates: list[str], article: Article, options: Options) -> list[str]:
    """Apply the style rules and the character limit; drop near-copies; keep the order."""
    out: list[str] = []
    for c in candidates:
        c = c.strip().rstrip(".")
        if c and len(c) <= options.max_headline_chars and c not in out:
            out.append(c)
    return out[: options.n_headlines]
