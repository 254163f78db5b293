"""Read a captured HTML page: main text, title, date, site name and reader comments.

Extraction is a numbered cascade, each step explicit, as trafilatura itself does:

1. ``trafilatura.bare_extraction`` (main text, metadata and its separate comments);
2. ``trafilatura.baseline`` (article/paragraph text when the main extractor finds nothing);
3. the plain text of the lxml tree (last resort, before giving up with ``InputError``).

Before the cascade, the page's own comment containers are read and cut out of the page
(``html_comments``), so comments never reach the main text; trafilatura's comments are used
when the page has no container Herald recognises. The page text is composed as title +
blank line + main text (+ blank line + each comment), and the segments say which part is
which (one segment per comment), so later stages can keep comments out of events.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

import lxml.html
import trafilatura
from lxml.etree import ParserError

from herald.errors import InputError
from herald.ingest.html_comments import take_comments
from herald.model import Segment, SegmentKind

LOG = logging.getLogger(__name__)

# A step's result shorter than this is treated as "nothing extracted" and the next step is
# tried: a page whose only text is a menu entry or a cookie banner is not an article. Set
# from the smallest real article text in the dev sets (~360 chars) with a wide margin.
MIN_TEXT_CHARS = 80

PART_SEPARATOR = "\n\n"
_BLANK_RUN = re.compile(r"\n\s*\n\s*")


@dataclass(frozen=True)
class HtmlPage:
    """What a page yields: its composed text, the parts of it, and its metadata."""

    text: str
    segments: list[Segment]
    title: str | None
    published: str | None
    outlet: str | None
    url: str | None
    language: str | None


def parse_html_page(html: str, url: str | None = None) -> HtmlPage:
    """Extract a page; raise ``InputError`` when no step of the cascade finds text."""
    if not html or not html.strip() or "<" not in html:
        raise InputError("malformed HTML: no markup")
    own_comments, html = _cut_comments(html)
    found = _extract_with_trafilatura(html, url)
    body = _long_enough(_clean(found.get("text") or ""))
    if not body:
        body = _baseline_text(html) or _lxml_text(html)
    if not body:
        raise InputError("malformed HTML: no text could be extracted")
    title = _clean_line(found.get("title"))
    body = _drop_repeated_title(body, title)
    comments = own_comments or _extracted_comments(found, body, title)
    text, segments = _compose(title, body, comments)
    return HtmlPage(
        text=text,
        segments=segments,
        title=title,
        published=_iso_date(found.get("date")),
        outlet=_clean_line(found.get("sitename")),
        url=found.get("url") or url,
        language=found.get("language"),
    )


def _cut_comments(html: str) -> tuple[list[str], str]:
    """The page's own comments, and the page without them (unchanged when it has none)."""
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, ParserError) as error:
        LOG.info("lxml could not parse the page for comments: %s", error)
        return [], html
    comments = take_comments(tree)
    if not comments:
        return [], html
    return comments, lxml.html.tostring(tree, encoding="unicode")


def _extracted_comments(found: dict[str, Any], body: str, title: str | None) -> list[str]:
    """trafilatura's comments, a line each, less lines that repeat the title or the body:
    a page wrapper whose class names comments is read as both article and comments."""
    article_lines = {line.strip() for line in body.splitlines()} | {title or ""}
    lines = _clean(found.get("comments") or "").splitlines()
    return [line for line in lines if line.strip() and line.strip() not in article_lines]


def _extract_with_trafilatura(html: str, url: str | None) -> dict[str, Any]:
    """Step 1: trafilatura's main extractor; an empty dict when it finds nothing."""
    try:
        document = trafilatura.bare_extraction(
            html, url=url, include_comments=True, with_metadata=True
        )
    except (ValueError, TypeError, ParserError) as error:
        LOG.info("trafilatura could not read the page: %s", error)
        return {}
    if document is None:
        return {}
    result = document if isinstance(document, dict) else document.as_dict()
    return dict(result)


def _baseline_text(html: str) -> str:
    """Step 2: trafilatura's baseline (paragraphs and article elements)."""
    try:
        _tree, text, length = trafilatura.baseline(html)
    except (ValueError, TypeError, ParserError) as error:
        LOG.info("trafilatura baseline failed: %s", error)
        return ""
    return _long_enough(_clean(text)) if length else ""


def _lxml_text(html: str) -> str:
    """Step 3: the visible text of the tree, scripts and styles dropped."""
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, ParserError) as error:
        LOG.info("lxml could not parse the page: %s", error)
        return ""
    for element in tree.xpath("//script|//style|//noscript|//template"):
        element.drop_tree()
    return _long_enough(_clean(tree.text_content()))


def _long_enough(text: str) -> str:
    return text if len(text) >= MIN_TEXT_CHARS else ""


def _drop_repeated_title(body: str, title: str | None) -> str:
    """The page's <h1> often repeats the title at the top of the body: keep it once."""
    first, _, rest = body.partition("\n")
    if title and first.strip() == title and rest.strip():
        return rest.strip()
    return body


def _compose(
    title: str | None, body: str, comments: list[str]
) -> tuple[str, list[Segment]]:
    """Join the parts into one text and record where each part lies in it."""
    parts: list[tuple[SegmentKind, str]] = []
    if title:
        parts.append(("title", title))
    parts.append(("body", body))
    parts += [("comments", comment.strip()) for comment in comments]
    text = ""
    segments: list[Segment] = []
    for kind, part in parts:
        if text:
            text += PART_SEPARATOR
        segments.append(Segment(kind, len(text), len(text) + len(part)))
        text += part
    return text, segments


def _clean(text: str) -> str:
    """Trim lines and collapse runs of blank lines, keeping paragraph breaks."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip()


def _clean_line(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _iso_date(value: Any) -> str | None:
    """trafilatura gives YYYY-MM-DD already; keep only a well-formed day."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value[:10]):
        return value[:10]
    return None
