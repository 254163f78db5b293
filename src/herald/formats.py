"""Events and articles as the formats users load elsewhere: JSONL, ACLED-style CSV, GeoJSON.

Pure functions from model records to text or plain data, shared by the CLI and,
later, the API.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from herald.model import Actor, Event

# ACLED's own column names where a Herald field has one; the last two are Herald's.
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "country", "iso", "admin1", "location",
    "latitude", "longitude", "geo_precision", "source", "notes", "fatalities", "tags",
    "claims", "conflicts",
)
# ACLED codes time precision 1 (day), 2 (week or a few days), 3 (month or vaguer).
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3, "unknown": 3}
# ACLED codes geo precision 1 (the place), 2 (near it / a part of a region), 3 (region).
GEO_PRECISION = {"place": 1, "city": 1, "region": 3, "country": 3, "unknown": 3}
PRIMARY_ROLES = ("organiser", "participant", "perpetrator")
SECOND_ROLES = ("security_forces", "target", "victim", "counter_protester")


def jsonl(records: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def events_csv(events: Iterable[Event]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for event in events:
        writer.writerow(spreadsheet_safe(acled_row(event)))
    return buffer.getvalue()


# A spreadsheet reads a cell starting with one of these as a formula: an outlet named
# '=HYPERLINK("http://evil.example","click")' would become a live link (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A text cell a spreadsheet shows as text: a leading quote disarms a formula.

    Numbers stay numbers (a longitude of -0.5 is data, not a formula); only strings
    that would be read as formulas change.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_safe(row: dict[str, Any]) -> dict[str, Any]:
    """Every cell of a CSV row through `safe_cell`: for every CSV Herald writes."""
    return {key: safe_cell(value) for key, value in row.items()}


def acled_row(event: Event) -> dict[str, Any]:
    """One event in ACLED's columns; claims stay attributed in Herald's own column."""
    first = _actors_with(event.actors, PRIMARY_ROLES)
    second = _actors_with(event.actors, SECOND_ROLES)
    location = event.location
    return {
        "event_id_cnty": event.id,
        "event_date": event.date.value or "",
        "year": (event.date.value or "")[:4],
        "time_precision": TIME_PRECISION[event.date.precision],
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": first[0] if first else "",
        "assoc_actor_1": "; ".join(first[1:]),
        "inter1": "",
        "actor2": "; ".join(second),
        "country": _country_name(location.country),
        "iso": location.country or "",
        "admin1": location.admin1 or "",
        "location": location.name or "",
        "latitude": "" if location.lat is None else location.lat,
        "longitude": "" if location.lon is None else location.lon,
        "geo_precision": GEO_PRECISION[location.precision],
        "source": "; ".join(sorted({s.outlet or s.article for s in event.sources})),
        "notes": event.summary,
        "fatalities": max((c.value or 0 for c in event.claims if c.field == "fatalities"),
                          default=0),
        "tags": _crowd_tag(event),
        "claims": "; ".join(
            f"{c.field}={c.value} per {c.claimed_by} ({c.article})" for c in event.claims
        ),
        "conflicts": " | ".join(event.conflicts),
    }


def events_geojson(events: Iterable[Event]) -> dict[str, Any]:
    """A FeatureCollection QGIS opens; events without coordinates are left out."""
    features = []
    for event in events:
        if event.location.lat is None or event.location.lon is None:
            continue
        properties = {key: value for key, value in acled_row(event).items()
                      if key not in ("latitude", "longitude")}
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point",
                         "coordinates": [event.location.lon, event.location.lat]},
            "properties": properties,
        })
    return {"type": "FeatureCollection", "features": features}


def _actors_with(actors: list[Actor], roles: tuple[str, ...]) -> list[str]:
    return [actor.name for actor in actors if actor.role in roles]


def _crowd_tag(event: Event) -> str:
    """ACLED writes crowd sizes as tags; Herald lists every attributed figure."""
    sizes = [c for c in event.claims if c.field == "crowd_size"]
    return "; ".join(f"crowd size={c.qualifier + ' ' if c.qualifier else ''}"
                     f"{c.value if c.value is not None else ''} per {c.claimed_by}"
                     for c in sizes)


def _country_name(code: str | None) -> str:
    if not code:
        return ""
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    return country.name if country else code


# -- streamed, for stores of any size ---------------------------------------------------

# Events rendered per chunk when streaming: the same functions as above, a chunk at a time.
STREAM_CHUNK = 1000
# Parquet types of the ACLED columns that are numbers; the others are text. A CSV's
# empty cell is a null here.
PARQUET_NUMBERS = {"year": "INTEGER", "time_precision": "INTEGER", "latitude": "DOUBLE",
                   "longitude": "DOUBLE", "geo_precision": "INTEGER", "fatalities": "INTEGER"}


def parquet_columns() -> list[tuple[str, str]]:
    """(name, DuckDB type) of the Parquet export: the CSV's columns, in its order."""
    return [(name, PARQUET_NUMBERS.get(name, "VARCHAR")) for name in ACLED_COLUMNS]


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def stream_jsonl(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    """``jsonl``, a chunk of lines at a time."""
    for chunk in _chunks(records, STREAM_CHUNK):
        yield jsonl(chunk)


def stream_events_csv(events: Iterable[Event]) -> Iterator[str]:
    """``events_csv``, a chunk at a time: the header once, then the rows."""
    header_sent = False
    for chunk in _chunks(events, STREAM_CHUNK):
        text = events_csv(chunk)
        yield text if not header_sent else text.split("\n", 1)[1]
        header_sent = True
    if not header_sent:
        yield events_csv([])


def stream_events_geojson(events: Iterable[Event]) -> Iterator[str]:
    """``events_geojson`` as the same JSON text, a chunk of features at a time."""
    yield '{"type": "FeatureCollection", "features": ['
    separator = ""
    for chunk in _chunks(events, STREAM_CHUNK):
        for feature in events_geojson(chunk)["features"]:
            yield separator + json.dumps(feature, ensure_ascii=False)
            separator = ", "
    yield "]}\n"
