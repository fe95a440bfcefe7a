"""Corpus person linking as a Spark stage: the named persons of the job's records grouped
by surname block across the cluster, each block grouped by the store's own rule
(`store.linking.group_block`), so the persons are the ones `quotegraph relink` makes.

    links = person_links(spark.read.parquet("records/"), knowledge)   # one row per named person

Only the persons cross the shuffle (name, titles, affiliations, article key, date, site),
never the article text; a block is grouped in one task, its members sorted by key, so
that the result does not depend on how the records were partitioned.
"""
from __future__ import annotations

from itertools import groupby
from typing import Any, Iterable, Iterator

from ..entities.names import is_named_person
from ..store.linking import Knowledge, Member, blocking_surname, group_block, host_of, prepare
from ..store.write import _date

# The columns of `person_links`' result.
LINK_COLUMNS = ("key", "local_id", "person", "reason", "form", "class_key", "ambiguous")


def person_links(records: Any, knowledge: Knowledge | None = None, *, partitions: int | None = None) -> Any:
    """A DataFrame, one row per named person of `records` (the job's Parquet rows: key,
    url, published, entities; rows with `error` left out): the article `key` and entity
    `local_id`, the `person` it is linked to (the store's `entities.merge_key`), why
    (`reason`), its full name's `form`, its bare surname's `class_key`, and whether the
    person is `ambiguous`. `knowledge`: the store's aliases and splits (none by default)."""
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    knowledge = knowledge or Knowledge()
    spark = records.sparkSession
    string_list = T.ArrayType(T.StringType())
    member_schema = T.StructType([
        T.StructField("block", T.StringType()), T.StructField("name", T.StringType()),
        T.StructField("titles", string_list), T.StructField("affiliations", string_list),
        T.StructField("key", T.StringType()), T.StructField("local_id", T.StringType()),
        T.StructField("day", T.DateType()), T.StructField("host", T.StringType())])
    selected = records.where(F.col("error").isNull() & F.col("key").isNotNull()) \
        .select("key", "url", "published", "entities")
    members = spark.createDataFrame(selected.rdd.flatMap(lambda row: _members(row, knowledge)), member_schema)
    count = partitions or spark.sparkContext.defaultParallelism
    blocks = members.repartition(count, "block").sortWithinPartitions("block", "key", "local_id")
    link_schema = T.StructType([T.StructField(name, T.BooleanType() if name == "ambiguous" else T.StringType())
                                for name in LINK_COLUMNS])
    return spark.createDataFrame(blocks.rdd.mapPartitions(lambda rows: _link_blocks(rows, knowledge)), link_schema)


def _members(row: Any, knowledge: Knowledge) -> Iterator[tuple]:
    """(block, name, titles, affiliations, key, local_id, day, host) of each named person
    of one record row, as the store's writer makes its `Member`s."""
    day, host = _date(row["published"]), host_of(row["url"])  # as the writer reads them
    for entity in row["entities"] or ():
        fields = entity.asDict()
        if not is_named_person(fields):
            continue
        block = blocking_surname(fields["name"], knowledge)
        if block is not None:
            yield (block, fields["name"], list(fields["titles"] or ()), list(fields["affiliations"] or ()),
                   row["key"], str(fields["id"]), day, host)


def _link_blocks(rows: Iterable[Any], knowledge: Knowledge) -> Iterator[tuple]:
    """`group_block` over each block of a partition sorted by block."""
    for _, block in groupby(rows, key=lambda row: row["block"]):
        members = [prepare(Member(r["name"], list(r["titles"] or ()), list(r["affiliations"] or ()), None, r["key"],
                                  r["local_id"], r["day"], r["host"]), knowledge) for r in block]
        for group in group_block(members, knowledge).groups:
            for member in group.members:
                yield (member.article_key, member.local_id, group.key, member.link_reason, member.form_key,
                       member.class_key, group.ambiguous)
