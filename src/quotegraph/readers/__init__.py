"""Readers: files, directories and stdin to `Article`s, with a `ReadError` for each failed input."""
from __future__ import annotations

from .base import ReadError, ReadItem
from .html import html_article
from .jsonl import jsonl_items
from .paths import STDIN, SUFFIXES, is_single_article, read_file, read_inputs
from .txt import text_article

__all__ = [
    "STDIN", "SUFFIXES", "ReadError", "ReadItem", "html_article", "is_single_article",
    "jsonl_items", "read_file", "read_inputs", "text_article",
]
