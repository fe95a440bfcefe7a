"""Two `quotegraph ingest` processes started together on one store, with overlapping
inputs, end with each article once and no duplicate persons or statement clusters."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa
from support.store import write_jsonl

from quotegraph.store import open_store, schema

PEOPLE = ["Maria Lopez", "John Smith", "Aisha Khan", "Peter Novak"]


def _articles(first: int, last: int) -> list[dict]:
    rows = []
    for n in range(first, last):
        name = PEOPLE[n % len(PEOPLE)]
        surname = name.split()[-1]
        rows.append({"id": f"art{n}", "published": f"2024-03-{n + 1:02d}", "text": (
            f'"We will reopen the port number {n % 3} next week," Governor {name} told reporters on Friday. '
            f'{surname} said the strike had cost the city dearly. "It is over," {surname} added.')})
    return rows


def _start(inputs: Path, db: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).resolve().parents[2] / "src"),
                                                         os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen([sys.executable, "-m", "quotegraph", "ingest", str(inputs), "--db", db,
                             "--attribution", "rules", "--batch-size", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def test_two_ingests_with_overlapping_inputs(store_url: str, tmp_path: Path) -> None:
    one = write_jsonl(tmp_path / "one.jsonl", _articles(0, 12))
    two = write_jsonl(tmp_path / "two.jsonl", _articles(6, 18))
    open_store(store_url).close()  # migrated once, so both processes start writing at once
    processes = [_start(one, store_url), _start(two, store_url)]
    outputs = [p.communicate(timeout=600) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    store = open_store(store_url)
    try:
        with store.read() as connection:
            count = lambda table: connection.scalar(sa.select(sa.func.count()).select_from(table))  # noqa: E731
            e, c, q = schema.entities, schema.quote_clusters, schema.quotes
            persons = connection.execute(sa.select(e.c.name).where(e.c.label == "PERSON",
                                                                   e.c.source_type == "person")).scalars().all()
            keys = connection.execute(sa.select(c.c.speaker_key, c.c.content_key, sa.func.count())
                                      .group_by(c.c.speaker_key, c.c.content_key)).all()
            counts = {"articles": count(schema.articles), "quotes": count(q), "clusters": count(c),
                      "persons": len(persons), "runs": count(schema.runs)}
            clustered = connection.scalar(sa.select(sa.func.sum(c.c.quote_count)))
            quotes_per_article = set(connection.execute(sa.select(sa.func.count()).select_from(q)
                                                        .group_by(q.c.article_id)).scalars())
    finally:
        store.close()
    print(json.dumps(counts), *(out.strip() for out, _ in outputs), sep="\n")  # the counts, for the record
    assert counts["articles"] == 18 and counts["runs"] == 2
    assert sorted(persons) == sorted(PEOPLE)  # each person once, whichever process stored them
    assert all(n == 1 for *_, n in keys)  # no statement twice
    assert clustered == counts["quotes"] and len(quotes_per_article) == 1
