"""A tiny Gemma 3 built from scratch in a second, for the generative engine and `finetune` tests.

The same architecture as Gemma 3 270M (``Gemma3ForCausalLM``, ``model_type`` ``gemma3_text``, sliding and
global attention layers, tied embeddings) with random weights and 2 layers of width 64, and the file layout
transformers writes for such a checkpoint: ``config.json``, ``model.safetensors``, ``tokenizer.json``,
``tokenizer_config.json``. Gemma's special ids (pad 0, eos 1, bos 2); the tokenizer is a byte-level BPE
trained here on the project's own Danish samples (æ, ø, å included), since Gemma's own 262,144-piece
vocabulary would make the tiny model mostly embedding.

Not a test module (no ``test_`` prefix): the test files import `build` and `write_data`.
"""

from __future__ import annotations

import json
from pathlib import Path

from tiny_mt5 import ARTICLES, HEADLINES, SUMMARIES, corpus_lines

VOCAB_SIZE = 512


def build(folder: Path) -> Path:
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import Gemma3ForCausalLM, Gemma3TextConfig, PreTrainedTokenizerFast

    folder.mkdir(parents=True, exist_ok=True)
    bpe = Tokenizer(models.BPE())
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=VOCAB_SIZE, special_tokens=["<pad>", "<eos>", "<bos>", "<unk>"],
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())  # fmt: skip
    bpe.train_from_iterator([*corpus_lines(), *ARTICLES, *SUMMARIES, *HEADLINES, "Artikel: Manchet: Rubrik:"], trainer)
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=bpe, pad_token="<pad>", eos_token="<eos>",
                                        bos_token="<bos>", unk_token="<unk>")  # fmt: skip
    tokenizer.save_pretrained(folder)
    torch.manual_seed(0)
    config = Gemma3TextConfig(
        vocab_size=len(tokenizer), hidden_size=64, intermediate_size=128, num_hidden_layers=2,
        num_attention_heads=2, num_key_value_heads=1, head_dim=32, max_position_embeddings=1024,
        sliding_window=64, query_pre_attn_scalar=32, pad_token_id=0, eos_token_id=1, bos_token_id=2,
        layer_types=["sliding_attention", "full_attention"],
    )  # fmt: skip
    Gemma3ForCausalLM(config).save_pretrained(folder)
    return folder


def write_data(path: Path, extra_rows: list[dict] | None = None) -> Path:
    """The tiny model's three Danish stories as DaNewsroom JSONL (``title``, ``summary``, ``text``)."""
    rows = [{"id": f"tiny-{i}", "title": h, "summary": s, "text": a}
            for i, (a, s, h) in enumerate(zip(ARTICLES, SUMMARIES, HEADLINES, strict=True))]  # fmt: skip
    rows += extra_rows or []
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path
