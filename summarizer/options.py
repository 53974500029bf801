"""`Options`: what the caller asks of any engine (how many headlines, how long the lead).

The one carrier and validator of these settings: `summarise`, batch, Ray, `hf_datasets`, `eval` and the
desk all build an `Options`, and every command line gets the same flags from `add_option_arguments`.
Each default and each bound is written here once; the desk's sliders read `BOUNDS` too.

Its own module, below the engines, so that the headline rules and the API can take it without
importing the engine layer.
"""

from __future__ import annotations

import argparse
import numbers
from dataclasses import dataclass, fields
from typing import Any

from summarizer.errors import SummarizerError
from summarizer.text.characters import valid_text

#: Lowest and highest value of each setting (the desk's sliders have the same range).
BOUNDS: dict[str, tuple[int, int]] = {
    "n_headlines": (1, 20),
    "max_summary_words": (5, 200),
    "max_headline_chars": (20, 200),
}


@dataclass(frozen=True)
class Options:
    """What the caller asks for; the same for every engine.

    Checked when made: ``Options(n_headlines=0)`` raises a `SummarizerError` with one Danish line.
    ``True`` is not 1 and 5.9 is not 5: a wrong type is a mistake to report, not to round.

    >>> Options(max_headline_chars=60).max_headline_chars
    60
    """

    n_headlines: int = 5
    max_summary_words: int = 35
    max_headline_chars: int = 70

    def __post_init__(self) -> None:
        for spec in fields(self):
            low, high = BOUNDS[spec.name]
            object.__setattr__(self, spec.name, whole(spec.name, getattr(self, spec.name), low, high))

    @classmethod
    def of(cls, options: Options | None = None, **settings: Any) -> Options:
        """`options` (or the defaults) with any setting given by name replaced; ``None`` keeps it.

        >>> Options.of(None, n_headlines=3, max_summary_words=None).max_summary_words
        35
        """
        base = options if options is not None else cls()
        if not isinstance(base, Options):
            raise SummarizerError(code="option.not_options", kind=type(base).__name__)
        changes = {name: value for name, value in settings.items() if value is not None}
        unknown = sorted(set(changes) - set(BOUNDS))
        if unknown:
            raise TypeError(f"unknown option(s): {', '.join(unknown)}")
        return cls(**{**{spec.name: getattr(base, spec.name) for spec in fields(cls)}, **changes})


#: The command-line flag of each setting.
FLAGS: dict[str, str] = {"n_headlines": "--headlines", "max_summary_words": "--words", "max_headline_chars": "--chars"}


def add_option_arguments(parser: argparse.ArgumentParser) -> None:
    """The flags every command line shares (``--headlines``, ``--words``, ``--chars``), defaults from `Options`."""
    from summarizer.messages import text

    defaults = Options()
    for spec in fields(Options):
        parser.add_argument(
            FLAGS[spec.name],
            dest=spec.name,
            type=int,
            default=getattr(defaults, spec.name),
            metavar="N",
            help=text(f"option.help.{spec.name}", default=getattr(defaults, spec.name)),
        )


def options_from_arguments(args: argparse.Namespace) -> Options:
    """The `Options` that `add_option_arguments`' flags were given (checked: bad values raise)."""
    return Options(**{spec.name: getattr(args, spec.name) for spec in fields(Options)})


def whole(name: str, value: Any, low: int, high: int) -> int:
    """`value` as a plain int when it is a whole number in [low, high]; else one clear `SummarizerError`."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise SummarizerError(code="option.not_whole", name=name, low=low, high=high, value=shown(value))
    if not low <= value <= high:
        raise SummarizerError(code="option.out_of_range", name=name, low=low, high=high, value=value)
    return int(value)


def shown(value: Any) -> str:
    """A value as a message can quote it: short, one line, with its type when that is the problem."""
    text = repr(value)
    text = " ".join(valid_text(text[:40] + ("…" if len(text) > 40 else "")).split())
    return text if isinstance(value, str) or value is None else f"{text} ({type(value).__name__})"
