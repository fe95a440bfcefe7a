"""`quotegraph serve --workers N`: N server processes sharing one listening socket.

Each worker opens the store itself (read-only) with its own connections and its own
cache (cache.py).
"""
from __future__ import annotations

import os
import socket

from fastapi import FastAPI

from .app import create_app
from .serving import server_config

# uvicorn starts workers as fresh processes that import the app by name, so the store's
# location (and how many requests each works on at once) reaches them through the
# environment.
DB_ENV = "QUOTEGRAPH_SERVE_DB"
IN_PROGRESS_ENV = "QUOTEGRAPH_SERVE_IN_PROGRESS"
FACTORY = f"{__name__}:app_from_environment"


def app_from_environment() -> FastAPI:
    """The app over the store named by $QUOTEGRAPH_SERVE_DB (in each worker)."""
    return create_app(os.environ[DB_ENV], in_progress=int(os.environ[IN_PROGRESS_ENV]))


# The listening socket is made here with its protocol named (IPPROTO_TCP): asyncio turns
# Nagle's algorithm off only on connections accepted from such a socket, and uvicorn's own
# (protocol 0) left it on, so each response's body waited for the client's delayed ACK of
# its headers (40 ms a request on loopback).
def listening_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to host:port, to be shared by the workers. Raises OSError."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def serve_workers(db: str, host: str, port: int, workers: int, access_log: bool, in_progress: int) -> None:
    """Serve the store at `db` from `workers` processes, each working on `in_progress`
    requests at a time, until stopped. Raises OSError when host:port cannot be bound."""
    from uvicorn.supervisors import Multiprocess

    sock = listening_socket(host, port)
    os.environ[DB_ENV] = db
    os.environ[IN_PROGRESS_ENV] = str(in_progress)
    config = server_config(FACTORY, host, port, factory=True, workers=workers, access_log=access_log,
                           log_level="info")
    Multiprocess(config, sockets=[sock]).run()
