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
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from herald.errors import RulesError
from herald.rules_io import read_table

RULES_DIR = Path(__file__).parent / "rules"
SUPPORTED_LANGUAGES = ("en", "fr", "de", "es", "it", "nl", "pt", "pl", "ru", "tr", "ar", "id")
PATTERN_LISTS = ("security_forces", "protesters", "counter_protesters", "organiser_cues",
                 "background", "future", "article_background", "national_institutions",
                 "gathering_attacked", "report_verbs", "past_periods", "relative_pronouns",
                 "night_before", "control_of", "verbs_before_speaker", "named_forces",
                 "accidental_causes", "clashes_with_police", "night_into", "day_of_month",
                 "weekday_day_month")
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
    # Who acts (coding.json's qualifiers: armed groups, civilians): searched only in a
    # sentence that has a trigger, so kept out of ``triggers`` and ``trigger_starts``.
    qualifiers: dict[str, re.Pattern[str]] = field(default_factory=dict)


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
    A pattern that opens with alternatives ('(?:threw|hurled) stones') joins the group
    of each alternative's letter.
    """
    groups: dict[str, list[str]] = {}
    letters_of: dict[str, set[str]] = {}
    others: list[str] = []
    for pattern in sorted(set(patterns)):
        letters = _leading_letters(pattern)
        if not letters:
            others.append(pattern)
        for letter in letters:
            groups.setdefault(letter.lower(), []).append(pattern)
            letters_of.setdefault(letter.lower(), set()).add(letter)
    alternatives = [
        f"(?=[{re.escape(''.join(sorted(letters_of[key])))}])(?:{'|'.join(group)})"
        for key, group in sorted(groups.items())
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


def _leading_letters(pattern: str) -> set[str]:
    """The letters every match of ``pattern`` may begin with, when the regex says so
    plainly: one literal letter (:func:`_leading_letter`), or an opening group of
    alternatives, not quantified, each with a plain leading letter. Empty when unsure."""
    letter = _leading_letter(pattern)
    if letter is not None:
        return {letter}
    if not pattern.startswith("(?:") or _has_top_level_bar(pattern):
        return set()
    depth, end = 0, -1
    for index, char in enumerate(pattern):  # the group's closing bracket
        if char == "\\":
            return set()  # escapes inside: not plain enough
        if char in "[":
            return set()
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            end = index
            break
    if end < 0 or pattern[end + 1 : end + 2] in ("?", "*", "+", "{"):
        return set()
    inner = pattern[3:end]
    if "(" in inner:
        return set()
    firsts = {_leading_letter(alternative) for alternative in inner.split("|")}
    return set() if None in firsts else {f for f in firsts if f is not None}


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


Coding = tuple[str, str]  # (ACLED event type, sub-event type)


@dataclass(frozen=True)
class CodingRules:
    """``rules/coding.json`` read into the shapes :func:`herald.extract.events.code_event`
    and ``read_sentence`` use; see the table's ``_why`` notes for what each part means."""

    strong_crowd: frozenset[str]
    weak_crowd: frozenset[str]
    weak_keeps: frozenset[str]  # a weak crowd stays a crowd beside these
    protest_family: dict[str, Coding]
    over_crowd: frozenset[str]
    precedence: tuple[tuple[str, Coding], ...]
    yields_to: dict[str, frozenset[str]]
    refines: dict[str, frozenset[str]]  # anchor sub-type -> event types a later sentence may give
    gives_way_to: dict[str, frozenset[str]]  # category -> categories that outrank it anywhere
    qualifiers: frozenset[str]
    by_actor: dict[str, dict[str, str]]  # "state" / "armed_group" -> category -> category
    note_labels: dict[str, Coding] = field(default_factory=dict)  # "Looting" -> its coding
    # anchor sub-type -> event type -> the later categories through which it may become it
    refines_through: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)

    @property
    def crowd_types(self) -> frozenset[str]:
        """Event types of the protest family (Protests, Riots): one event's reports may
        differ on which, as they differ on how violent the crowd was."""
        return frozenset(event_type for event_type, _ in self.protest_family.values())

    @property
    def categories(self) -> frozenset[str]:
        """Every trigger category the coding reads (each language table has them all)."""
        return (self.strong_crowd | self.weak_crowd | self.qualifiers
                | frozenset(MODIFIER_CATEGORIES)
                | frozenset(category for category, _ in self.precedence))


# What police or the crowd did at a demonstration: they refine the family's sub-type.
MODIFIER_CATEGORIES = ("violent", "excessive_force", "intervention")


@cache
def coding_rules() -> CodingRules:
    """The coding table, checked: every protest-family key and precedence row present."""
    table = coding_table()
    path = str(RULES_DIR / "coding.json")
    family = {key: (value[0], value[1]) for key, value in table["protest_family"].items()
              if not key.startswith("_")}
    missing = {*MODIFIER_CATEGORIES, "peaceful", "riot_only"} - set(family)
    if missing:
        raise RulesError(f"coding table lacks protest_family {sorted(missing)}", origin=path)
    return CodingRules(
        strong_crowd=frozenset(table["crowd"]["strong"]),
        weak_crowd=frozenset(table["crowd"]["weak"]),
        weak_keeps=frozenset(table["crowd"].get("weak_keeps", [])),
        protest_family=family,
        over_crowd=frozenset(table["over_crowd"]["categories"]),
        precedence=tuple((row[0], (row[1], row[2])) for row in table["precedence"]),
        yields_to=_category_sets(table.get("yields_to", {})),
        refines=_category_sets(table.get("refines", {})),
        refines_through={sub_type: _category_sets(by_type) for sub_type, by_type
                         in table.get("refines_through", {}).items()
                         if not sub_type.startswith("_")},
        gives_way_to=_category_sets(table.get("gives_way_to", {})),
        qualifiers=frozenset(table.get("qualifiers", {}).get("categories", [])),
        by_actor={actor: dict(renames) for actor, renames in table.get("by_actor", {}).items()
                  if not actor.startswith("_")},
        note_labels={label: ("Strategic developments", sub_type) for label, sub_type
                     in table.get("note_labels", {}).items() if not label.startswith("_")},
    )


def _category_sets(mapping: dict[str, Any]) -> dict[str, frozenset[str]]:
    return {key: frozenset(values) for key, values in mapping.items() if not key.startswith("_")}


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


def forces_harmed_pattern(table: dict[str, Any]) -> dict[str, re.Pattern[str]]:
    """'forces_harmed': security forces as the subject of a passive, right before the
    harm ("eleven soldiers were killed", "onze militaires maliens ont été tués"): the
    victims are armed. Read against the text before the trigger; the active voice
    ("soldiers killed three villagers") has no auxiliary and does not match."""
    forces, auxiliaries = table.get("security_forces"), table.get("passive_auxiliaries")
    if not forces or not auxiliaries:
        return {}
    return {"forces_harmed": re.compile(
        rf"(?<!\w){_alternation(forces)}(?:\s+\w+){{0,2}}\s+(?:{_alternation(auxiliaries)}\s+)+$",
        re.IGNORECASE)}


@cache
def _compiled_rules(language: str) -> LanguageRules:
    if language in SUPPORTED_LANGUAGES:
        table = _merge([raw_table(language)])
    else:
        table = _merge([raw_table(lang) for lang in SUPPORTED_LANGUAGES])
    qualifier_names = coding_rules().qualifiers
    patterns = {cat: compile_words(words) for cat, words in table["triggers"].items() if words}
    triggers = {cat: p for cat, p in patterns.items() if cat not in qualifier_names}
    cues = {key: compile_words(table[key]) for key in PATTERN_LISTS if table.get(key)}
    cues.update(object_patterns(table))
    cues.update(forces_harmed_pattern(table))
    if table.get("article_background"):
        folded = [fold_accents(p) for p in table["article_background"]]
        cues["article_background_folded"] = compile_words(folded)
    return LanguageRules(
        language=language,
        triggers=triggers,
        trigger_starts=word_starts([w for category, words in table["triggers"].items()
                                    if category not in qualifier_names for w in words]),
        cues=cues,
        relative_days=table["relative_days"],
        weekdays=table["weekdays"],
        months=table["months"],
        qualifiers={cat: p for cat, p in patterns.items() if cat in qualifier_names},
    )
