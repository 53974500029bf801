"""Headlines in Danish newsroom style, one module per family of rules.

    grammar      is it a clause, does it point back, is it shouting (rough Danish tests the rules share)
    cuts         where a cut may fall: never on a preposition, an article, an auxiliary, mid-phrase
    word_order   the actor first, the main clause first, no opening time adverbial
    shorten      what a headline does without: roles before names, filler adverbs, party letters
    quotes       "Navn: citat", dash-led quotes, quote marks that open and close
    compress     a body sentence in headline shape: the rules above, in order
    near_copies  when two alternatives say the same
    ranking      `finalise`: the gate every engine's candidates pass (tidy, rank, drop near-copies, top up)

The word lists several modules share (prepositions, auxiliaries, verbs of saying ...) are in
`summarizer.danish`. Nothing here imports the engines: the engines import this.

>>> compress("- Vi er altid klar til diplomati, siger Blinken.", 70)
'- Vi er altid klar til diplomati'
>>> quote_headline("- Vi er altid klar til diplomati, siger Blinken.")
'Blinken: Vi er altid klar til diplomati'
"""

from __future__ import annotations

from summarizer.headlines.compress import compress, compress_how, drop_attribution, first_clause
from summarizer.headlines.cuts import AT_PHRASE, AT_WORD, WHOLE, cut_to, strip_dangling
from summarizer.headlines.grammar import (
    MIN_HEADLINE_WORDS,
    has_verb,
    is_anaphoric,
    is_attribution_only,
    is_shouting,
    opens_subordinate_clause,
)
from summarizer.headlines.near_copies import NEAR_COPY_JACCARD, content_tokens, is_near_copy, jaccard
from summarizer.headlines.quotes import (
    balance_quotes,
    guillemet_headline,
    quote_headline,
    quote_headlines,
    quote_sentences,
)
from summarizer.headlines.ranking import candidates_from_sentences, finalise
from summarizer.headlines.shorten import shorten

__all__ = [
    "AT_PHRASE",
    "AT_WORD",
    "MIN_HEADLINE_WORDS",
    "NEAR_COPY_JACCARD",
    "WHOLE",
    "balance_quotes",
    "candidates_from_sentences",
    "compress",
    "compress_how",
    "content_tokens",
    "cut_to",
    "drop_attribution",
    "finalise",
    "first_clause",
    "guillemet_headline",
    "has_verb",
    "is_anaphoric",
    "is_attribution_only",
    "is_near_copy",
    "is_shouting",
    "jaccard",
    "opens_subordinate_clause",
    "quote_headline",
    "quote_headlines",
    "quote_sentences",
    "shorten",
    "strip_dangling",
]
