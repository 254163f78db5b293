"""What the page says about itself: language, outlet, publication date."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from functools import cache
from itertools import islice
from typing import Any
from urllib.parse import urlsplit

from herald.segment.langid_model import language_identifier
from herald.segment.lines import Line

LOG = logging.getLogger(__name__)

# Too little text gives py3langid a coin toss; below this many letters we say "und".
# 40 letters is about one short headline, where the dev pages' detections start agreeing
# with their known language.
MIN_LANGUAGE_LETTERS = 40
# A dateline is a line that is only a date (and maybe a time): "January 12, 2015",
# "July 1, 2019, 12:28 PM", "12 mars 2016". Longer lines are sentences that mention a date.
MAX_DATELINE_CHARS = 40
DATELINE_SEARCH_LINES = 8
HAS_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
HOST_PREFIXES = ("www.", "m.", "amp.", "mobile.")


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text, over py3langid's full language set, or "und".

    The set is not constrained: held-out pages come in languages beyond the dev sets', and
    a constrained classifier would force them into a wrong supported language.
    """
    if not _has_letters(text, MIN_LANGUAGE_LETTERS):
        return "und"
    language, _score = language_identifier().classify(text)
    return str(language)


def _has_letters(text: str, count: int) -> bool:
    """At least ``count`` letters: stops at the count instead of scanning the whole text."""
    letters = (char for char in text if char.isalpha())
    return next(islice(letters, count - 1, None), None) is not None


def outlet_from_url(url: str | None) -> str | None:
    """The URL's host without "www."/"m.": ``https://m.ru24.pro/x`` -> ``ru24.pro``."""
    if not url:
        return None
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    for prefix in HOST_PREFIXES:
        if host.startswith(prefix):
            host = host[len(prefix) :]
            break
    return host or None


def find_dateline(lines: list[Line], language: Callable[[], str]) -> tuple[int | None, str | None]:
    """The first line near the top that is only a full date, and that date as ISO.

    ``language`` is asked only once a short line with a year turns up: detecting it costs
    a py3langid pass over the text, and most pages have no such line.
    """
    known: str | None = None
    for index, line in enumerate(lines[:DATELINE_SEARCH_LINES]):
        if len(line.text) > MAX_DATELINE_CHARS or not HAS_YEAR.search(line.text):
            continue
        known = language() if known is None else known
        iso = _parse_full_date(line.text, known)
        if iso:
            return index, iso
    return None, None


def _parse_full_date(text: str, language: str) -> str | None:
    """A date with day, month and year, or None: "2024" or "June 2024" fix no day."""
    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"}
    # English as a second reading: English datelines appear on pages in every language.
    languages = [
        lang for lang in dict.fromkeys((language, "en")) if lang in dateparser_languages()
    ]
    try:
        parsed = load_dateparser().parse(text, languages=languages, settings=settings)
    except (ValueError, TypeError, OverflowError) as error:
        LOG.debug("dateline %r not parsed: %s", text, error)
        return None
    return parsed.date().isoformat() if parsed else None


@cache
def load_dateparser() -> Any:
    """dateparser takes a second to import: load it only when a page needs it."""
    import dateparser
    import dateparser.search  # noqa: F401  (the submodule is not imported by the package)

    return dateparser


@cache
def dateparser_languages() -> frozenset[str]:
    """The languages dateparser reads: its static list, the keys of its locale map
    (which loads every locale's data, ~0.4 s, to list them)."""
    from dateparser.data.languages_info import language_order

    return frozenset(language_order)
