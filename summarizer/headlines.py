"""Headlines in Danish newsroom style: compress a sentence, "Navn: citat", rank, drop near-copies.

`finalise` is the one gate every engine's headline candidates pass through (lead, extractive,
seq2seq): it tidies each candidate into headline shape, keeps it within the character limit,
drops near-copies and tops the list up from the article when the engine gave too few.

>>> compress("- Vi er altid klar til diplomati, siger Blinken.", 70)
'- Vi er altid klar til diplomati'
>>> quote_headline("- Vi er altid klar til diplomati, siger Blinken.")
'Blinken: Vi er altid klar til diplomati'
"""

from __future__ import annotations

import re

from summarizer.article import Article
from summarizer.engines.base import Options
from summarizer.text import FUNCTION_WORDS, SAYING, SAYING_VERBS, WEEKDAY, paragraphs, split_sentences, words, wordset
from summarizer.trim import PARTS_OF_DAY, drop_time_adverbials, is_quote

#: Two alternatives are near-copies when the Jaccard overlap of their lower-cased content tokens
#: (word tokens minus `FUNCTION_WORDS`) is above this bound. 0.6 lets "Aarhus vil bruge 145 mio. på
#: cykelstier" and "Oppositionen: Aarhus' cykelplan er et luftkastel" both stand, but not two wordings
#: of the same sentence that differ by a word or two.
NEAR_COPY_JACCARD = 0.6

#: A headline has at least this many words (only a body too short for three such alternatives gets fewer).
MIN_HEADLINE_WORDS = 3
PREPOSITIONS = wordset(
    "i på til for med af fra ved efter over under mod hos uden om mellem siden inden blandt ad gennem ifølge trods pr "
    "per via grundet"
)
#: Articles and possessives: an adjective after one waits for its noun ("flytter ind i de nye | boliger").
DETERMINERS = wordset("en et den det de denne dette disse sin sit sine hans hendes deres min mit vores jeres")
#: Words a Danish headline must not end on: conjunctions, prepositions, articles, possessives.
DANGLING = wordset("og eller men samt så for fordi at som der da når hvis mens end om") | PREPOSITIONS | DETERMINERS
#: Words a long sentence may be cut before when it has no clause break that fits.
CUT_BEFORE = wordset(
    """
    mandag tirsdag onsdag torsdag fredag lørdag søndag klokken kl i går forleden efter før siden mens
    hvor hvis fordi selvom når da der som
    """
)
#: Adverbial particles that join a following preposition ("op til", "ud af", "ind i", "frem mod").
PARTICLES = wordset("op ned ud ind frem hen over bort")
#: Openers that point back to an earlier sentence.
ANAPHORIC_OPENERS = wordset("det den de der dette disse han hun og men så her dermed derfor også samtidig")
#: Words a finite verb never follows (prepositions, articles, possessives, quantifiers): after one, "migranter" is a
#: noun. Not "for" and "om", which open clauses too ("for de er"), nor "den", "det", "de", which are pronouns too.
NOUN_MARKERS = (
    (PREPOSITIONS - {"for", "om", "grundet"})
    | (DETERMINERS - {"den", "det", "de", "denne", "dette", "disse"})
    | wordset("dens dets alle mange flere nogle begge")
)
#: "få ... til at": the cut must not come before "til at" ("Det får orkancentret | til at opgradere Bill").
GET_VERBS = wordset("får fik få fået")
#: Superlatives and ordinals that end like a past tense ("-te"): "de fleste", "næste år".
SUPERLATIVES = wordset(
    "største bedste fleste seneste sidste næste mindste yngste ældste nyeste højeste laveste værste vigtigste første"
)
#: Frequent finite verbs, and endings of most others, for the rough clause test in `has_verb`.
COMMON_VERBS = wordset(
    """
    er var har havde vil ville skal skulle kan kunne må måtte får fik blev bliver går gik kommer kom siger
    sagde giver gav tager tog står stod ser så ligger lå vinder vandt taber tabte dør døde
    fandt gjorde holdt slog løb sad lod drak fløj frøs gled greb hjalp sang skar skrev sprang stjal trak vidste
    """
)
VERB_ENDINGS = ("er", "ede", "te", "es", "ede")
#: ", siger statsminister Mette Frederiksen (S) til DR." at the end of a sentence.
TRAILING_ATTRIBUTION = re.compile(rf",\s+{SAYING}\s+[^,.!?]*(?:,[^,.!?]*)?[.!?]?\s*$", re.IGNORECASE)
PRONOUNS = wordset("han hun de den det vi jeg man du")
#: A person's name inside running text ("Mette Lund", "Anders F. Kristensen"), to resolve "siger hun".
NAME_IN_CONTEXT = re.compile(
    r"(?<![.!?]\s)(?<!^)\b([A-ZÆØÅ][a-zæøåé]+(?:\s+[A-ZÆØÅ]\.)?(?:\s+[A-ZÆØÅ][a-zæøåé]+){1,2})\b"
)
DATELINE = re.compile(
    r"^\s*(?:[A-ZÆØÅ][A-ZÆØÅa-zæøå]+(?:\s+[A-ZÆØÅ][a-zæøå]+)?\s*\((?:ritzau|Ritzau|AFP|Reuters|AP)\)\s*[:–-]?\s*)"
)
#: Time adverbials that open a sentence but not a headline ("Mandag aften fremlagde ...").
LEADING_ADVERBIAL = re.compile(
    rf"^(?:(?:{WEEKDAY})(?:\s+(?:{PARTS_OF_DAY}))?|i\s+(?:dag|går|nat|aftes|morges|weekenden)"
    rf"|tidligere\s+i\s+dag|sent\s+\w+\s+aften|natten\s+til\s+(?:{WEEKDAY}))\s+",
    re.IGNORECASE,
)
#: "Venstres gruppeformand i byrådet, Mette Lund, kalder ..." → "Mette Lund kalder ...": the name first.
APPOSITION = re.compile(r"^([^,]{3,60}),\s+([A-ZÆØÅ][\w.]*(?:\s+[A-ZÆØÅ][\w.]*){1,3}),\s+(?=[a-zæøå])")
#: "Ruslands præsident, Vladimir Putin," → "Vladimir Putin": a role before a name in commas goes in a headline.
ROLE_APPOSITION = re.compile(
    r"(?:\b[A-ZÆØÅ][\w'’-]*s\s+)?\b[\w-]*(?:præsident|minister|formand|formanden|direktør|borgmester|leder|chef|"
    r"talsmand|talskvinde|rådmand|ordfører|inspektør|træner|kansler|generalsekretær)(?:en)?"
    r"(?:\s+(?:for|i|og|af|på)\s+[\w-]+){0,3},\s+([A-ZÆØÅ][\w.’'-]*(?:\s+[A-ZÆØÅ][\w.’'-]*){1,3})(?:\s+\([^)]*\))?,\s*"
)
#: Roles a name can follow ("rådmand Anders Kristensen"), for `ROLE_BEFORE_NAME` and `_has_role`.
ROLE_WORDS = (
    "minister", "formand", "direktør", "borgmester", "chef", "talsmand", "talskvinde", "rådmand", "ordfører",
    "inspektør", "kansler", "generalsekretær", "professor", "lektor", "forsker", "analytiker", "ekspert",
    "præsident",
)  # fmt: skip
#: A role right before a name, without commas ("udlændinge- og integrationsminister Inger Støjberg (V)",
#: "landstræner Kasper Hjulmand", "Hollywood-skuespilleren Charlie Sheen"): a long sentence's headline keeps
#: the name. "træner" and "leder" only as the end of a compound: alone they are verbs too ("Han træner Brøndby IF").
ROLE_BEFORE_NAME = re.compile(
    r"(?:\b[A-ZÆØÅ][\w'’-]*s\s+)?(?<![\w-])(?:[\w-]+-\s+og\s+)?(?i:[\w-]*(?:" + "|".join(ROLE_WORDS)
    + r"|formanden|direktøren|chefen)|[\w-]+(?:træner|leder)|[\w-]{3,}(?:eren|inden|isten))\s+"
    r"(?=[A-ZÆØÅ][\w'’-]+(?:\s+[A-ZÆØÅ]\.)?\s+[A-ZÆØÅ])"
)
#: Adverbs a headline does without ("blandt andet", "dog", "nemlig"): dropped from a sentence too long to fit.
FILLER = re.compile(r"\s+(?:blandt\s+andet|bl\.\s?a\.|dog|nemlig|faktisk|i\s+øvrigt|jo|altså|også)(?=[\s,])")
#: Words an opening adverbial starts with, for `_drop_opening_adverbial`.
ADVERBIAL_OPENERS = wordset(
    """
    efter før inden under ved med indtil siden i på til for om samtidig derfor dermed desuden også nu senere
    tidligere allerede ifølge trods uden blandt hos fra
    """
)
#: Numbers in words: a cut after one has left its noun behind ("have sex fire | timer").
NUMBER_WORDS = wordset("to tre fire fem seks syv otte ni ti elleve tolv tyve hundrede tusind")
#: Words a headline cut mid-phrase must not end on: adverbs and quantifiers that belong to what follows ("har
#: regeringspartiet skruet lidt op", "tager nu igen sin medicin", "med i år både en familieturnering").
OPEN_ENDINGS = wordset(
    """
    igen nu også kun både ikke aldrig allerede stadig fortsat bare blot lige talt mere mest meget flere færre
    få mange alle nogle hele resten ligesom samt helt endnu snart netop altid godt næsten omkring cirka ca
    bl.a blandt andet dog nemlig jo slet ret hhv
    """
)
#: Frequent verbs that take an object, for `_torn_verb`.
TRANSITIVE_VERBS = wordset(
    "har havde får fik giver gav tager tog ser så vinder vandt taber tabte fandt gjorde holdt slog"
)
#: Modal verbs, for `_modal_without_verb`.
MODALS = wordset("vil ville skal skulle kan kunne må måtte")
_MODAL_RE = re.compile(r"\b(?:" + "|".join(sorted(MODALS)) + r")\b", re.IGNORECASE)
#: Words that open the subject after an inverted modal ("vil tre kommuner", "kan de").
SUBJECT_STARTERS = PRONOUNS | wordset("der en et to tre fire fem seks flere mange alle nogle begge hele")
#: Opening adverbs after which the verb comes before its subject ("Sådan kan tilstanden ...", "Nu vil regeringen ...").
INVERTING_OPENERS = wordset("sådan samtidig derfor dermed desuden nu så her der da senere tidligere allerede i dag")
#: Endings of adjectives in their -e form ("skandinaviske", "offentlige", "forventede", "kommende").
ADJECTIVE_ENDINGS = ("ske", "ige", "ede", "ende")
#: Frequent adjectives ending in -e, which are not infinitives ("tre andre kommuner").
E_ADJECTIVES = wordset("andre nye store gamle hele små unge danske første sidste eneste mange samme egne")
#: The first two words of a compound preposition: a cut between them and the rest ("i modsætning | til") is mid-phrase.
COMPOUND_PREPOSITIONS = {
    ("i", "modsætning"),
    ("i", "forbindelse"),
    ("på", "grund"),
    ("i", "forhold"),
    ("ved", "hjælp"),
    ("i", "løbet"),
    ("i", "stedet"),
    ("med", "henblik"),
    ("i", "samarbejde"),
    ("på", "baggrund"),
    ("på", "vej"),
    ("som", "følge"),
}
SUBORDINATORS = wordset("indtil hvis når fordi selvom selv om mens efter da før inden siden skønt")
#: Words that open a subordinate clause and nothing else (not "efter", "siden", "før": prepositions too), so a
#: clause that opens on one is no headline by itself.
CLAUSE_OPENERS = wordset("når hvis fordi selvom mens skønt idet eftersom da")
#: Auxiliaries and the copula: a headline cut right after one ("Mitt Romney har", "i Statsforvaltningen er")
#: has lost what they belong to.
AUXILIARIES = wordset("er var har havde vil ville skal skulle kan kunne må måtte bliver blev blive være have")
#: A cut that ends on one of these has left out what it needs ("Mitt Romney har", "enige i, at man").
NEEDS_MORE = AUXILIARIES | PRONOUNS
#: "Det oplyser Lægemiddelstyrelsen på sin hjemmeside", "Det viser en ny undersøgelse": a sentence that only
#: says where the sentence before came from. No headline.
ATTRIBUTION_ONLY = re.compile(rf"^(?:Det|Dette|Det\s+her)\s+(?:{SAYING}|viser|fremgår|erfarer|bekræfter)\b")
#: ", vil vi bruge ..." after an opening subordinate clause → "Vi vil bruge ...".
INVERTED_MAIN_CLAUSE = re.compile(r",\s+([a-zæøå]+)\s+(vi|jeg|de|han|hun|det|man|du)\s+(\S.*)$")
#: ", sender DSB nu ..." → "DSB sender nu ...": the same with a name (one to four capitalised words) as subject.
INVERTED_NAMED_CLAUSE = re.compile(
    r",\s+([a-zæøå]+)\s+((?:[A-ZÆØÅ][\w'’.-]*)(?:\s+[A-ZÆØÅ][\w'’.-]*){0,3})\s+([a-zæøå0-9»\"].*)$"
)
#: "Men nu har politikerne valgt ..." → "Nu har politikerne valgt ...": a headline does not open on "Men" or "Og".
LEADING_CONJUNCTION = re.compile(r"^(?:Men|Og)\s+(?=\w)")
#: A parenthesis of four characters or more; scraped copy glues the next word to it ("(Privatfoto)Se de ...").
PARENTHESIS = re.compile(r"\s*\([^)]{4,}\)")
CLAUSE_BREAK = re.compile(r",\s+|\s+[-–]\s+|;\s+|:\s+")
GUILLEMETS = re.compile(r"»([^«»]{8,120})«")
CAPITALISED = re.compile(r"^[A-ZÆØÅ][\w'’.-]*$")
PARTY = re.compile(r"\([A-ZÆØÅ]{1,3}\)")
#: A party letter with the space before it, for `shorten` to drop: "Inger Støjberg (V) vil" → "Inger Støjberg vil".
PARTY_LETTER = re.compile(r"\s+" + PARTY.pattern)
SPACE = re.compile(r"\s+")
#: "Det er ikke alle kommuner, der ...", "Det var kun politiet, som ...": a cleft (told by its focus adverb from "Det
#: er en stor dag, der ..."), whose point comes after the break.
CLEFT = re.compile(r"^Det\s+(?:er|var)\s+(?:ikke|kun|især|netop|først|blot|bare|også|derfor)\s")
#: The speaker of a "Navn: citat" headline ("Møllgaard: ", "Dansk Folkeparti: ").
SPEAKER = re.compile(r"^[A-ZÆØÅ][\w'’.-]*(?:\s+[A-ZÆØÅ][\w'’.-]*){0,3}:\s+")


def content_tokens(text: str) -> set[str]:
    """Lower-cased word tokens minus function words: what the near-copy bound compares."""
    return {w.lower() for w in words(text)} - FUNCTION_WORDS


def jaccard(a: str, b: str) -> float:
    """Jaccard overlap of `content_tokens`; 1.0 for two texts with no content words at all."""
    x, y = content_tokens(a), content_tokens(b)
    if not x and not y:
        return 1.0
    return len(x & y) / len(x | y)


def is_near_copy(candidate: str, kept: list[str], bound: float = NEAR_COPY_JACCARD) -> bool:
    """Too like one of `kept`: the same words, a content-word overlap above `bound`, or the same headline with
    words added at the end ("- Han befinder sig i toget" and "- Han befinder sig i toget, da gerningsmanden
    kommer ind"), which the overlap alone lets through when the added words are many.

    >>> is_near_copy("Skolen lukker efter sommerferien", ["Skolen lukker efter sommerferien, oplyser kommunen"])
    True
    """
    return any(candidate.lower() == k.lower() or jaccard(candidate, k) > bound or _extends(candidate, k) for k in kept)


def _extends(a: str, b: str) -> bool:
    """One of `a` and `b` is the other with words added at the end (word tokens, case ignored), a speaker
    before the quote left out ("Møllgaard: Aalborg har noget at glæde sig til" and "- Aalborg har noget at glæde
    sig")."""
    x, y = [w.lower() for w in words(SPEAKER.sub("", a))], [w.lower() for w in words(SPEAKER.sub("", b))]
    if len(x) > len(y):
        x, y = y, x
    return len(x) >= MIN_HEADLINE_WORDS and y[: len(x)] == x


def drop_attribution(sentence: str) -> str:
    """Drop a trailing ", siger X." (and its full stop): ``"Vi er klar, siger Blinken."`` → ``"Vi er klar"``."""
    out = TRAILING_ATTRIBUTION.sub("", sentence.strip())
    return out if len(words(out)) >= 3 else sentence.strip()


def strip_dangling(text: str) -> str:
    """Remove trailing punctuation and dangling function words: ``"Planen hviler på"`` → ``"Planen hviler"``."""
    tokens = text.split()
    while tokens:
        last = tokens[-1].rstrip(",;:-–—.…")
        if not last or (tokens[-1].endswith("-") and len(tokens) > 1):
            tokens.pop()  # a lone dash, or the first half of "bog- og vloggeren" without its second
            continue
        if last.lower() in DANGLING and len(tokens) > 1:
            tokens.pop()
            continue
        # A closing mark stays (Danish quotes close with «); an opening one left dangling goes.
        tokens[-1] = last if last.endswith(("«", '"', "”", ")", "!", "?")) else last.rstrip("»\"'”“(")
        break
    text = " ".join(tokens)
    return text.rstrip(".,;:-–— ")


def _actor_first(sentence: str) -> str:
    """ "Mandag fremlagde Aarhus Kommune en plan" → "Aarhus Kommune fremlagde en plan"."""
    m = LEADING_ADVERBIAL.match(sentence)
    if not m:
        return sentence
    rest = sentence[m.end() :].split()
    if len(rest) < 3 or not rest[0][:1].islower():
        return sentence
    subject: list[str] = []
    for token in rest[1:]:
        if CAPITALISED.match(token.rstrip(",")) and not token.endswith(","):
            subject.append(token)
        else:
            break
    if not subject or len(subject) > 4:
        return sentence
    tail = rest[1 + len(subject) :]
    verb = rest[0]
    if tail and PARTY.fullmatch(tail[0].rstrip(",")):
        # "meddelte Klaus Bondam (R), at ..." → "Klaus Bondam (R) meddelte, at ...": the party goes with the name.
        verb += "," if tail[0].endswith(",") else ""
        subject.append(tail.pop(0).rstrip(","))
    return " ".join([*subject, verb, *tail])


def _drop_role(m: re.Match[str], text: str) -> str:
    """Keep only the name, unless the role belongs to a longer capitalised name ("Kristelig Folkepartis leder")."""
    before = text[: m.start()].split()
    if before and before[-1][:1].isupper():
        return m.group(0)
    return m.group(1) + " "


#: What `ROLE_BEFORE_NAME` and `ROLE_APPOSITION` need to find in a sentence, for `_has_role`.
_ROLE_STEMS = (*ROLE_WORDS, "træner", "leder", "eren ", "inden ", "isten ")


def _has_role(text: str) -> bool:
    """Cheap test before the role patterns, which are slow to fail (most sentences have no role in them)."""
    lower = text.lower()
    return any(stem in lower for stem in _ROLE_STEMS)


def _role_before_name(m: re.Match[str], text: str) -> str:
    """Drop the role, unless it belongs to a longer capitalised name ("Kristelig Folkepartis leder")."""
    before = text[: m.start()].split()
    return m.group(0) if before and before[-1][:1].isupper() and before[-1][-1:] not in ",:" else ""


def _is_finite_verb(token: str) -> bool:
    """A rough test for a finite verb in second place ("blev", "advarer", "fremlagde")."""
    t = token.lower()
    return (
        t in COMMON_VERBS
        or t in AUXILIARIES
        or t in SAYING_VERBS
        or (len(t) > 3 and t.endswith(("er", "ede", "te")) and t not in DANGLING)
    )


def _torn_verb(token: str) -> bool:
    """A verb a cut must not end on, as it needs an object: a verb of saying, a frequent transitive one, or a weak
    past ("sørgede"). Not "døde", "kom", "gik": "En mand døde" is a headline."""
    t = token.lower().rstrip(",")
    return t in SAYING_VERBS or t in TRANSITIVE_VERBS or (len(t) > 4 and t.endswith("ede"))


def _drop_opening_adverbial(text: str) -> str:
    """ "Efter 69 minutter blev Robert Skov skiftet ud" → "Robert Skov blev skiftet ud".

    An opening adverbial of up to nine words, before the verb and a named subject (Danish inversion),
    goes, and the subject comes first. Only with a name as subject: a pronoun would point back.
    """
    tokens = text.split()
    if len(tokens) < 4 or tokens[0].lower() not in ADVERBIAL_OPENERS:
        return text
    for k in range(1, min(10, len(tokens) - 2)):
        if tokens[k - 1].endswith((",", ":", ";")):
            return text  # the opener ended in a clause break: not a plain adverbial
        verb = tokens[k]
        if not (verb[:1].islower() and _is_finite_verb(verb)):
            continue
        subject: list[str] = []
        for token in tokens[k + 1 :]:
            if CAPITALISED.match(token) and not token.endswith("-") and len(subject) < 4:
                subject.append(token)
            else:
                break
        rest = tokens[k + 1 + len(subject) :]
        if rest and (rest[0].lower() in {"og", "eller"} or tokens[k + len(subject)].endswith("-")):
            return text  # "Sundheds- og Ældreministeriet": the name goes on
        if rest and PARTY.fullmatch(rest[0].rstrip(",")):
            subject.append(rest.pop(0))
        if subject and rest and (rest[0][:1].islower() or rest[0][:1].isdigit()):
            return " ".join([*subject, verb, *rest])
    return text


def shorten(text: str, limit: int) -> str:
    """A sentence too long for a headline, without what a headline does without, step by step until it fits:
    the role before a name, filler adverbs ("blandt andet", "dog"), party letters, an opening adverbial. Not for
    a quote: what a source said is not edited.

    >>> shorten("Udlændinge- og integrationsminister Inger Støjberg (V) vil nu blandt andet stramme reglerne", 40)
    'Inger Støjberg vil nu stramme reglerne'
    """
    steps = (
        lambda t: ROLE_BEFORE_NAME.sub(lambda m: _role_before_name(m, t), t) if _has_role(t) else t,
        lambda t: FILLER.sub("", t),
        lambda t: PARTY_LETTER.sub("", t),
        _drop_opening_adverbial,
    )
    for step in steps:
        if len(text) <= limit:
            break
        text = step(text)
        text = text[:1].upper() + text[1:]
    return text


def _main_clause_first(text: str) -> str:
    """ "Indtil kampvognene ruller, vil vi afsøge diplomatiet" → "Vi vil afsøge diplomatiet".

    A sentence that opens with a subordinate clause makes a poor headline cut; when its main clause
    is verb + pronoun or verb + name (Danish inversion), the main clause alone is put back in subject-verb
    order. Not after "hvis": "Hvis vi ikke får pengene, lukker vi skolen" does not say "Vi lukker skolen".

    >>> _main_clause_first("Når fodboldfans skal med toget, sender DSB nu to guider med hvert tog")
    'DSB sender nu to guider med hvert tog'
    """
    first = text.split(maxsplit=1)[0].lower() if text.strip() else ""
    if first not in SUBORDINATORS or first == "hvis":
        return text
    m = INVERTED_MAIN_CLAUSE.search(text)
    if m and len(words(m.group(3))) >= 2 and m.group(1) not in DANGLING:  # not ", at man ..."
        return f"{m.group(2).capitalize()} {m.group(1)} {m.group(3)}"
    m = INVERTED_NAMED_CLAUSE.search(text)
    if m and len(words(m.group(3))) >= 2 and m.group(1) not in DANGLING:
        return f"{m.group(2)} {m.group(1)} {m.group(3)}"
    return text


def _cut_to(text: str, limit: int) -> str:
    """Within `limit` characters: cut at a clause break when one leaves a real headline, else at a word."""
    return _cut_how(text, limit)[0]


def _clause_head(text: str, m: re.Match[str], limit: int | None = None) -> str:
    """The words before clause break `m` when they make a headline on their own, else "".

    Not when the break opens an "at" clause the words before need ("Tallene viser, at ...", "Villy
    Søvndal mener selv, at ..."), nor when they are only a subordinate clause ("Når fodboldfans skal
    transporteres i tog").
    """
    if text[m.end() : m.end() + 3] == "at ":
        return ""
    if text[m.end() : m.end() + 4] in ("der ", "som ") and CLEFT.match(text):
        return ""  # "Det er ikke alle kommuner i hovedstadsområdet, der ...": a cleft says nothing without its end
    head = strip_dangling(text[: m.start()])
    if limit is not None and len(head) > limit:
        return ""  # checked first: the tests below are the costly part, and most heads of a long sentence fail here
    if len(words(head)) < 4 or not has_verb(head) or opens_subordinate_clause(head) or _cut_short(head):
        return ""
    return head


def _cut_short(head: str) -> bool:
    """A cut that left the words before it without what they need: ending on an auxiliary or a bare subject
    pronoun ("Arvtageren som ny formand bliver", "enige i, at man"), or a subject and its relative clause with
    no verb of its own ("Advocaat, som i øjeblikket er cheftræner for Simon Kjær")."""
    if head and head.rsplit(maxsplit=1)[-1].lower() in NEEDS_MORE:
        return True
    if _modal_without_verb(head) or _open_noun_phrase(head) or _verb_before_subject(head):
        return True
    subject, _, rest = head.partition(", ")
    if rest.split(maxsplit=1)[:1] in (["som"], ["der"]) and not has_verb(subject):
        return True
    # The same without the comma ("Teknologi der udelukkende er baseret"): the relative clause has the only verb
    # ("Borgmesteren der blev valgt vil sænke skatten" has one more, its own).
    tokens = words(head)
    k = next((i for i, t in enumerate(tokens[1:3], start=1) if t in ("der", "som")), 0)
    verbal = _verbal(tokens)
    return bool(k) and not any(verbal[:k]) and sum(verbal[k + 1 :]) <= 1


def _open_noun_phrase(head: str) -> bool:
    """ "Regional Manager for Eurolines' skandinaviske", "i de nye": an adjective after an article, a possessive or
    a genitive, without its noun. Only a word that looks like an adjective: "alle sine penge", "mine breve" are
    whole."""
    tokens = head.split()
    if len(tokens) < 2:
        return False
    last, before = tokens[-1], tokens[-2]
    if not (last.isalpha() and last[:1].islower() and (last.endswith(ADJECTIVE_ENDINGS) or last in E_ADJECTIVES)):
        return False
    return before.lower() in DETERMINERS or (before[:1].isupper() and before.endswith(("s", "'", "’")))


def _verb_before_subject(head: str) -> bool:
    """An opening adverbial, then the verb, whose subject comes after it in Danish word order, and the cut left
    out the subject ("I dette drama skildres") or all that follows it ("Siden weekenden har Villy Søvndal")."""
    tokens = head.split()
    if len(tokens) < 3 or tokens[0].lower() not in ADVERBIAL_OPENERS:
        return False
    last = tokens[-1].lower()
    if tokens[-1][:1].islower() and (_is_finite_verb(last) or last.endswith("es")):
        return not has_verb(" ".join(tokens[:-1]))
    for k in range(1, len(tokens) - 1):
        verb = tokens[k].lower()
        if verb in AUXILIARIES or verb in TRANSITIVE_VERBS:
            rest = tokens[k + 1 :]
            return all(t[:1].isupper() for t in rest) or (len(rest) == 1 and rest[0].lower() in PRONOUNS)
        if tokens[k - 1].endswith((",", ":", ";")):
            break
    return False


def _modal_without_verb(head: str) -> bool:
    """ "Samtidig vil tre andre kommuner": a modal, then its subject (Danish inversion), and no verb after it."""
    if not _MODAL_RE.search(head):
        return False  # the common case, decided cheaply: this runs for every clause a cut could end on
    tokens = [t.lower().strip(",.") for t in head.split()]
    modals = [i for i, t in enumerate(tokens) if t in MODALS]
    if not modals:
        return False
    after = tokens[modals[-1] + 1 :]
    original = head.split()[modals[-1] + 1 :]
    # Inverted after an opening adverb ("Sådan kan tilstanden mellem ..."): whatever follows the modal is its subject.
    inverted = modals[-1] == 1 and tokens[0] in INVERTING_OPENERS
    if not after or not (inverted or after[0] in SUBJECT_STARTERS or original[0][:1].isupper()):
        return False
    return not any(
        t in COMMON_VERBS or (t.endswith("e") and t not in E_ADJECTIVES and o[:1].islower())
        for t, o in zip(after[1:], original[1:], strict=True)
    )


def _ends_open(head: str, following: str) -> bool:
    """A word cut that leaves a phrase open: on an adverb or quantifier ("tager nu igen"), a number ("sex
    fire"), an adjective before "og" ("om innovative | og markante"), or two words into an "at" clause ("at
    Skat", "at han kom")."""
    tokens = head.split()
    last = tokens[-1].lower().rstrip(".,")
    if last in OPEN_ENDINGS or last.isdigit() or last in NUMBER_WORDS:
        return True
    if following == "og" and last[-1:] == "e" and last.isalpha() and tokens[-1][:1].islower():
        return True
    return "at" in (t.lower() for t in tokens[-3:-1])


#: How `_cut_how` made a text fit: whole (or at a clause break), before a preposition or conjunction that opens
#: the next phrase ("… fandt sted på værtshuset Stalden | klokken 01.00"), or at the last word that fits.
WHOLE, AT_PHRASE, AT_WORD = 0, 1, 2


def _cut_how(text: str, limit: int) -> tuple[str, int]:
    """`_cut_to`, saying how it cut (`WHOLE`, `AT_PHRASE`, `AT_WORD`)."""
    if len(text) <= limit:
        return strip_dangling(text), WHOLE
    best = ""
    for m in CLAUSE_BREAK.finditer(text):
        if head := _clause_head(text, m, limit):
            best = head
    if best:
        return best, WHOLE
    out: list[str] = []
    tokens = text.split()
    for token in tokens:
        if len(" ".join([*out, token])) > limit:
            break
        out.append(token)
    # Rather than mid-phrase ("... greb daværende"), end before a preposition, conjunction or time word.
    for k in range(len(out), 3, -1):
        following = tokens[k].lower().strip(",.") if k < len(tokens) else ""
        if out[k - 1].lower() in PARTICLES and following in DANGLING:
            continue  # "i op | til seks uger": the particle belongs to the preposition after it
        if following == "at" or out[k - 1].lower() == "at":
            continue  # "har besluttet | at lukke", "vurderer, at | de mange": the words before need the "at" clause
        if CLEFT.match(text) and not {"der", "som"} & {t.lower().strip(",") for t in out[2:k]}:
            continue  # "Det er ikke alle kommuner | i hovedstadsområdet, der ...": the cleft's point is after the cut
        if following == "af" and not (out[k - 1].endswith("t") or _verbal([out[k - 1]])[0]):
            continue  # "i sin egenskab | af udenrigsminister": "af" binds to its noun ("anholdt | af politiet" is fine)
        if following == "til" and tokens[k + 1 : k + 2] == ["at"] and (
            GET_VERBS & {t.lower() for t in out[:k]} or _verbal([out[k - 1]])[0]
        ):
            continue  # "Det får orkancentret | til at opgradere Bill", "Politiskolen kommer | til at ligge": one verb
        if tuple(t.lower() for t in out[k - 2 : k]) in COMPOUND_PREPOSITIONS:
            continue  # "har i modsætning | til": the preposition is three words
        if following in DANGLING or following in CUT_BEFORE:
            head = strip_dangling(" ".join(out[:k]))
            if _torn_verb(head.rsplit(maxsplit=1)[-1]):
                continue  # "sørgede | for at få", "skriver | Sundheds- og Ældreministeriet": a verb without its object
            if len(words(head)) >= 4 and has_verb(head) and not _cut_short(head) and not _ends_open(head, following):
                return head, AT_PHRASE
    head = strip_dangling(" ".join(out))
    while len(head.split()) > 1 and head.rsplit(maxsplit=1)[-1].lower() in NEEDS_MORE:
        head = strip_dangling(head.rsplit(maxsplit=1)[0])
    return head, AT_WORD


def compress(sentence: str, limit: int = 70) -> str:
    """A body sentence in headline shape, within `limit` characters.

    Drops the quote dash, dateline, trailing attribution, long parentheses and the opening time
    adverbial (moving the actor first), then cuts at a clause break if it is still too long.

    >>> compress("Mandag fremlagde Aarhus Kommune en plan for 38 kilometer nye cykelstier.", 70)
    'Aarhus Kommune fremlagde en plan for 38 kilometer nye cykelstier'
    """
    return compress_how(sentence, limit)[0]


def compress_how(sentence: str, limit: int = 70, *, quote: bool = False) -> tuple[str, int]:
    """`compress`, and how it was made to fit: `WHOLE`, `AT_PHRASE` or `AT_WORD` (a fragment, the weakest).

    A dash-led quote, or a sentence the caller knows is part of one (`quote`: "Jeg er dybt berørt" after
    "- Det er en tragedie."), stays marked as a quote with the dash, as Danish headlines mark a quote
    without its speaker: "- Jeg er dybt berørt". What a source said is never shortened.
    """
    text = " ".join(sentence.split())
    text = DATELINE.sub("", text) if "(" in text else text
    dash = quote or bool(re.match(r"^[-–—]\s", text))
    text = re.sub(r"^[-–—]\s+", "", text)
    if dash:
        limit -= 2  # room for "- "
    text = LEADING_CONJUNCTION.sub("", text)
    text = drop_attribution(text)
    if not dash:  # a quote keeps its words and their order, an editor's "(Porta, red.)" included
        text = PARENTHESIS.sub(lambda m: " " if text[m.end() : m.end() + 1].isalnum() else "", text)
        text = _actor_first(text)
        text = drop_time_adverbials(text)  # a headline has no "mandag aften" inside it
        text = _main_clause_first(text)
    cut, how = _fit(text, limit)
    if how != WHOLE and not dash and not is_quote(text):
        # Cut ("Efter 69 minutter blev Robert Skov"): a shorter wording of the whole is the better headline when
        # it needs less of a cut (whole, or at a phrase boundary for a fragment). Only then: the steps cost title words.
        shorter = shorten(text, limit)
        if shorter != text:
            shorter, how_shorter = _fit(shorter, limit)
            if how_shorter < how:
                cut, how = shorter, how_shorter
    return (f"- {cut}" if dash and cut else cut), how


def _fit(text: str, limit: int) -> tuple[str, int]:
    """The last steps of `compress_how`: appositions go while too long, then the cut to `limit`."""
    if len(text) > limit and _has_role(text):
        text = ROLE_APPOSITION.sub(lambda m: _drop_role(m, text), text)
    if len(text) > limit:
        text = APPOSITION.sub(r"\2 ", text, count=1)
    text = _first_quoted_sentence(text.rstrip(" ."))
    if text[:1].islower():
        text = text[:1].upper() + text[1:]
    quoted = text[:1] in _QUOTE_PAIRS
    cut, how = _cut_how(text, limit - (3 if quoted else 1))  # room for " …" and a closing quote mark
    if how != WHOLE and quoted and _missing_close(cut):
        # Cut mid-phrase inside a quote: show the omission, or the headline puts words in the speaker's mouth
        # ("»… uacceptabelt at sammenligne Skat«" when Skat was compared with something).
        cut += " …"
    return balance_quotes(cut), how


#: Opening mark → its closing mark, as Danish copy uses them (»…«, "…", “…”, and ”…” from Swedish-style keyboards).
_QUOTE_PAIRS = {"»": "«", '"': '"', "“": "”", "”": "”"}


def _first_quoted_sentence(text: str) -> str:
    """A quote of several sentences becomes its first: ``»Det bliver svært. De er favoritter«`` → ``»Det bliver svært``.
    """
    if text[:1] not in _QUOTE_PAIRS:
        return text
    sentences = split_sentences(text[1:])
    if len(sentences) > 1 and len(words(sentences[0])) >= MIN_HEADLINE_WORDS:
        return text[0] + sentences[0].rstrip(" .")
    return text


def _missing_close(text: str) -> str:
    """The mark that closes a quote `text` opens and does not close ("" when none is open)."""
    if text.count("»") > text.count("«"):
        return "«"
    if text.count('"') % 2:
        return '"'
    if text.count("“") > text.count("”") or (text.count("”") % 2 and "“" not in text):
        return "”"
    return ""


def balance_quotes(headline: str) -> str:
    """Close a quote the cut left open, and drop a parenthesis it left open.

    >>> balance_quotes("»Vi står over for et gennembrud for elbiler")
    '»Vi står over for et gennembrud for elbiler«'
    >>> balance_quotes("Politiet efterlyser en mand (omkring 30 år")
    'Politiet efterlyser en mand'
    >>> balance_quotes("Derfor er det for simpelt at regulere efter CO2,« siger han")
    '»Derfor er det for simpelt at regulere efter CO2«'
    """
    if headline.count("(") > headline.count(")"):
        headline = strip_dangling(headline[: headline.rfind("(")])
    if headline.count("«") > headline.count("»"):
        # The end of a quote that opened in an earlier sentence: the quoted words, marked as a quote.
        quoted = strip_dangling(headline[: headline.find("«")])
        if "»" not in quoted and len(words(quoted)) >= MIN_HEADLINE_WORDS:
            return f"»{quoted}«"
    return headline + _missing_close(headline)


def is_attribution_only(sentence: str) -> bool:
    """ "Det oplyser politiet til Ritzau.": where the sentence before came from, nothing of its own.

    >>> is_attribution_only("Det oplyser Lægemiddelstyrelsen på sin hjemmeside."), is_attribution_only("Det regner.")
    (True, False)
    """
    return bool(ATTRIBUTION_ONLY.match(sentence.lstrip()))


def opens_subordinate_clause(text: str) -> bool:
    """Opens on "Når", "Hvis", "Selv om" ...: cut short, such a sentence is a subordinate clause without its main one.

    >>> opens_subordinate_clause("Selv om knæskaden er et alvorligt stød"), opens_subordinate_clause("Selv Putin tav")
    (True, False)
    """
    head = [w.lower() for w in text.split()[:3]]
    if head[:1] == ["for"]:
        head = head[1:]  # "For selv om ...", "For hvis ..."
    return bool(head) and (head[0] in CLAUSE_OPENERS or head[:2] == ["selv", "om"])


def is_anaphoric(headline: str) -> bool:
    """Opens on a word that points back ("Det erkender ...", "Og så ..."): weak on its own as a headline."""
    first = headline.split(maxsplit=1)[0].lower() if headline.strip() else ""
    return first in ANAPHORIC_OPENERS


def is_shouting(text: str) -> bool:
    """A line in capitals: a cross-head or web furniture ("DELTAG I DEBATTEN HERUNDER:"), not a sentence to use.

    >>> is_shouting("SE DET I KLIPPET ØVERST"), is_shouting("NATO og EU mødes i Bruxelles.")
    (True, False)
    """
    if any(c.islower() for c in text[1:6]):
        return False  # the common case, decided cheaply: this runs on every candidate sentence
    upper, lower = sum(map(str.isupper, text)), sum(map(str.islower, text))
    return upper + lower >= 8 and upper > 0.7 * (upper + lower)


def has_verb(text: str) -> bool:
    """A rough test that `text` is a clause, not a bare noun phrase ("Venstres gruppeformand i byrådet").

    A word that looks like a verb ("-er", "-ede") is a noun after a preposition, an article, a possessive or a
    number ("af migranter", "tre kommuner"), and so is one joined by "og" to a word that is no verb ("flygtninge og
    migranter"): a finite verb never follows those.

    >>> has_verb("Aarhus vil bruge 145 mio. kr."), has_verb("Antallet af flygtninge og migranter")
    (True, False)
    """
    verbal = _verbal(words(text))
    return any(verbal[1:] if len(verbal) > 1 else verbal)


def _verbal(tokens: list[str]) -> list[bool]:
    """Per word token: does it look like a finite verb here (see `has_verb`)."""
    verbal = [False] * len(tokens)
    for k, w in enumerate(tokens):
        t = w.lower()
        looks = t in COMMON_VERBS or (
            w[:1].islower() and len(t) > 3 and t.endswith(VERB_ENDINGS) and t not in DANGLING and t not in SUPERLATIVES
        )
        before = tokens[k - 1].lower() if k else ""
        after_noun_marker = before in NOUN_MARKERS or before.isdigit() or before in NUMBER_WORDS
        joined_to_noun = before in ("og", "eller") and k >= 2 and not verbal[k - 2]
        verbal[k] = looks and not (after_noun_marker or joined_to_noun)
    return verbal


def first_clause(sentence: str, limit: int = 70, *, compressed: bool = False) -> str:
    """The sentence's first clause (at least four words, with a verb), for a shorter, different alternative."""
    full = sentence if compressed else compress(sentence, limit)
    for m in CLAUSE_BREAK.finditer(full):
        if head := _clause_head(full, m):
            return head
    return full


def _speaker(attribution_tail: str, context: str) -> str | None:
    """Who speaks in "siger rådmand Anders F. Kristensen (S) til DR" → "Kristensen"; pronouns via `context`.

    A person before "fra" speaks, not the place they are from: "lektor Roger Buch fra Syddansk Universitet"
    → "Buch"; with no name before it, the organisation does: "en talsmand fra Rigspolitiet" → "Rigspolitiet".
    """
    tail = re.sub(r"\([^)]*\)", "", attribution_tail)
    tail = re.split(r"\s+(?:til|i\s+en|på|ifølge|ved|om)\s+", tail)[0]
    person, _, organisation = tail.partition(" fra ")
    if organisation and any(CAPITALISED.match(t) for t in person.replace(",", " ").split()):
        tail = person
    tokens = tail.replace(",", " ").split()
    if not tokens:
        return None
    if tokens[0].lower() in PRONOUNS:
        names = NAME_IN_CONTEXT.findall(context)
        return names[-1].split()[-1] if names else None
    name = [t for t in tokens if CAPITALISED.match(t)]
    if not name:
        return None
    last = name[-1].rstrip(".")
    return last if len(last) > 1 else None


def quote_headline(paragraph: str, context: str = "", limit: int = 70) -> str | None:
    """The "Navn: citat" form from a dash-led quote paragraph, or None when there is none.

    >>> quote_headline("- Vi har lovet borgerne mere. Nu betaler vi, siger rådmand Anders F. Kristensen (S).")
    'Kristensen: Vi har lovet borgerne mere'
    """
    text = SPACE.sub(" ", paragraph).strip()
    if not re.match(r"^[-–—]\s", text):
        return None
    m = re.search(rf",\s+{SAYING}\s+([^.!?]*(?:\.\s?[A-ZÆØÅ]\.?\s?[^.!?]*)?)[.!?]?\s*$", text, re.IGNORECASE)
    if not m:
        return None
    speaker = _speaker(m.group(1), context)
    if not speaker:
        return None
    quote = re.sub(r"^[-–—]\s+", "", text[: m.start()])
    first = _main_clause_first(split_sentences(quote)[0]) if quote else ""
    if first.rstrip().endswith("?") or len(words(first)) < 4:
        return None
    body, how = _cut_how(first.rstrip(" ."), limit - len(speaker) - 2)
    if how != WHOLE or len(words(body)) < 3:
        return None  # a quote cut mid-phrase is no longer what the speaker said
    return f"{speaker}: {body}"


def quote_sentences(body: str) -> set[str]:
    """The sentences (as `split_sentences` gives them) of every dash-led quote paragraph: a headline made of one
    is still a quote, whoever says it (`compress_how` marks it)."""
    return {s for para in paragraphs(body) if para.lstrip()[:1] in "-–—" for s in split_sentences(para)}


def guillemet_headline(sentence: str, limit: int = 70) -> str | None:
    """ "Navn: citat" from a »quoted« phrase and a named speaker in the same sentence.

    >>> guillemet_headline("Venstres gruppeformand, Mette Lund, kalder planen for »et luftkastel uden finansiering«.")
    'Lund: Et luftkastel uden finansiering'
    """
    m = GUILLEMETS.search(sentence)
    if not m or len(words(m.group(1))) < 3:
        return None
    names = NAME_IN_CONTEXT.findall(" " + sentence[: m.start()])
    if not names:
        return None
    speaker = names[-1].split()[-1]
    quote = m.group(1).strip().rstrip(".")
    quote = quote[:1].upper() + quote[1:]
    body, how = _cut_how(quote, limit - len(speaker) - 2)
    return f"{speaker}: {body}" if len(words(body)) >= 3 and how == WHOLE else None


def quote_headlines(body: str, limit: int = 70) -> list[str]:
    """Every "Navn: citat" headline the body offers, in text order."""
    out: list[str] = []
    previous = ""
    for para in paragraphs(body):
        h = quote_headline(para, previous, limit)
        if h:
            out.append(h)
        elif "»" in para:
            out += [g for s in split_sentences(para) if (g := guillemet_headline(s, limit))]
        previous = para
    return out


def candidates_from_sentences(ranked_sentences: list[str], options: Options, body: str = "") -> list[str]:
    """The extractive engine's own headline candidates, best first.

    The best sentence compressed, then its first clause, the strongest quote as "Navn: citat",
    then the next sentences compressed.
    """
    limit = options.max_headline_chars
    out: list[str] = []
    for s in ranked_sentences[: options.n_headlines + 3]:
        out.append(compress(s, limit))
    if ranked_sentences:
        out.insert(1, first_clause(ranked_sentences[0], limit))
    quotes = quote_headlines(body, limit) if body else []
    if quotes:
        out.insert(1, quotes[0])
    return [h for h in out if h]


def _tidy(candidate: str, limit: int) -> str:
    return compress(candidate, limit) if candidate else ""


def _fallbacks(article: Article, limit: int) -> list[str]:
    """Headlines the article itself offers, for topping up: quotes, then sentences in order, then clauses."""
    sentences = split_sentences(article.body)
    out = quote_headlines(article.body, limit)
    out += [compress(s, limit) for s in sentences[:12]]
    out += [first_clause(s, limit) for s in sentences[:12]]
    return out


def _last_resort(article: Article, limit: int) -> list[str]:
    """For a body of a sentence or two (or no sentences at all): shorter runs of its first words."""
    tokens = words(article.body)[:40]
    out = []
    for size in (8, 6, 4, 3):
        for start in range(0, max(len(tokens) - size + 1, 1), size):
            run = strip_dangling(" ".join(tokens[start : start + size]))
            if run:
                out.append(_cut_to(run[:1].upper() + run[1:], limit))
    return out


def _acceptable(h: str, limit: int, min_words: int) -> bool:
    return bool(h) and len(h) <= limit and len(words(h)) >= min_words


def finalise(candidates: list[str], article: Article, options: Options) -> list[str]:
    """Candidates → at most `options.n_headlines` ranked, distinct headlines in Danish style.

    Each is tidied (no trailing full stop, no dangling conjunction or preposition, within
    `options.max_headline_chars`, at least `MIN_HEADLINE_WORDS` words); near-copies of a
    better-ranked one (`NEAR_COPY_JACCARD`) are dropped; when fewer than `n_headlines` remain,
    the list is topped up from the article. At least three distinct ones come back whenever the
    body holds three words; for a body of one short sentence the near-copy bound is relaxed
    rather than return fewer than three.
    """
    limit = options.max_headline_chars
    want = options.n_headlines
    out: list[str] = []
    for c in candidates:
        h = _tidy(c, limit)
        if _acceptable(h, limit, MIN_HEADLINE_WORDS) and not is_near_copy(h, out):
            out.append(h)
        if len(out) >= want:
            return out
    if not article.body.strip():
        return out
    fallbacks = _fallbacks(article, limit)
    for h in fallbacks:
        if _acceptable(h, limit, MIN_HEADLINE_WORDS) and not is_near_copy(h, out):
            out.append(h)
            if len(out) >= want:
                return out
    # Short of three (a body of a sentence or two): runs of the first words, first within the bound,
    # then, only if there is no other way to three, relaxing the near-copy bound but staying distinct.
    runs = _last_resort(article, limit)
    for h in runs:
        if len(out) >= min(3, want):
            return out
        if _acceptable(h, limit, MIN_HEADLINE_WORDS) and not is_near_copy(h, out):
            out.append(h)
    for h in [*fallbacks, *runs, *candidates]:
        if len(out) >= min(3, want):
            break
        h = strip_dangling(h) if len(h) <= limit else _tidy(h, limit)
        if _acceptable(h, limit, 1) and h.lower() not in {o.lower() for o in out}:
            out.append(h)
    return out
