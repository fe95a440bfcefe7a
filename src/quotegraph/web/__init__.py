"""The web app over the store (`quotegraph serve`): needs the `web` extra (FastAPI, Jinja2, uvicorn)."""
from .app import create_app

__all__ = ["create_app"]
