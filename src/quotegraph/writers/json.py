"""JSON (one object, or an array of them) and JSON Lines (one record per line)."""
from __future__ import annotations

import json
import textwrap
from typing import Iterable, TextIO

from ..record import Record


def write_json(records: Iterable[Record], stream: TextIO, *, single: bool) -> int:
    """One indented object when `single` (the input was one article), else an array.

    The shape follows the input, not the number of records, so a directory holding one
    file still gives an array. Records are written as they come; returns their number.
    """
    count = 0
    if single:
        for record in records:
            stream.write(_dumps(record, indent=2) + "\n")
            count += 1
        return count
    stream.write("[")
    for record in records:
        stream.write(("," if count else "") + "\n" + textwrap.indent(_dumps(record, indent=2), "  "))
        count += 1
    stream.write("\n]\n" if count else "]\n")
    return count


def write_jsonl(records: Iterable[Record], stream: TextIO) -> int:
    """One compact record per line; returns the number written."""
    count = 0
    for record in records:
        stream.write(_dumps(record, indent=None) + "\n")
        count += 1
    return count


def _dumps(record: Record, *, indent: int | None) -> str:
    return json.dumps(record.to_dict(), indent=indent, ensure_ascii=False)
