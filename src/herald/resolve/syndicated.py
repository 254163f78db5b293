"""Syndicated copies join their original's event, whatever their date evidence.

``find_copies`` groups near-duplicate texts into a Story. A repost often lost
its publication date (a blog, a scraped page), so its candidate is undated while
the original's is dated, and the ordinary rules never merge an undated report
without a strong signal. But one text tells one event: the copy's candidate
belongs with the original's candidate at the same place and of a compatible type
family, and the date the original gives is the date. These pairs are tried before
any evidence-backed pair, under the clusterer's usual constraints (one article
never holds two of them, other reports must agree with the original).
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from herald.resolve.compare import content_similarity, relation, same_story
from herald.resolve.features import Features


def _story_groups(feats: list[Features]) -> list[list[Features]]:
    """Candidates by story, for stories with candidates from two articles or more."""
    groups: dict[str, list[Features]] = defaultdict(list)
    for f in feats:
        groups[f.story].append(f)
    return [group for group in groups.values() if len({f.article for f in group}) > 1]


def _affinity(a: Features, b: Features) -> float:
    """Which copy candidate goes with which original one when an article has several."""
    return content_similarity(a, b) + (a.sub_event_type == b.sub_event_type)


def story_pairs(feats: list[Features]) -> list[tuple[int, int]]:
    """Same-story pairs at one place with compatible types, best match first."""
    scored = []
    for group in _story_groups(feats):
        for a, b in combinations(group, 2):
            if not same_story(a, b):
                continue
            rel = relation(a, b, date_known=False)
            if rel is not None and rel.place == "near":
                i, j = min(a.index, b.index), max(a.index, b.index)
                scored.append((-_affinity(a, b), feats[i].id, feats[j].id, i, j))
    return [(i, j) for *_, i, j in sorted(scored)]


def date_waived(member: Features, union: list[Features]) -> bool:
    """A copy whose story has another article in the union: the original's date stands."""
    return member.story != member.article and any(same_story(member, other) for other in union)
