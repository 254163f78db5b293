"""The serve stage: the store as an HTTP API and a browser UI (`herald serve`).

``create_app(db, token)`` builds the FastAPI application; ``run`` serves it with
uvicorn, with a note beside the store saying who holds it.
"""

from __future__ import annotations

from pathlib import Path

from herald.serve.app import create_app

__all__ = ["create_app", "run"]


def run(db: Path, host: str, port: int, token: str | None, ingest_workers: int) -> None:
    """Serve until interrupted (the app's lifespan writes and removes the note)."""
    import uvicorn

    shown_host = f"[{host}]" if ":" in host else host
    app = create_app(db, token, ingest_workers, url=f"http://{shown_host}:{port}")
    uvicorn.run(app, host=host, port=port, log_level="warning")
