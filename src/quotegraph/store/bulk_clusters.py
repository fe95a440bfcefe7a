"""Statement clusters for a bulk load into a store that has none yet: `clusters.match_clusters`
(the rule ingest applies) batch by batch, with the candidates found in memory exactly as
`clusters.candidates` finds them in the table, and the result written once.

Ingest asks the database for each batch's candidates and writes each batch's clusters;
the same batches, in the same order, against this index give the same clusters, without
two queries and a write per batch of 16 articles.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any, Sequence

import sqlalchemy as sa

from . import schema
from .clusters import MINHASHES, Prepared, _Cluster, length_window, match_clusters, prepare_quotes
from .copy import copy_rows, sqlite_insert


class ClusterIndex:
    """The clusters made so far, indexed as the table is (speaker, content key, MinHash)."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []  # quote_clusters rows, by id - 1
        self.clusters: list[_Cluster] = []
        self.by_entity: dict[int, list[_Cluster]] = defaultdict(list)
        self.by_speaker: dict[str, list[_Cluster]] = defaultdict(list)
        self.by_content: dict[str, list[_Cluster]] = defaultdict(list)

    def assign(self, quote_rows: Sequence[dict[str, Any]], dates: Sequence[dt.date | None], *,
               now: dt.datetime, prepared: Sequence[Prepared] | None = None) -> None:
        """Set `cluster_id` on each of `quote_rows` (one batch), as `assign_clusters` would;
        `prepared`: `prepare_quotes(quote_rows)`, where the caller has it."""
        if not quote_rows:
            return
        prepared = prepare_quotes(quote_rows) if prepared is None else prepared
        pool = self._candidates(quote_rows, prepared)
        for cluster in pool:
            cluster.count = 0
        new_rows, members = match_clusters(quote_rows, prepared, dates, pool, now=now)
        for cluster in pool:
            if cluster.id is not None and cluster.count:
                row = self.rows[cluster.id - 1]
                row["quote_count"] += cluster.count
                row["first_seen"] = cluster.first_seen
        for cluster in pool:
            if cluster.new_index is not None:
                self._add(cluster, new_rows[cluster.new_index])
        for row, cluster in zip(quote_rows, members):
            row["cluster_id"] = cluster.id

    def _add(self, cluster: _Cluster, row: dict[str, Any]) -> None:
        cluster.id, cluster.new_index = len(self.rows) + 1, None
        self.rows.append({"id": cluster.id, **row})
        self.clusters.append(cluster)
        if cluster.entity_id is not None:
            self.by_entity[cluster.entity_id].append(cluster)
        if cluster.speaker_key is not None:
            self.by_speaker[cluster.speaker_key].append(cluster)
        self.by_content[cluster.content_key].append(cluster)

    def _candidates(self, quote_rows: Sequence[dict[str, Any]], prepared: Sequence[Prepared]) -> list[_Cluster]:
        """What `clusters.candidates` selects from the table, oldest first."""
        found: dict[int, _Cluster] = {}
        entity_ids = {row["speaker_entity_id"] for row in quote_rows if row.get("speaker_entity_id") is not None}
        names = {p[3] for p in prepared if p[3]}
        lows, highs = zip(*(length_window(len(p[0])) for p in prepared))
        if entity_ids or names:
            spoken = [p for row, p in zip(quote_rows, prepared) if row.get("speaker_entity_id") is not None or p[3]]
            keys = {p[1] for p in spoken}
            hashes = [{p[4][i] for p in spoken} for i in range(MINHASHES)]
            low, high = min(lows), max(highs)
            same_speaker = [c for e in entity_ids for c in self.by_entity.get(e, ())] + \
                [c for n in names for c in self.by_speaker.get(n, ())]
            for cluster in same_speaker:
                if low <= cluster.n_tokens <= high and (
                        cluster.content_key in keys or any(cluster.minhashes[i] in hashes[i] for i in range(MINHASHES))):
                    found[cluster.id] = cluster  # type: ignore[index]
        for row, p in zip(quote_rows, prepared):
            if row.get("speaker_entity_id") is None and not p[3]:
                for cluster in self.by_content.get(p[1], ()):
                    if cluster.entity_id is None and cluster.speaker_key is None:
                        found[cluster.id] = cluster  # type: ignore[index]
        return [found[i] for i in sorted(found)]


def write_clusters(connection: sa.Connection, index: ClusterIndex, quote_clusters: Sequence[tuple[int, int]]) -> None:
    """Store the index's clusters (into the empty table: its secondary indexes are dropped and
    built after the rows, a third of the time of keeping them row by row) and each quote's
    (quote id, cluster id)."""
    table = schema.quote_clusters
    if not index.rows:
        return
    secondary = [ix for ix in table.indexes if not ix.unique]
    for ix in secondary:
        ix.drop(connection, checkfirst=True)
    _write_rows(connection, index, quote_clusters)
    for ix in secondary:
        ix.create(connection, checkfirst=True)


def _write_rows(connection: sa.Connection, index: ClusterIndex, quote_clusters: Sequence[tuple[int, int]]) -> None:
    table = schema.quote_clusters
    if connection.dialect.name == "postgresql":
        copy_rows(connection, table, index.rows)
        connection.execute(sa.text("SELECT setval(pg_get_serial_sequence('quote_clusters', 'id'), :last)"),
                           {"last": len(index.rows)})
        connection.execute(sa.text("CREATE TEMPORARY TABLE loaded_clusters (quote_id integer, cluster_id integer) "
                                   "ON COMMIT DROP"))
        raw = connection.connection.driver_connection
        assert raw is not None, "an open Connection's pooled connection holds its DBAPI connection"
        with raw.cursor() as cursor, cursor.copy("COPY loaded_clusters (quote_id, cluster_id) FROM STDIN") as copy:
            for pair in quote_clusters:
                copy.write_row(pair)
        connection.execute(sa.text("UPDATE quotes SET cluster_id = l.cluster_id FROM loaded_clusters l "
                                   "WHERE quotes.id = l.quote_id"))
        return
    sqlite_insert(connection, table, index.rows)
    # the driver's executemany of plain pairs: SQLAlchemy's of dicts took 20 s for 270,000 quotes
    connection.exec_driver_sql("UPDATE quotes SET cluster_id = ? WHERE id = ?",
                               [(cluster, quote) for quote, cluster in quote_clusters])
