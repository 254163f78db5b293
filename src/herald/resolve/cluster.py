"""Best-first clustering under cannot-link constraints.

Pairwise merging chains: A matches B, B matches C, yet A and C are two marches a
day apart. So pairs are taken best score first, and two clusters join only when
no pair across them breaks a hard constraint (one article, different days or
places, incompatible types). Taking the strongest pairs first also sends each
report of a multi-event article to the right event: once it is placed, its
sibling candidates cannot join the same cluster.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from herald.resolve.blocking import town_key
from herald.resolve.compare import Relation, actor_agreement, merge_score, relation
from herald.resolve.features import Features
from herald.resolve.syndicated import metadata_waived


class Clusters:
    """Union-find that keeps each root's member list, to check constraints on joins."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))
        self.members: dict[int, list[int]] = {i: [i] for i in range(size)}

    def root(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        root_i, root_j = self.root(i), self.root(j)
        if root_i == root_j:
            return
        if len(self.members[root_i]) < len(self.members[root_j]):
            root_i, root_j = root_j, root_i
        self.parent[root_j] = root_i
        self.members[root_i].extend(self.members.pop(root_j))

    def groups(self) -> list[list[int]]:
        return [sorted(members) for members in self.members.values()]


def scored_pairs(feats: list[Features], pairs: Iterable[tuple[int, int]]) -> list[tuple]:
    """Pairs that pass the merge rules, best first (ties broken by ids, for idempotence).

    ``merge_score`` reads only what a report says (actors, wording, figures, sub-type)
    and how the pair relates in time and place, so reports that say the same thing (wire
    copies: dozens of outlets print one dispatch) are scored once per relation.
    """
    says = _what_each_says(feats)
    scores: dict[tuple[int, int, Relation], float | None] = {}
    scored = []
    for i, j in pairs:
        rel = relation(feats[i], feats[j])
        if rel is None:
            continue
        key = (says[i], says[j], rel)
        if key not in scores:
            scores[key] = merge_score(feats[i], feats[j], rel)
        score = scores[key]
        if score is not None:
            scored.append((-score, feats[i].id, feats[j].id, i, j))
    scored.sort()
    return scored


def _what_each_says(feats: list[Features]) -> list[int]:
    """One number per distinct content that ``merge_score`` reads."""
    numbering: dict[tuple, int] = {}
    return [
        numbering.setdefault(
            (f.actors, f.words, tuple(sorted(f.numbers.items())), f.sub_event_type),
            len(numbering),
        )
        for f in feats
    ]


def _compatible(clusters: Clusters, feats: list[Features], root_a: int, root_b: int) -> bool:
    """No pair across the two breaks a hard constraint.

    A syndicated copy's date and place are not checked once its story's other article
    is in the union: the original carries them (see ``syndicated.py``).
    """
    union = [feats[i] for i in clusters.members[root_a] + clusters.members[root_b]]
    waived = {f.index for f in union if metadata_waived(f, union)}
    return all(
        relation(feats[x], feats[y], metadata_known=not waived & {x, y}) is not None
        for x in clusters.members[root_a]
        for y in clusters.members[root_b]
    )


def cluster(
    feats: list[Features],
    pairs: Iterable[tuple[int, int]],
    seeds: Iterable[list[int]],
    fallback: Iterable[tuple[int, int]] = (),
    first: Iterable[tuple[int, int]] = (),
) -> list[list[int]]:
    """Groups of candidate indices; ``seeds`` (stored events' members) start joined.

    ``first`` pairs (a syndicated copy and its original) are tried before every
    other pair, in the order given; ``fallback`` pairs (an undated town's only
    story) after every pair the evidence supports, all under the same constraints.
    """
    clusters = Clusters(len(feats))
    for seed in seeds:
        for other in seed[1:]:
            clusters.join(seed[0], other)
    last = [(0.0, feats[i].id, feats[j].id, i, j) for i, j in sorted(set(fallback))]
    copies = [(0.0, feats[i].id, feats[j].id, i, j) for i, j in first]
    for _, _, _, i, j in copies + scored_pairs(feats, pairs) + last:
        root_i, root_j = clusters.root(i), clusters.root(j)
        if root_i != root_j and _compatible(clusters, feats, root_i, root_j):
            clusters.join(root_i, root_j)
    attach_lone_reports(clusters, feats)
    return clusters.groups()


def attach_lone_reports(clusters: Clusters, feats: list[Features]) -> None:
    """A report left alone in its town joins the town's one corroborated event.

    A page saved without a date, or a short report in another language that shares no
    name or figure with the others, cannot meet its event on evidence (a dated report
    meets an undated event no better). But where the
    reports being resolved hold exactly one event in that town of a compatible kind,
    reported by two sources or more, and nothing in the lone report contradicts any of
    them (a day outside its publication week, another place, other named actors), the
    lone report is that event's. Two such events, or none, and it stays alone: an
    ambiguity never merges.
    """
    by_town: dict[str, set[int]] = defaultdict(set)
    for root, members in clusters.members.items():
        if len({feats[i].story for i in members}) > 1:
            for i in members:
                if _in_town(feats[i]):
                    by_town[town_key(feats[i])].add(root)
    for root in sorted(clusters.members):
        members = clusters.members.get(root, [])
        if len(members) != 1 or not _in_town(feats[members[0]]):
            continue
        lone = feats[members[0]]
        homes = [home for home in by_town.get(town_key(lone), ())
                 if home in clusters.members and clusters.root(home) == home
                 and _nothing_tells_apart(clusters, feats, root, home)
                 and _compatible(clusters, feats, root, home)]
        if len(homes) == 1:
            clusters.join(homes[0], root)


def _in_town(f: Features) -> bool:
    return f.place_precision in ("place", "city")


def _nothing_tells_apart(clusters: Clusters, feats: list[Features], root_a: int,
                        root_b: int) -> bool:
    """No pair across the two names actors with none in common or dates a day apart:
    only a missing date (or the same day) and the same town."""
    for x in clusters.members[root_a]:
        for y in clusters.members[root_b]:
            rel = relation(feats[x], feats[y])
            if rel is None or rel.date not in ("undated", "same_day") or rel.place != "near":
                return False
            if actor_agreement(feats[x], feats[y]) is False:
                return False
    return True
