"""The crash guarantees, with a real `quotegraph ingest` subprocess killed mid-run.

A run killed with SIGKILL (or stopped with Ctrl-C, SIGINT, or SIGTERM; those two mark
the run interrupted) after some batches were committed keeps those batches whole, and the next run of the same command stores the rest:
every article exactly once, each with exactly the quotes extraction gives it, nothing
orphaned.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from support.store import write_jsonl

import quotegraph
from quotegraph.store import open_store, schema

pytestmark = pytest.mark.slow

ARTICLES = 200
BATCH = 4
NAMES = ["Maria Lopez", "John Smith", "Aisha Khan", "Peter Novak", "Chen Wei"]
TOPICS = ["schools", "bridges", "hospitals", "roads", "ports"]


def article(n: int) -> dict:
    name, topic = NAMES[n % 5], TOPICS[(n // 5) % 5]
    return {"id": f"a{n}", "published": "2024-05-03", "text": (
        f'"We will build {n} new {topic} this year," Governor {name} told reporters on Monday. '
        f"The opposition leader said the plan for the {topic} was too expensive and would fail. "
        f"Officials said the work on the {topic} would start in June, according to the ministry.")}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """The input file and, per article id, how many quotes extraction gives it."""
    rows = [article(n) for n in range(ARTICLES)]
    path = write_jsonl(tmp_path_factory.mktemp("crash") / "news.jsonl", rows)
    everything = quotegraph.Options().everything()  # the store keeps every quote
    expected = {record.id: len(record.quotes) for record in quotegraph.extract_many(rows, batch_size=16, options=everything)}
    assert sum(expected.values()) > ARTICLES  # the articles do have quotes to lose
    return path, expected


def ingest_command(path: Path, db: str) -> list[str]:
    return [sys.executable, "-m", "quotegraph", "ingest", str(path), "--db", db, "--batch-size", str(BATCH)]


def stored_articles(db: str) -> int:
    store = open_store(db)
    try:
        with store.read() as connection:
            return connection.scalar(sa.select(sa.func.count()).select_from(schema.articles))
    finally:
        store.close()


def _sigint_as_in_a_terminal() -> None:
    """SIGINT's default disposition in the ingest, as a terminal's foreground command has it.

    A shell starts a background job (`pytest ... &`, a CI step run so) with SIGINT ignored,
    its children inherit that, and Python then installs no KeyboardInterrupt: the ingest
    ran to the end and exited 0 whenever these tests ran in the background."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_and_stop(path: Path, db: str, sig: int) -> tuple[int, int, str]:
    """Start an ingest, wait until some batches are committed, send `sig`; (rc, stored then, stderr)."""
    process = subprocess.Popen(ingest_command(path, db), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"}, preexec_fn=_sigint_as_in_a_terminal)
    deadline = time.monotonic() + 300
    stored = 0
    try:
        while time.monotonic() < deadline and process.poll() is None:
            try:
                stored = stored_articles(db)
            except Exception:  # noqa: BLE001 - the store may not exist yet
                stored = 0
            if stored >= 2 * BATCH:
                break
            time.sleep(0.02)
        assert process.poll() is None, f"the ingest ended before it could be stopped: {process.communicate()}"
        assert stored < ARTICLES
        process.send_signal(sig)
        _, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return process.returncode, stored, err


def check_whole(db: str, expected: dict[str, int]) -> None:
    """Every article once, with all its quotes (and spans), and no orphans anywhere."""
    store = open_store(db)
    a, q, s, ae, m = schema.articles, schema.quotes, schema.quote_spans, schema.article_entities, schema.mentions
    try:
        with store.read() as connection:
            ids = list(connection.scalars(sa.select(a.c.external_id)))
            assert sorted(ids) == sorted(expected) and len(set(ids)) == len(ids)
            per_article = dict(connection.execute(
                sa.select(a.c.external_id, sa.func.count(q.c.id)).outerjoin(q, q.c.article_id == a.c.id)
                .group_by(a.c.external_id)).all())
            assert per_article == expected
            orphans = {
                "quotes": sa.select(sa.func.count()).select_from(q.outerjoin(a, a.c.id == q.c.article_id))
                .where(a.c.id.is_(None)),
                "quote_spans": sa.select(sa.func.count()).select_from(s.outerjoin(q, q.c.id == s.c.quote_id))
                .where(q.c.id.is_(None)),
                "quotes without spans": sa.select(sa.func.count()).select_from(
                    q.outerjoin(s, s.c.quote_id == q.c.id)).where(s.c.id.is_(None)),
                "mentions": sa.select(sa.func.count()).select_from(m.outerjoin(ae, ae.c.id == m.c.article_entity_id))
                .where(ae.c.id.is_(None)),
            }
            assert {name: connection.scalar(query) for name, query in orphans.items()} == dict.fromkeys(orphans, 0)
    finally:
        store.close()


def resume(path: Path, db: str) -> str:
    done = subprocess.run(ingest_command(path, db), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_sigkill_mid_run_then_resume(store_url: str, corpus: tuple[Path, dict[str, int]]) -> None:
    path, expected = corpus
    code, stored, _ = start_and_stop(path, store_url, signal.SIGKILL)
    assert code == -signal.SIGKILL
    after_kill = stored_articles(store_url)
    assert stored <= after_kill < ARTICLES
    summary = resume(path, store_url)
    assert f"{ARTICLES - after_kill} articles stored ({after_kill} already there)" in summary
    check_whole(store_url, expected)
    assert "0 articles stored" in resume(path, store_url)  # and a third run adds nothing


@pytest.mark.parametrize("sig,code,how", [(signal.SIGINT, 130, "interrupted"),
                                          (signal.SIGTERM, 143, "terminated (SIGTERM)")])
def test_ctrl_c_or_sigterm_mid_run_then_resume(store_url: str, corpus: tuple[Path, dict[str, int]],
                                               sig: int, code: int, how: str) -> None:
    path, expected = corpus
    rc, stored, err = start_and_stop(path, store_url, sig)
    assert rc == code, err
    after = stored_articles(store_url)
    assert f"{how}: {after} articles stored by this run" in err
    assert stored <= after < ARTICLES
    store = open_store(store_url)
    try:
        with store.read() as connection:
            assert connection.scalar(sa.select(schema.runs.c.status)) == "interrupted"
    finally:
        store.close()
    resume(path, store_url)
    check_whole(store_url, expected)
