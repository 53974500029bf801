"""``python -m summarizer finetune``: a newsroom teaches a model its house style from its own archive.

    python -m summarizer finetune --data arkiv.jsonl --out modeller/vores-stil                 # Gemma 3 270M + LoRA
    python -m summarizer finetune --data arkiv.jsonl --out modeller/vores-stil --resume        # after Ctrl-C or a kill
    python -m summarizer finetune --data arkiv.jsonl --out modeller/vores-dansum --base ./DanSumT5-small
    python -m summarizer artikel.txt --engine generative:modeller/vores-stil

The data: JSONL, CSV, Parquet or a saved ``datasets`` folder with the DaNewsroom fields ``text`` (body),
``summary`` (lead) and ``title`` (headline), read by the library's data reader `summarizer.data` (the one
the benchmark reads with, so the desk's exported choices work as they are). Bodies are cleaned and stripped
of their lead exactly as the engines get them. Rows without a body, lead or headline are counted by their
Danish reason and reported, never silently dropped.

A causal language model (``--base gemma``, the default, or another causal checkpoint) learns both tasks at
once, the task marked in the prompt (`summarizer.engines.causal_lm.prompt`), with the loss on the target
tokens only. It is trained with LoRA (`peft`): on a 2-core CPU a step of the adapter costs a fraction of a
full step, and the result is a few MB instead of a 1 GB checkpoint. Checkpoints every ``--save-every``
examples (the adapter, the optimizer, the position in the shuffled data), so ``--resume`` goes on from the
last one after Ctrl-C or a kill.

A seq2seq checkpoint (``--base`` a DanSumT5 / mT5 folder) is fine-tuned whole with the transformers 5
``Seq2SeqTrainer``: lead without a prefix, headline with ``rubrik:``; the folder it writes is a seq2seq
model (``--engine seq2seq:FOLDER``).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import random
import signal
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from summarizer.cli import Parser, say_error
from summarizer.data import Example, load
from summarizer.engines import causal_lm
from summarizer.engines.seq2seq import FINETUNE_META
from summarizer.errors import SummarizerError
from summarizer.messages import text

#: Which modules of the transformer get LoRA matrices (names shared by Gemma, Llama, Qwen and most others).
LORA_TARGETS = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")
SEQ2SEQ_HEADLINE_PREFIX = "rubrik: "
#: The record a seq2seq fine-tune leaves beside its weights, so the engine knows its headline prefix.
SEQ2SEQ_META = FINETUNE_META


@dataclass
class Settings:
    data: str
    out: str
    base: str = causal_lm.GEMMA
    tasks: tuple[str, ...] = ("lead", "headline")
    epochs: float = 1.0
    max_input_tokens: int = causal_lm.DEFAULT_MAX_INPUT_TOKENS
    max_target_tokens: int = 64
    learning_rate: float = 2e-4
    lora_rank: int = 16
    lora_alpha: int = 32
    accumulate: int = 4
    save_every: int = 50
    seed: int = 0
    limit: int | None = None
    holdout: int = 0
    max_steps: int | None = None  # examples, for tests and timing runs
    resume: bool = False
    #: A finished adapter (a `finetune` output folder) whose weights the new adapter starts from, so a model
    #: trained with articles held out can go on to learn them too without two hours of training from scratch.
    start_from: str | None = None


@dataclass
class Prepared:
    """The training examples, and what was left out and why."""

    examples: list[tuple[list[int], list[int], str, str]] = field(default_factory=list)  # prompt, target, task, id
    articles: int = 0
    held_out: list[str] = field(default_factory=list)
    bad_rows: dict[str, int] = field(default_factory=dict)
    data_sha256: str = ""


def article_key(example: Example) -> str:
    return example.id if example.id is not None else f"line {example.line}"


def split_holdout(keys: Sequence[str], holdout: int, seed: int) -> set[str]:
    """The `holdout` article keys set aside for testing, chosen by a seeded hash (stable across runs and rows
    added later: an article's place in the split depends only on its key and the seed)."""
    if holdout <= 0:
        return set()
    ranked = sorted(keys, key=lambda k: hashlib.sha256(f"{seed}:{k}".encode()).hexdigest())
    return set(ranked[:holdout])


def load_articles(settings: Settings) -> tuple[list[Example], dict[str, int], str]:
    """(usable articles, bad rows by their Danish reason, data hash); a `summarizer.data.DataError` (a
    `SummarizerError`, one Danish line) when the data cannot be used at all."""
    dataset = load(settings.data, limit=settings.limit)
    return dataset.examples, dataset.skipped_counts(), dataset.sha256


def prepare(settings: Settings, tokenizer: Any) -> Prepared:
    """Articles → (prompt ids, target ids) for each task, with the held-out articles left out."""
    from summarizer.structure import engine_body

    articles, bad, sha = load_articles(settings)
    held = split_holdout([article_key(a) for a in articles], settings.holdout, settings.seed)
    out = Prepared(bad_rows=dict(bad), data_sha256=sha, held_out=sorted(held))
    for article in articles:
        key = article_key(article)
        if key in held:
            continue
        body, _ = engine_body(article.text, article.summary)
        if len(body.split()) < 10:
            short = text("finetune.short_body")
            out.bad_rows[short] = out.bad_rows.get(short, 0) + 1
            continue
        body_ids = causal_lm.encode_body(tokenizer, body)
        targets = {"lead": article.summary, "headline": article.title}
        out.articles += 1
        for task in settings.tasks:
            target = causal_lm.encode_target(tokenizer, targets[task])
            if len(target) > settings.max_target_tokens:
                target = [*target[: settings.max_target_tokens - 1], tokenizer.eos_token_id]
            out.examples.append(
                (causal_lm.prompt(task, body_ids, tokenizer, settings.max_input_tokens), target, task, key)
            )
    if not out.examples:
        raise SummarizerError(code="finetune.no_rows", path=settings.data, bad=out.bad_rows or text("finetune.none"))
    return out


def target_loss(model: Any, prompt_ids: list[int], target_ids: list[int]) -> Any:
    """Mean cross-entropy of the target tokens given the prompt; logits only where a target token is predicted
    (the vocabulary is 262,144 words wide: the full logits of a 300-token prompt would cost more than the model)."""
    import torch
    import torch.nn.functional as F

    ids = torch.tensor([[*prompt_ids, *target_ids]], device=model.device)
    logits = model(input_ids=ids, logits_to_keep=len(target_ids) + 1).logits[0, :-1]
    return F.cross_entropy(logits.float(), torch.tensor(target_ids, device=model.device))


class _Stop(Exception):
    """SIGTERM, turned into a clean stop at the next example (a checkpoint is written first)."""


@dataclass
class _Training:
    """One causal fine-tuning run while it trains: the LoRA model, its optimizer, and how far it has come."""

    settings: Settings
    data: Prepared
    model: Any
    optimizer: Any
    scheduler: Any
    params: list[Any]
    total: int  # examples to see in all (epochs × examples, or --max-steps)
    done: int = 0  # examples whose optimizer step was taken
    log: list[dict[str, float]] = field(default_factory=list)

    @property
    def out(self) -> Path:
        return Path(self.settings.out)

    @property
    def checkpoint(self) -> Path:
        return self.out / "checkpoint"

    def order(self, epoch: int) -> list[int]:
        """The examples' order in `epoch`: shuffled by the seed, the same on every run (so a resume goes on)."""
        indices = list(range(len(self.data.examples)))
        random.Random(self.settings.seed * 1000 + epoch).shuffle(indices)
        return indices

    def save(self) -> None:
        """A checkpoint (adapter, optimizer, position), written beside the old one and swapped in by renames."""
        import torch

        out, checkpoint = self.out, self.checkpoint
        partial = out / "checkpoint.partial"
        partial.mkdir(parents=True, exist_ok=True)
        self.model.save_pretrained(partial)
        torch.save({"optimizer": self.optimizer.state_dict(), "scheduler": self.scheduler.state_dict()},
                   partial / "trainer.pt")  # fmt: skip
        state = {"done": self.done, "log": self.log, "settings_key": _settings_key(self.settings, self.data)}
        (partial / "state.json").write_text(json.dumps(state), encoding="utf-8")
        if checkpoint.exists():
            old = out / "checkpoint.old"
            checkpoint.rename(old)
            partial.rename(checkpoint)
            for f in old.iterdir():
                f.unlink()
            old.rmdir()
        else:
            partial.rename(checkpoint)

    def resume(self) -> None:
        """Go on from the checkpoint in --out: the adapter, optimizer, schedule and position as they were."""
        import torch
        from peft import set_peft_model_state_dict
        from safetensors.torch import load_file

        state = json.loads((self.checkpoint / "state.json").read_text(encoding="utf-8"))
        if state["settings_key"] != _settings_key(self.settings, self.data):
            raise SummarizerError(code="finetune.other_settings")
        set_peft_model_state_dict(self.model, load_file(str(self.checkpoint / "adapter_model.safetensors")))
        extra = torch.load(self.checkpoint / "trainer.pt", weights_only=False)
        self.optimizer.load_state_dict(extra["optimizer"])
        self.scheduler.load_state_dict(extra["scheduler"])
        self.done, self.log = state["done"], state["log"]


def _check_checkpoint(settings: Settings) -> None:
    """--resume needs a checkpoint in --out, and a fresh run must not start over an unfinished one."""
    checkpoint = Path(settings.out) / "checkpoint"
    if settings.resume and not (checkpoint / "state.json").exists():
        raise SummarizerError(code="finetune.nothing_to_resume", out=Path(settings.out))
    if not settings.resume and (checkpoint / "state.json").exists():
        raise SummarizerError(code="finetune.unfinished", out=Path(settings.out))


def _with_lora(settings: Settings, model: Any) -> Any:
    """`model` with LoRA matrices on every module of `LORA_TARGETS` it has (only they will train)."""
    from peft import LoraConfig, get_peft_model

    targets = [name for name in LORA_TARGETS if any(n.endswith(name) for n, _ in model.named_modules())]
    config = LoraConfig(r=settings.lora_rank, lora_alpha=settings.lora_alpha, lora_dropout=0.05,
                        target_modules=targets, task_type="CAUSAL_LM")  # fmt: skip
    return get_peft_model(model, config)


def _start_from(settings: Settings, model: Any) -> dict[str, Any]:
    """Load the weights of the finished adapter in ``settings.start_from`` into `model`'s LoRA matrices; returns
    that adapter's record. Its base and LoRA shape must be this run's, or the weights would not fit."""
    from peft import set_peft_model_state_dict
    from safetensors.torch import load_file

    folder = Path(settings.start_from or "")
    weights, meta = folder / "adapter_model.safetensors", folder / causal_lm.META
    if not weights.exists() or not meta.exists():
        raise SummarizerError(code="finetune.no_start", path=folder)
    record = json.loads(meta.read_text(encoding="utf-8"))
    trained = record.get("settings", {})
    same = (trained.get("base", record.get("base")), trained.get("lora_rank"), trained.get("lora_alpha"))
    if same != (settings.base, settings.lora_rank, settings.lora_alpha):
        raise SummarizerError(code="finetune.start_mismatch", path=folder)
    set_peft_model_state_dict(model, load_file(str(weights)))
    return record


def _start(settings: Settings, data: Prepared, model: Any, device: str) -> _Training:
    """The model on `device` in training mode, AdamW over the adapter, and a warm-up then linear-decay schedule."""
    import torch

    model.to(device)
    model.train()
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=settings.learning_rate, weight_decay=0.0)
    total = math.ceil(len(data.examples) * settings.epochs)
    if settings.max_steps is not None:
        total = min(total, settings.max_steps)
    updates = max(1, math.ceil(total / settings.accumulate))
    warmup = max(1, updates // 20)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda u: min(1.0, (u + 1) / warmup) * max(0.05, 1 - u / updates)
    )
    return _Training(settings, data, model, optimizer, scheduler, params, total)


def _train_steps(run: _Training, on_example: Callable[[int, float], None] | None) -> None:
    """Every example not yet seen, a step each `accumulate` examples and a checkpoint each ``--save-every``.

    Ctrl-C or SIGTERM writes a checkpoint first and is raised again.
    """
    import torch
    from tqdm import tqdm

    settings, per_epoch = run.settings, len(run.data.examples)
    previous = signal.getsignal(signal.SIGTERM)

    def stop(*_: object) -> None:
        raise _Stop

    signal.signal(signal.SIGTERM, stop)
    running: list[float] = []
    pending = 0  # examples whose gradients wait for the next optimizer step
    bar = tqdm(total=run.total, initial=run.done, unit="ex", desc=f"finetune {Path(settings.base).name}",
               dynamic_ncols=True)  # fmt: skip
    try:
        while run.done < run.total:
            seen = run.done + pending
            epoch, position = divmod(seen, per_epoch)
            prompt_ids, target_ids, _, _ = run.data.examples[run.order(epoch)[position]]
            loss = target_loss(run.model, prompt_ids, target_ids)
            (loss / settings.accumulate).backward()
            pending += 1
            running.append(loss.item())
            if on_example is not None:
                on_example(seen + 1, running[-1])
            if pending == settings.accumulate or seen + 1 == run.total:
                torch.nn.utils.clip_grad_norm_(run.params, 1.0)
                run.optimizer.step()
                run.scheduler.step()
                run.optimizer.zero_grad(set_to_none=True)
                before, run.done, pending = run.done, run.done + pending, 0
                run.log.append({"examples": run.done, "loss": sum(running) / len(running),
                                "lr": run.scheduler.get_last_lr()[0]})  # fmt: skip
                running = []
                if run.done // settings.save_every > before // settings.save_every and run.done < run.total:
                    run.save()
            bar.update(1)
            bar.set_postfix(loss=f"{run.log[-1]['loss']:.3f}" if run.log else "…")
    except (KeyboardInterrupt, _Stop):
        # `done` counts only examples whose step was taken: the gradients of an unfinished step are dropped,
        # and a resumed run sees those examples again.
        run.save()
        bar.close()
        raise
    finally:
        signal.signal(signal.SIGTERM, previous)
    bar.close()


def _finish(run: _Training, started: float, device: str, earlier: dict[str, Any] | None = None) -> dict[str, Any]:
    """Save the adapter and the run's record beside it, and remove the checkpoint a finished run no longer needs."""
    settings, data, out = run.settings, run.data, run.out
    run.model.save_pretrained(out)
    record = {
        "prompt_version": causal_lm.PROMPT_VERSION,
        "kind": "lora",
        "base": settings.base if settings.base == causal_lm.GEMMA else str(Path(settings.base).resolve()),
        "tasks": list(settings.tasks),
        "max_input_tokens": settings.max_input_tokens,
        "settings": {k: v for k, v in asdict(settings).items() if k not in ("out", "resume")},
        "data": {"file": Path(settings.data).name, "sha256": data.data_sha256, "articles": data.articles,
                 "examples": len(data.examples), "held_out": data.held_out, "bad_rows": data.bad_rows},
        "examples_seen": run.done,
        "seconds_this_run": round(time.perf_counter() - started, 1),
        "device": device,
        "log": run.log,
    }  # fmt: skip
    if earlier is not None:  # what the starting adapter had learnt from, so the whole history stays on record
        record["started_from"] = {k: earlier.get(k) for k in ("settings", "data", "examples_seen")}
    (out / causal_lm.META).write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    if run.checkpoint.exists():
        for f in run.checkpoint.iterdir():
            f.unlink()
        run.checkpoint.rmdir()
    return record


def train_causal(settings: Settings, *, on_example: Callable[[int, float], None] | None = None) -> dict[str, Any]:
    """LoRA fine-tuning of a causal LM; returns the run's record (also written to OUT/summarizer-generative.json).

    The steps: check --out, load the base and the data, add LoRA, resume if asked, train, save.
    """
    import torch

    _check_checkpoint(settings)
    torch.manual_seed(settings.seed)
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    source = causal_lm.resolve_base(settings.base)
    model, tokenizer = causal_lm.load_base(source, for_training=True)
    data = prepare(settings, tokenizer)
    model = _with_lora(settings, model)
    earlier = _start_from(settings, model) if settings.start_from else None
    device = "cuda" if torch.cuda.is_available() else "cpu"
    run = _start(settings, data, model, device)
    if settings.resume:
        run.resume()
    started = time.perf_counter()
    _train_steps(run, on_example)
    return _finish(run, started, device, earlier)


def _settings_key(settings: Settings, data: Prepared) -> str:
    """What a checkpoint must match to be resumed: the data and every setting that shapes the run."""
    keep = {k: v for k, v in asdict(settings).items() if k not in ("out", "resume", "save_every")}
    return hashlib.sha256(json.dumps([keep, data.data_sha256], sort_keys=True, default=str).encode()).hexdigest()


def is_seq2seq(base: str) -> bool:
    """Whether `base` is an encoder-decoder checkpoint folder (DanSumT5, mT5)."""
    config = Path(base) / "config.json"
    if base == causal_lm.GEMMA or not config.exists():
        return False
    return bool(json.loads(config.read_text(encoding="utf-8")).get("is_encoder_decoder"))


def train_seq2seq(settings: Settings) -> dict[str, Any]:
    """Full fine-tuning of a seq2seq checkpoint with transformers' `Seq2SeqTrainer`; writes a seq2seq folder."""
    import torch
    from datasets import Dataset
    from transformers import (
        AutoModelForSeq2SeqLM,
        AutoTokenizer,
        DataCollatorForSeq2Seq,
        Seq2SeqTrainer,
        Seq2SeqTrainingArguments,
    )

    from summarizer.structure import engine_body

    out = Path(settings.out)
    tokenizer = AutoTokenizer.from_pretrained(settings.base)
    model = AutoModelForSeq2SeqLM.from_pretrained(settings.base)
    articles, bad, sha = load_articles(settings)
    held = split_holdout([article_key(a) for a in articles], settings.holdout, settings.seed)
    rows: dict[str, list[Any]] = {"input_ids": [], "labels": []}
    used = 0
    for article in articles:
        if article_key(article) in held:
            continue
        body, _ = engine_body(article.text, article.summary)
        used += 1
        for task in settings.tasks:
            prefix, target = ("", article.summary) if task == "lead" else (SEQ2SEQ_HEADLINE_PREFIX, article.title)
            rows["input_ids"].append(
                tokenizer(prefix + body, truncation=True, max_length=settings.max_input_tokens)["input_ids"]
            )
            rows["labels"].append(
                tokenizer(text_target=target, truncation=True, max_length=settings.max_target_tokens)["input_ids"]
            )
    if not rows["input_ids"]:
        raise SummarizerError(code="finetune.no_rows", path=settings.data, bad=bad or text("finetune.none"))
    dataset = Dataset.from_dict(rows)
    steps = settings.max_steps if settings.max_steps is not None else -1
    args = Seq2SeqTrainingArguments(
        output_dir=str(out / "checkpoints"),
        per_device_train_batch_size=1,
        gradient_accumulation_steps=settings.accumulate,
        learning_rate=settings.learning_rate,
        num_train_epochs=settings.epochs,
        max_steps=steps,
        save_steps=settings.save_every,
        save_total_limit=1,
        logging_steps=1,
        report_to=[],
        seed=settings.seed,
        use_cpu=not torch.cuda.is_available(),
        disable_tqdm=False,
    )
    trainer = Seq2SeqTrainer(model=model, args=args, train_dataset=dataset,
                             data_collator=DataCollatorForSeq2Seq(tokenizer, model=model))  # fmt: skip
    has_checkpoint = any((out / "checkpoints").glob("checkpoint-*")) if (out / "checkpoints").exists() else False
    if settings.resume and not has_checkpoint:
        raise SummarizerError(code="finetune.nothing_to_resume", out=out)
    trainer.train(resume_from_checkpoint=True if settings.resume else None)
    trainer.save_model(str(out))
    tokenizer.save_pretrained(str(out))
    log = [{"step": e["step"], "loss": e["loss"]} for e in trainer.state.log_history if "loss" in e]
    record = {"kind": "seq2seq-full", "base": str(Path(settings.base).resolve()), "tasks": list(settings.tasks),
              "headline_prefix": SEQ2SEQ_HEADLINE_PREFIX, "data": {"file": Path(settings.data).name, "sha256": sha,
              "articles": used, "held_out": sorted(held), "bad_rows": bad}, "log": log}  # fmt: skip
    (out / SEQ2SEQ_META).write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    return record


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="python -m summarizer finetune", description=text("finetune.description"))
    parser.add_argument("--data", required=True, metavar="FIL",
                        help="JSONL, CSV, Parquet eller en datasets-mappe (title, summary, text)")  # fmt: skip
    parser.add_argument("--out", required=True, metavar="MAPPE", help="mappe til modellen (og dens checkpoints)")
    parser.add_argument("--base", default=causal_lm.GEMMA, metavar="MODEL",
                        help="gemma (standard), en mappe eller et Hub-id i cachen")  # fmt: skip
    parser.add_argument("--tasks", default="lead,headline", metavar="OPGAVER",
                        help="lead, headline eller begge (standard: lead,headline)")  # fmt: skip
    parser.add_argument("--epochs", type=float, default=1.0, metavar="N", help="gennemløb af data (standard 1)")
    parser.add_argument("--max-input-tokens", type=int, default=causal_lm.DEFAULT_MAX_INPUT_TOKENS, metavar="N",
                        help="så mange tokens af artiklen læser modellen")  # fmt: skip
    parser.add_argument("--learning-rate", type=float, default=2e-4, metavar="R", help="læringsrate")
    parser.add_argument("--save-every", type=int, default=50, metavar="N", help="eksempler mellem checkpoints")
    parser.add_argument("--holdout", type=int, default=0, metavar="N",
                        help="artikler lagt til side til test (valgt med --seed)")  # fmt: skip
    parser.add_argument("--seed", type=int, default=0, metavar="N", help="frø for tilfældige valg")
    parser.add_argument("--limit", type=int, metavar="N", help="læs kun de første N rækker")
    parser.add_argument("--max-steps", type=int, metavar="N", help="stop efter N eksempler")
    parser.add_argument("--resume", action="store_true", help="fortsæt fra det sidste checkpoint i --out")
    parser.add_argument("--start-from", metavar="MAPPE",
                        help="begynd med vægtene fra et færdigt adapter (en finetune-mappe) i stedet for fra nul")
    args = parser.parse_args(argv)
    tasks = tuple(t.strip() for t in args.tasks.split(",") if t.strip())
    unknown = [t for t in tasks if t not in causal_lm.TASK_LABELS]
    if unknown or not tasks:
        parser.error(text("finetune.tasks", tasks=", ".join(causal_lm.TASK_LABELS)))
    if not Path(args.data).exists():
        parser.error(text("finetune.no_data", path=args.data))
    settings = Settings(data=args.data, out=args.out, base=args.base, tasks=tasks, epochs=args.epochs,
                        max_input_tokens=args.max_input_tokens, learning_rate=args.learning_rate,
                        save_every=args.save_every, holdout=args.holdout, seed=args.seed, limit=args.limit,
                        max_steps=args.max_steps, resume=args.resume,
                        start_from=args.start_from)  # fmt: skip
    try:
        record = train_seq2seq(settings) if is_seq2seq(args.base) else train_causal(settings)
    except KeyboardInterrupt:
        print("\n" + text("finetune.stopped", out=args.out), file=sys.stderr)
        return 130
    except _Stop:
        print(text("finetune.stopped_sigterm", out=args.out), file=sys.stderr)
        return 143
    except SummarizerError as error:
        say_error(error)
        return 2
    data = record["data"]
    bad = ", ".join(f"{n} {why}" for why, n in sorted(data["bad_rows"].items())) or text("finetune.none")
    losses = [e["loss"] for e in record["log"]]
    print(text("finetune.done", articles=data["articles"], held_out=len(data["held_out"]), bad=bad,
               first=f"{losses[0]:.3f}", last=f"{losses[-1]:.3f}", out=args.out))  # fmt: skip
    return 0
