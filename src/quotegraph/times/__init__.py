"""Temporal expressions: finding them and giving each its TIMEX3 value."""
from __future__ import annotations

from .expression import Timex
from .tagger import find_times

__all__ = ["Timex", "find_times"]
