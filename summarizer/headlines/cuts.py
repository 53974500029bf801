"""Where a headline may be cut: at a clause break, before a phrase, never mid-phrase.

`cut_how` makes a text fit a character limit and says how (`WHOLE`, `AT_PHRASE`, `AT_WORD`). The rules that
forbid a cut point live here: a headline does not end on a preposition or an article (`DANGLING`, via
`strip_dangling`), on an auxiliary (`NEEDS_MORE`), inside a compound preposition ("i modsætning | til"), between
"få" and "til at", or right after a verb that needs its object.

>>> cut_how("Skolen i Vorupør lukker efter sommerferien, fordi der er for få elever", 50)
('Skolen i Vorupør lukker efter sommerferien', 0)
>>> cut_how("Regeringen vil bruge 2 mia. kr. på nye cykelstier i hele landet frem mod 2030", 50)
('Regeringen vil bruge 2 mia. kr. på nye cykelstier', 1)
>>> strip_dangling("Planen hviler på")
'Planen hviler'
"""

from __future__ import annotations

import re

from summarizer.danish import AUXILIARIES, DANGLING, DETERMINERS, MODALS, NUMBER_WORDS, PRONOUNS, wordset
from summarizer.headlines.grammar import (
    ADVERBIAL_OPENERS,
    COMMON_VERBS,
    TRANSITIVE_VERBS,
    has_verb,
    is_finite_verb,
    opens_subordinate_clause,
    torn_verb,
    verb_flags,
)
from summarizer.text import words

#: Words a long sentence may be cut before when it has no clause break that fits.
CUT_BEFORE = wordset(
    """
    mandag tirsdag onsdag torsdag fredag lørdag søndag klokken kl i går forleden efter før siden mens
    hvor hvis fordi selvom når da der som
    """
)
#: Adverbial particles that join a following preposition ("op til", "ud af", "ind i", "frem mod").
PARTICLES = wordset("op ned ud ind frem hen over bort")
#: "få ... til at": the cut must not come before "til at" ("Det får orkancentret | til at opgradere Bill").
GET_VERBS = wordset("får fik få fået")
#: Words a headline cut mid-phrase must not end on: adverbs and quantifiers that belong to what follows ("har
#: regeringspartiet skruet lidt op", "tager nu igen sin medicin", "med i år både en familieturnering").
OPEN_ENDINGS = wordset(
    """
    igen nu også kun både ikke aldrig allerede stadig fortsat bare blot lige talt mere mest meget flere færre
    få mange alle nogle hele resten ligesom samt helt endnu snart netop altid godt næsten omkring cirka ca
    bl.a blandt andet dog nemlig jo slet ret hhv
    """
)
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
#: A cut that ends on one of these has left out what it needs ("Mitt Romney har", "enige i, at man").
NEEDS_MORE = AUXILIARIES | PRONOUNS
CLAUSE_BREAK = re.compile(r",\s+|\s+[-–]\s+|;\s+|:\s+")
#: "Det er ikke alle kommuner, der ...", "Det var kun politiet, som ...": a cleft (told by its focus adverb from "Det
#: er en stor dag, der ..."), whose point comes after the break.
CLEFT = re.compile(r"^Det\s+(?:er|var)\s+(?:ikke|kun|især|netop|først|blot|bare|også|derfor)\s")


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


def cut_to(text: str, limit: int) -> str:
    """Within `limit` characters: cut at a clause break when one leaves a real headline, else at a word."""
    return cut_how(text, limit)[0]


def clause_head(text: str, m: re.Match[str], limit: int | None = None) -> str:
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
    verbal = verb_flags(tokens)
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
    if tokens[-1][:1].islower() and (is_finite_verb(last) or last.endswith("es")):
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


#: How `cut_how` made a text fit: whole (or at a clause break), before a preposition or conjunction that opens
#: the next phrase ("… fandt sted på værtshuset Stalden | klokken 01.00"), or at the last word that fits.
WHOLE, AT_PHRASE, AT_WORD = 0, 1, 2


def cut_how(text: str, limit: int) -> tuple[str, int]:
    """`cut_to`, saying how it cut (`WHOLE`, `AT_PHRASE`, `AT_WORD`)."""
    if len(text) <= limit:
        return strip_dangling(text), WHOLE
    best = ""
    for m in CLAUSE_BREAK.finditer(text):
        if head := clause_head(text, m, limit):
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
        if following == "af" and not (out[k - 1].endswith("t") or verb_flags([out[k - 1]])[0]):
            continue  # "i sin egenskab | af udenrigsminister": "af" binds to its noun ("anholdt | af politiet" is fine)
        if following == "til" and tokens[k + 1 : k + 2] == ["at"] and (
            GET_VERBS & {t.lower() for t in out[:k]} or verb_flags([out[k - 1]])[0]
        ):
            continue  # "Det får orkancentret | til at opgradere Bill", "Politiskolen kommer | til at ligge": one verb
        if tuple(t.lower() for t in out[k - 2 : k]) in COMPOUND_PREPOSITIONS:
            continue  # "har i modsætning | til": the preposition is three words
        if following in DANGLING or following in CUT_BEFORE:
            head = strip_dangling(" ".join(out[:k]))
            if torn_verb(head.rsplit(maxsplit=1)[-1]):
                continue  # "sørgede | for at få", "skriver | Sundheds- og Ældreministeriet": a verb without its object
            if len(words(head)) >= 4 and has_verb(head) and not _cut_short(head) and not _ends_open(head, following):
                return head, AT_PHRASE
    head = strip_dangling(" ".join(out))
    while len(head.split()) > 1 and head.rsplit(maxsplit=1)[-1].lower() in NEEDS_MORE:
        head = strip_dangling(head.rsplit(maxsplit=1)[0])
    return head, AT_WORD
