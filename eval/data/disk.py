"""A Hugging Face ``datasets`` folder written by ``save_to_disk`` (a Dataset, or one split of a DatasetDict)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from eval.data import DataError, Row


def read(path: Path, split: str | None = None) -> tuple[list[str], Iterator[Row]]:
    import datasets

    try:
        loaded = datasets.load_from_disk(str(path))
    except Exception as error:  # datasets raises FileNotFoundError or its own errors
        raise DataError(f"cannot read {path} as a saved datasets folder: {error}") from error
    if isinstance(loaded, datasets.DatasetDict):
        splits = list(loaded)
        if split is None and len(splits) == 1:
            split = splits[0]
        if split not in loaded:
            raise DataError(f"choose a split with --split: {path.name} has {', '.join(splits)}")
        loaded = loaded[split]
    elif split is not None:
        raise DataError(f"{path.name} is a single dataset without splits; leave out --split")
    return list(loaded.column_names), _rows(loaded)


def _rows(dataset) -> Iterator[Row]:
    yield from enumerate(dataset, start=1)
