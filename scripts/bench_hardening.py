"""Hardening benchmark: the cost of summarising the largest inputs, real and pathological (issue 28, item 1).

    .venv/bin/python -m scripts.bench_hardening                # every input, lead and extractive (a few minutes)
    .venv/bin/python -m scripts.bench_hardening --timeout 10   # give up on a case sooner
    .venv/bin/python -m scripts.bench_hardening --markdown     # also write the section of docs/benchmarks.md

Each case runs in a child process of its own, so its peak memory is its own: the child imports the package,
summarises a short article once (the analyser and the engine start), then times `summarise(text, engine=...)`
on the case and reports its wall seconds and its peak resident memory (``ru_maxrss`` of the child; the Apertium
analyser is a separate process, about 45 MB, and not counted). Sizes: 10 KB, 100 KB and the input limit
(`summarizer.api.MAX_INPUT_CHARS`, 200,000 characters). Target at the limit: at most 5 s and 500 MB.

Inputs: real text (DaNewsroom dev bodies, ../shared/data/danewsroom-dev.jsonl, concatenated as paragraphs;
skipped when the file is not there) and pathological text of each kind the issue names: one run of capitalised
words, a sentence without punctuation, thousands of quotes, parentheses and dashes that never close, one word
repeated, thousands of lines; and three inputs whose lead is one sentence around a single huge "word" (a run of
full stops, of opening parentheses, of one letter), which reach the editor's check whole.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from summarizer.api import MAX_INPUT_CHARS

ROOT = Path(__file__).resolve().parents[1]

DEV = ROOT.parent / "shared" / "data" / "danewsroom-dev.jsonl"
SIZES = (10_000, 100_000, MAX_INPUT_CHARS)
ENGINES = ("lead", "extractive")
TARGET_SECONDS = 5.0
TARGET_MB = 500.0
OPENING = "Regeringen vil bruge flere penge på nye cykelstier i hele landet. "
CLOSING = " i går. Det oplyser ministeriet."
WARM_UP = OPENING + "Pengene kommer fra en pulje, som blev vedtaget i foråret. Det glæder borgmesteren i Aarhus."


def fill(size: int, piece: Callable[[int], str], sep: str = " ") -> str:
    """Pieces joined until the text is `size` characters long (cut there); tests/test_hardening_cost.py uses it too."""
    parts: list[str] = []
    length = 0
    for i in itertools.count():
        if length >= size:
            break
        parts.append(piece(i))
        length += len(parts[-1]) + len(sep)
    return sep.join(parts)[:size]


def _framed(size: int, middle: Callable[[int], str]) -> str:
    """A real opening sentence, the pathological middle, a real ending: exactly `size` characters."""
    room = size - len(OPENING) - len(CLOSING)
    return OPENING + middle(room)[:room] + CLOSING


def real_text(size: int) -> str:
    """DaNewsroom dev bodies as paragraphs, cut to `size` characters."""
    parts: list[str] = []
    length = 0
    with DEV.open(encoding="utf-8") as lines:
        for line in lines:
            parts.append(json.loads(line)["text"].strip())
            length += len(parts[-1]) + 2
            if length >= size:
                break
    return "\n\n".join(parts)[:size]


_SYLLABLES = ["Bo", "Ka", "Lis", "Mor", "Ny", "Per", "Ras", "Sø", "Tor", "Ul", "Vi", "Æb", "Ør", "Ål"]
_ENDLESS_TEXT = (
    "regeringen vil bruge flere penge på nye cykelstier i hele landet og borgmesteren glæder sig over at "
    "pengene endelig kommer til de kommuner som har ventet længe på en afgørelse fra ministeriet"
)
_ENDLESS = _ENDLESS_TEXT.split()
_QUOTES = "»Vi er klar {i}«, siger hun. \"Det er godt\" og 'fint' - Ja, siger han."


def names(n: int) -> str:
    return _framed(n, lambda room: fill(room, lambda i: f"Navn{i} Efternavn{i}"))


def capitals(n: int) -> str:
    made_up = ("".join(p) + "sen" for p in itertools.product(_SYLLABLES, repeat=5))
    return _framed(n, lambda room: fill(room, lambda _: next(made_up)))


def endless(n: int) -> str:
    return _framed(n, lambda room: fill(room, lambda i: _ENDLESS[i % len(_ENDLESS)]))


def quotes(n: int) -> str:
    return _framed(n, lambda room: fill(room, lambda i: _QUOTES.format(i=i)))


def brackets(n: int) -> str:
    return _framed(n, lambda room: fill(room, lambda i: f"(som {i} - ifølge kritikerne -"))


def one_word(n: int) -> str:
    return ("hej " * (n // 4 + 1))[: n - 1] + "."


def lines(n: int) -> str:
    return _framed(n, lambda room: fill(room, lambda i: f"Linje {i} handler om vejret i Aarhus", "\n"))


def word_of(mark: str) -> Callable[[int], str]:
    """A sentence around one "word" as long as the input, `mark` repeated: few words, so the lead takes it whole."""
    return lambda n: _framed(n, lambda room: "Han sagde " + mark * room)


#: name → (what it is, size → text)
INPUTS: dict[str, tuple[str, Callable[[int], str]]] = {
    "real": ("DaNewsroom bodies, concatenated", real_text),
    "names": ("one run 'Navn1 Efternavn1 Navn2 …' (the issue's repro)", names),
    "capitals": ("one run of capitalised made-up names", capitals),
    "endless": ("one sentence, no punctuation", endless),
    "quotes": ("thousands of »…«, \"…\", '…' and dash quotes", quotes),
    "brackets": ("'(' and ' - ' that never close", brackets),
    "one-word": ("'hej hej hej …'", one_word),
    "lines": ("thousands of one-line paragraphs", lines),
    "word:dots": ("a sentence around one run of '.'", word_of(".")),
    "word:parens": ("a sentence around one run of '('", word_of("(")),
    "word:letters": ("a sentence around one word 'aaaa…'", word_of("a")),
}


def child(name: str, size: int, engine: str) -> None:
    """In the child: warm up, time one `summarise`, print one JSON line."""
    from summarizer import summarise

    summarise(WARM_UP, engine=engine)
    text = INPUTS[name][1](size)
    started = time.perf_counter()
    error = ""
    try:
        summarise(text, engine=engine)
    except Exception as exc:  # a refusal is an answer too; its cost is what counts here
        error = type(exc).__name__
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "chars": len(text), "error": error}))


def measure(name: str, size: int, engine: str, timeout: float) -> dict[str, object]:
    """One case in a child process (its own process group, ended whole if it runs past `timeout`)."""
    command = [sys.executable, "-m", "scripts.bench_hardening", "--child", name, str(size), engine]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)  # fmt: skip
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the child and the analyser it started
        process.communicate()
        return {"timeout": True}
    if process.returncode != 0 or not out.strip():
        return {"failed": (err.strip().splitlines() or ["no output"])[-1][:60]}
    return json.loads(out.strip().splitlines()[-1])


def _chars(n: int) -> str:
    return f"{n:,} characters".replace(",", ".")


def cell(result: dict[str, object], timeout: float) -> str:
    if result.get("timeout"):
        return f"> {timeout:.0f} s"
    if "failed" in result:
        return "failed"
    text = f"{result['seconds']:5.2f} s {result['peak_mb']:4.0f} MB"
    return text + (f" ({result['error']})" if result.get("error") else "")


def verdict(result: dict[str, object]) -> str:
    if result.get("timeout") or "failed" in result:
        return "missed"
    fast = float(result["seconds"]) <= TARGET_SECONDS  # type: ignore[arg-type]
    small = float(result["peak_mb"]) <= TARGET_MB  # type: ignore[arg-type]
    return "met" if fast and small else "missed (" + ", ".join(
        w for w, ok in (("time", fast), ("memory", small)) if not ok) + ")"  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--timeout", type=float, default=20.0, help="seconds a case may run before it counts as missed")
    ap.add_argument("--inputs", nargs="*", default=list(INPUTS), choices=list(INPUTS), help="which inputs")
    ap.add_argument("--child", nargs=3, metavar=("INPUT", "SIZE", "ENGINE"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(args.child[0], int(args.child[1]), args.child[2])
        return 0

    names = [n for n in args.inputs if n != "real" or DEV.is_file()]
    if "real" in args.inputs and not DEV.is_file():
        print(f"real text skipped: {DEV} is not here")
    print(f"summarise(text, engine=...): wall seconds of the call and peak memory of its process (one child per "
          f"case, after a warm-up); target at {_chars(MAX_INPUT_CHARS)}: <= {TARGET_SECONDS:.0f} s and "
          f"<= {TARGET_MB:.0f} MB; a case over {args.timeout:.0f} s is stopped.")  # fmt: skip
    base = measure("real" if "real" in names else "names", 1_000, "lead", args.timeout)
    print(f"baseline (1 KB, lead): {cell(base, args.timeout)}\n")
    header = f"{'input':13s} {'engine':10s} " + " ".join(f"{_chars(s):>20s}" for s in SIZES) + "  at the limit"
    print(header)
    print("-" * len(header))
    missed = 0
    for name in names:
        for engine in ENGINES:
            results = [measure(name, size, engine, args.timeout) for size in SIZES]
            at_limit = verdict(results[-1])
            missed += at_limit != "met"
            print(f"{name:13s} {engine:10s} " + " ".join(f"{cell(r, args.timeout):>20s}" for r in results)
                  + f"  {at_limit}", flush=True)  # fmt: skip
    print()
    for name in names:
        print(f"{name:13s} {INPUTS[name][0]}")
    print(f"\n{missed} of {len(names) * len(ENGINES)} cases missed the target at the limit.")
    return 0


if __name__ == "__main__":
    from scripts import benchdoc

    sys.exit(benchdoc.run(main, "hardening", "Hardening: the cost of the largest inputs"))
