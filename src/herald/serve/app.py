"""`herald serve`: one process holds the store and serves it as pages and JSON.

Read-only unless started with a token: without one, the store is opened read-only
(other readers may open it too) and every write is refused. With ``HERALD_TOKEN`` set,
the server opens the store for writing and is its only writer; `herald ingest --server`
sends inputs to it, and readers see each batch once it commits.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from herald import __version__
from herald.serve import api, pages
from herald.serve.security import SecurityHeaders, WriteGate
from herald.store import Store
from herald.store.locks import remove_serve_note, write_serve_note

STATIC = Path(__file__).parent / "static"


def create_app(db: Path | str, token: str | None = None, ingest_workers: int = 1,
               url: str | None = None) -> FastAPI:
    """The application over one store; the store stays open until the app shuts down.

    With ``url``, a note beside the store says, while the app runs, that this process
    holds it and where (what other commands point to when they find it locked).
    """
    store = Store(db, read_only=not token)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if url:
            write_serve_note(db, url, writes=bool(token))
        try:
            yield
        finally:
            if url:
                remove_serve_note(db)
            store.close()

    app = FastAPI(title="Herald", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None,
                  description="Political events read from news articles, every fact with "
                  "its source. Each HTML page has a JSON twin under /api with the same "
                  "query parameters.")
    app.state.store = store
    app.state.db = str(db)
    app.state.token = token
    app.state.ingest_workers = ingest_workers
    app.state.generation = 0  # writes through this server so far: what page caches key on
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_exception_handler(HTTPException, _http_error)
    app.add_middleware(WriteGate, token=token)
    app.add_middleware(SecurityHeaders)
    return app


async def _http_error(request: Request, error: Exception) -> Response:
    """JSON under /api, a page elsewhere; the message is escaped like any other text."""
    assert isinstance(error, HTTPException)
    if request.url.path.startswith("/api"):
        return JSONResponse({"detail": error.detail}, status_code=error.status_code)
    return pages.render(request, "error.html", status_code=error.status_code,
                        status=error.status_code, detail=str(error.detail))
