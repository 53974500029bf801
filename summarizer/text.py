"""Danish text basics: cleaning wire copy, splitting sentences, word tokens.

Everything here is linear in the input (line-by-line work, regular expressions only on short lines
or bounded tails), so a 5 MB paste comes back in bounded time.

>>> split_sentences("Planen koster ca. 145 mio. kr. Det siger rådmanden kl. 13.11.")
['Planen koster ca. 145 mio. kr.', 'Det siger rådmanden kl. 13.11.']
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from dataclasses import dataclass

WORD_RE = re.compile(r"\w+", re.UNICODE)


def wordset(listing: str) -> frozenset[str]:
    """A word list written as one whitespace-separated string → a frozenset."""
    return frozenset(listing.split())


#: The commonest Danish function words: left out when headlines are compared for near-copies, and the core of
#: the extractive engine's function-word feature.
FUNCTION_WORDS = wordset(
    """
    og i at det er en på til af for med som der han den de ikke har var et om så men sig vi hun jeg
    kan vil skal også fra efter blev eller over ved da nu når hvor havde være bliver mod ud op ind
    """
)
#: Danish verbs that attribute what someone said ("siger", "oplyste", "lyder det fra"). Headlines, the lead
#: trimmer and the fact checker find quotes, attributions and "til Ritzau" after them.
SAYING_VERBS = wordset(
    """
    siger sagde oplyser oplyste fortæller fortalte skriver skrev tilføjer tilføjede understreger understregede
    udtaler udtalte mener forklarer forklarede påpeger påpegede svarer svarede bekræfter bekræftede meddeler
    meddelte lyder lød erkender konstaterer vurderer uddyber slår advarer argumenterer
    """
)
#: `SAYING_VERBS` as a regular-expression group (longest first, so "sagde" is not read as "sag").
SAYING = "(?:" + "|".join(sorted(SAYING_VERBS, key=len, reverse=True)) + ")"


# ---------------------------------------------------------------------------------------------
# Cleaning
# ---------------------------------------------------------------------------------------------


@dataclass
class Cleaned:
    """The result of `clean_report`: the cleaned text and what was done to get it."""

    text: str
    html_removed: bool = False
    mojibake_repaired: bool = False


#: Characters that carry no text: zero-width space, word joiner, BOM, soft hyphen, bidi marks.
_INVISIBLE_RE = re.compile("[\u200b\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e]")
#: Control characters other than newline become spaces (tabs included). C1 controls (0x80-0x9F) go only
#: after the mojibake repair, which needs them ("Ã\x85" is a broken "Å").
_CONTROLS_RE = re.compile("[\x00-\x09\x0b-\x1f\x7f]")
_C1_CONTROLS_RE = re.compile("[\x80-\x9f]")

# Known HTML tag names: "a < b" or "<3" in plain text must not switch on the HTML reader.
_HTML_TAG_RE = re.compile(r"<(?:/?([a-zA-Z][a-zA-Z0-9]{0,10})(?=[\s/>])|!--|![dD][oO][cC][tT][yY][pP][eE])")
_HTML_NAMES = wordset(
    "html head body p div span br hr a b i u em strong h1 h2 h3 h4 h5 h6 ul ol li table tr td th img meta link "
    "script style article section header footer nav main aside figure figcaption blockquote pre code title iframe "
    "form input button noscript svg sup sub small time label dl dt dd font center"
)
_ENTITY_RE = re.compile(r"&(?:[a-zA-Z]{2,10}|#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6});")

# UTF-8 read as Latin-1/cp1252: a lead byte (Â-ß, â-ä, ï) followed by a continuation byte (0x80-0xBF or
# its cp1252 glyph). Cheap pre-check so ftfy (about 1 ms an article) only runs when it may help.
_MOJIBAKE_HINT_RE = re.compile(
    "[\u00c2-\u00df\u00e2-\u00e4\u00ef][\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160"
    "\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178]"
)

_MONTHS = (
    r"(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december"
    r"|jan|feb|febr|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.?"
)
#: A Danish weekday, "mandag" to "søndag" (datelines here; headlines and trim find time adverbials with it).
WEEKDAY = r"(?:man|tirs|ons|tors|fre|lør|søn)dag"
_DATE = rf"(?:(?:den\s+)?\d{{1,2}}\.\s*{_MONTHS}\s+\d{{4}}|\d{{1,2}}[./-]\d{{1,2}}[./-](?:\d{{4}}|\d{{2}}))"
_TIME = r"(?:kl\.?\s*)?\d{1,2}[:.]\d{2}"
#: A line that is only a dateline: "- Torsdag den 10. september 2009, 13:11", "Opdateret 10.09.2009 kl. 13.11".
_DATELINE_LINE_RE = re.compile(
    rf"[-–—]?\s*(?:(?:opdateret|publiceret|udgivet|offentliggjort)(?:\s+den)?\s*:?\s*)?(?:{WEEKDAY}\.?\s+)?"
    rf"{_DATE}(?:\s*[,.]?\s*{_TIME})?(?:\s+(?:opdateret|publiceret))?\s*",
    re.IGNORECASE,
)
#: A bullet opening a list item ("* ", "• "); not the dash, which opens a quote.
_BULLETS = "*•·▪‣◦"
_BULLET_RE = re.compile(rf"^[{re.escape(_BULLETS)}]+\s+")
#: A place or topic in capitals opening a paragraph: "KØGE: Vi er gået ind i december", "LIVERPOOL (Ekstra Bladet):
#: Ekstra Bladet tog til Liverpool", "LOS ANGELES/SE og HØR: Det var en trist præsident". Four capitals at least, so a
#: party's "SF: Vi skal tage ved lære" keeps its speaker; links, boxes and urgency ("LÆS OGSÅ:", "FLASH:") stay.
_CAPS_DATELINE_RE = re.compile(
    r"(?P<label>[A-ZÆØÅ]{2,}(?:[ -][A-ZÆØÅ]{2,}){0,3})(?:\s*\([^()]{2,40}\)|/[^:]{1,30})?:\s+(?=[A-ZÆØÅ0-9»«\"”“„'])"
)
_NOT_DATELINES = wordset("LÆS SE HØR KLIK DELTAG HJÆLP TIP FAKTA NB OBS HERUNDER VIDEO FOTO BILLEDER BREAKING FLASH")
#: A dateline glued to the end of a line ("Af Julie Bach Lørdag den 29. september 2012, 09:00"): only a written
#: date with a time, so "Sket: 20/03/2014 18:45 Til 20/03/2014 22:30" in a police log keeps its times.
_DATELINE_TAIL_RE = re.compile(
    rf"[-–—]?\s*(?:{WEEKDAY}\s+)?(?:den\s+)?\d{{1,2}}\.\s*{_MONTHS}\s+\d{{4}}\s*[,.]?\s*{_TIME}\s*$",
    re.IGNORECASE,
)

_AD_BREAK_RE = re.compile(
    r"(?:artiklen|historien|teksten|artikel)\s+fortsætter\s+(?:under|efter|nedenfor|herunder|længere\s+nede)"
    r"(?:\s+(?:annoncen|reklamen|billedet|billederne|videoen|grafikken|galleriet|annonce|reklame|indslaget))?"
    r"\s*(?:\.{1,3}|…|:)?",
    re.IGNORECASE,
)
_AD_LINE_RE = re.compile(r"(?:annonce|reklame|annoncørbetalt indhold|sponsoreret indhold)\s*:?", re.IGNORECASE)
#: "Læs også: …", "Se også …", "LÆS MERE: …" lines point to other stories.
_READ_ALSO_RE = re.compile(r"(?:læs|se|hør)\s+(?:også\b|mere\s*:|hele\s+artiklen\b)", re.IGNORECASE)
#: "Se hele interviewet her:", "Se målet i klippet herunder." refer to embedded media that is not in the text.
_SEE_HERE_RE = re.compile(
    r"(?:se|hør|læs|klik|følg)\b(?!,).{0,120}\b(?:her|herunder|nedenfor|ovenfor|i\s+videoen|i\s+klippet"
    r"|(?:øverst|nederst)(?:\s+i\s+artiklen)?)\s*[:.!]?",
    re.IGNORECASE,
)
#: Where a last sentence of a line could start a pointer to media (checked with `_SEE_HERE_RE`).
_SEE_HERE_TAIL_RE = re.compile(r"(?<=[.!?])\s+(?=(?:Se|Hør|Klik|Følg)\b)")

#: "For at læse denne artikel kræver det at du har et abonnement ...", "Hvis du har et abonnement, så klik på
#: "Log ind" knappen.": a paywall's notice, sentence by sentence.
_PAYWALL_RE = re.compile(
    r"(?:(?<=[.!?»«\"”]\s)|^)(?:For at læse (?:denne|hele) artikel"
    r"|Hvis du (?:ikke )?har et abonnement[^.!?\n]{0,40}(?:klik|log(?:ge)? ind|prøve)"
    r"|Tegn (?:et|dit) [\w-]*abonnement|Ved at tegne et [\w-]*abonnement"
    r"|(?:Denne|Hele) artikel(?:en)? er (?:kun )?(?:for|forbeholdt) (?:abonnenter|medlemmer)"
    r"|Artiklen er (?:kun )?(?:for|forbeholdt) (?:abonnenter|medlemmer)"
    r"|Log ind eller (?:køb|bliv|tegn|opret)\b|Bliv abonnent\b|Køb adgang\b)[^.!?\n]{0,250}[.!?]?\s*"
)

#: "Teknologi - 6. apr. 2016 Dit fly går aldrig i luften før ...": a link to a related story (section, date,
#: title) left on a line of its own by scraping.
_RELATED_LINK_RE = re.compile(
    r"[A-ZÆØÅ][\w&,' ]{2,40} - \d{1,2}\. (?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)\. \d{4} .{3,160}"
)

_CREDIT_WORD = r"(?:arkivfoto|arkivbillede|foto|fotos|fotograf|billede|grafik|illustration|video)"
#: A credit in parentheses anywhere: "(Foto: Lars Poulsen)", "(Foto: /ritzau/Mads Nissen)".
_CREDIT_PAREN_RE = re.compile(rf"\s*\(\s*{_CREDIT_WORD}\s*:[^()\n]{{1,100}}\)", re.IGNORECASE)
#: A line that is only a credit: "Arkivfoto: Mads Claus Rasmussen/Ritzau Scanpix".
_CREDIT_LINE_RE = re.compile(rf"{_CREDIT_WORD}(?:\s+og\s+{_CREDIT_WORD})?\s*:.{{0,150}}", re.IGNORECASE)
#: A credit closing a caption: "… i Dresden. Foto: Jens Meyer/AP" (capitalised, so "om billede: det" stays).
_CREDIT_TAIL_RE = re.compile(
    r"(?:^|(?<=[\s.!?]))\(?(?:Arkivfoto|Arkivbillede|Foto|FOTO|Fotos|Fotograf|Billede|Grafik|Illustration)"
    r"\s*:\s*[A-ZÆØÅ/][^!?()\n]{0,100}\)?\s*$"
)
#: "- Søren Bidstrup/Scanpix", ". Philippe Lopez/AFP/Scanpix." closing a caption: a short capitalised name.
_SCANPIX_TAIL_RE = re.compile(
    r"(?:\s[-–]{1,2}\s*|(?<=[.!?])\s+|^)(?:[A-ZÆØÅ][\w'.-]*\s?){1,4}(?:/[^.!?/\n]{1,30}){0,3}/\s*"
    r"(?:Ritzau\s+)?(?:Scanpix|SCANPIX)[^.!?\n]{0,30}\.?\s*$"
)

_AGENCIES = r"(?:reuters|afp|ap|dpa|ntb|tt|efe|ansa|bloomberg|finans|ritzau\s+finans|fokus)"
#: "/ritzau/", "/ritzau/Reuters", "/ritzau/ /AFP/" closing a line.
_RITZAU_TAIL_RE = re.compile(
    rf"\s*/\s*ritzau\s*/\s*(?:/?\s*{_AGENCIES}\s*/?\s*){{0,3}}$",
    re.IGNORECASE,
)
_RITZAU_ANY_RE = re.compile(rf"\s*/\s*ritzau\s*/(?:\s*{_AGENCIES}\b/?)?", re.IGNORECASE)
_AGENCY_LINE_RE = re.compile(rf"/?\s*{_AGENCIES}\s*/(?:\s*{_AGENCIES}\s*/?)*", re.IGNORECASE)

#: Lines longer than this are body text, never boilerplate (and keeps regex work bounded).
_SHORT_LINE = 300

_SPACES_RE = re.compile(r"\s+")
_BLOCK_TAGS = wordset(
    "address article aside blockquote body dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr "
    "html li main nav ol p pre section table tbody thead tfoot tr ul title caption"
)
#: Page furniture around the article, dropped when something is left after dropping it.
_FURNITURE_TAGS = wordset("nav footer aside form menu")


#: One tag, start or end, attributes bounded so a stray "<" costs at most the distance to the next "<" or ">".
_TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]{0,30})(?=[\s/>])[^<>]{0,4000}>|<[!?][^<>]{0,4000}>")
#: Tags whose content is raw text up to their end tag (script code can hold "<" and "</div>").
_RAW_TAGS = frozenset({"script", "style", "head", "template", "noscript", "svg", "iframe", "object", "textarea"})


def _drop_comments(text: str) -> str:
    # str.find, not a regex: an unclosed "<!--" must not make the work quadratic.
    parts: list[str] = []
    i = 0
    while (j := text.find("<!--", i)) >= 0:
        parts.append(text[i:j])
        k = text.find("-->", j + 4)
        if k < 0:
            return "".join(parts)
        i = k + 3
    parts.append(text[i:])
    return "".join(parts)


def _html_to_text(page: str) -> tuple[str, int]:
    """HTML → text with paragraph breaks at block tags; returns (text, number of tags removed).

    A small linear tokenizer rather than `html.parser.HTMLParser`, which is quadratic on some broken
    input ("<p " repeated takes minutes on 50 kB). Text inside <article> is preferred when there is one;
    page furniture (nav, footer, aside, form) is dropped when that leaves any text.
    """
    page = _drop_comments(page)
    lower = page.lower()
    everything: list[str] = []
    content: list[str] = []
    in_article: list[str] = []
    furniture = article = tags = 0
    saw_article = False
    unclosed: set[str] = set()
    pos = 0

    def emit(piece: str) -> None:
        everything.append(piece)
        if not furniture:
            content.append(piece)
            if article:
                in_article.append(piece)

    while (match := _TAG_RE.search(page, pos)) is not None:
        if match.start() > pos:
            emit(_SPACES_RE.sub(" ", html.unescape(page[pos : match.start()])))
        pos = match.end()
        tags += 1
        name = (match.group(2) or "").lower()
        closing = match.group(1) == "/"
        if not name:  # <!DOCTYPE …>, <?xml …?>
            continue
        if name in _RAW_TAGS and not closing and not match.group().endswith("/>") and name not in unclosed:
            end = lower.find(f"</{name}", pos)
            if name == "head":
                body = lower.find("<body", pos)
                end = body if body >= 0 and (end < 0 or body < end) else end
            if end < 0:  # never closed: read on as text, and do not look again (that would be quadratic)
                unclosed.add(name)
                continue
            pos = lower.find(">", end)
            pos = len(page) if pos < 0 else pos + 1
            continue
        if name in _FURNITURE_TAGS:
            furniture = max(0, furniture + (-1 if closing else 1))
        elif name == "article":
            article = max(0, article + (-1 if closing else 1))
            saw_article = True
        if name == "br":
            emit("\n")
        elif name in _BLOCK_TAGS or name in ("article", "td", "th"):
            emit("\n\n")
    if pos < len(page):
        emit(_SPACES_RE.sub(" ", html.unescape(page[pos:])))
    for parts in (in_article if saw_article else [], content, everything):
        joined = "".join(parts)
        if WORD_RE.search(joined):
            return joined, tags
    return "", tags


def html_to_text(markup: str) -> str:
    """HTML → plain text, one blank line between blocks; linear even on broken markup.

    >>> html_to_text("<p>Ærø får ny <b>færge</b>.</p><p>Det koster 2 mia. kr.</p>")
    'Ærø får ny færge.\\n\\nDet koster 2 mia. kr.'
    """
    return "\n\n".join(paragraphs(_html_to_text(markup)[0]))


def _looks_like_html(text: str) -> bool:
    if "<" not in text:
        return False
    for seen, match in enumerate(_HTML_TAG_RE.finditer(text)):
        if match.group(1) is None or match.group(1).lower() in _HTML_NAMES:
            return True
        if seen > 1000:  # a thousand unknown <tags> is not an HTML page; stop looking
            return False
    return False


def _strip_html(text: str) -> tuple[str, bool]:
    """Return (text, whether HTML tags were removed)."""
    if _looks_like_html(text):
        stripped, tags = _html_to_text(text)
        if tags:
            return stripped, True
    if "&" in text and _ENTITY_RE.search(text):
        text = html.unescape(text)
    return text, False


def _fix_mojibake(text: str) -> tuple[str, bool]:
    """Repair UTF-8 that was read as Latin-1/cp1252 ("mÃ¸des" → "mødes"), line by line."""
    if not _MOJIBAKE_HINT_RE.search(text):
        return text, False
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if _MOJIBAKE_HINT_RE.search(line):
            lines[i] = _fix_mojibake_line(line)
    fixed = "\n".join(lines)
    return fixed, fixed != text


def _fix_mojibake_line(line: str) -> str:
    import ftfy  # lazy: 70 ms to import, and only needed for broken input

    # Fast path for the common case, a whole line read with the wrong codec: undo it in C.
    for codec in ("latin-1", "sloppy-windows-1252"):
        try:
            candidate = line.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
        if not _MOJIBAKE_HINT_RE.search(candidate):
            return candidate

    # Only the encoding repairs: quotes, ligatures and character widths are the editor's own.
    config = ftfy.TextFixerConfig(
        unescape_html=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        normalization=None,
    )
    return ftfy.fix_text(line, config=config)


def _normalise_spaces(text: str, *, c1: bool = False) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # A soft hyphen between digits stands for a dash ("4\xad5 mio. kr." is "4-5"); elsewhere it is invisible.
    if "\u00ad" in text:
        text = re.sub(r"(?<=\d)\u00ad(?=\d)", "-", text)
    text = _INVISIBLE_RE.sub("", text)
    text = _CONTROLS_RE.sub(" ", text)
    return _C1_CONTROLS_RE.sub(" ", text) if c1 else text


def _clean_line(line: str) -> str:
    """One stripped line → the line without boilerplate ('' when the whole line is boilerplate)."""
    if line[:1] in ":;,":
        line = line.lstrip(":;, ")  # ": Herfølge Borgerforening holdt ...": what stood before the mark is gone
    if line[:1] in _BULLETS:
        line = _BULLET_RE.sub("", line)  # "* Pisa er en OECD-undersøgelse": the list item, without its bullet
    if line[:2] in ('{"', '[{'):
        return ""  # '{"series":[{"name":"Sjov sang" ...': a web page's data left in the text by scraping
    lower = line.lower()
    if _is_boilerplate(line):
        return ""
    if "fortsætter" in lower:
        line = _AD_BREAK_RE.sub("", line)
    if "abonne" in lower or "adgang" in lower or "medlemmer" in lower:
        line = _PAYWALL_RE.sub("", line).strip()
    if "oto" in lower or "billede" in lower or "grafik" in lower or "illustration" in lower or "video" in lower:
        # "2008 (Foto: James Thisted)Krøltoppen": scraped captions glue the credit to the next word.
        line = _CREDIT_PAREN_RE.sub(lambda m: " " if line[m.end() : m.end() + 1].isalnum() else "", line)
        tail = line[-160:]
        match = _CREDIT_TAIL_RE.search(tail)
        if match:
            line = line[: len(line) - len(tail) + match.start()]
    if "ritzau" in lower:
        tail = line[-80:]
        match = _RITZAU_TAIL_RE.search(tail)
        if match:
            line = line[: len(line) - len(tail) + match.start()]
        if "ritzau" in line.lower():
            line = _RITZAU_ANY_RE.sub("", line)
    if "scanpix" in lower:
        tail = line[-120:]
        match = _SCANPIX_TAIL_RE.search(tail)
        if match:
            line = line[: len(line) - len(tail) + match.start()]
    if any(ch.isdigit() for ch in line[-8:]):
        tail = line[-90:]
        match = _DATELINE_TAIL_RE.search(tail)
        if match and match.start() > 0:
            line = line[: len(line) - len(tail) + match.start()]
    line = " ".join(line.split())
    if line and len(line) <= _SHORT_LINE and _DATELINE_LINE_RE.fullmatch(line):
        return ""
    if line[:2].isupper():
        line = _without_caps_dateline(line)
    if _GLUED_HINT_RE.search(line):
        line = _GLUED_SENTENCE_RE.sub(r"\1 ", line)
    if "også" in lower:
        line = " ".join(_READ_ALSO_INLINE_RE.sub(" ", line).split())
    if len(line) > 20 and (line[-1:] in ".:!" or line[-6:].lower() in ("øverst", "ederst")):
        # "… nu hvor sommeren lader vente på sig. Se billederne i galleriet nederst.": the pointer goes.
        tail = line[-170:]
        match = _SEE_HERE_TAIL_RE.search(tail)
        if match and _SEE_HERE_RE.fullmatch(tail[match.end() :]):
            line = line[: len(line) - len(tail) + match.start()]
    if _GLUED_HEAD_HINT_RE.search(line):
        # "Se med i klippet øverstEn 55-årig …": a piece split off may be boilerplate of its own.
        line = _GLUED_WORD_RE.sub("\\1\n\n", _GLUED_HEAD_RE.sub("\n\n", line))
        line = "\n\n".join(p for p in line.split("\n\n") if not _is_boilerplate(p))
    return line


def _without_caps_dateline(line: str) -> str:
    """ "KØGE: Vi er gået ind i december" → "Vi er gået ind i december" (see `_CAPS_DATELINE_RE`)."""
    match = _CAPS_DATELINE_RE.match(line)
    if not match:
        return line
    label = match.group("label")
    if sum(ch.isalpha() for ch in label) < 4 or _NOT_DATELINES & set(label.split()):
        return line
    return line[match.end() :]


def _is_boilerplate(line: str) -> bool:
    """A whole line of boilerplate: an ad label, "Læs også: …", a dateline, a photo credit, an agency tag, "Se
    målet i klippet herunder", a link to a related story."""
    return len(line) <= _SHORT_LINE and bool(
        _AD_LINE_RE.fullmatch(line)
        or _READ_ALSO_RE.match(line)
        or _DATELINE_LINE_RE.fullmatch(line)
        or _CREDIT_LINE_RE.fullmatch(line)
        or _AGENCY_LINE_RE.fullmatch(line)
        or (len(line) <= 160 and _SEE_HERE_RE.fullmatch(line))
        or (len(line) <= 220 and _RELATED_LINK_RE.fullmatch(line))
    )


#: "… siger hun. Læs også: Skilt fra mandenHan er rykket …": a link to another story glued into a line by
#: scraping. It goes when its end is plain: a lower-case letter glued to the capital that starts the next
#: sentence, or the end of the line after a title-like run (no comma or full stop, at most 70 characters).
#: Otherwise it stays: where the title ends cannot be told.
_READ_ALSO_INLINE_RE = re.compile(
    r"(?:(?<=[.!?»«\"”])|^)\s*(?i:læs|se)\s+(?i:også)\s*:\s*"
    r"(?:.{3,100}?(?<=[a-zæøå0-9!?])(?=[A-ZÆØÅ][a-zæøå])|[^,.]{3,70}$)"
)


#: "siger han.For et par måneder", "i Egypten.De tre", "i 2012.Fælles", "nøglerne.«Erdem": scraped copy that lost
#: the space after a sentence. A word with two lower-case letters before the stop (or a number) keeps initials,
#: "B.T." and "Mr.X" out; a web address has none after it. Only a space goes in: the splitter still decides.
_GLUED_HINT_RE = re.compile(r"[a-zæøå0-9][.!?][»«\"”]?[A-ZÆØÅ]")  # cheap first test: most lines have none
_GLUED_SENTENCE_RE = re.compile(
    r"(?<![\w./@])((?:[A-ZÆØÅ]?[a-zæøå]*[a-zæøå]{2}|[0-9]+)[.!?][»«\"”]?)(?=(?:[A-ZÆØÅ][a-zæøå]+|I\s)\b(?![.@/]\w))"
)

_TERMINAL = tuple('.!?…:;»«"”’)')


def clean_report(text: str) -> Cleaned:
    """Like `clean`, but also says whether HTML was stripped and mojibake repaired."""
    text, html_removed = _strip_html(_normalise_spaces(text))
    text, repaired = _fix_mojibake(text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = _normalise_spaces(text, c1=True)  # HTML entities and ftfy may bring back nbsp & co.
    paras: list[str] = []
    current: list[str] = []
    previous_raw_blank = True
    for raw in text.splitlines():
        if not raw.strip():
            if current:
                paras.append(" ".join(current))
                current = []
            previous_raw_blank = True
            continue
        line = _clean_line(" ".join(raw.split()))
        if not line:
            # A dropped boilerplate line still separates what was around it.
            if current:
                paras.append(" ".join(current))
                current = []
            previous_raw_blank = True
            continue
        # A single newline is a paragraph break, except in hard-wrapped text: the line before does not
        # end a sentence and this one goes on in lower case (or the line before ends in a comma).
        if current and not previous_raw_blank:
            before = current[-1]
            if (line[0].islower() and not before.endswith(_TERMINAL)) or before.endswith(","):
                current.append(line)
                continue
            paras.append(" ".join(current))
            current = []
        current.append(line)
        previous_raw_blank = False
    if current:
        paras.append(" ".join(current))
    return Cleaned("\n\n".join(paras), html_removed=html_removed, mojibake_repaired=repaired)


def clean(text: str) -> str:
    """Wire copy → plain paragraphs separated by blank lines.

    Removes ad breaks ("Artiklen fortsætter under annoncen"), source tags ("/ritzau/Reuters"),
    datelines ("- Torsdag den 10. september 2009, 13:11"), "Læs også: …" lines, photo credits,
    HTML tags and entities, and what scraping leaves in web copy (paywall notices, links to related
    stories, "Se med i klippet øverst"); parts sentences and cross-heads glued together by scraping
    ("job.I stedet", "narkobekæmpelsenPå trods af"); repairs mojibake ("mÃ¸des" → "mødes") and
    normalises to NFC and single spaces. Dash-led quotes ("- Vi er altid klar til diplomati.") are kept.
    """
    return clean_report(text).text


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


# ---------------------------------------------------------------------------------------------
# Sentence splitting
# ---------------------------------------------------------------------------------------------

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

#: "Skåret i narkobekæmpelsenPå trods af ...", "SabotageVi har ...": scraping glued a cross-head to the
#: paragraph after it, with no stop and no space. A lower-case run of four letters or more directly followed
#: by a capitalised sentence starter and a space gets a paragraph break ("iPhone", "LinkedIn" do not match).
_GLUED_HEAD_HINT_RE = re.compile(r"[a-zæøå][A-ZÆØÅ]")  # cheap first test: most lines have none
_GLUED_HEAD_RE = re.compile(
    rf"(?<=[a-zæøå]{{4}})(?=(?:{'|'.join(sorted(SENTENCE_STARTERS, key=len, reverse=True))})\s)"
)
#: The same with any capitalised word when the glued token opens in lower case ("Thorning venterUdskiftningen af
#: SF-ministre", "under presBorgeres retssikkerhed"): a Danish word never has a capital inside it, while brand names
#: that do open in capitals or with one letter ("RokokoPosten", "EgyptAir", "iPhone", "eBay").
_GLUED_WORD_RE = re.compile(r"(?<![\w#@/.])([a-zæøå]{4,})(?=[A-ZÆØÅ][a-zæøå]{2,}\b)")

#: Where a sentence may end: terminal punctuation, maybe closing quotes/brackets, then a space.
_CANDIDATE_RE = re.compile(r"(?:[.!?]+|…|\.\.\.)[\"»«”’')\]]*(?= )")
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


# ---------------------------------------------------------------------------------------------
# Words and language
# ---------------------------------------------------------------------------------------------


def words(text: str) -> list[str]:
    """Unicode word tokens, case kept: ``words("Søren købte æbler")`` → ``["Søren", "købte", "æbler"]``."""
    return WORD_RE.findall(text)


def tokens(text: str) -> list[str]:
    """Lower-cased Unicode word tokens: ``tokens("Ærø og Århus")`` → ``["ærø", "og", "århus"]``."""
    return WORD_RE.findall(text.lower())


#: Frequent Danish function words that are not also frequent English words ("i", "at", "for", "over" are left out).
DANISH_STOPWORDS = wordset(
    """
    og det en den til er som på de med han af ikke der var mig sig men et har om vi min havde ham hun nu da fra
    du ud sin dem os op hvor eller hvad skal selv alle vil blev kunne ind når være noget ville jo deres efter
    ned skulle denne dette mit også dig anden hende mine alt meget sit sine vor mod disse hvis din nogle
    hos blive mange ad bliver hendes været jer sådan siger sagde får fik kan må år ifølge mens blandt mellem
    """
)
ENGLISH_STOPWORDS = wordset(
    """
    the and of to in is that it was he on are as with his they be one this from not but what all
    were we when your can said there an each which she do how their if will up other about out many then them
    these so some would make like him into has two more could been who its now did get may my than first
    """
)


def looks_danish(text: str, *, max_words: int = 2000) -> bool:
    """Heuristic: do Danish function words make up a fair share of the first words?

    Short texts (under 8 words) are given the benefit of the doubt. Norwegian and Swedish also pass.

    >>> looks_danish("Regeringen vil bruge flere penge på cykelstier, siger ministeren.")
    True
    >>> looks_danish("The government will spend more money on bicycle lanes, the minister said.")
    False
    """
    sample = tokens(text[: max_words * 12])[:max_words]
    if len(sample) < 8:
        return True
    danish = sum(word in DANISH_STOPWORDS for word in sample)
    english = sum(word in ENGLISH_STOPWORDS for word in sample)
    return danish / len(sample) >= 0.12 and danish > english
