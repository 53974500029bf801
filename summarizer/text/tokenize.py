"""Word tokens: the one definition of a word that cleaning, engines, facts and eval share.

>>> words("Ærø og Århus får 2,5 mio. kr.")
['Ærø', 'og', 'Århus', 'får', '2', '5', 'mio', 'kr']
"""

from __future__ import annotations

import re

WORD_RE = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """Unicode word tokens, case kept: ``words("Søren købte æbler")`` → ``["Søren", "købte", "æbler"]``."""
    return WORD_RE.findall(text)


def tokens(text: str) -> list[str]:
    """Lower-cased Unicode word tokens: ``tokens("Ærø og Århus")`` → ``["ærø", "og", "århus"]``."""
    return WORD_RE.findall(text.lower())
