"""quotegraph: who said what, to whom, when, pinned to the exact characters it came from."""
from __future__ import annotations

from .api import extract, extract_many
from .article import Article
from .config import Options
from .errors import InputError, InvalidDateError, ModelError, QuotegraphError
from .record import Quote, Record, Speaker
from .text.spans import Span

__version__ = "0.1.0"

__all__ = [
    "Article", "InputError", "InvalidDateError", "ModelError", "Options", "Quote",
    "QuotegraphError", "Record", "Span", "Speaker", "extract", "extract_many", "__version__",
]
