"""Decoding constrained to the article: the generative model can only write words the article gives it.

Every word the model writes must be one of the article's allowed words (`allowed_words`):

- a word form of the article itself (lower-cased; a hyphenated word whole, and each of its parts);
- an inflection of one of the article's lemmas, from Apertium's Danish generator (`morphology.inflections`):
  "aftalen" allows "aftale", "aftaler", "aftalerne" …, "indgår" allows "indgik", "indgået" …;
- a closed-class Danish word (`CLOSED_CLASS`: pronouns, prepositions, conjunctions, auxiliaries, articles,
  common adverbs); numbers and names only as the article has them, so none can be invented.

Between words: spaces, sentence punctuation and quote marks, and whatever other marks the article uses. A hyphen
or an apostrophe right after a word only continues it toward an allowed word: "Biden-præsident" cannot be
written when the article has no such word, though it has "Biden" and "præsident".

How a token is allowed (one core, `Constraint.advance`, used by both backends): the model's output is read one
character at a time, the word being written kept as its lower-cased partial form; a token is allowed only if,
after its text, that partial word is still a prefix of some allowed word (the prefix set of all allowed words is
the trie, flattened: a set lookup per character), and every word it completes is an allowed word. That is the
prefix trie over the allowed words' token sequences, read on characters, so it does not matter which of the
model's word pieces spell a word. The end of text is allowed only where no word is half written.

`TokenFilter` picks among the model's best tokens: the allowed ones among its top 64, then its top 1,024, then
its top 16,384, until enough are found (greedy: one; sampled: `top_k`); a sequence with no allowed token even
then stops there. The llama.cpp backend calls it at each step (`llama_backend.LlamaModel.generate`); for
transformers, `ArticleLogitsProcessor` sets every other token's score to minus infinity before sampling.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Callable, Iterable
from typing import Any

from summarizer.danish import wordset

#: Closed-class Danish words the model may always write: pronouns, articles and determiners, prepositions,
#: conjunctions, auxiliaries and modals, common adverbs. No number words but "en"/"et" (numbers come from the
#: article), no content words.
CLOSED_CLASS = wordset(
    """
    jeg mig min mit mine du dig din dit dine han ham hans hun hende hendes den det dens dets de dem deres vi os
    vores vor vort vore I jer jeres sig sin sit sine man nogen noget nogle ingen intet ingenting alle alt andre
    anden andet hinanden selv selve hvem hvad hvilken hvilket hvilke hvis som der her dér
    en et den det de denne dette disse enhver ethvert hver hvert begge mange flere flest få færre mest mere
    meget lidt samme sådan sådant sådanne
    i på til for med af fra ved efter over under mod hos uden om mellem siden inden blandt ad gennem ifølge
    trods pr per via bag foran langs omkring
    og eller men samt så for fordi at om hvis når da mens end selvom skønt idet eftersom hverken både enten
    nok ja nej
    er var være været har havde have haft bliver blev blive blevet vil ville skal skulle kan kunne må måtte
    bør burde gør gjorde gøre gjort får fik få fået
    ikke også nu så her der da allerede stadig igen kun bare jo dog nemlig snart altid aldrig ofte tit
    senere tidligere længe lige endnu heller sammen især næsten omkring cirka ca mindst højst over under
    først sidst siden ud ind op ned ude inde oppe nede derfor derefter første sidste
    """
)
#: Marks always allowed between words (sentence punctuation, quotes, dashes, brackets).
PUNCTUATION = frozenset(".,:;!?»«\"”“„'’‘()–—-/&%")
#: A hyphen right after a word joins it to the next part; an apostrophe may ("USA's") or may close a quote.
HYPHEN = "-"
INNER = "-'’"
#: Inside a number: "1,6", "2.500".
NUMBER_INNER = ".,"
_WORD_RE = re.compile(r"[^\W_]+(?:[-'’.,][^\W_]+)*")


def article_words(text: str) -> set[str]:
    """The article's own word forms, lower-cased: each hyphenated word whole and its parts, numbers whole
    ("1,6"), and a name's genitive ("Biden" → "bidens")."""
    found: set[str] = set()
    for m in _WORD_RE.finditer(text):
        word = m.group().lower()
        pieces = [p for p in re.split(r"[-'’]", word) if p] if not word[:1].isdigit() else [word]
        for piece in {word, *pieces}:
            # "24." and "kl." keep their mark at a sentence's end only when a digit follows it.
            if any(ch in NUMBER_INNER for ch in piece) and not piece[:1].isdigit():
                found.update(p for p in re.split(r"[.,]", piece) if p)
            else:
                found.add(piece)
        if m.group()[:1].isupper() and not word.endswith("s"):
            found.add(word + "s")
    return found


def allowed_words(body: str) -> tuple[frozenset[str], list[str]]:
    """The words an engine may write about `body`, and warnings (Danish) when the morphology is missing: then
    only the article's own word forms and the closed-class words, no inflections."""
    from summarizer import morphology
    from summarizer.text import split_sentences

    own = article_words(body)
    warnings: list[str] = []
    try:
        sentences = split_sentences(" ".join(body.split())) or [body]
        tokens = [t for toks in morphology.analyse_many(sentences) for t in toks]
        inflected = morphology.inflections(tokens)
    except morphology.MorphologyUnavailable as missing:
        inflected = frozenset()
        warnings.append(str(missing))
    return frozenset(own | {w.lower() for w in CLOSED_CLASS} | inflected), warnings


class Constraint:
    """The allowed words of one article as a prefix set, and `advance`: the partial word after a piece of text."""

    def __init__(self, words: Iterable[str], punctuation: Iterable[str] = (), mixed: Iterable[str] = ()) -> None:
        self.words = frozenset(w.lower() for w in words if w)
        self.prefixes = frozenset(w[:i] for w in self.words for i in range(len(w) + 1))
        self.punctuation = PUNCTUATION | frozenset(punctuation)
        #: Prefixes of the article's words in mixed case ("SpaceX", "iPhone"): the only mixed case allowed.
        self.mixed = frozenset(w[:i] for w in mixed for i in range(len(w) + 1))

    @classmethod
    def for_article(cls, body: str) -> tuple[Constraint, list[str]]:
        words, warnings = allowed_words(body)
        marks = {ch for ch in body if not ch.isalnum() and not ch.isspace()}
        mixed = {w for w in _WORD_RE.findall(body) if _mixed_case(w)}
        return cls(words, marks, mixed), warnings

    def complete(self, partial: str) -> bool:
        """`partial` may end here: empty, an allowed word, or one followed by a mark that did not continue it."""
        low = partial.lower()
        return (
            not low
            or low in self.words
            or (low[-1] in INNER + NUMBER_INNER and low[-1] != HYPHEN and low[:-1] in self.words)
        )

    def advance(self, partial: str, text: str) -> str | None:
        """The word being written after `text` follows `partial`, or None when `text` would write a word that is
        not allowed (in any case, but mixed case only as the article writes it: no "færrE"), or a character that
        is neither a word's nor an allowed mark."""
        for ch in text:
            if ch.isalnum():
                partial += ch
                if partial.lower() not in self.prefixes or (_mixed_case(partial) and partial not in self.mixed):
                    return None
            elif partial and ch in INNER + NUMBER_INNER and (partial + ch).lower() in self.prefixes:
                partial += ch  # "ukraine-" toward "ukraine-konflikten", "1," toward "1,6"
            elif partial and ch == HYPHEN:
                return None  # "Biden-præsident": a hyphen after a word must lead to an allowed word
            else:
                if not self.complete(partial) or not (ch.isspace() or ch in self.punctuation):
                    return None
                partial = ""
        return partial

    def allows(self, partial: str, text: str) -> bool:
        return self.advance(partial, text) is not None

    def trim(self, text: str) -> str:
        """`text` as far as it keeps to the allowed words and ends on a whole one (a candidate stopped mid-word)."""
        partial, good = "", 0
        for i, ch in enumerate(text):
            partial = self.advance(partial, ch)
            if partial is None:
                break
            if not partial:
                good = i + 1
        else:
            if partial is not None and self.complete(partial):
                good = len(text)
        return text[:good].rstrip()


#: How many of the model's best tokens are looked at, in turn, until enough allowed ones are found.
CHUNKS = (64, 1024, 16384)


def _mixed_case(word: str) -> bool:
    """Upper and lower case after the first letter ("SpaceX", "færrE"), not "Biden", "biden" or "USA"."""
    tail = [c for c in word[1:] if c.isalpha()]
    return any(c.isupper() for c in tail) and any(c.islower() for c in tail)


class TokenFilter:
    """The allowed tokens among a model's best: one `Constraint`, a token's text from `text_of` (None for a
    token that is no whole text: a special token, half a UTF-8 character)."""

    def __init__(self, constraint: Constraint, text_of: Callable[[int], str | None], eos: int | None) -> None:
        self.constraint = constraint
        self.text_of = text_of
        self.eos = eos

    def advance(self, partial: str, token: int) -> str | None:
        if token == self.eos:
            return partial if self.constraint.complete(partial) else None
        text = self.text_of(token)
        return None if not text else self.constraint.advance(partial, text)

    def best(self, logits: Any, partial: str, want: int = 1) -> list[int]:
        """Up to `want` allowed tokens, best first, from the model's top `CHUNKS` (at least one where there is
        one in its top 16,384; [] when there is none: the sequence cannot go on)."""
        import numpy as np

        n = logits.shape[-1]
        found: list[int] = []
        seen = 0
        for size in (*CHUNKS, n):
            size = min(size, n)
            if size <= seen:
                continue
            top = np.argpartition(-logits, size - 1)[:size] if size < n else np.arange(n)
            top = top[np.argsort(-logits[top], kind="stable")][seen:]
            for token in top.tolist():
                if self.advance(partial, token) is not None:
                    found.append(token)
                    if len(found) >= want:
                        return found
            seen = size
            if found or size >= CHUNKS[-1]:
                return found
        return found


class TextCache:
    """Each token's text, looked up once per model and kept (a token the model never proposes is never decoded)."""

    def __init__(self, decode: Callable[[int], str | None]) -> None:
        self._decode = decode
        self._texts: dict[int, str | None] = {}
        self._lock = threading.Lock()

    def __call__(self, token: int) -> str | None:
        text = self._texts.get(token, "")
        if text == "":
            text = self._decode(token)
            if text is not None and (not text or "\ufffd" in text):
                text = None  # a special token, or a piece of a UTF-8 character
            with self._lock:
                self._texts[token] = text
        return text


def hf_text_cache(tokenizer: Any) -> TextCache:
    """Token texts from a transformers tokenizer, kept on it: a token's text is what it adds after a plain
    letter ("a"), so its leading space shows (decoding it alone may drop that)."""
    cached = getattr(tokenizer, "_summarizer_token_texts", None)
    if cached is None:
        anchor = tokenizer.encode("a", add_special_tokens=False)
        head = tokenizer.decode(anchor)
        special = set(getattr(tokenizer, "all_special_ids", []) or [])

        def decode(token: int) -> str | None:
            if token in special:
                return None
            text = tokenizer.decode([*anchor, token])
            return text[len(head) :] if text.startswith(head) else None

        cached = TextCache(decode)
        with contextlib.suppress(AttributeError):  # a tokenizer that takes no new attributes: a cache per call
            tokenizer._summarizer_token_texts = cached
    return cached


def logits_processor(token_filter: TokenFilter, prompt_length: int, top_k: int = 64) -> Any:
    """A transformers `LogitsProcessor` keeping each row to `token_filter`'s allowed tokens (its best `top_k`;
    every other score minus infinity); applied before temperature, top-k and top-p."""
    from transformers import LogitsProcessor

    class ArticleLogitsProcessor(LogitsProcessor):
        def __init__(self) -> None:
            self.partial: list[str | None] = []

        def __call__(self, input_ids: Any, scores: Any) -> Any:
            import torch

            rows = input_ids.shape[0]
            if not self.partial:
                self.partial = [""] * rows
            elif input_ids.shape[1] > prompt_length:
                for r in range(rows):
                    if self.partial[r] is not None:
                        self.partial[r] = token_filter.advance(self.partial[r], int(input_ids[r, -1]))
            masked = torch.full_like(scores, float("-inf"))
            for r in range(rows):
                partial = self.partial[r]
                row = scores[r].detach().float().cpu().numpy()
                keep = token_filter.best(row, partial, top_k) if partial is not None else []
                if not keep and token_filter.eos is not None:
                    keep = [token_filter.eos]  # nothing allowed goes on: the row ends here
                masked[r, keep] = scores[r, keep]
            return masked

    return ArticleLogitsProcessor()
