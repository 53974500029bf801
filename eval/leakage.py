"""The leakage guard: engines must not be handed the answer.

Engines only ever get the body. Many DaNewsroom bodies begin with the lead itself; scoring a
summary against a lead it was given verbatim would measure copying, so the lead is cut off
the front of the body first (and the runner reports how often).
"""

from __future__ import annotations

import unicodedata

from eval.tokenizers import UNICODE_WORD_RE

_AFTER_LEAD = " \t\r\n.!?:;,-–—»«\"'”“"


def strip_lead(body: str, lead: str) -> tuple[str, bool]:
    """`body` without a leading copy of `lead`, and whether one was cut.

    Compared word by word (case, spacing and punctuation aside), so a lead that differs from
    the body's first paragraph only in line breaks or quotes still counts as copied; so does a
    lead of five or more words cut off mid-word ("... fjerne det fra sorti").

    >>> strip_lead("Ærø får ny færge. Den sejler fra maj.", "Ærø får ny færge")
    ('Den sejler fra maj.', True)
    >>> strip_lead("Den sejler fra maj.", "Ærø får ny færge")
    ('Den sejler fra maj.', False)
    """
    lead_words = UNICODE_WORD_RE.findall(unicodedata.normalize("NFC", lead).lower())
    if not lead_words:
        return body, False
    normal = unicodedata.normalize("NFC", body)
    end = None
    matches = UNICODE_WORD_RE.finditer(normal)
    last = len(lead_words) - 1
    for position, expected in enumerate(lead_words):
        found = next(matches, None)
        word = found.group().lower() if found else None
        truncated = position == last and last >= 4 and word is not None and word.startswith(expected)
        if word != expected and not truncated:
            return body, False
        end = found.end()
    return normal[end:].lstrip(_AFTER_LEAD), True
