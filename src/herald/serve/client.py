"""`herald ingest --server URL`: send inputs to the `herald serve` that holds the store.

Files go as multipart uploads under their own names (so a `.txt` page keeps the id its
file stem gives it), a few hundred per request; stdin goes as JSONL. The server runs
the pipeline and answers with the same counts `herald ingest` prints.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx

from herald.errors import HeraldError
from herald.ingest import iter_input_files

# Files per request: the pipeline's batch size, so each request is about one transaction.
FILES_PER_REQUEST = 256
# Bytes per request, under the server's limit (writes.MAX_REQUEST_BYTES, 64 MB).
BYTES_PER_REQUEST = 32 * 1024 * 1024
# An ingest through the server runs the whole pipeline before answering.
TIMEOUT_S = 600.0


class ServerError(HeraldError):
    """The server refused or failed a request."""

    code = "E500"


def send_inputs(paths: list[str], server: str,
                on_progress: Callable[[int], None] | None = None) -> dict[str, Any]:
    """Post every input to ``server``; returns the summed counts and failures."""
    token = os.environ.get("HERALD_TOKEN", "")
    headers = {"authorization": f"Bearer {token}"} if token else {}
    total: dict[str, Any] = {"read": 0, "stored": 0, "unchanged": 0, "failed": 0,
                             "events": 0, "failures": []}
    with httpx.Client(base_url=server.rstrip("/"), headers=headers, timeout=TIMEOUT_S) as http:
        for request in _requests(paths):
            answer = _post(http, request)
            for key in ("read", "stored", "unchanged", "failed"):
                total[key] += answer.get(key, 0)
            total["events"] = answer.get("events", total["events"])
            total["failures"].extend(answer.get("failures", []))
            if on_progress:
                on_progress(len(request.get("files", [])) or 1)
    return total


def _requests(paths: list[str]) -> Iterator[dict[str, Any]]:
    """Keyword arguments of each POST: stdin as JSONL, files in bounded groups."""
    files = list(iter_input_files(paths))
    if "-" in files:
        yield {"content": sys.stdin.buffer.read(),
               "headers": {"content-type": "application/x-ndjson"}}
    group: list[tuple[str, tuple[str, bytes]]] = []
    size = 0
    for name in (f for f in files if f != "-"):
        data = _read(name)
        if group and (len(group) >= FILES_PER_REQUEST or size + len(data) > BYTES_PER_REQUEST):
            yield {"files": group}
            group, size = [], 0
        group.append(("files", (_upload_name(name), data)))
        size += len(data)
    if group:
        yield {"files": group}


def _read(name: str) -> bytes:
    try:
        return Path(name).read_bytes()
    except OSError as error:
        raise HeraldError(f"cannot read: {error.strerror}", name) from None


def _upload_name(name: str) -> str:
    """The path as given, relative: two folders' a.txt stay two files on the server."""
    path = Path(name)
    return path.as_posix().lstrip("/") if not path.is_absolute() else path.name


def _post(http: httpx.Client, request: dict[str, Any]) -> dict[str, Any]:
    try:
        response = http.post("/api/ingest", **request)
    except httpx.HTTPError as error:
        raise ServerError(f"cannot reach the server: {error}", str(http.base_url)) from None
    if response.status_code != 200:
        raise ServerError(f"{response.status_code}: {_detail(response)}", str(http.base_url))
    answer: dict[str, Any] = response.json()
    return answer


def _detail(response: httpx.Response) -> str:
    try:
        return str(response.json().get("detail"))
    except ValueError:
        return response.text[:200]
