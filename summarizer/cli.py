"""`Parser`: the command lines' argument parser, speaking Danish (help, usage and usage errors) in one line.

argparse's own texts go through gettext (``argparse._``); while a `Parser` is built, parses or formats help,
that is pointed at the catalogue's Danish (`summarizer.messages.ARGPARSE_DANISH`), so nothing global changes
for other parsers in the process.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NoReturn

from summarizer.messages import ARGPARSE_DANISH, text


@contextmanager
def _danish() -> Iterator[None]:
    previous = argparse._  # type: ignore[attr-defined]
    argparse._ = lambda msgid: ARGPARSE_DANISH.get(msgid, msgid)  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = previous  # type: ignore[attr-defined]


class Parser(argparse.ArgumentParser):
    """An `argparse.ArgumentParser` in Danish; a usage error is one line (``PROG: fejl: …``) and exit 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with _danish():  # the group titles and --help's own line are made here
            super().__init__(*args, **kwargs)

    def parse_args(self, args: Sequence[str] | None = None, namespace: Any = None) -> Any:  # type: ignore[override]
        with _danish():
            return super().parse_args(args, namespace)

    def format_help(self) -> str:
        with _danish():
            return super().format_help()

    def format_usage(self) -> str:
        with _danish():
            return super().format_usage()

    def error(self, message: str) -> NoReturn:  # one line, exit 2 (argparse would print the usage too)
        self.exit(2, f"{self.prog}: {text('cli.error', message=message)}\n")


def say_error(message: object) -> None:
    """``fejl: …`` on standard error, on one line."""
    print(text("cli.error", message=one_line(message)), file=sys.stderr)


def say_warning(message: object) -> None:
    """``advarsel: …`` on standard error, on one line."""
    print(text("cli.warning", message=one_line(message)), file=sys.stderr)


def one_line(message: object) -> str:
    """A message (or an error) as one line of valid text."""
    from summarizer.results import valid_text

    return " ".join(valid_text(str(message)).split())
