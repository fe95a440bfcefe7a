"""Fixtures the web app's browser tests share."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser_helpers import chromium


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium driven by the system's chromedriver, one per test module."""
    with chromium() as opened:
        yield opened
