"""Decoding constrained to the article (`summarizer.engines.constrained`): the allowed words, the one core both
backends use, and a tiny model the tests build that cannot write a word outside the set even when its logits
prefer one."""

from __future__ import annotations

import pytest

from summarizer import morphology
from summarizer.engines import constrained
from summarizer.engines.constrained import Constraint, TokenFilter

BODY = (
    "Ruslands præsident, Vladimir Putin, og USA's præsident, Joe Biden, har indgået en principiel aftale om at "
    "mødes for at finde en løsning på Ukraine-konflikten. Nasa giver Boeing og SpaceX 6,8 milliarder dollar."
)
needs_morphology = pytest.mark.skipif(not morphology.available(), reason=morphology.UNAVAILABLE_MESSAGE)


def test_the_articles_own_words_numbers_and_names_are_allowed_and_nothing_else_is():
    c = Constraint(constrained.article_words(BODY) | constrained.CLOSED_CLASS)
    assert c.allows("", "Putin og Biden har indgået en aftale om Ukraine-konflikten.")
    assert c.allows("", "Nasa giver 6,8 milliarder")
    assert not c.allows("", "Nasa giver 1,6 milliarder")  # a number the article does not have
    assert not c.allows("", "Trump møder Putin")  # a name it does not have
    assert not c.allows("", "fallet")  # a non-word
    assert c.allows("", "Bidens aftale")  # a name's genitive


def test_a_hyphen_only_continues_a_word_toward_an_allowed_one():
    c = Constraint(constrained.article_words(BODY) | constrained.CLOSED_CLASS)
    assert not c.allows("", "Joe Biden-præsident")  # both halves are the article's, the compound is not
    assert c.allows("", "Ukraine-konflikten - og Biden")  # a dash between words is punctuation
    assert c.allows("", "»Ukraine«: Putin, Biden!")


def test_pieces_are_allowed_only_while_they_lead_to_an_allowed_word():
    c = Constraint({"knallertkører", "ramt", "af", "bilist"})
    partial = c.advance("", " knall")
    assert partial == "knall"
    assert c.advance(partial, "ert") == "knallert"
    assert c.advance(partial, "o") is None  # "knallo…" leads nowhere
    assert not c.complete("knallert")  # half a word: no end of text, no space yet
    assert c.advance("knallert", " ") is None
    assert c.trim(" knallertkører ramt af bili") == " knallertkører ramt af"


@needs_morphology
def test_inflections_of_the_articles_lemmas_are_allowed():
    words, warnings = constrained.allowed_words(BODY)
    assert not warnings
    c = Constraint(words)
    # "aftale" → "aftalen", "aftaler"; "indgået" → "indgår", "indgik"; "mødes" → "mødtes"
    assert c.allows("", "Putin og Biden indgik aftalen og mødtes")
    assert c.allows("", "Aftalerne indgås")
    assert not c.allows("", "Aftalerne underskrives")  # a verb the article does not have


def test_the_filter_picks_the_best_allowed_token_when_the_logits_prefer_a_forbidden_one():
    import numpy as np

    texts = {0: " Trump", 1: " Putin", 2: " møder", 3: " Biden", 4: "Biden-præsident", 5: "-præsident", 6: None}
    c = Constraint({"putin", "møder", "biden", "præsident"})
    tf = TokenFilter(c, texts.get, eos=6)
    logits = np.array([9.0, 1.0, 2.0, 3.0, 8.0, -1.0, 2.5], dtype=np.float32)
    assert tf.best(logits, "") == [3]  # " Biden", not " Trump" nor "Biden-præsident"
    assert tf.best(logits, "biden", 3) == [3, 6, 2]  # " Biden", the end of text, " møder"
    assert tf.advance("biden", 5) is None  # no "Biden-præsident" piece by piece either
    assert tf.advance("", 5) == "præsident"  # a dash before a word is punctuation
    assert tf.best(logits, "bid") == []  # nothing goes on from "bid" here: the sequence stops


def test_the_llama_side_picks_only_among_the_allowed_tokens():
    import numpy as np

    from summarizer.engines import llama_backend

    logits = np.array([9.0, 1.0, 2.0, 3.0], dtype=np.float32)
    rng = np.random.default_rng(0)
    assert llama_backend._pick(logits, None, rng, [3, 1]) == 3
    sample = {"temperature": 1.0, "top_k": 40, "top_p": 1.0}
    assert {llama_backend._pick(logits, sample, rng, [3, 1]) for _ in range(100)} <= {1, 3}


# -- a tiny model the test builds --------------------------------------------------------------------------------

pytest.importorskip("transformers")
import tiny_gemma  # noqa: E402
import tiny_mt5  # noqa: E402


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory):
    import torch
    from transformers import AutoTokenizer, Gemma3ForCausalLM

    folder = tiny_gemma.build(tmp_path_factory.mktemp("constrained") / "tiny-gemma")
    torch.manual_seed(0)
    return Gemma3ForCausalLM.from_pretrained(folder).eval(), AutoTokenizer.from_pretrained(folder)


def _bias(token: int, amount: float = 50.0):
    from transformers import LogitsProcessor

    class Bias(LogitsProcessor):
        def __call__(self, input_ids, scores):
            scores = scores.clone()
            scores[:, token] += amount
            return scores

    return Bias()


@pytest.mark.parametrize("sample", [False, True])
def test_the_tiny_model_cannot_write_a_word_outside_the_article_even_when_its_logits_prefer_one(tiny, sample):
    import torch
    from transformers import LogitsProcessorList

    model, tokenizer = tiny
    body = tiny_mt5.ARTICLES[1]  # the storm story
    c = Constraint(constrained.article_words(body) | constrained.CLOSED_CLASS)
    texts = constrained.hf_text_cache(tokenizer)
    # A whole word of the vocabulary the article does not allow ("København", "Aalborg" …), the first by id.
    forbidden = next(t for t in range(len(tokenizer)) if (x := texts(t)) and x.startswith(" ") and len(x) > 4
                     and x[1:].isalpha() and not c.allows("", x))  # fmt: skip
    word = texts(forbidden).strip().lower()
    prompt = torch.tensor([tokenizer.encode("Artikel: " + body + "\n\nRubrik:", add_special_tokens=False)])
    settings = {"max_new_tokens": 25, "do_sample": sample, "pad_token_id": tokenizer.pad_token_id}
    if sample:
        torch.manual_seed(0)
        settings |= {"top_k": 40, "top_p": 0.9, "temperature": 0.7}
    free = model.generate(prompt, logits_processor=LogitsProcessorList([_bias(forbidden)]), **settings)
    assert forbidden in free[0, prompt.shape[1] :].tolist()  # the bias works: unconstrained, it writes it

    tf = TokenFilter(c, texts, tokenizer.eos_token_id)
    ours = constrained.logits_processor(tf, prompt.shape[1])
    if sample:
        torch.manual_seed(0)
    out = model.generate(prompt, logits_processor=LogitsProcessorList([_bias(forbidden), ours]), **settings)
    new = out[0, prompt.shape[1] :].tolist()
    assert forbidden not in new
    eos = tokenizer.eos_token_id
    text = tokenizer.decode(new[: new.index(eos)] if eos in new else new)
    assert text.strip(), "the constrained model wrote nothing"
    assert c.advance("", text) is not None, text  # every word it wrote is allowed (the last may be unfinished)
    assert word not in constrained.article_words(text) or word in c.words


def test_mixed_case_only_as_the_article_writes_it():
    c, _ = Constraint.for_article("SpaceX bygger raketter. Færre raketter flyver.")
    assert c.allows("", "SpaceX bygger færre raketter")
    assert c.allows("", "SPACEX BYGGER FÆRRE RAKETTER")
    assert not c.allows("", "Det er færrE")  # no word in a case of its own
    assert not c.allows("", "spaceX")
