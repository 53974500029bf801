"""The editor's check's rules that need no analyser: boilerplate, cuts, openings that point back, quotes.

What punctuation, word lists and the article's own sentences can see; the word lists are in
`summarizer.checks.lexicon`.
"""

from __future__ import annotations

import re

from summarizer.checks.lexicon import (
    _BOUNDARY_CHARS,
    CONTEXT_OPENERS,
    CONTEXT_PHRASES,
    CUT_OK_BEFORE,
    DASH_OPENERS,
    LABEL_RE,
    LIST_LINE_RE,
    MODAL_PASTS,
    PERSONAL_PRONOUNS,
    POINTING_BACK,
    QUOTE_OPENERS,
    SAADAN_SAYS,
)
from summarizer.checks.problems import Problem, problem
from summarizer.danish import DANGLING, NUMBER_WORDS, SAYING_VERBS
from summarizer.headlines.grammar import is_attribution_only
from summarizer.text import split_sentences, words
from summarizer.text.boilerplate import POSITION_MARK_RE, clean_line, is_boilerplate


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


#: A pair of quotation marks with nothing between them.
#: (« » is a quote closed and the next opened: two quoted sentences, not an empty pair.)
EMPTY_QUOTE_RE = re.compile(r'""|»\s*«|“\s*”|„\s*“')


def _quote_open(text: str) -> bool:
    if EMPTY_QUOTE_RE.search(text):
        return True  # 'Biblioteker er på jeres ud""': marks with nothing between, a language model's stray pair
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
    """Does the last word leave the text hanging ("… med Elton og")? Read from the words alone, with or without
    the analyser; `summarizer.checks.grammar._torn_end` reads the analyser's tokens (genitives, auxiliaries,
    verbs that need an object) and names the word, so the two stay apart."""
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
    if again := _repeated_phrase(stripped, article):
        out.append(problem("repetition", f"»{again}« to gange"))
    return out


def _repeated_phrase(text: str, article: str = "") -> str:
    """Three words in a row that come twice in one sentence ("politi- og politi- og politi-fankultur"): a language
    model's loop, never a printable sentence. Not when one sentence of the article says them twice too ("om han blev
    dræbt ved en skudveksling, eller om han blev dræbt af oprørere"): that is the writer's Danish, kept or cut."""
    for sentence in split_sentences(text) or [text]:
        if (gram := _twice(words(sentence))) and gram not in _article_repeats(article):
            return " ".join(gram)
    return ""


def _twice(tokens: list[str]) -> tuple[str, ...] | None:
    """The first three-word sequence of `tokens` that comes a second time, lower-cased; None when none does."""
    seen: set[tuple[str, ...]] = set()
    for i in range(len(tokens) - 2):
        gram = tuple(t.lower() for t in tokens[i : i + 3])
        if gram in seen:
            return gram
        seen.add(gram)
    return None


def _article_repeats(article: str) -> set[tuple[str, ...]]:
    """Every three-word sequence that one sentence of the article says twice (asked only when a text repeats one)."""
    found: set[tuple[str, ...]] = set()
    for sentence in split_sentences(article):
        tokens = [t.lower() for t in words(sentence)]
        seen: set[tuple[str, ...]] = set()
        for i in range(len(tokens) - 2):
            gram = tuple(tokens[i : i + 3])
            if gram in seen:
                found.add(gram)
            seen.add(gram)
    return found


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
