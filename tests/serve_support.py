"""Stores and servers the serve tests share: the seeds plus hostile articles."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import uvicorn

from herald.pipeline import ingest
from herald.serve import create_app
from herald.settings import Settings

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def build_store(db: Path, *inputs: Path) -> Path:
    report = ingest([str(path) for path in inputs], Settings(db=db, workers=1))
    assert report.failed == 0, [str(f) for f in report.failures]
    return db


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def live_server(db: Path, token: str | None = None) -> Iterator[str]:
    """`herald serve`'s app under uvicorn in a thread; yields its base URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    app = create_app(db, token, ingest_workers=1, url=url)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def lille_event_id(base: str) -> str:
    found = httpx.get(f"{base}/api/events", params={"q": "lille"}).json()["events"]
    (event,) = [e for e in found if e["location"]["name"] == "Lille"]
    return str(event["id"])
