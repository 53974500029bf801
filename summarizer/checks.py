"""The editor's check: what a Danish news editor would see wrong in a lead or headline before printing it.

Each problem is a code and a short Danish message. The codes are the ones the editor labels in
``../shared/reference/editor-judgements.jsonl`` use for what can be seen mechanically:

    fragment           no finite verb, a subordinate clause alone, or a cut that leaves a word hanging
    cut_mid_sentence   a lead that stops with "…" or in the middle of a sentence
    context_opening    opens on a word that points back ("Han", "Men", "Derfor", "Til gengæld" …)
    speakerless_quote  a quote nobody says
    unclosed_quote     a quote mark that is never closed
    boilerplate        web furniture: sharing prompts, odds, bylines, list lines
    non_word           a word the Danish analyser does not know and the article does not have
    agreement          article/adjective and noun that disagree in gender or number ("en stor dilemma")
    too_long           over the headline's characters or the lead's words

The grammar codes (fragment's finite verb, non_word, agreement) come from Apertium (`summarizer.morphology`);
without it those three are not checked and `check_many` says so in `warnings`.

>>> [p.code for p in check("Han skal ligeledes lave et cover", "headline", "Hun synger.")]  # doctest: +SKIP
['context_opening']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from summarizer import morphology
from summarizer.danish import DANGLING, NUMBER_WORDS, PREPOSITIONS, SAYING_VERBS, wordset
from summarizer.headlines.grammar import is_attribution_only, torn_verb
from summarizer.text import split_sentences, words
from summarizer.text.boilerplate import POSITION_MARK_RE, clean_line, is_boilerplate

KINDS = ("headline", "lead")
#: The codes the check can give, in the order they are shown, with the editor's Danish for each.
MESSAGES = {
    "boilerplate": "ligner sidens tilbehør (deling, reklame, odds, byline), ikke artiklen",
    "fragment": "ikke en hel sætning",
    "cut_mid_sentence": "stopper midt i en sætning",
    "context_opening": "begynder med et ord, der peger tilbage",
    "speakerless_quote": "citat uden afsender",
    "unclosed_quote": "citat, der ikke lukkes",
    "non_word": "ukendt ord",
    "agreement": "bøjningsfejl",
    "too_long": "for lang",
    # Found by an engine about its own output (the generative engine's support check), not by `check`.
    "unsupported": "artiklen siger det ikke",
    "invented_quote": "citatet er ikke sagt i artiklen",
}
#: Codes that keep a suggestion off the page altogether: an editor must never be shown words put in a mouth.
BLOCKING = frozenset({"unsupported", "invented_quote"})

@dataclass(frozen=True)
class Problem:
    """One thing an editor would fix. `where` is "summary" or "headline:N", as for `Flag`."""

    code: str
    message: str
    where: str = ""


def problem(code: str, detail: str = "") -> Problem:
    return Problem(code, f"{MESSAGES[code]}: {detail}" if detail else MESSAGES[code])


#: Opening words that point back to a sentence the reader has not seen.
CONTEXT_OPENERS = wordset(
    """
    han hun de den dette disse dog men og derfor så dermed dengang også samtidig desuden alligevel nemlig
    imidlertid ligeledes heller derudover herefter derefter dernæst endvidere tilmed ellers hermed dertil
    """
)
#: Several-word openings that point back.
CONTEXT_PHRASES = (
    "til gengæld",
    "i hvert fald",
    "på det tidspunkt",
    "en anden",
    "et andet",
    "i stedet",
    "det var",
    "det er derfor",
    "det skete",
    "det sker",
    "til sammenligning",
    "i modsætning hertil",
    "på samme måde",
)
#: "Sådan karakteriserer civilingeniør Hans Lindboe …": "sådan" before a saying verb points back to a quote.
SAADAN_SAYS = re.compile(
    r"^sådan\s+(?:karakteriser|beskriv|forklar|sig|siger|sagde|lyd|vurder|skriv|skrev|fortæl|fortalt|udtal|mener|"
    r"mente|konkluder|begrund|kommenter)\w*\b",
    re.IGNORECASE,
)
#: ", og som har …" / "Medicin, man tager …": a noun with its relative clause and no main clause after it.
RELATIVE_ONLY = re.compile(r"^[^,]{2,60},\s+(?:og\s+)?(?:som|der|man)\s+[^,]*$")
#: Subject pronouns whose referent a headline never gives ("Nu er hun klar").
PERSONAL_PRONOUNS = wordset("han hun de")
#: Words that open a subordinate or relative clause: alone, no headline ("Som LHC ved Cern …", "Hvis …").
SUBORDINATE_OPENERS = wordset("som når hvis fordi selvom mens skønt idet eftersom da hvorfor hvordan hvilket")
#: A "Navn: citat" or "Emne: udsagn" headline: a short label and a colon.
LABEL_RE = re.compile(r"^(?P<label>[^:»«\"”“]{2,45}?):\s+(?P<rest>\S.*)$")
QUOTE_OPENERS = "»«\"”“„'‘"
DASH_OPENERS = ("- ", "– ", "— ")
#: A ranking-list or table line ("2: NT Offshore ApS, Esbjerg", "115. Oilfield Solutions").
LIST_LINE_RE = re.compile(r"^\d{1,4}\s*[:.)]\s+\S")
SENTENCE_END = (".", "!", "?", ".»", ".«", '."', ".”", "!«", "?«", '!"', '?"', "!”", "?”", "!»", "?»")
#: Determiner / adjective / noun tags for the agreement check.
GENDERS = ("ut", "nt")
NUMBERS = ("sg", "pl")
#: "Politiet: Tre gerningsmænd i Kirke Såby" is a fragment; "Brand i Aarhus" is a label headline.
LABEL_FORM_MAX_WORDS = 6
LABEL_PREPOSITIONS = wordset("i på ved til fra mod efter for om")


def _first_words(text: str, n: int) -> list[str]:
    return [w.lower() for w in words(text)[:n]]


def _strip_opening(text: str) -> str:
    return text.lstrip(QUOTE_OPENERS + "-–— ")


def _opens_on_context(text: str, *, det: bool = True) -> str:
    """The word or phrase that `text` opens on if it points back ("" when none).

    "Den", "Det", "De" before an adjective or a number are articles ("Den største accelerator", "De sociale
    medier"), not pronouns; "Det" counts only where `det` is asked for (a headline's own opening).
    """
    bare = _strip_opening(text)
    head = " ".join(_first_words(bare, 4))
    for phrase in CONTEXT_PHRASES:
        if head == phrase or head.startswith(phrase + " "):
            return phrase
    if SAADAN_SAYS.match(bare):
        return "sådan"
    first, *rest = head.split(" ") if head else [""]
    following = rest[0] if rest else ""
    if first in ("den", "det", "de") and _article_before(following):
        return ""
    if first in CONTEXT_OPENERS:
        return first
    if first == "det" and det and not _anticipatory_det(bare):
        return first
    for w in head.split(" ")[1:3]:
        if w in ("han", "hun"):  # not "de": "Ud over de 709 mio. kr." is an article
            return w  # "Nu er hun klar": who "hun" is stands in a sentence left out
    return ""


#: Past forms of modal verbs that end like an adjective ("De skulle", "Den kunne").
MODAL_PASTS = wordset("skulle ville kunne måtte turde burde havde gjorde")


def _article_before(word: str) -> bool:
    """ "største", "nye", "17", "meget": a word after "den"/"det"/"de" that makes it an article."""
    return (
        word[:1].isdigit()
        or word in NUMBER_WORDS
        or word in ("meget", "mest", "mere", "første", "sidste")
        or (word.endswith("e") and word not in MODAL_PASTS and len(word) > 2)
    )


def _anticipatory_det(text: str) -> bool:
    """ "Det kan gå galt, når …", "Det er nemt at …": "det" points ahead to a clause, not back."""
    low = text.lower()
    return bool(re.search(r",\s+(?:når|hvis|at|om)\s|\s(?:at|om)\s+\w+", low[:120])) and not low.startswith(
        ("det var ", "det er ikke ")
    )


def _is_label_form(text: str) -> bool:
    """ "Brand i Aarhus", "Storm over Vestjylland": a short label headline needs no verb."""
    ws = [w.lower() for w in text.split()]  # "Burger King-restaurant" is two words here, as an editor counts
    return 2 <= len(ws) <= LABEL_FORM_MAX_WORDS and any(w in LABEL_PREPOSITIONS for w in ws[1:-1])


def _is_predicate(reading: morphology.Reading) -> bool:
    """A finite verb, or what a Danish headline uses for one: a participle ("kørt til hospital") or "klar"."""
    return reading.is_finite_verb or "pp" in reading.tags or reading.lemma.lower() in PREDICATIVE


#: Words a text never ends on: conjunctions, articles, possessives and the prepositions that are never a verb's
#: particle ("revet … af", "stopper for" end well).
TORN_WORDS = (DANGLING - wordset("af op ud ind om fra til for med over efter under siden")) | wordset("at")
#: Adjectives a headline uses as its verb ("Fallulah klar til …", "Camilla Martin gift").
PREDICATIVE = wordset("klar gift død parat enig uenig færdig")


def _has_predicate(tokens: Sequence[morphology.Token]) -> bool:
    """Some word that reads as a finite verb (or a participle) in its chosen reading, or in any reading when it
    does not stand right after an article, a number or a preposition ("en aftale", "om møde")."""
    for k, t in enumerate(tokens):
        before = tokens[k - 1] if k else None
        if before is not None and _noun_slot(before) and all(r.pos == "vblex" for r in t.readings):
            continue  # "Trumps rådgiver", "udenrigspolitiske rådgiver": the analyser lacks the noun, not a verb
        if t.readings and _is_predicate(t.readings[0]):
            return True
        if any(_is_predicate(r) for r in t.readings) and not (before and before.pos in ("det", "pr", "num")):
            return True
    return False


def _noun_slot(before: morphology.Token) -> bool:
    """After a genitive or an inflected adjective ("Trumps", "nye", "udenrigspolitiske") a noun follows, never a
    finite verb."""
    if before.has("gen"):
        return True
    if before.readings:
        return before.surface[:1].islower() and all(
            r.pos == "adj" and ("def" in r.tags or "pl" in r.tags) for r in before.readings
        )
    low = before.surface
    return low.islower() and low.endswith(("iske", "ske", "ige", "lige"))


def _main_clause_missing(tokens: Sequence[morphology.Token]) -> bool:
    """Every finite verb stands in a relative clause ("Et par briller, der gør det muligt …")."""
    relative = False
    for k, t in enumerate(tokens):
        low = t.surface.lower()
        if low in ("der", "som") and k and (tokens[k - 1].surface == "," or tokens[k - 1].pos == "n"):
            relative = True
        if t.readings and t.readings[0].is_finite_verb:
            return relative
    return False


def _torn_end(tokens: Sequence[morphology.Token]) -> str:
    """The last word, when the text stops right after it: an auxiliary, a verb that needs its object, a genitive."""
    last = next((t for t in reversed(tokens) if t.is_word or any(ch.isdigit() for ch in t.surface)), None)
    if last is None or not last.is_word or tokens[-1].surface == "?":
        return ""
    if last.surface.lower() in TORN_WORDS or last.has("gen") and last.pos != "np":
        return last.surface
    if any(r.pos in ("vbhaver", "vbmod") for r in last.readings[:1]) and "," not in text_tail(tokens):
        return last.surface  # "Mitt Romney har"; but "penge, man ikke har" ends a clause well
    if last.readings and last.readings[0].pos == "vblex" and torn_verb(last.surface):
        return last.surface
    if _ends_on_bare_verb(tokens, last):
        return last.surface
    return ""


#: Verbs a headline may end on: they need no object ("En mand døde", "Priserne stiger", "Aftalen faldt").
INTRANSITIVE = wordset(
    """
    dø død døde stige stiger steg falde falder faldt vokse vokser voksede lukke lukker lukkede vinde vinder vandt
    tabe taber tabte sejre sejrer sejrede stoppe stopper stoppede stride strejke strejker strejkede brænde brænder
    brændte forsvinde forsvinder forsvandt eksplodere eksploderer eksploderede synke synker sank komme kommer kom
    gå går gik fortsætte fortsætter fortsatte holde holder holdt starte starter startede slutte slutter sluttede
    lande lander landede flytte flytter flyttede græde græder græd protestere protesterer protesterede
    """
)


def _ends_on_bare_verb(tokens: Sequence[morphology.Token], last: morphology.Token) -> bool:
    """ "Stenalt Landbrug og Djurs Økologi åbner", "mange kunder ikke kan logge": a text of four words or more that
    stops on a lexical verb (finite or infinitive) not known to stand alone, with no particle after it."""
    if not last.readings or last.readings[0].pos != "vblex" or "pp" in last.readings[0].tags:
        return False
    if "pasv" in last.readings[0].tags:
        return False  # an s-form needs no object: "Skolen lukkes", "om at mødes"
    if sum(t.is_word for t in tokens) < 4:
        return False
    return last.readings[0].lemma.lower() not in INTRANSITIVE and last.surface.lower() not in INTRANSITIVE


def text_tail(tokens: Sequence[morphology.Token], n: int = 6) -> str:
    return " ".join(t.surface for t in tokens[-n:])


def _agreement_errors(tokens: Sequence[morphology.Token]) -> list[str]:
    """Article (or possessive) + adjectives + noun whose gender or number no reading can make agree ("en stor
    dilemma"), and an indefinite adjective before a definite noun ("ny kendisrouletten")."""
    errors = []
    n = len(tokens)
    for k, t in enumerate(tokens):
        if any(ch.isdigit() for ch in t.surface):
            continue
        if k + 1 < n and _indefinite_before_definite(t, tokens[k + 1]) and not (k and tokens[k - 1].has("det")):
            errors.append(f"{t.surface} {tokens[k + 1].surface}")
            continue
        chosen = t.readings[0] if t.readings else None
        if chosen is None or not (chosen.pos == "det" or (chosen.pos == "prn" and "pos" in chosen.tags)):
            continue
        if "qnt" in chosen.tags or t.surface.lower() in ("sådan", "i"):
            continue
        if t.surface.lower() in ("den", "det", "de") and not _is_article_use(tokens, k):
            continue
        phrase = [t]
        j = k + 1
        while j < n and tokens[j].readings and all(r.pos == "adj" for r in tokens[j].readings):
            phrase.append(tokens[j])
            j += 1
            while j < n and tokens[j].surface in (",", "og") and j + 1 < n and tokens[j + 1].has("adj"):
                j += 1
        if j >= n or not tokens[j].readings or not all(r.pos == "n" for r in tokens[j].readings):
            continue
        if any(ch.isdigit() or ch in "‘’'" for x in tokens[k : j + 1] for ch in x.surface):
            continue
        phrase.append(tokens[j])
        if not _agrees([x for x in phrase if x is t or x.readings]):
            errors.append(" ".join(x.surface for x in phrase))
    return errors


def _indefinite_before_definite(adj: morphology.Token, noun: morphology.Token) -> bool:
    """ "ny kendisrouletten": an adjective only in its indefinite form before a noun only in its definite form."""
    return (
        bool(adj.readings and noun.readings)
        and all(r.pos == "adj" and "ind" in r.tags for r in adj.readings)
        and all(r.pos == "n" and "def" in r.tags for r in noun.readings)
    )


def _is_article_use(tokens: Sequence[morphology.Token], k: int) -> bool:
    """ "den nye regering" (an article before an adjective), not "det store hus er …" read as a pronoun."""
    return k + 1 < len(tokens) and tokens[k + 1].has("adj")


def _feature(tags: tuple[str, ...], options: tuple[str, ...]) -> str:
    return next((t for t in tags if t in options), "")


def _compatible(a: str, b: str) -> bool:
    return not a or not b or a == b


def _agrees(phrase: list[morphology.Token]) -> bool:
    """Some choice of readings where every word shares gender and number with the noun."""
    noun = phrase[-1]
    for nr in noun.readings:
        gender, number = _feature(nr.tags, GENDERS), _feature(nr.tags, NUMBERS)
        ok = True
        for word in phrase[:-1]:
            if not any(
                _compatible(_feature(r.tags, GENDERS), gender) and _compatible(_feature(r.tags, NUMBERS), number)
                for r in word.readings
                if r.pos in ("det", "adj") or (r.pos == "prn" and "pos" in r.tags)  # not "en" read as "man"
            ):
                ok = False
                break
        if ok:
            return True
    return False


def _non_words(tokens: Sequence[morphology.Token], article_words: frozenset[str]) -> list[str]:
    """Words unknown to the analyser and not in the article; a capitalised word inside the text is a name (the
    fact flags' business), not a non-word."""
    out = []
    first = next((k for k, t in enumerate(tokens) if t.is_word), 0)
    for k, t in enumerate(tokens):
        if t.known or not t.is_word or any(ch.isdigit() for ch in t.surface):
            continue
        if k != first and t.surface[:1].isupper() and tokens[k - 1].surface not in (":", ".", "!", "?"):
            continue
        low = t.surface.lower()
        if low in article_words or low.strip("-") in article_words:
            continue
        parts = [p for p in low.split("-") if p]
        if len(parts) > 1 and all(p in article_words for p in parts):
            continue
        out.append(t.surface)
    return out


def _with_compounds(analyses: list[tuple[morphology.Token, ...]]) -> list[tuple[morphology.Token, ...]]:
    """Each word the analyser did not know replaced by its reading as a compound of known words, where it has one
    ("skisportsby"): a compound is a word, and inflects like its last part."""
    unknown = sorted({t.surface for toks in analyses for t in toks if not t.known and t.is_word})
    found = morphology.compounds(unknown) if unknown else {}
    if not found:
        return analyses
    return [tuple(found.get(t.surface, t) if not t.known else t for t in toks) for toks in analyses]


def _known_parts(analyses: list[tuple[morphology.Token, ...]]) -> frozenset[str]:
    """The parts of unknown hyphenated words that are words ("Uber-passager": "passager"), lower-cased."""
    parts = sorted(
        {p for toks in analyses for t in toks if not t.known for p in t.surface.split("-") if p and "-" in t.surface}
    )
    if not parts:
        return frozenset()
    found = morphology.compounds(parts)
    plain = morphology.analyse_many(parts)
    return frozenset(
        p.lower() for p, toks in zip(parts, plain, strict=True) if p in found or all(t.known for t in toks)
    )


def _quote_open(text: str) -> bool:
    if text.count("»") > text.count("«") and not text.lstrip().startswith("«"):
        return True
    if text.count("«") > text.count("»") and text.lstrip().startswith("«"):
        return True
    if text.count('"') % 2:
        return True
    return text.count("“") + text.count("„") > text.count("”") or (text.count("”") % 2 == 1 and "“" not in text)


def _has_speaker(sentence: str) -> bool:
    """A quote with its speaker in the same sentence (", siger Blinken", "lyder det fra …")."""
    return any(w.lower() in SAYING_VERBS for w in words(sentence))


def _ends_dangling(text: str) -> bool:
    ws = words(text)
    return bool(ws) and ws[-1].lower() in DANGLING


def _boilerplate(text: str) -> bool:
    line = " ".join(text.split())
    if POSITION_MARK_RE.search(line):
        return True  # "Ole Holtse (tv.) er formand …": a photo's caption, not a sentence of the story
    return is_boilerplate(line) or not clean_line(line).strip() or bool(LIST_LINE_RE.match(line))


def _structure_problems(text: str, kind: str, article: str = "") -> list[Problem]:
    """Everything but the grammar codes: what punctuation and word lists can see."""
    out: list[Problem] = []
    stripped = text.strip()
    if _boilerplate(stripped):
        out.append(problem("boilerplate"))
    if kind == "lead":
        if stripped.rstrip("»«\"”' ").endswith(("…", "...")):
            out.append(problem("cut_mid_sentence"))
    elif stripped.endswith(("…", "...")) or _ends_dangling(stripped):
        out.append(problem("fragment", "stopper brat"))
    elif article and (cut := _cut_in_article(stripped, article)):
        out.append(problem("fragment", f"skåret midt i sætningen (før »{cut}«)"))
    return out


#: What a headline may stop before in the body sentence it was cut from: a prepositional phrase, a clause joined
#: by a conjunction, a time adverbial. Anything else ("har Elton | John", "om priserne | stiger") is a cut mid-sentence.
CUT_OK_BEFORE = (
    PREPOSITIONS
    | wordset("og men eller samt mens fordi så da når hvis selvom efter end som der hvor idet")
    | wordset("i dag går morgen aften nat mandag tirsdag onsdag torsdag fredag lørdag søndag sidste næste")
    | SAYING_VERBS
)
_BOUNDARY_CHARS = ",.;:!?»«\"”“()–-—/"


def _cut_in_article(text: str, article: str) -> str:
    """The body word a headline was cut before, when the headline ends where its body sentence goes on mid-phrase
    ("I modsætning til … har Elton" before "John"); "" when it ends at a boundary or is not from the body."""
    ws = words(text)
    if len(ws) < 3 or text.rstrip()[-1:] in "?!":
        return ""
    name_end = ws[-1][:1].isupper() and len(ws) > 1
    cut = ""
    matches = []
    # The last three words, or two where headline form changed the words before them ("betyder, at 50" from
    # "har betydet, at 50 patienter"): where the headline stops in the body.
    for n in (3, 2):
        pattern = re.compile(
            r"\W+".join(re.escape(w) for w in ws[-n:]) + r"(?!\w)(?P<after>\s*)(?P<next>\S*)(?:\s+(?P<then>\S+))?"
        )
        matches = list(pattern.finditer(article))
        if matches or not (ws[-1].isdigit() or ws[-2].lower() == "at"):
            break  # two words only for a cut "at"-clause or number; alone they are found anywhere
    for m in matches:
        following = m.group("next")
        if not following or following[0] in _BOUNDARY_CHARS or not m.group("after"):
            return ""  # ends where the sentence has a mark: a boundary
        word = following.strip(_BOUNDARY_CHARS).lower()
        if name_end and word == "og" and (m.group("then") or "")[:1].isupper():
            return f"og {m.group('then')}"  # "… hedder de to efterlyste Thomas | og Sebastian": a pair torn apart
        if word in CUT_OK_BEFORE or not word:
            return ""
        cut = cut or following.strip(_BOUNDARY_CHARS)
    return cut


#: Adverbs that point back from inside a clause ("På mandag mødes nemlig …", "forklarede, at han heller ikke …").
POINTING_BACK = wordset("nemlig derfor dermed således imidlertid alligevel heller ligeledes desuden endvidere tilmed")


def _points_back_inside(text: str) -> str:
    """A word inside the text that points back to a sentence the reader has not seen ("" when none)."""
    return next((w for w in (x.lower() for x in words(text)[1:]) if w in POINTING_BACK), "")


def _opening_problems(text: str, kind: str, body_sentences: list[str]) -> list[Problem]:
    out: list[Problem] = []
    if kind == "headline":
        label = LABEL_RE.match(text)
        quote_part = label.group("rest") if label else text
        if not label and (text[:1] in QUOTE_OPENERS or text.startswith(DASH_OPENERS)):
            out.append(problem("speakerless_quote"))
        # "Det går godt hos Porsche" is a headline; "Det var …" and "Det siger …" point back.
        opener = _opens_on_context(text, det=False) or (_opens_on_context(quote_part, det=False) if label else "")
        opener = opener or ("det" if is_attribution_only(text) else "") or _points_back_inside(text)
        if opener:
            out.append(problem("context_opening", f"»{opener.capitalize()}«"))
        return out
    sentences = split_sentences(text) or [text]
    # "Det er ikke sikkert, at …" opens many a good lead; only "Det siger …" points back for certain.
    opener = _opens_on_context(sentences[0], det=False) or ("det" if is_attribution_only(sentences[0]) else "")
    opener = opener or _points_back_inside(sentences[0])
    if opener:
        out.append(problem("context_opening", f"»{opener.capitalize()}«"))
    else:
        for prev, sentence in zip(sentences, sentences[1:], strict=False):
            # A later sentence may point back to the one before it only where the article has them together.
            word = _opens_on_context(sentence)
            if word and word not in PERSONAL_PRONOUNS and not _adjacent(prev, sentence, body_sentences):
                out.append(problem("context_opening", f"»{word.capitalize()}«"))
                break
    for k, sentence in enumerate(sentences):
        quoted = sentence[:1] in QUOTE_OPENERS or sentence.startswith(DASH_OPENERS)
        said = _has_speaker(sentence) or (k + 1 < len(sentences) and _has_speaker(sentences[k + 1]))
        if quoted and not said:
            out.append(problem("speakerless_quote"))
            break
    return out


def _adjacent(first: str, second: str, body_sentences: list[str]) -> bool:
    key = " ".join(words(first))[-60:]
    for k, s in enumerate(body_sentences[:-1]):
        if key and key in " ".join(words(s)):
            return " ".join(words(second))[:60] in " ".join(words(body_sentences[k + 1]))
    return False


#: Longer texts and longer "words" are not sent to the analyser (see `check_many`).
MAX_ANALYSED_CHARS = 2_000
MAX_WORD_CHARS = 60


def _analysable(text: str) -> bool:
    return len(text) <= MAX_ANALYSED_CHARS and all(len(w) <= MAX_WORD_CHARS for w in text.split())


def check_many(
    texts: Sequence[tuple[str, str]],
    article: str,
    *,
    max_headline_chars: int = 70,
    max_summary_words: int = 35,
) -> tuple[list[list[Problem]], list[str]]:
    """Problems of each ``(text, kind)`` against the `article` body, and warnings (the analyser missing).

    All texts go to the analyser in one request.
    """
    article_words = frozenset(w.lower() for w in words(article))
    body_sentences = split_sentences(" ".join(article.split())) if any(k == "lead" for _, k in texts) else []
    warnings: list[str] = []
    # A lead goes to the analyser sentence by sentence ("Joachim B. Olsen" must not end one). A text no editor
    # would print anyway (over `MAX_ANALYSED_CHARS`, or with a "word" over `MAX_WORD_CHARS`) is not analysed: the
    # analyser's cost grows with the square of one token's length.
    pieces = [
        [] if not _analysable(t) else (split_sentences(t) or [t]) if k == "lead" else [t] for t, k in texts
    ]
    try:
        flat = morphology.analyse_many([p for ps in pieces for p in ps])
    except morphology.MorphologyUnavailable as missing:
        flat, warnings = None, [str(missing)]
    analyses: list[tuple[morphology.Token, ...]] | None = None
    per_sentence: list[list[tuple[morphology.Token, ...]]] = []
    if flat is not None:
        analyses, at = [], 0
        for ps in pieces:
            per_sentence.append(flat[at : at + len(ps)])
            analyses.append(tuple(t for toks in flat[at : at + len(ps)] for t in toks))
            at += len(ps)
    results = []
    if analyses is not None:
        analyses = _with_compounds(analyses)
        per_sentence = [_with_compounds(sentences) for sentences in per_sentence]
        article_words |= _known_parts(analyses)
    for k, (text, kind) in enumerate(texts):
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
        found = _structure_problems(text, kind, article)
        if not _analysable(text):
            longest = max(text.split(), key=len, default="")
            if len(longest) > MAX_WORD_CHARS:
                found.append(problem("non_word", f"»{longest[:20]}…« ({len(longest)} tegn)"))
            else:
                found.append(problem("too_long", f"{len(text)} tegn"))
        found += _opening_problems(text, kind, body_sentences)
        if _quote_open(text):
            found.append(problem("unclosed_quote"))
        if analyses is not None and _analysable(text):
            found += _grammar_problems(text, kind, analyses[k], article_words, found, per_sentence[k])
        if kind == "headline" and len(text) > max_headline_chars:
            found.append(problem("too_long", f"{len(text)} tegn, højst {max_headline_chars}"))
        if kind == "lead" and len(words(text)) > max_summary_words:
            found.append(problem("too_long", f"{len(words(text))} ord, højst {max_summary_words}"))
        results.append(_unique(found))
    return results, warnings


def _grammar_problems(
    text: str,
    kind: str,
    tokens: tuple[morphology.Token, ...],
    article_words: frozenset[str],
    found: list[Problem],
    sentences: list[tuple[morphology.Token, ...]],
) -> list[Problem]:
    out: list[Problem] = []
    if not any(p.code == "fragment" for p in found):
        if kind == "headline":
            label = LABEL_RE.match(text)
            said = tokens
            if label:
                # "Navn: citat": the label needs no verb, what follows does (or a participle, or a label form)
                cut = next((k for k, t in enumerate(tokens) if t.surface == ":"), -1)
                said = tokens[cut + 1 :]
            rest = label.group("rest") if label else text
            torn = _torn_end(tokens)
            if torn:
                out.append(problem("fragment", f"stopper efter »{torn}«"))
            elif label and _genitive_label(label.group("label"), tokens):
                # "Udenrigsministeriets: Ambassaden i Kampala": a genitive names no speaker and no place
                out.append(problem("fragment", f"»{label.group('label')}:« er halvdelen af et navn"))
            elif RELATIVE_ONLY.match(text) and not label and not _has_predicate(_before_comma(tokens)):
                out.append(problem("fragment", "en bisætning uden hovedsætning"))
            elif not _has_predicate(said) and not _is_label_form(rest):
                out.append(problem("fragment", "mangler udsagnsord"))
            elif _first_word(said) in SUBORDINATE_OPENERS or _main_clause_missing(said):
                out.append(problem("fragment", "en bisætning uden hovedsætning"))
        else:
            for sentence, sentence_tokens in zip(split_sentences(text) or [text], sentences, strict=False):
                if _strip_opening(sentence)[:1].islower():
                    out.append(problem("fragment", "en sætning begynder midt i"))
                    break
                if not _has_predicate(sentence_tokens):
                    out.append(problem("fragment", "mangler udsagnsord"))
                    break
    bad = _non_words(tokens, article_words)
    if bad:
        out.append(problem("non_word", ", ".join(f"»{w}«" for w in dict.fromkeys(bad))))
    wrong = _agreement_errors(tokens)
    if wrong:
        out.append(problem("agreement", ", ".join(f"»{w}«" for w in wrong)))
    return out


def _genitive_label(label: str, tokens: Sequence[morphology.Token]) -> bool:
    """The label before "Navn:" is one genitive word ("Udenrigsministeriets", not "Mette Frederiksen")."""
    if " " in label.strip() or not tokens:
        return False
    first = tokens[0]
    return first.surface == label.strip() and first.has("gen")


def _before_comma(tokens: Sequence[morphology.Token]) -> Sequence[morphology.Token]:
    """ "Medicin, man tager …" → the tokens of "Medicin": the noun phrase a relative clause hangs on."""
    cut = next((k for k, t in enumerate(tokens) if t.surface == ","), len(tokens))
    return tokens[:cut]


def _first_word(tokens: Sequence[morphology.Token]) -> str:
    return next((t.surface.lower() for t in tokens if t.is_word), "")


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[str] = set()
    out = []
    for p in problems:
        if p.code not in seen:
            seen.add(p.code)
            out.append(p)
    return out


def check(text: str, kind: str, article: str, **limits: int) -> list[Problem]:
    """The problems of one lead or headline against its article body (see `check_many`)."""
    return check_many([(text, kind)], article, **limits)[0][0]
