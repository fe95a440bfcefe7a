"""The Spark job's Parquet output read back as records, with pyarrow (no Spark, no JVM):
what `quotegraph ingest` loads into a store.

A row with `error` and no text is an input that could not be read: it comes back as the
`ReadError` a reader would have yielded (its file, and line or byte offset). Any other
row is a `Record`, with `error` when its extraction failed, as `extract_many` yields it.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

from ..errors import InputError
from ..readers import SUFFIXES, ReadError
from ..readers.paths import reader_suffix
from ..record import Record
from .schema import record_from_row

ROWS_PER_BATCH = 256
# Beside the part files: what produced them (versions, model, options; `job.run_info`),
# for the store's runs table. Spark and the readers skip `_` files.
RUN_INFO = "_quotegraph.json"


def is_record_table(path: Path) -> bool:
    """Whether `path` is a Parquet file, or a directory of Parquet files and no articles
    (.txt, .jsonl, ...): a job's output."""
    if path.is_dir():
        return bool(parquet_files(path)) and not any(reader_suffix(p) in SUFFIXES for p in path.rglob("*"))
    return path.suffix.lower() == ".parquet"


def parquet_files(path: Path) -> list[Path]:
    """The Parquet files of a file or directory, sorted; hidden ones (`.x`, `_x`) left out."""
    if not path.is_dir():
        return [path]
    return sorted(p for p in path.rglob("*.parquet")
                  if p.is_file() and not any(part.startswith((".", "_")) for part in p.relative_to(path).parts))


def read_run_info(path: Path) -> dict[str, Any] | None:
    """What produced a job's output directory (its `_quotegraph.json`), if it says."""
    info = path / RUN_INFO if path.is_dir() else None
    if info is None or not info.is_file():
        return None
    return json.loads(info.read_text(encoding="utf-8"))


def read_records(path: Path) -> Iterator[Record | ReadError]:
    """The records of a Parquet file or of a job's output directory, streamed in batches."""
    import pyarrow.parquet as pq

    for file in parquet_files(path):
        try:
            table = pq.ParquetFile(file)
        except (OSError, ValueError) as err:  # pyarrow's ArrowInvalid is a ValueError
            yield ReadError(str(file), InputError.code, f"not a Parquet file ({err})")
            continue
        if "quotes" not in table.schema_arrow.names:
            yield ReadError(str(file), InputError.code,
                            "Parquet without a 'quotes' column: not records of quotegraph spark")
            continue
        for batch in table.iter_batches(batch_size=ROWS_PER_BATCH):
            for row in batch.to_pylist():
                yield _item(row, str(file))


def _item(row: dict, file: str) -> Record | ReadError:
    where = row.get("input") or {}
    record = record_from_row(row)
    error = record.get("error")
    if error and not record.get("text"):
        return ReadError(str(record.get("id") or file), error.get("code", InputError.code), error.get("reason", ""),
                         file=where.get("file") or file, line=where.get("line"), position=where.get("position"))
    return Record.from_dict(record)
