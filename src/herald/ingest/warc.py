"""WARC and WARC.gz captures (Common Crawl's CC-NEWS, web archives), through warcio.

Each HTML response becomes an article: its id from the target URL's identity (so a
re-crawl of the same page, tracking parameters and all, updates one article), its
URL from the record, its publication date from the page when trafilatura finds one,
else the record's ``WARC-Date`` (the capture day). Every other record — requests,
metadata, revisits, non-HTML or failed responses — is skipped and counted by kind.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from herald.errors import InputError
from herald.ingest.decode import decode_text
from herald.ingest.pages import declared_charset
from herald.ingest.records import anonymous_id, article_from_html, published_date
from herald.model import Article

HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class Skipped:
    """A record that is not an article, by kind ('warc request', 'response image/png')."""

    kind: str
    origin: str


def read_warc(
    stream: IO[bytes], origin: str, limit: int
) -> Iterator[Article | InputError | Skipped]:
    """Articles of a WARC stream's HTML responses, and what was skipped."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed
    from warcio.statusandheaders import StatusAndHeadersParserException

    number = 0
    try:
        for number, record in enumerate(ArchiveIterator(stream), start=1):
            if not record.format.startswith("warc"):  # warcio also reads ARC, and guesses
                yield InputError(f"record {number} is not a WARC record", origin)
                return
            yield _from_record(record, f"{origin}:{number}", limit)
    except (ArchiveLoadFailed, StatusAndHeadersParserException) as error:
        message = (str(error).splitlines() or [type(error).__name__])[0]
        yield InputError(f"not a WARC record after record {number}: {message}", origin)


def _from_record(record: Any, where: str, limit: int) -> Article | InputError | Skipped:
    skip = _skip_reason(record)
    if skip:
        return Skipped(skip, where)
    body = record.content_stream().read(limit + 1)
    if len(body) > limit:
        return InputError(f"record is over the {limit}-byte limit", where)
    url = record.rec_headers.get_header("WARC-Target-URI")
    if not body.strip():
        return InputError("empty response", where)
    declared = _http_charset(record) or declared_charset(body)
    try:
        html, encoding = decode_text(body, where, declared)
        article = article_from_html(html, anonymous_id(url, html), {"url": url}, where,
                                    encoding)
    except InputError as error:
        return error
    if article.published is None:
        article.published = _warc_day(record, where)
    return article


def _skip_reason(record: Any) -> str | None:
    """Why a record is not an article, or None when it is an HTML response."""
    if record.rec_type != "response":
        return f"warc {record.rec_type}"
    http = record.http_headers
    if http is None:
        return "response without HTTP headers"
    status = http.get_statuscode()
    if status != "200":
        return f"response status {status}"
    content_type = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if content_type not in HTML_TYPES:
        return f"response {content_type or 'without a type'}"
    return None


def _http_charset(record: Any) -> str | None:
    content_type = record.http_headers.get_header("Content-Type") or ""
    for parameter in content_type.split(";")[1:]:
        key, _, value = parameter.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _warc_day(record: Any, where: str) -> str | None:
    """The capture day, when the record's WARC-Date is a well-formed one."""
    try:
        return published_date(record.rec_headers.get_header("WARC-Date"), where)
    except InputError:
        return None
