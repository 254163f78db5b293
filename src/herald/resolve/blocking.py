"""Blocking: which candidates are worth comparing at all.

``block_keys`` is for the store (load only what an incoming batch could merge
with); ``candidate_pairs`` is the resolver's own finer index (country, day and a
0.5° grid cell), which keeps the pairwise comparisons near-linear in the number
of candidates however many events a country has in a week.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from herald.model import Event
from herald.resolve.compare import EARTH_KM, MAX_PLACE_KM
from herald.resolve.features import Features, features, normalise

# Grid cell of the fine index, in degrees: 0.5° of latitude is 55 km, more than
# MAX_PLACE_KM, so a point's neighbours lie in the adjacent rows.
CELL_DEGREES = 0.5
KM_PER_DEGREE = EARTH_KM * math.pi / 180
UNKNOWN_COUNTRY = "??"


def _country(code: str | None) -> str:
    return (code or "").upper() or UNKNOWN_COUNTRY


def _place_key(name: str, geonames_id: int | None) -> str:
    if geonames_id is not None:
        return f"g{geonames_id}"
    return normalise(name) or "?"


def block_keys(event: Event) -> set[str]:
    """Country + ISO week of every day the event's date could fall on (±1 day).

    An undated (or misdated) event is placed in the week before its publication;
    with no publication date either, it can only meet events of its country and place.
    """
    f = features(0, event, {})
    country = _country(f.country)
    if f.low is None or f.high is None:
        return {f"{country}|undated|{_place_key(f.place_name, f.geonames_id)}"}
    weeks = {date.fromordinal(day).isocalendar()[:2] for day in _days(f.low, f.high)}
    return {f"{country}|{year}-W{week:02d}" for year, week in weeks}


def _days(low: int, high: int) -> range:
    """Every day of an interval with a day's slack on each side."""
    return range(low - 1, high + 2)


def _cell(value: float) -> int:
    return math.floor(value / CELL_DEGREES)


def _gridded(f: Features) -> bool:
    """Day-dated and pinned to coordinates: compared only with its grid neighbours."""
    located = f.lat is not None and f.lon is not None and f.place_precision in ("place", "city")
    return f.day is not None and located


def _neighbour_cells(lat: float, lon: float) -> Iterator[tuple[int, int]]:
    lat_span = MAX_PLACE_KM / KM_PER_DEGREE
    lon_span = lat_span / max(math.cos(math.radians(lat)), 0.05)
    for row in range(_cell(lat - lat_span), _cell(lat + lat_span) + 1):
        for column in range(_cell(lon - lon_span), _cell(lon + lon_span) + 1):
            yield row, column


def candidate_pairs(feats: list[Features]) -> Iterator[tuple[int, int]]:
    """Index pairs (i < j) that share country and could share day and place."""
    by_cell: dict[tuple[str, int, int, int], list[int]] = defaultdict(list)
    by_day: dict[tuple[str, int], list[int]] = defaultdict(list)
    for f in feats:
        country = _country(f.country)
        if _gridded(f):
            assert f.day is not None and f.lat is not None and f.lon is not None
            by_cell[(country, f.day, _cell(f.lat), _cell(f.lon))].append(f.index)
        if f.low is not None and f.high is not None:
            for day in range(f.low, f.high + 1):
                by_day[(country, day)].append(f.index)
    for f in feats:
        if _gridded(f):
            yield from _grid_pairs(f, feats, by_cell)
        elif f.low is not None:
            yield from _day_pairs(f, feats, by_day)
    yield from _undated_pairs(feats)


def _grid_pairs(
    f: Features, feats: list[Features], by_cell: dict[tuple[str, int, int, int], list[int]]
) -> Iterator[tuple[int, int]]:
    assert f.day is not None and f.lat is not None and f.lon is not None
    country = _country(f.country)
    for day in _days(f.day, f.day):
        for row, column in _neighbour_cells(f.lat, f.lon):
            for other in by_cell.get((country, day, row, column), ()):
                if other > f.index:
                    yield f.index, other


def _day_pairs(
    f: Features, feats: list[Features], by_day: dict[tuple[str, int], list[int]]
) -> Iterator[tuple[int, int]]:
    """A loosely dated or placed candidate meets everything of its days and country."""
    assert f.low is not None and f.high is not None
    country = _country(f.country)
    seen: set[int] = set()
    for day in _days(f.low, f.high):
        for other in by_day.get((country, day), ()):
            if other == f.index or other in seen:
                continue
            seen.add(other)
            if not _gridded(feats[other]) and other < f.index:
                continue  # that pair is yielded from the other side
            yield min(f.index, other), max(f.index, other)


def _undated_pairs(feats: list[Features]) -> Iterator[tuple[int, int]]:
    """Candidates with no date and no publication date meet their own place only."""
    undated = [f for f in feats if f.low is None]
    if not undated:
        return
    by_place: dict[tuple[str, str], list[int]] = defaultdict(list)
    for f in feats:
        by_place[(_country(f.country), _place_key(f.place_name, f.geonames_id))].append(f.index)
    for f in undated:
        for other in by_place[(_country(f.country), _place_key(f.place_name, f.geonames_id))]:
            if other != f.index and (feats[other].low is not None or other > f.index):
                yield min(f.index, other), max(f.index, other)
