"""`quotegraph serve`: a real server process over a store made by `quotegraph ingest`."""
from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from support.web import ingest_corpus

from quotegraph.cli import main
from quotegraph.web.readonly import open_readonly

QUOTEGRAPH = [str(Path(sys.executable).parent / "quotegraph")]  # the installed command


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, deadline_s: float = 30.0) -> tuple[int, str, dict[str, str]]:
    """GET `url`, retrying while the server is still starting."""
    deadline = time.monotonic() + deadline_s
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status, response.read().decode(), dict(response.headers)
        except urllib.error.HTTPError as err:
            return err.code, err.read().decode(), dict(err.headers)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.mark.parametrize("workers", [1, 2])
def test_serve_answers_over_http(tmp_path: Path, workers: int) -> None:
    """One process, or several sharing the port (--workers), each over the read-only store
    and working on --in-progress requests at a time."""
    db = str(tmp_path / "news.db")
    ingest_corpus(db, tmp_path / "articles")
    port = free_port()
    server = subprocess.Popen([*QUOTEGRAPH, "serve", "--db", db, "--port", str(port), "--no-access-log",
                               "--workers", str(workers), "--in-progress", str(workers)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        status, body, headers = fetch(f"http://127.0.0.1:{port}/")
        assert status == 200 and "Anna Kowalski" in body
        assert "default-src 'none'" in headers["content-security-policy"]
        status, body, _ = fetch(f"http://127.0.0.1:{port}/quotes.json?q=costs")
        assert status == 200 and '"speaker":"Anna Kowalski"' in body
        status, body, _ = fetch(f"http://127.0.0.1:{port}/articles/424242")
        assert status == 404 and "no article 424242" in body
        for _ in range(4 * workers):  # new connections, whichever worker takes them
            status, body, _ = fetch(f"http://127.0.0.1:{port}/quotes?q=costs")
            assert status == 200 and "Anna Kowalski" in body
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert f"serving {Path(db).resolve()}" in output and "read-only" in output
    assert server.returncode is not None
    if workers > 1:
        assert f"({workers} worker processes)" in output and output.count("Application startup complete") == workers


def test_serve_workers_refuse_a_port_in_use(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    ingest_corpus(db, tmp_path / "articles")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = CliRunner().invoke(main, ["serve", "--db", db, "--port", str(taken.getsockname()[1]),
                                           "--workers", "2"])
    assert result.exit_code == 2
    assert "cannot listen on 127.0.0.1:" in result.output


@pytest.mark.parametrize("make, message", [
    (None, "no store at"),
    (lambda path: sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.commit(), "not a quotegraph store"),
])
def test_serve_refuses_what_is_not_a_store(tmp_path: Path, make, message: str) -> None:  # noqa: ANN001
    path = tmp_path / "other.db"
    if make is not None:
        make(str(path))
    result = CliRunner().invoke(main, ["serve", "--db", str(path)])
    assert result.exit_code == 2
    assert message in result.output
    assert make is None or path.is_file()  # and nothing was written into what it refused


def test_serve_refuses_an_older_store_until_it_is_updated(tmp_path: Path) -> None:
    """A store made at revision 0001 is not migrated by a read-only server: it says how."""
    from alembic import command

    from quotegraph.store import open_store
    from quotegraph.store.migrate import alembic_config

    db = str(tmp_path / "old.db")
    old = open_store(db, migrate=False)
    with old.write() as connection:
        command.upgrade(alembic_config(connection), "0001")
    old.close()
    refused = CliRunner().invoke(main, ["serve", "--db", db])
    assert refused.exit_code == 2
    assert "schema revision 0001" in refused.output and f"quotegraph stats --db {db}" in refused.output
    assert CliRunner().invoke(main, ["stats", "--db", db]).exit_code == 0  # the command it names updates it
    open_readonly(db).close()
