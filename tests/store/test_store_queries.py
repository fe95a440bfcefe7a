"""Queries (store/queries.py), their commands (quotes, speakers, timeline --db) and export, on both stores.

The corpus is built by hand (no parser): three articles from two outlets about a bridge
ban, with a named minister quoted twice, an anonymous official, and a Jane Smith who
must never be confused with John Smith.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from support.records import make_record
from support.store import make_run, new_article, person, span

from quotegraph.cli import main
from quotegraph.record import Quote, Record
from quotegraph.store import open_store
from quotegraph.store.queries import entity_timeline, find_quotes, match_entities, top_speakers
from quotegraph.store.read import iter_records
from quotegraph.store.write import write_batch

T1 = ('"We will close the old bridge to all traffic on Monday," Transport Minister John Smith told reporters '
      'on Friday. Senator Jane Smith said the closure would hurt Acme workers. '
      'A senior official said the bridge was unsafe.')
T2 = ('Minister John Smith said: "We will close the old bridge to all traffic on Monday." '
      'The ministry banned trucks from the bridge on March 1.')
T3 = 'Smith said Acme would appeal. "This is about safety, not politics," he added.'


def corpus() -> list[Record]:
    r1 = make_record(text=T1, id="daily-1", url="https://daily.example/bridge", published="2024-03-08", title="Bridge",
                entities=[
                    person(T1, "e0", "John Smith", "Transport Minister John Smith", titles=["Transport Minister"]),
                    person(T1, "e1", "Jane Smith", "Senator Jane Smith", titles=["Senator"]),
                    person(T1, "e2", "a senior official", "A senior official", source_type="anonymous"),
                    {"id": "e3", "name": "Acme", "label": "ORG", "titles": [], "affiliations": [],
                     "mentions": [span(T1, "Acme")]},
                ],
                times=[{"id": "t0", **span(T1, "on Friday"), "type": "DATE", "value": "2024-03-08"},
                       {"id": "t1", **span(T1, "on Monday"), "type": "DATE", "value": "2024-03-11"}],
                quotes=[
                    Quote.from_dict({"id": "q0", "type": "direct", "confidence": 0.95, "kind": "speech",
                                     "content": [span(T1, "We will close the old bridge to all traffic on Monday,")],
                                     "cue": span(T1, "told"), "source": span(T1, "Transport Minister John Smith"),
                                     "speaker": {"entity": "e0", "name": "John Smith"},
                                     "addressee": span(T1, "reporters"), "time": "t0"}),
                    Quote.from_dict({"id": "q1", "type": "indirect", "confidence": 0.8, "kind": "speech",
                                     "content": [span(T1, "the closure would hurt Acme workers")],
                                     "cue": span(T1, "said"), "source": span(T1, "Senator Jane Smith"),
                                     "speaker": {"entity": "e1", "name": "Jane Smith"}}),
                    Quote.from_dict({"id": "q2", "type": "indirect", "confidence": 0.7,
                                     "content": [span(T1, "the bridge was unsafe")],
                                     "cue": span(T1, "said", 1), "source": span(T1, "A senior official"),
                                     "speaker": {"entity": "e2", "name": "a senior official"}}),
                ],
                events=[{"id": "ev0", "trigger": span(T1, "close"), "time": "t1", "date": "2024-03-11",
                         "participants": [{"entity": "e0", "role": "agent"}],
                         "sentence": span(T1, T1[:T1.index(" Senator")])}])
    r2 = make_record(text=T2, id="herald-7", url=None, published="2024-03-07",
                entities=[person(T2, "e0", "John Smith", "Minister John Smith", titles=["Minister"])],
                times=[{"id": "t0", **span(T2, "on March 1"), "type": "DATE", "value": "2024-03-01"}],
                quotes=[Quote.from_dict({"id": "q0", "type": "direct", "confidence": 0.9, "kind": "writing",
                                         "content": [span(T2, "We will close the old bridge to all traffic on Monday.")],
                                         "cue": span(T2, "said"), "source": span(T2, "Minister John Smith"),
                                         "speaker": {"entity": "e0", "name": "John Smith"}})],
                events=[{"id": "ev0", "trigger": span(T2, "banned"), "time": "t0", "date": "2024-03-01",
                         "participants": [], "sentence": span(T2, "The ministry banned trucks from the bridge on March 1.")}])
    r3 = make_record(text=T3, id="daily-2", url="https://daily.example/appeal", published="2024-03-12",
                entities=[person(T3, "e0", "Smith", "Smith"),
                          {"id": "e1", "name": "Acme", "label": "ORG", "titles": [], "affiliations": [],
                           "mentions": [span(T3, "Acme")]}],
                quotes=[Quote.from_dict({"id": "q0", "type": "indirect", "confidence": 0.8,
                                         "content": [span(T3, "Acme would appeal")], "cue": span(T3, "said"),
                                         "source": span(T3, "Smith"), "speaker": {"entity": "e0", "name": "Smith"}}),
                        Quote.from_dict({"id": "q1", "type": "direct", "confidence": 0.9,
                                         "content": [span(T3, "This is about safety, not politics,")],
                                         "cue": span(T3, "added"), "source": span(T3, "he"), "speaker": None})])
    return [r1, r2, r3]


@pytest.fixture
def db(store_url: str) -> str:
    store = open_store(store_url)
    try:
        with store.write() as connection:
            write_batch(connection, make_run(connection), [new_article(r) for r in corpus()])
    finally:
        store.close()
    return store_url


def query(db: str, function: Any, *args: Any, **kwargs: Any) -> Any:
    store = open_store(db)
    try:
        with store.read() as connection:
            return function(connection, *args, **kwargs)
    finally:
        store.close()


def invoke(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


# -- functions ---------------------------------------------------------------------------------

def test_match_entities(db: str) -> None:
    john = query(db, match_entities, "John Smith")
    assert len(john) == 1
    assert query(db, match_entities, "MINISTER JOHN SMITH") == john
    assert query(db, match_entities, "Jane Smith") != john
    assert len(query(db, match_entities, "Smith")) == 3  # John, Jane and daily-2's bare Smith (two Smiths: unlinked)
    assert query(db, match_entities, "Nobody Here") == []


@pytest.mark.parametrize("filters, expected", [
    ({"speaker": "John Smith"}, [("daily-1", "We will close"), ("herald-7", "We will close")]),
    ({"speaker": "Minister John Smith", "since": "2024-03-08"}, [("daily-1", "We will close")]),
    ({"speaker": "John Smith", "until": "2024-03-07"}, [("herald-7", "We will close")]),
    ({"speaker": "Jane Smith"}, [("daily-1", "the closure")]),
    ({"search": "bridge"}, [("daily-1", "the bridge"), ("daily-1", "We will close"), ("herald-7", "We will close")]),
    ({"search": '"old bridge"', "speaker": "John Smith", "limit": 1}, [("daily-1", "We will close")]),
    ({"about": "Acme"}, [("daily-2", "Acme would"), ("daily-1", "the closure")]),
    ({"about": "Acme", "about_scope": "article", "speaker": "Jane Smith"}, [("daily-1", "the closure")]),
    ({"about": "Acme", "about_scope": "article"}, [("daily-2", "This is"), ("daily-2", "Acme would"),
                                                    ("daily-1", "the bridge"), ("daily-1", "the closure"),
                                                    ("daily-1", "We will close")]),
    # kinds: q2 of daily-1 has none (stored before kinds existed), herald-7's is writing
    ({"kinds": ["writing"]}, [("herald-7", "We will close")]),
    ({"kinds": ["speech"], "speaker": "John Smith"}, [("daily-1", "We will close")]),
    ({"kinds": ["speech", "writing"], "speaker": "John Smith"}, [("daily-1", "We will close"),
                                                                  ("herald-7", "We will close")]),
    ({"kinds": ["thought"]}, []),
    ({"speaker": "Nobody"}, []),
    ({"search": "giraffe"}, []),
])
def test_find_quotes(db: str, filters: dict[str, Any], expected: list[tuple[str, str]]) -> None:
    rows = query(db, find_quotes, **filters)
    assert [(row["article"], row["content"][:len(start)]) for row, (_, start) in zip(rows, expected)] == expected
    assert len(rows) == len(expected)


def test_quote_rows_carry_their_cluster(db: str) -> None:
    rows = query(db, find_quotes, speaker="John Smith")
    assert {row["cluster_id"] for row in rows} == {rows[0]["cluster_id"]}
    assert rows[0]["reports"] == 2 and rows[0]["first_seen"] == "2024-03-07"
    assert rows[0]["time"] == "2024-03-08" and rows[0]["url"] == "https://daily.example/bridge"


def test_top_speakers(db: str) -> None:
    result = query(db, top_speakers)
    assert (result["quotes"], result["attributed"], result["unattributed"], result["anonymous"]) == (6, 5, 1, 1)
    assert result["anonymous_share"] == 0.2
    assert [(s["name"], s["quotes"], s["articles"]) for s in result["speakers"]] == [
        ("John Smith", 2, 2), ("Jane Smith", 1, 1), ("Smith", 1, 1)]


def test_entity_timeline(db: str) -> None:
    ids, timeline = query(db, entity_timeline, "John Smith")
    assert len(ids) == 1
    assert [(item["date"], item["kind"], item["article"]) for item in timeline.items] == [
        ("2024-03-08", "statement", "daily-1"), ("2024-03-11", "event", "daily-1")]
    assert timeline.undated == 1  # herald-7's statement has no time; its event is the ministry's


def test_records_round_trip(db: str) -> None:
    stored = query(db, lambda connection: [s.record for s in iter_records(connection)])
    assert len(stored) == len(corpus())
    for original, back in zip(corpus(), stored):
        a, b = original.to_dict(), back.to_dict()
        for entity in b["entities"]:
            assert isinstance(entity.pop("corpus_id"), int)
        for entity in a["entities"]:  # the store gives every entity a source type and a gender
            entity.setdefault("source_type", "organisation")
            entity.setdefault("gender", None)
            entity.setdefault("gender_evidence", [])
        assert a == b


# -- commands ----------------------------------------------------------------------------------

def test_quotes_command_formats(db: str) -> None:
    text = invoke("quotes", "--db", db, "--speaker", "John Smith")
    assert text.exit_code == 0, text.output
    assert "SPEAKER" in text.output and "John Smith" in text.output and "2 quotes" in text.output
    as_json = json.loads(invoke("quotes", "--db", db, "--search", "bridge", "--format", "json").output)
    assert len(as_json) == 3
    lines = invoke("quotes", "--db", db, "--about", "Acme", "--format", "jsonl").output.splitlines()
    assert [json.loads(line)["article"] for line in lines] == ["daily-2", "daily-1"]
    rows = list(csv.DictReader(io.StringIO(invoke("quotes", "--db", db, "--format", "csv").output)))
    assert len(rows) == 6 and rows[0]["quote_id"]
    kinds = json.loads(invoke("quotes", "--db", db, "--kind", "writing", "--format", "json").output)
    assert [(row["article"], row["kind"]) for row in kinds] == [("herald-7", "writing")]


def test_quotes_min_confidence(db: str) -> None:
    """--min-confidence keeps exactly the quotes at least that sure (weak attributions out)."""
    everything = json.loads(invoke("quotes", "--db", db, "--format", "json").output)
    confidences = sorted(row["confidence"] for row in everything)
    middle = confidences[len(confidences) // 2]
    kept = json.loads(invoke("quotes", "--db", db, "--min-confidence", str(middle), "--format", "json").output)
    assert kept and all(row["confidence"] >= middle for row in kept)
    assert len(kept) == sum(c >= middle for c in confidences)
    assert json.loads(invoke("quotes", "--db", db, "--min-confidence", "1", "--format", "json").output) == [
        row for row in everything if row["confidence"] >= 1.0]


def test_speakers_command(db: str) -> None:
    result = invoke("speakers", "--db", db)
    assert result.exit_code == 0 and "John Smith" in result.output and "20.0% of attributed" in result.output
    data = json.loads(invoke("speakers", "--db", db, "--format", "json").output)
    assert data["anonymous_share"] == 0.2
    assert "John Smith" in invoke("speakers", "--db", db, "--format", "csv").output


def test_timeline_command_from_the_store(db: str) -> None:
    result = invoke("timeline", "--db", db, "--entity", "John Smith")
    assert result.exit_code == 0, result.output
    assert "2024-03-08" in result.output and "2 dated items" in result.output
    items = [json.loads(line) for line in invoke("timeline", "--db", db, "--entity", "John Smith",
                                                 "--format", "jsonl").output.splitlines() if line.startswith("{")]
    assert [item["kind"] for item in items] == ["statement", "event"]
    unknown = invoke("timeline", "--db", db, "--entity", "Nobody")
    assert unknown.exit_code == 1 and "no entity named" in unknown.output


@pytest.mark.parametrize("args, code, message", [
    (["quotes", "--db", "{tmp}/missing.db"], 2, "no store at"),
    (["quotes", "--db", "mysql://x@localhost/db"], 2, "unsupported database"),
    (["quotes", "--db", "postgresql://nobody@127.0.0.1:1/none"], 2, "cannot open the store"),
    (["speakers", "--db", "{tmp}/missing.db"], 2, "no store at"),
    (["quotes", "--db", "{db}", "--since", "2024-02-30"], 2, "not a date"),
    (["quotes", "--db", "{db}", "--since", "2024-03-09", "--until", "2024-03-01"], 2, "after --until"),
    (["timeline", "--db", "{db}"], 2, "--entity"),
    (["quotes", "--db", "{db}", "--kind", "belief"], 2, "'belief' is not one of"),
    (["quotes", "--db", "{db}", "--min-confidence", "1.5"], 2, "is not in the range"),
    (["export", "--db", "{tmp}/missing.db", "--format", "jsonl", "-o", "{tmp}/out"], 2, "no store at"),
])
def test_errors(db: str, tmp_path: Path, args: list[str], code: int, message: str) -> None:
    result = CliRunner().invoke(main, [a.format(tmp=tmp_path, db=db) for a in args])
    assert result.exit_code == code, result.output
    assert message in result.output


def test_not_a_store(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    result = CliRunner().invoke(main, ["quotes", "--db", str(empty)])
    assert result.exit_code == 2 and "not a quotegraph store" in result.output


# -- export ------------------------------------------------------------------------------------

def test_export_jsonl_csv_brat(db: str, tmp_path: Path) -> None:
    assert invoke("export", "--db", db, "--format", "jsonl", "-o", str(tmp_path / "j")).exit_code == 0
    records = [json.loads(line) for line in (tmp_path / "j" / "records.jsonl").read_text().splitlines()]
    assert [r["id"] for r in records] == ["daily-1", "herald-7", "daily-2"]
    assert records[0]["quotes"][0]["speaker"] == {"entity": "e0", "name": "John Smith"}
    assert invoke("export", "--db", db, "--format", "csv", "-o", str(tmp_path / "c")).exit_code == 0
    assert len((tmp_path / "c" / "quotes.csv").read_text().splitlines()) == 1 + 6
    assert invoke("export", "--db", db, "--format", "brat", "-o", str(tmp_path / "b")).exit_code == 0
    assert (tmp_path / "b" / "daily-1.txt").read_text() == T1
    assert "Attribution:" in (tmp_path / "b" / "daily-1.ann").read_text()


def test_export_web_annotation_selectors_point_at_the_text(db: str, tmp_path: Path) -> None:
    result = invoke("export", "--db", db, "--format", "webannotation", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    collection = json.loads((tmp_path / "annotations.jsonld").read_text())
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection"
    annotations = collection["first"]["items"]
    assert collection["total"] == len(annotations) == 6
    texts = {"https://daily.example/bridge": T1, "https://daily.example/appeal": T3}
    sources = set()
    for annotation in annotations:
        assert annotation["type"] == "Annotation" and annotation["body"][0]["purpose"] == "describing"
        for target in annotation["target"]:
            source = target["source"]
            sources.add(source)
            text = texts.get(source, T2)
            quote, position = target["selector"]
            assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
            start, end = position["start"], position["end"]
            assert text[start:end] == quote["exact"]
            assert text[:start].endswith(quote["prefix"]) and text[end:].startswith(quote["suffix"])
            assert len(quote["prefix"]) == min(32, start)
            assert text.count(quote["prefix"] + quote["exact"] + quote["suffix"]) == 1
    assert any(s.startswith("urn:quotegraph:article:") for s in sources)  # herald-7 has no URL
    first = annotations[0]
    assert first["body"][0]["value"] == "direct quote; speaker: John Smith; cue: told; addressee: reporters"
    assert first["quotegraph"]["speaker"] == {"entity": "e0", "name": "John Smith"}


# the constants that make each full-text plan the one taken on this small corpus
PLANS = {
    "walk": {"FTS_SORT_MIN": 1, "FTS_WALK_RATIO": 0, "FTS_PROBE_RATIO": 10**12},
    "probe": {"FTS_SORT_MIN": 1, "FTS_WALK_RATIO": 0, "FTS_PROBE_RATIO": 0},
}


@pytest.mark.parametrize("plan", sorted(PLANS))
def test_full_text_plans_agree(db: str, plan: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The walking and probing plans (more matches, SQLite) find what the sorting plan
    (few matches) finds: alone, with a speaker, a date, a later page and kinds."""
    from quotegraph.store import queries
    from quotegraph.store.search import fts5_query

    if db.startswith("postgresql"):
        pytest.skip("PostgreSQL has one full-text plan")
    asked = [{"search": "bridge"}, {"search": "bridge -closure", "since": "2024-03-08"},
             {"search": "bridge", "speaker": "John Smith"}, {"search": "bridge", "limit": 1, "offset": 1},
             {"search": '"old bridge"', "speaker": "Smith"}, {"search": "bridge", "kinds": ["speech", "writing"]}]
    sorted_rows = [query(db, find_quotes, **filters) for filters in asked]
    assert sorted_rows[0] and sorted_rows[2] and sorted_rows[3]
    for name, value in PLANS[plan].items():
        monkeypatch.setattr(queries, name, value)
    for speaker_ids in (None, query(db, match_entities, "John Smith")):
        assert query(db, queries._fts_plan, fts5_query("bridge"), 50, 0, speaker_ids) == plan
    assert [query(db, find_quotes, **filters) for filters in asked] == sorted_rows


@pytest.mark.parametrize("filters", [
    {"search": "bridge"}, {"search": "bridge -closure", "since": "2024-03-08"},
    {"search": "bridge", "kinds": ["speech", "writing"]}, {"search": "bridge", "min_confidence": 0.99},
    {"search": "bridge", "about": "Acme", "about_scope": "article"}, {"search": "bridge", "speaker": "John Smith"},
    {"search": "giraffe"}, {"speaker": "John Smith"},
])
@pytest.mark.parametrize("limit", [1, 2, 50])
def test_unordered_ids_are_as_many_of_the_same_matches(db: str, filters: dict[str, Any], limit: int) -> None:
    """What the web app's search counts with (ids_only, unordered): as many ids as the
    ordered rows up to `limit`, each one of the quotes that match."""
    every = {row["quote_id"] for row in query(db, find_quotes, limit=None, **filters)}
    ordered = query(db, find_quotes, limit=limit, **filters)
    ids = query(db, find_quotes, limit=limit, ids_only=True, unordered=True, **filters)
    assert len(ids) == len(ordered) == min(limit, len(every))
    assert set(ids) <= every and len(set(ids)) == len(ids)
