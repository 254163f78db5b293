"""Whole-file pages: ``.txt`` captured text and ``.html``/``.htm`` pages, one article each.

The page is read up to the size limit (after decompression) and decoded in whatever
encoding explains it (``decode.decode_text``); an HTML page's own ``<meta charset>``
is the declared encoding when its bytes are not UTF-8.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO

from herald.errors import InputError
from herald.ingest.decode import decode_text
from herald.ingest.records import article_from_html, article_from_page_text
from herald.ingest.streams import read_bounded
from herald.model import Article

# Where browsers look for a page's declared charset: its first 1,024 bytes (HTML
# Living Standard, "prescan"); a little more for pages with long <head> comments.
META_SNIFF_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)


def read_page(stream: IO[bytes], suffix: str, stem: str, origin: str,
              limit: int) -> Iterator[Article]:
    """The page's one article; ``InputError`` when it is too big, empty, or not text."""
    data = read_bounded(stream, limit)
    if data is None:
        raise InputError(f"file is over the {limit}-byte limit", origin)
    if not data.strip():
        raise InputError("empty file", origin)
    html = suffix in (".html", ".htm")
    text, encoding = decode_text(data, origin, declared_charset(data) if html else None)
    if not text.strip():
        raise InputError("empty file", origin)
    if html:
        yield article_from_html(text, stem, None, origin, encoding)
    else:
        yield article_from_page_text(text, stem, origin, encoding)


def declared_charset(data: bytes) -> str | None:
    """The charset a page's ``<meta>`` declares, if any."""
    found = _META_CHARSET.search(data[:META_SNIFF_BYTES])
    return found.group(1).decode("ascii") if found else None
