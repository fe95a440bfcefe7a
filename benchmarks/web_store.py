"""A realistic store for the web benchmark (bench_web.py --store realistic): records shaped as
the extraction writes them, stored by the real writer (store/write.py's write_batch: corpus
entities linked across articles, statement clusters, FTS), without running the pipeline.

Articles come in three shapes, drawn at random:

  news         ~2.5 kB, five statements (most dated: "on Monday"), three events with
               participants, entity mentions
  quote-dense  one in 40: 200 statements, a transcript or a live blog
  long         one in 250: ~1,000 paragraphs (~250 kB) of statements, events and prose

Speakers are drawn from a Zipf-like distribution (a few quoted tens of thousands of times),
and every event has a common group among its participants ("officials", "police", "the
council", "residents"), so /timeline?entity=officials reaches thousands of articles.

Two ways to store them, giving the same store (tests/store/test_web_store_bulk.py compares
them table by table and query by query on a small one):

  build(..., bulk=False)  the real writer, write_batch per batch of `batch` articles, as
                          `quotegraph ingest` stores. Its pace falls as the store grows:
                          each batch's statement clusters are matched against every
                          stored cluster of its speakers that shares a MinHash value with
                          any statement of the batch, and with this corpus's vocabulary
                          (a Zipf draw of 5,000 words) that is a share of the whole store
                          (about 1,000 statements/s on an empty store, 130-180/s at 90,000).
  build(..., bulk=True)   the bulk path of `quotegraph load` (store/bulk.py): persons linked
                          once for all the articles (link_new_persons), the other entities
                          created, articles written a part at a time with the secondary
                          indexes built after, genders refreshed, then statement clusters
                          in the writer's batches and order, in memory (PrefixClusterIndex
                          below: bulk_clusters' ClusterIndex, the rule match_clusters
                          applies, with each batch's candidates cut to those that can
                          win), written once. Records are drawn twice from the seed (names
                          first, then rows), so memory holds one part at a time.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import math
import random
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from quotegraph.record import ArticleEntity, Event, Quote, Record, Speaker, TimeExpression
from quotegraph.store import open_store, schema
from quotegraph.store.bulk import (
    ArticleNames,
    build_indexes,
    create_named_entities,
    drop_bulk_indexes,
    link_new_persons,
    loaded_quotes,
    write_part,
)
from quotegraph.store.bulk_clusters import ClusterIndex, write_clusters
from quotegraph.store.clusters import (
    MINHASHES,
    SIMILARITY,
    Prepared,
    _Cluster,
    length_window,
)
from quotegraph.store.profiles import block_entity_ids, refresh_genders, run_entity_ids
from quotegraph.store.write import NewArticle, write_batch
from quotegraph.text.spans import Span

SEED = 20261207
GROUPS = ("Officials", "Police", "The council", "Residents")
EVENT_VERBS = ("announced", "approved", "rejected", "inspected", "visited", "closed", "opened", "delayed")
NOUNS = ("bridge", "budget", "station", "school", "hospital", "plan", "contract", "road", "park", "report")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
FIRST = ("James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard Susan "
         "Joseph Jessica Thomas Sarah Charles Karen Daniel Nancy Matthew Betty Anthony Sandra Mark Ashley").split()
SYLLABLES = "ka lo mi ne ra to su vi de an el or is un ba co fe gu hi jo".split()


class _Text:
    """An article's text, written piece by piece, giving back each piece's span."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, piece: str) -> Span:
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return Span(start, self.length, piece)

    def value(self) -> str:
        return "".join(self.parts)


class Builder:
    """Records of the three shapes (the module's docstring), deterministic from SEED."""

    def __init__(self, speakers: int) -> None:
        self.rng = random.Random(SEED)
        words = {"".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(1, 4))) for _ in range(8000)}
        self.vocabulary = sorted(words)[:5000]
        self.rng.shuffle(self.vocabulary)
        self.word_cum = list(itertools.accumulate(1.0 / rank for rank in range(1, len(self.vocabulary) + 1)))
        surnames = sorted({"".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 4))).capitalize()
                           for _ in range(speakers)})
        people = sorted({f"{self.rng.choice(FIRST)} {self.rng.choice(surnames)}" for _ in range(speakers * 2)})
        self.people = people[:speakers]
        self.rng.shuffle(self.people)
        self.people_cum = list(itertools.accumulate(1.0 / rank for rank in range(1, len(self.people) + 1)))
        self.said: dict[str, str] = {}

    def shingle_order(self) -> Callable[[tuple[str, ...]], Any]:
        """A sort key of content shingles, rarest first by the words' ranks (PrefixClusterIndex)."""
        rank = {word: number for number, word in enumerate(self.vocabulary, 1)}
        unknown = len(rank) + 1
        return lambda shingle: (-math.prod(rank.get(word, unknown) for word in shingle), shingle)

    def _statement(self, who: str) -> str:
        """A new statement's words, or (one in ten) the speaker's last one reported again,
        as another outlet would: as it was, or (half the time) with one word changed."""
        said = self.said.get(who)
        if said is not None and self.rng.random() < 0.1:
            if self.rng.random() < 0.5:
                words = said.split()
                words[self.rng.randrange(len(words))] = self.rng.choice(self.vocabulary)
                said = " ".join(words)
            return said
        self.said[who] = self._words(8, 30)
        return self.said[who]

    def _words(self, low: int, high: int) -> str:
        return " ".join(self.rng.choices(self.vocabulary, cum_weights=self.word_cum, k=self.rng.randint(low, high)))

    def record(self, number: int) -> Record:
        shape = self.rng.random()
        paragraphs = 1_000 if shape < 1 / 250 else 200 if shape < 1 / 40 + 1 / 250 else 8
        published = dt.date(2022, 1, 1) + dt.timedelta(days=self.rng.randrange(3 * 365))
        text = _Text()
        entities: dict[str, dict[str, Any]] = {}
        quotes: list[Quote] = []
        times: list[dict[str, Any]] = []
        events: list[dict[str, Any]] = []

        def entity(name: str, label: str, mention: Span) -> str:
            found = entities.setdefault(name, {"id": f"e{len(entities)}", "name": name, "label": label,
                                               "collective": label != "PERSON", "mentions": []})
            found["mentions"].append(mention.to_dict())
            return found["id"]

        def when() -> str:
            day = self.rng.randrange(7)
            text.add(" on ")
            span = text.add(WEEKDAYS[day])
            value = published - dt.timedelta(days=(published.weekday() - day) % 7)
            times.append({"id": f"t{len(times)}", **span.to_dict(), "type": "DATE", "value": value.isoformat()})
            return times[-1]["id"]

        for paragraph in range(paragraphs):
            kind = paragraph % 3 if paragraphs > 8 else (0, 0, 1, 0, 2, 0, 1, 0)[paragraph]
            if paragraph:
                text.add("\n\n")
            if kind == 0 or paragraphs == 200:  # a statement
                who = self.people[self.rng.choices(range(len(self.people)), cum_weights=self.people_cum)[0]]
                text.add("\u201c")
                content = text.add(self._statement(who).capitalize() + ",")
                text.add("\u201d ")
                source = text.add(who)
                text.add(" ")
                cue = text.add("said")
                time_id = when() if self.rng.random() < 0.8 else None
                text.add(".")
                quotes.append(Quote(type="direct", content=[content], cue=cue, source=source,
                                    speaker=Speaker(who, entity(who, "PERSON", source)), time=time_id,
                                    confidence=round(self.rng.uniform(0.55, 0.99), 2), id=f"q{len(quotes)}",
                                    kind="speech"))
            elif kind == 1:  # an event a group took part in
                sentence_start = text.length
                group = self.rng.choice(GROUPS)
                agent = text.add(group)
                text.add(" ")
                trigger = text.add(self.rng.choice(EVENT_VERBS))
                text.add(f" the {self.rng.choice(NOUNS)}")
                time_id = when()
                text.add(".")
                sentence = Span(sentence_start, text.length, text.value()[sentence_start:])
                events.append({"id": f"ev{len(events)}", "trigger": trigger.to_dict(), "time": time_id,
                               "date": times[-1]["value"], "relation": None, "negated": False,
                               "participants": [{"entity": entity(group, "ORG", agent), "role": "agent"}],
                               "sentence": sentence.to_dict()})
            else:  # prose
                text.add(self._words(20, 60).capitalize() + ".")
        return Record(text=text.value(), id=f"r{number}", title=f"The {self.rng.choice(NOUNS)}: {self._words(3, 7)}",
                      published=published.isoformat(), url=f"https://news{number % 40}.example/{number}",
                      quotes=quotes, entities=[ArticleEntity.from_dict(e) for e in entities.values()],
                      times=[TimeExpression.from_dict(t) for t in times], events=[Event.from_dict(e) for e in events])


class PrefixClusterIndex(ClusterIndex):
    """ClusterIndex giving match_clusters only the candidates that can win: the same clusters.

    ClusterIndex (like clusters.candidates in the table) gives each batch every cluster of
    its speakers that shares a MinHash value or content with any statement of the batch;
    on this corpus that is a share of the whole store, and matching each statement against
    its speaker's share of it (the busiest speaker has a tenth of the store) made a build
    quadratic. A statement only joins a cluster of its speaker with the same content or a
    Jaccard similarity of at least SIMILARITY; by the prefix-filter principle of similarity
    joins, two sets that similar share an element among the first n - ceil(SIMILARITY x n) + 1
    of each (n its size, the elements in one fixed order), so each cluster is indexed by
    that prefix of its shingles (one element longer, against rounding) and the candidates
    of a statement are the clusters its own prefix finds, kept where ClusterIndex would have
    put them in the pool. Every cluster that could win is still offered, in pool order, so
    match_clusters picks the same one. `order`: the shingles' sort key (rarest first keeps
    the lists short); any fixed order gives the same clusters.
    """

    def __init__(self, order: Callable[[tuple[str, ...]], Any] | None = None) -> None:
        super().__init__()
        self.order = order or (lambda shingle: shingle)
        self.postings: dict[tuple[Any, tuple[str, ...]], list[_Cluster]] = defaultdict(list)
        self.by_key: dict[tuple[Any, str], list[_Cluster]] = defaultdict(list)

    def _prefix(self, shingle_set: frozenset) -> list[tuple[str, ...]]:
        n = len(shingle_set)
        keep = min(n, n - math.ceil(SIMILARITY * n) + 2)
        return sorted(shingle_set, key=self.order)[:keep]

    def _add(self, cluster: _Cluster, row: dict[str, Any]) -> None:
        super()._add(cluster, row)
        for who in _whos(cluster.entity_id, cluster.speaker_key):
            self.by_key[(who, cluster.content_key)].append(cluster)
            for shingle in self._prefix(cluster.shingles):
                self.postings[(who, shingle)].append(cluster)

    def _candidates(self, quote_rows: Sequence[dict[str, Any]], prepared: Sequence[Prepared]) -> list[_Cluster]:
        found: dict[int, _Cluster] = {}
        spoken = [p for row, p in zip(quote_rows, prepared) if row.get("speaker_entity_id") is not None or p[3]]
        keys = {p[1] for p in spoken}
        hashes = [{p[4][i] for p in spoken} for i in range(MINHASHES)]
        lows, highs = zip(*(length_window(len(p[0])) for p in prepared))
        low, high = min(lows), max(highs)
        for row, p in zip(quote_rows, prepared):
            entity_id = row.get("speaker_entity_id")
            if entity_id is None and not p[3]:  # speakerless: the speakerless clusters of its content
                for cluster in self.by_content.get(p[1], ()):
                    if cluster.entity_id is None and cluster.speaker_key is None:
                        found[cluster.id] = cluster  # type: ignore[index]
                continue
            prefix = self._prefix(p[2])
            for who in _whos(entity_id, p[3]):
                offered = list(self.by_key.get((who, p[1]), ()))
                for shingle in prefix:
                    offered += self.postings.get((who, shingle), ())
                for cluster in offered:
                    # in ClusterIndex's pool: its speaker is this batch's (it is this quote's),
                    # its length within the batch's, its content or a MinHash value the batch's
                    if cluster.id not in found and low <= cluster.n_tokens <= high and (
                            cluster.content_key in keys
                            or any(cluster.minhashes[i] in hashes[i] for i in range(MINHASHES))):
                        found[cluster.id] = cluster  # type: ignore[index]
        return [found[i] for i in sorted(found)]


def _whos(entity_id: int | None, speaker_key: str | None) -> list[tuple[str, Any]]:
    """The speaker keys a cluster or statement is matched by: its entity, its name."""
    return ([("entity", entity_id)] if entity_id is not None else []) + ([("name", speaker_key)] if speaker_key else [])


def _item(record: Record) -> NewArticle:
    return NewArticle(hashlib.sha256(record.id.encode()).hexdigest(), record.url or "", record)


def _records(speakers: int, quotes: int) -> Iterator[Record]:
    """Builder's records, in order, until they hold at least `quotes` statements."""
    builder = Builder(speakers)
    made = number = 0
    while made < quotes:
        record = builder.record(number)
        number += 1
        made += len(record.quotes)
        yield record


def build(path: Path, *, quotes: int, speakers: int = 20_000, batch: int = 200, bulk: bool = False,
          part: int = 2_000) -> dict[str, Any]:
    """A store at `path` of about `quotes` statements in records from Builder; its meta (also
    written beside it as PATH.json): counts, vocabulary and people by how often quoted.
    bulk: through the bulk path (the module's docstring), `part` articles a transaction;
    `batch`: articles per write_batch (or, bulk, per clustering batch)."""
    path.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    store = open_store(str(path))
    started = time.perf_counter()
    now = dt.datetime.now(dt.timezone.utc)
    with store.write() as connection:
        run_id = connection.execute(schema.runs.insert().returning(schema.runs.c.id), {
            "started": now, "quotegraph_version": "bench", "spacy_version": "bench",
            "model_name": "synthetic", "command": "bench_web realistic"}).scalar_one()
    if bulk:
        made, articles = _bulk(store, run_id, now, quotes=quotes, speakers=speakers, batch=batch, part=part)
    else:
        made, articles = _written(store, run_id, quotes=quotes, speakers=speakers, batch=batch)
    with store.write() as connection:
        connection.exec_driver_sql("ANALYZE")
    store.close()
    seconds = time.perf_counter() - started
    print(f"\rbuilt {made:,} quotes in {articles:,} articles in {seconds:.0f}s ({made / seconds:.0f} quotes/s, "
          f"{'bulk' if bulk else 'write_batch'}) -> {path}", file=sys.stderr)
    builder = Builder(speakers)
    meta = {"quotes": made, "articles": articles, "speakers": len(builder.people), "seed": SEED, "shape": "realistic",
            "vocabulary": builder.vocabulary[:2000], "people": builder.people, "groups": list(GROUPS),
            "built_by": "bulk" if bulk else "write_batch", "build_seconds": round(seconds, 1)}
    Path(str(path) + ".json").write_text(json.dumps(meta))
    return meta


def _progress(stage: str, done: int, started: float) -> None:
    print(f"\r{stage}: {done:,} in {time.perf_counter() - started:.0f}s", end="", file=sys.stderr, flush=True)


def _written(store: Any, run_id: int, *, quotes: int, speakers: int, batch: int) -> tuple[int, int]:
    """The real writer: write_batch per `batch` records."""
    made = articles = 0
    started = time.perf_counter()
    records = _records(speakers, quotes)
    while chunk := list(itertools.islice(records, batch)):
        articles += len(chunk)
        with store.write() as connection:
            made += write_batch(connection, run_id, [_item(r) for r in chunk]).quotes
        _progress("building (write_batch): quotes", made, started)
    return made, articles


def _bulk(store: Any, run_id: int, now: dt.datetime, *, quotes: int, speakers: int, batch: int,
          part: int) -> tuple[int, int]:
    """The bulk path (the module's docstring): load.load_records' stages on Builder's records."""
    started = time.perf_counter()
    order = Builder(speakers).shingle_order()
    names = [ArticleNames(item.key, item.record.published, item.record.url,
                          [entity.to_dict() for entity in item.record.entities])
             for item in map(_item, _records(speakers, quotes))]
    _progress("bulk: articles named", len(names), started)
    with store.write() as connection:
        persons = link_new_persons(connection, names, run_id=run_id, now=now)
        create_named_entities(connection, names, run_id=run_id, now=now)
        drop_bulk_indexes(connection)
    _progress("bulk: persons linked", len(persons), started)
    keys = [article.key for article in names]
    surnames = [link.surname for link in persons.values()]
    del names
    made = 0
    records = _records(speakers, quotes)
    while chunk := list(itertools.islice(records, part)):
        with store.write() as connection:
            made += write_part(connection, [_item(r) for r in chunk], (), persons, run_id=run_id, now=now).quotes
        _progress("bulk: quotes written", made, started)
    del persons
    with store.write() as connection:
        build_indexes(connection)
        refresh_genders(connection, run_entity_ids(connection, run_id) | block_entity_ids(connection, surnames))
    _progress("bulk: indexed", made, started)
    index, pairs = PrefixClusterIndex(order), []
    for start in range(0, len(keys), batch):
        with store.read() as connection:
            found = loaded_quotes(connection, keys[start:start + batch])
        rows = [row for key in keys[start:start + batch] for row in found.get(key, ())]
        index.assign(rows, [row["published"] for row in rows], now=now)
        pairs += [(row["id"], row["cluster_id"]) for row in rows]
        _progress("bulk: quotes clustered", len(pairs), started)
    with store.write() as connection:
        write_clusters(connection, index, pairs)
    return made, len(keys)
