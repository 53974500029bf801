"""Danish text basics: cleaning wire copy, splitting sentences, word tokens.

(First version by the lead; the text helper owns and refines it.)
"""

from __future__ import annotations

import re
import unicodedata

WORD_RE = re.compile(r"\w+", re.UNICODE)


def clean(text: str) -> str:
    """Wire copy → plain paragraphs separated by blank lines."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r"\n\s*\n+", "\n\n", text)
    return text.strip()


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def split_sentences(text: str) -> list[str]:
    """Split Danish text into sentences."""
    out: list[str] = []
    for para in paragraphs(text):
        out.extend(s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅ\-»\"])", para) if s.strip())
    return out


def words(text: str) -> list[str]:
    """Unicode word tokens, case kept: ``words("Søren købte æbler")`` → ``["Søren", "købte", "æbler"]``."""
    return WORD_RE.findall(text)
