"""Command line: ``python -m summarizer [FILE|-] [--engine NAME] [--headlines N] [--json]``.

FILE may be in any format `summarizer.wire` reads (plain text, Ritzau XML, NITF, NewsML-G2, HTML).

Subcommands with their own options: ``batch`` (a folder or feed in, JSONL out),
``download`` and ``convert`` (seq2seq models). Exit 0 on success, 2 with one line on bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from summarizer.article import Article
from summarizer.errors import SummarizerError
from summarizer.results import valid_text

SUBCOMMANDS: dict[str, tuple[str, str]] = {
    # name: (module, function taking argv and returning an exit code)
    "batch": ("summarizer.batch", "main"),
    "download": ("summarizer.engines.seq2seq_cli", "download_main"),
    "convert": ("summarizer.engines.seq2seq_cli", "convert_main"),
    "finetune": ("summarizer.finetune", "main"),
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2 (argparse prints usage too)
        self.exit(2, f"{self.prog}: error: {message}\n")


def read_input(path: str) -> Article:
    """The article in FILE (any wire format the project reads), or on standard input for "-"."""
    from summarizer.wire import read_article

    if path == "-":
        return read_article(sys.stdin.buffer.read(), name="standard input")
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise SummarizerError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise SummarizerError(f"{path} is a folder; use `python -m summarizer batch {path}`") from None
    except OSError as error:
        raise SummarizerError(f"cannot read {path}: {error.strerror}") from None
    return read_article(data, name=path)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in SUBCOMMANDS:
        module_name, func_name = SUBCOMMANDS[argv[0]]
        import importlib

        func: Callable[[list[str]], int] = getattr(importlib.import_module(module_name), func_name)
        return func(argv[1:])

    from summarizer import engines
    from summarizer.api import summarise
    from summarizer.engines.seq2seq_cli import add_model_arguments, apply_model_arguments

    parser = _Parser(prog="python -m summarizer", description="Summarise a Danish news text.")
    parser.add_argument("file", nargs="?", default="-", help="a text file, or - for standard input")
    parser.add_argument("--engine", default="auto", help="one of: auto, " + ", ".join(engines.names()))
    add_model_arguments(parser)
    parser.add_argument("--headlines", type=int, default=5, metavar="N", help="how many headlines (default 5)")
    parser.add_argument("--words", type=int, default=35, help="summary word budget (default 35)")
    parser.add_argument("--chars", type=int, default=70, help="headline character limit (default 70)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    apply_model_arguments(args)
    if args.file == "-" and sys.stdin.isatty():
        parser.error("give a FILE, or pipe text in with -")
    try:
        article = read_input(args.file)
        result = summarise(
            article,
            engine=args.engine,
            n_headlines=args.headlines,
            max_summary_words=args.words,
            max_headline_chars=args.chars,
        )
    except SummarizerError as error:
        print(f"error: {_one_line(error)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # a bug, not the input's fault: still one line, never a traceback
        print(f"error: internal error: {type(error).__name__}: {_one_line(error)}", file=sys.stderr)
        return 1
    if args.json:
        # Text is valid Unicode from `prepare` on; valid_text also covers what an engine adds.
        print(valid_text(json.dumps(result.to_dict(), ensure_ascii=False, indent=2)))
        return 0
    print(valid_text(f"Resumé ({result.engine}):\n  {result.summary}\n\nRubrikker:"))
    for rank, headline in enumerate(result.headlines, 1):
        print(valid_text(f"  {rank}. {headline}"))
    for flag in result.flags:
        print(valid_text(f"ikke i kilden ({flag.kind}, {flag.where}): {flag.text}"))
    for warning in result.warnings:
        print(f"advarsel: {valid_text(warning)}", file=sys.stderr)
    return 0


def _one_line(error: BaseException) -> str:
    return " ".join(valid_text(str(error)).split())


if __name__ == "__main__":
    sys.exit(main())
