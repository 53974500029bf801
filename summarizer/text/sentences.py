"""Paragraphs and Danish sentences: abbreviations ("bl.a.", "kl. 13.11", "24. februar"), quotes and
dash-led quotes kept whole.

>>> split_sentences("Planen koster ca. 145 mio. kr. Det siger rådmanden kl. 13.11.")
['Planen koster ca. 145 mio. kr.', 'Det siger rådmanden kl. 13.11.']
"""

from __future__ import annotations

import bisect
import re

from summarizer.danish import wordset


def paragraphs(text: str) -> list[str]:
    """Blocks of text separated by blank lines, stripped; lines inside a block are kept."""
    out: list[str] = []
    current: list[str] = []
    for line in text.splitlines():
        if line.strip():
            current.append(line.strip())
        elif current:
            out.append("\n".join(current))
            current = []
    if current:
        out.append("\n".join(current))
    return out


#: Abbreviations that come before what they belong to ("ca. 200", "kl. 13.11", "dr. Jensen", "bl.a. Aarhus"):
#: a sentence never ends after them.
PREFIX_ABBREVIATIONS = wordset(
    """
    adm. afd. alm. ang. anm. art. bd. bl.a. ca. cand. cf. d. d.d. d.s. d.v.s. dr. dvs. e. ekskl. el. evt. f. f.eks.
    f.o.m. fhv. fr. fx. gl. chr. th. hhv. hr. i.e. iflg. ifm. ift. inkl. jf. jvf. kap. kl. kgl. lekt. mag. maks.
    max. mht. mr. mrs. ms. ndr. nr. obs. p.g.a. pga. pkt. prof. resp. s. sct. sdr. skt. sml. st. stud. t. t.o.m. tlf. u.
    vedr. vha. vs. ø. øv.
    """
)
#: Abbreviations that often close a sentence ("… 145 mio. kr. Det …", "… osv. Men …"): a sentence ends
#: after them when the next word is a capitalised Danish function word (see `SENTENCE_STARTERS`), or a
#: quote or dash-led quote begins.
CLOSING_ABBREVIATIONS = wordset(
    """
    kr. pct. mio. mia. mill. osv. o.s.v. mv. m.v. m.m. m.fl. mfl. etc. o.l. e.l. lign. o.a. km. mdr. stk. årh.
    jan. feb. febr. mar. apr. jun. aug. sep. sept. okt. nov. dec. red. inc. ltd. co. corp. jr. sr. ph.d.
    """
)
#: Capitalised words that begin Danish sentences and never continue a name or a unit.
SENTENCE_STARTERS = wordset(
    """
    Af Alle Allerede Alligevel Alt At Bagefter Begge Blandt Både Da Dag Dagen De Dem Den Denne Der Derefter Derfor
    Dermed Desuden Det Dette Disse Dog Du Efter Efterfølgende Ellers En Endelig Endnu Et Flere For Foreløbig Fordi
    Fra Først Før Han Hans Heller Hele Hendes Her Herefter Hermed Hos Hun Hvad Hvem Hver Hvilket Hvis Hvor Hvordan
    Hvorfor Hvornår Hverken I Ifølge Ikke Imens Imidlertid Inden Ingen Jeg Kun Man Mange Med Meget Men Mens Mod Måske
    Nej Nogle Nu Når Næste Og Også Om Op Over På Samlet Samtidig Selv Selvom Senere Siden Sidste Som Så Sådan Tidligere
    Til Under Uden Ud Vi Ved Yderligere Ja Årsagen Dels Kort
    """
)
#: Where a sentence may end: terminal punctuation, maybe closing quotes/brackets, then a space. A run of marks is
#: only tried from its first mark: retrying from each one would make a long run ("......") quadratic.
_CANDIDATE_RE = re.compile(r"(?:(?<![.!?])[.!?]+|…)[\"»«”’')\]]*(?= )")
_OPENERS = "»«“„\"'‘([-–—"
_CLOSERS = "\"»«”’')]"
_INITIALS_RE = re.compile(r"(?:[A-ZÆØÅ]\.)+")
_DOTTED_RE = re.compile(r"(?:[a-zæøå]{1,4}\.){2,}")
_QUOTE_MARKS_RE = re.compile('[»«“”„"]')
_QUOTE_FAMILY = {"»": "g", "«": "g", "“": "c", "”": "c", "„": "c", '"': "s"}
_QUOTE_OPEN_CONTEXT = " ([{-–—/"
#: A quote longer than this is not kept in one sentence (and a stray quote mark cannot swallow a paragraph).
MAX_QUOTE_CHARS = 400
#: Sentences longer than this many words are cut (at a comma when there is one in the second half).
MAX_SENTENCE_WORDS = 80
_MIN_CHUNK_WORDS = 40


def _quote_spans(para: str) -> list[tuple[int, int]]:
    """(start, end) of »…«, “…” and "…" quotes: no sentence ends strictly inside one."""
    openers: list[tuple[int, str]] = []
    closers: dict[str, list[int]] = {"g": [], "c": [], "s": []}
    for match in _QUOTE_MARKS_RE.finditer(para):
        pos = match.start()
        family = _QUOTE_FAMILY[match.group()]
        before = para[pos - 1] if pos else " "
        if before in _QUOTE_OPEN_CONTEXT:
            if pos + 1 < len(para) and para[pos + 1] != " ":
                openers.append((pos, family))
        else:
            closers[family].append(pos)
    spans: list[tuple[int, int]] = []
    last_end = -1
    for pos, family in openers:
        if pos < last_end:  # nested or inside the quote just found
            continue
        ends = closers[family]
        k = bisect.bisect_right(ends, pos)
        if k < len(ends) and ends[k] - pos <= MAX_QUOTE_CHARS:
            spans.append((pos, ends[k]))
            last_end = ends[k]
    return spans


def _is_abbreviation(core: str) -> str | None:
    """'prefix' or 'closing' when `core` (a token ending in '.') is a known abbreviation, else None."""
    # "S." is an initial, "s." is "side"; longer abbreviations may be capitalised at a sentence start.
    lowered = core[:1].lower() + core[1:] if len(core) > 2 else core
    if lowered in PREFIX_ABBREVIATIONS:
        return "prefix"
    if lowered in CLOSING_ABBREVIATIONS or core.lower() in CLOSING_ABBREVIATIONS or _DOTTED_RE.fullmatch(lowered):
        return "closing"
    return None


def _ends_sentence(prev: str, nxt: str, alone: bool) -> bool:
    """Does a sentence end between token `prev` (ending in . ! ? …) and token `nxt`?

    `alone` is true when `prev` is the only token of the sentence so far.
    """
    stripped = nxt.lstrip(_OPENERS)
    quote_or_dash = stripped != nxt
    first = stripped[:1]
    if quote_or_dash and not first:  # a lone dash: a dash-led quote begins
        first = "A"
    starter = stripped.rstrip(",.:;!?»«\"”’')") in SENTENCE_STARTERS or (quote_or_dash and first.isupper())
    if first.islower() or not first:
        return False
    if not (first.isupper() or first.isdigit()):
        return False
    core = prev.rstrip(_CLOSERS)
    if core != prev:  # 'krig.«', '"dødsensalvorlig".' : the quote closes with the sentence
        return True
    core = core.lstrip(_OPENERS)
    if core.endswith(("!", "?", "…", "...")):
        return not first.isdigit() or not alone
    # From here `core` ends in a single full stop.
    if first.isdigit():
        # "i 2019. 25 personer" is ambiguous; Danish style avoids digits first, so only split after a plain word.
        return core[:-1].isalpha() and _is_abbreviation(core) is None and len(core) > 2
    kind = _is_abbreviation(core)
    if kind == "prefix":
        return False
    if kind == "closing" or _INITIALS_RE.fullmatch(core):
        return starter and not alone
    body = core[:-1]
    if body.isdigit():
        # "24. februar" never gets here (lower case follows); "1. Division" is an ordinal, "i 2019. Han" a year.
        if alone:
            return False
        return len(body) > 2 or starter
    if body and body[-1].isdigit() and not alone:  # "kl. 13.11. Derefter", "605.000. Det"
        return True
    return bool(body)


def _chunk(tokens: list[str]) -> list[list[str]]:
    """Cut an over-long sentence into pieces of at most `MAX_SENTENCE_WORDS` words.

    Each cut goes after the last comma (or ; :) in the second half of the window, else at the window's end,
    so a text with no punctuation at all still comes back in bounded time and bounded pieces.
    """
    pieces: list[list[str]] = []
    start = 0
    while len(tokens) - start > MAX_SENTENCE_WORDS:
        cut = start + MAX_SENTENCE_WORDS
        for k in range(start + MAX_SENTENCE_WORDS - 1, start + _MIN_CHUNK_WORDS - 1, -1):
            if tokens[k].endswith((",", ";", ":")):
                cut = k + 1
                break
        pieces.append(tokens[start:cut])
        start = cut
    pieces.append(tokens[start:])
    return pieces


def _split_paragraph(para: str) -> list[str]:
    para = " ".join(para.split())
    if not para:
        return []
    spans = _quote_spans(para) if _QUOTE_MARKS_RE.search(para) else []
    span_i = 0
    sentences: list[str] = []
    start = 0
    for match in _CANDIDATE_RE.finditer(para):
        cut = match.end()  # index of the space after the candidate
        while span_i < len(spans) and spans[span_i][1] < cut:
            span_i += 1
        if span_i < len(spans) and spans[span_i][0] < cut < spans[span_i][1]:
            continue
        prev_start = max(para.rfind(" ", start, cut) + 1, start)
        next_end = para.find(" ", cut + 1)
        nxt = para[cut + 1 : next_end if next_end != -1 else len(para)]
        if _ends_sentence(para[prev_start:cut], nxt, alone=prev_start <= start):
            sentences.append(para[start:cut])
            start = cut + 1
    sentences.append(para[start:])
    out: list[str] = []
    for sentence in sentences:
        if sentence.count(" ") < MAX_SENTENCE_WORDS:
            out.append(sentence)
        else:
            out.extend(" ".join(piece) for piece in _chunk(sentence.split(" ")))
    return out


def split_sentences(text: str) -> list[str]:
    """Split Danish text into sentences; a paragraph break always ends one.

    A sentence may end after ``. ! ? …`` (and any closing quote or bracket) when the next word starts with
    a capital letter, a digit, an opening quote or a dash-led quote ("- Vi …"); never before a lower-case
    word. Then:

    - after a *prefix* abbreviation ("bl.a.", "ca.", "kl.", "nr.", "dr.", "jf.", "f.eks." …, see
      `PREFIX_ABBREVIATIONS`) it never ends;
    - after a *closing* abbreviation ("kr.", "pct.", "mio.", "osv.", "m.fl." …, `CLOSING_ABBREVIATIONS`), an
      initial ("F.") or an ordinal ("24.") it ends only when the next word is a capitalised Danish function
      word ("Det", "Men", "Samtidig", `SENTENCE_STARTERS`) or a quote begins: "… 5 mio. kr. Det er …" splits,
      "… 5 mio. kr. Aarhus Vand …" does not (the safe side: a missed split costs less than a broken one);
    - after a year or a number with separators ("i 2019.", "kl. 13.11.") it ends before any capital;
    - no sentence ends inside a »…«, “…” or "…" quote of up to `MAX_QUOTE_CHARS` characters;
    - a "sentence" over `MAX_SENTENCE_WORDS` (80) words is cut after the last comma in its second half,
      else after 80 words, so text without punctuation comes back in bounded pieces and time.

    Words are never lost or changed: only whitespace is normalised.

    >>> split_sentences("- Vi er klar, siger han. Mødet er den 10. september kl. 13.11.")
    ['- Vi er klar, siger han.', 'Mødet er den 10. september kl. 13.11.']
    """
    out: list[str] = []
    for para in paragraphs(text):
        out.extend(_split_paragraph(para))
    return out
