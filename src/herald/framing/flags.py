"""Flags: dehumanising language, slurs, hate, conspiracy tropes and incitement.

A lexicon match becomes a flag only when its conditions hold: a target group can be
named (for words that are only hateful when aimed at people), the article is about
migration (for the invasion frame) and the sentence is not war reporting. A flag in
the outlet's own voice inside a sentence that reports on hate ("condemned", "conspiracy
theory") is a mention, not a use, and is dropped; quoted hate keeps segment 'quote'.
"""

from __future__ import annotations

import re
from typing import Any

from herald.framing.rules import Rules, term_applies
from herald.framing.units import Unit
from herald.framing.voice import inside

# Flags a loaded label yields only where no stronger flag already covers its span.
WIDENED_KINDS = frozenset({"dehumanising", "slur"})
LOADED_LABEL_SCORE = 0.4
# 'X are all thieves' with no slur in it: weaker evidence than a lexicon hate phrase (0.7).
GENERALISATION_SCORE = 0.6  # below every lexicon kind: a loaded word is the mildest signal


Cue = tuple[int, int, str]
# Key of a flag that stands only if the hate model calls its comment abusive.
NEEDS_ABUSE = "needs_abuse"


def group_cues(text: str, unit: Unit, rules: Rules) -> list[Cue]:
    """(start, end, group) of every protected group named in the sentence, slurs included."""
    return [
        (start, end, term.group)
        for start, end, term in rules.cue_index.matches(text, unit.start, unit.end, unit.hints)
        if term.group in rules.protected
    ]


def nearest_group(cues: list[tuple[int, int, str]], start: int) -> str | None:
    if not cues:
        return None
    return min(cues, key=lambda cue: abs(cue[0] - start))[2]


def make_flag(
    kind: str, target: str | None, unit: Unit, text: str, span: tuple[int, int], score: float
) -> dict[str, Any]:
    start, end = span
    return {
        "kind": kind,
        "target": target,
        "segment": unit.flag_segment(start),
        "text": text[start:end],
        "start": start,
        "end": end,
        "score": round(score, 3),
    }


def is_mention(unit: Unit, start: int, sentence: str, rules: Rules) -> bool:
    """The article reports on hate here ('condemned', 'conspiracy theory') rather than
    speaking it. Words shown inside quotation marks stay flagged, as segment 'quote'."""
    if unit.segment == "comments" or inside(start, list(unit.marks)):
        return False
    reporting = rules.contexts.get("reporting")
    return bool(reporting and reporting.search(sentence))


def lexicon_flags(
    text: str, unit: Unit, rules: Rules, article_contexts: set[str], cues: list[Cue]
) -> list[dict[str, Any]]:
    sentence = text[unit.start : unit.end]
    flags: list[dict[str, Any]] = []
    for term in rules.flag_index.candidates(unit.hints):
        if term.needs_abuse and unit.segment != "comments":
            continue  # "queer", "bitch": a comment's slur only when the model says abusive
        if not term_applies(term, sentence, article_contexts, rules):
            continue
        for match in term.pattern.finditer(text, unit.start, unit.end):
            target = term.group or nearest_group(cues, match.start())
            if term.needs_target and not (cues if term.group else target):
                continue
            if is_mention(unit, match.start(), sentence, rules):
                continue
            span = (match.start(), match.end())
            flag = make_flag(term.kind, target, unit, text, span, term.score)
            if term.needs_abuse:
                flag[NEEDS_ABUSE] = True  # checked, and removed, by frame.model_signal
            flags.append(flag)
    return flags


def fused(gap: str, links: re.Pattern[str]) -> bool:
    """Two words are fused when only a space or a linking word ('are', 'sont des') lies
    between: 'Muslim parasites', 'these migrants are vermin'. A quotation mark breaks
    the fusion: 'called migrants "invaders"' names a label, it does not predicate it."""
    return gap != gap.lstrip() and links.fullmatch(gap) is not None


def fused_hate(
    text: str, unit: Unit, rules: Rules, flags: list[dict[str, Any]], cues: list[Cue]
) -> list[dict[str, Any]]:
    """'Muslim parasites': a dehumanising noun fused to a group noun is hate against it."""
    hate = []
    for flag in flags:
        if flag["kind"] != "dehumanising" or flag["target"] not in rules.protected:
            continue
        for start, end, group in cues:
            left, right = min(start, flag["start"]), max(end, flag["end"])
            gap = text[min(end, flag["end"]) : max(start, flag["start"])]
            if fused(gap, rules.fusion_links):
                hate.append(make_flag("hate", group, unit, text, (left, right), flag["score"]))
                break
    return hate


def generalisation_flags(
    text: str, unit: Unit, rules: Rules, cues: list[Cue]
) -> list[dict[str, Any]]:
    """'Roma are all thieves': a protected group, a quantifier, a negative noun."""
    flags = []
    sentence = text[unit.start : unit.end]
    for start, end, group in cues:
        match = rules.generalisation.match(text, end + 1, unit.end)
        if match and text[end : end + 1].isspace() and not is_mention(unit, start, sentence, rules):
            score = GENERALISATION_SCORE
            flags.append(make_flag("hate", group, unit, text, (start, match.end()), score))
    return flags


def loaded_label_flags(
    labels: list[dict[str, Any]], units: list[Unit], text: str
) -> list[dict[str, Any]]:
    """A loaded label (thugs, illegals, regime) is a 'loaded' flag on the group it names."""
    flags = []
    for label in labels:
        if not label["loaded"]:
            continue
        unit = next(u for u in units if u.start <= label["start"] < u.end)
        span = (label["start"], label["end"])
        flags.append(make_flag("loaded", label["group"], unit, text, span, LOADED_LABEL_SCORE))
    return flags


def overlaps(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def deduplicate(flags: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One flag per kind per stretch (the longest). A 'loaded' label yields to a stronger
    flag inside it ('invaders' is dehumanising, not merely loaded) but stands beside a
    wider one ('moros' stays loaded inside the hate flag 'moros son una plaga')."""
    ordered = sorted(flags, key=lambda f: (f["kind"] == "loaded", f["start"] - f["end"]))
    kept: list[dict[str, Any]] = []
    for flag in ordered:
        clash = [k for k in kept if overlaps(k, flag)]
        if any(k["kind"] == flag["kind"] for k in clash):
            continue
        if flag["kind"] == "loaded" and any(within(k, flag) for k in clash):
            continue
        kept.append(flag)
    return sorted(kept, key=lambda f: (f["start"], f["kind"]))


def within(inner: dict[str, Any], outer: dict[str, Any]) -> bool:
    return outer["start"] <= inner["start"] and inner["end"] <= outer["end"]


def widen_to_labels(flags: list[dict[str, Any]], labels: list[dict[str, Any]], text: str) -> None:
    """A dehumanising word inside a label ('nonwhite invader camp') flags the whole label."""
    for flag in flags:
        if flag["kind"] not in WIDENED_KINDS:
            continue
        for label in labels:
            if label["start"] <= flag["start"] and flag["end"] <= label["end"]:
                flag["start"], flag["end"] = label["start"], label["end"]
                flag["text"] = text[label["start"] : label["end"]]


def find_flags(
    text: str,
    units: list[Unit],
    rules: Rules,
    labels: list[dict[str, Any]],
    article_contexts: set[str],
) -> list[dict[str, Any]]:
    flags = []
    for unit in units:
        cues = group_cues(text, unit, rules)
        found = lexicon_flags(text, unit, rules, article_contexts, cues)
        flags.extend(found)
        flags.extend(fused_hate(text, unit, rules, found, cues))
        flags.extend(generalisation_flags(text, unit, rules, cues))
    widen_to_labels(flags, labels, text)
    flags.extend(loaded_label_flags(labels, units, text))
    return deduplicate(flags)
