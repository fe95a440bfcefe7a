"""Results kept between requests while the store is unchanged.

Keyed by what they are and by the store's version; where the version cannot be read
(PostgreSQL, an in-memory store) nothing is kept.
"""
from __future__ import annotations

import os
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Callable, Hashable, TypeVar
from urllib.parse import unquote

from ..store import Store

T = TypeVar("T")

# Entries kept (least recently used dropped first): a speaker's aggregates are a few kB.
MAX_ENTRIES = 2_048


# The store's version: on SQLite, the size and modification time of the database
# file and of its write-ahead log, which every committed write changes (a `quotegraph
# ingest` into a store being served shows on the next page). Where the version cannot be
# read (PostgreSQL, an in-memory store) nothing is kept and every page is computed afresh.
def sqlite_files(store: Store) -> list[Path] | None:
    """The files whose state is the SQLite store's version (the database and its WAL),
    or None where there are none to watch (another database, an in-memory one)."""
    url = store.engine.url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    path = url.database
    if path.startswith("file:"):  # a URI (read-only stores are opened through one)
        path = unquote(path.removeprefix("file:"))
    return [Path(path), Path(path + "-wal")]


# A speaker page's aggregates (quotes per month, names over time, whom they address and
# talk about) cost most of the page for a busy speaker (about 9 ms of 13 for the busiest on
# the 1M-quote benchmark store: their 95,000 quotes counted per day), and they are the same
# for every visit until the store is written. They are kept here, keyed by what they are
# and by the store's version.
class StoreCache:
    """A small LRU of computed values, dropped as a whole when the store's version changes."""

    def __init__(self, store: Store, max_entries: int = MAX_ENTRIES) -> None:
        self.files = sqlite_files(store)
        self.max_entries = max_entries
        self._lock = threading.Lock()
        self._version: Hashable = None
        self._values: OrderedDict[Hashable, object] = OrderedDict()

    def version(self) -> Hashable:
        """What every committed write changes; None where it cannot be read."""
        if self.files is None:
            return None
        state: list[tuple[int, int, int] | None] = []  # each file's (size, mtime, inode); None: absent
        for path in self.files:
            try:
                stat = os.stat(path)
            except FileNotFoundError:
                state.append(None)
                continue
            state.append((stat.st_size, stat.st_mtime_ns, stat.st_ino))
        return tuple(state)

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value kept for `key` at the store's current version, else `compute()`'s
        (kept for next time). The version is read before computing, so a value is never
        older than the version it is kept under."""
        version = self.version()
        if version is None:
            return compute()
        with self._lock:
            if version != self._version:
                self._values.clear()
                self._version = version
            elif key in self._values:
                self._values.move_to_end(key)
                return self._values[key]  # type: ignore[return-value]
        value = compute()
        with self._lock:
            if version == self._version:
                self._values[key] = value
                if len(self._values) > self.max_entries:
                    self._values.popitem(last=False)
        return value
