"""The segmenter's heuristics, kept as data in ``rules/<lang>.json`` and ``rules/common.json``.

Each table is read once (``functools.cache``) and compiled. A language Herald claims to
support must have a non-empty table: a missing or empty one raises ``RulesError`` instead
of silently segmenting nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from herald.errors import RulesError
from herald.rules_io import read_table

RULES_DIR = Path(__file__).with_name("rules")
SUPPORTED_LANGUAGES = ("en", "fr", "de", "es", "it", "nl", "pt", "ru", "pl", "tr", "ar")
LINE_RULE_KEYS = ("boilerplate_lines", "caption_lines", "tail_markers", "comment_headers")
FLAGS = re.IGNORECASE | re.UNICODE


@dataclass(frozen=True)
class LineRules:
    """Whole-line patterns of one table (or of several tables merged), one alternation
    per key: a line is searched once per key instead of once per pattern."""

    boilerplate: re.Pattern[str]
    caption: re.Pattern[str]
    tail_markers: re.Pattern[str]
    comment_headers: re.Pattern[str]


@dataclass(frozen=True)
class CommonRules:
    """Language-neutral patterns: crawler tags, tweet embeds, photo-agency credits."""

    crawler_tag: re.Pattern[str]
    tweet_signature: re.Pattern[str]
    tweet_link: re.Pattern[str]
    credit_line: re.Pattern[str]
    page_title_trailer: re.Pattern[str]


@cache
def _table(name: str) -> dict[str, object]:
    path = RULES_DIR / f"{name}.json"
    data = read_table(path)
    if not any(data.get(key) for key in LINE_RULE_KEYS):
        raise RulesError("segment rules table is empty", origin=str(path))
    return data


def _patterns(data: dict[str, object], key: str) -> list[str]:
    values = data.get(key) or []
    if not isinstance(values, list):
        raise RulesError(f"segment rules: '{key}' must be a list")
    return [str(value) for value in values]


def _any_of(patterns: list[str]) -> re.Pattern[str]:
    """One pattern that finds a match wherever any of ``patterns`` would.

    Each is wrapped in its own group, so its anchors and alternatives stay its own; the
    tables use no back-references or inline flags that merging could disturb. An empty
    list gives a pattern that never matches.
    """
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns) or "(?!)", FLAGS)


@cache
def line_rules() -> LineRules:
    """Common patterns plus every supported language's, merged.

    Page furniture crosses languages (an English "Share Tweet" bar on a Kenyan or French
    page), and the patterns are anchored whole-line phrases, so applying them all costs no
    precision and helps pages whose language is not yet supported.
    """
    tables = [_table("common")] + [_table(lang) for lang in SUPPORTED_LANGUAGES]
    merged = {
        key: _any_of([pattern for table in tables for pattern in _patterns(table, key)])
        for key in LINE_RULE_KEYS
    }
    return LineRules(
        boilerplate=merged["boilerplate_lines"],
        caption=merged["caption_lines"],
        tail_markers=merged["tail_markers"],
        comment_headers=merged["comment_headers"],
    )


@cache
def common_rules() -> CommonRules:
    data = _table("common")
    agencies = data.get("credit_agencies")
    if not isinstance(agencies, list) or not agencies:
        raise RulesError("segment rules: common 'credit_agencies' is empty")
    names = "|".join(re.escape(str(name)) for name in agencies)
    # "Jeff Cheng/HK01 via AP", "Anthony Wallace/AFP/Getty Images", "Reuters/F. Bensch"
    by_agency = rf"[^.!?]{{0,60}}(?:/|\bvia )\s*(?:{names})\b[^.!?]{{0,40}}"
    agency_first = rf"(?:{names})/[^.!?]{{1,40}}"
    credit = rf"^(?:{by_agency}|{agency_first}|(?:{names}))$"  # or the agency alone
    return CommonRules(
        crawler_tag=re.compile(str(data["crawler_tag"]), FLAGS),
        tweet_signature=re.compile(str(data["tweet_signature"]), FLAGS),
        tweet_link=re.compile(str(data["tweet_link"]), FLAGS),
        credit_line=re.compile(credit, FLAGS),
        page_title_trailer=re.compile(str(data["page_title_trailer"]), re.UNICODE),
    )


def matches(patterns: re.Pattern[str], line: str) -> bool:
    """Whether any of the merged patterns occurs in the line."""
    return patterns.search(line) is not None


@dataclass(frozen=True)
class CommentRules:
    """The shapes of a reader-comment thread, every supported language merged: what
    heads a thread, what a commenter's name, timestamp and action links look like."""

    thread_headers: re.Pattern[str]  # "10 Responses to “…”", "Leserkommentare": a thread
    author: re.Pattern[str]  # "Jane says:", "Anna schrieb am 12.03.2016:"
    stamp_time: re.Pattern[str]  # "March 12, 2016 at 3:10 pm", "3 years ago" (fullmatch)
    name_separator: re.Pattern[str]  # " • " in "jdoe • 3 years ago"
    action: re.Pattern[str]  # "Reply", "Répondre · Signaler", "Like · Reply · 3y" (fullmatch)
    item: re.Pattern[str]  # "1.", "#3", "[2]" opening a numbered comment
    author_last_words: frozenset[str]  # "says", "écrit": a cheap test before ``author``
    action_words: frozenset[str]  # "reply", "signaler": one must be on an action line
    stamp_prefixes: frozenset[str]  # "Updated 3 hours ago": the page's stamp, no commenter


def _merged(key: str) -> list[str]:
    tables = [_table("common")] + [_table(lang) for lang in SUPPORTED_LANGUAGES]
    return [pattern for table in tables for pattern in _patterns(table, key)]


def _words(items: list[str]) -> str:
    """An alternation of words or phrases, longest first, a space matching any run."""
    ordered = sorted(set(items), key=len, reverse=True)
    return "|".join(item.replace(" ", r"\s+") for item in ordered)


@cache
def comment_rules() -> CommentRules:
    """Thread shapes compiled from every table's comment keys.

    A stamp line is a date and/or a clock time, or a relative time ("3 years ago",
    "il y a 2 jours"), optionally after a commenter's name; nothing else may be on it,
    so a sentence that mentions a date is never a stamp. An action line is only action
    links, numbers and times, with at least one link that belongs to comments (a bare
    "Share" is the article's share bar).
    """
    parts = _table("common").get("comment_stamp_parts")
    if not isinstance(parts, dict):
        raise RulesError("segment rules: common 'comment_stamp_parts' is missing")
    relative = "|".join(_merged("comment_relative_times"))
    when = _stamp_time(parts, relative)
    verbs = _words(_merged("comment_author_verbs"))
    actions = _merged("comment_actions")
    extras = _words(_merged("comment_action_extras"))
    token = rf"(?:{relative}|{_words(actions)}|{extras}|\d+|\(\d+\))"
    arrows = r"\u25b2\u25bc\u25b3\u25bd\u2191\u2193\u21b3\u2934\u203a\u00bb"
    glue = rf"[\s\u2022\u00b7|/,:{arrows}+\-\u2013\u2014]"
    return CommentRules(
        thread_headers=_any_of(_merged("thread_headers")),
        author=re.compile(rf"^(?P<who>\S[^\n]{{0,60}}?)\s+(?:{verbs})(?:\s+{when})?\s*:?$", FLAGS),
        stamp_time=re.compile(rf"(?:{when})(?:\s*[|\u2022\u00b7][^\n]{{0,30}})?", FLAGS),
        name_separator=re.compile("|".join(_patterns(parts, "name_separators")), FLAGS),
        action=re.compile(rf"(?:{glue}*+(?>{token})(?!\w))+{glue}*+", FLAGS),
        item=_any_of(_merged("comment_items")),
        author_last_words=_last_words(_merged("comment_author_verbs")),
        action_words=frozenset(_unescape(word).casefold().split()[0] for word in actions),
        stamp_prefixes=frozenset(
            _unescape(word).casefold().split()[0] for word in _merged("comment_stamp_prefixes")
        ),
    )


def _unescape(pattern: str) -> str:
    """A word list entry as text: the tables write non-ASCII letters as \\u escapes."""
    return pattern.encode().decode("unicode_escape") if "\\u" in pattern else pattern


def _last_words(phrases: list[str]) -> frozenset[str]:
    return frozenset(_unescape(phrase).rsplit(" ", 1)[-1].casefold() for phrase in phrases)


def _stamp_time(parts: dict[str, object], relative: str) -> str:
    """A date with an optional clock time, a clock time alone, or a relative time."""
    months = _words(_merged("comment_months"))
    numeric = "|".join(_patterns(parts, "numeric_dates"))
    clock = "|".join(_patterns(parts, "clock_times"))
    links = _words(_merged("comment_stamp_links"))
    day = r"\d{1,2}(?:st|nd|rd|th|er|\.)?"
    weekday = r"(?:[^\W\d]{2,12}\.?,?\s+)?"
    named = (
        rf"{weekday}(?:{day}\s+(?:{months})\.?,?(?:\s+\d{{4}})?"
        rf"|(?:{months})\.?\s+{day},?(?:\s+\d{{4}})?)"
    )
    date = rf"(?:{named}|{numeric})"
    linked = rf"(?:(?:{links})\s+)?"
    return rf"{linked}(?:{date}(?:,?\s*{linked}(?:{clock}))?|{clock}|{relative})"


@cache
def date_labels() -> re.Pattern[str]:
    """Labels that introduce a page's own date, every language merged (an English
    "Updated" sits on pages in every language): group ``published`` for "Published",
    "Publié le", "Veröffentlicht am", "Опубликовано", "تاريخ النشر"; group ``updated``
    for "Updated", "Mis à jour", "Aktualisiert", "Обновлено", "آخر تحديث"."""
    groups = []
    for group, key in (("published", "publication_cues"), ("updated", "update_cues")):
        words = [cue for lang in SUPPORTED_LANGUAGES for cue in _patterns(_table(lang), key)]
        if not words:
            raise RulesError(f"segment rules: no '{key}' in any language")
        alternation = "|".join(sorted(set(words), key=lambda cue: (-len(cue), cue)))
        groups.append(f"(?P<{group}>{alternation})")
    return re.compile(rf"(?<!\w)(?:{'|'.join(groups)})(?!\w)", FLAGS)
