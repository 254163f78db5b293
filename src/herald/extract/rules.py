"""Per-language rule tables of the extract stage, loaded once.

Every heuristic the stage uses (trigger words, background and future cues, relative
date words, actor cues) lives in ``rules/<lang>.json``; adding a language is adding a
table. A language we claim to support with a missing or empty table is an error, not a
silent no-op. Articles in a language without a table are read with the union of all
tables: wire copy and names cross languages, and recall beats nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from herald.rules_io import read_table

RULES_DIR = Path(__file__).parent / "rules"
SUPPORTED_LANGUAGES = ("en", "fr", "de", "es", "it", "nl", "pt", "pl", "ru", "tr", "ar")
PATTERN_LISTS = ("security_forces", "protesters", "counter_protesters", "organiser_cues",
                 "background", "future", "article_background", "national_institutions",
                 "gathering_attacked", "report_verbs", "past_periods")
REQUIRED_KEYS = ("triggers", "background", "future", "relative_days", "weekdays", "months")
# What a trigger verb may take that is not a crowd ('gathered 1,400 signatures'), the
# words allowed between them ('around', numbers) and the auxiliaries of a passive
# ('signatures were gathered'): see ``object_patterns``.
OBJECT_LISTS = ("object_complements", "complement_fillers", "passive_auxiliaries")


@dataclass(frozen=True, eq=False)  # hashed by identity: tables are cached once
class LanguageRules:
    """The compiled table of one language (or of the union, for unknown languages)."""

    language: str
    triggers: dict[str, re.Pattern[str]]
    # Zero-width: every position where some category's word starts, found in one pass,
    # so each category is tried only there instead of scanning the sentence again.
    trigger_starts: re.Pattern[str]
    cues: dict[str, re.Pattern[str]]
    relative_days: dict[str, int]
    weekdays: dict[str, int]
    months: dict[str, int]


def longest_first(patterns: Iterable[str]) -> list[str]:
    """Distinct patterns, longest first, ties alphabetical.

    Never in a set's order: that changes with every process (string hashing is seeded),
    which made equal-length alternatives race differently from run to run and gave the
    compiled-pattern cache a new pattern text, and a new file, in every worker.
    """
    return sorted(set(patterns), key=lambda pattern: (-len(pattern), pattern))


def compile_words(patterns: list[str]) -> re.Pattern[str]:
    """One case-insensitive alternation of whole-word patterns, longest first."""
    ordered = longest_first(patterns)
    return re.compile(r"(?<!\w)(?:" + "|".join(ordered) + r")(?!\w)", re.IGNORECASE)


def word_starts(patterns: list[str]) -> re.Pattern[str]:
    """Zero-width matches at every position where one of ``patterns`` matches as a whole
    word (as in :func:`compile_words`): a superset of where any one of them can start.

    Only whether some pattern matches counts here, not which, so the patterns are
    grouped by their leading letter behind a one-letter lookahead: the regex engine
    tries a few groups at each word instead of every pattern (4x faster on triggers).
    """
    groups: dict[str, list[str]] = {}
    others: list[str] = []
    for pattern in sorted(set(patterns)):
        letter = _leading_letter(pattern)
        if letter is None:
            others.append(pattern)
        else:
            groups.setdefault(letter.lower(), []).append(pattern)
    alternatives = [
        f"(?=[{re.escape(''.join(sorted({p[0] for p in group})))}])(?:{'|'.join(group)})"
        for _, group in sorted(groups.items())
    ] + others
    return re.compile(r"(?<!\w)(?=(?:" + "|".join(alternatives) + r")(?!\w))", re.IGNORECASE)


def phrase_alternation(phrases: list[str]) -> str:
    """An alternation of escaped literal phrases, in the given order of preference,
    grouped by first letter behind a lookahead on it.

    With IGNORECASE the regex engine tries every alternative at every position; the
    lookahead lets it skip a whole group where the text starts otherwise. Matches are
    unchanged: letters one case-insensitive match apart (i/ı, s/ſ) share an upper case
    and so a group, only one group can pass at a position, phrases keep their order
    inside it, and a phrase that starts with no letter or digit starts with a symbol
    (re.escape), which no group's letter matches.
    """
    groups: dict[str, list[str]] = {}
    for phrase in phrases:
        key = phrase[0].lower().upper() if phrase[:1].isalnum() else ""
        groups.setdefault(key, []).append(phrase)
    alternatives = groups.pop("", [])  # no letter to look ahead for: tried everywhere
    for group in groups.values():
        letters = "".join(sorted({phrase[0] for phrase in group}))
        alternatives.append(f"(?=[{letters}])(?:{'|'.join(group)})")
    return "|".join(alternatives)


def _leading_letter(pattern: str) -> str | None:
    """The letter every match of ``pattern`` begins with, when the regex says so plainly:
    a literal letter, not quantified, and no top-level alternative beside it."""
    if not pattern[:1].isalpha() or pattern[1:2] in ("?", "*", "+", "{"):
        return None
    return None if _has_top_level_bar(pattern) else pattern[0]


def _has_top_level_bar(pattern: str) -> bool:
    """Whether ``pattern`` has a ``|`` outside any group, class or escape."""
    depth, in_class, escaped = 0, False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            return True
    return False


def first_match(pattern: re.Pattern[str], text: str, starts: list[int]) -> re.Match[str] | None:
    """``pattern.search(text)`` when every match of it begins at one of ``starts``
    (sorted; from :func:`word_starts` over a superset of its words)."""
    for start in starts:
        match = pattern.match(text, start)
        if match:
            return match
    return None


def fold_accents(text: str) -> str:
    """Text without diacritics: URL-slug titles ("seront juges") lose their accents."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def raw_table(language: str) -> dict[str, Any]:
    """The JSON table of one supported language, checked for every required key."""
    return read_table(RULES_DIR / f"{language}.json", REQUIRED_KEYS)


@cache
def coding_table() -> dict[str, Any]:
    """Category → ACLED type mapping and precedence (language-independent)."""
    return read_table(RULES_DIR / "coding.json")


@cache
def actor_table() -> dict[str, Any]:
    """Canonical actor names across spellings and languages."""
    return read_table(RULES_DIR / "actors.json")


def _merge(tables: list[dict[str, Any]]) -> dict[str, Any]:
    merged: dict[str, Any] = {"triggers": {}, "relative_days": {}, "weekdays": {}, "months": {}}
    for table in tables:
        for category, words in table["triggers"].items():
            merged["triggers"].setdefault(category, []).extend(words)
        for key in ("relative_days", "weekdays", "months"):
            merged[key].update({k.lower(): v for k, v in table[key].items()})
        for key in PATTERN_LISTS + OBJECT_LISTS:
            merged.setdefault(key, []).extend(table.get(key, []))
    return merged


def rules_for(language: str) -> LanguageRules:
    """The compiled rules of ``language`` ("pt-BR" reads "pt"); the union of all
    tables when it has none."""
    return _compiled_rules(language.split("-")[0].split("_")[0].lower())


def _alternation(patterns: list[str]) -> str:
    return "(?:" + "|".join(longest_first(patterns)) + ")"


def object_patterns(table: dict[str, Any]) -> dict[str, re.Pattern[str]]:
    """Cues that a trigger verb takes an object, not a crowd: 'object_after' is read
    right after the trigger ('gathered around 1,400 signatures', 'a rassemblé 1 400
    signatures'), 'object_before' right before it ('the signatures were gathered').

    Gather, rassembler, versammeln, reunir need people; things collected or shown
    (signatures, votes, evidence, momentum, dust) make no event.
    """
    objects = table.get("object_complements")
    if not objects:
        return {}
    noun = _alternation(objects) + r"(?!\w)"
    fillers = _alternation(table.get("complement_fillers") or [r"\d+"])
    auxiliaries = _alternation(table.get("passive_auxiliaries") or [r"\d+"])
    return {
        "object_after": re.compile(
            rf"\s*(?:{fillers}(?!\w)['’]?\s*)*{noun}", re.IGNORECASE
        ),
        "object_before": re.compile(
            rf"(?<!\w){noun}\s+(?:{auxiliaries}\s+)*$", re.IGNORECASE
        ),
    }


@cache
def _compiled_rules(language: str) -> LanguageRules:
    if language in SUPPORTED_LANGUAGES:
        table = _merge([raw_table(language)])
    else:
        table = _merge([raw_table(lang) for lang in SUPPORTED_LANGUAGES])
    triggers = {cat: compile_words(words) for cat, words in table["triggers"].items() if words}
    cues = {key: compile_words(table[key]) for key in PATTERN_LISTS if table.get(key)}
    cues.update(object_patterns(table))
    if table.get("article_background"):
        folded = [fold_accents(p) for p in table["article_background"]]
        cues["article_background_folded"] = compile_words(folded)
    return LanguageRules(
        language=language,
        triggers=triggers,
        trigger_starts=word_starts([w for words in table["triggers"].values() for w in words]),
        cues=cues,
        relative_days=table["relative_days"],
        weekdays=table["weekdays"],
        months=table["months"],
    )
