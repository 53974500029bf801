"""A sentence made shorter at a clause boundary, so that it is still a whole sentence: leads are never cut with "…".

When the sentence that carries the news is over the lead's word budget, the clause that ends it can often go
without changing the claim: a relative clause (", der …", ", som …"), a clause that adds ("…, og …", "…, mens …"),
an apposition at the end. `fit_sentence` tries those cuts from the right, keeps the longest head within the budget
and closes it with a full stop. A quote is never cut: what a source said stays whole.

>>> fit_sentence("Byrådet i Vejle vedtog i går budgettet, som giver flere penge til skolerne og ældreplejen.", 10)
'Byrådet i Vejle vedtog i går budgettet.'
>>> fit_sentence("- Vi er klar til at forhandle om alt, også om skatten, siger borgmesteren.", 6) is None
True
"""

from __future__ import annotations

import re

from summarizer.danish import SAYING_VERBS, wordset
from summarizer.text import words
from summarizer.trim import is_quote

#: Words after a comma that open a clause a sentence can end without ("Byrådet vedtog budgettet, som …").
CLAUSE_OPENERS = wordset("der som hvor hvilket mens men og samt så da når efter fordi idet selvom skønt hvis end for")
#: The start of a cut: a comma or a dash between clauses, and the word after it.
BOUNDARY = re.compile(
    r"(?:,\s+|\s+[-–]\s+|\s+(?=(?:men|for at|efter at|mens|og (?:han|hun|de|det|der|den|vi|man|nu|så))\s))"
    r"(?P<word>[\wæøåÆØÅ]+)"
)
#: A head shorter than this is no lead ("Han sagde.").
MIN_WORDS = 5


def fit_sentence(sentence: str, budget: int) -> str | None:
    """`sentence` within `budget` words as a whole sentence, or None when no clause cut gives one."""
    sentence = " ".join(sentence.split())
    if len(words(sentence)) <= budget:
        return sentence
    if is_quote(sentence) or any(w.lower() in SAYING_VERBS for w in words(sentence)):
        return None  # a quote or a report of what someone said: cutting it changes what was said
    best = None
    for m in BOUNDARY.finditer(sentence):
        if m.group("word").lower() not in CLAUSE_OPENERS:
            continue
        head = sentence[: m.start()].rstrip(" ,;:-–")
        n = len(words(head))
        if n > budget:
            break
        if n >= MIN_WORDS and head.count("(") == head.count(")"):
            best = head
    if best is None:
        return None
    return best + ("" if best.endswith((".", "!", "?")) else ".")
