"""``python -m summarizer download|convert``: fetch a seq2seq model once, convert it for CTranslate2.

    python -m summarizer download Danish-summarisation/DanSumT5-small
    python -m summarizer convert Danish-summarisation/DanSumT5-small --quantization int8
    SUMMARIZER_BACKEND=ct2 python -m summarizer artikel.txt --engine seq2seq

Exit 0 on success, 1 with one line when the model cannot be fetched or converted, 2 on bad usage.
`add_model_arguments` / `apply_model_arguments` give the main command ``--model`` and ``--backend``.
"""

from __future__ import annotations

import argparse
import os
import sys

from summarizer.engines import model_cache
from summarizer.errors import SummarizerError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:
        self.exit(2, f"{self.prog}: error: {message}\n")


def download_main(argv: list[str]) -> int:
    """Fetch MODEL (default: $SUMMARIZER_MODEL or DanSumT5-small) into the Hugging Face cache."""
    parser = _Parser(prog="python -m summarizer download", description=download_main.__doc__)
    parser.add_argument("model", nargs="?", help=f"a Hugging Face model id (default {model_cache.DEFAULT_MODEL})")
    parser.add_argument("--revision", help="a branch, tag or commit (default: main)")
    args = parser.parse_args(argv)
    model = model_cache.choose(args.model, "transformers").model
    try:
        folder = model_cache.download(model, revision=args.revision)
    except SummarizerError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"{model} is in the cache: {folder}")
    print(f"use it with --engine seq2seq:{model} (or SUMMARIZER_MODEL={model}); it now works offline")
    return 0


def convert_main(argv: list[str]) -> int:
    """Convert MODEL (a folder or a cached Hub model) to a CTranslate2 folder for ``backend="ct2"``."""
    from summarizer.engines import ct2

    parser = _Parser(prog="python -m summarizer convert", description=convert_main.__doc__)
    parser.add_argument("model", nargs="?", help=f"a folder or cached Hub id (default {model_cache.DEFAULT_MODEL})")
    parser.add_argument("--quantization", default="int8", choices=ct2.QUANTIZATIONS, help="weight type (default int8)")
    parser.add_argument("--out", help="output folder (default: the folder the ct2 backend looks in)")
    parser.add_argument("--force", action="store_true", help="replace a non-empty output folder")
    args = parser.parse_args(argv)
    choice = model_cache.choose(args.model, "transformers")
    try:
        source = model_cache.locate(choice)
        out = args.out or model_cache.default_ct2_dir(choice.model, args.quantization)
        folder = ct2.convert(source, out, quantization=args.quantization, force=args.force, model_name=choice.model)
    except SummarizerError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"converted {choice.model} ({args.quantization}) to {folder}")
    if args.out:
        print(f"use it with --engine seq2seq:{folder}")
    else:
        print(f"use it with --engine seq2seq:{choice.model}@ct2 (or SUMMARIZER_BACKEND=ct2)")
    return 0


def add_model_arguments(parser: argparse.ArgumentParser) -> None:
    """``--model`` and ``--backend`` for the main command (the seq2seq engine reads them)."""
    parser.add_argument(
        "--model",
        help="the model of the engine chosen: for seq2seq a Hugging Face id or folder (default $SUMMARIZER_MODEL), "
        "for generative a finetune output folder (default $SUMMARIZER_GENERATIVE_MODEL, else the shipped one)",
    )
    parser.add_argument("--backend", choices=model_cache.BACKENDS, help="seq2seq backend (default transformers)")


def apply_model_arguments(args: argparse.Namespace) -> None:
    """Hand ``--model`` / ``--backend`` to the engine through its environment variables."""
    if getattr(args, "model", None):
        generative = str(getattr(args, "engine", "")).split(":")[0] == "generative"
        os.environ["SUMMARIZER_GENERATIVE_MODEL" if generative else "SUMMARIZER_MODEL"] = args.model
    if getattr(args, "backend", None):
        os.environ["SUMMARIZER_BACKEND"] = args.backend
