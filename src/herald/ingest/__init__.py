"""The ingest stage: read captured articles from files, folders, dumps and stdin.

Each input becomes an `Article` or an `InputError` naming the file (and the record)
and the problem; one bad file or record never stops the others. One reader per
format, all streaming, so memory follows the largest record and not the file:

| suffix | reader |
|---|---|
| ``.txt`` | `pages`: captured page text, one article |
| ``.html``, ``.htm`` | `pages`: a page through trafilatura, one article |
| ``.json`` | `jsondoc`: one record, or a list read item by item |
| ``.jsonl``, ``.ndjson``, ``-`` | `jsonl`: one record per line (``-`` is standard input) |
| ``.warc`` | `warc`: HTML responses of a WARC capture (CC-NEWS) |

Any of them may be compressed: ``.gz``, ``.bz2``, ``.xz``, ``.zst`` (``page.html.gz``,
``dump.jsonl.zst``, ``CC-NEWS-….warc.gz``). The size limit applies to one record (a
page file is one record). Text is decoded in whatever encoding explains it, and the
encoding is kept on the article (`decode`). Records follow
``../shared/eval/*/articles/``: ``id, url, outlet, published, title`` and ``text`` or
``html``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from herald.errors import InputError
from herald.ingest.jsondoc import read_json_document
from herald.ingest.jsonl import read_jsonl
from herald.ingest.pages import read_page
from herald.ingest.records import (
    article_from_html,
    article_from_page_text,
    article_from_record,
    content_hash,
)
from herald.ingest.streams import (
    COMPRESSIONS,
    guarded,
    open_binary,
    split_suffix,
    utf8_stream,
)
from herald.ingest.urls import url_identity
from herald.ingest.warc import Skipped, read_warc
from herald.model import Article
from herald.settings import Settings

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl", ".ndjson", ".warc")
STDIN = "-"

Read = Article | InputError | Skipped

__all__ = [
    "COMPRESSIONS", "Read", "STDIN", "SUPPORTED_SUFFIXES", "Skipped", "article_from_html",
    "article_from_page_text", "article_from_record", "content_hash", "iter_input_files",
    "read_inputs", "url_identity",
]


def is_supported(path: Path) -> bool:
    """A file Herald reads: a known format, compressed or not."""
    return split_suffix(path)[0] in SUPPORTED_SUFFIXES


def iter_input_files(paths: Iterable[str]) -> Iterator[str]:
    """Expand directories recursively (sorted, so runs are reproducible)."""
    for raw in paths:
        if raw == STDIN:
            yield STDIN
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and is_supported(child):
                    yield str(child)
        else:
            yield raw


def read_inputs(paths: Iterable[str], settings: Settings) -> Iterator[Read]:
    """Every article in `paths`, one error per unreadable file or record, and what a
    dump holds that is not an article (`Skipped`)."""
    for name in iter_input_files(paths):
        if name == STDIN:
            yield from _read_stream(_stdin_bytes(), ".jsonl", "stdin", "<stdin>", settings)
            continue
        try:
            yield from _read_file(Path(name), settings)
        except InputError as error:
            yield error


def _read_file(path: Path, settings: Settings) -> Iterator[Read]:
    origin = str(path)
    suffix, compression, stem = split_suffix(path)
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(f"unsupported file type '{suffix or path.name}'", origin)
    if not path.is_file():
        raise InputError("no such file", origin)
    try:
        stream = open_binary(path, compression)
    except OSError as error:
        raise InputError(f"cannot open: {error.strerror or error}", origin) from None
    with stream:
        what = (compression or "file").lstrip(".")
        yield from guarded(_read_stream(stream, suffix, stem, origin, settings), origin, what)


def _read_stream(
    stream: IO[bytes], suffix: str, stem: str, origin: str, settings: Settings
) -> Iterator[Read]:
    limit = settings.max_input_bytes
    if suffix in (".txt", ".html", ".htm"):
        yield from read_page(stream, suffix, stem, origin, limit)
    elif suffix == ".json":
        yield from read_json_document(stream, origin, stem, limit)
    elif suffix == ".warc":
        yield from read_warc(stream, origin, limit)
    else:
        yield from _read_lines(stream, origin, limit)


def _read_lines(stream: IO[bytes], origin: str, limit: int) -> Iterator[Article | InputError]:
    utf8, bom = utf8_stream(stream)
    for read in read_jsonl(utf8, origin, limit):
        if bom and isinstance(read, Article):
            read.encoding = bom
        yield read


def _stdin_bytes() -> IO[bytes]:
    """Standard input's bytes (a test's text stream is encoded as UTF-8)."""
    binary = getattr(sys.stdin, "buffer", None)
    if binary is not None:
        return binary
    import io

    return io.BytesIO(sys.stdin.read().encode("utf-8"))
