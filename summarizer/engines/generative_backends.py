"""The generative engine's backends, one interface on llama.cpp and on transformers (as `seq2seq_backends`).

A backend holds one loaded model (`load`): its `tokenizer`, a way to `read` an article's shared prompt start
once (``with backend.reading(start):``) and `generate`, which writes `n` candidate continuations of a prompt,
greedy or sampled (`Sampling`, seeded: the same article gets the same candidates every time), each token
constrained to the article's words when a `constrained.Constraint` is given. The engine picks its backend once
(`llama_backend.choose_backend`) and never asks which one it holds.

Nothing here is imported by ``import summarizer``; torch, transformers and llama_cpp load on first use.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from summarizer.engines import causal_lm, constrained, llama_backend
from summarizer.errors import SummarizerError

__all__ = ["BACKENDS", "GenerativeBackend", "LlamaCppBackend", "Sampling", "TransformersBackend", "load"]


@dataclass(frozen=True)
class Sampling:
    """How sampled candidates are drawn: top-k, then top-p (nucleus) at a temperature, from a fixed seed."""

    seed: int = 0
    temperature: float = 0.7
    top_p: float = 0.9
    top_k: int = 40


class GenerativeBackend:
    """One loaded causal language model, as the generative engine uses it. Subclasses set `name`."""

    name: ClassVar[str] = ""

    def __init__(self, tuned: causal_lm.Tuned) -> None:
        self.tuned = tuned

    @property
    def tokenizer(self) -> Any:
        """Encodes and decodes as the model does (``encode``, ``decode``, ``eos_token_id``)."""
        raise NotImplementedError

    @contextlib.contextmanager
    def reading(self, start: list[int]) -> Iterator[None]:
        """Within this block, every prompt `generate` is given begins with `start` (the article's body), which a
        backend may read once for all of them. By default nothing is read ahead."""
        yield

    def generate(
        self,
        ids: list[int],
        n: int,
        max_new_tokens: int,
        sampling: Sampling,
        *,
        sample: bool,
        constraint: constrained.Constraint | None = None,
    ) -> list[tuple[str, bool]]:
        """`n` continuations of the prompt `ids` (`sample`: drawn as `sampling` says, else the one greedy one), each
        its first line and whether the model ended it itself rather than running out of tokens."""
        raise NotImplementedError

    def greedy_and_sampled(self, ids: list[int], n: int, max_new_tokens: int, sampling: Sampling, *,
                           constraint: constrained.Constraint | None = None) -> list[tuple[str, bool]]:  # fmt: skip
        """The greedy continuation, then `n` sampled ones. By default two passes; a backend that can write them in
        one batch says so by overriding this."""
        greedy = self.generate(ids, 1, max_new_tokens, sampling, sample=False, constraint=constraint)
        return greedy + self.generate(ids, n, max_new_tokens, sampling, sample=True, constraint=constraint)


class LlamaCppBackend(GenerativeBackend):
    """The GGUF base with the tuned LoRA adapter on llama.cpp (`llama_backend.LlamaModel`); its own cache keeps
    what the prompts share, so `reading` needs to do nothing."""

    name = "llama.cpp"

    def __init__(self, tuned: causal_lm.Tuned) -> None:
        super().__init__(tuned)
        self.model = llama_backend.load(tuned)

    @property
    def tokenizer(self) -> Any:
        return self.model.tokens

    def generate(self, ids: list[int], n: int, max_new_tokens: int, sampling: Sampling, *, sample: bool,
                 constraint: constrained.Constraint | None = None) -> list[tuple[str, bool]]:  # fmt: skip
        drawn = {"temperature": sampling.temperature, "top_k": sampling.top_k, "top_p": sampling.top_p}
        return self.model.generate(ids, n, max_new_tokens=max_new_tokens, sample=drawn if sample else None,
                                   seed=sampling.seed, constraint=constraint)  # fmt: skip

    def greedy_and_sampled(self, ids: list[int], n: int, max_new_tokens: int, sampling: Sampling, *,
                           constraint: constrained.Constraint | None = None) -> list[tuple[str, bool]]:  # fmt: skip
        drawn = {"temperature": sampling.temperature, "top_k": sampling.top_k, "top_p": sampling.top_p}
        return self.model.generate(ids, n, max_new_tokens=max_new_tokens, sample=drawn, seed=sampling.seed,
                                   constraint=constraint, greedy_first=True)  # fmt: skip


class TransformersBackend(GenerativeBackend):
    """The tuned model on transformers (PyTorch, float32). `reading` runs the body through the model once and
    each candidate continues from a copy of that cache (10 sampled headlines would otherwise read it 10 times)."""

    name = "transformers"

    def __init__(self, tuned: causal_lm.Tuned) -> None:
        super().__init__(tuned)
        self.model, self._tokenizer = causal_lm.load_tuned(tuned)
        self._prefix: tuple[list[int], Any] | None = None

    @property
    def tokenizer(self) -> Any:
        return self._tokenizer

    @contextlib.contextmanager
    def reading(self, start: list[int]) -> Iterator[None]:
        import torch

        with torch.inference_mode():
            self._prefix = self.read(start)
            try:
                yield
            finally:
                self._prefix = None

    def read(self, ids: list[int]) -> tuple[list[int], Any]:
        """The model's cache after reading `ids` (the shared start of the prompts), with the ids."""
        import torch
        from transformers import DynamicCache

        model = self.model
        cache = DynamicCache(config=model.config)
        model(input_ids=torch.tensor([ids], device=model.device), past_key_values=cache, use_cache=True,
              logits_to_keep=1)  # fmt: skip
        return ids, cache

    def generate(self, ids: list[int], n: int, max_new_tokens: int, sampling: Sampling, *, sample: bool,
                 constraint: constrained.Constraint | None = None) -> list[tuple[str, bool]]:  # fmt: skip
        extra: dict[str, Any] = {}
        if constraint is not None:
            from transformers import LogitsProcessorList

            tokenizer = self.tokenizer
            token_filter = constrained.TokenFilter(constraint, constrained.hf_text_cache(tokenizer),
                                                   tokenizer.eos_token_id)  # fmt: skip
            processor = constrained.logits_processor(token_filter, len(ids), max(sampling.top_k, 1))
            extra["logits_processor"] = LogitsProcessorList([processor])
        if not sample:
            return self.run(ids, self._prefix, n, max_new_tokens=max_new_tokens, do_sample=False, **extra)
        import torch

        torch.manual_seed(sampling.seed)  # the same article gets the same alternatives every time
        return self.run(ids, self._prefix, n, max_new_tokens=max_new_tokens, do_sample=True, top_k=sampling.top_k,
                        top_p=sampling.top_p, temperature=sampling.temperature, **extra)  # fmt: skip

    def run(self, ids: list[int], prefix: tuple[list[int], Any] | None, n: int = 1,
            **kwargs: Any) -> list[tuple[str, bool]]:  # fmt: skip
        """transformers' `generate` on `n` copies of `ids`, continuing from `prefix` (`read`) when given."""
        import copy

        import torch

        model, tokenizer = self.model, self.tokenizer
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


#: Each backend by the name `llama_backend.choose_backend` gives.
BACKENDS: dict[str, type[GenerativeBackend]] = {
    LlamaCppBackend.name: LlamaCppBackend,
    TransformersBackend.name: TransformersBackend,
}


def load(name: str, tuned: causal_lm.Tuned) -> GenerativeBackend:
    """`tuned` loaded on the backend `name` ("llama.cpp" or "transformers")."""
    return BACKENDS[name](tuned)
