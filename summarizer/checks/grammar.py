"""The editor's check's rules on the analyser's readings (`summarizer.morphology`): fragment, non_word, agreement.

A headline with no finite verb or one that stops on a word that needs more; a lead sentence that starts midway
or has no verb; a word neither the analyser nor the article knows; an article and noun that disagree.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer import morphology
from summarizer.checks.lexicon import (
    GENDERS,
    HANGING_ADVERBS,
    INTRANSITIVE,
    LABEL_FORM_MAX_WORDS,
    LABEL_PREPOSITIONS,
    LABEL_RE,
    NUMBERS,
    PREDICATIVE,
    RELATIVE_ONLY,
    SUBORDINATE_OPENERS,
    TORN_WORDS,
)
from summarizer.checks.problems import Problem, problem
from summarizer.checks.surface import _strip_opening
from summarizer.danish import AUXILIARIES
from summarizer.headlines.grammar import torn_verb
from summarizer.text import split_sentences


def _is_label_form(text: str) -> bool:
    """ "Brand i Aarhus", "Storm over Vestjylland": a short label headline needs no verb."""
    ws = [w.lower() for w in text.split()]  # "Burger King-restaurant" is two words here, as an editor counts
    return 2 <= len(ws) <= LABEL_FORM_MAX_WORDS and any(w in LABEL_PREPOSITIONS for w in ws[1:-1])


def _is_predicate(reading: morphology.Reading) -> bool:
    """A finite verb, or what a Danish headline uses for one: a participle ("kørt til hospital") or "klar"."""
    return reading.is_finite_verb or "pp" in reading.tags or reading.lemma.lower() in PREDICATIVE


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
    if last.surface.lower() in HANGING_ADVERBS and _word_before(tokens, last).lower() in AUXILIARIES:
        return last.surface  # "S og SFs politik er stadig", "Vi kan ikke": the auxiliary has lost its verb
    if any(r.pos in ("vbhaver", "vbmod") for r in last.readings[:1]) and "," not in text_tail(tokens):
        return last.surface  # "Mitt Romney har"; but "penge, man ikke har" ends a clause well
    if last.readings and last.readings[0].pos == "vblex" and torn_verb(last.surface):
        return last.surface
    if _ends_on_bare_verb(tokens, last):
        return last.surface
    return ""


def _word_before(tokens: Sequence[morphology.Token], last: morphology.Token) -> str:
    words = [t.surface for t in tokens if t.is_word]
    return words[-2] if len(words) > 1 and words[-1] == last.surface else ""


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
