"""Bytes to text for plain-text inputs: UTF-8 (BOM or not), cp1252 as a fallback, never binary."""
from __future__ import annotations

import codecs
import re

from ..errors import InputError

# C0 controls other than tab, newline, vertical tab, form feed and carriage return, and DEL.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")
_SNIFF_BYTES = 8192
# Text files have almost no control bytes; executables, images and archives have many.
_MAX_CONTROL_SHARE = 0.05
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def looks_binary(data: bytes) -> bool:
    """True for data with a NUL byte or, in its first 8 KiB, more than 5% control bytes."""
    if b"\x00" in data:
        return True
    sample = data[:_SNIFF_BYTES]
    return len(_CONTROL_BYTES.findall(sample)) > len(sample) * _MAX_CONTROL_SHARE


def decode_text(data: bytes, *, source: str) -> str:
    """The text of `data`, a UTF-8 BOM stripped; raises InputError naming `source`.

    cp1252 (a superset of printable Latin-1) is tried only when the bytes are not UTF-8,
    and accepted only if it yields no control characters, so that binary data is never
    passed off as text.
    """
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError("not UTF-8 text (a UTF-16 byte order mark, but invalid UTF-16)", source=source) from None
    if looks_binary(data):
        raise InputError("binary file, not text", source=source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text (nor cp1252/Latin-1)", source=source) from None
    if _CONTROL_CHARS.search(text):
        raise InputError("not UTF-8 text", source=source)
    return text
