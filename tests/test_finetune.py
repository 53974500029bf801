"""`python -m summarizer finetune`: a newsroom's archive teaches a model its house style.

On tiny models the tests build themselves (a Gemma 3 of 2 layers, `tests/tiny_gemma.py`; the tiny mT5 of
`tests/tiny_mt5.py`): the loss goes down on Danish examples, the result is saved and loads in the engine,
an interrupted run resumes where its checkpoint left off, and bad rows are counted.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("peft")
import tiny_gemma  # noqa: E402

from summarizer import finetune  # noqa: E402
from summarizer.engines import causal_lm  # noqa: E402
from summarizer.errors import SummarizerError  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tiny_gemma.build(tmp_path_factory.mktemp("tiny-gemma"))


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    bad = [
        {"id": "uden-tekst", "title": "Rubrik uden artikel", "summary": "En manchet", "text": ""},
        {"id": "uden-rubrik", "summary": "Skolen lukker.", "text": "Skolen i Vorupør lukker efter sommerferien."},
    ]
    return tiny_gemma.write_data(tmp_path / "arkiv.jsonl", bad)


def settings(tiny: Path, data: Path, out: Path, **kwargs) -> finetune.Settings:
    values = {"epochs": 6, "learning_rate": 1e-2, "accumulate": 1, "save_every": 4, "lora_rank": 8} | kwargs
    return finetune.Settings(data=str(data), out=str(out), base=str(tiny), **values)


def mean_loss(folder: Path, base: Path, data: Path) -> float:
    """The mean target loss of every training example under the model in `folder` (or the bare base)."""
    import torch

    if (folder / causal_lm.META).exists():
        model, tokenizer = causal_lm.load_tuned(causal_lm.read_tuned(folder))
    else:
        model, tokenizer = causal_lm.load_base(causal_lm.resolve_base(str(base)), for_training=True)
    prepared = finetune.prepare(finetune.Settings(data=str(data), out=""), tokenizer)
    with torch.inference_mode():
        losses = [float(finetune.target_loss(model, p, t)) for p, t, _, _ in prepared.examples]
    return sum(losses) / len(losses)


def test_finetuning_lowers_the_loss_on_the_danish_leads_and_headlines_and_saves_an_adapter(tiny, data, tmp_path):
    out = tmp_path / "vores-stil"
    record = finetune.train_causal(settings(tiny, data, out, epochs=30))
    assert (out / "adapter_model.safetensors").exists() and (out / causal_lm.META).exists()
    assert not (out / "checkpoint").exists()  # a finished run leaves no checkpoint behind
    assert record["data"]["articles"] == 3 and record["data"]["examples"] == 6  # both tasks per article
    # The two bad rows are counted by reason, not dropped silently.
    assert sum(record["data"]["bad_rows"].values()) == 2, record["data"]["bad_rows"]
    before, after = mean_loss(tmp_path / "none", tiny, data), mean_loss(out, tiny, data)
    # A random 2-layer model learns slowly through a rank-8 adapter; the loss must still clearly fall.
    assert after < before - 0.4, (before, after)


def test_an_interrupted_run_resumes_from_its_checkpoint_and_sees_each_example_once(tiny, data, tmp_path):
    out = tmp_path / "afbrudt"
    seen: list[int] = []

    def interrupt_at_ten(done: int, loss: float) -> None:
        seen.append(done)
        if done == 10:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        finetune.train_causal(settings(tiny, data, out), on_example=interrupt_at_ten)
    state = json.loads((out / "checkpoint" / "state.json").read_text(encoding="utf-8"))
    # The checkpoint written on the way out holds the 9 examples whose step was taken; the 10th was cut off.
    assert state["done"] == 9
    with pytest.raises(Exception, match="--resume"):
        finetune.train_causal(settings(tiny, data, out))  # not over an unfinished run by accident
    resumed: list[int] = []
    record = finetune.train_causal(settings(tiny, data, out, resume=True), on_example=lambda d, _: resumed.append(d))
    assert resumed == list(range(10, 37))  # 6 epochs × 6 examples, from where it stopped
    assert record["examples_seen"] == 36 and len(record["log"]) == 36


def test_a_run_started_from_a_finished_adapter_begins_with_its_weights_and_keeps_its_history(tiny, data, tmp_path):
    first = tmp_path / "uden-de-nye"
    finetune.train_causal(settings(tiny, data, first, epochs=10))
    later = tmp_path / "med-alle"
    # One step at a vanishing learning rate: the new adapter is then the one it started from.
    record = finetune.train_causal(settings(tiny, data, later, epochs=1, learning_rate=1e-12, max_steps=1,
                                            start_from=str(first)))  # fmt: skip
    bare, started, now = (mean_loss(folder, tiny, data) for folder in (tmp_path / "none", first, later))
    assert abs(now - started) < 1e-3 and abs(started - bare) > 1e-2, (bare, started, now)
    assert record["started_from"]["examples_seen"] == 60 and record["settings"]["start_from"] == str(first)
    with pytest.raises(SummarizerError, match="anden basismodel eller LoRA-størrelse"):
        finetune.train_causal(settings(tiny, data, tmp_path / "anden", lora_rank=4, start_from=str(first)))
    with pytest.raises(SummarizerError, match="ikke et færdigt adapter"):
        finetune.train_causal(settings(tiny, data, tmp_path / "intet", start_from=str(tmp_path / "findes-ikke")))


def test_the_command_line_reports_bad_rows_and_refuses_unknown_tasks(tiny, data, tmp_path):
    command = [sys.executable, "-m", "summarizer", "finetune", "--data", str(data), "--out", str(tmp_path / "m"),
               "--base", str(tiny), "--max-steps", "4", "--save-every", "2"]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "forkerte rækker: 1 manglende felt »title«, 1 tomt felt »text«" in done.stdout
    wrong = subprocess.run([*command[:-4], "--tasks", "lead,resume"], cwd=ROOT, capture_output=True, text=True)
    assert wrong.returncode == 2 and "--tasks" in wrong.stderr and "Traceback" not in wrong.stderr
    nothing = subprocess.run([*command, "--resume"], cwd=ROOT, capture_output=True, text=True)
    assert nothing.returncode == 2 and "intet at fortsætte" in nothing.stderr


def test_a_seq2seq_checkpoint_is_finetuned_whole_and_the_seq2seq_engine_reads_it(tmp_path):
    import tiny_mt5

    from summarizer import summarise

    base = tiny_mt5.build(tmp_path / "tiny-mt5")
    data = tiny_gemma.write_data(tmp_path / "arkiv.jsonl")
    out = tmp_path / "vores-dansum"
    record = finetune.train_seq2seq(finetune.Settings(data=str(data), out=str(out), base=str(base), epochs=2,
                                                      learning_rate=1e-3, accumulate=1, save_every=100))  # fmt: skip
    assert record["data"]["articles"] == 3 and len(record["log"]) == 12
    assert (out / "config.json").exists() and (out / finetune.SEQ2SEQ_META).exists()
    from summarizer.engines.seq2seq import Seq2SeqEngine

    assert Seq2SeqEngine(f"{out}@transformers").headline_prefix == "rubrik: "  # as it was trained
    result = summarise(tiny_mt5.ARTICLES[1], engine=f"seq2seq:{out}@transformers")
    assert result.engine == "seq2seq" and result.summary and len(result.headlines) >= 3
