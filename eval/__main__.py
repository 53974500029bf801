"""``python -m eval --data FILE --engines lead,extractive[,seq2seq:MODEL] [--limit N] [--out DIR] [--stem]``.

``--headlines``, ``--words`` and ``--chars`` are the options every command line shares
(`summarizer.options.add_option_arguments`); the run hands them to the engines as one `Options`.

``python -m eval choices DESK.sqlite3 [--chart FILE.png] [--json]``: what the desk's editors chose (eval/choices.py).

Exit codes: 0 done; 2 the run could not start (missing file, unknown engine or field, --out
holding another run); 1 an engine failed part-way (what was scored is kept; run again to resume);
130 interrupted (likewise kept).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from eval.data import DataError, Fields, error_text
from eval.stats import RESAMPLES, SEED
from eval.tokenizers import MODES
from summarizer.errors import SummarizerError
from summarizer.options import add_option_arguments, options_from_arguments


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m eval",
        description="Score summarisation engines against the real lead and headline with Danish ROUGE.",
        epilog="python -m eval choices DESK.sqlite3: count what the desk's editors chose (python -m eval choices -h)",
    )
    p.add_argument("--data", required=True, help="JSONL, CSV, Parquet file or a datasets save_to_disk folder")
    p.add_argument("--engines", default="lead,extractive", help="comma-separated, e.g. lead,extractive,seq2seq:MODEL")
    p.add_argument("--limit", type=int, default=None, help="only the first N rows of the data")
    p.add_argument("--out", default=None, help="results folder (default runs/eval-<data name>); re-run to resume")
    p.add_argument("--stem", action="store_true", help="Snowball Danish stemming (Porter in ascii mode)")
    p.add_argument("--mode", default="both", choices=[*MODES, "both"], help="tokenizer: unicode, ascii or both")
    p.add_argument("--title-field", default="title")
    p.add_argument("--summary-field", default="summary")
    p.add_argument("--text-field", default="text")
    p.add_argument("--id-field", default="id")
    p.add_argument("--split", default=None, help="the split of a saved DatasetDict")
    # --headlines (best of N), --words (the summary's budget), --chars: every command line's options.
    add_option_arguments(p)
    p.add_argument("--resamples", type=int, default=RESAMPLES, help="bootstrap resamples")
    p.add_argument("--seed", type=int, default=SEED, help="bootstrap seed")
    p.add_argument("--batch-size", type=int, default=16)
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["choices"]:  # the editors' choices in a desk database: eval/choices.py
        from eval.choices import main as choices

        return choices(argv[1:])
    args = parser().parse_args(argv)
    from eval.runner import Config, RunError, run

    engines = [spec.strip() for spec in args.engines.split(",") if spec.strip()]
    if not engines:
        print("error: --engines names no engine", file=sys.stderr)
        return 2
    twice = sorted({spec for spec in engines if engines.count(spec) > 1})
    if twice:
        print(f"error: --engines lists {', '.join(twice)} more than once", file=sys.stderr)
        return 2
    if args.limit is not None and args.limit < 1:
        print("error: --limit must be at least 1", file=sys.stderr)
        return 2
    try:
        options = options_from_arguments(args)
    except SummarizerError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    out = args.out or str(Path("runs") / f"eval-{Path(args.data).stem}")
    config = Config(
        data=args.data,
        engines=engines,
        out=out,
        limit=args.limit,
        stem=args.stem,
        modes=list(MODES) if args.mode == "both" else [args.mode],
        fields=Fields(args.title_field, args.summary_field, args.text_field, args.id_field),
        split=args.split,
        options=options,
        resamples=args.resamples,
        seed=args.seed,
        batch_size=args.batch_size,
    )
    try:
        results = run(config, show_progress=not args.no_progress, log=lambda m: print(m, file=sys.stderr))
    except DataError as error:  # the library reader's error, in the benchmark's English
        print(f"error: {error_text(error)}", file=sys.stderr)
        return 2
    except RunError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"\ninterrupted: every finished article is saved in {out}/predictions.jsonl; "
              "run the same command again to resume", file=sys.stderr)
        return 130
    except Exception as error:  # an engine bug: say so in one line, keep what was scored
        print(f"error: {type(error).__name__}: {error} (finished articles are kept in {out}; "
              "run again to resume)", file=sys.stderr)
        return 1
    print(Path(out, "results.md").read_text(encoding="utf-8"))
    for spec, summary in results["engines"].items():
        if summary["skipped"]:
            print(f"warning: {spec} skipped {summary['skipped']} articles (see results.md)", file=sys.stderr)
    if results["skipped"]["count"]:
        print(f"warning: {results['skipped']['count']} rows skipped: "
              + ", ".join(f"{n} × {r}" for r, n in results["skipped"]["reasons"].items()), file=sys.stderr)
    print(f"results in {out}/ (results.json, results.md, predictions.jsonl, predictions.csv, chart.png)",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
