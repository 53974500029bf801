"""Convert a Hugging Face seq2seq checkpoint to a CTranslate2 model folder (int8 by default).

The folder holds CTranslate2's ``model.bin`` and vocabulary, the checkpoint's own tokenizer
files (copied), a ``tokenizer.json`` so the ct2 backend can tokenize without torch, the
checkpoint's generation settings, and ``summarizer-ct2.json`` recording the source model and
input limit. The seq2seq engine runs it with ``backend="ct2"`` exactly as it runs the original.

transformers 5 workaround: `MT5Config` now forces ``tie_word_embeddings=True`` (the Hub's mT5
configs say false) while `MT5ForConditionalGeneration.forward` no longer rescales the decoder
output. CTranslate2's T5 loader reads the flag and scales the decoder output by
``d_model ** -0.5``, which keeps greedy output but flattens every probability: beam scores,
length penalties and sampling all go wrong. `_decoder_output_scale` asks what the loaded model
really does, and the converter subclass sets the spec to match.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

from summarizer.engines.model_cache import read_json
from summarizer.errors import ModelUnavailable

META_FILE = "summarizer-ct2.json"
QUANTIZATIONS = ("int8", "int8_float32", "int16", "float32", "float16", "int8_float16", "bfloat16", "int8_bfloat16")
#: Tokenizer files copied as they are from the checkpoint (whichever it has).
TOKENIZER_FILES = (
    "spiece.model",
    "sentencepiece.bpe.model",
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "added_tokens.json",
    "vocab.json",
    "merges.txt",
)
_lock = threading.Lock()


def convert(source: Path, out: Path, *, quantization: str = "int8", force: bool = False, model_name: str = "") -> Path:
    """Convert the checkpoint folder `source` into a CTranslate2 folder `out`; returns `out`."""
    if quantization not in QUANTIZATIONS:
        raise ModelUnavailable(
            code="model.unknown_quantization",
            engine="seq2seq",
            quantization=repr(quantization),
            choices=", ".join(QUANTIZATIONS),
        )
    out = Path(out)
    if out.exists() and any(out.iterdir()) and not force:
        raise ModelUnavailable(code="model.out_not_empty", engine="seq2seq", out=out)
    from ctranslate2.converters import TransformersConverter

    class _Converter(TransformersConverter):
        """TransformersConverter that sets the decoder output scale from what the model really does."""

        def load_model(self, model_class, model_name_or_path, **kwargs):  # noqa: ANN001, ANN202
            self.hf_model = super().load_model(model_class, model_name_or_path, local_files_only=True, **kwargs)
            return self.hf_model

        def load_tokenizer(self, tokenizer_class, model_name_or_path, **kwargs):  # noqa: ANN001, ANN202
            self.hf_tokenizer = super().load_tokenizer(
                tokenizer_class, model_name_or_path, local_files_only=True, **kwargs
            )
            return self.hf_tokenizer

        def _load(self):  # noqa: ANN202
            spec = super()._load()
            decoder = getattr(spec, "decoder", None)
            if decoder is not None and hasattr(decoder, "scale_outputs"):
                from ctranslate2.specs import model_spec

                scale = _decoder_output_scale(self.hf_model)
                decoder.scale_outputs = model_spec.OPTIONAL if scale is None else scale
            return spec

    source = Path(source)
    present = [name for name in TOKENIZER_FILES if (source / name).is_file()]
    converter = _Converter(str(source), copy_files=present)
    with _lock:  # the converter holds a whole float32 model in memory: one at a time
        converter.convert(str(out), quantization=quantization, force=True)
    tokenizer = converter.hf_tokenizer
    if not (out / "tokenizer.json").is_file():
        backend = getattr(tokenizer, "backend_tokenizer", None) or getattr(tokenizer, "_tokenizer", None)
        if backend is not None:
            backend.save(str(out / "tokenizer.json"))
    hf_config = read_json(source / "config.json")
    generation = read_json(source / "generation_config.json")
    if generation:
        (out / "generation_config.json").write_text(json.dumps(generation, indent=2), encoding="utf-8")
    meta = {
        "source_model": model_name or str(source),
        "quantization": quantization,
        "architecture": (hf_config.get("architectures") or [""])[0],
        "model_max_length": getattr(tokenizer, "model_max_length", None),
        "hf_config": {
            k: hf_config[k]
            for k in ("task_specific_params", "n_positions", "max_position_embeddings")
            if k in hf_config
        },
        "generation_from_config": {k: hf_config[k] for k in GENERATION_KEYS if k in hf_config},
    }
    (out / META_FILE).write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
    return out


#: Generation settings older checkpoints kept in config.json rather than generation_config.json.
GENERATION_KEYS = (
    "num_beams",
    "max_length",
    "min_length",
    "max_new_tokens",
    "min_new_tokens",
    "length_penalty",
    "no_repeat_ngram_size",
    "repetition_penalty",
    "early_stopping",
    "do_sample",
    "top_k",
    "top_p",
    "temperature",
)


def _decoder_output_scale(model) -> float | None:  # noqa: ANN001
    """The factor the model's own forward() multiplies the decoder output by before ``lm_head``."""
    import transformers

    config = model.config
    if hasattr(config, "scale_decoder_outputs"):  # T5 in transformers 5 records it explicitly
        scaled = bool(config.scale_decoder_outputs)
    elif config.model_type == "mt5" and int(transformers.__version__.split(".")[0]) >= 5:
        scaled = False  # MT5ForConditionalGeneration.forward never rescales in transformers 5
    else:
        scaled = bool(getattr(config, "tie_word_embeddings", False))
    return config.d_model**-0.5 if scaled else None
