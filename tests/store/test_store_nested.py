"""Nested reports in the store (migration 0007, quotes.within), on both stores: stored and
read back with the quote that holds them, and left out by `quotes --no-nested`."""
from __future__ import annotations

import json

from click.testing import CliRunner
from support.records import make_record
from support.store import make_run, new_article, person, span

from quotegraph.cli import main
from quotegraph.record import Quote, Record
from quotegraph.store import open_store
from quotegraph.store.queries import find_quotes
from quotegraph.store.read import iter_records
from quotegraph.store.write import write_batch

TEXT = "Fritz Henderson stated that he envisioned the process would take 60 days."


def _record() -> Record:
    return make_record(text=TEXT, id="gm-1", published="2009-06-01", entities=[
        person(TEXT, "e0", "Fritz Henderson", "Fritz Henderson")], quotes=[
        Quote.from_dict({"id": "q0", "type": "indirect", "confidence": 0.8, "kind": "speech",
                         "content": [span(TEXT, "that he envisioned the process would take 60 days")],
                         "cue": span(TEXT, "stated"), "source": span(TEXT, "Fritz Henderson"),
                         "speaker": {"entity": "e0", "name": "Fritz Henderson"}}),
        Quote.from_dict({"id": "q1", "type": "indirect", "confidence": 0.8, "kind": "thought", "within": "q0",
                         "content": [span(TEXT, "the process would take 60 days")],
                         "cue": span(TEXT, "envisioned"), "source": span(TEXT, "he"),
                         "speaker": {"entity": "e0", "name": "Fritz Henderson"}}),
    ])


def test_nested_reports_are_stored_and_can_be_left_out(store_url: str) -> None:
    store = open_store(store_url)
    try:
        with store.write() as connection:
            write_batch(connection, make_run(connection), [new_article(_record())])
        with store.read() as connection:
            [stored] = [s.record for s in iter_records(connection)]
            everything = find_quotes(connection)
            top = find_quotes(connection, nested=False)
    finally:
        store.close()
    assert [q.within for q in stored.quotes] == [None, "q0"]
    assert sorted((row["cue"], row["within"]) for row in everything) == [("envisioned", "q0"), ("stated", None)]
    assert [row["cue"] for row in top] == ["stated"]
    output = CliRunner().invoke(main, ["quotes", "--db", store_url, "--no-nested", "--format", "json"],
                                catch_exceptions=False).output
    assert [row["cue"] for row in json.loads(output)] == ["stated"]
