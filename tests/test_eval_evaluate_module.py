"""`evaluate.load("eval/rouge_da")` works with every network access blocked and gives the Scorer's numbers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from eval.rouge import METRICS, Scorer

ROOT = Path(__file__).resolve().parents[1]

PREDICTIONS = [
    "Søren købte pærer i Ålborg",
    "Vidner efterlyses efter røveri kl. 13.11",
    "Borgmesteren er bekymret.\nSkolerne skal spare, siger kommunen.",
    "Børn leger på strandene i Løkken",
]
REFERENCES = [
    "Søren købte æbler i Århus",
    "Politiet efterlyser bl.a. vidner efter røveriet kl. 13.11",
    "»Vi er dybt bekymrede«, siger borgmesteren.\nKommunen sparer på skolerne.",
    "Børnene legede på stranden ved Løkken",
]

# Runs in a fresh interpreter so the offline switches are read at import time, with sockets
# disabled before evaluate/datasets/huggingface_hub are imported.
DRIVER = r"""
import json, socket, sys

def refuse(*args, **kwargs):
    raise OSError("network blocked by the test")

socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
try:
    socket.create_connection(("huggingface.co", 443))
    blocked = False
except OSError:
    blocked = True

import evaluate

args = json.loads(sys.argv[2])
metric = evaluate.load(sys.argv[1])
out = {"blocked": blocked}
for stem in (False, True):
    out[f"stem={stem}"] = metric.compute(predictions=args["p"], references=args["r"], use_stemmer=stem)
out["items"] = metric.compute(predictions=args["p"], references=args["r"], use_aggregator=False)
out["ascii"] = metric.compute(predictions=args["p"], references=args["r"], mode="ascii")
out["multi"] = metric.compute(predictions=args["p"][:1], references=[[args["r"][0], args["p"][0]]])
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def offline_result(tmp_path_factory: pytest.TempPathFactory) -> dict:
    home = tmp_path_factory.mktemp("hf")
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "HF_DATASETS_OFFLINE": "1",
        "HF_EVALUATE_OFFLINE": "1",
        "HF_HOME": str(home),
        "HF_MODULES_CACHE": str(home / "modules"),
        "PYTHONPATH": str(ROOT),
    }
    args = json.dumps({"p": PREDICTIONS, "r": REFERENCES})
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, str(ROOT / "eval" / "rouge_da"), args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_network_really_was_blocked(offline_result: dict) -> None:
    assert offline_result["blocked"] is True


@pytest.mark.parametrize("stem", [False, True])
def test_evaluate_module_gives_the_scorers_mean_f_offline(offline_result: dict, stem: bool) -> None:
    scorer = Scorer(stem=stem)
    scores = scorer.score_many(REFERENCES, PREDICTIONS)
    result = offline_result[f"stem={stem}"]
    for metric in METRICS:
        assert result[metric] == pytest.approx(sum(s[metric].fmeasure for s in scores) / len(scores), abs=1e-12)
    assert result["signature"] == scorer.signature


def test_evaluate_module_gives_per_item_scores_without_the_aggregator(offline_result: dict) -> None:
    scores = Scorer().score_many(REFERENCES, PREDICTIONS)
    assert offline_result["items"]["rouge2"] == pytest.approx([s["rouge2"].fmeasure for s in scores])
    assert offline_result["items"]["rouge2"][0] == pytest.approx(0.25)


def test_evaluate_module_can_reproduce_the_ascii_figures(offline_result: dict) -> None:
    scores = Scorer(mode="ascii").score_many(REFERENCES, PREDICTIONS)
    assert offline_result["ascii"]["rouge1"] == pytest.approx(sum(s["rouge1"].fmeasure for s in scores) / len(scores))
    assert offline_result["ascii"]["signature"].startswith("rouge|tok:ascii|")


def test_evaluate_module_takes_the_best_of_several_references(offline_result: dict) -> None:
    assert offline_result["multi"]["rouge1"] == pytest.approx(1.0)
