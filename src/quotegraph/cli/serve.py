"""`quotegraph serve`: the web app over a store (the app itself is web/)."""
from __future__ import annotations

import click

from ..errors import StoreError
from ..store.url import database_url, display_url
from .common import EXIT_USAGE, db_option, fail, report

SERVE_HELP = """Serve a store as a website: search quotes, read articles with their attributions
highlighted, browse speakers, timelines and statement clusters. Every page has a JSON twin
(the same path with .json); the API is described at /api and /openapi.json.

The store is opened read-only (SQLite through a mode=ro URI, PostgreSQL in read-only
transactions) and no page writes. It listens on 127.0.0.1 unless --host says otherwise:
the app has no login, so put it behind a proxy that has one before exposing it.

\b
Exit codes: 0 stopped (Ctrl-C); 2 the store cannot be opened or the web extra
(pip install 'quotegraph[web]') is missing.
"""


@click.command(help=SERVE_HELP)
@db_option()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--access-log/--no-access-log", default=True, show_default=True, help="Print a line per request.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes, each with the store opened read-only (more use more cores).")
@click.option("--in-progress", type=click.IntRange(1, 64), default=2, show_default=True,
              help="Requests each process works on at once; the others wait their turn, first come first served.")
def serve(db: str, host: str, port: int, access_log: bool, workers: int, in_progress: int) -> None:
    try:
        import uvicorn

        from ..web import create_app
        from ..web.serving import server_config
        from ..web.worker import serve_workers
    except ImportError as err:
        fail(f"the web app needs its dependencies: pip install 'quotegraph[web]' (missing {err.name})", EXIT_USAGE)
    try:
        app = create_app(db, in_progress=in_progress)
    except StoreError as err:
        fail(str(err), EXIT_USAGE)
    processes = f" ({workers} worker processes)" if workers > 1 else ""
    report(f"serving {display_url(database_url(db))} read-only at http://{host}:{port}/{processes}")
    if workers == 1:
        uvicorn.Server(server_config(app, host, port, access_log=access_log, log_level="info")).run()
        return
    app.state.store.close()  # opened to check it: each worker opens its own
    try:
        serve_workers(db, host, port, workers, access_log, in_progress)
    except OSError as err:
        fail(f"cannot listen on {host}:{port}: {err.strerror or err}", EXIT_USAGE)
