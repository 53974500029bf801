"""The seq2seq engine on a tiny DanSumT5 look-alike, through exactly the path a Hub model takes.

The checkpoint is built once per test session (tests/tiny_mt5.py: MT5ForConditionalGeneration,
a SentencePiece spiece.model trained on the project's Danish text, the transformers-4 tokenizer
layout, DanSumT5's generation settings scaled down) and trained until it reproduces its three
Danish targets, so the expected output is known word for word.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import tiny_mt5

from summarizer import engines
from summarizer.api import resolve_engine, summarise, summarise_many
from summarizer.article import Article
from summarizer.engines import registry, seq2seq_backends
from summarizer.engines.seq2seq import Seq2SeqEngine
from summarizer.engines.seq2seq_backends import GenerationSettings
from summarizer.engines.seq2seq_cli import convert_main, download_main
from summarizer.errors import ModelUnavailable
from summarizer.messages import code_of
from summarizer.options import Options

pytestmark = pytest.mark.slow
# transformers 5 reads a spiece.model-only tokenizer (DanSumT5's layout) through protobuf
pytest.importorskip("google.protobuf", reason="needs protobuf (requirements.txt: protobuf==7.36.2)")
ROOT = Path(__file__).resolve().parent.parent
ENV_VARS = ("SUMMARIZER_MODEL", "SUMMARIZER_BACKEND", "SUMMARIZER_HEADLINE_MODEL", "SUMMARIZER_CACHE")


@pytest.fixture(scope="session", autouse=True)
def _one_thread():
    """The suite shares two cores with other work: PyTorch and CTranslate2 spinning two threads
    each is ten times slower there than one thread."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    os.environ["SUMMARIZER_CT2_THREADS"] = "1"
    yield
    torch.set_num_threads(before)
    os.environ.pop("SUMMARIZER_CT2_THREADS", None)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch):
    saved = {name: os.environ.pop(name) for name in ENV_VARS if name in os.environ}
    monkeypatch.setattr(registry, "_instances", {})
    yield
    for name in ENV_VARS:  # also what a test set by hand
        os.environ.pop(name, None)
    os.environ.update(saved)


@pytest.fixture(scope="session")
def tiny(tmp_path_factory) -> Path:
    return tiny_mt5.build(tmp_path_factory.mktemp("models") / "dansum-tiny")


@pytest.fixture(scope="session")
def tiny_headline(tmp_path_factory) -> Path:
    return tiny_mt5.build(tmp_path_factory.mktemp("models") / "rubrik-tiny", task="headline")


@pytest.fixture(scope="session")
def tiny_ct2_f32(tiny, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("ct2") / "dansum-tiny-float32"
    assert convert_main([str(tiny), "--quantization", "float32", "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="session")
def ct2_cache(tiny, tmp_path_factory) -> Path:
    """An int8 conversion in the default place the ct2 backend looks (``$SUMMARIZER_CACHE``)."""
    cache = tmp_path_factory.mktemp("summarizer-cache")
    os.environ["SUMMARIZER_CACHE"] = str(cache)
    try:
        assert convert_main([str(tiny), "--quantization", "int8"]) == 0
    finally:
        os.environ.pop("SUMMARIZER_CACHE")
    return cache


def articles() -> list[Article]:
    return [Article(body=text) for text in tiny_mt5.ARTICLES]


# -- the checkpoint itself --------------------------------------------------------------------


def test_auto_tokenizer_gives_the_same_ids_as_sentencepiece_on_danish_text(tiny):
    import sentencepiece as spm
    from transformers import AutoTokenizer

    text = "Søren købte æbler på torvet i Århus, og Øresundsbroen var lukket kl. 6.30 – »ikke igen«, sagde han."
    sp = spm.SentencePieceProcessor(model_file=str(tiny / "spiece.model"))
    tokenizer = AutoTokenizer.from_pretrained(str(tiny))
    ids = tokenizer(text).input_ids
    assert ids == sp.encode(text) + [sp.eos_id()]
    assert sp.unk_id() not in ids  # æ, ø, å, the dash and guillemets are real pieces, not <unk>
    assert tokenizer.decode(ids, skip_special_tokens=True) == text


def test_the_ct2_folders_tokenizer_json_matches_the_checkpoints_tokenizer(tiny, tiny_ct2_f32):
    from transformers import AutoTokenizer

    from summarizer.engines.seq2seq_backends import FastTokenizer

    reference = AutoTokenizer.from_pretrained(str(tiny))
    fast = FastTokenizer(tiny_ct2_f32, {"eos_token": "</s>", "pad_token": "<pad>"})
    for text in [*tiny_mt5.ARTICLES, "Ærø, Ødsherred og Åbenrå fik 3,4 pct. flere turister."]:
        ids = reference(text).input_ids
        assert fast.encode(text) == ids
        assert fast.decode(ids) == reference.decode(ids, skip_special_tokens=True)
    assert (fast.eos_id, fast.pad_id) == (1, 0)


def test_a_saved_and_reloaded_checkpoint_gives_the_same_logits_with_its_own_lm_head(tiny, tmp_path):
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(tiny))
    batch = tokenizer(tiny_mt5.ARTICLES[:2], return_tensors="pt", padding=True)
    labels = tokenizer(tiny_mt5.SUMMARIES[:2], return_tensors="pt", padding=True).input_ids

    first = AutoModelForSeq2SeqLM.from_pretrained(str(tiny))
    # mT5 keeps a separate lm_head: transformers 5 must not tie it to the shared embedding
    assert first.lm_head.weight.data_ptr() != first.shared.weight.data_ptr()
    assert not torch.equal(first.lm_head.weight, first.shared.weight)
    first.save_pretrained(tmp_path / "again")
    second = AutoModelForSeq2SeqLM.from_pretrained(str(tmp_path / "again"))
    with torch.no_grad():
        a = first(**batch, labels=labels).logits
        b = second(**batch, labels=labels).logits
    assert torch.equal(a, b)
    assert not torch.equal(second.lm_head.weight, second.shared.weight)


def test_the_engine_reads_the_checkpoints_own_generation_config(tiny):
    backend = seq2seq_backends.load("transformers", tiny)
    # generation_config.json: num_beams 2, min_length 4, max_length 48, length_penalty 5.0, no_repeat 3
    assert backend.defaults == GenerationSettings(
        num_beams=2, max_new_tokens=47, min_new_tokens=3, length_penalty=5.0, no_repeat_ngram_size=3
    )
    assert backend.max_input_tokens == 1024


# -- summaries and headlines, both backends -----------------------------------------------------


@pytest.mark.parametrize("backend", ["transformers", "ct2"])
def test_summaries_are_the_trained_danish_sentences_on_both_backends(backend, tiny, ct2_cache, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_CACHE", str(ct2_cache))
    engine = Seq2SeqEngine(str(tiny), backend=backend)
    drafts = engine.summarise_batch(articles(), Options())
    if backend == "transformers":
        assert [d.summary for d in drafts] == tiny_mt5.SUMMARIES
    else:
        # int8 rounding of a 64-wide toy model may flip one token on some CPUs (seen on AMD EPYC:
        # "12 mio. til" for "12 mio. kr. til"); float32 ct2 is checked token for token below.
        from eval.rouge import Scorer

        scorer = Scorer(stem=False)
        for draft, trained in zip(drafts, tiny_mt5.SUMMARIES, strict=True):
            assert scorer.score(trained, draft.summary)["rouge1"].fmeasure >= 0.8, draft.summary
    assert all(d.warnings == [] for d in drafts)


@pytest.mark.parametrize("backend", ["transformers", "ct2"])
def test_headline_candidates_are_distinct_alternatives_led_by_the_models_best(backend, tiny, ct2_cache, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_CACHE", str(ct2_cache))
    engine = Seq2SeqEngine(f"{tiny}@{backend}")
    for draft, best in zip(engine.summarise_batch(articles(), Options(n_headlines=5)), tiny_mt5.SUMMARIES, strict=True):
        assert draft.headlines[0] == best  # the summary model's own top beam
        assert len(draft.headlines) >= 5
        assert len({h.lower() for h in draft.headlines}) == len(draft.headlines)


def test_a_separate_headline_model_writes_the_headlines(tiny, tiny_headline):
    engine = Seq2SeqEngine(str(tiny), headline_model=str(tiny_headline))
    drafts = engine.summarise_batch(articles(), Options(n_headlines=3))
    assert [d.summary for d in drafts] == tiny_mt5.SUMMARIES
    assert [d.headlines[0] for d in drafts] == tiny_mt5.HEADLINES


def test_summarise_runs_the_model_with_fact_flags_and_headline_rules(tiny, tiny_headline, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_MODEL", str(tiny))
    monkeypatch.setenv("SUMMARIZER_HEADLINE_MODEL", str(tiny_headline))
    result = summarise(tiny_mt5.ARTICLES[1], engine="seq2seq", n_headlines=3, max_headline_chars=40)
    assert result.engine == "seq2seq"
    assert result.summary == tiny_mt5.SUMMARIES[1]
    assert result.headlines[0] == "Storm lukkede Storebæltsbroen"
    assert all(len(h) <= 40 for h in result.headlines)


def test_sampled_headlines_are_reproducible_with_a_seed(tiny):
    # the tiny model is sure of itself: a hot temperature makes the samples differ
    engine = Seq2SeqEngine(
        str(tiny), headline_strategy="sample", seed=7, headline_generation={"temperature": 3.0, "top_p": 1.0}
    )
    first = engine.headlines(articles()[:1], Options(n_headlines=4))
    again = engine.headlines(articles()[:1], Options(n_headlines=4))
    assert first == again
    assert len(first[0]) >= 2


def test_ct2_samples_headlines_too(tiny_ct2_f32):
    engine = Seq2SeqEngine(
        str(tiny_ct2_f32), headline_strategy="sample", headline_generation={"temperature": 3.0, "top_p": 1.0}
    )
    candidates = engine.headlines(articles()[:1], Options(n_headlines=4))[0]
    assert len(candidates) >= 2 and len(set(candidates)) == len(candidates)


def test_greedy_output_of_ct2_float32_is_token_for_token_that_of_transformers(tiny, tiny_ct2_f32):
    hf = seq2seq_backends.load("transformers", tiny)
    ct = seq2seq_backends.load("ct2", tiny_ct2_f32)
    sample = (ROOT / "data/samples/plain/cykelstier-aarhus.txt").read_text(encoding="utf-8")
    inputs = [hf.tokenizer.encode(text) for text in [*tiny_mt5.ARTICLES, sample, "Søren købte æbler."]]
    assert [ct.tokenizer.encode(t) for t in [*tiny_mt5.ARTICLES]] == inputs[:3]
    for settings in [
        GenerationSettings(max_new_tokens=40),
        GenerationSettings(max_new_tokens=30, min_new_tokens=25),  # EOS held back
        GenerationSettings(max_new_tokens=12),  # cut by the budget
        GenerationSettings(max_new_tokens=40, no_repeat_ngram_size=2, min_new_tokens=20),
    ]:
        a = hf.generate(inputs, settings)
        b = ct.generate(inputs, settings)
        assert [[c.ids for c in row] for row in a] == [[c.ids for c in row] for row in b], settings
        assert [[c.finished for c in row] for row in a] == [[c.finished for c in row] for row in b], settings


def test_ct2_conversion_keeps_mt5_probabilities_not_just_the_argmax(tiny, tiny_ct2_f32):
    """The transformers-5 workaround: without it CTranslate2 scales mT5's decoder output by
    d_model ** -0.5 and every log-probability (beam scores, sampling) comes out flattened."""
    import ctranslate2
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(tiny))
    model = AutoModelForSeq2SeqLM.from_pretrained(str(tiny))
    source = tokenizer(tiny_mt5.ARTICLES[0]).input_ids
    target = tokenizer(tiny_mt5.SUMMARIES[0]).input_ids
    with torch.no_grad():
        logits = model(input_ids=torch.tensor([source]), labels=torch.tensor([target])).logits
    expected = logits.log_softmax(-1)[0].gather(1, torch.tensor(target)[:, None]).squeeze(1).tolist()
    translator = ctranslate2.Translator(str(tiny_ct2_f32), intra_threads=1)
    scored = translator.score_batch(
        [tokenizer.convert_ids_to_tokens(source)], [tokenizer.convert_ids_to_tokens(target[:-1])]
    )[0]
    assert scored.log_probs == pytest.approx(expected, abs=1e-4)


SEED_WIRE = ROOT.parent / "shared" / "data" / "seed-wire-ritzau.txt"
WIRE_TEXTS = [
    pytest.param(ROOT / "data/samples/plain/cykelstier-aarhus.txt", id="project-sample"),
    pytest.param(
        SEED_WIRE, id="seed-ritzau", marks=pytest.mark.skipif(not SEED_WIRE.is_file(), reason="../shared absent")
    ),
]


@pytest.mark.parametrize("path", WIRE_TEXTS)
@pytest.mark.parametrize("backend", ["transformers", "ct2"])
def test_real_wire_copy_runs_end_to_end_with_flags_on_generated_text(path, backend, tiny, ct2_cache, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_CACHE", str(ct2_cache))
    result = summarise(path.read_text(encoding="utf-8"), engine=f"seq2seq:{tiny}@{backend}")
    assert result.engine == "seq2seq"
    # the tiny model knows nothing of this story: it answers with words from the sentences it learned,
    # whose names and numbers the story does not have, and the fact check flags them
    assert result.summary and len(result.summary.split()) <= 35
    summary_flags = [flag for flag in result.flags if flag.where == "summary"]
    assert summary_flags
    assert all(flag.text not in result.article.source_text for flag in summary_flags)
    assert 1 <= len(result.headlines) <= 5


# -- input limit, batching, sharing --------------------------------------------------------------


def test_long_input_is_cut_at_the_models_token_limit_with_a_warning(tiny):
    engine = Seq2SeqEngine(str(tiny))
    long_body = " ".join(tiny_mt5.EXTRA_SENTENCES * 8)
    backend = seq2seq_backends.load("transformers", tiny)
    assert len(backend.tokenizer.encode(long_body)) > 1024
    encoded = engine._encode(backend, long_body)
    assert len(encoded.ids) == 1024 and encoded.ids[-1] == backend.tokenizer.eos_id
    draft = engine.summarise(Article(body=long_body), Options())
    assert any("1.024" in w and "skåret fra" in w and w.code == "seq2seq.input_cut" for w in draft.warnings)
    short = engine.summarise(articles()[0], Options())
    assert short.warnings == []


def test_batches_of_mixed_lengths_come_back_in_input_order(tiny):
    engine = Seq2SeqEngine(str(tiny), batch_size=2)
    order = [2, 0, 1, 1, 0, 2]
    drafts = engine.summarise_batch([articles()[i] for i in order], Options())
    assert [d.summary for d in drafts] == [tiny_mt5.SUMMARIES[i] for i in order]


def test_summarise_many_yields_one_result_per_text_in_order(tiny, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_MODEL", str(tiny))
    texts = [tiny_mt5.ARTICLES[2], "   ", tiny_mt5.ARTICLES[0]]
    results = list(summarise_many(texts, engine="seq2seq", batch_size=2, errors="yield"))
    assert results[0].summary == tiny_mt5.SUMMARIES[2]
    assert isinstance(results[1], Exception)
    assert results[2].summary == tiny_mt5.SUMMARIES[0]


def test_one_model_is_loaded_once_and_shared_by_threads(tiny):
    seq2seq_backends.load("transformers", tiny)
    before = len(seq2seq_backends.loaded())
    engine_a, engine_b = Seq2SeqEngine(str(tiny)), Seq2SeqEngine(f"{tiny}@transformers")
    results: dict[int, str] = {}

    def work(i: int) -> None:
        engine = engine_a if i % 2 else engine_b
        results[i] = engine.summaries([articles()[i % 3]], Options())[0][0]

    threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == {i: tiny_mt5.SUMMARIES[i % 3] for i in range(6)}
    assert len(seq2seq_backends.loaded()) == before
    assert engine_a._backend("summary") is engine_b._backend("summary")


# -- offline behaviour and the auto fallback ------------------------------------------------------


@pytest.fixture
def no_network(monkeypatch, tmp_path):
    """No Hub: an empty Hugging Face cache, offline flags, and every socket connection refused."""
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty-hf-cache"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")

    def refuse(*args, **kwargs):
        raise OSError(101, "Network is unreachable (blocked by the test)")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_a_model_that_is_not_here_is_a_clear_error_within_seconds(no_network):
    started = time.monotonic()
    with pytest.raises(ModelUnavailable) as caught:
        Seq2SeqEngine()
    assert time.monotonic() - started < 5
    message = str(caught.value)
    assert "Danish-summarisation/DanSumT5-small" in message
    assert "python -m summarizer download Danish-summarisation/DanSumT5-small" in message
    assert "\n" not in message
    assert not Seq2SeqEngine.is_available()
    with pytest.raises(ModelUnavailable, match="DanSumT5-base"):
        summarise(tiny_mt5.ARTICLES[0], engine="seq2seq:Danish-summarisation/DanSumT5-base")


def test_ct2_without_a_conversion_says_how_to_make_one(tiny, tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path))
    with pytest.raises(ModelUnavailable, match="python -m summarizer convert"):
        Seq2SeqEngine(str(tiny), backend="ct2")


def test_download_offline_is_one_line_and_exit_1(no_network, capsys):
    started = time.monotonic()
    assert download_main(["Danish-summarisation/DanSumT5-small"]) == 1
    assert time.monotonic() - started < 5
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Danish-summarisation/DanSumT5-small" in err


def test_download_with_the_hub_unreachable_fails_fast_even_without_offline_flags(no_network, monkeypatch, capsys):
    monkeypatch.delenv("HF_HUB_OFFLINE")
    assert download_main(["Danish-summarisation/DanSumT5-small"]) == 1
    assert "kan ikke nå huggingface.co:443" in capsys.readouterr().err


def test_auto_falls_back_to_extractive_with_a_warning_when_the_model_is_missing(no_network):
    result = summarise(tiny_mt5.ARTICLES[0], engine="auto")
    assert result.engine == "extractive"
    assert any(code_of(w) == "engine.auto.reason" and "Udvalgte sætninger" in w for w in result.warnings)


def test_auto_uses_seq2seq_when_its_model_is_local(no_network, tiny, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_MODEL", str(tiny))
    result = summarise(tiny_mt5.ARTICLES[0], engine="auto")
    assert result.engine == "seq2seq"
    assert result.summary == tiny_mt5.SUMMARIES[0]


def test_a_model_in_the_hugging_face_cache_is_found_offline(no_network, tiny, tmp_path, monkeypatch):
    # the layout huggingface_hub writes: models--ORG--NAME/{refs/main, snapshots/<commit>/...}
    repo = Path(os.environ["HF_HUB_CACHE"]) / "models--Danish-summarisation--DanSumT5-small"
    commit = "0" * 40
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text(commit)
    snapshot = repo / "snapshots" / commit
    snapshot.mkdir(parents=True)
    for file in tiny.iterdir():
        (snapshot / file.name).symlink_to(file)
    assert Seq2SeqEngine.is_available()
    engine = Seq2SeqEngine()
    assert engine.folder == snapshot
    assert engine.summarise(articles()[2], Options()).summary == tiny_mt5.SUMMARIES[2]


def test_availability_check_does_not_import_torch(tiny):
    code = (
        "import sys; from summarizer.engines.seq2seq import Seq2SeqEngine; "
        f"print(Seq2SeqEngine.is_available({str(tiny)!r}), Seq2SeqEngine.is_available('/nowhere/model'), "
        "sorted(m for m in ('torch', 'transformers', 'ctranslate2') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True False []"


def test_the_command_line_runs_a_converted_model_folder(tiny_ct2_f32):
    sample = ROOT / "data/samples/plain/cykelstier-aarhus.txt"
    done = subprocess.run(
        [sys.executable, "-m", "summarizer", str(sample), "--engine", f"seq2seq:{tiny_ct2_f32}", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "SUMMARIZER_CT2_THREADS": "1"},
    )
    assert done.returncode == 0, done.stderr
    import json

    result = json.loads(done.stdout)
    assert result["engine"] == "seq2seq" and result["summary"] and result["headlines"]


def test_model_and_backend_flags_reach_the_engine(tiny, monkeypatch):
    import argparse

    from summarizer.engines.seq2seq_cli import add_model_arguments, apply_model_arguments

    parser = argparse.ArgumentParser()
    add_model_arguments(parser)
    parser.add_argument("--engine", default="auto")
    before = dict(os.environ)
    for given in ([], ["--engine", "seq2seq"]):  # auto gives the model to the engine that takes it
        spec = apply_model_arguments(parser.parse_args(["--model", str(tiny), "--backend", "transformers", *given]))
        chosen, _ = resolve_engine(spec)
        assert chosen == f"seq2seq:{tiny}@transformers"
        engine = engines.get(chosen)
        assert (engine.choice.model, engine.choice.backend) == (str(tiny), "transformers")
    assert dict(os.environ) == before  # an argument, not an environment variable
    with pytest.raises(SystemExit):
        parser.parse_args(["--backend", "onnx"])
