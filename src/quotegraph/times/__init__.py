"""Temporal expressions: finding them and giving each its TIMEX3 value."""
from __future__ import annotations

from .tagger import find_times

__all__ = ["find_times"]
