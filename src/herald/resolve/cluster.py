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
from collections.abc import Callable, Iterable

from herald.resolve.blocking import town_key
from herald.resolve.compare import (
    Relation,
    actor_agreement,
    merge_score,
    relation,
    same_figure,
)
from herald.resolve.features import Features
from herald.resolve.syndicated import metadata_waived


class Clusters:
    """Union-find that keeps each root's member list, to check constraints on joins."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))
        self.members: dict[int, list[int]] = {i: [i] for i in range(size)}
        # Pairs of clusters found incompatible, each as (root, size): a cluster only
        # grows, so its root and size name its members, and a refused pair is not
        # checked again (a report that cannot join a big event has one pair with
        # each of its members, and each pair would re-check the whole event).
        self.refused: set[tuple[tuple[int, int], tuple[int, int]]] = set()
        # Per root, read when first needed and kept through joins: its members by story,
        # and those whose date and place a story mate waives (``waived_of``). A long-running
        # story's event holds hundreds of copies; recomputing them per join was quadratic.
        self.stories: dict[int, dict[str, list[int]]] = {}
        self.waived: dict[int, set[int]] = {}

    def state(self, root: int) -> tuple[int, int]:
        return root, len(self.members[root])

    def root(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int, waived: set[int] | None = None) -> None:
        """Join two clusters; ``waived``, when the caller computed it, is the union's."""
        root_i, root_j = self.root(i), self.root(j)
        if root_i == root_j:
            return
        if len(self.members[root_i]) < len(self.members[root_j]):
            root_i, root_j = root_j, root_i
        self.parent[root_j] = root_i
        self.members[root_i].extend(self.members.pop(root_j))
        kept, absorbed = self.stories.get(root_i), self.stories.pop(root_j, None)
        if kept is not None and absorbed is not None:
            for story, members in absorbed.items():
                kept.setdefault(story, []).extend(members)
        else:
            self.stories.pop(root_i, None)
        self.waived.pop(root_j, None)
        if waived is None:
            self.waived.pop(root_i, None)
        else:
            self.waived[root_i] = waived

    def groups(self) -> list[list[int]]:
        return [sorted(members) for members in self.members.values()]

    def stories_of(self, root: int, feats: list[Features]) -> dict[str, list[int]]:
        if root not in self.stories:
            by_story: dict[str, list[int]] = defaultdict(list)
            for i in self.members[root]:
                by_story[feats[i].story].append(i)
            self.stories[root] = by_story
        return self.stories[root]

    def waived_of(self, root: int, feats: list[Features]) -> set[int]:
        """Members whose date and place evidence is waived: copies with another article
        of their story in the cluster. Only a member's story mates can waive it, so each
        is compared with them, not with the whole cluster."""
        if root not in self.waived:
            waived: set[int] = set()
            for group in self.stories_of(root, feats).values():
                if len(group) > 1:
                    mates = [feats[k] for k in group]
                    waived.update(i for i in group if metadata_waived(feats[i], mates))
            self.waived[root] = waived
        return self.waived[root]

    def union_waived(self, feats: list[Features], root_a: int, root_b: int) -> set[int]:
        """The waived members of two clusters' union: each side's, and the copies that
        a story mate on the other side waives (only stories both sides hold are read)."""
        waived_a, waived_b = self.waived_of(root_a, feats), self.waived_of(root_b, feats)
        union = waived_a | waived_b
        stories_a, stories_b = self.stories_of(root_a, feats), self.stories_of(root_b, feats)
        for story in stories_a.keys() & stories_b.keys():
            for mine, theirs, done in ((stories_a[story], stories_b[story], waived_a),
                                       (stories_b[story], stories_a[story], waived_b)):
                mates = [feats[k] for k in theirs]
                union.update(i for i in mine
                             if i not in done and metadata_waived(feats[i], mates))
        return union


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
    """One number per distinct content that ``merge_score`` reads (the telling names
    too: two reports worded alike may name different people)."""
    numbering: dict[tuple, int] = {}
    return [
        numbering.setdefault(
            (f.actors, f.words, tuple(sorted(f.numbers.items())), f.sub_event_type, f.names),
            len(numbering),
        )
        for f in feats
    ]


def _compatible(clusters: Clusters, feats: list[Features], root_a: int, root_b: int
                ) -> set[int] | None:
    """The union's waived members when no pair across the two breaks a hard constraint;
    None when one does.

    A syndicated copy's date and place are not checked once its story's other article
    is in the union: the original carries them (see ``syndicated.py``).
    """
    state_a, state_b = clusters.state(root_a), clusters.state(root_b)
    key = (state_a, state_b) if state_a <= state_b else (state_b, state_a)
    if key in clusters.refused:
        return None
    waived = clusters.union_waived(feats, root_a, root_b)
    fits = all(
        relation(feats[x], feats[y], metadata_known=not waived & {x, y}) is not None
        for x in clusters.members[root_a]
        for y in clusters.members[root_b]
    )
    if not fits:
        clusters.refused.add(key)
        return None
    return waived


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
        if root_i == root_j:
            continue
        waived = _compatible(clusters, feats, root_i, root_j)
        if waived is not None:
            clusters.join(root_i, root_j, waived)
    attach_lone_reports(clusters, feats)
    return clusters.groups()


# Events a lone report is compared with before its home is called ambiguous.
MAX_HOME_CHECKS = 64


def attach_lone_reports(clusters: Clusters, feats: list[Features]) -> None:
    """A report left alone joins the one corroborated event of its town, else of its
    country when it names no town.

    A page saved without a date, or a short report in another language that shares no
    name or figure with the others, cannot meet its event on evidence (a dated report
    meets an undated event no better). But where the reports being resolved hold exactly
    one event of a compatible kind in that town (or, for a report that names only a
    region or its country, in that country), reported by two sources or more, and
    nothing in the lone report contradicts any of them (a day outside its publication
    week, a day apart, another place, other named actors; in a country, other figures),
    the lone report is that
    event's. Two such events, or none, and it stays alone: an ambiguity never merges.
    In a country, any other report of a compatible kind that could be its own event (a
    lone report too) is such an ambiguity, so in a long stream, where a country has many
    events a week, the country scope rarely applies.
    """
    for scope in (_town_scope, _country_scope):
        events_by_key: dict[str, set[int]] = defaultdict(set)
        for root, members in clusters.members.items():
            if scope is _country_scope or _corroborated(feats, members):
                for i in members:
                    events_by_key[_home_key(feats[i], scope)].add(root)
        for root in sorted(clusters.members):
            members = clusters.members.get(root, [])
            key = scope(feats[members[0]]) if len(members) == 1 else None
            if key is None:
                continue
            homes = _possible_homes(clusters, feats, root, events_by_key.get(key, set()), scope)
            if len(homes) == 1 and _corroborated(feats, clusters.members[homes[0]]):
                clusters.join(homes[0], root)


def _possible_homes(clusters: Clusters, feats: list[Features], root: int, events: set[int],
                    scope: Callable[[Features], str | None]) -> list[int]:
    """The events a lone report could belong to. Events of its own kind (an IED among
    IEDs) come before events of a merely compatible kind (an armed clash): one of its own
    kind is its home even beside a compatible one. Up to two of a kind are looked for (two
    already mean ambiguity), and at most MAX_HOME_CHECKS events, so a country with
    thousands of events costs a bounded number of checks."""
    family = feats[root].family
    same: list[int] = []
    other: list[int] = []
    for checked, home in enumerate(sorted(events)):
        if checked >= MAX_HOME_CHECKS:
            return sorted(events)[:2]  # too many to tell apart: an ambiguity
        if (home != root and home in clusters.members and clusters.root(home) == home
                and _nothing_tells_apart(clusters, feats, root, home, scope)
                and _compatible(clusters, feats, root, home) is not None):
            kinds = {feats[i].family for i in clusters.members[home]}
            (same if family in kinds else other).append(home)
            if len(same) == 2:
                break
    return same if same else other


def _corroborated(feats: list[Features], members: list[int]) -> bool:
    """Reported by two independent sources or more (a copy is its original's voice)."""
    return len({feats[i].story for i in members}) > 1


def _town_scope(f: Features) -> str | None:
    """The town a report is placed in, or None when it names none."""
    return town_key(f) if f.place_precision in ("place", "city") or f.locality else None


def _country_scope(f: Features) -> str | None:
    """The country (and type group) of a report placed at no gazetteer town (a locality
    its town scope left alone included), or None."""
    if f.country is None or f.place_precision in ("place", "city"):
        return None
    return f"{f.country}|{f.family_group}"


def _home_key(f: Features, scope: Callable[[Features], str | None]) -> str:
    """Where a member of a corroborated event can be found by a lone report."""
    if scope is _town_scope:
        return _town_scope(f) or ""
    return f"{f.country}|{f.family_group}" if f.country else ""


def _nothing_tells_apart(clusters: Clusters, feats: list[Features], root_a: int,
                        root_b: int, scope: Callable[[Features], str | None]) -> bool:
    """No pair across the two dates a day apart (only a missing date, the same day, or
    an undated page's yearless day that agrees), names actors with none in common, is
    placed apart, or, in a country, counts the same thing differently; in a town, some
    report of the event is placed in that town (the others may name a suburb 10-40 km
    off, or only the country)."""
    in_town = False
    for x in clusters.members[root_a]:
        for y in clusters.members[root_b]:
            rel = relation(feats[x], feats[y])
            if rel is None or rel.date not in ("undated", "yearless", "same_day"):
                return False
            if actor_agreement(feats[x], feats[y]) is False:
                return False
            in_town = in_town or rel.place == "near"
    if scope is _country_scope:  # a town's tolls rise report by report; a country has many
        return not _figures_differ(feats, clusters.members[root_a], clusters.members[root_b])
    return in_town


def _figures_differ(feats: list[Features], lone: list[int], event: list[int]) -> bool:
    """The lone report counts a thing (the dead, the arrested) that the event's reports
    count too, and agrees with none of them. Its reports may disagree among themselves
    (a toll rises report by report): one report with the same count is enough."""
    counted = _stated(feats, event)
    for field, values in _stated(feats, lone).items():
        theirs = counted.get(field)
        if theirs and not any(same_figure(x, y) for x in values for y in theirs):
            return True
    return False


def _stated(feats: list[Features], members: list[int]) -> dict[str, list[int]]:
    stated: dict[str, list[int]] = defaultdict(list)
    for i in members:
        for field, values in feats[i].stated.items():
            stated[field].extend(values)
    return stated
