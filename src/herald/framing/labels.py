"""Labels: every expression an article uses for a group, with its voice and loadedness."""

from __future__ import annotations

import re
from typing import Any

from herald.framing.rules import Rules, term_applies
from herald.framing.units import Unit


def left_extension(text: str, floor: int, start: int, modifiers: re.Pattern[str]) -> int:
    """Start of the label once premodifiers ('illegal', 'anti-migrant') are taken in."""
    while True:
        prefix = text[floor:start]
        best = None
        for match in modifiers.finditer(prefix):
            if match.end() < len(prefix) and not prefix[match.end() :].strip():
                best = match
        if best is None:
            return start
        start = floor + best.start()


def right_extension(text: str, end: int, ceiling: int, heads: re.Pattern[str]) -> int:
    """End of the label once a following head ('camp', French 'illégaux') is taken in."""
    match = heads.match(text, end + 1, ceiling) if text[end : end + 1] == " " else None
    return match.end() if match else end


def unit_labels(text: str, unit: Unit, rules: Rules, contexts: set[str]) -> list[dict[str, Any]]:
    """The labels of one sentence, spans widened over their modifiers."""
    labels = []
    sentence = text[unit.start : unit.end]
    for start, end, term in rules.label_index.matches(text, unit.start, unit.end, unit.hints):
        if not term_applies(term, sentence, contexts, rules):
            continue
        start = left_extension(text, unit.start, start, rules.loaded_modifiers)
        start = left_extension(text, unit.start, start, rules.neutral_modifiers)
        start = left_extension(text, unit.start, start, rules.loaded_modifiers)
        end = right_extension(text, end, unit.end, rules.heads_after)
        span_text = text[start:end]
        loaded = term.loaded or bool(rules.loaded_modifiers.search(span_text))
        labels.append(
            {
                "group": term.group,
                "text": span_text,
                "start": start,
                "end": end,
                "voice": unit.voice(start),
                "loaded": loaded,
            }
        )
    return labels


def find_labels(
    text: str, units: list[Unit], rules: Rules, contexts: set[str]
) -> list[dict[str, Any]]:
    """Every label of the article; ``contexts`` names the context lexicons its text touches."""
    return [label for unit in units for label in unit_labels(text, unit, rules, contexts)]
