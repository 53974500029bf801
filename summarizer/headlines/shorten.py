"""What a headline does without: the role before a name, filler adverbs, party letters, appositions.

Applied step by step, and only while the sentence is too long: each step costs words the real title may share.
Never applied to a quote: what a source said is not edited.

>>> shorten("Udlændinge- og integrationsminister Inger Støjberg (V) vil nu blandt andet stramme reglerne", 40)
'Inger Støjberg vil nu stramme reglerne'
"""

from __future__ import annotations

import re

from summarizer.headlines.grammar import PARTY
from summarizer.headlines.word_order import drop_opening_adverbial
from summarizer.trim import word_before

#: "Venstres gruppeformand i byrådet, Mette Lund, kalder ..." → "Mette Lund kalder ...": the name first.
APPOSITION = re.compile(r"^([^,]{3,60}),\s+([A-ZÆØÅ][\w.]*(?:\s+[A-ZÆØÅ][\w.]*){1,3}),\s+(?=[a-zæøå])")
#: "Ruslands præsident, Vladimir Putin," → "Vladimir Putin": a role before a name in commas goes in a headline.
ROLE_APPOSITION = re.compile(
    r"(?:(?<![\w'’-])[A-ZÆØÅ][\w'’-]*s\s+|(?<![\w-])(?:[Dd]en|[Dd]et)\s+)?"
    # "UKIP's tidligere partiformand, Nigel Farage," and "den nuværende formand, Diane James,": the time word goes too
    r"(?:(?:tidligere|nuværende|afgående|nyvalgte|nye|daværende|kommende|fungerende|konstituerede)\s+)?"
    r"(?<![\w-])[\w-]*"
    r"(?:præsident|minister|formand|formanden|direktør|borgmester|leder|chef|"
    r"talsmand|talskvinde|rådmand|ordfører|inspektør|træner|kansler|generalsekretær)(?:en)?"
    r"(?:\s+(?:for|i|og|af|på)\s+[\w-]+){0,3},\s+([A-ZÆØÅ][\w.’'-]*(?:\s+[A-ZÆØÅ][\w.’'-]*){1,3})(?:\s+\([^)]*\))?,\s*"
)
#: Roles a name can follow ("rådmand Anders Kristensen"), for `ROLE_BEFORE_NAME` and `has_role`.
ROLE_WORDS = (
    "minister", "formand", "direktør", "borgmester", "chef", "talsmand", "talskvinde", "rådmand", "ordfører",
    "inspektør", "kansler", "generalsekretær", "professor", "lektor", "forsker", "analytiker", "ekspert",
    "præsident",
)  # fmt: skip
#: A role right before a name, without commas ("udlændinge- og integrationsminister Inger Støjberg (V)",
#: "landstræner Kasper Hjulmand", "Hollywood-skuespilleren Charlie Sheen"): a long sentence's headline keeps
#: the name. "træner" and "leder" only as the end of a compound: alone they are verbs too ("Han træner Brøndby IF").
ROLE_BEFORE_NAME = re.compile(
    r"(?:(?<![\w'’-])[A-ZÆØÅ][\w'’-]*s\s+)?(?<![\w-])(?:[\w-]+-\s+og\s+)?(?i:[\w-]*(?:" + "|".join(ROLE_WORDS)
    + r"|formanden|direktøren|chefen)|[\w-]+(?:træner|leder)|[\w-]{3,}(?:eren|inden|isten))\s+"
    r"(?=[A-ZÆØÅ][\w'’-]+(?:\s+[A-ZÆØÅ]\.)?\s+[A-ZÆØÅ])"
)
# The role words and genitives above start at a whole word, not at each hyphen inside one ("Nord-Koreas" is tried
# from "N" only): from every hyphen of a long hyphenated word, each would scan to its end (quadratic).
#: Adverbs a headline does without ("blandt andet", "dog", "nemlig"): dropped from a sentence too long to fit.
FILLER = re.compile(r"\s+(?:blandt\s+andet|bl\.\s?a\.|dog|nemlig|faktisk|i\s+øvrigt|jo|altså|også)(?=[\s,])")
#: A party letter with the space before it, for `shorten` to drop: "Inger Støjberg (V) vil" → "Inger Støjberg vil".
PARTY_LETTER = re.compile(r"\s+" + PARTY.pattern)


def _drop_role(m: re.Match[str], text: str) -> str:
    """Keep only the name, unless the role belongs to a longer capitalised name ("Kristelig Folkepartis leder")."""
    if word_before(text, m.start())[:1].isupper():
        return m.group(0)
    return m.group(1) + " "


#: What `ROLE_BEFORE_NAME` and `ROLE_APPOSITION` need to find in a sentence, for `has_role`.
_ROLE_STEMS = (*ROLE_WORDS, "træner", "leder", "eren ", "inden ", "isten ")


def has_role(text: str) -> bool:
    """Cheap test before the role patterns, which are slow to fail (most sentences have no role in them)."""
    lower = text.lower()
    return any(stem in lower for stem in _ROLE_STEMS)


def _role_before_name(m: re.Match[str], text: str) -> str:
    """Drop the role, unless it belongs to a longer capitalised name ("Kristelig Folkepartis leder")."""
    before = word_before(text, m.start())
    return m.group(0) if before[:1].isupper() and before[-1:] not in ",:" else ""


def shorten(text: str, limit: int) -> str:
    """A sentence too long for a headline, without what a headline does without, step by step until it fits:
    the role before a name, filler adverbs ("blandt andet", "dog"), party letters, an opening adverbial. Not for
    a quote: what a source said is not edited.

    >>> shorten("Udlændinge- og integrationsminister Inger Støjberg (V) vil nu blandt andet stramme reglerne", 40)
    'Inger Støjberg vil nu stramme reglerne'
    """
    steps = (
        lambda t: ROLE_BEFORE_NAME.sub(lambda m: _role_before_name(m, t), t) if has_role(t) else t,
        lambda t: FILLER.sub("", t),
        lambda t: PARTY_LETTER.sub("", t),
        drop_opening_adverbial,
    )
    for step in steps:
        if len(text) <= limit:
            break
        text = step(text)
        text = text[:1].upper() + text[1:]
    return text


def drop_appositions(text: str, limit: int) -> str:
    """While `text` is over `limit`: a role before a name in commas goes ("Ruslands præsident, Vladimir Putin,"
    → "Vladimir Putin"), then an apposition ("Venstres gruppeformand i byrådet, Mette Lund, kalder ..." →
    "Mette Lund kalder ...")."""
    if len(text) > limit and has_role(text):
        text = ROLE_APPOSITION.sub(lambda m: _drop_role(m, text), text)
    if len(text) > limit:
        text = APPOSITION.sub(r"\2 ", text, count=1)
    return text
