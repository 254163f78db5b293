"""resolve_events: candidates of some blocks in, their canonical events out."""

from __future__ import annotations

from collections import Counter

from herald.model import Event, Story
from herald.resolve.blocking import candidate_pairs
from herald.resolve.canonical import build_event, event_id
from herald.resolve.cluster import cluster
from herald.resolve.evidence import keep_telling_names
from herald.resolve.features import FeatureMemo, features
from herald.resolve.syndicated import story_pairs
from herald.resolve.undated import town_story_pairs


def _story_of(stories: list[Story]) -> dict[str, str]:
    """Article -> the original it copies (originals map to themselves)."""
    return {article: story.original for story in stories for article in story.articles}


def _seeds(existing: list[Event], index_of: dict[str, int]) -> list[list[int]]:
    """Stored events stay together: their surviving members start as one cluster."""
    seeds = []
    for event in sorted(existing, key=lambda e: e.id):
        members = sorted({index_of[m] for m in event.members if m in index_of})
        if members:
            seeds.append(members)
    return seeds


def assign_ids(groups: list[list[str]], existing: list[Event]) -> list[str]:
    """Keep a stored id for the group holding most of its members; else hash the founder.

    Groups claim stored ids by overlap, largest first, so a stored event split in
    two keeps its id on the larger part and the id never appears twice.
    """
    stored_with: dict[str, list[str]] = {}  # member -> the stored events holding it
    for event in existing:
        for member in set(event.members):
            stored_with.setdefault(member, []).append(event.id)
    offers = sorted(  # overlaps counted through the members: groups x events was quadratic
        (-overlap, stored, position)
        for position, group in enumerate(groups)
        for stored, overlap in Counter(
            stored for member in set(group) for stored in stored_with.get(member, ())).items()
    )
    ids: dict[int, str] = {}
    taken: set[str] = set()
    for _, stored, position in offers:
        if position not in ids and stored not in taken:
            ids[position] = stored
            taken.add(stored)
    return [ids.get(position, event_id(min(group))) for position, group in enumerate(groups)]


def resolve_events(
    candidates: list[Event], existing: list[Event], stories: list[Story],
    fresh: set[str] | None = None, memo: FeatureMemo | None = None,
) -> list[Event]:
    """The canonical events of these blocks, one per real-world event.

    Candidates are read in id order and ties broken by id, so the same input gives
    the same output whatever its order; stored events keep their ids while their
    members persist, and a new report attaches to them.

    ``fresh`` names the candidates that are new since ``existing`` was resolved (a
    batch's, none of them replacing a stored one). Two stored candidates were compared
    when the later of them arrived, and their comparison cannot have changed: only
    pairs with a fresh candidate are scored, and a stored event that gains or loses no
    member comes back as stored (the same object), not rebuilt. Without ``fresh``
    every pair is scored and every event built, as for a first batch. ``memo`` keeps
    what was read from candidates no one changes (``features``) for the next call.
    """
    unique = sorted({event.id: event for event in candidates}.values(), key=lambda e: e.id)
    story_of = _story_of(stories)
    feats = [features(i, event, story_of, memo) for i, event in enumerate(unique)]
    keep_telling_names(feats)
    index_of = {event.id: i for i, event in enumerate(unique)}
    seeds = _seeds(existing, index_of)
    focus = None if fresh is None else {index_of[c] for c in fresh if c in index_of}
    pairs = candidate_pairs(feats, focus)
    groups = cluster(feats, pairs, seeds, town_story_pairs(feats), story_pairs(feats, focus))
    id_groups = [[unique[i].id for i in group] for group in groups]
    ids = assign_ids(id_groups, existing)
    kept = {}
    if fresh is not None:
        fresh_articles = {source.article for event in unique if event.id in fresh
                          for source in event.sources}
        kept = _unchanged(existing, fresh, fresh_articles, stories)
    events = [
        kept.get((new_id, frozenset(members)))
        or build_event(new_id, [unique[i] for i in group], story_of)
        for new_id, group, members in zip(ids, groups, id_groups, strict=True)
    ]
    return sorted(events, key=lambda e: e.id)


def _unchanged(existing: list[Event], fresh: set[str], fresh_articles: set[str],
               stories: list[Story]) -> dict[tuple[str, frozenset[str]], Event]:
    """Stored events that may come back as stored, by (id, members): none of their
    members is fresh or in a story with a fresh report (a new copy changes which
    articles count as independent sources)."""
    touched = {article for story in stories if fresh_articles & set(story.articles)
               for article in story.articles}
    return {
        (event.id, frozenset(event.members)): event for event in existing
        if not fresh & set(event.members)
        and not touched & {source.article for source in event.sources}
    }
