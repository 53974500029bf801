"""What wire and web copy carry besides the story, line by line: ad breaks, "Læs også", datelines,
bylines without a name, photo credits and captions, agency tags, paywall notices, links to related stories,
sharing prompts, social-media plugs, odds boxes, and text glued together by scraping.

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
from summarizer.text.sentences import SENTENCE_STARTERS, split_sentences

_DATE = rf"(?:(?:den|d\.)\s*)?(?:\d{{1,2}}\.\s*{MONTHS}\s+\d{{4}}|\d{{1,2}}[./-]\d{{1,2}}[./-](?:\d{{4}}|\d{{2}}))"
_TIME = r"(?:kl\.?\s*|klokken\s+)?\d{1,2}[:.]\d{2}"
_STAMP_WORD = r"(?:(?:senest|sidst)\s+)?(?:opdateret|publiceret|udgivet|offentliggjort)"
#: A line that is only a dateline: "- Torsdag den 10. september 2009, 13:11", "Opdateret d. 15.01.12 kl. 09:43",
#: "Senest opdateret: 3. maj 2019", "17. september 2010 09:45 - Af" (the byline's name went to a line of its own).
_DATELINE_LINE_RE = re.compile(
    rf"[-–—]?\s*(?:{_STAMP_WORD}\s*:?\s*)?(?:{WEEKDAY}\.?\s+)?"
    rf"{_DATE}(?:\s*[,.]?\s*{_TIME})?(?:\s+(?:opdateret|publiceret))?(?:\s*[-–—|]\s*af)?\s*",
    re.IGNORECASE,
)
#: A time stamp without a written date: "Opdateret i dag kl. 10.12", "Publiceret: 09:43", "Senest opdateret".
_STAMP_LINE_RE = re.compile(
    rf"{_STAMP_WORD}\s*:?(?:\s*(?:i\s+dag|i\s+går|{WEEKDAY}))?(?:\s*[,.]?\s*{_TIME})?\s*", re.IGNORECASE
)
#: A byline left without its name, or naming only the agency or the paper: "- Af", "Af Ritzau", "Af /ritzau/",
#: "Af , Fyens Stiftstidende". A lone lower-case "af" may be a hard-wrapped line of a sentence, so it needs its
#: dash or its capital.
_EMPTY_BYLINE_RE = re.compile(
    r"(?:[-–—]\s*(?:af|Af|AF)|Af|AF)(?:\s+(?:/\s*)?(?i:ritzau)(?:\s*/)?(?:\s+(?i:finans|fokus))?"
    r"|\s+,\s*[A-ZÆØÅ][\w.-]*(?:\s+[A-ZÆØÅ][\w.-]*){0,3})?\s*[.:]?"
)
#: "17. september 2010 09:45 - Af Jens Hansen": a dateline before a byline goes, the byline stays for `structure`.
_DATELINE_HEAD_RE = re.compile(rf"{_DATE}(?:\s*[,.]?\s*{_TIME})?\s*[-–—|]\s*(?=(?-i:Af|AF)\s)", re.IGNORECASE)
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
    rf"[-–—,|]?\s*(?:{WEEKDAY}\s+)?(?:den\s+)?\d{{1,2}}\.\s*{MONTHS}\s+\d{{4}}\s*[,.]?\s*{_TIME}\s*$",
    re.IGNORECASE,
)
#: The same after a byline, where the time may be missing: "Af Jens Hansen, 12. marts 2014".
_BYLINE_DATE_TAIL_RE = re.compile(
    rf"[-–—,|]?\s*(?:{WEEKDAY}\s+)?{_DATE}(?:\s*[,.]?\s*{_TIME})?\s*$",
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
#: Where a story is shared or a paper followed: the networks, and mail.
_SOCIAL = (
    r"(?:facebook|twitter|instagram|linkedin|youtube|tiktok|snapchat|pinterest|messenger|whatsapp|threads|x"
    r"|e-?mail|mail|sms)"
)
_SOCIALS = rf"{_SOCIAL}(?:\s*(?:,|og|eller|&|/|\|)\s*{_SOCIAL}){{0,4}}"
#: The archive's note on an old story: "Artiklen er hentet i arkivet", "Denne artikel er fra vores arkiv", "Artiklen
#: er mere end fem år gammel", "Artiklen blev bragt første gang i 2012", "Denne artikel er oprindeligt bragt i …".
_ARCHIVE_NOTE_RE = re.compile(
    r"(?:denne\s+|artiklen\s+)?(?:artikel\s+|artiklen\s+)?(?:er|blev)\s+(?:hentet\s+(?:i|fra)\s+(?:vores\s+)?arkiv(?:et)?"
    r"|fra\s+(?:vores\s+|avisens\s+)?arkiv(?:et)?|mere\s+end\s+\S+\s+år\s+gammel"
    r"|(?:oprindelig(?:t)?\s+)?bragt\s+(?:første\s+gang\s+)?(?:i|den|d\.)\s[^.!?]{1,80})\s*[.!]?",
    re.IGNORECASE,
)
#: Buttons for sharing, printing and commenting, scraped as text: "Send artiklen Ny skole i Brønderslev til din
#: ven", "Del artiklen på Facebook", "Del på Twitter", "Print artiklen", "Tip en ven", "Kommentér artiklen", "For at
#: kommentere skal du være logget ind ...", "Tip os på 7010 1010". Only a whole line: "del kålen i fire" stays.
_SHARE_RE = re.compile(
    r"(?:send\s+(?:artiklen|artikel|historien|siden|linket)\b.{0,200}?\s+til\s+(?:din|dine|en)\s+ven(?:ner|inde)?"
    r"|send\s+til\s+(?:din|en)\s+ven(?:ner|inde)?|tip\s+en\s+ven(?:\s+om\s+(?:artiklen|historien))?"
    rf"|(?:del|print|udskriv|gem|send|kommentér|kommenter|anbefal)(?:\s+(?:artiklen|artikel|denne\s+artikel"
    rf"|historien|siden|videoen|billedet|galleriet|linket))?(?:\s+(?:på|via|med|over)\s+{_SOCIALS})?"
    r"|(?:skriv\s+en\s+|\d+\s+|se\s+)?kommentar(?:er)?|tip\s+os\b.{0,150}"
    r"|for\s+at\s+kommentere\s+skal\s+du\b.{0,250})\s*[.!:]?",
    re.IGNORECASE,
)
#: A plug for the paper's own pages elsewhere, one sentence: "Følg os på Instagram", "Like os på Facebook", "Find
#: os på Twitter", "Husk at følge Vejle Amts Folkeblad på Facebook", "Du kan også følge politiko.dk på Facebook og
#: Twitter.", "Hillerød Posten er naturligvis på Facebook. Her kan du også få de lokale nyheder." A sentence that
#: goes on ("Følg os på Facebook og vind ...") is no whole plug and stays.
_SOCIAL_PLUG = (
    r"(?:(?:(?:du\s+kan|man\s+kan)\s+(?:også\s+|nu\s+)?|husk\s+(?:også\s+)?at\s+)?"
    r"(?:følg(?:e)?|lik(?:e)?|find(?:e)?|syn(?:e)?s\s+godt\s+om|bliv\s+(?:fan|ven)\s+(?:af|med|på))"
    r"(?:\s+(?:os|med|[\w.&'’-]{1,40}(?:\s+[\w.&'’-]{1,40}){0,3}))?\s+(?:også\s+)?på"
    r"|(?:vi|[A-ZÆØÅ][^.!?]{0,50}?)\s+er\s+(?:naturligvis|selvfølgelig|selvfølgelig\s+også|naturligvis\s+også)\s+på"
    rf"|vi\s+er\s+(?:også\s+)?på)\s+{_SOCIALS}(?:\s+(?:her|også))?"
    r"(?:\s*[.!:]\s+her\s+kan\s+du\s+(?:også\s+)?[^.!?]{1,120})?"
)
_SOCIAL_PLUG_LINE_RE = re.compile(rf"{_SOCIAL_PLUG}\s*[.!:]?", re.IGNORECASE)
#: The same as the last or a middle sentence of a longer line (closed by a stop, or the end of the line).
_SOCIAL_PLUG_SENTENCE_RE = re.compile(
    rf"(?:^|(?<=[.!?»«\"”])\s+)(?=(?-i:[A-ZÆØÅ]))(?:{_SOCIAL_PLUG})\s*(?:[.!](?=\s|$)|$)", re.IGNORECASE
)
_SOCIAL_HINT = ("facebook", "twitter", "instagram", "linkedin", "youtube", "tiktok", "snapchat")
#: Live-blog furniture: "BT følger det danske landshold fra Cez Arena i Ostrava (livebloggen kan tage et øjeblik om
#: at blive indlæst)": the blog itself is not in the text.
_LIVEBLOG_RE = re.compile(
    r"[^.!?]{0,160}\(\s*(?:live)?bloggen\s+kan\s+tage[^()]{0,80}\)\s*"
    r"|(?:BT|B\.T\.|Ekstra Bladet|Politiken|Berlingske|Jyllands-Posten|DR|TV\s?2|Avisen\.dk|Børsen|Information)"
    r"\s+følger\s+[^.!?]{3,100}?\s+(?:live|minut\s+for\s+minut|her)(?:\s+(?:fra|på|i)\s+[^.!?]{2,80})?\s*:?"
)
_BOOKMAKER = (
    r"(?:betsafe|unibet|bet365|danske\s+spil|oddset|nordicbet|bwin|betfair|leovegas|mr\.?\s*green|expekt"
    r"|coolbet|comeon|betano|888sport|tipsbet|spreadex|cashpoint|bet25|campobet)"
)
#: An odds box from a betting partner, scraped into the text: "Dijon - Caen 1Odds 2,30 ved BetsafeSpilstop d. 16/5
#: klokken", "Odds 2,30 ved Betsafe". "Odds" with a capital (a sentence has "odds" inside it) and no closing stop.
_ODDS_BOX_RE = re.compile(
    rf"(?<![a-zæøå])Odds\s*:?\s*\d{{1,3}}[,.]\d{{1,2}}\s+(?i:ved|hos|på|fra|via)\s+(?i:{_BOOKMAKER})"
)
_GAMBLING_NOTE = (
    r"(?:spil\s+ansvarligt|spil\s+med\s+omtanke|spilstop(?:\.dk)?(?:\s+(?:d\.|den)\s*\d{1,2}/\d{1,2}(?:/\d{2,4})?"
    r"(?:\s+(?:kl\.?|klokken)(?:\s*\d{1,2}[.:]\d{2})?)?)?|stopspillet(?:\.dk)?|rofus(?:\.nu)?|ludomani(?:linjen)?"
    r"|18\s*\+|(?:regler\s+og\s+)?(?:vilkår|betingelser)(?:\s+og\s+betingelser)?\s+gælder"
    r"|gælder\s+(?:kun\s+)?(?:for\s+)?nye\s+kunder|spillemyndigheden(?:\.dk)?)"
)
#: A gambling disclaimer line: "Spil ansvarligt", "18+ | Spil ansvarligt | StopSpillet.dk", "Spilstop d. 16/5".
_GAMBLING_LINE_RE = re.compile(rf"{_GAMBLING_NOTE}(?:[\s|.,:;·•/–—-]+{_GAMBLING_NOTE})*[\s.!]*", re.IGNORECASE)
#: A labelled caption: "Billedtekst: Borgmesteren ved den nye skole", "Fototekst: ...".
_CAPTION_LABEL_RE = re.compile(r"(?:billedtekst|fototekst|billedtekster)\s*:.{0,250}", re.IGNORECASE)
#: Finite verbs that the endings in `_is_verbless` miss (strong pasts, short presents, modals), and the subject
#: pronouns only a sentence has ("Han vandt i 2008").
_FINITE_VERBS = wordset(
    """
    er var har kan vil skal må bør tør får går står slår ser gør tror bor dør når ler fik gik kom stod lå sad
    så ses fås tog gav blev sagde lagde vidste hed løb lod røg sov drak fandt faldt holdt hjalp bad skrev vandt slog
    trak bar brød fløj frøs gled greb græd hang hev kunne ville skulle måtte turde burde nød red rendte satte skar skreg
    skød slap smed sprang stak stjal strøg svor sang sank tav traf valgte talte fulgte solgte spurgte bragte tænkte
    han hun jeg vi man du
    """
)
#: A word that ends like a finite verb: present "-er", past "-ede"/"-te"/"-de", passive "-es". Plural nouns in
#: "-er" count too: the safe side, a caption kept.
_VERB_ENDINGS = ("er", "ede", "te", "de", "es")
_NOT_VERBS = wordset("efter over under der her hver eller ender sidste næste første bedste")
#: A caption is short: at most this many words.
CAPTION_MAX_WORDS = 12


def _is_verbless(text: str) -> bool:
    """No finite verb in a short text (the shape of a caption: "Udendørs øl-hygge i Antwerpen")."""
    found = re.findall(r"[^\W\d_]+", text.lower())
    if not 2 <= len(found) <= CAPTION_MAX_WORDS or len(text) > 100:
        return False
    for word in found:
        if word in _FINITE_VERBS or (len(word) > 3 and word.endswith(_VERB_ENDINGS) and word not in _NOT_VERBS):
            return False
    return True


def _is_caption(text: str) -> bool:
    """What stood before a photo credit is a caption to drop: short, verbless, not a quote or a question."""
    text = text.strip()
    return (
        bool(text)
        and text[0] not in "-–—»«\"“„'"
        and text[0].isupper()
        and not text.endswith((",", ";", ":", "?", "!"))
        and _is_verbless(text)
    )


_SENTENCE_GAP_RE = re.compile(r"(?<=[.!?»«\"”])\s+")


def _without_caption(text: str, sentences: int = 2) -> str:
    """`text` without its last sentences (two at most) when they are a caption (they stood before a photo
    credit): "Udendørs øl-hygge i Antwerpen." → "", "Han vandt. Sejren i Parken." → "Han vandt."."""
    stripped = text.rstrip()
    window = stripped[-120:]
    gaps = list(_SENTENCE_GAP_RE.finditer(window))
    if gaps:
        start = len(stripped) - len(window) + gaps[-1].end()
    elif len(stripped) <= 120:
        start = 0
    else:
        return text
    if not _is_caption(stripped[start:]):
        return text
    return _without_caption(stripped[:start], sentences - 1) if sentences > 1 else stripped[:start].rstrip()


def _without_credits(line: str) -> str:
    """ "Han vandt i 2008 (Foto: James Thisted)Krøltoppen kom igen." → "Han vandt i 2008 Krøltoppen kom igen.": a
    credit in parentheses goes, and with it the caption it closes ("Udendørs øl-hygge. (Foto: Karen Seneca)")."""
    out: list[str] = []
    pos = 0
    for match in _CREDIT_PAREN_RE.finditer(line):
        out.append(_without_caption(line[pos : match.start()]))
        pos = match.end()
        out.append(" " if line[pos : pos + 1].isalnum() else "")  # "2008 (Foto: …)Krøltoppen": no words glued
    out.append(line[pos:])
    return "".join(out).strip()


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


#: A photo's position marks: "(tv.)", "(th.)", "(t.v.)", "(fra venstre)", "(i midten)".
POSITION_MARK_RE = re.compile(
    r"\((?:tv|th|t\.\s?v|t\.\s?h|fra\s+venstre|fra\s+højre|midt|i\s+midten)\.?\)", re.IGNORECASE
)


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
        if "(" in line:
            line = _without_credits(line)
        tail = line[-160:]
        match = _CREDIT_TAIL_RE.search(tail)
        if match:
            line = _without_caption(line[: len(line) - len(tail) + match.start()])
    if "(t" in lower or "(fra" in lower or "(midt" in lower:
        # "Ole Holtse (tv.) er formand for 3F …": a photo's position mark makes the sentence its caption.
        line = " ".join(s for s in split_sentences(line) if not POSITION_MARK_RE.search(s))
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
            line = _without_caption(line[: len(line) - len(tail) + match.start()])
    if any(ch.isdigit() for ch in line[-8:]):
        tail = line[-90:]
        # "Af Jens Hansen, 12. marts 2014", not "Af de ansatte blev 20 fyret 1. maj 2019"
        is_byline = line[:3] in ("Af ", "AF ") and line[3:4].isupper() and len(line) <= 120
        match = (_BYLINE_DATE_TAIL_RE if is_byline else _DATELINE_TAIL_RE).search(tail)
        if match and match.start() > (3 if is_byline else 0):
            line = line[: len(line) - len(tail) + match.start()]
    if line[:1].isdigit() and ("Af" in line or "AF" in line):
        match = _DATELINE_HEAD_RE.match(line)  # "17. september 2010 09:45 - Af Jens Hansen": the byline stays
        if match:
            line = line[match.end() :]
    if any(word in lower for word in _SOCIAL_HINT):
        line = _SOCIAL_PLUG_SENTENCE_RE.sub("", line).strip()  # "… i Brønderslev. Følg os på Facebook."
    line = " ".join(line.split())
    if not line:
        return ""
    if len(line) <= _SHORT_LINE and (_DATELINE_LINE_RE.fullmatch(line) or _EMPTY_BYLINE_RE.fullmatch(line)):
        return ""  # what is left of "Af Ritzau, 12. marts 2014 10:12" or "26. oktober 2011 05:40 - Af , Fyens Stift"
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
    """A whole line of boilerplate: an ad label, "Læs også: …", a dateline or time stamp, a byline without a
    name, a photo credit or labelled caption, an agency tag, "Se målet i klippet herunder", a link to a related
    story, a sharing prompt, a social-media plug, live-blog furniture, an odds box or a gambling disclaimer."""
    if len(line) > _SHORT_LINE:
        return False
    lower = line.lower()
    return bool(
        _AD_LINE_RE.fullmatch(line)
        or _READ_ALSO_RE.match(line)
        or _DATELINE_LINE_RE.fullmatch(line)
        or _STAMP_LINE_RE.fullmatch(line)
        or _EMPTY_BYLINE_RE.fullmatch(line)
        or _CREDIT_LINE_RE.fullmatch(line)
        or _CAPTION_LABEL_RE.fullmatch(line)
        or _AGENCY_LINE_RE.fullmatch(line)
        or (len(line) <= 160 and _SEE_HERE_RE.fullmatch(line))
        or (len(line) <= 220 and _RELATED_LINK_RE.fullmatch(line))
        or _SHARE_RE.fullmatch(line)
        or (any(word in lower for word in _SOCIAL_HINT) and _SOCIAL_PLUG_LINE_RE.fullmatch(line))
        or (("bloggen" in lower or " følger " in lower) and _LIVEBLOG_RE.fullmatch(line))
        or ("Odds" in line and len(line) <= 200 and not line.endswith(".") and _ODDS_BOX_RE.search(line))
        or _GAMBLING_LINE_RE.fullmatch(line)
        or (("artik" in lower or "arkiv" in lower) and _ARCHIVE_NOTE_RE.fullmatch(line))
    )
