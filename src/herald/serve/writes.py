"""`POST /api/ingest`: a request's records or files through the same pipeline as the CLI.

The body lands in a private temporary folder (files keep their names, so a `.txt`
page gets the id it would get from `herald ingest FILE`), then `pipeline.ingest` reads
that folder. One ingest runs at a time: the server is the store's only writer, and
readers keep reading (each batch is one transaction; they see it once it commits).
"""

from __future__ import annotations

import json
import re
import tempfile
import threading
from pathlib import Path, PurePosixPath
from typing import Any

from fastapi import HTTPException, Request
from starlette.datastructures import UploadFile

from herald.errors import HeraldError
from herald.pipeline import IngestReport, ingest
from herald.settings import MAX_INPUT_BYTES, Settings

# A request carries at most this much: a few hundred pages per call, as the CLI sends.
MAX_REQUEST_BYTES = 64 * 1024 * 1024
JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/json-lines",
               "application/x-jsonlines")
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_writer = threading.Lock()


async def save_body(request: Request, folder: Path) -> int:
    """Write what the request carries into ``folder``; returns how many inputs."""
    declared = int(request.headers.get("content-length") or 0)
    if declared > MAX_REQUEST_BYTES:
        raise HTTPException(413, f"request over {MAX_REQUEST_BYTES} bytes; send fewer inputs")
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        return await _save_files(request, folder)
    body = await _read_limited(request)
    if kind == "application/json":
        return _save_json(body, folder)
    if kind in JSONL_TYPES:
        (folder / "records.jsonl").write_bytes(body)
        return body.count(b"\n") + (0 if body.endswith(b"\n") else 1)
    raise HTTPException(415, "send application/json (a record or a list), "
                        "application/x-ndjson (one record per line) or multipart files")


async def _read_limited(request: Request) -> bytes:
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_REQUEST_BYTES:
            raise HTTPException(413, f"request over {MAX_REQUEST_BYTES} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _save_json(body: bytes, folder: Path) -> int:
    """A record or a list of records, written as JSONL: a record without an id gets
    the content hash `herald ingest -` would give it, not the name of a temporary file."""
    try:
        document: Any = json.loads(body)
    except ValueError as error:
        raise HTTPException(400, f"malformed JSON: {error}") from None
    records = document if isinstance(document, list) else [document]
    lines = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    (folder / "records.jsonl").write_text(lines, encoding="utf-8")
    return len(records)


async def _save_files(request: Request, folder: Path) -> int:
    form = await request.form(max_files=10_000, max_part_size=MAX_INPUT_BYTES + 1)
    saved = 0
    for _, value in form.multi_items():
        if isinstance(value, UploadFile):
            target = folder / safe_relative_name(value.filename or f"upload-{saved}.txt")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(await value.read())
            saved += 1
    await form.close()
    return saved


def safe_relative_name(name: str) -> Path:
    """A client's file name as a path inside the upload folder: no '..', no absolute
    path, only plain characters; the stem (the article id of a .txt) is kept otherwise."""
    parts = [_UNSAFE_NAME.sub("_", part) for part in PurePosixPath(name.replace("\\", "/")).parts
             if part not in ("", ".", "..", "/")]
    parts = [part for part in parts if part.strip("._")] or ["upload.txt"]
    return Path(*parts)


def run_ingest(folder: Path, db: str, workers: int) -> dict[str, Any]:
    """The pipeline over the saved inputs; failures name the file as the client sent it."""
    with _writer:
        try:
            report = ingest([str(folder)], Settings(db=Path(db), workers=workers))
        except HeraldError as error:
            raise HTTPException(409, _relative(str(error), folder)) from None
    return report_json(report, folder)


def report_json(report: IngestReport, folder: Path) -> dict[str, Any]:
    return {"read": report.read, "stored": report.stored, "unchanged": report.unchanged,
            "failed": report.failed, "events": report.events,
            "failures": [_relative(str(failure), folder) for failure in report.failures]}


def _relative(message: str, folder: Path) -> str:
    return message.replace(f"{folder}/", "").replace(str(folder), "")


def upload_folder() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="herald-ingest-")
