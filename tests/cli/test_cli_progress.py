"""The stage line of a long command (cli/progress.py): drawn on a terminal once the work
outlasts its delay, redrawn with the stage under way, cleared at the end; never drawn on a
stream that is no terminal (a pipe, a log)."""
from __future__ import annotations

import io
import time

from quotegraph.cli.progress import StageProgress


class Terminal(io.StringIO):
    """A text stream that says it is a terminal, as stderr does in a shell."""

    def isatty(self) -> bool:
        return True


def test_a_long_stage_is_shown_on_a_terminal_and_cleared_at_the_end() -> None:
    stream = Terminal()
    with StageProgress("sources", stream=stream, after=0.0, every=0.01) as progress:
        progress("grouping statements by speaker")
        time.sleep(0.2)
    written = stream.getvalue()
    assert "quotegraph: sources: grouping statements by speaker (0 s)" in written
    last = written.rsplit("\r", 2)
    assert last[-1] == "" and last[-2].strip() == ""  # the line is blanked, the cursor at its start


def test_nothing_is_drawn_when_the_work_ends_before_the_delay() -> None:
    stream = Terminal()
    with StageProgress("sources", stream=stream, after=5.0) as progress:
        progress("counting")
    assert stream.getvalue() == ""


def test_nothing_is_drawn_on_a_stream_that_is_no_terminal() -> None:
    stream = io.StringIO()
    with StageProgress("sources", stream=stream, after=0.0, every=0.01) as progress:
        progress("counting")
        time.sleep(0.05)
    assert stream.getvalue() == ""
