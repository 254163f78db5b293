"""Names and figures: how reports meet when a date or a place is missing.

Blocking by country, day and town finds the reports that agree on when and where. A
report without a date (a page saved without its metadata) or without a town (a village
the gazetteer lacks, a report that names only the country) meets its event through
what it says instead: a name or a figure it shares with another report.

Not every shared name tells events apart. "George Floyd" is in every report of a wave
of protests, a mayor's name in every report of his town's three days of rallies. So a
name counts only where the reports that carry it never contradict each other on date
or place: such a name belongs to one event in the set being resolved. This is
document frequency read through the events themselves, and it needs no word list in
any language.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from itertools import combinations

from herald.resolve.compare import (
    SMALL_FIGURE,
    countries_differ,
    date_relation,
    place_relation,
)
from herald.resolve.features import Features

# A name carried by more reports than this is a topic (a movement, a party, a war),
# not one event: its reports are not compared pairwise for it. A large event has
# dozens of reports, and they meet through its day and town anyway.
MAX_CARRIERS = 40


def keep_telling_names(feats: list[Features]) -> None:
    """Drop from each candidate the names that other events share too."""
    carriers = _carriers(feats)
    telling = {
        name for name, group in carriers.items()
        if len(group) <= MAX_CARRIERS and not _spans_events(group)
    }
    for f in feats:
        f.names = f.names & telling


def _carriers(feats: list[Features]) -> dict[str, list[Features]]:
    carriers: dict[str, list[Features]] = defaultdict(list)
    for f in feats:
        for name in f.names:
            carriers[name].append(f)
    return carriers


def _spans_events(group: list[Features]) -> bool:
    """Whether two reports carrying a name contradict each other on date or place."""
    return any(
        a.article != b.article
        and (date_relation(a, b) is None or place_relation(a, b) is None)
        for a, b in combinations(group, 2)
    )


def evidence_pairs(feats: list[Features], focus: set[int] | None = None
                   ) -> Iterator[tuple[int, int]]:
    """Pairs (i < j) of compatible type groups that share a telling name or a figure,
    and whose countries could be one (the same, or one unknown: ``place_relation``
    refuses two others, so such a pair is never worth scoring). A name or figure
    carried by more than MAX_CARRIERS of ``feats`` pairs nobody, whatever the countries.
    With ``focus``, only pairs with at least one of those indices."""
    buckets: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for f in feats:
        for name in f.names:
            buckets[(f.family_group, "name", name)].append(f.index)
        for field, values in f.numbers.items():
            for value in values:
                if value >= SMALL_FIGURE:
                    buckets[(f.family_group, field, str(value))].append(f.index)
    for members in buckets.values():
        if 1 < len(members) <= MAX_CARRIERS:
            for i, j in combinations(sorted(set(members)), 2):
                if (focus is None or i in focus or j in focus) and not countries_differ(
                        feats[i], feats[j]):
                    yield i, j
