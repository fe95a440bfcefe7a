"""The typed record gives the JSON of docs/record.md, key for key, and reads it back: a
real extraction, a record written by another version (unknown fields kept), one written
before `source_type` existed, and an error record."""
from __future__ import annotations

import json

import pytest

import quotegraph
from quotegraph.record import ArticleEntity, Event, Record, RecordError, TimeExpression

TEXT = ('"We will close the bridge on Monday," Transport Minister Jane Smith told reporters on Friday. '
        'Police arrested two men on Tuesday. She said the works would end in May.')


@pytest.mark.slow
def test_a_real_record_reads_back_to_the_same_json():
    record = quotegraph.extract(TEXT, published="2024-03-08", options=quotegraph.Options(min_confidence=0))
    data = record.to_dict()
    assert data["entities"] and data["times"] and data["events"] and data["quotes"]
    assert json.dumps(Record.from_dict(data).to_dict()) == json.dumps(data)
    assert all(isinstance(e, ArticleEntity) for e in record.entities)
    assert all(isinstance(t, TimeExpression) for t in record.times)
    assert all(isinstance(e, Event) for e in record.events)


def test_the_json_keeps_its_key_order_and_leaves_out_what_is_absent():
    entity = ArticleEntity.from_dict({"id": "e0", "name": "Jane Smith", "label": "PERSON", "titles": ["Minister"],
                                      "affiliations": [], "source_type": "person", "gender": "female",
                                      "gender_evidence": [{"kind": "pronoun", "gender": "female", "start": 5,
                                                           "end": 8, "text": "She"}],
                                      "mentions": [{"start": 0, "end": 5, "text": "Smith", "reason": "only one"}]})
    assert list(entity.to_dict()) == ["id", "name", "label", "titles", "affiliations", "source_type", "gender",
                                      "gender_evidence", "mentions"]
    assert entity.to_dict()["mentions"] == [{"start": 0, "end": 5, "text": "Smith", "reason": "only one"}]
    time = TimeExpression.from_dict({"id": "t0", "start": 1, "end": 7, "text": "Monday", "type": "DATE",
                                     "value": "2024-03-11"})
    assert "mod" not in time.to_dict()
    assert TimeExpression.from_dict({**time.to_dict(), "mod": "APPROX"}).to_dict()["mod"] == "APPROX"


def test_fields_another_version_wrote_are_kept():
    data = {"text": "x", "entities": [{"id": "e0", "name": "Acme", "label": "ORG", "source_type": "organisation",
                                       "mentions": [], "corpus_id": 7, "wikidata": "Q1", "role": "maker"}],
            "times": [{"id": "t0", "start": 0, "end": 1, "text": "x", "type": "DATE", "value": "2024",
                       "calendar": "gregorian"}],
            "events": [{"id": "ev0", "trigger": {"start": 0, "end": 1, "text": "x"}, "time": "t0",
                        "participants": [{"entity": "e0", "role": "agent", "weight": 1}], "source": "wire"}]}
    again = Record.from_dict(Record.from_dict(data).to_dict()).to_dict()
    entity = again["entities"][0]
    assert (entity["corpus_id"], entity["wikidata"], entity["role"]) == (7, "Q1", "maker")
    assert again["times"][0]["calendar"] == "gregorian"
    assert again["events"][0]["source"] == "wire" and again["events"][0]["participants"][0]["weight"] == 1


def test_an_entity_written_before_source_type_reads_its_old_flags():
    entity = ArticleEntity.from_dict({"id": "e0", "name": "officials", "label": "GROUP", "anonymous": True,
                                      "collective": True, "mentions": []})
    assert entity.source_type == "group" and "anonymous" not in entity.to_dict() and not entity.extra


def test_an_error_record():
    record = Record(text="", id="a", error=RecordError("QG102", "not English"))
    assert record.to_dict()["error"] == {"code": "QG102", "reason": "not English"}
    assert Record.from_dict(record.to_dict()).error == record.error
    assert RecordError.from_dict({"code": "QG999"}).reason == "extraction failed"
