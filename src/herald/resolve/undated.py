"""Reports with no date at all: the town is their only anchor.

A report with neither an event date nor a publication date (a page saved without
its metadata, like the seeds) cannot be placed in time, and its candidate often
carries no words or named actors that another outlet's report would repeat: one
says 'demonstrators' and quotes a banner, the other says 'a vigil' and 'protesters'.
Requiring a strong signal leaves every such report its own event.

So the undated reports of one town are read as one story when nothing tells them
apart: each comes from its own article, every pair passes the hard constraints
(compatible types, one place) and no pair names contradicting actors. Anything that
does tell them apart (an article reporting two events there, two named groups, a
type from another family) leaves the whole town to the ordinary evidence rules, so
ambiguity never merges. Only undated reports take part, and the store keeps them
in one block per town, so an incremental ingest sees the same group as a batch.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from herald.resolve.blocking import town_key
from herald.resolve.compare import actor_agreement, relation
from herald.resolve.features import Features

# Beyond this many undated reports in one town, a single story is no longer the
# likely reading (a city collects unrelated undated pages over time) and the pairs
# are left to the evidence rules. Realnews-dev's largest undated town group is 3
# reports of one event (Lille, Paris); 4 leaves room for one more outlet.
MAX_TOWN_STORY_REPORTS = 4


def _town_groups(feats: list[Features]) -> list[list[Features]]:
    """Candidates with no date interval, pinned to a town (or a locality the gazetteer
    lacks, by its name), by country, types and town."""
    groups: dict[str, list[Features]] = defaultdict(list)
    for f in feats:
        if f.low is None and (f.place_precision in ("place", "city") or f.locality):
            groups[town_key(f)].append(f)
    return [group for group in groups.values() if len(group) > 1]


def _indistinct(a: Features, b: Features) -> bool:
    """Nothing says these two are different events: same town, no contradicting actor."""
    rel = relation(a, b)
    return rel is not None and rel.place == "near" and actor_agreement(a, b) is not False


def town_story_pairs(feats: list[Features]) -> list[tuple[int, int]]:
    """Pairs of undated reports that are their town's only story.

    The clusterer tries them after every evidence-backed pair, so a candidate
    first joins the event its own evidence points to.
    """
    pairs: list[tuple[int, int]] = []
    for group in _town_groups(feats):
        if len(group) > MAX_TOWN_STORY_REPORTS:
            continue
        group_pairs = list(combinations(group, 2))
        if all(_indistinct(a, b) for a, b in group_pairs):
            pairs.extend((min(a.index, b.index), max(a.index, b.index)) for a, b in group_pairs)
    return pairs
