"""One record or page to one `Article`, whatever file or dump it came from.

Records follow ``../shared/eval/*/articles/``: ``id, url, outlet, published, title``
and ``text`` or ``html``. The id is the record's own, else the file's stem, else a
hash of the URL's identity (so a re-crawl with tracking parameters is the same
article), else a hash of the text.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from herald.errors import InputError
from herald.ingest.urls import url_identity
from herald.model import Article


def content_hash(*parts: str | None) -> str:
    """A short, stable digest used for ids of anonymous records and change detection."""
    digest = hashlib.sha256("\x1f".join(p or "" for p in parts).encode("utf-8"))
    return digest.hexdigest()[:16]


def anonymous_id(url: str | None, content: str) -> str:
    """An id for a record that has none: its URL's identity, else its content."""
    identity = url_identity(url)
    return content_hash(identity) if identity else content_hash(None, content)


def article_from_page_text(text: str, stem: str, origin: str,
                           encoding: str | None = None) -> Article:
    """A captured page's text: the first non-empty line is its title."""
    title = next((line.strip() for line in text.splitlines() if line.strip()), None)
    return Article(id=stem, text=text, title=title, origin=origin, encoding=encoding)


def article_from_html(
    html: str,
    stem: str,
    record: dict[str, Any] | None,
    origin: str,
    encoding: str | None = None,
) -> Article:
    """A page through trafilatura; record metadata, where given, wins over the page's."""
    from herald.ingest.html import parse_html_page

    record = record or {}
    try:
        page = parse_html_page(html, record.get("url"))
    except InputError as error:
        raise InputError(error.message, origin) from None
    return Article(
        id=record_id(record, origin) or stem,
        text=page.text,
        url=optional_str(record, "url", origin) or page.url,
        outlet=optional_str(record, "outlet", origin) or page.outlet,
        published=published_date(record.get("published"), origin) or page.published,
        title=optional_str(record, "title", origin) or page.title,
        language=page.language or "und",
        origin=origin,
        html=html,
        segments=list(page.segments),
        encoding=encoding,
    )


def article_from_record(
    record: Any, origin: str, default_id: str | None = None, encoding: str | None = None
) -> Article:
    """A JSON record with ``text`` or ``html``; id from the record, else the file, else a hash."""
    if not isinstance(record, dict):
        raise InputError("a record must be a JSON object", origin)
    text, html = record.get("text"), record.get("html")
    url = optional_str(record, "url", origin)
    if isinstance(html, str) and html.strip() and not (isinstance(text, str) and text.strip()):
        stem = default_id or anonymous_id(url, html)
        return article_from_html(html, stem, record, origin, encoding)
    if not isinstance(text, str) or not text.strip():
        raise InputError("record has no 'text' or 'html'", origin)
    return Article(
        id=record_id(record, origin) or default_id or anonymous_id(url, text),
        text=text,
        url=url,
        outlet=optional_str(record, "outlet", origin),
        published=published_date(record.get("published"), origin),
        title=optional_str(record, "title", origin),
        origin=origin,
        encoding=encoding,
    )


def record_id(record: dict[str, Any], origin: str = "") -> str | None:
    """The record's own id: a string or an integer, or None when it has none."""
    value = record.get("id")
    if value is None or value == "":
        return None
    if isinstance(value, str | int) and not isinstance(value, bool):
        return str(value)
    raise InputError("'id' must be a string or an integer", origin)


def optional_str(record: dict[str, Any], key: str, origin: str) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value or None
    raise InputError(f"'{key}' must be a string or null", origin)


def published_date(value: Any, origin: str) -> str | None:
    """Accept YYYY-MM-DD (or an ISO timestamp, cut to its date); refuse anything else."""
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            pass
    raise InputError(f"'published' must be YYYY-MM-DD, got {_short(value)}", origin)


def _short(value: Any) -> str:
    """A value as an error line can show it: one line, at most 60 characters."""
    shown = repr(value) if isinstance(value, str | int | float | bool) else type(value).__name__
    return shown if len(shown) <= 60 else shown[:57] + "..."
