"""The app behind the real server (uvicorn, as `quotegraph serve` runs it), spoken to over a
plain socket: what a client gets where the HTTP parser, not the app, would have answered."""
from __future__ import annotations

import socket
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from support.browser import served
from support.web import ingest_corpus


@pytest.fixture(scope="module")
def address(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    folder = tmp_path_factory.mktemp("server")
    db = str(folder / "news.db")
    ingest_corpus(db, folder / "articles")
    with served(db) as url:
        parts = urlsplit(url)
        yield parts.hostname or "", parts.port or 0


def exchange(address: tuple[str, int], request: bytes) -> bytes:
    """`request` sent whole, then everything the server answers until it closes."""
    with socket.create_connection(address, timeout=30) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer


def test_a_200_kb_address_gets_a_414_not_a_reset(address: tuple[str, int]) -> None:
    request = b"GET /quotes?q=" + b"x" * 200_000 + b" HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
    answer = exchange(address, request)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 414 "), head
    assert b"longer than 8,192 bytes" in body and b"xxxxxxxxxx" not in body


def test_head_on_a_page(address: tuple[str, int]) -> None:
    answer = exchange(address, b"HEAD /quotes?q=costs HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 "), head
    assert b"content-length: " in head.lower() and body == b""
