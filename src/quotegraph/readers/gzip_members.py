"""Gzip files member by member, so that one corrupt or truncated member (a WARC record cut
short by a crawler) is reported and the members after it are still read."""
from __future__ import annotations

import zlib
from typing import BinaryIO, Iterator

GZIP_MAGIC = b"\x1f\x8b\x08"
_CHUNK = 1 << 16


def gzip_members(stream: BinaryIO) -> Iterator[tuple[int, bytes | str]]:
    """(byte offset, uncompressed bytes) of each gzip member of a seekable stream, or
    (offset, reason) for a member that cannot be read; reading then goes on at the next
    gzip header found after it (one reason per unreadable stretch)."""
    offset = 0
    resyncing = False
    while True:
        stream.seek(offset)
        head = stream.read(_CHUNK)
        if not head.strip(b"\0\r\n\t "):  # the end (padding included)
            return
        data, consumed, problem = _member(stream, head)
        if problem is None:
            resyncing = False
            yield offset, data
            offset += consumed
            continue
        if not resyncing:
            yield offset, problem
        resyncing = True
        found = _next_magic(stream, offset + 1)
        if found is None:
            return
        offset = found


def _member(stream: BinaryIO, head: bytes) -> tuple[bytes, int, str | None]:
    """(uncompressed bytes, compressed length, None) of the member starting with `head`, or
    (b"", 0, reason) where it is not a whole, valid gzip member."""
    if not head.startswith(GZIP_MAGIC):
        return b"", 0, "not a gzip member (bytes between members, or a corrupt header)"
    decompressor = zlib.decompressobj(wbits=31)
    parts: list[bytes] = []
    consumed = 0
    chunk = head
    try:
        while True:
            parts.append(decompressor.decompress(chunk))
            if decompressor.eof:
                return b"".join(parts), consumed + len(chunk) - len(decompressor.unused_data), None
            consumed += len(chunk)
            chunk = stream.read(_CHUNK)
            if not chunk:
                return b"", 0, "truncated gzip member (the file ends inside it)"
    except zlib.error as err:
        return b"", 0, f"corrupt gzip member ({err})"


def _next_magic(stream: BinaryIO, start: int) -> int | None:
    """The offset of the next gzip header at or after `start`, or None."""
    position = start
    while True:
        stream.seek(position)
        chunk = stream.read(_CHUNK)
        if len(chunk) < len(GZIP_MAGIC):
            return None
        found = chunk.find(GZIP_MAGIC)
        if found != -1:
            return position + found
        position += len(chunk) - len(GZIP_MAGIC) + 1
