"""Find the real headline and lead in pasted wire copy.

Two layouts are recognised at the top of the cleaned text (paragraphs are blank-line separated):

(a) Ritzau as pasted from the wire (``../shared/data/seed-wire-ritzau.txt``): the lead, then the
    headline, then the body. Taken when paragraph 1 is a lead (one to three sentences, at most 60 words,
    not a dash-led quote), paragraph 2 is a headline and shorter than the lead, and a body follows.
(b) Headline first: a headline, then the body. The paragraph after the headline becomes the lead only
    when it is shaped like a web standfirst: one sentence of 6-45 words *without* a closing full stop.
    A punctuated paragraph there cannot be told apart from a first body paragraph (on DaNewsroom every
    overlap rule we tried took more first body paragraphs than real leads), so it stays in the body,
    where the engines see it anyway. Putting body text into the lead would hide it from the engines.

A headline is one line of 2-15 words and at most 120 characters, one sentence, starting with a capital
letter, digit or quote mark, and not ending in a full stop, comma, colon or semicolon; a dash-led quote
("- Vi er klar") or a line that is all quote ("»Det er en god dag«") is never a headline. Anything else
is body. A text that is only a headline gives an `Article` with an empty body (`api.prepare` then raises
`EmptyInput`).
"""

from __future__ import annotations

import re
import unicodedata

from summarizer.article import Article
from summarizer.messages import message
from summarizer.text import clean, clean_report, looks_danish, paragraphs, split_sentences

HEADLINE_MAX_WORDS = 15
HEADLINE_MAX_CHARS = 120
LEAD_MAX_WORDS = 60
LEAD_MAX_SENTENCES = 3
STANDFIRST_WORDS = (6, 45)

# The warnings `parse` gives, as catalogue messages (Danish text that carries its code, `summarizer.messages`).
WARN_HTML = message("input.html_removed")
WARN_MOJIBAKE = message("input.mojibake")
WARN_NOT_DANISH = message("input.not_danish")

_DASH_QUOTE = ("- ", "– ", "— ", "-\u00a0")
_SENTENCE_END = (".", "!", "?", "…", '."', ".»", ".«", ".”", '!"', "!«", '?"', "?«", "?»", "?”", "!”")
_NO_HEADLINE_END = (".", ",", ":", ";")
_OPENING_QUOTES = "»«\"“„'‘"
_CLOSING_QUOTES = "«»\"”“'’"
#: "Af Julie Bach", "Af Jakob Ellemann-Jensen (V), miljøminister": a byline line near the top.
_BYLINE_RE = re.compile(r"(?:Af|AF|Skrevet af|Tekst:)\s+([A-ZÆØÅ][^\n]{0,100})")


def _word_count(text: str) -> int:
    return len(text.split())


def _is_dash_quote(paragraph: str) -> bool:
    return paragraph.startswith(_DASH_QUOTE) or paragraph in ("-", "–", "—")


def _starts_like_a_title(paragraph: str) -> bool:
    first = paragraph.lstrip(_OPENING_QUOTES)[:1]
    return first.isupper() or first.isdigit()


def is_headline(paragraph: str) -> bool:
    """Is this paragraph shaped like a Danish news headline?

    >>> is_headline("Biden og Putin er gået med til at mødes om Ukraine-konflikt")
    True
    >>> is_headline("Det oplyser Frankrigs præsidentpalads.")
    False
    """
    n = _word_count(paragraph)
    return (
        "\n" not in paragraph
        and 2 <= n <= HEADLINE_MAX_WORDS
        and len(paragraph) <= HEADLINE_MAX_CHARS
        and not paragraph.endswith(_NO_HEADLINE_END)
        and not _is_dash_quote(paragraph)
        and not _is_whole_quote(paragraph)
        and _starts_like_a_title(paragraph)
        and len(split_sentences(paragraph)) == 1
    )


def _is_whole_quote(paragraph: str) -> bool:
    """»Det er en god dag for Nordjylland«: a line that is all quote is body, not a headline."""
    return len(paragraph) > 1 and paragraph[0] in _OPENING_QUOTES and paragraph.rstrip(".!?,")[-1] in _CLOSING_QUOTES


def _is_lead_before_headline(paragraph: str, headline: str) -> bool:
    """Layout (a): is `paragraph`, standing above `headline`, the lead?"""
    n = _word_count(paragraph)
    if _is_dash_quote(paragraph) or not 5 <= n <= LEAD_MAX_WORDS or not _starts_like_a_title(paragraph):
        return False
    if not 1 <= len(split_sentences(paragraph)) <= LEAD_MAX_SENTENCES:
        return False
    if paragraph.endswith(_SENTENCE_END):
        return _word_count(headline) < n
    # Two unpunctuated lines (a web standfirst above its title): the headline is clearly the shorter one.
    return not paragraph.endswith(_NO_HEADLINE_END) and _word_count(headline) <= n - 3


def _is_standfirst(paragraph: str) -> bool:
    """Layout (b): a one-sentence standfirst without a closing full stop, right under the headline."""
    low, high = STANDFIRST_WORDS
    return (
        "\n" not in paragraph
        and low <= _word_count(paragraph) <= high
        and not paragraph.endswith(_SENTENCE_END + _NO_HEADLINE_END)
        and not _is_dash_quote(paragraph)
        and _starts_like_a_title(paragraph)
        and not paragraph.isupper()
        and len(split_sentences(paragraph)) == 1
    )


#: A byline is at most this long ("Af Martin Henriksen (DF) Integrationsordfører og formand for Folketingets
#: Udlændinge-, Integrations- og Boligudvalg" is 13 words).
BYLINE_WORDS = 16


def _take_byline(paras: list[str]) -> tuple[str | None, list[str]]:
    """A byline among the first three paragraphs → (the name, the paragraphs without it)."""
    for i, paragraph in enumerate(paras[:3]):
        match = _BYLINE_RE.fullmatch(paragraph)
        short = _word_count(paragraph) <= BYLINE_WORDS
        if match and short and not paragraph.endswith((".", "!", "?")) and len(paras) > 1:
            return match.group(1), [*paras[:i], *paras[i + 1 :]]
    return None, paras


def parse(text: str) -> Article:
    """Pasted copy → `Article` with headline, lead and byline split off when the layout shows them.

    >>> a = parse("Aarhus vil bruge 145 mio. kr. på cykelstier.\\n\\nCykelstier for millioner\\n\\nPlanen ...")
    >>> (a.lead, a.headline, a.body)
    ('Aarhus vil bruge 145 mio. kr. på cykelstier.', 'Cykelstier for millioner', 'Planen ...')
    """
    cleaned = clean_report(text)
    warnings: list[str] = []
    if cleaned.html_removed:
        warnings.append(WARN_HTML)
    if cleaned.mojibake_repaired:
        warnings.append(WARN_MOJIBAKE)
    if cleaned.text and not looks_danish(cleaned.text):
        warnings.append(WARN_NOT_DANISH)

    byline, paras = _take_byline(paragraphs(cleaned.text))
    headline: str | None = None
    lead: str | None = None
    if len(paras) >= 3 and is_headline(paras[1]) and _is_lead_before_headline(paras[0], paras[1]):
        lead, headline, paras = paras[0], paras[1], paras[2:]
    elif paras and is_headline(paras[0]):
        headline, paras = paras[0], paras[1:]
        if len(paras) >= 2 and _is_standfirst(paras[0]):
            lead, paras = paras[0], paras[1:]
    return Article(
        body="\n\n".join(paras),
        headline=headline,
        lead=lead,
        byline=byline,
        format="html" if cleaned.html_removed else "text",
        warnings=warnings,
    )


#: Letters and digits (no underscore), as eval's Unicode tokenizer counts words.
_WORD_RE = re.compile(r"[^\W_]+")
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
    lead_words = _WORD_RE.findall(unicodedata.normalize("NFC", lead).lower())
    if not lead_words:
        return body, False
    normal = unicodedata.normalize("NFC", body)
    end = None
    matches = _WORD_RE.finditer(normal)
    last = len(lead_words) - 1
    for position, expected in enumerate(lead_words):
        found = next(matches, None)
        word = found.group().lower() if found else None
        truncated = position == last and last >= 4 and word is not None and word.startswith(expected)
        if word != expected and not truncated:
            return body, False
        end = found.end()
    return normal[end:].lstrip(_AFTER_LEAD), True


def engine_body(text: str, lead: str | None) -> tuple[str, bool]:
    """A data set's body as an engine is given it, and whether its lead was cut off.

    Cleaned like any input (`text.clean`: ad-break lines, "Læs også:", glued sentences ...), without a
    byline near the top (as `parse` takes it), then without the lead when the body begins with it
    (`strip_lead`). The DaNewsroom reader, eval and the fitting scripts all use this one rule, so what is
    fitted and scored is what the desk runs.

    >>> engine_body("Ærø får ny færge.\\n\\nArtiklen fortsætter under annoncen\\n\\nDen sejler fra maj.", "Ny færge")
    ('Ærø får ny færge.\\n\\nDen sejler fra maj.', False)
    >>> engine_body("Ærø får ny færge.\\n\\nArtiklen fortsætter under annoncen\\n\\nDen sejler.", "Ærø får ny færge")
    ('Den sejler.', True)
    """
    body = clean(text)
    byline, paras = _take_byline(paragraphs(body))
    if byline:  # as `parse` takes it off pasted copy: "Af Julie Bach" is no sentence to summarise
        body = "\n\n".join(paras)
    return strip_lead(body, clean(lead)) if lead else (body, False)
