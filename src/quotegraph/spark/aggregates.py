"""Corpus-wide figures as Spark SQL over `quotegraph spark`'s Parquet output.

    register_records(spark, "out/"); spark.sql(TOP_SPEAKERS.format(limit=20)).show()

or from a shell: `python -m quotegraph.spark.aggregates out/ --master local[2]`.
"""
from __future__ import annotations

import argparse
from typing import Any

# Quote content, normalized: spans joined, lower case, letters, digits and single spaces.
_STATEMENT = ("trim(regexp_replace(regexp_replace(lower(concat_ws(' ', transform(q.content, c -> c.text))), "
              "'(?U)[^\\\\w\\\\s]', ''), '\\\\s+', ' '))")

TOP_SPEAKERS = """
SELECT q.speaker.name AS speaker,
       count(*) AS quotes,
       count(DISTINCT key) AS articles,
       count(DISTINCT parse_url(url, 'HOST')) AS outlets
FROM records LATERAL VIEW explode(quotes) AS q
WHERE q.speaker IS NOT NULL
GROUP BY q.speaker.name
ORDER BY quotes DESC, speaker
LIMIT {limit}
"""

SHARED_STATEMENTS = f"""
SELECT q.speaker.name AS speaker,
       {_STATEMENT} AS statement,
       count(DISTINCT parse_url(url, 'HOST')) AS outlets,
       count(DISTINCT key) AS articles,
       min(published) AS first_seen
FROM records LATERAL VIEW explode(quotes) AS q
WHERE q.speaker IS NOT NULL AND url IS NOT NULL
GROUP BY q.speaker.name, {_STATEMENT}
HAVING outlets >= {{min_outlets}}
ORDER BY outlets DESC, first_seen, speaker, statement
LIMIT {{limit}}
"""

QUOTES_PER_SPEAKER_MONTH = """
SELECT q.speaker.name AS speaker,
       substr(published, 1, 7) AS month,
       count(*) AS quotes
FROM records LATERAL VIEW explode(quotes) AS q
WHERE q.speaker IS NOT NULL AND published IS NOT NULL
GROUP BY q.speaker.name, substr(published, 1, 7)
ORDER BY speaker, month
LIMIT {limit}
"""

QUERIES = {"top-speakers": TOP_SPEAKERS, "shared-statements": SHARED_STATEMENTS,
           "quotes-per-month": QUOTES_PER_SPEAKER_MONTH}


# The view `records` holds each article once (rows with the same `key`, the same article
# read twice, counted once) and leaves out rows with `error`. Speakers are grouped by the
# name the article resolved them to, as written; merging "Biden" into "Joe Biden" across
# articles is the store's work (`quotegraph ingest`, then `quotegraph speakers`). An
# outlet is the host of the article's URL; articles without a URL have none.
def register_records(spark: Any, path: str) -> None:
    """The view `records`: the Parquet output at `path`, without error rows, one row per article."""
    from pyspark.sql import functions as F

    table = spark.read.parquet(path)
    table.where(F.col("error").isNull()).dropDuplicates(["key"]).createOrReplaceTempView("records")


def aggregate(spark: Any, name: str, *, limit: int = 50, min_outlets: int = 2) -> Any:
    """One of `QUERIES` as a DataFrame (after `register_records`)."""
    return spark.sql(QUERIES[name].format(limit=limit, min_outlets=min_outlets))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m quotegraph.spark.aggregates", description=__doc__.split("\n")[0])
    parser.add_argument("path", help="quotegraph spark's Parquet output")
    parser.add_argument("--query", choices=sorted(QUERIES), action="append",
                        help="which (repeatable) [default: all three]")
    parser.add_argument("--master", help="Spark master [default: spark-submit's, else local[*]]")
    parser.add_argument("--limit", type=int, default=20)
    parser.add_argument("--min-outlets", type=int, default=2)
    args = parser.parse_args(argv)

    from .job import spark_session

    spark = spark_session(args.master)
    try:
        register_records(spark, args.path)
        for name in args.query or list(QUERIES):
            print(f"== {name}")
            aggregate(spark, name, limit=args.limit, min_outlets=args.min_outlets).show(args.limit, truncate=60)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
