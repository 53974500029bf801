"""What wire and web copy carry besides the story, line by line: ad breaks, "Læs også", datelines,
photo credits, agency tags, paywall notices, links to related stories, and text glued together by scraping.

`clean_line` takes one line and gives it back without its boilerplate ("" when the whole line is boilerplate).
Each pattern below names what it removes; a new kind of boilerplate is one more pattern and one more test in
tests/test_text.py.

>>> clean_line("Artiklen fortsætter under annoncen")
''
>>> clean_line("Skolen lukker efter sommerferien. /ritzau/")
'Skolen lukker efter sommerferien.'
"""

from __future__ import annotations

import re

from summarizer.danish import MONTHS, WEEKDAY, wordset
from summarizer.text.sentences import SENTENCE_STARTERS

_DATE = rf"(?:(?:den\s+)?\d{{1,2}}\.\s*{MONTHS}\s+\d{{4}}|\d{{1,2}}[./-]\d{{1,2}}[./-](?:\d{{4}}|\d{{2}}))"
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
    rf"[-–—]?\s*(?:{WEEKDAY}\s+)?(?:den\s+)?\d{{1,2}}\.\s*{MONTHS}\s+\d{{4}}\s*[,.]?\s*{_TIME}\s*$",
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


def clean_line(line: str) -> str:
    """One stripped line → the line without boilerplate ('' when the whole line is boilerplate)."""
    if line[:1] in ":;,":
        line = line.lstrip(":;, ")  # ": Herfølge Borgerforening holdt ...": what stood before the mark is gone
    if line[:1] in _BULLETS:
        line = _BULLET_RE.sub("", line)  # "* Pisa er en OECD-undersøgelse": the list item, without its bullet
    if line[:2] in ('{"', '[{'):
        return ""  # '{"series":[{"name":"Sjov sang" ...': a web page's data left in the text by scraping
    lower = line.lower()
    if is_boilerplate(line):
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
        line = "\n\n".join(p for p in line.split("\n\n") if not is_boilerplate(p))
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


def is_boilerplate(line: str) -> bool:
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
