"""The seq2seq engine's small pure parts: model choice, generation settings, MMR, word budget."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer.engines import model_cache
from summarizer.engines.diversity import mmr, word_set
from summarizer.engines.model_cache import DEFAULT_MODEL, ModelChoice, choose
from summarizer.engines.seq2seq import _in_length_order, fit_words
from summarizer.engines.seq2seq_backends import GenerationSettings
from summarizer.errors import ModelUnavailable, SummarizerError

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch):
    for name in ("SUMMARIZER_MODEL", "SUMMARIZER_BACKEND"):
        monkeypatch.delenv(name, raising=False)


def test_the_default_model_is_dansumt5_small_on_transformers():
    assert choose() == ModelChoice(DEFAULT_MODEL, "transformers")


def test_environment_picks_model_and_backend_and_a_spec_suffix_wins(monkeypatch):
    monkeypatch.setenv("SUMMARIZER_MODEL", "Danish-summarisation/DanSumT5-large")
    monkeypatch.setenv("SUMMARIZER_BACKEND", "ct2")
    assert choose() == ModelChoice("Danish-summarisation/DanSumT5-large", "ct2")
    assert choose("Danish-summarisation/DanSumT5-base@transformers") == ModelChoice(
        "Danish-summarisation/DanSumT5-base", "transformers"
    )


def test_an_unknown_backend_is_a_clear_error():
    with pytest.raises(ModelUnavailable, match="transformers, ct2"):
        choose("Danish-summarisation/DanSumT5-small", backend="onnx")


def test_a_ctranslate2_folder_runs_on_ct2_without_being_told(tmp_path):
    (tmp_path / "model.bin").write_bytes(b"\0")
    (tmp_path / "shared_vocabulary.json").write_text("[]")
    assert choose(str(tmp_path)).backend == "ct2"


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        ("/nowhere/dansum", "findes ikke"),
        ("ikke et model-id", "hverken en modelmappe eller et Hugging Face-model-id"),
        ("Danish-summarisation/DanSumT5-base", "python -m summarizer download Danish-summarisation/DanSumT5-base"),
    ],
)
def test_unavailable_models_say_what_is_wrong_in_one_line(model, expected, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path))
    with pytest.raises(ModelUnavailable, match=expected) as caught:
        model_cache.locate(ModelChoice(model, "transformers"))
    assert "\n" not in str(caught.value)
    assert str(caught.value).startswith("Resumémodel kan ikke bruges her: ")  # names the engine whose model it is


def test_an_empty_folder_is_not_a_model(tmp_path):
    assert not model_cache.is_local(ModelChoice(str(tmp_path), "transformers"))
    with pytest.raises(ModelUnavailable, match="indeholder ingen model"):
        model_cache.locate(ModelChoice(str(tmp_path), "transformers"))


def test_generation_settings_come_from_the_checkpoint_in_new_token_units():
    dansum = {"num_beams": 2, "min_length": 9, "max_length": 128, "length_penalty": 5.0, "no_repeat_ngram_size": 3}
    settings = GenerationSettings.from_checkpoint(dansum)
    assert settings == GenerationSettings(
        num_beams=2, min_new_tokens=8, max_new_tokens=127, length_penalty=5.0, no_repeat_ngram_size=3
    )


def test_older_checkpoints_keep_generation_settings_in_config_json():
    settings = GenerationSettings.from_checkpoint({}, {"num_beams": 4, "max_length": 64, "d_model": 512})
    assert (settings.num_beams, settings.max_new_tokens) == (4, 63)
    assert GenerationSettings.from_checkpoint({"max_new_tokens": 30}).max_new_tokens == 30


def test_unknown_generation_overrides_are_refused_not_ignored():
    with pytest.raises(SummarizerError, match="num_beam"):
        GenerationSettings().updated(num_beam=4)


def test_mmr_prefers_a_different_headline_over_a_near_copy():
    candidates = [
        "Storm lukkede Storebæltsbroen",
        "Storm lukkede Storebæltsbroen i nat",
        "DSB aflyste alle tog mellem Fyn og Sjælland",
    ]
    assert mmr(candidates, [1.0, 0.9, 0.8]) == [0, 2, 1]
    assert mmr(candidates, [1.0, 0.9, 0.8], trade_off=1.0) == [0, 1, 2]


def test_word_overlap_keeps_danish_letters_inside_words():
    assert word_set("Ærø og Åbenrå: ØL!") == {"ærø", "og", "åbenrå", "øl"}


def test_the_summary_keeps_whole_sentences_within_the_word_budget():
    text = "Storm lukkede Storebæltsbroen i nat. Broen åbnede igen kl. 6.30, oplyser Sund & Bælt."
    assert fit_words(text, 6) == ("Storm lukkede Storebæltsbroen i nat.", None)
    assert fit_words(text, 40) == (text, None)


def test_a_first_sentence_over_the_budget_is_cut_with_a_mark_and_a_warning():
    # One word count for every engine (`summarizer.text.words`): "5.000" is two words, as the lead engine counts.
    cut, warning = fit_words("Københavns Kommune vil plante 5.000 nye træer i byen inden 2030.", 6)
    assert cut == "Københavns Kommune vil plante 5.000 …"
    assert warning == "Det genererede resumé er skåret ned til 6 ord." and warning.code == "seq2seq.summary_cut"


def test_batches_run_longest_first_and_results_return_in_input_order():
    seen: list[list[int]] = []

    def run(batch):
        seen.append([len(ids) for ids in batch])
        return [len(ids) * 10 for ids in batch]

    items = [[1], [1, 2, 3], [1, 2], [1, 2, 3, 4]]
    assert _in_length_order(items, 2, run) == [10, 30, 20, 40]
    assert seen == [[4, 3], [2, 1]]


def test_importing_the_library_and_the_engine_module_loads_no_model_library():
    code = (
        "import sys, summarizer, summarizer.engines.seq2seq, summarizer.engines.seq2seq_cli; "
        "print(sorted(m for m in ('torch', 'transformers', 'ctranslate2', 'huggingface_hub') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert json.loads(out.stdout.replace("'", '"')) == []


def test_download_fetches_config_tokenizer_and_one_set_of_weights(monkeypatch, tmp_path):
    import huggingface_hub

    files = [
        ".gitattributes",
        "README.md",
        "config.json",
        "generation_config.json",
        "model.safetensors",
        "pytorch_model.bin",
        "tf_model.h5",
        "flax_model.msgpack",
        "special_tokens_map.json",
        "spiece.model",
        "tokenizer.json",
        "tokenizer_config.json",
    ]
    asked: dict = {}

    def fake_snapshot(repo_id, **kwargs):
        asked.update(kwargs, repo_id=repo_id)
        return str(tmp_path)

    monkeypatch.setattr(model_cache, "offline_reason", lambda: None)
    monkeypatch.setattr(huggingface_hub, "list_repo_files", lambda repo_id, revision=None: files)
    monkeypatch.setattr(huggingface_hub, "snapshot_download", fake_snapshot)
    assert model_cache.download("Danish-summarisation/DanSumT5-small") == tmp_path
    assert asked["repo_id"] == "Danish-summarisation/DanSumT5-small"
    assert sorted(asked["allow_patterns"]) == [
        "config.json",
        "generation_config.json",
        "model.safetensors",
        "special_tokens_map.json",
        "spiece.model",
        "tokenizer.json",
        "tokenizer_config.json",
    ]


def test_python_m_summarizer_download_offline_is_one_line(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1", "HF_HUB_CACHE": str(tmp_path), "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "summarizer", "download", "Danish-summarisation/DanSumT5-base"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr == (
        "fejl: Resumémodel kan ikke bruges her: kan ikke hente Danish-summarisation/DanSumT5-base: HF_HUB_OFFLINE "
        "er sat; hent den på en maskine, der kan nå Hugging Face\n"
    )
