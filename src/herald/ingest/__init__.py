"""The ingest stage: read captured articles from files, directories and stdin.

Each input becomes an `Article` or an `InputError` naming the file and the problem;
one bad file never stops the others. Formats: ``.txt`` page text, ``.html``/``.htm``
pages, ``.json`` (one record or a list), ``.jsonl`` records, and ``-`` for JSONL on
standard input. Records follow ``../shared/eval/*/articles/``: ``id, url, outlet,
published, title`` and ``text`` or ``html``.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from herald.errors import InputError
from herald.model import Article
from herald.settings import Settings

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl")
STDIN = "-"

Read = Article | InputError


def content_hash(*parts: str | None) -> str:
    """A short, stable digest used for ids of anonymous records and change detection."""
    digest = hashlib.sha256("\x1f".join(p or "" for p in parts).encode("utf-8"))
    return digest.hexdigest()[:16]


def iter_input_files(paths: Iterable[str]) -> Iterator[str]:
    """Expand directories recursively (sorted, so runs are reproducible)."""
    for raw in paths:
        if raw == STDIN:
            yield STDIN
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUPPORTED_SUFFIXES:
                    yield str(child)
        else:
            yield raw


def read_inputs(paths: Iterable[str], settings: Settings) -> Iterator[Read]:
    """Every article in `paths`, or one error per unreadable file or record."""
    for name in iter_input_files(paths):
        if name == STDIN:
            yield from _read_jsonl_stream(sys.stdin, "<stdin>")
            continue
        try:
            yield from _read_file(Path(name), settings)
        except InputError as error:
            yield error


def _read_file(path: Path, settings: Settings) -> Iterator[Read]:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(f"unsupported file type '{suffix or path.name}'", str(path))
    text = _read_text(path, settings)
    if suffix == ".txt":
        yield article_from_page_text(text, path.stem, str(path))
    elif suffix in (".html", ".htm"):
        yield article_from_html(text, path.stem, None, str(path))
    elif suffix == ".json":
        yield from _read_json_document(text, path)
    else:
        yield from _read_jsonl_stream(text.splitlines(), str(path))


def _read_text(path: Path, settings: Settings) -> str:
    """Bytes to text, refusing what is not a text article."""
    origin = str(path)
    if not path.exists():
        raise InputError("no such file", origin)
    size = path.stat().st_size
    if size > settings.max_input_bytes:
        raise InputError(
            f"file is {size} bytes, over the {settings.max_input_bytes}-byte limit", origin
        )
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise InputError("binary file, not text", origin)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"not UTF-8 text (byte {error.start})", origin) from None
    if not text.strip():
        raise InputError("empty file", origin)
    return text


def article_from_page_text(text: str, stem: str, origin: str) -> Article:
    """A captured page's text: the first non-empty line is its title."""
    title = next((line.strip() for line in text.splitlines() if line.strip()), None)
    return Article(id=stem, text=text, title=title, origin=origin)


def article_from_html(html: str, stem: str, record: dict[str, Any] | None, origin: str) -> Article:
    """A page through trafilatura; record metadata, where given, wins over the page's."""
    from herald.ingest.html import parse_html_page

    record = record or {}
    try:
        page = parse_html_page(html, record.get("url"))
    except InputError as error:
        raise InputError(error.message, origin) from None
    return Article(
        id=str(record.get("id") or stem),
        text=page.text,
        url=record.get("url") or page.url,
        outlet=record.get("outlet") or page.outlet,
        published=_published(record.get("published"), origin) or page.published,
        title=record.get("title") or page.title,
        language=page.language or "und",
        origin=origin,
        html=html,
        segments=list(page.segments),
    )


def _read_json_document(text: str, path: Path) -> Iterator[Read]:
    origin = str(path)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"malformed JSON at line {error.lineno}: {error.msg}", origin) from None
    if isinstance(document, dict):
        yield article_from_record(document, origin, default_id=path.stem)
        return
    if not isinstance(document, list):
        raise InputError("JSON must be an article record or a list of records", origin)
    for index, record in enumerate(document):
        try:
            yield article_from_record(record, f"{origin}[{index}]")
        except InputError as error:
            yield error


def _read_jsonl_stream(lines: Iterable[str] | TextIO, origin: str) -> Iterator[Read]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
            yield article_from_record(record, where)
        except json.JSONDecodeError as error:
            yield InputError(f"malformed JSON: {error.msg}", where)
        except InputError as error:
            yield error


def article_from_record(record: Any, origin: str, default_id: str | None = None) -> Article:
    """A JSON record with ``text`` or ``html``; id from the record, else the file, else a hash."""
    if not isinstance(record, dict):
        raise InputError("a record must be a JSON object", origin)
    text, html = record.get("text"), record.get("html")
    if isinstance(html, str) and html.strip() and not (isinstance(text, str) and text.strip()):
        stem = default_id or content_hash(html)
        return article_from_html(html, stem, record, origin)
    if not isinstance(text, str) or not text.strip():
        raise InputError("record has no 'text' or 'html'", origin)
    article_id = record.get("id") or default_id or content_hash(record.get("url"), text)
    return Article(
        id=str(article_id),
        text=text,
        url=_optional_str(record, "url", origin),
        outlet=_optional_str(record, "outlet", origin),
        published=_published(record.get("published"), origin),
        title=_optional_str(record, "title", origin),
        origin=origin,
    )


def _optional_str(record: dict[str, Any], key: str, origin: str) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value or None
    raise InputError(f"'{key}' must be a string or null", origin)


def _published(value: Any, origin: str) -> str | None:
    """Accept YYYY-MM-DD (or an ISO timestamp, cut to its date); refuse anything else."""
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            pass
    raise InputError(f"'published' must be YYYY-MM-DD, got {value!r}", origin)
