"""Where a seq2seq model lives on this machine: a local folder, the Hugging Face cache, or nowhere.

Everything here is cheap and never imports torch or transformers, so ``engine="auto"`` can ask
`is_local` on every call. Nothing here touches the network except `download`, and that checks
first, in a few seconds, that the Hub can be reached at all: an offline newsroom gets one clear
line, not a minute of retries.
"""

from __future__ import annotations

import json
import os
import re
import socket
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from summarizer.engines import settings
from summarizer.errors import ModelUnavailable
from summarizer.messages import text

DEFAULT_MODEL = "Danish-summarisation/DanSumT5-small"
BACKENDS = ("transformers", "ct2")

#: Files that hold a checkpoint's weights, in the order transformers prefers them.
WEIGHT_FILES = (
    "model.safetensors",
    "model.safetensors.index.json",
    "pytorch_model.bin",
    "pytorch_model.bin.index.json",
)
#: What a CTranslate2 model folder holds (written by ``python -m summarizer convert``).
CT2_MARKERS = ("shared_vocabulary.json", "source_vocabulary.json", "vocabulary.json", "shared_vocabulary.txt")
HUB_ID_RE = re.compile(r"^[\w.-]+/[\w.-]+$")
#: Seconds to wait for a TCP connection to the Hub before calling it unreachable.
CONNECT_TIMEOUT = 3.0


@dataclass(frozen=True)
class ModelChoice:
    """What the caller asked for: a model (Hub id or folder) and a backend."""

    model: str
    backend: str


def choose(spec_arg: str | None = None, backend: str | None = None) -> ModelChoice:
    """Resolve the model and backend from an argument, a spec suffix and the environment.

    Precedence: the argument, then ``SUMMARIZER_MODEL``, then DanSumT5-small. A spec may end in
    ``@ct2`` or ``@transformers`` (``"seq2seq:Danish-summarisation/DanSumT5-base@ct2"``); otherwise
    the backend is the `backend` argument, ``SUMMARIZER_BACKEND``, or "transformers" (a folder
    converted by CTranslate2 always runs on "ct2").

    >>> choose("Danish-summarisation/DanSumT5-base@ct2")
    ModelChoice(model='Danish-summarisation/DanSumT5-base', backend='ct2')
    """
    model, suffix = split_backend(spec_arg or "")
    if not model:  # the default, which may carry a suffix too (SUMMARIZER_MODEL=…@ct2)
        model, default_suffix = split_backend(settings.seq2seq_model() or DEFAULT_MODEL)
        suffix = suffix or default_suffix
    chosen = (suffix or backend or settings.seq2seq_backend() or "").lower()
    if chosen and chosen not in BACKENDS:
        raise ModelUnavailable(
            code="model.unknown_backend", engine="seq2seq", backend=repr(chosen), choices=", ".join(BACKENDS)
        )
    if not chosen:
        folder = _as_folder(model)
        chosen = "ct2" if folder is not None and is_ct2_folder(folder) else "transformers"
    return ModelChoice(model=model, backend=chosen)


def split_backend(arg: str) -> tuple[str, str | None]:
    """``"some/model@ct2"`` → ``("some/model", "ct2")``; ``"@ct2"`` is the default model on ct2.

    >>> split_backend("Danish-summarisation/DanSumT5-base@ct2"), split_backend("./mappe")
    (('Danish-summarisation/DanSumT5-base', 'ct2'), ('./mappe', None))
    """
    model = arg.strip()
    head, sep, tail = model.rpartition("@")
    if sep and tail in BACKENDS:
        return head, tail
    return model, None


def hub_cache_dir() -> Path:
    """The Hugging Face cache, read from the environment on every call (tests and users may change it)."""
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"]).expanduser()
    if os.environ.get("HF_HOME"):
        return Path(os.environ["HF_HOME"]).expanduser() / "hub"
    base = os.environ.get("XDG_CACHE_HOME") or "~/.cache"
    return Path(base).expanduser() / "huggingface" / "hub"


def summarizer_cache_dir() -> Path:
    """Where converted CTranslate2 models go by default: ``$SUMMARIZER_CACHE`` or ~/.cache/summarizer."""
    if os.environ.get("SUMMARIZER_CACHE"):
        return Path(os.environ["SUMMARIZER_CACHE"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or "~/.cache"
    return Path(base).expanduser() / "summarizer"


def default_ct2_dir(model: str, quantization: str = "int8") -> Path:
    """The folder `convert` writes to and the ct2 backend looks in when given the original model."""
    slug = re.sub(r"[^\w.-]+", "--", str(Path(model).expanduser().resolve()) if _looks_like_path(model) else model)
    return summarizer_cache_dir() / "ct2" / f"{slug.strip('-')}-{quantization}"


def is_ct2_folder(folder: Path) -> bool:
    return (folder / "model.bin").is_file() and any((folder / name).is_file() for name in CT2_MARKERS)


def has_weights(folder: Path) -> bool:
    return (folder / "config.json").is_file() and any((folder / name).is_file() for name in WEIGHT_FILES)


def cached_snapshot(repo_id: str, revision: str | None = None) -> Path | None:
    """The cached snapshot folder of a Hub model with its config and weights, or None."""
    if not HUB_ID_RE.match(repo_id):
        return None
    from huggingface_hub import try_to_load_from_cache

    cache = hub_cache_dir()
    config = try_to_load_from_cache(repo_id, "config.json", cache_dir=cache, revision=revision)
    if not isinstance(config, str):
        return None
    folder = Path(config).parent
    return folder if has_weights(folder) else None


def local_checkpoint(model: str) -> Path | None:
    """A folder holding the model (given as a folder, or found in the Hub cache), or None."""
    folder = _as_folder(model)
    if folder is not None:
        return folder if (has_weights(folder) or is_ct2_folder(folder)) else None
    return cached_snapshot(model)


def is_local(choice: ModelChoice, quantization: str = "int8") -> bool:
    """Whether `choice` can run here without the network (no torch import, a few ms)."""
    try:
        return locate(choice, quantization) is not None
    except ModelUnavailable:
        return False


def locate(choice: ModelChoice, quantization: str = "int8") -> Path:
    """The local folder to load for `choice`, or `ModelUnavailable` saying how to get it."""
    folder = local_checkpoint(choice.model)
    if choice.backend == "ct2":
        if folder is not None and is_ct2_folder(folder):
            return folder
        converted = default_ct2_dir(choice.model, quantization)
        if is_ct2_folder(converted):
            return converted
        how = (
            f"`python -m summarizer convert {choice.model} --quantization {quantization}`"
            if folder is not None
            else f"`python -m summarizer download {choice.model}` og så "
            f"`python -m summarizer convert {choice.model} --quantization {quantization}`"
        )
        raise ModelUnavailable(code="model.no_ct2", engine="seq2seq", model=choice.model, folder=converted, how=how)
    if folder is not None and is_ct2_folder(folder) and not has_weights(folder):
        raise ModelUnavailable(code="model.is_ct2", engine="seq2seq", model=choice.model)
    if folder is None:
        raise unavailable(choice.model)
    return folder


def unavailable(model: str) -> ModelUnavailable:
    """The error for a model that is neither a local folder nor in the cache."""
    if _looks_like_path(model):
        path = Path(model).expanduser()
        if not path.exists():
            return ModelUnavailable(code="model.no_folder", engine="seq2seq", model=model)
        return ModelUnavailable(code="model.empty_folder", engine="seq2seq", model=model)
    if not HUB_ID_RE.match(model):
        return ModelUnavailable(code="model.bad_id", engine="seq2seq", model=repr(model), default=DEFAULT_MODEL)
    return ModelUnavailable(code="model.not_here", engine="seq2seq", model=model, cache=hub_cache_dir())


def hub_endpoint() -> tuple[str, int]:
    url = urlparse(os.environ.get("HF_ENDPOINT") or "https://huggingface.co")
    return url.hostname or "huggingface.co", url.port or (443 if url.scheme != "http" else 80)


def offline_reason() -> str | None:
    """Why the Hub cannot be used now, or None when a TCP connection to it opens within seconds."""
    for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        if os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}:
            return text("model.offline_setting", name=name)
    host, port = hub_endpoint()
    try:
        with socket.create_connection((host, port), timeout=CONNECT_TIMEOUT):
            return None
    except OSError as error:
        return text("model.no_network", host=host, port=port, why=error.strerror or error.__class__.__name__)


def download(model: str, revision: str | None = None) -> Path:
    """Fetch a Hub model into the local cache for later offline use; returns its folder.

    Only what inference needs: config, tokenizer and generation files and one set of weights
    (safetensors when the repository has them, else the PyTorch ``.bin``).
    """
    if _looks_like_path(model) or not HUB_ID_RE.match(model):
        raise unavailable(model)
    reason = offline_reason()
    if reason:
        raise ModelUnavailable(code="model.cannot_download", engine="seq2seq", model=model, reason=reason)
    from huggingface_hub import list_repo_files, snapshot_download
    from huggingface_hub.errors import HfHubHTTPError, RepositoryNotFoundError

    try:
        files = list_repo_files(model, revision=revision)
        weights = [name for name in files if name.endswith(".safetensors")] or [
            name for name in files if name.startswith("pytorch_model") and name.endswith((".bin", ".json"))
        ]
        wanted = [name for name in files if _is_inference_file(name)] + weights
        if not weights:
            raise ModelUnavailable(code="model.no_weights", engine="seq2seq", model=model)
        folder = snapshot_download(model, revision=revision, cache_dir=hub_cache_dir(), allow_patterns=wanted)
    except RepositoryNotFoundError:
        raise ModelUnavailable(code="model.not_on_hub", engine="seq2seq", model=model) from None
    except (HfHubHTTPError, OSError) as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else error.__class__.__name__
        raise ModelUnavailable(code="model.download_failed", engine="seq2seq", model=model, reason=first_line) from None
    return Path(folder)


def read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _is_inference_file(name: str) -> bool:
    if "/" in name:
        return False
    return name.endswith((".json", ".model", ".txt")) and not name.startswith(("pytorch_model", "model.safetensors"))


def _looks_like_path(model: str) -> bool:
    return model.startswith(("/", ".", "~")) or "\\" in model or model.count("/") > 1 or Path(model).exists()


def _as_folder(model: str) -> Path | None:
    path = Path(model).expanduser()
    return path if path.is_dir() else None
