"""The Parquet schema against the record: every field declared, and rows that read back as the record."""
from __future__ import annotations

from typing import Any

import pytest

from quotegraph.spark.schema import EXTRA, ROW, ArrayOf, Kind, Struct, record_from_row, record_to_row, undeclared_keys

SPAN = {"start": 1, "end": 14, "text": "We are ready,"}
FULL = {
    "id": "a1", "title": "T", "published": "2025-04-14", "url": "https://example.com/a1",
    "text": "\"We are ready,\" the mayor told reporters on Monday.",
    "quotes": [{"id": "q0", "type": "direct", "content": [SPAN], "cue": {"start": 26, "end": 30, "text": "told"},
                "source": {"start": 16, "end": 25, "text": "the mayor"}, "speaker": {"entity": "e0", "name": "mayor"},
                "addressee": None, "time": "t0", "kind": "speech", "within": None, "confidence": 0.961}],
    "entities": [{"id": "e0", "name": "mayor", "label": "PERSON", "titles": ["mayor"], "affiliations": [],
                  "source_type": "anonymous", "gender": "male",
                  "gender_evidence": [{"kind": "pronoun", "gender": "male", "start": 0, "end": 2, "text": "He"}],
                  "mentions": [{"start": 16, "end": 25, "text": "the mayor"}]}],
    "times": [{"id": "t0", "start": 44, "end": 50, "text": "Monday", "type": "DATE", "value": "2025-04-14"},
              {"id": "t1", "start": 0, "end": 4, "text": "more", "type": "DURATION", "value": "P1M", "mod": "MORE_THAN"}],
    "events": [{"id": "ev0", "trigger": {"start": 26, "end": 30, "text": "told"}, "time": "t0", "date": "2025-04-14",
                "relation": None, "negated": False, "participants": [{"entity": "e0", "role": "agent"}],
                "sentence": {"start": 0, "end": 51, "text": "x"}}],
}
INPUT = {"file": "wire.jsonl", "line": None, "position": None}


def as_read_back(value: Any, kind: Kind = ROW) -> Any:
    """A row (nested tuples, as the job writes it) as Spark and pyarrow read it back: nested dicts."""
    if value is None or isinstance(kind, str):
        return value
    if isinstance(kind, ArrayOf):
        return [as_read_back(item, kind.element) for item in value]
    assert isinstance(kind, Struct) and len(value) == len(kind.fields) + 1
    return {**{f.name: as_read_back(item, f.kind) for f, item in zip(kind.fields, value)}, EXTRA: value[-1]}


@pytest.mark.parametrize("record", [
    pytest.param(FULL, id="every field"),
    pytest.param({**FULL, "quotes": [], "entities": [], "times": [], "events": []}, id="empty lists"),
    pytest.param({"id": "x", "title": None, "published": None, "url": None, "text": "", "quotes": [], "entities": [],
                  "times": [], "events": [], "error": {"code": "QG100", "reason": "binary file"}}, id="error row"),
    pytest.param({**FULL, "quotes": [{**FULL["quotes"][0], "stance": "against", "cue": None}], "lang": "en"},
                 id="undeclared keys"),
])
def test_a_row_reads_back_as_the_record(record):
    row = as_read_back(record_to_row(record, key="k", input=INPUT))
    assert row["key"] == "k" and row["input"]["file"] == "wire.jsonl"
    assert record_from_row(row) == record


def test_undeclared_keys_are_named_and_kept_as_json():
    record = {**FULL, "quotes": [{**FULL["quotes"][0], "stance": "against"}], "lang": "en"}
    assert undeclared_keys(FULL) == set()
    assert undeclared_keys(record) == {"quotes.stance", "lang"}
    row = as_read_back(record_to_row(record, key=None, input=INPUT))
    assert row[EXTRA] == '{"lang": "en"}'
    assert row["quotes"][0][EXTRA] == '{"stance": "against"}'


def test_the_spark_schema_is_the_declared_tree(spark):
    """What Spark writes has a column for every declared field, `extra_json` beside each struct."""
    from quotegraph.spark.schema import spark_schema

    schema = spark_schema()
    quote = schema["quotes"].dataType.elementType
    assert schema.names == [*ROW.names, EXTRA]
    assert quote["content"].dataType.elementType.names == ["start", "end", "text", EXTRA]
    assert schema["times"].dataType.elementType["start"].dataType.typeName() == "long"


@pytest.mark.slow
def test_real_records_need_no_extra_json(reference_records):
    """Every key of real records has its own column: a field added to the record fails
    here until the schema declares it (as a quote's `kind` did)."""
    import quotegraph
    from quotegraph.demo import load_demo_article

    demo = load_demo_article().article
    records = [quotegraph.extract(demo.text, published=demo.published, id=demo.id).to_dict(), *reference_records]
    assert all(r["quotes"] and r["entities"] and r["times"] for r in records)
    assert any(r["events"] for r in records)
    for record in records:
        assert undeclared_keys(record) == set(), record["id"]
