"""frame_article: the framing stage's entry point."""

from __future__ import annotations

import re
from typing import Any

from herald.framing.classifier import load_classifier
from herald.framing.flags import NEEDS_ABUSE, find_flags, group_cues, make_flag, nearest_group
from herald.framing.hate_model import HateModel
from herald.framing.labels import find_labels
from herald.framing.rules import Rules, load_rules, supported_languages
from herald.framing.units import Unit, article_units
from herald.model import Article

HARMFUL_KINDS = frozenset({"dehumanising", "hate", "slur", "conspiracy", "incitement"})
# How much the model may raise a lexicon flag's score (noisy-or weight on P(abusive)):
# half, since a sentence can be abusive without the flagged word being the abuse.
ABUSE_SCORE_WEIGHT = 0.5
# The model was trained on tweets (at most 280 characters); a longer comment is scored
# sentence by sentence, so one hateful sentence is not diluted by a long harmless reply.
MAX_MODEL_CHARS = 400
# Hate is aimed at a group: a comment that names none is flagged only when the model is
# surer. Swept 0.19 (the model's own point) to 0.5 on the training script's validation
# split: 0.3 and 0.4 both lose 0.012 of hate recall and cut 'neither' flags from 0.023 to
# 0.020 (on comments-dev 0.3 keeps 0.027 more recall than 0.4, same 'neither' rate). News
# comments are longer than tweets and trip on single words ("racist": 0.22) more often.
UNTARGETED_HATE_MIN = 0.3
COMMENT_START = re.compile(r"^[ \t]*\d+\.[ \t]+", re.MULTILINE)
NUMBERING = re.compile(r"^\s*(?:\d{1,3}[.)]|#\d{1,4})\s+")

Span = tuple[int, int]


def article_contexts(article: Article, rules: Rules) -> set[str]:
    """Which context lexicons (migration, war...) the article's own text touches."""
    return {name for name, pattern in rules.contexts.items() if pattern.search(article.text)}


def model_signal(
    article: Article, units: list[Unit], flags: list[dict[str, Any]], rules: Rules
) -> list[dict[str, Any]]:
    """The hate model's judgement beside the lexicons' flags.

    Each reader comment is scored; a comment at or above the model's hate point gets a
    'hate' flag over its text (target: the group it names, if any), and the comment's
    lexicon words that are slurs only when abusive stand only if the model calls it
    abusive. Outside comments the model only raises the score of the sentence's flags.
    Each flag the model saw carries ``model_score``, the calibrated P(hate).
    """
    model = load_classifier() if rules.classifier else None
    if model is None:
        return [flag for flag in flags if not flag.pop(NEEDS_ABUSE, False)]
    text = article.text
    judged: list[tuple[Span, dict[str, float]]] = []
    for start, end in comment_chunks(article, units):
        judged.append(((start, end), model.probabilities(text[start:end])))
    for unit in units:
        span = (unit.start, unit.end)
        if unit.segment != "comments" and any(_inside(flag, span) for flag in flags):
            judged.append((span, model.probabilities(text[unit.start : unit.end])))
    kept = [flag for flag in flags if _weigh(flag, judged, model)]
    added = [
        _model_flag(text, span, probabilities, units, rules)
        for span, probabilities in judged
        if probabilities["hate"] >= model.thresholds["hate"]
        and _is_comment(span, units)
        and not any(f["kind"] == "hate" and _inside(f, span) for f in kept)
    ]
    added = [f for f in added if f["target"] is not None or f["score"] >= UNTARGETED_HATE_MIN]
    return sorted(kept + added, key=lambda f: (f["start"], f["kind"]))


def _weigh(
    flag: dict[str, Any], judged: list[tuple[Span, dict[str, float]]], model: HateModel
) -> bool:
    """Give a lexicon flag its model score; False for a gated slur the model calls harmless."""
    gated = flag.pop(NEEDS_ABUSE, False)
    probabilities = next((p for span, p in judged if _inside(flag, span)), None)
    if probabilities is None:
        return not gated
    if gated and probabilities["neither"] > model.thresholds["abusive_max_neither"]:
        return False
    abusive = 1.0 - probabilities["neither"]
    flag["score"] = round(1 - (1 - flag["score"]) * (1 - ABUSE_SCORE_WEIGHT * abusive), 3)
    flag["model_score"] = round(probabilities["hate"], 3)
    return True


def _model_flag(
    text: str, span: Span, probabilities: dict[str, float], units: list[Unit], rules: Rules
) -> dict[str, Any]:
    unit = next(u for u in units if u.start <= span[0] < u.end)
    inside = [u for u in units if span[0] <= u.start < span[1]] or [unit]
    cues = [cue for u in inside for cue in group_cues(text, u, rules)]
    flag = make_flag("hate", nearest_group(cues, span[0]), unit, text, span, probabilities["hate"])
    flag["model_score"] = flag["score"]
    return flag


def _inside(flag: dict[str, Any], span: Span) -> bool:
    return span[0] <= flag["start"] < span[1]


def _is_comment(span: Span, units: list[Unit]) -> bool:
    return any(u.segment == "comments" and u.start <= span[0] < u.end for u in units)


def comment_chunks(article: Article, units: list[Unit]) -> list[Span]:
    """What the model scores: each comment's text without its numbering, or, for a comment
    longer than a tweet, each of its sentences."""
    chunks: list[Span] = []
    for start, end in comment_spans(article):
        raw = article.text[start:end]
        lead = len(raw) - len(raw.lstrip())
        numbering = NUMBERING.match(raw)
        first = start + (numbering.end() if numbering else lead)
        last = start + len(raw.rstrip())
        if last - first <= MAX_MODEL_CHARS:
            chunks.append((first, last))
        else:
            chunks += [(u.start, u.end) for u in units
                       if u.segment == "comments" and first <= u.start < last]
    return [(a, b) for a, b in chunks if b > a]


def comment_spans(article: Article) -> list[tuple[int, int]]:
    """Individual reader comments: one per comments segment, or its numbered items."""
    spans: list[tuple[int, int]] = []
    for start, text in article.segment_text("comments"):
        starts = [m.start() for m in COMMENT_START.finditer(text)]
        if not starts or starts[0] != 0 and text[: starts[0]].strip():
            starts = [0, *starts]
        bounds = starts + [len(text)]
        spans.extend((start + a, start + b) for a, b in zip(bounds, bounds[1:], strict=False))
    return spans


def comment_summary(article: Article, flags: list[dict[str, Any]]) -> dict[str, Any]:
    """Comments seen, flagged, and how many carry each kind of harmful flag."""
    comments = comment_spans(article)
    harmful = [f for f in flags if f["segment"] == "comments" and f["kind"] in HARMFUL_KINDS]
    kinds = [{f["kind"] for f in harmful if a <= f["start"] < b} for a, b in comments]
    by_kind: dict[str, int] = {}
    for found in kinds:
        for kind in found:
            by_kind[kind] = by_kind.get(kind, 0) + 1
    return {
        "count": len(comments),
        "flagged": sum(1 for found in kinds if found),
        "by_kind": dict(sorted(by_kind.items())),
    }


def unsupported_framing(article: Article) -> dict[str, Any]:
    return {
        "labels": [],
        "flags": [],
        "comments": {"count": len(comment_spans(article)), "flagged": 0, "by_kind": {}},
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
    flags = model_signal(article, units, flags, rules)
    article.framing = {
        "labels": labels,
        "flags": flags,
        "comments": comment_summary(article, flags),
    }
    return article
