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
"""

from __future__ import annotations

import json
import math
import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from summarizer.article import Article
from summarizer.engines import causal_lm, llama_backend
from summarizer.engines.base import Draft, Engine, Options
from summarizer.engines.diversity import dice, mmr, word_set
from summarizer.errors import ModelUnavailable, SummarizerError

SHIPPED = Path(__file__).with_name("generative_model")
#: Written into a model folder by ``scripts/bench_generative.py``: how it did against `extractive` on the same
#: held-out articles. ``engine="auto"`` picks `generative` only on this evidence.
BENCHMARK = "benchmark.json"
#: (prompt ids, how many, max new tokens, sampled?) → [(first line, ended by the model?)], on either backend.
Generator = Callable[[list[int], int, int, bool], list[tuple[str, bool]]]


def choose(spec_arg: str | None) -> Path:
    """The fine-tuned folder to use (see the module docstring for the order)."""
    chosen = spec_arg or os.environ.get("SUMMARIZER_GENERATIVE_MODEL", "").strip() or str(SHIPPED)
    folder = Path(chosen).expanduser()
    if not (folder / causal_lm.META).exists():
        if folder == SHIPPED:
            raise ModelUnavailable("no fine-tuned generative model is shipped in this checkout")
        raise ModelUnavailable(
            f"{chosen} is not a fine-tuned generative model (python -m summarizer finetune makes one)"
        )
    return folder


def auto_verdict() -> str | None:
    """None when ``engine="auto"`` should use the generative model; otherwise why not, in one line."""
    try:
        engine = GenerativeEngine()
    except ModelUnavailable as error:
        return f"the generative engine is not usable ({error})"
    record = engine.tuned.folder / BENCHMARK
    if not record.exists():
        return "the generative model has not been measured against extractive (scripts/bench_generative.py)"
    measured = json.loads(record.read_text(encoding="utf-8"))
    if not measured.get("beats_extractive_on_headlines"):
        return (
            "the generative model did not beat extractive on headlines in its benchmark (top headline ROUGE-1 "
            f"{measured.get('generative_headline_top')} against {measured.get('extractive_headline_top')})"
        )
    return None


class GenerativeEngine(Engine):
    """Lead and headlines from a fine-tuned causal language model (Gemma 3 270M + LoRA by default)."""

    name = "generative"

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
        self._model: tuple[Any, Any] | None = None

    @classmethod
    def instance_key(cls, spec_arg: str | None = None) -> tuple[object, ...]:
        chosen = spec_arg or os.environ.get("SUMMARIZER_GENERATIVE_MODEL", "").strip() or str(SHIPPED)
        return (chosen, os.environ.get("SUMMARIZER_GENERATIVE_BACKEND", "").strip().lower())

    @classmethod
    def is_available(cls, spec_arg: str | None = None) -> bool:
        """A fine-tuned folder is here and its base can be loaded without the network (no torch imported)."""
        try:
            cls(spec_arg)
        except SummarizerError:
            return False
        return True

    def __repr__(self) -> str:
        return f"GenerativeEngine({str(self.tuned.folder)!r}, base={self.tuned.base!r}, backend={self.backend!r})"

    def load(self) -> Any:
        """The loaded model: (model, tokenizer) on transformers, a `llama_backend.LlamaModel` on llama.cpp."""
        with self._lock:
            if self._model is None:
                if self.backend == "llama.cpp":
                    self._model = llama_backend.load(self.tuned)
                else:
                    self._model = causal_lm.load_tuned(self.tuned)
            return self._model

    def summarise(self, article: Article, options: Options) -> Draft:
        loaded = self.load()
        tokenizer = loaded.tokens if self.backend == "llama.cpp" else loaded[1]
        body_ids = causal_lm.encode_body(tokenizer, article.body)
        warnings = []
        if len(body_ids) > self.tuned.max_input_tokens:
            warnings.append(
                f"the generative model reads the first {self.tuned.max_input_tokens} tokens of the article "
                f"({len(body_ids)} in all): the lead and headlines cover only its start"
            )
        with self._lock:
            if self.backend == "llama.cpp":
                lead, headlines = self._write(self._llama_generator(loaded), tokenizer, article, body_ids, options)
            else:
                import torch

                model = loaded[0]
                with torch.inference_mode():
                    # Both prompts begin "Artikel: <body>": the model reads the body once, and every candidate
                    # continues from a copy of that state (10 sampled headlines would otherwise read it 10 times).
                    start = causal_lm.prompt_prefix(body_ids, tokenizer, self.tuned.max_input_tokens)
                    generator = self._hf_generator(model, tokenizer, self._read(model, start))
                    lead, headlines = self._write(generator, tokenizer, article, body_ids, options)
        from summarizer.engines.seq2seq import fit_words

        lead, cut = fit_words(lead, options.max_summary_words)
        if cut:
            warnings.append(cut)
        if not lead:
            warnings.append("the model produced an empty lead")
        return Draft(summary=lead, headlines=headlines, warnings=warnings)

    def summarise_batch(self, articles: Iterable[Article], options: Options) -> list[Draft]:
        return [self.summarise(a, options) for a in articles]

    @staticmethod
    def _read(model: Any, ids: list[int]) -> tuple[list[int], Any]:
        """The model's cache after reading `ids` (the shared start of the prompts), with the ids."""
        import torch
        from transformers import DynamicCache

        cache = DynamicCache(config=model.config)
        model(input_ids=torch.tensor([ids], device=model.device), past_key_values=cache, use_cache=True,
              logits_to_keep=1)  # fmt: skip
        return ids, cache

    def _generate(
        self, model: Any, tokenizer: Any, ids: list[int], prefix: tuple[list[int], Any] | None, n: int = 1,
        **kwargs: Any,
    ) -> list[tuple[str, bool]]:  # fmt: skip
        import copy

        import torch

        prompt = torch.tensor([ids] * n, device=model.device)
        if prefix is not None:
            read, cache = prefix
            if ids[: len(read)] != read or len(ids) <= len(read):
                raise SummarizerError("internal: the prompt does not continue the text read")  # a bug, not input
            cache = copy.deepcopy(cache)
            if n > 1:
                cache.batch_repeat_interleave(n)
            kwargs["past_key_values"] = cache
        out = model.generate(
            input_ids=prompt,
            attention_mask=torch.ones_like(prompt),
            pad_token_id=tokenizer.pad_token_id,
            eos_token_id=tokenizer.eos_token_id,
            **kwargs,
        )
        texts = []
        for row in out[:, prompt.shape[1] :].tolist():
            finished = tokenizer.eos_token_id in row
            row = row[: row.index(tokenizer.eos_token_id)] if finished else row
            text = tokenizer.decode(row, skip_special_tokens=True)
            finished = finished or "\n" in text.strip()
            texts.append((causal_lm.first_line(text), finished))
        return texts

    def _hf_generator(self, model: Any, tokenizer: Any, prefix: Any) -> Generator:
        def generate(ids: list[int], n: int, max_new_tokens: int, sample: bool) -> list[tuple[str, bool]]:
            if not sample:
                return self._generate(model, tokenizer, ids, prefix, n, max_new_tokens=max_new_tokens, do_sample=False)
            import torch

            torch.manual_seed(self.seed)  # the same article gets the same alternatives every time
            return self._generate(model, tokenizer, ids, prefix, n, max_new_tokens=max_new_tokens, do_sample=True,
                                  top_k=self.top_k, top_p=self.top_p, temperature=self.temperature)  # fmt: skip

        return generate

    def _llama_generator(self, loaded: llama_backend.LlamaModel) -> Generator:
        sampling = {"temperature": self.temperature, "top_k": self.top_k, "top_p": self.top_p}

        def generate(ids: list[int], n: int, max_new_tokens: int, sample: bool) -> list[tuple[str, bool]]:
            return loaded.generate(ids, n, max_new_tokens=max_new_tokens, sample=sampling if sample else None,
                                   seed=self.seed)  # fmt: skip

        return generate

    def _write(
        self, generate: Generator, tokenizer: Any, article: Article, body_ids: list[int], options: Options
    ) -> tuple[str, list[str]]:
        """The lead and the ranked headlines, whichever backend `generate` runs on."""
        limit = self.tuned.max_input_tokens
        budget = math.ceil(options.max_summary_words * 2.2) + 8  # Danish runs about 1.6 Gemma tokens a word
        [(lead, _)] = generate(causal_lm.prompt("lead", body_ids, tokenizer, limit), 1, budget, False)
        ids = causal_lm.prompt("headline", body_ids, tokenizer, limit)
        return lead, self._headlines(generate, ids, article, options)

    def _headlines(self, generate: Generator, ids: list[int], article: Article, options: Options) -> list[str]:
        budget = math.ceil(options.max_headline_chars / 3) + 4
        n = max(3, min(options.n_headlines + 1, 12))
        candidates = generate(ids, 1, budget, False) + generate(ids, n, budget, True)
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
