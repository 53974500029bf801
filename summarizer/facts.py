"""Fact flags: numbers, names and quotes in the output that the source does not support.

(Placeholder by the lead; the facts helper owns it.)
"""

from __future__ import annotations

from summarizer.summary import Flag


def check(output: str, source: str, where: str = "summary") -> list[Flag]:
    """Every unsupported number, name or quote in `output`, as a `Flag`."""
    return []
