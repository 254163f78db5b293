"""What the event and article pages show, as plain data (and as their JSON twins).

Pure functions over model records: the templates only lay these out, and the JSON
twins return them as they are. Nothing here builds HTML; every string stays text
until Jinja2 escapes it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from herald.model import Article, Claim, Event, Evidence, Source
from herald.serve.security import http_url

# Characters of context kept on each side of an evidence span when its sentence is long.
SENTENCE_CONTEXT = 240
_SENTENCE_END = re.compile(r"[.!?…]['\"”’»)]*\s|\n")
SEGMENT_KINDS = ("title", "body", "quote", "caption", "boilerplate", "comments")


def evidence_sentence(text: str, start: int, end: int) -> dict[str, str]:
    """The sentence around a span, split as before / evidence / after."""
    if not (0 <= start <= end <= len(text)):
        return {"before": "", "evidence": text[start:end], "after": ""}
    window_start = max(0, start - SENTENCE_CONTEXT)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, window_start, start)]
    first = ends[-1] if ends else window_start
    following = _SENTENCE_END.search(text, end, min(len(text), end + SENTENCE_CONTEXT))
    last = following.start() + 1 if following else min(len(text), end + SENTENCE_CONTEXT)
    return {"before": text[first:start].lstrip(), "evidence": text[start:end],
            "after": text[end:last].rstrip()}


def claim_view(claim: Claim, article: Article | None) -> dict[str, Any]:
    evidence = claim.evidence
    if evidence is None:
        sentence = None
    elif article is not None:
        sentence = evidence_sentence(article.text, evidence.start, evidence.end)
    else:
        sentence = {"before": "", "evidence": evidence.text, "after": ""}
    return {"field": claim.field, "figure": claim_figure(claim), "value": claim.value,
            "claimed_by": claim.claimed_by, "sentence": sentence}


def claim_figure(claim: Claim) -> str:
    """'800', 'about 800', 'several (3-9)': a figure as the source gave it."""
    if claim.value is not None:
        figure = f"{claim.value:,}"
        return f"{claim.qualifier} {figure}" if claim.qualifier else figure
    span = f" ({claim.low:,}-{claim.high:,})" if claim.low is not None and claim.high else ""
    return f"{claim.qualifier or 'unknown'}{span}"


def source_views(event: Event, articles: list[Article]) -> list[dict[str, Any]]:
    """Each source of an event, side by side: what it says and the words it uses."""
    by_id = {article.id: article for article in articles}
    return [_source_view(event, source, by_id.get(source.article)) for source in event.sources]


def _source_view(event: Event, source: Source, article: Article | None) -> dict[str, Any]:
    framing = article.framing if article else {}
    url = (article.url if article else None) or source.url
    return {
        "article": source.article,
        "title": article.title if article else None,
        "outlet": (article.outlet if article else None) or source.outlet,
        "published": (article.published if article else None) or source.published,
        "url": url,
        "link": http_url(url),
        "copy_of": source.copy_of,
        "claims": [claim_view(c, article) for c in event.claims if c.article == source.article],
        "actors": [{"name": actor.name, "role": actor.role,
                    "words": sorted({label.text for label in actor.labels
                                     if label.article == source.article})}
                   for actor in event.actors],
        "words": words_by_group(framing),
        "flags": framing.get("flags", []),
        "comments": framing.get("comments") or {"count": 0, "flagged": 0},
    }


def words_by_group(framing: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """group -> the words a source uses for it: its own voice first, quoted ones marked."""
    words: dict[str, dict[tuple[str, str], dict[str, Any]]] = defaultdict(dict)
    for label in framing.get("labels", []):
        voice = label.get("voice", "outlet")
        if voice == "comment":
            continue
        key = (" ".join(label["text"].lower().split()), voice)
        entry = words[label["group"]].setdefault(
            key, {"text": label["text"], "voice": voice, "loaded": False, "count": 0})
        entry["count"] += 1
        entry["loaded"] = entry["loaded"] or bool(label.get("loaded"))
    return {group: sorted(found.values(), key=lambda w: (w["voice"] != "outlet", -w["count"]))
            for group, found in sorted(words.items())}


def conflict_sentences(event: Event, outlets: dict[str, str]) -> list[str]:
    """Disagreements between sources in words: the conflicts resolution stored, then, for
    a figure they do not cover, who gives which ('arrests: 3 per police, in Le Journal;
    14 per organisers, in ...')."""
    lines = list(event.conflicts)
    by_field: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for claim in event.claims:
        outlet = outlets.get(claim.article) or claim.article
        by_field[claim.field][claim_figure(claim)].add(f"{claim.claimed_by}, in {outlet}")
    stated = {line.split(":", 1)[0].strip() for line in lines}
    for field, figures in by_field.items():
        if len(figures) > 1 and field not in stated:
            said = "; ".join(f"{figure} per {' and '.join(sorted(who))}"
                             for figure, who in sorted(figures.items()))
            lines.append(f"{field.replace('_', ' ')}: {said}")
    return lines


def evidence_of(event: Event, article_id: str) -> list[tuple[Evidence, str]]:
    """Every span of this article the event rests on, with what it is evidence of."""
    spans: list[tuple[Evidence, str]] = []
    if event.date.evidence and event.date.evidence.article == article_id:
        spans.append((event.date.evidence, f"date {event.date.value or ''}"))
    if event.location.evidence and event.location.evidence.article == article_id:
        spans.append((event.location.evidence, f"place {event.location.name or ''}"))
    for actor in event.actors:
        if actor.evidence and actor.evidence.article == article_id:
            spans.append((actor.evidence, f"{actor.role}: {actor.name}"))
    for claim in event.claims:
        if claim.evidence and claim.article == article_id:
            spans.append((claim.evidence,
                          f"{claim.field} {claim_figure(claim)} per {claim.claimed_by}"))
    if event.trigger and event.trigger.article == article_id:
        spans.append((event.trigger, f"{event.event_type}: {event.sub_event_type}"))
    return spans


def article_pieces(article: Article, events: list[Event]) -> list[dict[str, Any]]:
    """The text cut where a segment, an evidence span or a flag starts or ends.

    Each piece says its segment kind, what it is evidence of and which flag covers it,
    so the page can colour and mark it with classes alone.
    """
    text = article.text
    evidence = [(e.start, e.end, why) for event in events
                for e, why in evidence_of(event, article.id) if 0 <= e.start < e.end <= len(text)]
    flags = [(f["start"], f["end"], f"{f['kind']} ({f.get('target')})")
             for f in article.framing.get("flags", []) if 0 <= f["start"] < f["end"] <= len(text)]
    cuts = {0, len(text)}
    for start, end, _ in evidence + flags:
        cuts.update((start, end))
    for segment in article.segments:
        cuts.update((min(segment.start, len(text)), min(segment.end, len(text))))
    bounds = sorted(cuts)
    pieces = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        pieces.append({
            "text": text[start:end],
            "segment": _segment_at(article, start),
            "evidence": [why for s, e, why in evidence if s <= start and end <= e],
            "flags": [why for s, e, why in flags if s <= start and end <= e],
        })
    return pieces


def _segment_at(article: Article, offset: int) -> str:
    """The innermost segment holding an offset (a quote inside a body is a quote)."""
    holding = [s for s in article.segments if s.start <= offset < s.end]
    return min(holding, key=lambda s: s.end - s.start).kind if holding else "none"
