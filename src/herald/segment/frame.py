"""The frame around a page's body: crawler tag, title, dateline, page-title trailer.

These parts are found by position (top of the page, end of the page) rather than by the
line's words alone, so they are located before the body's lines are classified. Reader
comments, found by their shape, are in ``comments.py``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from herald.segment.lines import Line
from herald.segment.rules import common_rules

# A title is one line; a first line longer than this is the lede, not a headline (the
# longest headline across seeds and realnews-dev is ~110 chars, the shortest lede ~170).
MAX_TITLE_CHARS = 160
# The headline sits among the first few lines, after menus and section labels.
TITLE_SEARCH_LINES = 8
# A repeated-title match needs this many normalised chars, so "France" never matches.
MIN_TITLE_PREFIX_CHARS = 20
# Outlet names in a "Headline - Outlet" trailer are short: "Mirror Online", "BBC News".
MAX_OUTLET_WORDS = 5


def cut_crawler_tag(text: str, lines: list[Line]) -> tuple[tuple[int, int] | None, list[Line]]:
    """A leading ``date 2019-07`` crawler tag is no part of the page: cut it off line one."""
    if not lines:
        return None, lines
    first = lines[0]
    found = common_rules().crawler_tag.match(first.text)
    if not found:
        return None, lines
    tag_end = first.start + len(found.group(0).rstrip())
    rest_start = first.start + found.end()
    rest = text[rest_start : first.end]
    if not rest.strip():
        return (first.start, first.end), lines[1:]
    return (first.start, tag_end), [
        replace(first, start=rest_start, text=rest, indent=0),
        *lines[1:],
    ]


def find_title(lines: list[Line], title: str | None) -> int | None:
    """The line that is the title: the known title's line, else a short first line.

    Only a line with text after it can be a title: the body is never given away.
    """
    if len(lines) < 2:
        return None  # a one-paragraph text (a wire note) is all body, however short
    if title is None:
        return 0 if len(lines[0].text) <= MAX_TITLE_CHARS else None
    wanted = normalise(title)
    for index, line in enumerate(lines[:TITLE_SEARCH_LINES]):
        if len(line.text) <= MAX_TITLE_CHARS and wanted in _headline_readings(line.text):
            return index
    return None


def _headline_readings(line: str) -> set[str]:
    """The line, and the headline after its kicker: German and French sites print a
    short label before the headline ("Verdächtiger festgenommen: Küster stirbt bei
    ...", "Crise au Niger : ..."), and the page's title metadata often holds the
    headline alone."""
    readings = {normalise(line)}
    kicker, colon, headline = line.partition(":")
    if colon and kicker.strip() and headline.strip():
        readings.add(normalise(headline))
    return readings


# How a sentence ends; a site's "<title> | Outlet" line does not.
SENTENCE_ENDS = (".", "!", "?", "…", "。", "؟")


def title_repeats(lines: list[Line], title: str | None) -> list[bool]:
    """Per line, whether it restates the title ("<title> Close", "<title> | Outlet"): the
    title and at most a few words after it. A paragraph that opens with the headline's
    words and goes on ("Tausende bei Anti-Rassismus-Demos in der Innenstadt: Zum Start
    der Demo versammelten sich ...") is the article's lead, not a repeat; so is one that
    adds a few words and ends as a sentence does ("Massa aksi bentrok dengan polisi di
    Makassar pada Senin." under "Massa Aksi Bentrok dengan Polisi")."""
    wanted = normalise(title) if title else ""
    if len(wanted) < MIN_TITLE_PREFIX_CHARS:
        return [False] * len(lines)
    return [_restates(line.text, wanted) for line in lines]


def _restates(text: str, title: str) -> bool:
    line = normalise(text)
    if not line.startswith(title):
        return False
    added = line[len(title):].split()
    return not added or (len(added) <= MAX_OUTLET_WORDS
                         and not text.rstrip().endswith(SENTENCE_ENDS))


def normalise(text: str) -> str:
    """Case, accents and punctuation out: slugs and headlines compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join(decomposed.translate(_FOLDED_CHARS).split())


class _FoldedChars(dict[int, str | None]):
    """``str.translate`` table for ``normalise``, filled per code point on first sight.

    A combining mark is dropped, a letter or digit kept, anything else becomes a space:
    one C-level pass instead of a Python loop over every character of every line.
    """

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        folded = None if unicodedata.combining(char) else char if char.isalnum() else " "
        self[code] = folded
        return folded


_FOLDED_CHARS = _FoldedChars()


def find_trailer(lines: list[Line], last: int) -> tuple[int | None, str | None]:
    """A last line "Headline - Outlet" is the page's <title> pasted under the text."""
    if last < 1 or last >= len(lines):
        return None, None  # a lone line is the text itself, never its trailer
    found = common_rules().page_title_trailer.match(lines[last].text)
    if not found:
        return None, None
    outlet = found.group("outlet").strip()
    words = outlet.split()
    if len(words) > MAX_OUTLET_WORDS or not all(w[0].isupper() or w[0].isdigit() for w in words):
        return None, None
    if re.search(r"[.!?]\s", found.group("headline")):
        return None, None  # a sentence with a dash, not a headline
    return last, outlet
