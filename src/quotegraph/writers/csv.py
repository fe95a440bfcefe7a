"""CSV: one row per quote, for spreadsheets; articles without quotes give no rows."""
from __future__ import annotations

import csv
from typing import Iterable, TextIO

from ..record import Quote, Record

COLUMNS = ("article_id", "quote_id", "type", "kind", "speaker", "cue", "source", "content", "start", "end", "confidence")
# Joins the pieces of a quote split by its attribution ("..., " she said, "...").
CONTENT_JOINER = " … "


def write_csv(records: Iterable[Record], stream: TextIO) -> int:
    """A header row, then one row per quote; returns the number of records written."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for record in records:
        writer.writerows(quote_row(record, quote) for quote in record.quotes)
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
    )
