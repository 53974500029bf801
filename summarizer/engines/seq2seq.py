"""`seq2seq`: a Hugging Face Danish seq2seq checkpoint (DanSumT5 by default) writes the summary
and the alternative headlines.

>>> from summarizer import summarise
>>> result = summarise(text, engine="seq2seq")                      # doctest: +SKIP
>>> result = summarise(text, engine="seq2seq:./my-dansum@ct2")      # doctest: +SKIP

Which model: the spec argument (``"seq2seq:Danish-summarisation/DanSumT5-base"``), else
``SUMMARIZER_MODEL``, else ``Danish-summarisation/DanSumT5-small``; a Hub id or a local folder.
Which backend: a ``@ct2`` / ``@transformers`` suffix, else ``SUMMARIZER_BACKEND``, else
transformers (a CTranslate2 folder always runs on ct2). An optional separate headline checkpoint:
``headline_model=`` or ``SUMMARIZER_HEADLINE_MODEL``.

The model is never downloaded here: it must be a folder or already in the Hugging Face cache
(``python -m summarizer download MODEL``), otherwise constructing the engine raises
`ModelUnavailable` at once. Loading happens on first use, once per process, shared by all
engines and threads (see `seq2seq_backends`).

Summary: the checkpoint's own generation settings (DanSumT5: 2 beams, length penalty 5.0,
no repeated trigrams), the output capped near the caller's word budget. Headlines: beam search
with several returned sequences (or sampling), a short length budget derived from the character
limit, then re-ranked for diversity by MMR; `summarizer.headlines.finalise` applies the style
rules and the limit afterwards. The input is cut on a token boundary at the model's limit
(1,024 tokens for DanSumT5), with a warning.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from summarizer.article import Article
from summarizer.engines import model_cache, settings
from summarizer.engines.base import Draft, Engine, Options
from summarizer.engines.budget import fit_words
from summarizer.engines.diversity import mmr
from summarizer.errors import ModelUnavailable, SummarizerError
from summarizer.messages import message

HEADLINE_STRATEGIES = ("beam", "sample")
#: The record `python -m summarizer finetune` leaves beside a seq2seq model it trained (its headline prefix).
FINETUNE_META = "summarizer-finetune.json"
#: Rows (inputs × beams) per generate call for headlines: beams multiply the memory of a batch.
HEADLINE_ROWS = 32


@dataclass
class _Encoded:
    ids: list[int]
    n_chars: int
    n_words: int
    warnings: list[str]


class Seq2SeqEngine(Engine):
    """Summary and headlines from a seq2seq checkpoint, on transformers or CTranslate2."""

    name = "seq2seq"
    takes_model = True
    backends = model_cache.BACKENDS
    install_note = (
        "Ikke installeret: der er ingen dansk resumémodel på denne maskine. Hent en med "
        "`python -m summarizer download` (eller peg på en med SUMMARIZER_MODEL), og start desken igen."
    )

    def __init__(
        self,
        model: str | None = None,
        *,
        backend: str | None = None,
        headline_model: str | None = None,
        headline_strategy: str = "beam",
        generation: dict[str, Any] | None = None,
        headline_generation: dict[str, Any] | None = None,
        max_input_tokens: int | None = None,
        batch_size: int = 8,
        quantization: str = "int8",
        headline_prefix: str = "",
        seed: int = 0,
    ) -> None:
        """Locate the model(s) now (fast, no torch); load them on first use.

        `generation` / `headline_generation` override single settings of `GenerationSettings`
        (e.g. ``{"num_beams": 4}``) after the checkpoint's own and the engine's choices.
        `quantization` names the CTranslate2 conversion to look for when `model` is the original
        checkpoint and the backend is ct2.
        """
        if headline_strategy not in HEADLINE_STRATEGIES:
            raise SummarizerError(code="model.bad_headline_strategy", choices=", ".join(HEADLINE_STRATEGIES))
        if batch_size < 1:
            raise SummarizerError(code="model.bad_batch_size")
        self.choice = model_cache.choose(model, backend)
        self.folder = model_cache.locate(self.choice, quantization)
        headline_model = headline_model or settings.headline_model()
        if headline_model:
            self.headline_choice = model_cache.choose(headline_model, self.choice.backend)
            self.headline_folder = model_cache.locate(self.headline_choice, quantization)
        else:
            self.headline_choice, self.headline_folder = self.choice, self.folder
        self.headline_strategy = headline_strategy
        self.generation = dict(generation or {})
        self.headline_generation = dict(headline_generation or {})
        self.max_input_tokens = max_input_tokens
        self.batch_size = batch_size
        # A model `finetune` trained learnt its headlines behind a prefix; a ct2 conversion of it is found
        # beside the original checkpoint, whose record says which.
        self.headline_prefix = (
            headline_prefix
            or _finetuned_prefix(self.headline_folder)
            or _finetuned_prefix(model_cache.local_checkpoint(self.headline_choice.model))
        )
        self.seed = seed
        self._lock = threading.Lock()
        self._backends: dict[str, Any] = {}

    @classmethod
    def instance_key(
        cls, model: str | None = None, backend: str | None = None, headline_model: str | None = None, **config: Any
    ) -> tuple[object, ...]:
        # The defaults filled in: a changed SUMMARIZER_MODEL, _BACKEND or _HEADLINE_MODEL gets its own instance.
        given = (model, backend, headline_model)
        defaults = (settings.seq2seq_model(), settings.seq2seq_backend(), settings.headline_model())
        return (*given, *defaults, *super().instance_key(**config))

    @classmethod
    def is_available(cls, model: str | None = None) -> bool:
        """Whether the model is a local folder or in the cache (a few ms; imports no torch)."""
        try:
            choice = model_cache.choose(model)
        except SummarizerError:
            return False
        return model_cache.is_local(choice)

    def about_model(self) -> str:
        return f"model {self.choice.model} på {self.choice.backend}"

    def __repr__(self) -> str:
        return f"Seq2SeqEngine({self.choice.model!r}, backend={self.choice.backend!r})"

    # -- loading -------------------------------------------------------------------------------

    def load(self) -> None:
        """Load the model(s) now rather than on the first article (e.g. when a server starts)."""
        self._backend("summary")
        self._backend("headline")

    def _backend(self, role: str):  # noqa: ANN202
        from summarizer.engines import seq2seq_backends

        with self._lock:
            if role not in self._backends:
                choice, folder = (
                    (self.choice, self.folder) if role == "summary" else (self.headline_choice, self.headline_folder)
                )
                self._backends[role] = seq2seq_backends.load(choice.backend, folder)
            return self._backends[role]

    # -- the Engine interface ------------------------------------------------------------------

    def summarise(self, article: Article, options: Options) -> Draft:
        return self.summarise_batch([article], options)[0]

    def summarise_batch(self, articles: Iterable[Article], options: Options) -> list[Draft]:
        """Summaries and headline candidates for several articles, batched by input length."""
        articles = list(articles)
        if not articles:
            return []
        summaries, summary_notes = self.summaries(articles, options)
        headlines = self.headlines(articles, options)
        return [
            Draft(summary=summary, headlines=candidates, warnings=notes)
            for summary, candidates, notes in zip(summaries, headlines, summary_notes, strict=True)
        ]

    def summaries(self, articles: list[Article], options: Options) -> tuple[list[str], list[list[str]]]:
        """The summary of each article and the warnings about it."""
        backend = self._backend("summary")
        encoded = [self._encode(backend, backend.prefix + article.body) for article in articles]
        tokens_per_word = sum(len(e.ids) for e in encoded) / max(sum(e.n_words for e in encoded), 1)
        # The checkpoint's settings, capped near the word budget (generating 127 tokens to keep 35
        # words wastes a CPU's time); the caller's explicit settings win.
        settings = backend.defaults
        cap = math.ceil(options.max_summary_words * tokens_per_word * 1.5) + 4
        settings = settings.updated(num_return_sequences=1, max_new_tokens=min(settings.max_new_tokens, cap))
        settings = settings.updated(min_new_tokens=min(settings.min_new_tokens, settings.max_new_tokens))
        settings = settings.updated(**self.generation)
        results = _in_length_order(
            [e.ids for e in encoded], self.batch_size, lambda batch: backend.generate(batch, settings)
        )
        texts, notes = [], []
        for enc, candidates in zip(encoded, results, strict=True):
            text = _tidy(backend.tokenizer.decode(candidates[0].ids))
            warnings = list(enc.warnings)
            text, cut = fit_words(text, options.max_summary_words)
            if cut:
                warnings.append(cut)
            if not text:
                warnings.append(message("seq2seq.empty_summary"))
            texts.append(text)
            notes.append(warnings)
        return texts, notes

    def headlines(self, articles: list[Article], options: Options) -> list[list[str]]:
        """Headline candidates for each article, most useful first (MMR over beam or sampled output)."""
        backend = self._backend("headline")
        encoded = [self._encode(backend, self.headline_prefix + article.body) for article in articles]
        chars_per_token = sum(e.n_chars for e in encoded) / max(sum(len(e.ids) for e in encoded), 1)
        settings = self.headline_settings(backend.defaults, options, chars_per_token)
        rows = max(settings.num_beams, settings.num_return_sequences)
        per_call = max(1, min(self.batch_size, HEADLINE_ROWS // rows))
        results = _in_length_order([e.ids for e in encoded], per_call, lambda batch: backend.generate(batch, settings))
        return [self._rank_headlines(backend.tokenizer, candidates) for candidates in results]

    def headline_settings(self, defaults: Any, options: Options, chars_per_token: float) -> Any:
        """Beam search (or sampling) for short alternatives: 2 × N candidates, a headline's length."""
        n = max(4, min(2 * options.n_headlines, 16))
        budget = math.ceil(options.max_headline_chars / max(chars_per_token, 1.0) * 1.2) + 2
        settings = defaults.updated(
            num_return_sequences=n,
            max_new_tokens=budget,
            min_new_tokens=min(2, budget),
            length_penalty=1.0,  # the summary's 5.0 pushes towards long output; a headline is short
        )
        if self.headline_strategy == "sample":
            settings = settings.updated(
                num_beams=1, do_sample=True, top_k=0, top_p=0.9, temperature=0.9, seed=self.seed
            )
        else:
            settings = settings.updated(num_beams=n, do_sample=False)
        return settings.updated(**self.headline_generation)

    # -- helpers -------------------------------------------------------------------------------

    def _encode(self, backend: Any, text: str) -> _Encoded:
        """Token ids cut on a token boundary at the model's input limit, with a warning when cut."""
        ids = backend.tokenizer.encode(text)
        limit = self.max_input_tokens or backend.max_input_tokens
        warnings = []
        if len(ids) > limit:
            kept = ids[: limit - 1] + [backend.tokenizer.eos_id]
            warnings.append(message("seq2seq.input_cut", tokens=_n(len(ids)), limit=_n(limit)))
            text = backend.tokenizer.decode(kept)
            ids = kept
        return _Encoded(ids=ids, n_chars=len(text), n_words=len(text.split()), warnings=warnings)

    def _rank_headlines(self, tokenizer: Any, candidates: list[Any]) -> list[str]:
        texts: list[str] = []
        relevance: list[float] = []
        seen: set[str] = set()
        # Relevance is the beam rank (both backends return candidates best first); a candidate
        # cut by the length budget counts half.
        for rank, candidate in enumerate(candidates):
            text = _tidy(tokenizer.decode(candidate.ids))
            if not candidate.finished:
                # cut by the length budget: the last word may be half a word
                text = " ".join(text.split()[:-1]).rstrip(",;:–-")
            key = text.lower()
            if not text or key in seen:
                continue
            seen.add(key)
            texts.append(text)
            weight = 1.0 if candidate.finished else 0.5
            relevance.append(weight * (1.0 - rank / max(len(candidates), 1)))
        return [texts[i] for i in mmr(texts, relevance)]


def _in_length_order(items: list[list[int]], size: int, run: Any) -> list[Any]:
    """Run `run` on batches of similar length (longest first, least padding) and restore the order."""
    order = sorted(range(len(items)), key=lambda i: -len(items[i]))
    out: list[Any] = [None] * len(items)
    for start in range(0, len(order), size):
        chunk = order[start : start + size]
        for index, result in zip(chunk, run([items[i] for i in chunk]), strict=True):
            out[index] = result
    return out


def _tidy(text: str) -> str:
    return " ".join(text.split())


def _n(number: int) -> str:
    return f"{number:,}".replace(",", ".")


__all__ = ["ModelUnavailable", "Seq2SeqEngine", "fit_words"]  # fit_words: `budget`'s, kept importable here


def _finetuned_prefix(folder: Any) -> str:
    """The headline prefix a `finetune` run taught this model (``rubrik: ``), or none."""
    import json
    from pathlib import Path

    record = Path(folder) / FINETUNE_META if folder else None
    if record is None or not record.exists():
        return ""
    return str(json.loads(record.read_text(encoding="utf-8")).get("headline_prefix", ""))
