"""Parquet, read in record batches so a large file is never all in memory as Python objects."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from eval.data import DataError, Row


def read(path: Path) -> tuple[list[str], Iterator[Row]]:
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except Exception as error:  # pyarrow raises several types for a file that is not Parquet
        raise DataError(f"cannot read {path} as Parquet: {error}") from error
    return list(parquet.schema_arrow.names), _rows(parquet)


def _rows(parquet) -> Iterator[Row]:
    number = 0
    for batch in parquet.iter_batches(batch_size=1024):
        for row in batch.to_pylist():
            number += 1
            yield number, row
