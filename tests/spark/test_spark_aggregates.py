"""The corpus-wide Spark SQL aggregates over the job's Parquet, against the same figures
counted in Python from extract_many's records."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from urllib.parse import urlparse

import pytest

from quotegraph.spark.aggregates import aggregate, register_records

pytestmark = pytest.mark.slow


def quotes_with_speakers(records):
    for record in records:
        for quote in record["quotes"]:
            if quote["speaker"] is not None:
                yield record, quote


def statement(quote) -> str:
    text = " ".join(span["text"] for span in quote["content"]).lower()
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", "", text)).strip()


@pytest.fixture(scope="module")
def registered(spark, spark_output):
    output, _ = spark_output
    register_records(spark, str(output))
    return spark


def test_top_speakers(registered, reference_records):
    quotes, articles, outlets = Counter(), defaultdict(set), defaultdict(set)
    for record, quote in quotes_with_speakers(reference_records):
        name = quote["speaker"]["name"]
        quotes[name] += 1
        articles[name].add(record["id"])
        if record["url"]:  # (text files have no URL, so no outlet)
            outlets[name].add(urlparse(record["url"]).hostname)
    expected = sorted(((-n, name) for name, n in quotes.items()))[:5]
    rows = aggregate(registered, "top-speakers", limit=5).collect()
    assert [(-row["quotes"], row["speaker"]) for row in rows] == expected
    for row in rows:
        assert (row["articles"], row["outlets"]) == (len(articles[row["speaker"]]), len(outlets[row["speaker"]]))
    assert rows[0]["quotes"] >= 8


def test_statements_carried_by_several_outlets(registered, reference_records):
    hosts, first = defaultdict(set), {}
    for record, quote in quotes_with_speakers(reference_records):
        if not record["url"]:
            continue
        key = (quote["speaker"]["name"], statement(quote))
        hosts[key].add(urlparse(record["url"]).hostname)
        first[key] = min(first.get(key, record["published"]), record["published"])
    expected = {key: (len(h), first[key]) for key, h in hosts.items() if len(h) >= 2}
    rows = aggregate(registered, "shared-statements", limit=1000).collect()
    assert {(r["speaker"], r["statement"]): (r["outlets"], r["first_seen"]) for r in rows} == expected
    assert ("Maria Lopez", "the harbour will stay closed until the wages are paid") in expected


def test_quotes_per_speaker_per_month(registered, reference_records):
    expected = Counter((quote["speaker"]["name"], record["published"][:7])
                       for record, quote in quotes_with_speakers(reference_records) if record["published"])
    rows = aggregate(registered, "quotes-per-month", limit=1000).collect()
    assert {(r["speaker"], r["month"]): r["quotes"] for r in rows} == dict(expected)
    assert len({month for _, month in expected}) == 3
