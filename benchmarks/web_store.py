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
"""
from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

from quotegraph.record import Quote, Record, Speaker
from quotegraph.spans import Span
from quotegraph.store import open_store, schema
from quotegraph.store.write import NewArticle, write_batch

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
                content = text.add(self._words(8, 30).capitalize() + ",")
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
                      quotes=quotes, entities=list(entities.values()), times=times, events=events)


def build(path: Path, *, quotes: int, speakers: int = 20_000, batch: int = 200) -> dict[str, Any]:
    """A store at `path` of about `quotes` statements in records from Builder; its meta (also
    written beside it as PATH.json): counts, vocabulary and people by how often quoted."""
    path.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    builder = Builder(speakers)
    store = open_store(str(path))
    started = time.perf_counter()
    made = articles = 0
    with store.write() as connection:
        run_id = connection.execute(schema.runs.insert().returning(schema.runs.c.id), {
            "started": dt.datetime.now(dt.timezone.utc), "quotegraph_version": "bench", "spacy_version": "bench",
            "model_name": "synthetic", "command": "bench_web realistic"}).scalar_one()
    while made < quotes:
        records = [builder.record(articles + n) for n in range(batch)]
        articles += len(records)
        items = [NewArticle(hashlib.sha256(r.id.encode()).hexdigest(), r.url or "", r) for r in records]
        with store.write() as connection:
            made += write_batch(connection, run_id, items).quotes
        print(f"\rbuilding: {made:,} quotes in {articles:,} articles", end="", file=sys.stderr, flush=True)
    with store.write() as connection:
        connection.exec_driver_sql("ANALYZE")
    store.close()
    print(f"\rbuilt {made:,} quotes in {articles:,} articles in {time.perf_counter() - started:.0f}s -> {path}",
          file=sys.stderr)
    meta = {"quotes": made, "articles": articles, "speakers": len(builder.people), "seed": SEED, "shape": "realistic",
            "vocabulary": builder.vocabulary[:2000], "people": builder.people, "groups": list(GROUPS)}
    Path(str(path) + ".json").write_text(json.dumps(meta))
    return meta
