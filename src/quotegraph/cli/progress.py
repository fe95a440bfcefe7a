"""A one-line progress report on stderr for a command that works in stages of unknown
length (an aggregation over a large store): nothing when the work ends within `after`
seconds or stderr is no terminal, else `quotegraph: STAGE (N s)`, redrawn each second
from a background thread and cleared when the work ends.

    with StageProgress("sources") as progress:
        report = sources_report(connection, filters, by, progress=progress)
"""
from __future__ import annotations

import sys
import threading
import time
from types import TracebackType
from typing import TextIO


class StageProgress:
    """Call the object with the stage now under way; use it as a context manager."""

    def __init__(self, command: str, *, stream: TextIO | None = None, after: float = 1.0,
                 every: float = 1.0) -> None:
        self.command = command
        self.stream = stream if stream is not None else sys.stderr
        self.after, self.every = after, every
        self.stage = "starting"
        self._start = time.monotonic()
        self._drawn = 0  # characters of the line on screen
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def __call__(self, stage: str) -> None:
        with self._lock:
            self.stage = stage

    def __enter__(self) -> StageProgress:
        self._start = time.monotonic()
        if self.stream.isatty():
            self._thread = threading.Thread(target=self._run, name="quotegraph-progress", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._done.set()
        if self._thread is not None:
            self._thread.join()
        with self._lock:
            if self._drawn:
                self.stream.write("\r" + " " * self._drawn + "\r")
                self.stream.flush()
                self._drawn = 0

    def _run(self) -> None:
        if self._done.wait(self.after):
            return
        while not self._done.is_set():
            with self._lock:
                line = f"quotegraph: {self.command}: {self.stage} ({time.monotonic() - self._start:.0f} s)"
                self.stream.write("\r" + line.ljust(self._drawn))
                self.stream.flush()
                self._drawn = max(self._drawn, len(line))
            self._done.wait(self.every)
