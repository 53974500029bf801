"""`Options`: what the caller asks of any engine (how many headlines, how long the lead).

Its own module, below the engines, so that the headline rules and the API can take it without
importing the engine layer.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Options:
    """What the caller asks for; the same for every engine."""

    n_headlines: int = 5
    max_summary_words: int = 35
    max_headline_chars: int = 70
