"""The two ways to run a seq2seq checkpoint: transformers (PyTorch) and CTranslate2.

Both take token ids and `GenerationSettings` and give back `Candidate`s, so the engine's
truncation, batching, beams and headline logic are one code path. Models are loaded once per
process (`load`) and shared by every engine and thread: the web desk serves several editors
at once. transformers generation is serialised per model (PyTorch already uses every core for
one batch, and a lock keeps a seeded sampling run reproducible); a CTranslate2 `Translator` is
thread-safe and queues work itself.

torch, transformers and ctranslate2 are imported inside functions only.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from summarizer.engines import ct2 as ct2_convert
from summarizer.engines import settings
from summarizer.engines.model_cache import read_json
from summarizer.errors import ModelUnavailable, SummarizerError

#: The input limit when neither the tokenizer nor the config gives one (DanSumT5 was trained on 1,024).
DEFAULT_MAX_INPUT_TOKENS = 1024
#: transformers' own fallback is max_length 20, far too short for a summary.
DEFAULT_MAX_NEW_TOKENS = 128


@dataclass(frozen=True)
class GenerationSettings:
    """Decoding settings in units both backends share (new tokens, not counting the start token)."""

    num_beams: int = 1
    num_return_sequences: int = 1
    max_new_tokens: int = DEFAULT_MAX_NEW_TOKENS
    min_new_tokens: int = 0
    length_penalty: float = 1.0
    no_repeat_ngram_size: int = 0
    repetition_penalty: float = 1.0
    do_sample: bool = False
    top_k: int = 0
    top_p: float = 1.0
    temperature: float = 1.0
    seed: int | None = None

    @classmethod
    def from_checkpoint(cls, generation: dict[str, Any], config: dict[str, Any] | None = None) -> GenerationSettings:
        """Read a checkpoint's ``generation_config.json`` (falling back to keys in ``config.json``).

        For encoder-decoder models transformers counts the decoder start token in ``max_length``
        and ``min_length``; here they become new-token counts.
        """
        merged = {**{k: v for k, v in (config or {}).items() if k in ct2_convert.GENERATION_KEYS}, **generation}
        values: dict[str, Any] = {}
        if merged.get("max_new_tokens"):
            values["max_new_tokens"] = int(merged["max_new_tokens"])
        elif merged.get("max_length"):
            values["max_new_tokens"] = max(int(merged["max_length"]) - 1, 1)
        if merged.get("min_new_tokens"):
            values["min_new_tokens"] = int(merged["min_new_tokens"])
        elif merged.get("min_length"):
            values["min_new_tokens"] = max(int(merged["min_length"]) - 1, 0)
        for key in ("num_beams", "no_repeat_ngram_size", "top_k"):
            if merged.get(key) is not None:
                values[key] = int(merged[key])
        for key in ("length_penalty", "repetition_penalty", "top_p", "temperature"):
            if merged.get(key) is not None:
                values[key] = float(merged[key])
        if merged.get("do_sample") is not None:
            values["do_sample"] = bool(merged["do_sample"])
        return cls(**values)

    def updated(self, **changes: Any) -> GenerationSettings:
        """A copy with `changes` applied; unknown names are a clear error, not silently ignored."""
        known = {f.name for f in fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise SummarizerError(
                code="model.unknown_setting", unknown=", ".join(unknown), known=", ".join(sorted(known))
            )
        return replace(self, **changes)


@dataclass(frozen=True)
class Candidate:
    """One generated sequence: token ids without start, end or padding tokens."""

    ids: list[int]
    score: float | None
    finished: bool  # it ended with the end token (not cut by max_new_tokens)


class Tokenizer:
    """The checkpoint's tokenizer, with the few operations the engine needs."""

    eos_id: int
    pad_id: int
    model_max_length: int | None

    def encode(self, text: str) -> list[int]:
        """Token ids of `text`, ending with the end token, as the model was trained."""
        raise NotImplementedError

    def decode(self, ids: list[int]) -> str:
        raise NotImplementedError


class HFTokenizer(Tokenizer):
    """``AutoTokenizer.from_pretrained(folder)``: the path every Hub checkpoint takes."""

    def __init__(self, folder: Path) -> None:
        import importlib.util

        from transformers import AutoTokenizer

        only_spiece = (folder / "spiece.model").is_file() and not (folder / "tokenizer.json").is_file()
        # transformers 5 reads spiece.model through protobuf; without it the error blames tiktoken
        if only_spiece and importlib.util.find_spec("google.protobuf") is None:
            raise ModelUnavailable(code="model.needs_protobuf", engine="seq2seq", folder=folder)
        self.inner = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
        self.eos_id = self.inner.eos_token_id
        self.pad_id = self.inner.pad_token_id if self.inner.pad_token_id is not None else self.eos_id
        self.model_max_length = self.inner.model_max_length
        self.size = len(self.inner)

    def encode(self, text: str) -> list[int]:
        return list(self.inner(text, add_special_tokens=True).input_ids)

    def decode(self, ids: list[int]) -> str:
        return self.inner.decode([i for i in ids if i < self.size], skip_special_tokens=True)


class FastTokenizer(Tokenizer):
    """The same tokenizer read from ``tokenizer.json`` with the `tokenizers` library (no torch)."""

    def __init__(self, folder: Path, special: dict[str, Any]) -> None:
        import tokenizers

        self.inner = tokenizers.Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.eos_id = self._special_id(special, "eos_token", "</s>")
        pad = self._special_id(special, "pad_token", None)
        self.pad_id = pad if pad is not None else self.eos_id
        self.model_max_length = special.get("model_max_length")
        self.size = self.inner.get_vocab_size(with_added_tokens=True)

    def _special_id(self, special: dict[str, Any], key: str, default: str | None) -> int | None:
        token = special.get(key, default)
        if isinstance(token, dict):
            token = token.get("content")
        return self.inner.token_to_id(token) if token else None

    def encode(self, text: str) -> list[int]:
        return list(self.inner.encode(text).ids)

    def decode(self, ids: list[int]) -> str:
        return self.inner.decode([i for i in ids if i < self.size], skip_special_tokens=True)


class Backend:
    """A loaded model: its tokenizer, its own generation settings and input limit, and `generate`."""

    kind = ""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.tokenizer: Tokenizer
        self.defaults: GenerationSettings
        self.max_input_tokens: int
        self.prefix: str = ""

    def generate(self, batch: list[list[int]], settings: GenerationSettings) -> list[list[Candidate]]:
        """For each input (ids ending with the end token), `num_return_sequences` candidates, best first."""
        raise NotImplementedError

    def _limits(self, config: dict[str, Any], tokenizer_limit: int | None) -> None:
        # A tokenizer's model_max_length is often a huge placeholder (mT5: 1e30); only trust real ones.
        limit = tokenizer_limit if tokenizer_limit and tokenizer_limit < 100_000 else None
        limit = limit or config.get("n_positions") or config.get("max_position_embeddings")
        self.max_input_tokens = int(limit or DEFAULT_MAX_INPUT_TOKENS)
        prefix = ((config.get("task_specific_params") or {}).get("summarization") or {}).get("prefix")
        self.prefix = prefix or ""


class TransformersBackend(Backend):
    kind = "transformers"

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        import torch
        from transformers import AutoModelForSeq2SeqLM

        self.tokenizer = HFTokenizer(folder)
        try:
            self.model = AutoModelForSeq2SeqLM.from_pretrained(str(folder), local_files_only=True)
        except (OSError, ValueError) as error:
            reason = str(error).splitlines()[0] if str(error).strip() else type(error).__name__
            raise ModelUnavailable(code="model.cannot_load", engine="seq2seq", folder=folder, reason=reason) from None
        self.model.eval()
        self.torch = torch
        config = read_json(folder / "config.json")
        self.defaults = GenerationSettings.from_checkpoint(read_json(folder / "generation_config.json"), config)
        self._limits(config, self.tokenizer.model_max_length)
        self.decoder_start = self.model.config.decoder_start_token_id
        self.lock = threading.Lock()

    def generate(self, batch: list[list[int]], settings: GenerationSettings) -> list[list[Candidate]]:
        torch = self.torch
        pad = self.tokenizer.pad_id
        width = max(len(ids) for ids in batch)
        input_ids = torch.tensor([ids + [pad] * (width - len(ids)) for ids in batch])
        attention = torch.tensor([[1] * len(ids) + [0] * (width - len(ids)) for ids in batch])
        n = settings.num_return_sequences
        kwargs: dict[str, Any] = {
            # encoder-decoder lengths count the decoder start token
            "max_length": settings.max_new_tokens + 1,
            "min_length": settings.min_new_tokens + 1,
            "num_beams": settings.num_beams,
            "num_return_sequences": n,
            "length_penalty": settings.length_penalty,
            "no_repeat_ngram_size": settings.no_repeat_ngram_size,
            "repetition_penalty": settings.repetition_penalty,
            "do_sample": settings.do_sample,
            "return_dict_in_generate": True,
        }
        if settings.do_sample:
            kwargs.update(top_k=settings.top_k, top_p=settings.top_p, temperature=settings.temperature)
        else:  # the checkpoint's sampling fields must not leak into beam search
            kwargs.update(top_k=None, top_p=None, temperature=None)
        with self.lock, torch.inference_mode():
            if settings.seed is not None:
                torch.manual_seed(settings.seed)
            out = self.model.generate(input_ids=input_ids, attention_mask=attention, **kwargs)
        sequences = out.sequences.tolist()
        eos = self.tokenizer.eos_id
        results: list[list[Candidate]] = []
        for row in range(len(batch)):
            candidates = []
            for k in range(n):
                index = row * n + k
                ids = sequences[index][1:]  # drop the decoder start token
                finished = eos in ids
                if finished:
                    ids = ids[: ids.index(eos)]
                ids = [i for i in ids if i != pad]
                candidates.append(Candidate(ids, None, finished))  # scores would cost output_scores' memory
            results.append(candidates)
        return results


class CT2Backend(Backend):
    kind = "ct2"

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        import ctranslate2

        meta = read_json(folder / ct2_convert.META_FILE)
        special = {**read_json(folder / "special_tokens_map.json"), **read_json(folder / "tokenizer_config.json")}
        if meta.get("model_max_length"):
            special["model_max_length"] = meta["model_max_length"]
        # tokenizers reads tokenizer.json without torch; a folder without one uses AutoTokenizer.
        self.tokenizer = (
            FastTokenizer(folder, special) if (folder / "tokenizer.json").is_file() else HFTokenizer(folder)
        )
        threads = settings.ct2_threads() or (os.cpu_count() or 1)
        try:
            self.translator = ctranslate2.Translator(str(folder), device="cpu", intra_threads=threads)
        except (RuntimeError, ValueError) as error:
            raise ModelUnavailable(
                code="model.cannot_load_ct2", engine="seq2seq", folder=folder, reason=error
            ) from None
        self.ctranslate2 = ctranslate2
        # CTranslate2's own vocabulary maps ids and tokens exactly, including the rows mT5 pads its
        # embedding with beyond the tokenizer (written as "<extra_id_N>" by the converter).
        self.vocabulary = _read_vocabulary(folder)
        self.index = {token: i for i, token in enumerate(self.vocabulary)}
        config = {**meta.get("hf_config", {})}
        self.defaults = GenerationSettings.from_checkpoint(
            read_json(folder / "generation_config.json"), meta.get("generation_from_config", {})
        )
        self._limits(config, self.tokenizer.model_max_length)

    def generate(self, batch: list[list[int]], settings: GenerationSettings) -> list[list[Candidate]]:
        eos = self.tokenizer.eos_id
        source = [[self.vocabulary[i] for i in ids] for ids in batch]
        kwargs: dict[str, Any] = {
            "beam_size": settings.num_beams if not settings.do_sample else 1,
            "num_hypotheses": settings.num_return_sequences,
            "length_penalty": settings.length_penalty,
            "no_repeat_ngram_size": settings.no_repeat_ngram_size,
            "repetition_penalty": settings.repetition_penalty,
            "max_decoding_length": settings.max_new_tokens,
            "min_decoding_length": settings.min_new_tokens,
            "max_input_length": 0,  # the engine has already cut the input to the model's limit
            "return_scores": True,
            "return_end_token": True,
            "max_batch_size": 0,
        }
        if settings.do_sample:
            kwargs.update(
                sampling_topk=settings.top_k or 0,
                sampling_topp=settings.top_p,
                sampling_temperature=settings.temperature,
            )
        # No per-call seed here: CTranslate2's random generators live in its worker threads, so
        # set_random_seed after start-up does not repeat a sample. Sampled ct2 headlines vary per call.
        results = self.translator.translate_batch(source, **kwargs)
        out: list[list[Candidate]] = []
        for result in results:
            candidates = []
            for k, tokens in enumerate(result.hypotheses):
                ids = [self.index[token] for token in tokens]
                finished = bool(ids) and ids[-1] == eos
                if finished:
                    ids = ids[:-1]
                score = result.scores[k] if result.scores else None
                candidates.append(Candidate(ids, score, finished))
            out.append(candidates)
        return out


def _read_vocabulary(folder: Path) -> list[str]:
    import json

    for name in ("shared_vocabulary.json", "target_vocabulary.json", "vocabulary.json"):
        if (folder / name).is_file():
            return json.loads((folder / name).read_text(encoding="utf-8"))
    if (folder / "shared_vocabulary.txt").is_file():
        return (folder / "shared_vocabulary.txt").read_text(encoding="utf-8").splitlines()
    raise ModelUnavailable(code="model.no_ct2_vocabulary", engine="seq2seq", folder=folder)


_loaded: dict[tuple[str, str], Backend] = {}
_load_lock = threading.Lock()


def load(kind: str, folder: Path) -> Backend:
    """The shared backend for `folder` (loaded on first use, once per process, thread-safe)."""
    key = (kind, str(Path(folder).resolve()))
    with _load_lock:
        backend = _loaded.get(key)
        if backend is None:
            backend = CT2Backend(Path(folder)) if kind == "ct2" else TransformersBackend(Path(folder))
            _loaded[key] = backend
        return backend


def loaded() -> list[tuple[str, str]]:
    """(backend, folder) of every model loaded in this process, for diagnostics and tests."""
    with _load_lock:
        return list(_loaded)
