"""frame_article: the framing stage's entry point."""

from __future__ import annotations

import re
from typing import Any

from herald.framing.classifier import abuse_scores
from herald.framing.flags import find_flags, group_cues, make_flag, nearest_group
from herald.framing.labels import find_labels
from herald.framing.rules import Rules, load_rules, supported_languages
from herald.framing.units import Unit, article_units
from herald.model import Article

HARMFUL_KINDS = frozenset({"dehumanising", "hate", "slur", "conspiracy", "incitement"})
# A comment sentence the classifier scores at or above this, naming a protected group,
# is flagged as hate even without a lexicon hit. Swept 0.5-0.95 on the English comments
# of tests/data/framing_labelled.jsonl: at 0.6 and below "Refugees welcome! Shame on the
# fascists..." (0.59) turns into hate against migrants; 0.8 keeps it out and still
# catches insult-style hate the lexicon misses (one held-out comment at 0.82).
ABUSE_FLAG_MIN = 0.8
# How much the classifier may raise a lexicon flag's score (noisy-or weight): half,
# because it was trained on profanity, not on hate against groups.
ABUSE_SCORE_WEIGHT = 0.5
COMMENT_START = re.compile(r"^[ \t]*\d+\.[ \t]+", re.MULTILINE)


def article_contexts(article: Article, rules: Rules) -> set[str]:
    """Which context lexicons (migration, war...) the article's own text touches."""
    return {name for name, pattern in rules.contexts.items() if pattern.search(article.text)}


def classifier_signal(
    text: str, units: list[Unit], flags: list[dict[str, Any]], rules: Rules
) -> list[dict[str, Any]]:
    """Raise lexicon scores by the classifier; add hate flags for abusive comments.

    Only sentences whose score can matter are scored (those holding a flag, and comment
    sentences with no harmful flag that name a group): each classifier call costs ~2 ms
    of fixed scikit-learn overhead, and most sentences of most articles need none. The
    classifier scores each text on its own, so a smaller batch gives the same scores.
    """
    if not rules.classifier:
        return flags
    by_unit = [[f for f in flags if unit.start <= f["start"] < unit.end] for unit in units]
    targets = [
        _comment_target(text, unit, inside, rules)
        for unit, inside in zip(units, by_unit, strict=True)
    ]
    wanted = [i for i, unit in enumerate(units) if by_unit[i] or targets[i] is not None]
    if not wanted:
        return sorted(flags, key=lambda f: (f["start"], f["kind"]))
    scores = abuse_scores([text[units[i].start : units[i].end] for i in wanted])
    if scores is None:
        return flags
    added = []
    for index, score in zip(wanted, scores, strict=True):
        for flag in by_unit[index]:
            flag["score"] = round(1 - (1 - flag["score"]) * (1 - ABUSE_SCORE_WEIGHT * score), 3)
        unit, target = units[index], targets[index]
        if target is not None and score >= ABUSE_FLAG_MIN:
            added.append(make_flag("hate", target, unit, text, (unit.start, unit.end), score))
    return sorted(flags + added, key=lambda f: (f["start"], f["kind"]))


def _comment_target(
    text: str, unit: Unit, inside: list[dict[str, Any]], rules: Rules
) -> str | None:
    """The group an abusive comment sentence would be hate against, if it may get a flag."""
    if unit.segment != "comments" or any(f["kind"] in HARMFUL_KINDS for f in inside):
        return None
    return nearest_group(group_cues(text, unit, rules), unit.start)


def comment_spans(article: Article) -> list[tuple[int, int]]:
    """Individual reader comments: numbered items if the page numbers them, else paragraphs."""
    spans: list[tuple[int, int]] = []
    for start, text in article.segment_text("comments"):
        starts = [m.start() for m in COMMENT_START.finditer(text)]
        if not starts:
            starts = [m.start() for m in re.finditer(r"(?:^|\n\s*\n)\s*\S", text)]
        bounds = starts + [len(text)]
        spans.extend((start + a, start + b) for a, b in zip(bounds, bounds[1:], strict=False))
    return spans


def comment_summary(article: Article, flags: list[dict[str, Any]]) -> dict[str, int]:
    comments = comment_spans(article)
    harmful = [f for f in flags if f["segment"] == "comments" and f["kind"] in HARMFUL_KINDS]
    flagged = sum(1 for a, b in comments if any(a <= f["start"] < b for f in harmful))
    return {"count": len(comments), "flagged": flagged}


def unsupported_framing(article: Article) -> dict[str, Any]:
    return {
        "labels": [],
        "flags": [],
        "comments": {"count": len(comment_spans(article)), "flagged": 0},
        "language_supported": False,
    }


def frame_article(article: Article) -> Article:
    """Set article.framing: the labels it uses for groups, its flags, its comments' tally.

    A language without a rule file gets an empty framing marked
    ``"language_supported": False`` (so it cannot read as 'this outlet uses no loaded
    words', and the article's events still flow); a rule file that exists but is empty
    or broken raises RulesError.
    """
    if article.language not in supported_languages():
        article.framing = unsupported_framing(article)
        return article
    rules = load_rules(article.language)
    units = article_units(article, rules)
    contexts = article_contexts(article, rules)
    labels = find_labels(article.text, units, rules, contexts)
    flags = find_flags(article.text, units, rules, labels, contexts)
    flags = classifier_signal(article.text, units, flags, rules)
    article.framing = {
        "labels": labels,
        "flags": flags,
        "comments": comment_summary(article, flags),
    }
    return article
