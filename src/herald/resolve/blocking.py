"""Blocking: which candidates are worth comparing at all.

``block_keys`` is for the store (load only what an incoming batch could merge
with); ``candidate_pairs`` is the resolver's own finer index (country, day and a
0.5° grid cell), which keeps the pairwise comparisons near-linear in the number
of candidates however many events a country has in a week.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from herald.geo import EARTH_RADIUS_KM
from herald.model import Event
from herald.resolve.compare import MAX_PLACE_KM, day_of_year, month_days
from herald.resolve.evidence import evidence_pairs
from herald.resolve.features import FeatureMemo, Features, features, normalise

# Grid cell of the fine index, in degrees: 0.5° of latitude is 55 km, more than
# MAX_PLACE_KM, so a point's neighbours lie in the adjacent rows.
CELL_DEGREES = 0.5
KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180
UNKNOWN_COUNTRY = "??"
# A date range this many days wide or more is filed by week, not by day: "in March"
# would otherwise be filed under 33 keys.
WIDE_DATE_DAYS = 7
WEEK_KEY = re.compile(r"\d{4}-W\d{2}")


def _country(code: str | None) -> str:
    return (code or "").upper() or UNKNOWN_COUNTRY


def _place_key(f: Features) -> str:
    """The gazetteer id, else the name's cross-script spelling ("الناصر" is "Nasir")."""
    if f.geonames_id is not None:
        return f"g{f.geonames_id}"
    return f.place_spelling or normalise(f.place_name) or "?"


def town_key(f: Features) -> str:
    """Country, type-family group and place: where undated reports can meet."""
    return f"{_country(f.country)}|{f.family_group}|{_place_key(f)}"


def block_keys(event: Event, arrival: int | None = None,
               memo: FeatureMemo | None = None) -> set[str]:
    """Where the store files a candidate: its country and each day its date could fall
    on (±1 day); a wide date ("in March", "last month") by ISO week instead.

    Days, not weeks, because a batch loads every block its candidates touch: with weeks,
    a batch of three days' news loaded up to three weeks of stored reports and did most
    of its work on them. ``blocks_to_load`` says what a key must load so that a day meets
    the wide dates of its week and a week the days in it.

    An undated (or misdated) event is placed in the week before its publication;
    with no publication date either, it can only meet events of its country and place
    that arrived about when it did: ``arrival`` numbers the week of the stream it came
    in (see ``pipeline.arrival_window``), and the block holds that week and the next.
    Without that bound a town's undated block would grow with the store, and every
    batch touching it would load all of it. ``memo`` keeps what was read for the
    resolution of the same object (see ``features``).
    """
    f = features(0, event, {}, memo)
    country = _country(f.country)
    if f.low is None or f.high is None:
        town = f"{country}|undated|{_place_key(f)}"
        if arrival is None:
            return {town}
        return {f"{town}|{arrival}", f"{town}|{arrival + 1}"}
    days = _days(f.low, f.high)
    if f.high - f.low < WIDE_DATE_DAYS:
        return {f"{country}|d{day}" for day in days}
    return {f"{country}|{_week_of(day)}" for day in days}


def blocks_to_load(keys: set[str]) -> set[str]:
    """The blocks whose candidates could meet a candidate filed under ``keys``: the keys
    themselves, a day's week (where wide dates are filed) and a week's days.

    Stores written before day blocks filed every dated candidate by week; a day's week
    finds those too.
    """
    loaded = set(keys)
    for key in keys:
        country, _, rest = key.partition("|")
        if rest.startswith("d") and rest[1:].isdigit():
            loaded.add(f"{country}|{_week_of(int(rest[1:]))}")
        elif WEEK_KEY.fullmatch(rest):
            monday = date.fromisocalendar(int(rest[:4]), int(rest[6:]), 1).toordinal()
            loaded.update(f"{country}|d{day}" for day in range(monday, monday + 7))
    return loaded


def _week_of(day: int) -> str:
    year, week, _ = date.fromordinal(day).isocalendar()
    return f"{year}-W{week:02d}"


def _days(low: int, high: int) -> range:
    """Every day of an interval with a day's slack on each side."""
    return range(low - 1, high + 2)


def _cell(value: float) -> int:
    return math.floor(value / CELL_DEGREES)


def _located(f: Features) -> bool:
    """Pinned to coordinates: compared only with its grid neighbours and unlocated ones."""
    fine = f.place_precision in ("place", "city")
    return f.lat is not None and f.lon is not None and fine


def _regional(f: Features) -> bool:
    """Has a region that any comparable place must share (see place_relation)."""
    return bool(f.admin1) and f.place_precision != "country"


def _neighbour_cells(lat: float, lon: float) -> Iterator[tuple[int, int]]:
    lat_span = MAX_PLACE_KM / KM_PER_DEGREE
    lon_span = lat_span / max(math.cos(math.radians(lat)), 0.05)
    for row in range(_cell(lat - lat_span), _cell(lat + lat_span) + 1):
        for column in range(_cell(lon - lon_span), _cell(lon + lon_span) + 1):
            yield row, column


class DayIndex:
    """Dated candidates by country, type-family group and day; then by cell or region.

    A located candidate looks only in the grid cells within reach; an unlocated one
    with a region looks in its region and among those with no region; one with
    neither looks at the whole country for its days.

    A wide date ("in March", a week or more) is filed once, by place alone, and its
    days are compared when it is found: filed under each of its days, the tenth of the
    reports that give only a month made two thirds of the index (bench/scale_resolve.py).
    Both ways find the same pairs: days that meet with a day's slack on each side.
    """

    def __init__(self, feats: list[Features]) -> None:
        self.feats = feats
        self.days = _PlaceIndex()
        self.wide = _PlaceIndex()
        for f in feats:
            if f.low is None or f.high is None:
                continue
            block = (_country(f.country), f.family_group)
            if f.high - f.low >= WIDE_DATE_DAYS:
                self.wide.insert(f, block)
                continue
            for day in range(f.low, f.high + 1):
                self.days.insert(f, (*block, day))

    def neighbours(self, f: Features) -> Iterator[int]:
        """Others whose days meet f's (±1) and whose place could be f's."""
        assert f.low is not None and f.high is not None
        block = (_country(f.country), f.family_group)
        seen: set[int] = set()
        for bucket in self.days.buckets(f, [(*block, day) for day in _days(f.low, f.high)]):
            for other in bucket:
                if other != f.index and other not in seen:
                    seen.add(other)
                    yield other
        low, high = f.low - 1, f.high + 1
        for bucket in self.wide.buckets(f, [block]):
            for other in bucket:
                wide = self.feats[other]
                if (other != f.index and other not in seen
                        and wide.low <= high and wide.high >= low):  # type: ignore[operator]
                    seen.add(other)
                    yield other


class _PlaceIndex:
    """Candidates by key, then by grid cell (located ones) and by region or none."""

    def __init__(self) -> None:
        self.by_key: dict[tuple, list[int]] = defaultdict(list)
        self.by_cell: dict[tuple, list[int]] = defaultdict(list)
        self.by_region: dict[tuple, list[int]] = defaultdict(list)
        self.regionless: dict[tuple, list[int]] = defaultdict(list)

    def insert(self, f: Features, key: tuple) -> None:
        self.by_key[key].append(f.index)
        if _located(f):
            assert f.lat is not None and f.lon is not None
            self.by_cell[(*key, _cell(f.lat), _cell(f.lon))].append(f.index)
        if _regional(f):
            self.by_region[(*key, f.admin1)].append(f.index)
        else:
            self.regionless[key].append(f.index)

    def buckets(self, f: Features, keys: list[tuple]) -> Iterator[list[int]]:
        """The buckets under ``keys`` where f's place could be: the grid cells within
        reach of a located f, an unlocated f's region and the regionless, else all."""
        if _located(f):
            assert f.lat is not None and f.lon is not None
            cells = list(_neighbour_cells(f.lat, f.lon))
            for key in keys:
                for row, column in cells:
                    yield self.by_cell.get((*key, row, column), [])
        elif _regional(f):
            for key in keys:
                yield self.by_region.get((*key, f.admin1), [])
                yield self.regionless.get(key, [])
        else:
            for key in keys:
                yield self.by_key.get(key, [])


def candidate_pairs(feats: list[Features], focus: set[int] | None = None
                    ) -> list[tuple[int, int]]:
    """Index pairs (i < j) worth comparing, each once, in a stable order.

    Those that could share day and place (``dated_pairs``), an undated one's town
    (``_undated_pairs``), a report with no country the reports of its days
    (``_countryless_pairs``), and any two that share a telling name or a figure
    (``evidence.evidence_pairs``): a missing field is not a reason never to meet.
    With ``focus``, only pairs with at least one of those indices (a batch's new
    candidates among the stored ones they could join).
    """
    found = set(dated_pairs(feats, focus))
    found.update(_undated_pairs(feats))
    found.update(_countryless_pairs(feats))
    found.update(_yearless_pairs(feats))
    found.update(evidence_pairs(feats, focus))
    if focus is None:
        return sorted(found)
    return sorted((i, j) for i, j in found if i in focus or j in focus)


def _yearless_pairs(feats: list[Features]) -> Iterator[tuple[int, int]]:
    """An undated page's yearless day ("on 20 November") meets the reports of its
    country dated that day of the year (±1) and the other pages that write it."""
    yearless = [f for f in feats if f.month_day is not None]
    if not yearless:
        return
    by_day: dict[tuple, list[int]] = defaultdict(list)
    for f in feats:
        found = day_of_year(f)
        if found is not None:
            by_day[(_country(f.country), f.family_group, *found)].append(f.index)
    for f in yearless:
        for month, day in month_days(f) or ():
            for other in by_day.get((_country(f.country), f.family_group, month, day), ()):
                if other != f.index:
                    yield min(f.index, other), max(f.index, other)


def _countryless_pairs(feats: list[Features]) -> Iterator[tuple[int, int]]:
    """A dated report that names no country meets every report of its days (±1)."""
    if not any(f.country is None and f.low is not None for f in feats):
        return
    by_day: dict[tuple[str, int], list[int]] = defaultdict(list)
    for f in feats:
        if f.low is not None and f.high is not None:
            for day in range(f.low, f.high + 1):
                by_day[(f.family_group, day)].append(f.index)
    for f in feats:
        if f.country is not None or f.low is None or f.high is None:
            continue
        others = {o for day in _days(f.low, f.high)
                  for o in by_day.get((f.family_group, day), ()) if o != f.index}
        for other in others:
            yield min(f.index, other), max(f.index, other)


def dated_pairs(feats: list[Features], focus: set[int] | None = None
                ) -> Iterator[tuple[int, int]]:
    """Index pairs (i < j) that share country and could share day and place.

    Two located candidates meet through the grid, from the smaller index's side;
    an unlocated one (region, country or no coordinates) meets everything of its
    days and country, and its pairs with located ones are yielded from its side.
    With ``focus``, a located candidate outside it looks for nothing (its located
    partners in the focus find it), an unlocated one only for focus partners; pairs
    may then come twice, and the caller keeps them once.
    """
    index = DayIndex(feats)
    for f in feats:
        if f.low is None:
            continue
        located = _located(f)
        if focus is not None and f.index not in focus:
            if located:
                continue
            for other in index.neighbours(f):
                if other in focus:
                    yield min(f.index, other), max(f.index, other)
            continue
        for other in index.neighbours(f):
            other_located = _located(feats[other])
            if focus is None and located == other_located and other < f.index:
                continue  # yielded from the other side
            yield min(f.index, other), max(f.index, other)


def _undated_pairs(feats: list[Features]) -> Iterator[tuple[int, int]]:
    """Candidates with no date and no publication date meet their place, any day.

    Located ones meet everything within reach on the grid; all meet candidates
    named with the same place. The store's blocks bound how much history that is.
    """
    undated = [f for f in feats if f.low is None]
    if not undated:
        return
    by_cell: dict[tuple, list[int]] = defaultdict(list)
    by_place: dict[tuple, list[int]] = defaultdict(list)
    for f in feats:
        block = (_country(f.country), f.family_group)
        by_place[(*block, _place_key(f))].append(f.index)
        if _located(f):
            assert f.lat is not None and f.lon is not None
            by_cell[(*block, _cell(f.lat), _cell(f.lon))].append(f.index)
    for f in undated:
        block = (_country(f.country), f.family_group)
        buckets = [by_place[(*block, _place_key(f))]]
        if _located(f):
            assert f.lat is not None and f.lon is not None
            cells = _neighbour_cells(f.lat, f.lon)
            buckets.extend(by_cell.get((*block, row, column), []) for row, column in cells)
        for other in sorted({other for bucket in buckets for other in bucket}):
            if other != f.index and (feats[other].low is not None or other > f.index):
                yield min(f.index, other), max(f.index, other)
