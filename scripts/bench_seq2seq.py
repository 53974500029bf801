"""Throughput and peak memory of the seq2seq engine: transformers float32 against CTranslate2 int8.

    .venv/bin/python -m scripts.bench_seq2seq            # 20 DaNewsroom articles, side by side

A model shaped like DanSumT5-small (mT5-small: d_model 512, d_ff 1,024, 8 + 8 layers, 6 heads,
vocabulary 250,112, untied lm_head) with random weights, since speed does not depend on what the
weights say; its tokenizer is a SentencePiece model trained here on the same articles. Every
summary is forced to a fixed length (min = max new tokens) so both backends do the same work,
with the checkpoint settings DanSumT5 ships (2 beams, no repeated trigrams). Headlines: the
engine's own settings for 5 headlines (10 beams, 10 returned sequences), also at a fixed length.

Each (backend, task) runs in its own fresh process, so peak RSS (ru_maxrss, which includes the
libraries each backend imports) is that backend's alone. Load time is excluded from throughput.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "danewsroom-dev.jsonl"

DANSUM_GENERATION = {
    "decoder_start_token_id": 0,
    "eos_token_id": 1,
    "pad_token_id": 0,
    "num_beams": 2,
    "min_length": 9,
    "max_length": 128,
    "length_penalty": 5.0,
    "no_repeat_ngram_size": 3,
}


def build_model(folder: Path, texts: list[str]) -> None:
    """Random-weight mT5-small with DanSumT5's file layout and a SentencePiece tokenizer."""
    import torch
    from transformers import MT5Config, MT5ForConditionalGeneration

    from tests.tiny_mt5 import train_spiece, write_tokenizer_files

    folder.mkdir(parents=True, exist_ok=True)
    lines = [line for text in texts for line in text.splitlines() if line.strip()]
    train_spiece(folder, lines, vocab_size=16000)  # the tests' DanSumT5 layout, one place for it
    write_tokenizer_files(folder)

    torch.manual_seed(0)
    config = MT5Config(
        vocab_size=250112, d_model=512, d_kv=64, d_ff=1024, num_layers=8, num_decoder_layers=8, num_heads=6
    )
    model = MT5ForConditionalGeneration(config)
    model.lm_head.weight = torch.nn.Parameter(torch.randn_like(model.shared.weight) * 0.05)  # untied, as in mT5
    model.save_pretrained(folder)
    hf_config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    hf_config["tie_word_embeddings"] = False
    (folder / "config.json").write_text(json.dumps(hf_config, indent=2), encoding="utf-8")
    (folder / "generation_config.json").write_text(json.dumps(DANSUM_GENERATION, indent=2), encoding="utf-8")


def peak_rss_mb() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: a child started from a big parent
    inherits the parent's ru_maxrss on Linux, while VmHWM starts afresh with the new program."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(backend: str, task: str, model: Path, articles_file: Path, new_tokens: int, batch_size: int) -> dict:
    """One measurement in this (fresh) process: load, warm up on one article, time all of them."""
    from summarizer.article import Article
    from summarizer.engines.seq2seq import Seq2SeqEngine
    from summarizer.options import Options

    bodies = json.loads(articles_file.read_text(encoding="utf-8"))
    fixed = {"min_new_tokens": new_tokens, "max_new_tokens": new_tokens}
    started = time.perf_counter()
    engine = Seq2SeqEngine(
        str(model), backend=backend, generation=fixed, headline_generation=fixed, batch_size=batch_size
    )
    engine.load()
    load_s = time.perf_counter() - started
    options = Options(n_headlines=5)
    articles = [Article(body=body) for body in bodies]
    run = engine.summaries if task == "summary" else engine.headlines
    run(articles[:1], options)  # warm-up (first-call allocations, lazy kernels)
    started = time.perf_counter()
    out = run(articles, options)
    seconds = time.perf_counter() - started
    backend_obj = engine._backend("summary" if task == "summary" else "headline")
    n_tokens = [len(engine._encode(backend_obj, body).ids) for body in bodies]
    produced = len(out[0]) if task == "summary" else sum(len(candidates) for candidates in out)
    return {
        "backend": backend,
        "task": task,
        "articles": len(bodies),
        "seconds": seconds,
        "per_second": len(bodies) / seconds,
        "load_seconds": load_s,
        "peak_rss_mb": peak_rss_mb(),
        "input_tokens_mean": sum(n_tokens) / len(n_tokens),
        "outputs": produced,
        "torch_imported": "torch" in sys.modules,
    }


def measure(
    backend: str, task: str, model: Path, articles_file: Path, new_tokens: int, batch_size: int, threads: int
) -> dict:
    command = [
        sys.executable,
        "-m",
        "scripts.bench_seq2seq",
        "--worker",
        backend,
        "--task",
        task,
        "--model",
        str(model),
        "--articles-file",
        str(articles_file),
        "--new-tokens",
        str(new_tokens),
        "--batch-size",
        str(batch_size),
    ]
    # the same number of threads for both: torch's OpenMP workers spin, and on a busy machine two
    # spinning threads on two shared cores are many times slower than one
    env = {**os.environ, "OMP_NUM_THREADS": str(threads), "SUMMARIZER_CT2_THREADS": str(threads)}
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env)
    if done.returncode != 0:
        raise SystemExit(f"{backend}/{task} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--summary-tokens", type=int, default=64, help="fixed summary length in tokens")
    parser.add_argument("--headline-tokens", type=int, default=16, help="fixed headline length in tokens")
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--threads", type=int, default=1, help="CPU threads for each backend (default 1)")
    parser.add_argument("--repeats", type=int, default=1, help="runs of each measurement; the best is shown")
    parser.add_argument("--workdir", help="keep the model here (reused when it exists)")
    parser.add_argument("--json", help="also write the results here")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--task", help=argparse.SUPPRESS)
    parser.add_argument("--model", help=argparse.SUPPRESS)
    parser.add_argument("--articles-file", help=argparse.SUPPRESS)
    parser.add_argument("--new-tokens", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        result = worker(
            args.worker, args.task, Path(args.model), Path(args.articles_file), args.new_tokens, args.batch_size
        )
        print(json.dumps(result))
        return 0

    if not DATA.is_file():
        print(f"skipped: {DATA} is not here (the benchmark reads 20 real DaNewsroom articles)")
        return 0
    with DATA.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    bodies = [record["text"] for record in records[: args.articles]]
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="bench-seq2seq-"))
    hf_dir, ct2_dir = work / "mt5-small-random", work / "mt5-small-random-ct2-int8"
    articles_file = work / "articles.json"
    articles_file.write_text(json.dumps(bodies, ensure_ascii=False), encoding="utf-8")
    if not (hf_dir / "model.safetensors").is_file():
        print("building a random mT5-small with DanSumT5's layout ...", flush=True)
        build_model(hf_dir, [record["text"] for record in records])
    if not (ct2_dir / "model.bin").is_file():
        print("converting it to CTranslate2 int8 ...", flush=True)
        from summarizer.engines.ct2 import convert

        convert(hf_dir, ct2_dir, quantization="int8", force=True)

    load_before = os.getloadavg()[0]
    results = []
    for task, tokens in (("summary", args.summary_tokens), ("headline", args.headline_tokens)):
        for backend, folder in (("transformers", hf_dir), ("ct2", ct2_dir)):
            runs = []
            for attempt in range(args.repeats):
                print(f"measuring {task} on {backend} ({attempt + 1}/{args.repeats}) ...", flush=True)
                runs.append(measure(backend, task, folder, articles_file, tokens, args.batch_size, args.threads))
            results.append(min(runs, key=lambda row: row["seconds"]))

    print()
    print(f"{args.articles} DaNewsroom articles, mT5-small shape (random weights), {os.cpu_count()} CPU cores")
    print(
        f"summaries: {args.summary_tokens} tokens each; headlines: 5 asked (10 beams x {args.headline_tokens} tokens)"
    )
    print(f"threads per backend: {args.threads}; each figure the best of {args.repeats} run(s)")
    print(f"machine load average (1 min): {load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end")
    print(f"mean input: {results[0]['input_tokens_mean']:.0f} tokens (cut at 1,024)")
    print()
    print(f"{'task':<9} {'backend':<22} {'articles/s':>10} {'seconds':>8} {'peak RSS MB':>12} {'load s':>7}")
    for row in results:
        label = "transformers float32" if row["backend"] == "transformers" else "ctranslate2 int8"
        print(
            f"{row['task']:<9} {label:<22} {row['per_second']:>10.2f} {row['seconds']:>8.1f} "
            f"{row['peak_rss_mb']:>12.0f} {row['load_seconds']:>7.1f}"
        )
    print()
    for task in ("summary", "headline"):
        hf, ct = (row for row in results if row["task"] == task)
        speed = ct["per_second"] / hf["per_second"]
        memory = ct["peak_rss_mb"] / hf["peak_rss_mb"]
        verdict = "meets" if speed >= 3 and memory <= 0.5 else "MISSES"
        print(f"{task}: ct2 int8 is {speed:.2f}x the throughput at {memory:.2f}x the peak memory ({verdict} 3x / 0.5x)")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    from scripts import benchdoc

    sys.exit(benchdoc.run(main, "seq2seq", "Seq2seq engine: transformers float32 against CTranslate2 int8"))
