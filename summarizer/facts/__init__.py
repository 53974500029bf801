"""Fact flags: numbers, names and quotes in an output that the source text does not support.

Every summary and every headline goes through `check(output, source, where)`. It returns one `Flag` per
unsupported fact, with its kind ("number", "name" or "quote") and its exact span in `output`
(``output[flag.start:flag.end] == flag.text``). Extractive output, copied from the source, raises none;
the flags exist for generated text, where a model can write "150 mio." for "145 mio.".

What counts as support (all checks are against the source's own words, nothing else):

* **Numbers** are compared by value after Danish normalisation: "605.000" (thousands dot), "12,5"
  (decimal comma), number words ("to" = 2, "femogtyve" = 25, "tredje" = 3 in the source), scale words
  ("145 mio. kr." = "145 millioner kroner" = 145.000.000, "1,5 mia." = "1.500 mio."), dates by day and
  month ("24. februar" needs 24 February in the source; "torsdag" is not checked), clock times
  ("kl. 13.11" = "klokken 13.11"; "kl. 16" = "kl. 16.00"). Units (%, pct., procent, kr.) are kept in
  the flagged span but not compared. A bare number is also supported by the same figure with a scale
  word in the source ("145" ← "145 mio."), so a trimmed extract never flags.
* **Names** are capitalised words, acronyms ("USA", "DSB") and the capitalised parts of hyphenated words
  ("Elysée-paladset" needs "Elysée"). Matching ignores case and Danish genitive ("Ruslands" ← "Rusland",
  "USA's" ← "USA", "Reus'" ← "Reus", and the other way round) and a definite ending on a longer word
  ("Heksefesten" ← "heksefest"). A capitalised word that starts a sentence (or follows a colon, a quote
  mark or a dash) is a name only when it is not a common word: a word the source uses as a name inside a
  sentence is a name; a word in `COMMON_WORDS`, one seen in lower case in the source or output (inflected
  or not: "Killingerne" ← "killinger"), one sharing most of its beginning with such a word, or an unknown
  word with a Danish common-noun/adjective ending ("Avisen", "Bruger") is not. So "Macron bekræfter" is
  flagged when the source lacks Macron, "Regeringen bekræfter" is not; the price is that a first name
  with such an ending that starts a sentence ("Søren", "Mette") is not checked, though its surname is.
  A multi-word name needs every part in the source, and its parts must not be known from the source to
  belong to other names: "Jill Biden" is flagged when the source has only "Joe Biden" ("Jill" is
  unknown), and so is "Mette Jensen" when the source has "Mette Lund" and "Kristian Jensen" ("Mette" only
  ever occurs with "Lund"). "Joe Biden" ← "Joe Biden", "Anders Kristensen" ← "Anders F. Kristensen" and
  "Biden" ← "Joe Biden" are supported.
* **Quotes** (»…«, "…", “…”, „…“, ‚…‘, 'single quotes' and dash-led quotes "- Vi er altid klar til
  diplomati, siger han") must appear word for word in the source, ignoring case, punctuation and quote
  marks; a quote may be a contiguous part of a longer source quote. Each sentence of a quote is checked on
  its own, so an extract that joins two quoted sentences from different paragraphs is still supported. A
  reworded quote is flagged (span: the words inside the marks, trailing punctuation left out).

Not checked: weekdays ("torsdag"), months without a day ("i februar"), ordinal words in an output
("tredje"), and words that are neither numbers, names nor quotes.

The source index is built once per source text (and cached, since the summary and every headline of one
article are checked against the same source), in time linear in the source's length.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from summarizer.danish import MONTH_NUMBERS, SAYING
from summarizer.summary import Flag
from summarizer.text import WORD_RE as _WORD_RE

# ---------------------------------------------------------------------------------------------------------------
# Numbers

_UNITS = {
    "nul": 0, "én": 1, "ét": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "syv": 7, "otte": 8, "ni": 9,
    "ti": 10, "elleve": 11, "tolv": 12, "tretten": 13, "fjorten": 14, "femten": 15, "seksten": 16, "sytten": 17,
    "atten": 18, "nitten": 19,
}  # fmt: skip
_TENS = {
    "tyve": 20, "tredive": 30, "tredeve": 30, "fyrre": 40, "fyrretyve": 40, "halvtreds": 50, "tres": 60,
    "halvfjerds": 70, "firs": 80, "halvfems": 90,
}  # fmt: skip
#: Ordinal words only count as evidence in the source ("tredje plads" supports "3. plads"); in an output
#: they are not checked ("anden" is also the word "other").
_ORDINALS = {
    "første": 1, "anden": 2, "andet": 2, "tredje": 3, "fjerde": 4, "femte": 5, "sjette": 6, "syvende": 7,
    "ottende": 8, "niende": 9, "tiende": 10, "ellevte": 11, "tolvte": 12, "trettende": 13, "fjortende": 14,
    "femtende": 15, "sekstende": 16, "syttende": 17, "attende": 18, "nittende": 19, "tyvende": 20,
}  # fmt: skip
_SCALES = {
    "hundrede": 100, "hundred": 100, "tusind": 1000, "tusinde": 1000, "mio": 10**6, "mill": 10**6,
    "million": 10**6, "millioner": 10**6, "mia": 10**9, "mrd": 10**9, "milliard": 10**9,
    "milliarder": 10**9,
}  # fmt: skip


def _alternation(words: object) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))  # type: ignore[arg-type]


_NUMBER_WORD = (
    rf"(?:(?:{_alternation(_UNITS)})og(?:{_alternation(_TENS)})|{_alternation(_TENS)}|{_alternation(_UNITS)}"
    rf"|halvanden|hundrede|tusinde?|(?:en|et)(?=\s+(?:{_alternation(_SCALES)})\b))"
)
_DIGITS = r"(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?"
_SCALE = rf"(?:\s+(?P<scale>(?:{_alternation(_SCALES)})\b\.?)(?:\s+(?P<scale2>(?:{_alternation(_SCALES)})\b\.?))?)?"
_UNIT = r"(?:\s*(?P<unit>%|pct\.|pct\b|procentpoint\b|procent\b|kr\.|kroner\b|euro\b|dollars?\b))?"
_MONTH = (
    rf"(?:(?:{_alternation(m for m in MONTH_NUMBERS if len(m) > 4 or m == 'maj')})\b"
    rf"|(?:{_alternation(m for m in MONTH_NUMBERS if len(m) <= 4 and m != 'maj')})\b\.?)"
)

#: One pass over a text finds every number mention, longest forms first (clock, date, then plain).
NUMBER_RE = re.compile(
    # The leading look-around only lets the engine try positions where a number can begin (2x faster).
    r"(?<![^\W\d_])(?=[\dkKnNeEéÉtTfFsSoOaAhH])"
    rf"(?:(?P<clock>\b(?:kl\.|klokken)\s*(?P<ch>\d{{1,2}})(?:[.:](?P<cm>\d{{2}}))?(?!\d))"
    rf"|(?P<date>(?<![\w.,])(?P<dd>\d{{1,2}})\.\s*(?P<dm>{_MONTH}))"
    rf"|(?P<hhmm>(?<![\w.,:])(?P<hh>\d{{1,2}})[.:](?P<mm>\d{{2}})(?![\d]|[.,]\d))"
    rf"|(?P<num>(?<![^\W\d_])(?<![\d.,])(?P<digits>{_DIGITS})(?!\d)|(?<![\w-])(?P<word>{_NUMBER_WORD})(?![\w-])){_SCALE}{_UNIT})",
    re.IGNORECASE,
)
_EN_ET_RE = re.compile(r"(?<!\w)(?:en|et|én|ét)(?!\w)", re.IGNORECASE)
_ORDINAL_RE = re.compile(rf"(?<!\w)(?:{_alternation(_ORDINALS)})(?!\w)", re.IGNORECASE)

NumberKey = tuple[str, Fraction] | tuple[str, int, int] | tuple[str, str]
#: Longer runs of digits are matched as written, not by value: no figure in news has more, and turning a
#: 5,000-digit run into a number is slow (quadratic) and refused by Python past 4,300 digits.
MAX_NUMBER_DIGITS = 30


@dataclass(frozen=True)
class NumberMention:
    """One number in a text: ``text[start:end]`` and the keys it can be matched by.

    ``keys`` holds ``("n", value)`` for a quantity, ``("m", mantissa)`` for the figure before a scale
    word, ``("d", day, month)`` for a date, ``("t", hour, minute)`` for a clock time and ``("s", digits)``
    for a run of more than `MAX_NUMBER_DIGITS` digits.
    """

    start: int
    end: int
    keys: frozenset[NumberKey]


def _word_value(word: str) -> Fraction | None:
    w = word.casefold()
    if w in ("en", "et", "én", "ét"):
        return Fraction(1)
    if w == "halvanden":
        return Fraction(3, 2)
    if w in ("hundrede", "tusind", "tusinde"):
        return Fraction(_SCALES[w])
    if w in _UNITS:
        return Fraction(_UNITS[w])
    if w in _TENS:
        return Fraction(_TENS[w])
    if "og" in w:
        unit, _, tens = w.partition("og")
        if unit in _UNITS and tens in _TENS:
            return Fraction(_UNITS[unit] + _TENS[tens])
    return None


def _digits_value(digits: str) -> Fraction:
    return Fraction(digits.replace(".", "").replace(",", "."))


def _scale_value(word: str | None) -> int:
    return _SCALES[word.rstrip(".").casefold()] if word else 1


def extract_numbers(text: str) -> list[NumberMention]:
    """Every number in `text`, normalised.

    >>> [text for m in extract_numbers("Planen koster 145 mio. kr. og er klar 24. februar kl. 13.11")
    ...  for text in ["Planen koster 145 mio. kr. og er klar 24. februar kl. 13.11"[m.start:m.end]]]
    ['145 mio. kr.', '24. februar', 'kl. 13.11']
    >>> sorted(extract_numbers("to millioner kroner")[0].keys)
    [('m', Fraction(2, 1)), ('n', Fraction(2000000, 1))]
    """
    mentions: list[NumberMention] = []
    for m in NUMBER_RE.finditer(text):
        keys: set[NumberKey]
        if m.group("clock"):
            keys = {("t", int(m.group("ch")), int(m.group("cm") or 0))}
        elif m.group("date"):
            keys = {("d", int(m.group("dd")), MONTH_NUMBERS[m.group("dm").rstrip(".").casefold()])}
        elif m.group("hhmm"):
            # "13.11" without "kl.": a clock time, a date (13/11) or, in English style, 13,11.
            a, b = int(m.group("hh")), int(m.group("mm"))
            keys = {("t", a, b), ("d", a, b), ("n", Fraction(a)), ("n", _digits_value(f"{a},{m.group('mm')}"))}
        elif m.group("digits") and sum(c.isdigit() for c in m.group("digits")) > MAX_NUMBER_DIGITS:
            keys = {("s", m.group("digits"))}
        else:
            base = _digits_value(m.group("digits")) if m.group("digits") else _word_value(m.group("word"))
            if base is None:  # pragma: no cover - the regex only matches known words
                continue
            scale = _scale_value(m.group("scale")) * _scale_value(m.group("scale2"))
            keys = {("n", base * scale)}
            if scale != 1:
                keys.add(("m", base))
        end = m.end()
        mentions.append(NumberMention(m.start(), end, frozenset(keys)))
    return mentions


def _number_supported(mention: NumberMention, idx: SourceIndex) -> bool:
    if mention.keys & idx.numbers:
        return True
    # A bare figure is supported by the same figure before a scale word ("145" ← "145 mio.").
    return any(k[0] == "n" and ("m", k[1]) in idx.numbers for k in mention.keys)


# ---------------------------------------------------------------------------------------------------------------
# Names

#: A word token: letters/digits, joined by hyphens and apostrophes ("Elysée-paladset", "USA's", "O'Brien").
TOKEN_RE = re.compile(r"\w+(?:[-‐'’]\w+)*['’]?")
_SENTENCE_START_BEFORE = frozenset('.!?:;»«"“”„‚‘(-–—…\n')

#: Words that start Danish sentences (and headlines) without being names: function words, frequent nouns,
#: adjectives and imperatives, and newsroom labels ("VIDEO", "DEBAT"). See `_is_common_word` for the rest.
_COMMON_TEXT = """
    a ad af aldrig alle allerede alligevel alt altid anden andet andre at bag bagefter bare begge bl blandt bliver
    blev blot både da dag dagen dagens de dem den denne det dets dengang dens der deraf derefter derfor derimod dermed
    derudover desuden dette dig din dine disse dit dog du efter efterfølgende eftersom egentlig eller ellers
    en end endelig endnu ens er et ethvert eventuelt f fem fik fire flere flest fleste for fordi forleden
    forinden fortsat fra fredag frem fremover før først første få får gennem gik godt gør går ham han hans har
    havde have hele heller hellers helt hende hendes her herefter heller hen hendes hermed herudover hos hun hvad
    hvem hver hvilke hvilken hvilket hvis hvor hvordan hvorefter hvorfor hvornår hvorimod hvorvidt i ifølge igen
    ikke imens imidlertid imod ind indtil inden ingen intet iflg især ja jeg jer jeres jo kan kl kom kommer
    kun kunne langt lidt lige længe lørdag man mandag mange med medens meget mellem men mens mere mest mig
    min mine mit mod måske måtte ned nej netop nogen nogle nok nu ny nye nyt nær næste næsten når og også om
    omkring onsdag op os over overfor pga på rigtig rundt samme samt samtidig selv selvom senere siden sidst
    sidste sig sin sine sit skal skulle slet som stadig stor store større største søndag så sådan tidligere
    til tilbage tirsdag to torsdag tre trods tværtimod under undervejs uden udover ud var ved vi vil ville
    vor vore vores være været væk år årets åh
    aftalen artiklen beslutningen billedet borgerne bestyrelsen byen byrådet danskerne debatten direktøren
    eksperterne familien formanden forslaget forskerne folk firmaet foto fotos gruppen holdet kampen kilder
    kommunen kritikken landet lederen ledelsen loven manden meldingen ministeren mødet målet nyheden
    oppositionen ordføreren organisationen parret partiet pengene personen planen politiet politikerne
    præsidenten prisen problemet regeringen rådmanden sagen selskabet spillerne statsministeren tallene
    tiltalte trænerne træneren undersøgelsen virksomheden
    læs se hør foto video tv live fakta debat interview analyse kommentar klumme leder replik overblik navne
    medier billeder grafik obs nyheder sport kultur politik udland indland krimi
    giv glem bliv byg drop gense kend lad læg prøv send slip stop svar sæt tjek tænk undgå hold mød tag vind spar
    find lær følg brug husk køb ring skriv stem vælg spis sov hjælp kom kig
    mand kvinde dreng pige barn børn borger ekspert eksperter forsker forskere kamp fejl film kunst musik teater
    test tal penge parti professor kok kaos succes ulykke ild brand politikere danskere unge ældre
    ung lille små stort højt lav lavere glad syg sur vred tyk hård hårde bred privat private global digital
    perfekt markant normalt snart knap næppe helst desværre omvendt herhjemme masser halvdelen tusindvis massevis
    vildt slut vejen julen ugen ugens året dansk danske svensk svenske norsk norske tysk tyske fransk franske
    amerikansk amerikanske russisk russiske engelsk engelske britisk britiske kinesisk kinesiske europæisk
    europæiske kendt kendte ny nyt fremgang nedgang ekstra
"""
COMMON_WORDS = frozenset(_COMMON_TEXT.split())
#: Endings of Danish inflected common nouns, adjectives and participles ("Killingerne", "Undersøgelsen",
#: "Forsvarsministeren", "Heftig", "Velbesøgt" is not caught). They keep a sentence-initial capital from making a
#: common word look like a name. Endings of frequent names ("-sen" in "Jensen", "-ning" in "Herning") are left out.
_COMMON_ENDINGS = (
    "erne", "ene", "ingen", "ningen", "ninger", "heden", "heder", "elsen", "else", "elser", "ende", "erede",
    "eret", "eren", "ighed", "skab", "skabet", "lig", "ligt", "lige", "ige", "igt", "isk", "iske", "somt",
    "ionen", "eriet", "iteten", "ister", "isten", "tion",
)  # fmt: skip
#: Further endings of Danish common words ("Avisen", "Budgettet", "Anklage", "Bruger", "Begyndte"), used only for a
#: sentence-initial word of an output that the source does not have as a name. Names end so too ("Søren",
#: "Mette", "Peter"): such a first name at the start of a sentence is then not checked, while the surname after it
#: still is ("Mette Frederiksen" is flagged as "Frederiksen").
_OUTPUT_COMMON_ENDINGS = ("e", "en", "et", "er", "ere", "ede", "te", "ne", "ig", "sk", "hed", "ning", "dom", "gt", "jt")
#: Danish inflection endings, for finding "Passager" in "passagerer" and "Killingerne" in "killinger".
_INFLECTIONS = ("", "e", "en", "et", "er", "ere", "erne", "ene", "ne", "s", "t", "r", "n", "es", "ens", "ets", "te")


def name_key(word: str) -> str:
    """The form names are paired by: case folded, genitive dropped.

    >>> [name_key(w) for w in ("Ruslands", "Rusland", "USA's", "Reus'", "EU’s")]
    ['rusland', 'rusland', 'usa', 'reu', 'eu']
    """
    w = word.casefold()
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    w = w.rstrip("'’")
    if len(w) > 2 and w.endswith("s"):
        w = w[:-1]
    return w


def _genitive_forms(word: str) -> tuple[str, ...]:
    """A case-folded word and its genitive / base forms: "putins" → putins, putin, putins's, ..."""
    w = word.rstrip("'’")
    forms = [word, w, w + "s", w + "'s", w + "’s", w + "'"]
    if w.endswith(("'s", "’s")):
        forms.append(w[:-2])
    elif w.endswith("s") and len(w) > 2:
        forms.append(w[:-1])
    return tuple(forms)


def _has_upper(word: str) -> bool:
    return not word.islower() and word != word.casefold()


def _is_acronym(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _name_parts(token: str) -> list[str]:
    """The parts of `token` that are names: "Elysée-paladset" → ["Elysée"], "EU-landene" → ["EU"]."""
    parts = _HYPHEN_RE.split(token)
    if len(parts) == 1:
        return [token]
    # In a compound a one-letter capital is a prefix of a common noun ("A-kasse", "T-shirt").
    return [p for p in parts if _has_upper(p) and sum(c.isalpha() for c in p) > 1]


_HYPHEN_RE = re.compile(r"[-‐]")


def _at_sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\r\xa0":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_START_BEFORE


def _seen_in_lower_case(word: str, evidence: tuple[frozenset[str], ...]) -> bool:
    """Does `word` (case folded) occur in lower case, inflected or not, in the evidence?"""
    bases = {word[: len(word) - len(s)] for s in _INFLECTIONS if word.endswith(s) and len(word) - len(s) >= 3}
    return any(base + s in ev for base in bases for s in _INFLECTIONS for ev in evidence)


def _shares_stem(word: str, evidence: tuple[frozenset[str], ...]) -> bool:
    """Does a lower-case word share most of `word`'s beginning? "Økologi" ← "økologiske", "Beredskabsfolk" ←
    "beredskabet": the capitalised word is a form or compound of a common word. (At least 5 letters and 60 %.)"""
    k = max(5, -(-len(word) * 3 // 5))
    if len(word) <= k:
        return False
    prefix = word[:k]
    return any(prefix in _prefixes(ev) for ev in evidence)


@lru_cache(maxsize=32)
def _prefixes(words: frozenset[str]) -> frozenset[str]:
    """The beginnings (5 to 20 letters) of `words`, built once per word set when first needed."""
    return frozenset(w[:k] for w in words for k in range(5, min(len(w), 20) + 1))


def _shouted(word: str, evidence: tuple[frozenset[str], ...]) -> bool:
    """Is this case-folded capitals word a common word ("din", "aldrig"), not an acronym ("nato")?"""
    return word in COMMON_WORDS or any(word in ev for ev in evidence)


def _surname_like(word: str) -> bool:
    """Danish "-sen" surnames: "Jensen", "Rasmussen", "Madsen" (a consonant before -sen; "Avisen" is not)."""
    return len(word) > 4 and word.endswith("sen") and word[-4] not in "aeiouyæøå"


def _is_common_word(
    word: str, evidence: tuple[frozenset[str], ...], known: frozenset[str] = frozenset(), extended: bool = True
) -> bool:
    """Is this sentence-initial capitalised word a common Danish word rather than a name?

    `known` holds the words the source uses as names: such a word is a name ("Mette" of "Mette Lund").
    With `extended` (reading an output), an unknown word with a common Danish ending is not ("Avisen").
    """
    w = word.casefold().rstrip("'’")
    if _is_acronym(word):
        return w in COMMON_WORDS  # "VIDEO", "DEBAT" as section labels; "NATO" is a name
    parts = _HYPHEN_RE.split(word)
    if any(_has_upper(p) for p in parts[1:]):
        return False  # "Nord-Korea", "Hans-Christian": a capital after the hyphen is a name's
    if name_key(word) in known:
        return False
    if w in COMMON_WORDS or parts[0].casefold() in COMMON_WORDS:
        return True
    if w.endswith(_COMMON_ENDINGS) and not _surname_like(w):
        return True
    if _seen_in_lower_case(w, evidence):
        return True
    if not extended:
        return False
    base = name_key(w)  # "Ugens" → "ugen", "Landets" → "landet"
    if base.endswith(_OUTPUT_COMMON_ENDINGS) and not _surname_like(base):
        return True
    return _shares_stem(w, evidence)


@dataclass(frozen=True)
class NameToken:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Scan:
    """One pass over a text's words: its lower-case words and its capitalised tokens, in order."""

    lower: frozenset[str]
    caps: list[tuple[int, int, str, bool]]  # start, end, word, starts a sentence

    @classmethod
    def of(cls, text: str) -> _Scan:
        lower: set[str] = set()
        caps: list[tuple[int, int, str, bool]] = []
        for m in TOKEN_RE.finditer(text):
            word = m.group()
            if word.islower():
                lower.add(word)
            elif word != word.casefold():  # has a capital (digits alone have none)
                caps.append((m.start(), m.end(), word, _at_sentence_start(text, m.start())))
        return cls(frozenset(lower), caps)


def _name_sequences(
    text: str,
    scan: _Scan,
    evidence: tuple[frozenset[str], ...],
    known: frozenset[str] = frozenset(),
    extended: bool = True,
) -> list[list[NameToken]]:
    """Runs of name tokens separated by single spaces (or an initial's dot): "Anders F. Kristensen".

    A capitalised word at the start of a sentence (or quote, or after a colon) joins a run only when it
    is not a common word (`_is_common_word`); elsewhere every capitalised word or acronym is a name.
    """
    seqs: list[list[NameToken]] = []
    current: list[NameToken] = []
    last_end = -2
    for start, end, word, sentence_start in scan.caps:
        if sentence_start and _is_common_word(word, evidence, known, extended):
            continue
        if len(word) > 2 and _is_acronym(word) and _shouted(word.casefold(), evidence):
            continue  # "Går DIN pension", "Luk ALDRIG": a common word in capitals for emphasis
        if current:
            gap = text[last_end:start]
            initial = len(current[-1].text) == 1
            if not (gap in (" ", "\xa0") or (initial and gap in (". ", ".", ".\xa0"))):
                seqs.append(current)
                current = []
        current.append(NameToken(start, end, word))
        last_end = end
    if current:
        seqs.append(current)
    return seqs


def extract_names(text: str) -> list[tuple[int, int]]:
    """The spans of the names in `text` (runs of capitalised words that are not common words).

    >>> t = "Ifølge Det Hvide Hus vil Joe Biden mødes med Putin i Elysée-paladset."
    >>> [t[a:b] for a, b in extract_names(t)]
    ['Det Hvide Hus', 'Joe Biden', 'Putin', 'Elysée-paladset']
    """
    scan = _Scan.of(text)
    return [(seq[0].start, seq[-1].end) for seq in _name_sequences(text, scan, (scan.lower,))]


def _pair_keys(seq: list[NameToken]) -> list[str]:
    """Keys of a name run for pairing, initials left out ("Anders F. Kristensen" → anders, kristensen).

    A hyphenated word counts by its first name part: "Champions League-succes" → champions, league.
    """
    keys = []
    for t in seq:
        if len(t.text) == 1:
            continue
        parts = _name_parts(t.text) if "-" in t.text or "‐" in t.text else [t.text]
        keys.append(name_key(parts[0] if parts else t.text))
    return keys


# ---------------------------------------------------------------------------------------------------------------
# Quotes

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


# ---------------------------------------------------------------------------------------------------------------
# The source index and the check


@dataclass(frozen=True)
class SourceIndex:
    """What a source text supports, built once in linear time (see `index`)."""

    numbers: frozenset[NumberKey]
    words: frozenset[str]  # case-folded tokens and their hyphen/apostrophe parts ("elysée-paladset", "elysée")
    pairs: frozenset[tuple[str, str]]  # name keys seen in that order, near each other, in one name ("joe", "biden")
    bound_after: frozenset[str]  # name keys always followed by another name: first names ("Mette" in "Mette Lund")
    bound_before: frozenset[str]  # name keys always preceded by another name: surnames
    lower: frozenset[str]  # words seen in lower case
    name_keys: frozenset[str]  # keys of the words the source uses as names
    text: str  # " " + the source's words, case folded, joined by single spaces + " "


#: How many later parts of a name run each part is paired with (3 skips two middle names).
_PAIR_REACH = 3


@lru_cache(maxsize=16)
def index(source: str) -> SourceIndex:
    """Index `source` once; the summary and every headline of an article reuse it (cached)."""
    numbers: set[NumberKey] = set()
    for mention in extract_numbers(source):
        numbers |= mention.keys
        for key in mention.keys:
            if key[0] == "d":  # "24. februar" also supports a bare "24"
                numbers.add(("n", Fraction(key[1])))
    if _EN_ET_RE.search(source):
        numbers.add(("n", Fraction(1)))
    for m in _ORDINAL_RE.finditer(source):
        numbers.add(("n", Fraction(_ORDINALS[m.group().casefold()])))

    # Case-fold word by word (not the whole text): the output's words are folded the same way.
    plain_words = [w.casefold() for w in _WORD_RE.findall(source)]
    words = {w.casefold() for w in TOKEN_RE.findall(source)}
    words.update([w.replace("-", "") for w in words if "-" in w])  # "Nord-Korea" also supports "Nordkorea"
    words.update(plain_words)
    scan = _Scan.of(source)

    pairs: set[tuple[str, str]] = set()
    followed: dict[str, bool] = {}
    preceded: dict[str, bool] = {}
    # Words capitalised inside a sentence are names for sure; they decide sentence-initial cases, in the source
    # and in every output read against it, alike ("Mette" starting a sentence of either is a name).
    name_keys = frozenset(name_key(word) for _, _, word, sentence_start in scan.caps if not sentence_start)
    for seq in _name_sequences(source, scan, (scan.lower,), name_keys, extended=False):
        keys = _pair_keys(seq)
        for i, a in enumerate(keys):
            # Pairs only within a short reach: a real name has a few parts, and an output may skip a middle one
            # ("Joe Biden" ← "Joe Robinette Biden"); all pairs of a long capitalised run would be quadratic.
            for b in keys[i + 1 : i + 1 + _PAIR_REACH]:
                pairs.add((a, b))
            followed[a] = followed.get(a, True) and i + 1 < len(keys)
            preceded[a] = preceded.get(a, True) and i > 0
    return SourceIndex(
        numbers=frozenset(numbers),
        words=frozenset(words),
        pairs=frozenset(pairs),
        bound_after=frozenset(k for k, v in followed.items() if v),
        bound_before=frozenset(k for k, v in preceded.items() if v),
        lower=scan.lower,
        name_keys=name_keys,
        text=" " + " ".join(plain_words) + " ",
    )


_DEFINITE = ("erne", "ene", "en", "et", "ne", "n", "t")


def _in_words(word: str, idx: SourceIndex) -> bool:
    """Is `word` in the source, up to case, genitive and a definite ending on a longer word ("Heksefesten")?"""
    folded = word.casefold()
    if any(f in idx.words for f in _genitive_forms(folded)):
        return True
    base = folded.rstrip("'’")
    base = base[:-1] if base.endswith("s") else base
    return any(base.endswith(d) and len(base) - len(d) >= 5 and base[: -len(d)] in idx.words for d in _DEFINITE)


def _token_supported(token: str, idx: SourceIndex) -> bool:
    """Is this name token in the source, up to case and genitive? "Ruslands" ← "Rusland".

    A hyphenated word needs only its name parts: "Elysée-paladset" ← "Elysée", "DSB-kritik" ← "DSB";
    with or without its hyphen: "Nord-Korea" ← "Nordkorea" and the other way round.
    """
    if _in_words(token, idx) or ("-" in token and _in_words(token.replace("-", ""), idx)):
        return True
    parts = _name_parts(token)
    if parts == [token]:
        return False
    return all(_in_words(p, idx) for p in parts)


def _sequence_supported(seq: list[NameToken], idx: SourceIndex) -> bool:
    if not all(_token_supported(t.text, idx) for t in seq):
        return False
    keys = _pair_keys(seq)
    for a, b in zip(keys, keys[1:], strict=False):
        if (a, b) not in idx.pairs and (a in idx.bound_after or b in idx.bound_before):
            return False  # both names are known, but from different people: "Mette Jensen"
    return True


def check(output: str, source: str, where: str = "summary") -> list[Flag]:
    """Every number, name or quote in `output` that `source` does not support, as a `Flag`, by position.

    >>> src = "Aarhus Kommune vil bruge 145 mio. kr. på cykelstier, siger rådmand Anders F. Kristensen."
    >>> [(f.kind, f.text) for f in check("Aarhus bruger 150 millioner kroner, siger Jens Kristensen.", src)]
    [('number', '150 millioner kroner'), ('name', 'Jens Kristensen')]
    >>> check("Kommunen vil bruge 145 millioner på cykelstier i Aarhus.", src)
    []
    """
    if not output.strip():
        return []
    idx = index(source)
    flags: list[Flag] = []
    for mention in extract_numbers(output):
        if not _number_supported(mention, idx):
            flags.append(Flag("number", output[mention.start : mention.end], where, mention.start, mention.end))

    scan = _Scan.of(output)
    for seq in _name_sequences(output, scan, (idx.lower, scan.lower), idx.name_keys):
        if not _sequence_supported(seq, idx):
            a, b = seq[0].start, seq[-1].end
            flags.append(Flag("name", output[a:b], where, a, b))

    for qa, qb in extract_quotes(output):
        for a, b in _quote_pieces(output, qa, qb):
            words = _joined_words(output[a:b])
            if words.strip() and words not in idx.text:
                flags.append(Flag("quote", output[a:b], where, a, b))
    flags.sort(key=lambda f: (f.start, f.end, f.kind))
    return flags
