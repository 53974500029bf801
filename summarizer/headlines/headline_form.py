"""A news sentence in Danish headline form, by parse-and-trim (Hedge Trimmer: Dorr, Zajic & Schwartz, 2003).

Hedge Trimmer parses the lead sentence and trims it until it fits: the words that go are the ones a headline
writer leaves out, never a cut through a phrase. Danish headlines keep subject, finite verb and object and leave
out the rest:

- the perfect becomes the present ("har indgået" → "indgår"): headlines tell news in the present tense;
- the indefinite article goes before an adjective or noun ("en principiel aftale" → "principiel aftale");
- a closing purpose clause goes ("for at finde en løsning på konflikten");
- a closing subordinate clause goes (", fordi han smed et krus ud af bilruden", ", efter at formanden gik af");
- a relative clause between commas goes (", der bor i Aarhus,").

The words' parts of speech come from Apertium (`summarizer.morphology`), so "en" is only dropped where it is an
article ("en af dem" keeps it) and only "har" + participle is turned into the present. Each step runs only while
the text is over the limit, so a sentence that fits keeps its own wording.

>>> headline_form("Vladimir Putin og Joe Biden har indgået en principiel aftale om at mødes", 70)  # doctest: +SKIP
'Vladimir Putin og Joe Biden indgår principiel aftale om at mødes'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarizer import morphology
from summarizer.morphology import Token

#: Adverbs that may stand between "har" and its participle and move after the new verb ("har ikke anholdt").
MAX_ADVERBS_BETWEEN = 2
MOVABLE_ADVERBS = frozenset(
    {
        "ikke", "nu", "også", "allerede", "netop", "endnu", "aldrig", "altid", "selv", "igen", "først", "endelig",
        "nemlig", "dog", "stadig", "fortsat", "nok",
    }
)  # fmt: skip
#: A relative clause between commas, or at the end: ", der bor i Aarhus," / ", som koster en million".
HAVE = re.compile(r"\b(?:har|havde)\s")
ARTICLE = re.compile(r"\b(?:[Ee]n|[Ee]t)\s")
#: A closing purpose clause: "… aftale om at mødes | for at finde en løsning på Ukraine-konflikten".
PURPOSE = re.compile(r",?\s+(?:for at|med henblik på at|så de kan|så han kan|så hun kan)\s+[^,.!?]*[.!?]?$")
#: A closing subordinate clause after a comma: why, when or if; the main clause before it is the news.
SUBORDINATE = re.compile(
    r",\s+(?:fordi|mens|da|efter(?:\s+at)?|selvom|selv\s+om|hvis|når|idet|eftersom|inden|før|skønt)\s+[^.!?]*[.!?]?$"
)
#: Words that take "for at" as their object (stems): "sørge for at", "kæmpe for at", "brug for at", "klar for".
FOR_GOVERNORS = (
    "sørg", "kæmp", "arbejd", "stå", "stod", "stem", "tal", "bed", "bad", "tak", "straf", "dømt", "dømm", "advar",
    "betal", "undskyld", "ansvarlig", "klar", "parat", "åben", "glad", "brug", "behov", "grund", "plads", "tid",
    "mulighed", "ansvar", "kritik", "risiko", "fare", "svær", "let", "nem", "vigtig", "mulig", "umulig", "gå", "går",
    "gik", "gået", "være", "er", "var", "blive", "bliver", "blev",
)  # fmt: skip
RELATIVE = re.compile(r",\s+(?:der|som)\s+[^,.!?]*(?:,|[.!?]?$)")


def headline_form(text: str, limit: int) -> str:
    """`text` trimmed toward `limit` characters by the headline writer's omissions; unchanged if it fits, if the
    analyser is missing, or if no step applies."""
    if len(text) <= limit or not morphology.available():
        return text
    try:
        steps = (present_for_perfect, drop_purpose_clause, drop_subordinate_clause, drop_relative_clauses)
        for step in (*steps, drop_indefinite_articles):
            text = step(text)
            if len(text) <= limit:
                break
    except morphology.MorphologyUnavailable:
        pass  # the check warns that grammar is off; the headline is then cut as before
    return text


def _spans(text: str, tokens: Sequence[Token]) -> list[tuple[int, int]] | None:
    """Where each analysed token sits in `text` (None if the analyser's tokens cannot be found in order)."""
    spans = []
    at = 0
    for token in tokens:
        start = text.find(token.surface, at)
        if start < 0:
            return None
        spans.append((start, start + len(token.surface)))
        at = start + len(token.surface)
    return spans


def _edit(text: str, spans: list[tuple[int, int]], changes: dict[int, str]) -> str:
    """`text` with token k replaced by ``changes[k]`` ("" removes it and the space before it)."""
    out, at = [], 0
    for k in sorted(changes):
        start, end = spans[k]
        if changes[k] == "":
            while start > at and text[start - 1] == " ":
                start -= 1
        out.append(text[at:start] + changes[k])
        at = end
    return "".join(out) + text[at:]


def present_for_perfect(text: str) -> str:
    """``"Politiet har ikke anholdt nogen"`` → ``"Politiet anholder ikke nogen"``: "har"/"havde" + participle in
    the present tense, the adverbs between kept after the verb. Not at the start (a question or a verb-first
    clause) and not where something other than those adverbs stands between."""
    if not HAVE.search(text):
        return text  # no "har"/"havde": nothing to analyse (the analyser is the cost here)
    tokens = morphology.readings(text)
    spans = _spans(text, tokens)
    if spans is None:
        return text
    wanted: list[tuple[int, int, str]] = []
    for i, token in enumerate(tokens[1:], start=1):
        if token.surface.lower() not in ("har", "havde"):
            continue
        k = i + 1
        while k - i - 1 < MAX_ADVERBS_BETWEEN and k < len(tokens) and tokens[k].surface.lower() in MOVABLE_ADVERBS:
            k += 1
        participle = (
            next((r for r in tokens[k].readings if r.pos == "vblex" and "pp" in r.tags), None)
            if (k < len(tokens))
            else None
        )
        if participle is not None:
            wanted.append((i, k, f"{participle.lemma}<vblex><pres><actv>"))
    if not wanted:
        return text
    forms = morphology.generator().generate([form for _, _, form in wanted])
    changes: dict[int, str] = {}
    for (i, k, _), form in zip(wanted, forms, strict=True):
        if form:  # "har ikke anholdt" → "anholder ikke": the verb takes the place of "har", the adverbs stay
            changes[i], changes[k] = form, ""
    return _edit(text, spans, changes) if changes else text


def drop_indefinite_articles(text: str) -> str:
    """``"indgår en principiel aftale"`` → ``"indgår principiel aftale"``: "en"/"et" as the article of the subject
    (first word) or of the object (right after the finite verb), before an adjective or noun. Elsewhere ("til en
    pris", "med omkring en fjerdedel") and in "en af dem" it stays."""
    if not ARTICLE.search(text):
        return text
    tokens = morphology.readings(text)
    spans = _spans(text, tokens)
    if spans is None:
        return text
    changes = {}
    for k, token in enumerate(tokens[:-1]):
        if token.surface.lower() not in ("en", "et"):
            continue
        if k > 0 and not _only_verb(tokens[k - 1]):
            continue  # only the subject's or the object's article: "til en pris på", "med omkring en fjerdedel" keep it
        if any(r.pos in ("adj", "n") for r in tokens[k + 1].readings):
            changes[k] = ""
    if 0 in changes:  # "En mand er død" → "Mand er død": the new first word takes the capital
        rest = _edit(text, spans, changes).lstrip()
        return rest[:1].upper() + rest[1:]
    return _edit(text, spans, changes) if changes else text


def drop_purpose_clause(text: str) -> str:
    """``"Putin og Biden indgår aftale om at mødes for at finde en løsning"`` → ``"… om at mødes"``: why they
    act is the second thing a reader needs, the act is the news. Not where "for at" completes the word before it
    ("sørgede for at få", "er klar til", "brug for at"): then it is the object, not the purpose."""
    m = PURPOSE.search(text)
    if m is None:
        return text
    head = text[: m.start()]
    before = head.split()[-1].lower().strip(",") if head.split() else ""
    if len(head.split()) < 4 or before.startswith(FOR_GOVERNORS) or not _has_finite_verb(head):
        return text
    return head


def drop_subordinate_clause(text: str) -> str:
    """``"En mand får en bøde, fordi han smed et krus ud af bilen"`` → ``"En mand får en bøde"``: the main clause
    before the first comma-led "fordi", "mens", "da", "efter (at)", "hvis", "når" … that runs to the end."""
    m = SUBORDINATE.search(text)
    if m is None:
        return text
    head = text[: m.start()]
    return head if len(head.split()) >= 4 and _has_finite_verb(head) else text


def drop_relative_clauses(text: str) -> str:
    """``"Manden, der bor i Aarhus, har købt huset"`` → ``"Manden har købt huset"``; only where a finite verb is
    left ("Natascha med sin frisure, som hun havde i 2015" would be a caption, not a headline)."""
    out = " ".join(RELATIVE.sub("", text).split())
    return out if out and out != text and _has_finite_verb(out) else text


def _has_finite_verb(text: str) -> bool:
    return any(r.is_finite_verb for t in morphology.readings(text) for r in t.readings)


def _only_verb(token: Token) -> bool:
    """A finite verb and nothing else ("indgår", "vedtager"; not "bor", which is also a noun)."""
    return (
        bool(token.readings)
        and all(r.pos in morphology.VERB_POS for r in token.readings)
        and any(r.is_finite_verb for r in token.readings)
    )
