"""Does the article say it? The quote rule and the clause support check for generated leads and headlines.

**Quotes only as said** (`quote_problems`): a headline in "Navn: citat" form, or any text with quotation marks or
a quote dash, must quote words the article attributes to that person, verbatim or a contiguous cut of them. What
the article attributes to whom (`ArticleIndex.quotes`): a dash paragraph ("- Vi er altid klar …, lyder det fra
…"), text in quotation marks, and indirect speech ("Blinken siger, at situationen er …"), each with the words
that name its speaker (the attribution, and the sentences before it, for "siger han"). "Navn: udsagn" counts as
a quote when the statement speaks in the first or second person, is in quotation marks, or the label is someone
the article quotes; otherwise the label is a topic ("Brand i Aarhus: To døde") and the clause support check
applies to label and statement together.

**Clause support** (`support_problems`): each clause of the text (a headline is one; a lead is cut into
sentences, and those at a comma before a conjunction) has key words: nouns, names, numbers, main verbs,
adjectives, adverbs that are not closed-class. Their lemmas (from `summarizer.morphology`; lower-cased word
forms where it is missing) must all be found in one sentence of the article, or in two adjacent ones, and:

- a negation ("ikke", "aldrig", "ingen" …) only when the sentence with the verb has one; no negation when the
  article negates that verb where it says it;
- the roles the right way round: the clause's agent and patient (subject and object; "ramt af X" makes X the
  agent) in the article's order around the same verb ("Bilist rammer knallertkører" is not "Knallertkører
  ramt af bilist" reversed, but "Knallertkører rammer bilist" is);
- a number with the noun it counts ("12 mænd" needs "12" before "mænd" in one sentence).

Both are heuristics an editor can read: they catch what constrained decoding cannot (every word is the
article's, the relation between them may not be). Problems use the codes `checks.BLOCKING` holds ("unsupported",
"invented_quote"), so no blocked text reaches the page.

>>> body = "En bilist ramte mandag en 16-årig knallertkører i Vejle. Knallertkøreren kom let til skade."
>>> [p.code for p in check("Knallertkører ramt af bilist i Vejle", "headline", body)]  # doctest: +SKIP
[]
>>> [p.code for p in check("Knallertkører rammer bilist", "headline", body)]  # doctest: +SKIP
['unsupported']
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field

from summarizer import checks, morphology
from summarizer.checks import Problem
from summarizer.danish import SAYING_VERBS, wordset
from summarizer.text import split_sentences

#: Words that negate a clause.
NEGATIONS = wordset("ikke aldrig ingen intet ingenting hverken ej")
#: First- and second-person words: a statement in them is someone speaking ("Vi er stadig sammen").
FIRST_PERSON = wordset("jeg mig min mit mine vi os vores vor vort vore")
#: Prepositions of place and time: a name or noun after one ("i Brønderslev", "på Amager") only needs to be in
#: the article somewhere (a dateline, the sentence before), not beside the verb.
LOCATIVE = wordset("i på ved")
#: Adverbs that carry no claim of their own (never key words).
LIGHT_ADVERBS = wordset(
    """
    ikke også nu så her der da allerede stadig igen kun bare jo dog nemlig snart altid aldrig ofte tit senere
    tidligere længe lige endnu heller sammen især næsten omkring cirka ca mindst højst først sidst siden ud ind
    op ned ude inde oppe nede derfor derefter hvor når hvordan hvorfor mere mest meget lidt helt godt vel
    """
)
#: Where a lead sentence is cut into clauses: a comma before one of these.
CLAUSE_OPENERS = wordset("og men eller mens fordi da når hvis selvom at der som efter før så idet hvilket")
QUOTE_MARKS = '»«"”“„'
DASHES = ("- ", "– ", "— ")
_WORD_RE = re.compile(r"[^\W_]+(?:[-'’.,][^\W_]+)*")
_QUOTED_RE = re.compile(r"»([^«»]+)«|«([^«»]+)»|\"([^\"]+)\"|“([^”“]+)”|„([^“”„]+)[“”]")
_SAYING_RE = re.compile(r",\s+(?:" + "|".join(sorted(SAYING_VERBS, key=len, reverse=True)) + r")\b(?P<who>.*)$", re.I)


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD_RE.findall(text)]


def _plain(text: str) -> list[str]:
    """Words for comparing quotes: letters and digits only, lower-cased (punctuation and hyphens never count)."""
    return re.findall(r"[^\W_]+", text.lower())


def _contains(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    n = len(needle)
    return n > 0 and any(list(haystack[i : i + n]) == list(needle) for i in range(len(haystack) - n + 1))


@dataclass(frozen=True)
class Quote:
    """Words the article attributes to someone, and the words around it that name who."""

    words: tuple[str, ...]
    speaker: frozenset[str]


@dataclass
class Sentence:
    text: str
    keys: list[frozenset[str]]  # per token: its lemmas and lower-cased form
    tokens: tuple[morphology.Token, ...]
    negated_at: list[int] = field(default_factory=list)

    @property
    def all_keys(self) -> frozenset[str]:
        return frozenset(k for ks in self.keys for k in ks)


def _token_keys(token: morphology.Token) -> frozenset[str]:
    keys = {token.surface.lower()}
    for r in token.readings:
        keys.add(r.lemma.lower())
    low = token.surface.lower()
    if low.endswith("s") and len(low) > 3 and token.surface[:1].isupper():
        keys.add(low[:-1])  # a name's genitive ("Ruslands")
    if "-" in low:
        keys.add(low.rsplit("-", 1)[-1])  # a hyphenated compound by its head too
    return frozenset(keys)


def _analyse(texts: list[str]) -> list[tuple[morphology.Token, ...]]:
    """Tokens of each text; without the morphology, each word a token with no readings (its form is its key)."""
    try:
        return morphology.analyse_many(texts)
    except morphology.MorphologyUnavailable:
        return [tuple(morphology.Token(w, ()) for w in _WORD_RE.findall(t)) for t in texts]


class ArticleIndex:
    """One article body read for support: its sentences with their lemmas, and who it quotes saying what."""

    def __init__(self, body: str) -> None:
        self.body = body
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n(?=\s*[-–—] )", body) if p.strip()]
        texts: list[str] = []
        for p in paragraphs:
            texts.extend(split_sentences(p) or [p])
        self.sentences = [
            Sentence(t, [_token_keys(tok) for tok in toks], toks,
                     [k for k, tok in enumerate(toks) if tok.surface.lower() in NEGATIONS])
            for t, toks in zip(texts, _analyse(texts), strict=True)
        ]  # fmt: skip
        self.quotes = _quotes(paragraphs)

    @property
    def all_keys(self) -> frozenset[str]:
        if not hasattr(self, "_all_keys"):
            self._all_keys = frozenset().union(*(s.all_keys for s in self.sentences))
        return self._all_keys

    def speakers(self) -> set[str]:
        return {w for q in self.quotes for w in q.speaker}


def _speaker_words(*texts: str) -> frozenset[str]:
    out: set[str] = set()
    for t in texts:
        for w in _words(t):
            out.add(w)
            if w.endswith("s") and len(w) > 3:
                out.add(w[:-1])
            out.update(p for p in re.split(r"[-'’]", w) if p)
    return frozenset(out)


#: Words of an attribution that name nobody ("siger han søndag til CNN" names nobody but CNN, who is not quoted).
_NOBODY = wordset("han hun de den det vi jeg man i dag søndag mandag tirsdag onsdag torsdag fredag lørdag og")


def _names_nobody(who: str) -> bool:
    """ "siger han", "lyder det": an attribution with a pronoun and no name or noun of its own."""
    ws = _words(who)
    return not ws or (ws[0] in _NOBODY and len(ws) <= 3 and not any(w[:1].isupper() for w in _WORD_RE.findall(who)[1:]))


def _quotes(paragraphs: list[str]) -> list[Quote]:
    """Dash paragraphs, quoted text and indirect speech, each with the words that name its speaker."""
    quotes: list[Quote] = []
    last_speaker: frozenset[str] = frozenset()
    for k, p in enumerate(paragraphs):
        before = " ".join(paragraphs[max(0, k - 2) : k])
        if p.startswith(DASHES) or p[:1] in "-–—":
            said = p.lstrip("-–— ")
            attributed = _SAYING_RE.search(said)
            who = attributed.group(0) if attributed else ""
            text = said[: attributed.start()] if attributed else said
            if not attributed:  # a quote going on from the paragraph before: its speaker
                speaker = last_speaker or _speaker_words(before)
            elif _names_nobody(attributed.group("who")):  # "siger han": who is in the sentences before
                speaker = _speaker_words(who, before)
            else:
                speaker = _speaker_words(who)
            quotes.append(Quote(tuple(_plain(text)), speaker))
            last_speaker = speaker
            continue
        last_speaker = frozenset()
        for m in _QUOTED_RE.finditer(p):
            inside = next(g for g in m.groups() if g is not None)
            outside = p[: m.start()] + " " + p[m.end() :]
            attributed = _SAYING_RE.search(outside)
            nobody = not attributed or _names_nobody(attributed.group("who"))
            quotes.append(Quote(tuple(_plain(inside)), _speaker_words(outside, before if nobody else "")))
        for sentence in split_sentences(p) or [p]:
            m = re.search(r"\b(?P<verb>\w+)\b(?P<rest>[^,.]*?),?\s+at\s+(?P<what>.+)$", sentence)
            saying = m and (m.group("verb").lower() in SAYING_VERBS or SAYING_VERBS & set(_words(m.group("rest"))))
            if m and saying:
                who = sentence[: m.start("what")]
                nobody = _names_nobody(re.sub(r"\b(?:" + "|".join(SAYING_VERBS) + r")\b", "", who, flags=re.I))
                quotes.append(Quote(tuple(_plain(m.group("what"))), _speaker_words(who, before if nobody else "")))
    return quotes


_cache: OrderedDict[str, ArticleIndex] = OrderedDict()
_cache_lock = threading.Lock()


def index(body: str) -> ArticleIndex:
    """The article's index, kept for the last few bodies (an engine checks many candidates of one article)."""
    with _cache_lock:
        found = _cache.get(body)
        if found is not None:
            _cache.move_to_end(body)
            return found
    built = ArticleIndex(body)
    with _cache_lock:
        _cache[body] = built
        while len(_cache) > 8:
            _cache.popitem(last=False)
    return built


# -- the quote rule ----------------------------------------------------------------------------------------------


def _label(text: str) -> tuple[str, str] | None:
    m = checks.LABEL_RE.match(text.strip())
    return (m.group("label"), m.group("rest")) if m else None


def _quoted_spans(text: str) -> list[str]:
    """What `text` puts in quotation marks, after a quote dash, or in the first person before ", siger X"."""
    spans = [next(g for g in m.groups() if g is not None) for m in _QUOTED_RE.finditer(text)]
    stripped = text.strip()
    attributed = _SAYING_RE.search(stripped)
    if stripped.startswith(DASHES):
        said = stripped.lstrip("-–— ")
        attributed = _SAYING_RE.search(said)
        spans.append(said[: attributed.start()] if attributed else said)
    elif attributed and not spans and any(w in FIRST_PERSON for w in _words(stripped[: attributed.start()])):
        spans.append(stripped[: attributed.start()])
    return spans


def _said_by(words: list[str], speaker: list[str], art: ArticleIndex) -> bool:
    """Some quote in the article holds `words` as a contiguous cut, by a speaker the `speaker` words name."""
    names = [w for w in speaker if w not in wordset("det den de en et")]
    for q in art.quotes:
        if not _contains(q.words, words):
            continue
        if not names or all(_names_speaker(w, q.speaker) for w in names):
            return True
    return False


def _names_speaker(word: str, speaker: frozenset[str]) -> bool:
    """`word` of a headline's label names someone among the `speaker` words: as it is, or without the genitive
    or the definite ending ("Politiet" for "Nordjyllands Politi", "Regeringens" for "regeringen")."""
    stems = {word, word[:-1] if word.endswith("s") else word}
    stems |= {w[:-2] for w in list(stems) if len(w) > 4 and w.endswith(("et", "en"))}
    return bool(stems & speaker)


def quote_problems(text: str, body: str, art: ArticleIndex | None = None) -> list[Problem]:
    """`invented_quote` when `text` quotes someone with words the article does not attribute to them."""
    return _quote_rule(text, art or index(body))[0]


def _quote_rule(text: str, art: ArticleIndex) -> tuple[list[Problem], str]:
    """The quote rule's problems, and what of `text` is left for the support check (a quote found as said is
    not a claim of the engine's own; "Navn: citat" leaves nothing)."""
    label = _label(text)
    if label:
        name, rest = label
        if not _is_quote(name, rest, art) and _said_by(_plain(rest), _words(name), art):
            return [], ""  # "Blinken: Situationen er alvorlig": what the article has them say, in third person
        if _is_quote(name, rest, art):
            said = _quoted_spans(rest) or [rest]
            for span in said:
                if not _said_by(_plain(span), _words(name), art):
                    return [checks.problem("invented_quote", f"{name} har ikke sagt »{span.strip()}«")], text
            return [], ""
    left = text
    for span in _quoted_spans(text):
        attributed = _SAYING_RE.search(text)
        who = _words(attributed.group("who")) if attributed else []
        who = [w for w in who if w[:1].isalpha()][:3]
        if not _said_by(_plain(span), who, art):
            return [checks.problem("invented_quote", f"»{span.strip()}« står ikke som citat i artiklen")], text
        left = left.replace(span, " ")
    return [], left


def _is_quote(name: str, rest: str, art: ArticleIndex) -> bool:
    """ "Navn: citat" rather than "Emne: udsagn": quoted, after a quote dash, in the first person, or a person
    the article quotes ("Jens Holm: Krydset er farligt" is his word or none; so is "Politiet: …" where the article
    quotes the police, and "Venstres ordfører: …" where it quotes her; "Randers: …" is a topic)."""
    if rest.strip()[:1] in QUOTE_MARKS or rest.strip().startswith(DASHES):
        return True
    if _is_person(name) and set(_words(name)) <= art.speakers():
        return True
    if _speaks_in_article(name, art):
        return True  # "Politiet: …", "Venstres ordfører: …" where the article quotes them: their words or none
    return any(w in FIRST_PERSON for w in _words(rest))


#: Words of a label that name nobody by themselves.
_LABEL_FILLER = wordset("det den de en et og i på for")


def _speaks_in_article(name: str, art: ArticleIndex) -> bool:
    """A label of up to four words ("Politiet", "Venstres politiske ordfører") whose every word names someone the
    article quotes: a headline under it says what they said, not a topic."""
    named = [w for w in _words(name) if w not in _LABEL_FILLER]
    speakers = frozenset(art.speakers())
    return 0 < len(named) <= 4 and all(_names_speaker(w, speakers) for w in named)


def _is_person(name: str) -> bool:
    """Every word capitalised, and a first name or surname to the analyser ("Jens Holm", not "DSB", "Randers")."""
    parts = _WORD_RE.findall(name)
    if not parts or not all(p[:1].isupper() for p in parts) or any(p.isupper() and len(p) > 1 for p in parts):
        return False  # lower-case words, or an acronym ("DSB", "FCK"): not a person's name
    tokens = _analyse([name])[0]
    if all(not t.readings for t in tokens):
        return True  # names the analyser does not know
    return any({"ant", "cog"} & set(r.tags) for t in tokens for r in t.readings)


# -- the clause support check ------------------------------------------------------------------------------------


@dataclass
class Clause:
    text: str
    tokens: tuple[morphology.Token, ...]
    #: Every key of the article: where a place or time after "i", "på", "ved" may be found.
    anywhere: frozenset[str] = frozenset()

    def loose(self, k: int) -> bool:
        """The key word at `k` stands in a phrase of place or time ("i Brønderslev", "på det nye sygehus")."""
        for j in range(k - 1, max(-1, k - 4), -1):
            t = self.tokens[j]
            if t.surface.lower() in LOCATIVE:
                return True
            if not t.readings or t.readings[0].pos not in ("det", "adj", "num", "np", "n"):
                return False
        return False


def _is_key(token: morphology.Token) -> bool:
    low = token.surface.lower()
    if any(ch.isdigit() for ch in low):
        return True
    if not token.is_word or low in NEGATIONS or low in LIGHT_ADVERBS:
        return False
    if not token.readings:
        return len(low) > 2  # unknown to the analyser: a name, a compound; its form must be in the article
    r = token.readings[0]
    if r.pos in ("n", "np", "adj", "num"):
        return True
    if r.pos == "vblex":
        return r.lemma.lower() not in wordset("få gøre have være blive")
    return r.pos == "adv"


def _is_verb(token: morphology.Token) -> bool:
    return (
        bool(token.readings)
        and token.readings[0].pos == "vblex"
        and token.readings[0].lemma.lower() not in (wordset("få gøre have være blive"))
    )


def _is_nominal(token: morphology.Token) -> bool:
    if not token.readings:
        return token.is_word and len(token.surface) > 2
    return token.readings[0].pos in ("n", "np")


def _passive(tokens: Sequence[morphology.Token], verb: int) -> bool:
    """ "rammes", "blev ramt af": the verb at `verb` is passive (its subject the patient)."""
    chosen = tokens[verb].readings[:1]
    after_af = verb + 1 < len(tokens) and tokens[verb + 1].surface.lower() == "af"
    return any("pasv" in r.tags for r in chosen) or (after_af and any("pp" in r.tags for r in chosen))


def _roles(tokens: Sequence[morphology.Token]) -> tuple[int, int, int, bool] | None:
    """(verb, agent, patient, passive) positions of the clause's main verb and the nominals around it, or None."""
    verb = next((k for k, t in enumerate(tokens) if _is_verb(t)), -1)
    if verb < 0:
        return None
    passive = _passive(tokens, verb)
    before = [k for k in range(verb) if _is_nominal(tokens[k])]
    after = [k for k in range(verb + 1, len(tokens)) if _is_nominal(tokens[k])]
    if not before or not after:
        return None
    subject, other = before[-1], after[0]
    return (verb, other, subject, True) if passive else (verb, subject, other, False)


def _find(keys: frozenset[str], sentence: Sentence, near: int | None = None) -> list[int]:
    found = [k for k, ks in enumerate(sentence.keys) if keys & ks]
    if near is not None:
        found.sort(key=lambda k: abs(k - near))
    return found


def _negated_near(sentence: Sentence, at: int) -> bool:
    return any(abs(n - at) <= 3 for n in sentence.negated_at)


def _supported_in(clause: Clause, window: list[Sentence]) -> bool:
    keys = [(k, _token_keys(t)) for k, t in enumerate(clause.tokens) if _is_key(t)]
    everything = frozenset().union(*(s.all_keys for s in window))
    if any(not (ks & (clause.anywhere if clause.loose(k) and clause.anywhere else everything)) for k, ks in keys):
        return False
    negated = any(t.surface.lower() in NEGATIONS for t in clause.tokens)
    roles = _roles(clause.tokens)
    verb_at = roles[0] if roles else next((k for k, t in enumerate(clause.tokens) if _is_verb(t)), None)
    if verb_at is not None:
        verb_keys = _token_keys(clause.tokens[verb_at])
        homes = [(s, k) for s in window for k in _find(verb_keys, s)]
        homes = [(s, k) for s, k in homes if (bool(s.negated_at) if negated else not _negated_near(s, k))]
        if not homes:
            return False
        if roles:
            # Subject and object stand with their verb in one sentence, the right way round.
            _, agent, patient, _ = roles
            ak, pk = _token_keys(clause.tokens[agent]), _token_keys(clause.tokens[patient])
            homes = [(s, k) for s, k in homes if _find(ak, s) and _find(pk, s)]
            if not any(_roles_agree(clause, roles, s, k) for s, k in homes):
                return False
    elif negated and not any(s.negated_at for s in window):
        return False
    return _numbers_bound(clause, window)


def _roles_agree(clause: Clause, roles: tuple[int, int, int, bool], sentence: Sentence, verb_at: int) -> bool:
    """The clause's agent and patient stand in `sentence` in the order its voice gives them (or cannot be told)."""
    _, agent, patient, _ = roles
    a = _find(_token_keys(clause.tokens[agent]), sentence, verb_at)
    p = _find(_token_keys(clause.tokens[patient]), sentence, verb_at)
    if not a or not p or a[0] == p[0]:
        return True  # not both in this sentence: the order cannot be told here
    tokens = sentence.tokens
    passive = _passive(tokens, verb_at)
    return (p[0] < a[0]) if passive else (a[0] < p[0])


def _numbers_bound(clause: Clause, window: list[Sentence]) -> bool:
    """Each number before a noun in the clause stands before that noun (within three words) in the article."""
    tokens = clause.tokens
    for k, t in enumerate(tokens):
        if not any(ch.isdigit() for ch in t.surface):
            continue
        noun = next((j for j in range(k + 1, min(k + 3, len(tokens))) if _is_nominal(tokens[j])), None)
        if noun is None:
            continue
        number, noun_keys = t.surface.lower(), _token_keys(tokens[noun])
        ok = False
        for s in window:
            for i, ks in enumerate(s.keys):
                if number in ks and any(noun_keys & s.keys[j] for j in range(i + 1, min(i + 4, len(s.keys)))):
                    ok = True
        if not ok:
            return False
    return True


def _clauses(text: str, kind: str) -> list[str]:
    if kind == "headline":
        return [text]
    out = []
    for sentence in split_sentences(text) or [text]:
        parts = re.split(r",\s+(?=(?:" + "|".join(sorted(CLAUSE_OPENERS | SAYING_VERBS)) + r")\b)|;\s+", sentence)
        out.extend(p for p in parts if p.strip())
    return out


def _supported(clause: Clause, art: ArticleIndex) -> bool:
    if not any(_is_key(t) for t in clause.tokens):
        return True
    s = art.sentences
    windows = [[x] for x in s] + [[a, b] for a, b in zip(s, s[1:], strict=False)]
    return any(_supported_in(clause, w) for w in windows)


def support_problems(text: str, kind: str, body: str, art: ArticleIndex | None = None) -> list[Problem]:
    """`unsupported` with the first clause the article does not carry (see the module docstring)."""
    art = art or index(body)
    label = _label(text) if kind == "headline" else None
    if label:  # "Randers: Tre personer på sygehuset": the label is the topic, found anywhere in the article
        [tokens] = _analyse([label[0]])
        missing = [t.surface for t in tokens if _is_key(t) and not (_token_keys(t) & art.all_keys)]
        if missing:
            return [checks.problem("unsupported", f"»{label[0]}« står ikke i artiklen")]
    pieces = [label[1]] if label else _clauses(text, kind)
    analysed = _analyse([p.strip(QUOTE_MARKS + " ") for p in pieces])
    for piece, tokens in zip(pieces, analysed, strict=True):
        if not _supported(Clause(piece, tokens, art.all_keys), art):
            return [checks.problem("unsupported", f"»{piece.strip()}«")]
    return []


def check(text: str, kind: str, body: str) -> list[Problem]:
    """The quote rule, then the clause support check, on one lead or headline against its article body."""
    art = index(body)
    found, left = _quote_rule(text, art)
    if found or not left.strip(QUOTE_MARKS + "-–—,.:;!? "):
        return found
    return support_problems(left, kind, body, art)


def supported_prefix(lead: str, body: str) -> str:
    """The lead's first sentences, as many as the quote rule and the support check pass; of the first sentence
    that fails, its clauses before the failing one, when they make a main clause ("Rusland og USA har indgået en
    aftale, lyder det fra Frankrigs præsident" → "Rusland og USA har indgået en aftale."). "" when nothing."""
    kept: list[str] = []
    for sentence in split_sentences(lead) or [lead]:
        if not check(sentence, "lead", body):
            kept.append(sentence)
            continue
        clauses = _clauses(sentence, "lead")
        good = []
        for clause in clauses:
            if check(clause, "lead", body):
                break
            good.append(clause)
        if good and len(good) < len(clauses):
            cut = sentence[: sentence.index(good[-1]) + len(good[-1])].rstrip(" ,;") + "."
            if not check(cut, "lead", body) and not _dangling(cut):
                kept.append(cut)
        break
    return " ".join(kept)


def _dangling(text: str) -> bool:
    from summarizer.danish import DANGLING

    ws = _words(text)
    return not ws or ws[-1] in DANGLING
