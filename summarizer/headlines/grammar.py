"""Rough Danish clause tests a headline rule asks: is this a clause, does it point back, is it shouting.

No parser: word lists and endings, tuned on wire copy. A finite verb is told from a noun that looks like one
("af migranter", "tre kommuner") by the word before it.

>>> has_verb("Aarhus vil bruge 145 mio. kr."), has_verb("Antallet af flygtninge og migranter")
(True, False)
"""

from __future__ import annotations

import re

from summarizer.danish import (
    AUXILIARIES,
    DANGLING,
    DETERMINERS,
    NUMBER_WORDS,
    PREPOSITIONS,
    SAYING,
    SAYING_VERBS,
    wordset,
)
from summarizer.text import words

#: A headline has at least this many words (only a body too short for three such alternatives gets fewer).
MIN_HEADLINE_WORDS = 3
#: Openers that point back to an earlier sentence.
ANAPHORIC_OPENERS = wordset("det den de der dette disse han hun og men så her dermed derfor også samtidig")
#: Words a finite verb never follows (prepositions, articles, possessives, quantifiers): after one, "migranter" is a
#: noun. Not "for" and "om", which open clauses too ("for de er"), nor "den", "det", "de", which are pronouns too.
NOUN_MARKERS = (
    (PREPOSITIONS - {"for", "om", "grundet"})
    | (DETERMINERS - {"den", "det", "de", "denne", "dette", "disse"})
    | wordset("dens dets alle mange flere nogle begge")
)
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
#: Frequent verbs that take an object, for `torn_verb`.
TRANSITIVE_VERBS = wordset(
    "har havde får fik giver gav tager tog ser så vinder vandt taber tabte fandt gjorde holdt slog"
)
#: Words an opening adverbial starts with, for `drop_opening_adverbial`.
ADVERBIAL_OPENERS = wordset(
    """
    efter før inden under ved med indtil siden i på til for om samtidig derfor dermed desuden også nu senere
    tidligere allerede ifølge trods uden blandt hos fra
    """
)
#: Words that open a subordinate clause and nothing else (not "efter", "siden", "før": prepositions too), so a
#: clause that opens on one is no headline by itself.
CLAUSE_OPENERS = wordset("når hvis fordi selvom mens skønt idet eftersom da")
#: "Det oplyser Lægemiddelstyrelsen på sin hjemmeside", "Det viser en ny undersøgelse": a sentence that only
#: says where the sentence before came from. No headline.
ATTRIBUTION_ONLY = re.compile(rf"^(?:Det|Dette|Det\s+her)\s+(?:{SAYING}|viser|fremgår|erfarer|bekræfter)\b")
CAPITALISED = re.compile(r"^[A-ZÆØÅ][\w'’.-]*$")
PARTY = re.compile(r"\([A-ZÆØÅ]{1,3}\)")


def is_finite_verb(token: str) -> bool:
    """A rough test for a finite verb in second place ("blev", "advarer", "fremlagde")."""
    t = token.lower()
    return (
        t in COMMON_VERBS
        or t in AUXILIARIES
        or t in SAYING_VERBS
        or (len(t) > 3 and t.endswith(("er", "ede", "te")) and t not in DANGLING)
    )


def torn_verb(token: str) -> bool:
    """A verb a cut must not end on, as it needs an object: a verb of saying, a frequent transitive one, or a weak
    past ("sørgede"). Not "døde", "kom", "gik": "En mand døde" is a headline."""
    t = token.lower().rstrip(",")
    return t in SAYING_VERBS or t in TRANSITIVE_VERBS or (len(t) > 4 and t.endswith("ede"))


def has_verb(text: str) -> bool:
    """A rough test that `text` is a clause, not a bare noun phrase ("Venstres gruppeformand i byrådet").

    A word that looks like a verb ("-er", "-ede") is a noun after a preposition, an article, a possessive or a
    number ("af migranter", "tre kommuner"), and so is one joined by "og" to a word that is no verb ("flygtninge og
    migranter"): a finite verb never follows those.

    >>> has_verb("Aarhus vil bruge 145 mio. kr."), has_verb("Antallet af flygtninge og migranter")
    (True, False)
    """
    verbal = verb_flags(words(text))
    return any(verbal[1:] if len(verbal) > 1 else verbal)


def verb_flags(tokens: list[str]) -> list[bool]:
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
