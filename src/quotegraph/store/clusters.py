"""Statement clusters: the same statement reported by several outlets is one cluster.

The writer calls `assign_clusters` on each batch's quote rows before inserting them, so
every stored quote has a `cluster_id`. When a quote joins a cluster (same speaker,
near-identical content, candidates found by MinHash): docs/store.md, "Statement clusters".
"""
from __future__ import annotations

import datetime as dt
import hashlib
import struct
from dataclasses import dataclass
from typing import Any, Sequence

import sqlalchemy as sa

from ..entities.names import normal_words, person_tokens
from . import schema

SIMILARITY = 0.8
SHINGLE = 2
MINHASHES = 4
# A digest as its MINHASHES big-endian 8-byte integers (one C call, not a slice each)
_SLICES = struct.Struct(f">{MINHASHES}Q").unpack


def content_tokens(content: str) -> list[str]:
    return normal_words(content)


def content_key(tokens: Sequence[str]) -> str:
    return hashlib.sha256(" ".join(tokens).encode("utf-8")).hexdigest()


def shingles(tokens: Sequence[str], size: int = SHINGLE) -> frozenset[tuple[str, ...]]:
    if len(tokens) < size:
        return frozenset({tuple(tokens)}) if tokens else frozenset()
    return frozenset(tuple(tokens[i:i + size]) for i in range(len(tokens) - size + 1))


def minhashes(shingle_set: frozenset[tuple[str, ...]]) -> tuple[int, ...]:
    """`MINHASHES` MinHash values of a shingle set (63-bit, so they fit a signed BIGINT): the
    least of each 8-byte slice of the shingles' blake2b digests."""
    if not shingle_set:
        return (0,) * MINHASHES
    blake2b = hashlib.blake2b
    slices = zip(*[_SLICES(blake2b(" ".join(s).encode("utf-8"), digest_size=8 * MINHASHES).digest())
                   for s in shingle_set])
    return tuple(min(values) >> 1 for values in slices)


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def cluster_key(speaker: str | None, entity_id: int | None, content: str) -> str:
    """A cluster's unique key: its first quote's speaker (name key, else entity) and content
    key. Two clusters never share it: a quote with the same speaker and content joins."""
    who = speaker if speaker else (f"#{entity_id}" if entity_id is not None else "")
    return hashlib.sha256(f"{who}\x00{content}".encode("utf-8")).hexdigest()


def speaker_key(name: str | None) -> str | None:
    """The normalised speaker name ("President Joe Biden" -> "joe biden"), None when none."""
    tokens = person_tokens(name or "")
    return " ".join(tokens) or None


def length_window(n: int) -> tuple[int, int]:
    """Token counts a content of `n` tokens can share a cluster with: Jaccard >= SIMILARITY
    needs the smaller shingle set to be at least SIMILARITY times the larger."""
    shingles_n = max(n - SHINGLE + 1, 1)
    low = int(shingles_n * SIMILARITY) + SHINGLE - 1
    high = int(shingles_n / SIMILARITY) + SHINGLE
    return max(low - 1, 0), high


@dataclass
class _Cluster:
    id: int | None
    entity_id: int | None
    speaker_key: str | None
    content_key: str
    shingles: frozenset
    first_seen: dt.date | None
    n_tokens: int = 0
    count: int = 0  # quotes added by this batch
    new_index: int | None = None
    minhashes: tuple[int, ...] = ()  # (kept by the in-memory index of bulk loading)


# (tokens, content key, shingles, speaker key, MinHash values) of one quote
Prepared = tuple[list[str], str, frozenset, "str | None", tuple[int, ...]]


def _similarity(tokens_key: str, shingle_set: frozenset, cluster: _Cluster) -> float:
    if cluster.content_key == tokens_key:
        return 1.0
    return jaccard(shingle_set, cluster.shingles)


def candidates(connection: sa.Connection, quote_rows: Sequence[dict[str, Any]],
               prepared: Sequence[Prepared]) -> list["_Cluster"]:
    """The stored clusters that quotes (`prepared`: tokens, content key, shingles, speaker
    key and MinHash values of each) may join: same speaker, a length that can reach the threshold, and the
    same content key or a MinHash value in common; or, for a speakerless quote, the
    speakerless cluster of the same content."""
    table = schema.quote_clusters
    entity_ids = {row["speaker_entity_id"] for row in quote_rows if row.get("speaker_entity_id") is not None}
    names = {p[3] for p in prepared if p[3]}
    lows, highs = zip(*(length_window(len(p[0])) for p in prepared))
    speaker_match = []
    if entity_ids:
        speaker_match.append(table.c.entity_id.in_(sorted(entity_ids)))
    if names:
        speaker_match.append(table.c.speaker_key.in_(sorted(names)))
    conditions = []
    if speaker_match:
        spoken = [p for row, p in zip(quote_rows, prepared) if row.get("speaker_entity_id") is not None or p[3]]
        hashes = [p[4] for p in spoken]
        similar = [table.c.content_key.in_(sorted({p[1] for p in spoken}))]
        for i in range(MINHASHES):
            similar.append(table.c[f"minhash_{i}"].in_(sorted({h[i] for h in hashes})))
        conditions.append(sa.and_(sa.or_(*speaker_match), table.c.n_tokens.between(min(lows), max(highs)),
                                  sa.or_(*similar)))
    speakerless_keys = {p[1] for row, p in zip(quote_rows, prepared)
                        if row.get("speaker_entity_id") is None and not p[3]}
    if speakerless_keys:
        conditions.append(sa.and_(table.c.content_key.in_(sorted(speakerless_keys)), table.c.entity_id.is_(None),
                                  table.c.speaker_key.is_(None)))
    pool: list[_Cluster] = []
    if conditions:
        rows = connection.execute(
            sa.select(table.c.id, table.c.entity_id, table.c.speaker_key, table.c.content_key, table.c.content,
                      table.c.first_seen, table.c.n_tokens).where(sa.or_(*conditions)).order_by(table.c.id))
        for row in rows:
            pool.append(_Cluster(row.id, row.entity_id, row.speaker_key, row.content_key,
                                 shingles(content_tokens(row.content or "")), row.first_seen,
                                 row.n_tokens or 0))
    return pool


def prepare_quotes(quote_rows: Sequence[dict[str, Any]]) -> list[Prepared]:
    """What matching needs of each quote row: tokens, content key, shingles, speaker key, MinHash values."""
    prepared = []
    for row in quote_rows:
        tokens = content_tokens(row["content"])
        shingle_set = shingles(tokens)
        prepared.append((tokens, content_key(tokens), shingle_set, speaker_key(row.get("speaker_name")),
                         minhashes(shingle_set)))
    return prepared


class _PoolIndex:
    """The clusters of a pool by speaker (entity, name) and, for speakerless ones, by content
    key, each in pool order: a quote is only ever matched against its own speaker's clusters,
    and scanning the whole pool for each quote grew with the store (a batch of 200 articles
    took 15 s on a store of 20,000 statements, 11 of them in that scan)."""

    def __init__(self, pool: Sequence["_Cluster"]) -> None:
        self.order: dict[int, int] = {}
        self.by_entity: dict[int, list[_Cluster]] = {}
        self.by_speaker: dict[str, list[_Cluster]] = {}
        self.speakerless: dict[str, list[_Cluster]] = {}
        for cluster in pool:
            self.add(cluster)

    def add(self, cluster: "_Cluster") -> None:
        self.order[id(cluster)] = len(self.order)
        if cluster.entity_id is not None:
            self.by_entity.setdefault(cluster.entity_id, []).append(cluster)
        if cluster.speaker_key is not None:
            self.by_speaker.setdefault(cluster.speaker_key, []).append(cluster)
        if cluster.entity_id is None and cluster.speaker_key is None:
            self.speakerless.setdefault(cluster.content_key, []).append(cluster)

    def of(self, entity_id: int | None, speaker: str | None, key: str) -> list["_Cluster"]:
        """The clusters a quote of this speaker (or, speakerless, of this content) may join,
        in pool order."""
        if entity_id is None and not speaker:
            return self.speakerless.get(key, [])
        by_entity = self.by_entity.get(entity_id, []) if entity_id is not None else []
        by_speaker = self.by_speaker.get(speaker, []) if speaker else []
        if not by_speaker:
            return by_entity
        if not by_entity:
            return by_speaker
        both = {id(c): c for c in by_entity + by_speaker}
        return sorted(both.values(), key=lambda c: self.order[id(c)])


def match_clusters(quote_rows: Sequence[dict[str, Any]], prepared: Sequence[Prepared], dates: Sequence[dt.date | None],
                   pool: list["_Cluster"], *, now: dt.datetime) -> tuple[list[dict[str, Any]], list["_Cluster"]]:
    """The rule, without the database: each quote joins the best cluster of `pool` (the
    candidates, oldest first; clusters it creates are appended), else starts one.
    Returns the new clusters' rows (quote_count and first_seen filled) and each quote's
    cluster; the stored clusters of `pool` have `count` and `first_seen` updated."""
    today = now.date()
    new_rows: list[dict[str, Any]] = []
    members: list[_Cluster] = []
    index = _PoolIndex(pool)
    for row, (tokens, key, shingle_set, speaker, hashes), date in zip(quote_rows, prepared, dates):
        entity_id = row.get("speaker_entity_id")
        best, best_score = None, 0.0
        low, high = length_window(len(tokens))
        for cluster in index.of(entity_id, speaker, key):
            if entity_id is None and not speaker:
                if cluster.entity_id is not None or cluster.speaker_key is not None or cluster.content_key != key:
                    continue
                score = 1.0
            else:
                if not ((entity_id is not None and cluster.entity_id == entity_id)
                        or (speaker and cluster.speaker_key == speaker)):
                    continue
                if cluster.content_key != key and not low <= cluster.n_tokens <= high:
                    continue
                score = _similarity(key, shingle_set, cluster)
                if score < SIMILARITY:
                    continue
            if score > best_score:
                best, best_score = cluster, score
        seen = date or today
        if best is None:
            best = _Cluster(None, entity_id, speaker, key, shingle_set, seen, len(tokens), new_index=len(new_rows),
                            minhashes=hashes)
            new_rows.append({"entity_id": entity_id, "speaker_name": row.get("speaker_name"), "speaker_key": speaker,
                             "content": row["content"], "content_key": key, "n_tokens": len(tokens),
                             "cluster_key": cluster_key(speaker, entity_id, key),
                             **{f"minhash_{i}": value for i, value in enumerate(hashes)},
                             "first_seen": seen, "quote_count": 0, "created": now})
            pool.append(best)
            index.add(best)
        elif best.first_seen is None or seen < best.first_seen:
            best.first_seen = seen
        best.count += 1
        members.append(best)
    for cluster in pool:
        if cluster.new_index is not None:
            new_rows[cluster.new_index].update(quote_count=cluster.count, first_seen=cluster.first_seen)
    return new_rows, members


def assign_clusters(connection: sa.Connection, quote_rows: Sequence[dict[str, Any]],
                    dates: Sequence[dt.date | None], *, now: dt.datetime) -> None:
    """Set `cluster_id` on each of `quote_rows` (rows for `schema.quotes`, not yet inserted),
    creating and updating `quote_clusters` rows; `dates`: each quote's article published date."""
    if not quote_rows:
        return
    table = schema.quote_clusters
    prepared = prepare_quotes(quote_rows)
    pool = candidates(connection, quote_rows, prepared)
    new_rows, members = match_clusters(quote_rows, prepared, dates, pool, now=now)
    new_ids: list[int] = []
    if new_rows:
        statement = table.insert().returning(table.c.id, sort_by_parameter_order=True)
        new_ids = list(connection.scalars(statement, new_rows))
    updates = [{"cluster_id": c.id, "added": c.count, "seen": c.first_seen}
               for c in pool if c.id is not None and c.count]
    if updates:
        seen = sa.bindparam("seen", type_=sa.Date)
        connection.execute(
            table.update().where(table.c.id == sa.bindparam("cluster_id")).values(
                quote_count=table.c.quote_count + sa.bindparam("added"),
                first_seen=sa.case((sa.or_(table.c.first_seen.is_(None), table.c.first_seen > seen), seen),
                                   else_=table.c.first_seen)),
            updates)
    for row, cluster in zip(quote_rows, members):
        if cluster.id is not None:
            row["cluster_id"] = cluster.id
        else:
            assert cluster.new_index is not None, "a cluster with no id is new: match_clusters gave it a new row"
            row["cluster_id"] = new_ids[cluster.new_index]


def merge_duplicate_clusters(connection: sa.Connection, entity_ids: Sequence[int]) -> None:
    """After persons were merged: the clusters of one of `entity_ids` with the same content
    become one (the oldest), with the quotes, count and first date of all."""
    table, quotes = schema.quote_clusters, schema.quotes
    rows = connection.execute(
        sa.select(table.c.id, table.c.entity_id, table.c.content_key, table.c.quote_count, table.c.first_seen)
        .where(table.c.entity_id.in_(list(entity_ids))).order_by(table.c.id)).all()
    by_key: dict[tuple[int, str], list[Any]] = {}
    for row in rows:
        by_key.setdefault((row.entity_id, row.content_key), []).append(row)
    moves, updates, dropped = [], [], []
    for same in by_key.values():
        if len(same) < 2:
            continue
        keep, rest = same[0], same[1:]
        dates = [r.first_seen for r in same if r.first_seen is not None]
        updates.append({"target": keep.id, "new_count": sum(r.quote_count for r in same),
                        "new_seen": min(dates) if dates else None})
        moves += [{"old": r.id, "new": keep.id} for r in rest]
        dropped += [r.id for r in rest]
    if not moves:
        return
    connection.execute(quotes.update().where(quotes.c.cluster_id == sa.bindparam("old")).values(
        cluster_id=sa.bindparam("new")), moves)
    connection.execute(table.update().where(table.c.id == sa.bindparam("target")).values(
        quote_count=sa.bindparam("new_count"), first_seen=sa.bindparam("new_seen", type_=sa.Date)), updates)
    connection.execute(table.delete().where(table.c.id.in_(dropped)))
