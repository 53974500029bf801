"""Danish text basics: cleaning wire copy, splitting sentences, word tokens.

    characters   mojibake, invisible and control characters
    markup       HTML tags, entities and comments
    boilerplate  ad breaks, "Læs også", datelines, credits, agency tags, paywalls, glued text: line by line
    cleaning     `clean`: the steps above in order, lines joined back into paragraphs
    sentences    `paragraphs` and `split_sentences` (Danish abbreviations, quotes)
    tokenize     `words` and `tokens`
    language     `looks_danish`

The Danish word lists other modules share are in `summarizer.danish`. Everything here is linear
in the input (line-by-line work, regular expressions only on short lines or bounded tails), so a
5 MB paste comes back in bounded time.

>>> split_sentences("Planen koster ca. 145 mio. kr. Det siger rådmanden kl. 13.11.")
['Planen koster ca. 145 mio. kr.', 'Det siger rådmanden kl. 13.11.']
"""

from __future__ import annotations

from summarizer.text.cleaning import Cleaned, clean, clean_report
from summarizer.text.language import looks_danish
from summarizer.text.markup import html_to_text
from summarizer.text.sentences import MAX_QUOTE_CHARS, MAX_SENTENCE_WORDS, paragraphs, split_sentences
from summarizer.text.tokenize import WORD_RE, tokens, words

__all__ = [
    "MAX_QUOTE_CHARS",
    "MAX_SENTENCE_WORDS",
    "WORD_RE",
    "Cleaned",
    "clean",
    "clean_report",
    "html_to_text",
    "looks_danish",
    "paragraphs",
    "split_sentences",
    "tokens",
    "words",
]
