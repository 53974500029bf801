"""Specification of the extractive engine's fitting script: what is tuned never sees what it is scored on."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from scripts import fit_extractive as fx
from summarizer.article import Article  # noqa: E402

TOWNS = ["Aarhus", "Odense", "Vejle", "Aalborg", "Esbjerg", "Randers", "Kolding", "Horsens", "Roskilde", "Næstved"]


def articles() -> list[Article]:
    out = []
    for k, town in enumerate(TOWNS):
        body = (
            f"Byrådet i {town} vedtog torsdag et budget med {k + 2} nye skoler og flere lærere. "
            f"Borgmesteren kalder det en god dag for børnene i {town}.\n\n"
            f"- Vi har ventet længe på pengene, siger formand Lise Holm.\n\n"
            f"Oppositionen mener, at {k + 10} mio. kr. burde gå til veje og cykelstier."
        )
        out.append(Article(body=body, headline=f"{town} får {k + 2} nye skoler",
                           lead=f"Byrådet i {town} har vedtaget et budget med nye skoler."))
    return out


def test_out_of_fold_probabilities_never_use_the_articles_own_labels():
    rows = fx.build_rows(articles())
    before = fx.out_of_fold(rows, fx.lead_model)
    # Give one article a different real lead: its own probabilities must not move (its fold is held out),
    # while an article in another fold, whose model was fitted on it, sees the change.
    changed = list(rows)
    changed[0] = dataclasses.replace(rows[0], in_lead=1.0 - rows[0].in_lead)
    after = fx.out_of_fold(changed, fx.lead_model)
    assert after[0] == before[0]
    assert any(after[i] != before[i] for i in range(1, len(rows)))
    assert all(set(p) == set(r.types) for p, r in zip(before, rows, strict=True))


def test_residual_lexicon_says_how_much_more_often_a_word_reaches_the_title_than_predicted():
    rows = fx.build_rows(articles())
    predicted = [np.full(len(r.types), 0.1) for r in rows]  # the plain features' prediction, say 10 %
    lex = fx.residual_lexicon(rows, predicted, "in_title")
    # "skoler" is in every title (10 hits where 1 was predicted), "oppositionen" in none; "aarhus" is in one
    # body only: too few to list.
    assert lex["skoler"] > 0 > lex["oppositionen"]
    assert lex["skoler"] == pytest.approx(math.log((10 + fx.RESIDUAL_PRIOR) / (1.0 + fx.RESIDUAL_PRIOR)))
    assert "aarhus" not in lex


def test_fit_gives_parameters_the_engine_loads():
    params = fx.fit(fx.build_rows(articles()), fx.Options())
    assert params.lead.target_words in fx.LEAD_LENGTHS and params.title.target_words in fx.TITLE_LENGTHS
    assert params.title.residual and params.title.l2 in fx.TITLE_L2 and not params.lead.residual
    assert len(params.lead.weights) == len(fx.MODEL_FEATURES) and np.all(np.isfinite(params.title.weights))
    again = fx.WordModel.from_dict(params.title.to_dict())
    row = np.zeros((1, len(fx.WORD_FEATURES) - 2))
    # The shipped file rounds weights and lexicon: the probabilities agree to a few decimals.
    assert again.residual
    assert again.probabilities(["skoler"], row)["skoler"] == pytest.approx(
        params.title.probabilities(["skoler"], row)["skoler"], abs=1e-3
    )
