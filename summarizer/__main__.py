"""Command line: ``python -m summarizer [FILE|-] [--engine NAME] [--headlines N] [--json] [--verbose]``.

FILE may be in any format `summarizer.wire` reads (plain text, Ritzau XML, NITF, NewsML-G2, HTML).

Subcommands with their own options (each listed, one line each, by ``--help``): ``batch`` (a folder or feed in,
JSONL and CSV out), ``finetune`` (a model in the newsroom's style), ``download`` and ``convert`` (seq2seq
models). Everything it says is Danish, from the message catalogue. Exit 0 on success, 2 with one line on bad
input, 1 with one line on an internal error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from summarizer.article import Article
from summarizer.cli import Parser, one_line, say_error, say_warning
from summarizer.errors import SummarizerError
from summarizer.messages import CATALOGUE, engine_name, text
from summarizer.results import valid_text

SUBCOMMANDS: dict[str, tuple[str, str]] = {
    # name: (module, function taking argv and returning an exit code)
    "batch": ("summarizer.batch", "main"),
    "download": ("summarizer.engines.seq2seq_cli", "download_main"),
    "convert": ("summarizer.engines.seq2seq_cli", "convert_main"),
    "finetune": ("summarizer.finetune", "main"),
}

#: One line each for ``--help``: every way to call the command (the single article first).
USES: tuple[tuple[str, str], ...] = (
    ("FIL | -", "resumé og rubrikker for én artikel (en fil, eller - for standardinput)"),
    ("batch", "alle artikler i en mappe, et arkiv eller et feed: JSONL eller CSV til Excel; kan genoptages"),
    ("finetune", "lær en model avisens egen stil ud fra dens eget arkiv"),
    ("download", "hent en resumémodel (seq2seq) til cachen én gang, så den virker uden net"),
    ("convert", "omsæt en resumémodel til CTranslate2, som er hurtigere på CPU"),
)


def help_epilog() -> str:
    """The ``--help`` list of every use, one line each, and where each one's own options are."""
    width = max(len(name) for name, _ in USES)
    lines = ["kommandoer:"] + [f"  {name:<{width}}  {about}" for name, about in USES]
    lines.append("")
    lines.append("Hver kommando har sin egen hjælp: python -m summarizer batch --help (og så videre).")
    return "\n".join(lines)


def read_input(path: str) -> Article:
    """The article in FILE (any wire format the project reads), or on standard input for "-"."""
    from summarizer.wire import read_article

    if path == "-":
        return read_article(sys.stdin.buffer.read(), name=text("cli.standard_input"))
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise SummarizerError(code="cli.no_such_file", path=path) from None
    except IsADirectoryError:
        raise SummarizerError(code="cli.is_folder", path=path) from None
    except OSError as error:
        raise SummarizerError(code="cli.cannot_read", path=path, why=error.strerror) from None
    return read_article(data, name=path)


def build_parser() -> argparse.ArgumentParser:
    from summarizer import engines
    from summarizer.engines.seq2seq_cli import add_model_arguments
    from summarizer.options import add_option_arguments

    parser = Parser(
        prog="python -m summarizer",
        usage="python -m summarizer [FIL | -] [tilvalg]\n       python -m summarizer {batch,finetune,download,convert} …",  # noqa: E501
        description="Resumé og rubrikker for danske nyheder.",
        epilog=help_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", nargs="?", default="-", metavar="FIL", help="en artikel, eller - for standardinput")
    parser.add_argument("--engine", default="auto", metavar="MOTOR",
                        help="en af: auto, " + ", ".join(engines.names()) + " (standard: auto)")  # fmt: skip
    add_model_arguments(parser)
    add_option_arguments(parser)
    parser.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="sig også hvorfor auto valgte den motor, den valgte")  # fmt: skip
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in SUBCOMMANDS:
        module_name, func_name = SUBCOMMANDS[argv[0]]
        import importlib

        func: Callable[[list[str]], int] = getattr(importlib.import_module(module_name), func_name)
        return func(argv[1:])

    from summarizer.api import resolve_engine, summarise
    from summarizer.engines.seq2seq_cli import apply_model_arguments
    from summarizer.options import options_from_arguments

    parser = build_parser()
    args = parser.parse_args(argv)
    engine = apply_model_arguments(args)  # --engine with --model/--backend in it: "seq2seq:MODEL@ct2"
    if args.file == "-" and sys.stdin.isatty():
        parser.error(text("cli.give_a_file"))
    try:
        article = read_input(args.file)  # a missing file is the one thing said, before any engine is chosen
        # The engine is resolved here so that why auto chose it is said only with --verbose, not on every run.
        spec, reasons = resolve_engine(engine)
        result = summarise(
            article,
            engine=spec,
            options=options_from_arguments(args),
        )
    except SummarizerError as error:
        say_error(error)
        return 2
    except KeyboardInterrupt:
        print(text("cli.interrupted"), file=sys.stderr)
        return 130
    except Exception as error:  # a bug, not the input's fault: still one line, never a traceback
        say_error(text("internal_error", kind=type(error).__name__, message=one_line(error)))
        return 1
    if args.json:
        # Text is valid Unicode from `prepare` on; valid_text also covers what an engine adds.
        print(valid_text(json.dumps(result.to_dict(), ensure_ascii=False, indent=2)))
    else:
        print(valid_text(f"{text('cli.summary', engine=engine_name(result.engine))}\n  {result.summary}\n"))
        print(text("cli.headlines"))
        for rank, headline in enumerate(result.headlines, 1):
            print(valid_text(f"  {rank}. {headline}"))
        for flag in result.flags:
            print(valid_text(text("cli.flag", kind=_flag_kind(flag.kind), where=_where(flag.where), text=flag.text)))
        if result.article.published:
            print(valid_text(text("cli.published", when=shown_time(result.article.published))))
    for note in [*(reasons if args.verbose else []), *result.warnings]:
        say_warning(note)
    return 0


def shown_time(moment: str) -> str:
    """A time from the input as an editor reads it: Copenhagen wall-clock time; a time that is not ISO 8601, or
    carries no zone to convert from, is shown as the input gave it."""
    from datetime import datetime

    from summarizer.results import local_time

    try:
        when = datetime.fromisoformat(moment.strip())
    except ValueError:
        return moment
    return local_time(when) if when.tzinfo is not None else moment


def _flag_kind(kind: str) -> str:
    """``"number"`` → ``"tal"``; a kind the catalogue does not know is shown as it is."""
    return CATALOGUE.get(f"cli.flag.{kind}", kind)


def _where(where: str) -> str:
    """``"summary"`` → ``"resumé"``, ``"headline:0"`` → ``"rubrik 1"``."""
    if where.startswith("headline:") and where[9:].isdigit():
        return text("cli.where.headline", rank=int(where[9:]) + 1)
    return text("cli.where.summary") if where == "summary" else where


if __name__ == "__main__":
    sys.exit(main())
