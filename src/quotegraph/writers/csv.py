"""CSV: one row per quote, for spreadsheets; articles without quotes give no rows.

Text cells a spreadsheet would run as a formula get a leading apostrophe (OWASP's advice on
CSV injection); rows end in CRLF (RFC 4180)."""
from __future__ import annotations

import csv
from typing import Any, Iterable, TextIO

from ..record import Quote, Record

COLUMNS = ("article_id", "quote_id", "type", "kind", "speaker", "cue", "source", "content", "start", "end", "confidence",
           "within")
# Joins the pieces of a quote split by its attribution ("..., " she said, "...").
CONTENT_JOINER = " … "
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_writer(stream: TextIO) -> Any:
    """A csv writer for quotegraph's tables: RFC 4180 rows (CRLF), minimal quoting."""
    # With a bare "\n" line end, the csv module leaves a cell holding a lone carriage return
    # unquoted, which breaks the row for every reader.
    return csv.writer(stream, lineterminator="\r\n")


def safe_cell(value: object) -> object:
    """`value`, with an apostrophe before a string a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(records: Iterable[Record], stream: TextIO) -> int:
    """A header row, then one row per quote; returns the number of records written."""
    writer = csv_writer(stream)
    writer.writerow(COLUMNS)
    count = 0
    for record in records:
        writer.writerows(tuple(map(safe_cell, quote_row(record, quote))) for quote in record.quotes)
        count += 1
    return count


def quote_row(record: Record, quote: Quote) -> tuple[str | int | float, ...]:
    return (
        record.id or "",
        quote.id,
        quote.type,
        quote.kind or "",
        quote.speaker.name if quote.speaker else "",
        quote.cue.text if quote.cue else "",
        quote.source.text if quote.source else "",
        CONTENT_JOINER.join(span.text for span in quote.content),
        quote.start,
        quote.end,
        round(quote.confidence, 3),
        quote.within or "",
    )
