"""``python -m summarizer download|convert``: fetch a seq2seq model once, convert it for CTranslate2.

    python -m summarizer download Danish-summarisation/DanSumT5-small
    python -m summarizer convert Danish-summarisation/DanSumT5-small --quantization int8
    SUMMARIZER_BACKEND=ct2 python -m summarizer artikel.txt --engine seq2seq

Exit 0 on success, 1 with one line when the model cannot be fetched or converted, 2 on bad usage.
`add_model_arguments` / `apply_model_arguments` give the main command ``--model`` and ``--backend``.
"""

from __future__ import annotations

import argparse

from summarizer.cli import Parser, say_error
from summarizer.engines import model_cache
from summarizer.errors import SummarizerError
from summarizer.messages import text


def download_main(argv: list[str]) -> int:
    """Fetch MODEL (default: $SUMMARIZER_MODEL or DanSumT5-small) into the Hugging Face cache."""
    parser = Parser(prog="python -m summarizer download", description=text("download.about"))
    parser.add_argument("model", nargs="?", metavar="MODEL",
                        help=text("download.model_help", default=model_cache.DEFAULT_MODEL))  # fmt: skip
    parser.add_argument("--revision", help=text("download.revision_help"))
    args = parser.parse_args(argv)
    try:
        model = model_cache.choose(args.model, "transformers").model
        folder = model_cache.download(model, revision=args.revision)
    except SummarizerError as error:
        say_error(error)
        return 1
    print(text("download.done", model=model, folder=folder))
    print(text("download.use", model=model))
    return 0


def convert_main(argv: list[str]) -> int:
    """Convert MODEL (a folder or a cached Hub model) to a CTranslate2 folder for ``backend="ct2"``."""
    from summarizer.engines import ct2

    parser = Parser(prog="python -m summarizer convert", description=text("convert.about"))
    parser.add_argument("model", nargs="?", metavar="MODEL",
                        help=text("convert.model_help", default=model_cache.DEFAULT_MODEL))  # fmt: skip
    parser.add_argument(
        "--quantization", default="int8", choices=ct2.QUANTIZATIONS, help=text("convert.quantization_help")
    )
    parser.add_argument("--out", metavar="MAPPE", help=text("convert.out_help"))
    parser.add_argument("--force", action="store_true", help=text("convert.force_help"))
    args = parser.parse_args(argv)
    try:
        choice = model_cache.choose(args.model, "transformers")
        source = model_cache.locate(choice)
        out = args.out or model_cache.default_ct2_dir(choice.model, args.quantization)
        folder = ct2.convert(source, out, quantization=args.quantization, force=args.force, model_name=choice.model)
    except SummarizerError as error:
        say_error(error)
        return 1
    print(text("convert.done", model=choice.model, quantization=args.quantization, folder=folder))
    if args.out:
        print(text("convert.use_folder", folder=folder))
    else:
        print(text("convert.use_ct2", model=choice.model))
    return 0


def add_model_arguments(parser: argparse.ArgumentParser) -> None:
    """``--model`` and ``--backend`` for a command that runs an engine (`apply_model_arguments` reads them)."""
    parser.add_argument("--model", help=text("cli.model_help"))
    parser.add_argument("--backend", choices=model_cache.BACKENDS, help=text("cli.backend_help"))


def apply_model_arguments(args: argparse.Namespace) -> str:
    """The engine spec to run: ``--engine`` with ``--model`` and ``--backend`` in it (``"seq2seq:MODEL@ct2"``,
    ``"auto:MODEL"``; see `engines.with_model`). Give it to `api.resolve_engine`; being a plain string, it also
    travels to batch workers in other processes. Nothing is written to the environment."""
    from summarizer.engines import with_model

    spec = getattr(args, "engine", "auto")
    if not isinstance(spec, str) or not spec.strip():
        return spec  # `resolve_engine` refuses an empty name with its one line; "" is not "auto"
    return with_model(spec, getattr(args, "model", None), getattr(args, "backend", None))
