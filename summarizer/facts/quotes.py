"""Quotes in Danish copy: words inside quote marks (»…«, "…", “…”, „…“, ‚…‘, 'single'), or after a dash that opens one.

`extract_quotes` finds their spans; `summarizer.facts` cuts each into sentences (`_quote_pieces`) and looks for
their words (`_joined_words`) in the source.
"""

from __future__ import annotations

import bisect
import re

from summarizer.danish import SAYING
from summarizer.text import WORD_RE as _WORD_RE

#: Each quote mark and the marks that close a quote it opens (»…« is the Danish form).
_QUOTE_CLOSERS = {"»": "«", "«": "»", "„": '“”"', "“": '”“"', "”": "”", '"': '"', "‚": "‘’"}
_ATTRIBUTION_RE = re.compile(rf",\s*{SAYING}\b", re.IGNORECASE)
_DASH_QUOTE_RE = re.compile(r"(?:^|(?<=[\n.!?:]))[ \t]*[-–—][ \t]+(?=\S)")
#: 'Single quotes' and ‘these’, told apart from apostrophes ("USA's", "Reus' mål", "Ta' toget"): the opening
#: mark follows a space or the paragraph start and a word follows it; the closing one ends a word. Found apart
#: and paired by position: one pattern for the pair rescans the paragraph from every unclosed mark (quadratic).
_SINGLE_OPEN_RE = re.compile(r"(?<![^\s(\[:»\"“–—-])['‘](?=\w)")
_SINGLE_CLOSE_RE = re.compile(r"(?<=\S)['’](?!\w)")
#: Sentence ends inside a quote, also before a closing bracket or mark: "red.) Det", "klar.« Men".
_PIECE_SPLIT_RE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][)\]»«\"”’']))\s+")
_EDGE_PUNCT = " \t\n\r.,;:!?…-–—»«\"“”„‚‘’'()"


def extract_quotes(text: str) -> list[tuple[int, int]]:
    """Spans of quoted words in `text`: inside quote marks, or after a dash that opens a quote.

    A mark opens a quote when a word follows it and space (or the paragraph start) precedes it; »
    always opens. 'Single quotes' count too, apostrophes ("USA's", "Reus' mål") do not. A quote opened
    and not closed runs to the end of its paragraph; a closing mark with no opening one before it (a
    trimmed extract) closes a quote that began at the paragraph start. A dash-led quote ends at its
    attribution (", siger hun") or at the end of its paragraph.

    >>> t = "- Vi er klar, siger Biden. Han kalder det »en god aftale«."
    >>> [t[a:b] for a, b in extract_quotes(t)]
    ['Vi er klar', 'en god aftale']
    """
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        p0, ptext = para.start(), para.group()
        covered: list[tuple[int, int]] = []
        i, n, seen = 0, len(ptext), False
        while i < n:
            ch = ptext[i]
            closers = _QUOTE_CLOSERS.get(ch)
            if closers is None:
                i += 1
                continue
            prev = ptext[i - 1] if i else " "
            nxt = ptext[i + 1] if i + 1 < n else " "
            opens = ch == "»" or ((prev.isspace() or prev in "([-–—:") and not nxt.isspace())
            if not opens:
                if not seen:  # the quote began before the extract did
                    covered.append((0, i))
                seen = True
                i += 1
                continue
            seen = True
            j = i + 1
            while j < n and ptext[j] not in closers:
                j += 1
            covered.append((i + 1, j))
            i = j + 1
        marks = _Covered(covered)  # sorted and apart, as the loop above found them
        # Earlier single quotes end before the next one opens, so only the marked quotes can hold an opening.
        covered += [q for q in _single_quotes(ptext) if not marks.holds(q[0] - 1)]
        if "-" in ptext or "–" in ptext or "—" in ptext:
            covered += _dash_quotes(ptext, _Covered(sorted(covered)))
        spans.extend((p0 + a, p0 + b) for a, b in covered)
    return sorted(spans)


class _Covered:
    """Spans sorted by start (they may overlap), asked whether a position lies in one, in O(log n) each."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [a for a, _ in spans]
        self.reach: list[int] = []  # the furthest end among the spans up to each one
        for _, b in spans:
            self.reach.append(max(b, self.reach[-1]) if self.reach else b)

    def holds(self, pos: int) -> bool:
        k = bisect.bisect_right(self.starts, pos)
        return k > 0 and self.reach[k - 1] > pos


def _single_quotes(ptext: str) -> list[tuple[int, int]]:
    """The words inside 'single quotes': each opening mark paired with the first closing mark after its word."""
    closes = [m.start() for m in _SINGLE_CLOSE_RE.finditer(ptext)]
    out: list[tuple[int, int]] = []
    resume = 0
    for m in _SINGLE_OPEN_RE.finditer(ptext):
        if m.start() < resume:
            continue  # inside the quote just found
        k = bisect.bisect_left(closes, m.start() + 2)
        if k == len(closes):
            break  # no closing mark after this one, so none after a later one either
        out.append((m.start() + 1, closes[k]))
        resume = closes[k] + 1
    return out


def _dash_quotes(ptext: str, marked: _Covered) -> list[tuple[int, int]]:
    """Dash-led quotes of one paragraph not inside a quote found already: to the attribution or the end."""
    out: list[tuple[int, int]] = []
    reach = 0  # the end of the furthest dash quote so far: every later dash starts after its start
    att: re.Match[str] | None = None
    searched = False
    word_starts: list[int] = []
    word_ends: list[int] = []
    for m in _WORD_RE.finditer(ptext):
        word_starts.append(m.start())
        word_ends.append(m.end())
    for m in _DASH_QUOTE_RE.finditer(ptext):
        start = m.end()
        if ptext[start].islower() or start < reach or marked.holds(start):
            continue  # "- men han fik ..." goes on a sentence; a quote starts with a capital
        # One search serves every dash before the attribution it found (each would rescan to the same place).
        if not searched or (att is not None and att.start() < start):
            att, searched = _ATTRIBUTION_RE.search(ptext, start), True
        end = att.start() if att else len(ptext)
        # The words touching [start, end), counted by position: a rescan per dash is quadratic.
        if bisect.bisect_left(word_starts, end) - bisect.bisect_right(word_ends, start) < 2:
            continue  # "- Krimi": a section tag, not a quote
        out.append((start, end))
        reach = max(reach, end)
    return out


def _quote_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A quote cut into sentences, each with surrounding punctuation and space trimmed off."""
    cuts = [(m.start(), m.end()) for m in _PIECE_SPLIT_RE.finditer(text, start, end)]
    bounds = zip([start] + [e for _, e in cuts], [s for s, _ in cuts] + [end], strict=True)
    pieces = []
    for a, b in bounds:
        while a < b and text[a] in _EDGE_PUNCT:
            a += 1
        while b > a and text[b - 1] in _EDGE_PUNCT:
            b -= 1
        if a < b:
            pieces.append((a, b))
    return pieces


def _joined_words(text: str) -> str:
    return " " + " ".join(w.casefold() for w in _WORD_RE.findall(text)) + " "
