"""Every error quotegraph raises, with a stable code, in one place (as spaCy's errors.py)."""
from __future__ import annotations


class QuotegraphError(Exception):
    """Base class. `code` is stable across releases; the message names the input."""

    code = "QG000"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        prefix = f"{source}: " if source else ""
        super().__init__(f"[{self.code}] {prefix}{message}")
        self.reason = message


class InputError(QuotegraphError):
    """The input cannot be read as an article (missing, empty, binary, badly encoded...)."""

    code = "QG100"


class InvalidDateError(InputError):
    """A publication date that is not a real calendar date in YYYY-MM-DD form."""

    code = "QG101"


class LanguageError(InputError):
    """The article is not in English (the language detected is named): the pipeline reads English."""

    code = "QG102"


class ModelError(QuotegraphError):
    """The configured spaCy pipeline cannot be loaded or is not an English spaCy 3.8 pipeline,
    or the attribution model's artifact is missing, broken or built for another version."""

    code = "QG200"


class ExtractionError(QuotegraphError):
    """Extraction failed on an article (a bug): reported in the record, never fatal to a batch."""

    code = "QG300"


class StoreError(QuotegraphError):
    """The store cannot be opened or used (a bad database URL, no driver, a failed migration)."""

    code = "QG400"


class OutputError(QuotegraphError):
    """An output cannot be written: it exists already (jobs never overwrite), or its path is unusable."""

    code = "QG500"
