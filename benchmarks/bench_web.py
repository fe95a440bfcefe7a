"""Web app latency under load: 16 clients for 30 s on loopback against `quotegraph serve`.

Serves the 1,000,000-quote store that benchmarks/bench_query.py builds (run it first:
--db, default /tmp/quotegraph-bench-query.db, and its .json) with the real command
(`quotegraph serve --no-access-log`: --workers processes, each working on --in-progress
requests at a time), then --clients threads, each on its own keep-alive connection, send
requests back to back for --duration seconds (and no more than --max-requests in all),
each drawn at random from four page types:

  search    /quotes?q=...      one or two words drawn by frequency (as bench_query's
                               full-text queries), a fifth of them with speaker=NAME
  article   /articles/ID       a random article
  speaker   /speakers/ID       a speaker drawn by how often they are quoted (the busiest,
                               quoted ~95,000 times, is the common case)
  timeline  /timeline?entity=  a speaker's name, drawn the same way

All HTML pages, as a person's browser would fetch them. Prints p50/p95/p99 per page type,
errors (any status but 200) and requests per second; the last line is one JSON object.
Target (issues 12 and 27): p95 under 150 ms per page type, zero errors; --check exits 1 otherwise.

The synthetic store has quotes, speakers and articles but no article entities, spans,
times or events: article pages there are short and timelines empty, so those two
figures measure the page machinery more than the work a real article or timeline costs.
--realistic serves instead a store of real-shaped records (benchmarks/web_store.py: dated
statements, events with common groups among their participants, long and quote-dense
articles, clusters), built once at --db (default /tmp/quotegraph-bench-web.db) with
--quotes statements (through web_store's bulk path, or --writer the real writer), and adds
two page types:

  overview  /
  cluster   /clusters/ID       a random statement cluster

and timelines of the common groups ("Officials", ...) for half the timeline requests.
--hammer KIND then runs a second phase: 8 clients on that page type and one on the
overview, which must stay responsive (its p95 under the target too).

    .venv/bin/python benchmarks/bench_query.py --repeat 10     # builds the store once
    .venv/bin/python benchmarks/bench_web.py                   # 16 clients, 30 s, one server process
    .venv/bin/python benchmarks/bench_web.py --workers 2       # two server processes
    .venv/bin/python benchmarks/bench_web.py --check
    .venv/bin/python benchmarks/bench_web.py --realistic --quotes 1000000 --hammer timeline
"""
from __future__ import annotations

import argparse
import http.client
import itertools
import json
import random
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

from web_store import build as build_realistic

from quotegraph.store import open_store

TARGET_P95_MS = 150.0
KINDS = ("search", "article", "speaker", "timeline")
REALISTIC_KINDS = ("overview", "search", "article", "speaker", "timeline", "cluster")
HAMMER_CLIENTS = 8
SEED = 20261129


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))] if ordered else float("nan")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Requests:
    """Paths of each page type, drawn as the module's docstring says."""

    def __init__(self, db: Path, meta: dict, rng: random.Random) -> None:
        self.rng = rng
        self.words = meta["vocabulary"]
        self.word_cum = list(itertools.accumulate(1.0 / rank ** 0.8 for rank in range(1, len(self.words) + 1)))
        uri = f"file:{db}?mode=ro"
        with sqlite3.connect(uri, uri=True) as connection:
            ids = dict(connection.execute("SELECT name, id FROM entities"))
            self.articles = connection.execute("SELECT max(id) FROM articles").fetchone()[0]
            self.clusters = connection.execute("SELECT max(id) FROM quote_clusters").fetchone()[0] or 0
        self.groups = meta.get("groups", [])
        self.kinds = REALISTIC_KINDS if self.groups else KINDS
        self.people = [(name, ids[name]) for name in meta["people"] if name in ids]
        self.people_cum = list(itertools.accumulate(1.0 / rank for rank in range(1, len(self.people) + 1)))

    def _person(self) -> tuple[str, int]:
        return self.rng.choices(self.people, cum_weights=self.people_cum)[0]

    def path(self, kind: str) -> str:
        if kind == "search":
            words = self.rng.choices(self.words, cum_weights=self.word_cum, k=self.rng.choice((1, 2)))
            path = "/quotes?q=" + quote(" ".join(words))
            if self.rng.random() < 0.2:
                path += "&speaker=" + quote(self._person()[0])
            return path
        if kind == "article":
            return f"/articles/{self.rng.randint(1, self.articles)}"
        if kind == "speaker":
            return f"/speakers/{self._person()[1]}"
        if kind == "overview":
            return "/"
        if kind == "cluster":
            return f"/clusters/{self.rng.randint(1, self.clusters)}"
        if self.groups and self.rng.random() < 0.5:
            return "/timeline?entity=" + quote(self.rng.choice(self.groups))
        return "/timeline?entity=" + quote(self._person()[0])


def _client(port: int, requests: Requests, lock: threading.Lock, deadline: float, budget: list[int],
            results: list[tuple[str, float, int, str]], kinds: tuple[str, ...] | None = None) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while time.monotonic() < deadline:
        with lock:
            if budget[0] <= 0:
                break
            budget[0] -= 1
            kind = requests.rng.choice(kinds or requests.kinds)
            path = requests.path(kind)
        started = time.perf_counter()
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            status = 0
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        elapsed = (time.perf_counter() - started) * 1000
        with lock:
            results.append((kind, elapsed, status, path))
    connection.close()


def _wait_until_up(port: int, server: subprocess.Popen, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited: {server.stdout.read() if server.stdout else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def _load(port: int, requests: Requests, duration: float, max_requests: int,
          clients: list[tuple[str, ...] | None]) -> tuple[list[tuple[str, float, int, str]], float]:
    """Each of `clients` (the page types it asks for; None: all) on its own connection for
    `duration` seconds: every request's (kind, ms, status, path), and the seconds it took."""
    lock = threading.Lock()
    results: list[tuple[str, float, int, str]] = []
    budget = [max_requests]
    started = time.monotonic()
    threads = [threading.Thread(target=_client, args=(port, requests, lock, started + duration, budget, results, kinds))
               for kinds in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.monotonic() - started


def _table(results: list[tuple[str, float, int, str]], kinds: tuple[str, ...], seen: set[str]) -> list[dict]:
    """Each page type's figures; `repeats`: the share of its requests for a URL asked before
    (in `seen`, which grows), which the server may answer from its page cache."""
    rows = []
    for kind in kinds:
        times = [ms for k, ms, _, _ in results if k == kind]
        errors = sum(1 for k, _, status, _ in results if k == kind and status != 200)
        repeats = 0
        for k, _, _, path in results:
            if k == kind:
                repeats += path in seen
                seen.add(path)
        rows.append({"page": kind, "requests": len(times), "errors": errors,
                     "repeats": round(repeats / len(times), 3) if times else 0.0,
                     "p50_ms": round(percentile(times, 50), 1), "p95_ms": round(percentile(times, 95), 1),
                     "p99_ms": round(percentile(times, 99), 1), "max_ms": round(max(times, default=0.0), 1)})
    for row in rows:
        verdict = "ok" if row["p95_ms"] < TARGET_P95_MS and not row["errors"] else "ABOVE TARGET"
        print(f"{row['page']:<9} p50 {row['p50_ms']:7.1f} ms  p95 {row['p95_ms']:7.1f} ms  p99 {row['p99_ms']:7.1f} ms"
              f"  ({row['requests']} requests, {row['errors']} errors, {row['repeats']:.0%} repeated URLs; "
              f"target p95 < {TARGET_P95_MS:.0f} ms: {verdict})")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="The store (default: bench_query's, or with --realistic "
                                                "/tmp/quotegraph-bench-web.db).")
    parser.add_argument("--realistic", action="store_true", help="Serve the realistic store (web_store.py).")
    parser.add_argument("--quotes", type=int, default=1_000_000, help="--realistic: statements in the store built.")
    parser.add_argument("--rebuild", action="store_true", help="--realistic: build the store afresh.")
    parser.add_argument("--writer", action="store_true",
                        help="--realistic: build through the real writer (write_batch) instead of the bulk path "
                             "(web_store.py: the same store, tested; the writer slows as the store grows).")
    parser.add_argument("--hammer", choices=REALISTIC_KINDS,
                        help=f"Then {HAMMER_CLIENTS} clients on this page type and one on the overview.")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--duration", type=float, default=30.0, help="Seconds of load (each phase).")
    parser.add_argument("--max-requests", type=int, default=200_000, help="Requests in all, at most.")
    parser.add_argument("--warmup", type=int, default=40, help="Requests of each type sent first, not counted.")
    parser.add_argument("--workers", type=int, default=1, help="Server processes (quotegraph serve --workers).")
    parser.add_argument("--in-progress", type=int, default=2,
                        help="Requests each server process works on at once (quotegraph serve --in-progress).")
    parser.add_argument("--check", action="store_true", help="Exit 1 above the p95 target or on any error.")
    args = parser.parse_args(argv)
    if args.db is None:
        args.db = Path("/tmp/quotegraph-bench-web.db" if args.realistic else "/tmp/quotegraph-bench-query.db")
    meta_path = Path(str(args.db) + ".json")
    if args.realistic and (args.rebuild or not args.db.is_file() or not meta_path.is_file()):
        build_realistic(args.db, quotes=args.quotes, bulk=not args.writer)
    if not args.db.is_file() or not meta_path.is_file():
        print(f"no benchmark store at {args.db}: build it with benchmarks/bench_query.py", file=sys.stderr)
        return 2
    meta = json.loads(meta_path.read_text())
    # the server opens the store read-only and refuses an older schema: migrate it first,
    # as bench_query.py does when it reuses the store
    open_store(str(args.db)).close()
    requests = Requests(args.db.resolve(), meta, random.Random(SEED))
    port = _free_port()
    command = [str(Path(sys.executable).parent / "quotegraph"), "serve", "--db", str(args.db), "--port", str(port),
               "--no-access-log", "--workers", str(args.workers),
               "--in-progress", str(args.in_progress)]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    hammered: list[tuple[str, float, int, str]] = []
    warm: list[tuple[str, float, int, str]] = []
    try:
        _wait_until_up(port, server)
        _client(port, requests, threading.Lock(), time.monotonic() + 120, [args.warmup * len(requests.kinds)], warm)
        results, elapsed = _load(port, requests, args.duration, args.max_requests, [None] * args.clients)
        if args.hammer:
            hammered, _ = _load(port, requests, args.duration, args.max_requests,
                                [(args.hammer,)] * HAMMER_CLIENTS + [("overview",)])
    finally:
        server.terminate()
        server.wait(timeout=30)
    seen = {path for *_, path in warm}
    rows = _table(results, requests.kinds, seen)
    total = len(results)
    print(f"{total} requests in {elapsed:.1f} s from {args.clients} clients, {args.workers} server process(es) "
          f"working on {args.in_progress} at a time: "
          f"{total / elapsed:.1f} requests/s")
    summary = {"store": str(args.db), "shape": meta.get("shape", "synthetic"), "quotes": meta["quotes"],
               "articles": meta["articles"], "clients": args.clients, "workers": args.workers,
               "in_progress": args.in_progress,
               "duration_s": round(elapsed, 1), "requests": total, "requests_per_s": round(total / elapsed, 1),
               "target_p95_ms": TARGET_P95_MS, "pages": rows}
    failed = any(row["p95_ms"] >= TARGET_P95_MS or row["errors"] for row in rows)
    if args.hammer:
        print(f"while {HAMMER_CLIENTS} clients hammer {args.hammer}:")
        summary["hammer"] = {"page": args.hammer, "clients": HAMMER_CLIENTS,
                             "pages": _table(hammered, (args.hammer, "overview"), seen)}
        overview = summary["hammer"]["pages"][1]
        failed = failed or overview["p95_ms"] >= TARGET_P95_MS or bool(overview["errors"])
    print(json.dumps(summary))
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
