"""Names in Danish copy: capitalised words and acronyms that are not common words, and the forms they are matched by.

A capitalised word that starts a sentence is a name only when it is not a common word (`_is_common_word`);
`summarizer.facts` reads the runs of name tokens (`_name_sequences`) of an output and of its source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

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
