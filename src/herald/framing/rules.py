"""Per-language framing rules: group terms, flag lexicons and speech cues, kept as data.

The JSON files under ``rules/`` hold every word list; this module only compiles them
into regular expressions, once per language, so no document re-reads a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from herald.errors import RulesError
from herald.rules_io import read_table

RULES_DIR = Path(__file__).parent / "rules"
FLAG_KINDS = ("dehumanising", "hate", "slur", "conspiracy", "incitement", "loaded")


@dataclass(frozen=True)
class Term:
    """One compiled lexicon entry: what it matches and what a match means."""

    pattern: re.Pattern[str]
    kind: str
    group: str | None = None  # the target (flags) or the group named (labels)
    loaded: bool = False
    score: float = 0.0
    needs_target: bool = False  # fire only when a protected group is named nearby
    needs_abuse: bool = False  # a reader comment's word, a slur only where the model calls
    # the comment abusive ("bitch", "queer", "retard"); dropped where no model runs
    needs_context: str | None = None  # article-level context required (e.g. migration)
    blocked_by: str | None = None  # sentence-level context that cancels it (e.g. war)
    source: str = ""  # the entry as written in the rule file


@dataclass(frozen=True)
class TermIndex:
    """Terms with a literal hint each: only the terms whose hint occurs in a sentence run
    their regex (most of a sentence's terms are absent). Which hints occur is found once
    per sentence for all of a language's indexes (``Rules.present_hints``)."""

    terms: tuple[Term, ...]
    by_hint: dict[str, tuple[int, ...]]  # hint -> positions of its terms
    unhinted: tuple[int, ...]  # positions of terms with no hint: always candidates

    @classmethod
    def of(cls, terms: list[Term]) -> TermIndex:
        by_hint: dict[str, list[int]] = {}
        unhinted = []
        for position, term in enumerate(terms):
            hint = literal_hint(term.source)
            if hint:
                by_hint.setdefault(hint, []).append(position)
            else:
                unhinted.append(position)
        positions = {hint: tuple(at) for hint, at in by_hint.items()}
        return cls(tuple(terms), positions, tuple(unhinted))

    def hints(self) -> set[str]:
        return set(self.by_hint)

    def candidates(self, present: frozenset[str]) -> list[Term]:
        """The terms whose hint is among ``present``, in table order."""
        positions = list(self.unhinted)
        for hint in present:
            positions.extend(self.by_hint.get(hint, ()))
        return [self.terms[position] for position in sorted(positions)]

    def matches(
        self, text: str, start: int, end: int, present: frozenset[str]
    ) -> list[tuple[int, int, Term]]:
        """Non-overlapping matches in text[start:end], the longest kept where they clash;
        ``present`` holds the hints that occur there."""
        found = [
            (match.start(), match.end(), term)
            for term in self.candidates(present)
            for match in term.pattern.finditer(text, start, end)
        ]
        found.sort(key=lambda hit: (hit[0] - hit[1], hit[0]))
        kept: list[tuple[int, int, Term]] = []
        for hit in found:
            if all(hit[1] <= other[0] or hit[0] >= other[1] for other in kept):
                kept.append(hit)
        return sorted(kept, key=lambda hit: hit[0])


def literal_hint(term: str) -> str:
    """The literal start of a term's first word, lower-cased ('' when it has none)."""
    word = re.split(r"[\s*\[\\(?]", term, maxsplit=1)[0].split("-")[0]
    return word.lower() if len(word) >= 2 else ""


@dataclass(frozen=True)
class Rules:
    """Everything the framing stage knows about one language."""

    language: str
    labels: list[Term]
    flags: list[Term]
    group_cues: list[Term]  # labels, slurs, and protected groups outside the event actors
    label_index: TermIndex
    cue_index: TermIndex
    flag_index: TermIndex
    protected: frozenset[str]
    loaded_modifiers: re.Pattern[str]
    neutral_modifiers: re.Pattern[str]
    heads_after: re.Pattern[str]
    contexts: dict[str, re.Pattern[str]]
    speech_verb: re.Pattern[str]
    speech_prefix: re.Pattern[str]
    complementiser: re.Pattern[str]
    fusion_links: re.Pattern[str]  # what may stand between a group noun and a slur of it
    generalisation: re.Pattern[str]  # 'are all criminals': quantifier + negative noun
    classifier: bool
    hints: tuple[str, ...] = ()  # every index's literal hints, for ``present_hints``
    raw: dict[str, Any] = field(repr=False, default_factory=dict)

    def present_hints(self, sentence: str) -> frozenset[str]:
        """The literal hints that occur in the lower-cased sentence: found once per
        sentence, then shared by the label, cue and flag indexes."""
        lowered = sentence.lower()
        return frozenset(hint for hint in self.hints if hint in lowered)


def term_regex(term: str) -> str:
    """A lexicon term as a regex: '*' is any word ending, a space also matches a hyphen.

    Entries that already hold regex syntax (a backslash or a character class) are kept.
    """
    if "\\" in term or "[" in term or "(?" in term:
        return term
    parts = [re.escape(word).replace(r"\*", r"[\w'’-]*") for word in term.split(" ")]
    return r"[\s\-]+".join(parts)


def alternation(terms: list[str]) -> re.Pattern[str]:
    """One case-insensitive, word-bounded pattern over many terms, longest first."""
    ordered = sorted(terms, key=len, reverse=True)
    body = "|".join(term_regex(term) for term in ordered)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w])", re.IGNORECASE)


def single(term: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{term_regex(term)})(?![\w])", re.IGNORECASE)


def need(data: dict[str, Any], key: str, language: str) -> Any:
    """A required, non-empty entry of a rule file; its absence is a RulesError."""
    value = data.get(key)
    if not value:
        raise RulesError(f"framing rules for {language!r} lack a non-empty {key!r}")
    return value


def compile_labels(groups: dict[str, Any]) -> list[Term]:
    terms = []
    for group, lists in groups.items():
        if group == "source":
            continue
        for loaded in (False, True):
            for item in lists.get("loaded" if loaded else "neutral", []):
                spec = item if isinstance(item, dict) else {"term": item}
                terms.append(
                    Term(
                        single(spec["term"]),
                        "label",
                        group,
                        loaded,
                        needs_context=spec.get("needs_context"),
                        blocked_by=spec.get("blocked_by"),
                        source=spec["term"],
                    )
                )
    return terms


def compile_flags(entries: list[dict[str, Any]]) -> list[Term]:
    terms = []
    for entry in entries:
        for item in entry["terms"]:
            spec = item if isinstance(item, dict) else {"term": item}
            terms.append(
                Term(
                    pattern=single(spec["term"]),
                    kind=entry["kind"],
                    group=spec.get("target", entry.get("target")),
                    score=float(entry.get("score", 0.5)),
                    needs_target=bool(spec.get("needs_group", entry.get("needs_target", False))),
                    needs_abuse=bool(entry.get("needs_abuse", False)),
                    needs_context=entry.get("needs_context"),
                    blocked_by=entry.get("blocked_by"),
                    source=spec["term"],
                )
            )
    return terms


def compile_group_cues(data: dict[str, Any], labels: list[Term]) -> list[Term]:
    extra = data.get("extra_group_terms", {})
    cues = list(labels)
    for group, words in extra.items():
        if group != "source":
            cues.extend(Term(single(word), "label", group, source=word) for word in words)
    return cues


def full_match(terms: list[str]) -> re.Pattern[str]:
    """A pattern that must cover a whole gap (an empty gap matches too)."""
    body = "|".join(term_regex(term) for term in sorted(terms, key=len, reverse=True))
    return re.compile(rf"\s*(?:(?:{body})\s+)?", re.IGNORECASE)


def generalisation(data: dict[str, Any], language: str) -> re.Pattern[str]:
    """'are all thieves': a quantifier followed by a negative noun, as one pattern."""
    quantifiers = alternation(need(data, "quantifiers", language)).pattern
    nouns = alternation(need(data, "nouns", language)).pattern
    return re.compile(rf"{quantifiers}\s+{nouns}", re.IGNORECASE)


@cache
def load_rules(language: str) -> Rules:
    """The compiled rules of one language; a missing or empty file is a RulesError."""
    path = RULES_DIR / f"{language}.json"
    data = read_table(path)
    labels = compile_labels(need(data, "groups", language))
    flags = compile_flags(need(data, "flags", language))
    modifiers = need(data, "label_modifiers", language)
    speech = need(data, "speech", language)
    contexts = need(data, "contexts", language)
    if not labels or not flags:
        raise RulesError(f"framing rules for {language!r} have no terms", str(path))
    cues = compile_group_cues(data, labels) + [term for term in flags if term.kind == "slur"]
    label_index = TermIndex.of(labels)
    cue_index = TermIndex.of(cues)
    flag_index = TermIndex.of(flags)
    return Rules(
        language=language,
        labels=labels,
        flags=flags,
        group_cues=cues,
        label_index=label_index,
        cue_index=cue_index,
        flag_index=flag_index,
        hints=tuple(sorted(label_index.hints() | cue_index.hints() | flag_index.hints())),
        protected=frozenset(need(data, "protected_groups", language)),
        loaded_modifiers=alternation(need(modifiers, "loaded", language)),
        neutral_modifiers=alternation(need(modifiers, "neutral", language)),
        heads_after=alternation(need(modifiers, "heads_after", language)),
        contexts={k: alternation(v) for k, v in contexts.items() if k != "source"},
        speech_verb=alternation(need(speech, "verbs", language)),
        speech_prefix=alternation(need(speech, "prefixes", language)),
        complementiser=alternation(need(speech, "complementisers", language)),
        fusion_links=full_match(need(data, "hate_from_dehumanising", language).get("links", [])),
        generalisation=generalisation(need(data, "hate_generalisation", language), language),
        classifier=bool(data.get("classifier", {}).get("enabled", False)),
        raw=data,
    )


def term_applies(term: Term, sentence: str, article_contexts: set[str], rules: Rules) -> bool:
    """The article- and sentence-level conditions of a lexicon entry."""
    if term.needs_context and term.needs_context not in article_contexts:
        return False
    blocker = rules.contexts.get(term.blocked_by or "")
    return not (blocker and blocker.search(sentence))


@cache
def supported_languages() -> frozenset[str]:
    """Languages with a rule file: the ones framing claims to read."""
    return frozenset(path.stem for path in RULES_DIR.glob("*.json"))
