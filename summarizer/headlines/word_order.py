"""Danish word order for a headline: the actor first, the main clause first, no opening adverbial.

Danish puts the verb second, so "Mandag fremlagde Aarhus Kommune en plan" has its subject after the verb; a
headline puts it first.

>>> actor_first("Mandag fremlagde Aarhus Kommune en plan")
'Aarhus Kommune fremlagde en plan'
"""

from __future__ import annotations

import re

from summarizer.danish import DANGLING, PARTS_OF_DAY, WEEKDAY, wordset
from summarizer.headlines.grammar import ADVERBIAL_OPENERS, CAPITALISED, PARTY, is_finite_verb
from summarizer.text import words

#: Time adverbials that open a sentence but not a headline ("Mandag aften fremlagde ...").
LEADING_ADVERBIAL = re.compile(
    rf"^(?:(?:{WEEKDAY})(?:\s+(?:{PARTS_OF_DAY}))?|i\s+(?:dag|går|nat|aftes|morges|weekenden)"
    rf"|tidligere\s+i\s+dag|sent\s+\w+\s+aften|natten\s+til\s+(?:{WEEKDAY}))\s+",
    re.IGNORECASE,
)
SUBORDINATORS = wordset("indtil hvis når fordi selvom selv om mens efter da før inden siden skønt")
#: ", vil vi bruge ..." after an opening subordinate clause → "Vi vil bruge ...".
INVERTED_MAIN_CLAUSE = re.compile(r",\s+([a-zæøå]+)\s+(vi|jeg|de|han|hun|det|man|du)\s+(\S.*)$")
#: ", sender DSB nu ..." → "DSB sender nu ...": the same with a name (one to four capitalised words) as subject.
INVERTED_NAMED_CLAUSE = re.compile(
    r",\s+([a-zæøå]+)\s+((?:[A-ZÆØÅ][\w'’.-]*)(?:\s+[A-ZÆØÅ][\w'’.-]*){0,3})\s+([a-zæøå0-9»\"].*)$"
)


def actor_first(sentence: str) -> str:
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


def drop_opening_adverbial(text: str) -> str:
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
        if not (verb[:1].islower() and is_finite_verb(verb)):
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


def main_clause_first(text: str) -> str:
    """ "Indtil kampvognene ruller, vil vi afsøge diplomatiet" → "Vi vil afsøge diplomatiet".

    A sentence that opens with a subordinate clause makes a poor headline cut; when its main clause
    is verb + pronoun or verb + name (Danish inversion), the main clause alone is put back in subject-verb
    order. Not after "hvis": "Hvis vi ikke får pengene, lukker vi skolen" does not say "Vi lukker skolen".

    >>> main_clause_first("Når fodboldfans skal med toget, sender DSB nu to guider med hvert tog")
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
