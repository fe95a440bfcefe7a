"""A small corpus for the sources report (`quotegraph sources`, /sources): records whose
speakers carry a source type and, some, a gender with its evidence, written into a store
through the store's own write path (write_batch: article rows, corpus entities, person
linking and the corpus-level gender of store/profiles.py).

CORPUS, at the default confidence threshold (0.5), counts by hand:

    outlet           month     statements  female  male  unknown   speakers
    herald.example   2024-03   5           2       1     2         3 (Kowalski, Ortiz, Officials)
    gazette.example  2024-04   4           1       0     3         4
    none (no URL)    undated   2           0       1     1         2 (Ortiz, Jane Doe)

Kowalski's gender is signalled in the herald article only ("Ms."): her gazette statement is
female through the corpus entity. One herald statement by Ortiz is weak (0.3): counted only
with min_confidence 0. One herald statement has no speaker.
"""
from __future__ import annotations

from typing import Any, Sequence

from quotegraph.record import Record

# entity: (name, label, source type, gender in this article, honorific that signals it)
KOWALSKI = ("Anna Kowalski", "PERSON", "person", "female", "Ms.")
KOWALSKI_UNSIGNALLED = ("Anna Kowalski", "PERSON", "person", None, None)
ORTIZ = ("Ben Ortiz", "PERSON", "person", "male", "Mr.")
OFFICIALS = ("Officials", "GROUP", "group", None, None)
SENIOR_OFFICIAL = ("a senior official", "PERSON", "anonymous", None, None)
REPORT = ("the report", "GROUP", "document", None, None)
REUTERS = ("Reuters", "ORG", "organisation", None, None)
JANE = ("Jane Doe", "PERSON", "person", None, None)

# (id, url, published, entities, quotes: (entity index or None, content, confidence))
CORPUS: list[tuple[str, str | None, str | None, Sequence[tuple], Sequence[tuple]]] = [
    ("herald-1", "https://herald.example/bridge", "2024-03-08", [KOWALSKI, ORTIZ, OFFICIALS], [
        (0, "The bridge will wait", 0.9), (0, "We need more time", 0.9), (1, "The bridge is safe", 0.9),
        (1, "the problem", 0.3), (2, "Traffic is banned", 0.8), (None, "Nobody knows", 0.7)]),
    ("gazette-1", "https://www.Gazette.example/news?id=1", "2024-04-02",
     [KOWALSKI_UNSIGNALLED, SENIOR_OFFICIAL, REPORT, REUTERS], [
        (0, "The bridge vote is off", 0.9), (1, "The mayor is wrong", 0.6), (2, "Costs doubled", 0.9),
        (3, "Shares fell", 0.9)]),
    ("letter-1", None, None, [ORTIZ, JANE], [(0, "Budgets are tight", 0.9), (1, "The bridge is pretty", 0.9)]),
]


def sourced_record(record_id: str, url: str | None, published: str | None, entities: Sequence[tuple],
                   quotes: Sequence[tuple]) -> Record:
    """A record whose text introduces each entity (after its honorific, if any) and then
    holds each quote, '"content," Name said.', every span pointing into the text."""
    parts: list[str] = []

    def put(text: str) -> dict[str, Any]:
        start = sum(map(len, parts))
        parts.append(text)
        return {"start": start, "end": start + len(text), "text": text}

    out_entities = []
    for index, (name, label, source_type, gender, honorific) in enumerate(entities):
        evidence = []
        if honorific:
            evidence.append({"kind": "honorific", "gender": gender, **put(honorific)})
            put(" ")
        mention = put(name)
        put(" was there. ")
        out_entities.append({"id": f"e{index}", "name": name, "label": label, "titles": [], "affiliations": [],
                             "source_type": source_type, "gender": gender, "gender_evidence": evidence,
                             "mentions": [mention]})
    out_quotes = []
    for index, (who, content, confidence) in enumerate(quotes):
        put('"')
        content_span = put(content)
        put(',"  ')
        source = put(entities[who][0] if who is not None else "someone")
        put(" said. ")
        out_quotes.append({"id": f"q{index}", "type": "direct", "content": [content_span], "cue": None,
                           "source": source if who is not None else None,
                           "speaker": {"entity": f"e{who}", "name": entities[who][0]} if who is not None else None,
                           "addressee": None, "time": None, "kind": "speech", "confidence": confidence})
    return Record.from_dict({"id": record_id, "title": record_id, "published": published, "url": url,
                             "text": "".join(parts), "quotes": out_quotes, "entities": out_entities,
                             "times": [], "events": []})


def write_corpus(db: str, corpus: Sequence[tuple] = CORPUS) -> None:
    """The records of `corpus` written into the store at `db` by the store's write path."""
    import datetime as dt

    from quotegraph.store import open_store, schema
    from quotegraph.store.write import NewArticle, article_key, write_batch

    store = open_store(db)
    try:
        with store.write() as connection:
            run = connection.execute(schema.runs.insert().returning(schema.runs.c.id), {
                "started": dt.datetime.now(dt.timezone.utc), "quotegraph_version": "test", "spacy_version": "test",
                "model_name": "none"}).scalar_one()
            records = [sourced_record(*item) for item in corpus]
            write_batch(connection, run, [NewArticle(key=article_key(r.url or r.id, r.text), source=r.url or r.id,
                                                     record=r) for r in records])
    finally:
        store.close()
