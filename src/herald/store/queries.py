"""Read queries shared by the CLI and `herald serve`: filters, sorting, paging, counts.

Every reader builds an `EventFilter` from its own arguments (command options, URL query
parameters) and calls these functions, so a filter means the same thing everywhere.
Filters and sort keys become SQL only through the fixed fragments below; user values
are always bound parameters.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from herald.model import Article, Event
from herald.store import ARTICLE_COLUMNS, Store, _decode
from herald.store.codec import article_from_row, event_from_json
from herald.store.exports import EXPORT_CHUNK
from herald.store.facets import search_words

# Most rows one page may hold: a page of 500 events is still a few hundred kB of JSON.
MAX_PAGE_SIZE = 500
DEFAULT_PAGE_SIZE = 50
# Points the map draws at most; past this, the map says how many it left out.
MAX_MAP_POINTS = 20_000
# Values listed per facet (types, countries, regions, outlets) beside the list.
FACET_SIZE = 12
FACET_COLUMNS = ("event_type", "sub_event_type", "country", "admin1")

# Each sort key: the columns it orders by, ascending; "-key" reverses the first column.
SORTS = {
    "date": ("date", "id"),
    "type": ("event_type", "sub_event_type", "date", "id"),
    "place": ("country", "admin1", "place", "date", "id"),
    "sources": ("sources", "date", "id"),
}
DEFAULT_SORT = "-date"
WORD_MATCH = "seq IN (SELECT seq FROM event_words WHERE word = ?)"


@dataclass(frozen=True)
class EventFilter:
    """What a reader asked for; None means 'any'. Dates are ISO YYYY-MM-DD, inclusive."""

    since: str | None = None
    until: str | None = None
    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    outlet: str | None = None
    q: str | None = None  # whole words, all of them, in any order and case

    def where(self) -> tuple[str, list[Any]]:
        """A WHERE clause over event_facets and its parameters."""
        fragments = {
            "since": "date >= ?",
            "until": "date <= ?",
            "country": "country = upper(?)",
            "admin1": "admin1 = ?",
            "event_type": "event_type = ?",
            "sub_event_type": "sub_event_type = ?",
            "actor": "contains(actors, lower(?))",
            "outlet": "list_contains(outlets, ?)",
        }
        clauses, params = [], []
        for name, clause in fragments.items():
            value = getattr(self, name)
            if value:
                clauses.append(clause)
                params.append(value.strip())
        if self.q:
            words = search_words(self.q) or [self.q.strip().lower()]
            clauses.extend([WORD_MATCH] * len(words))
            params.extend(words)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


@dataclass
class EventPage:
    """One page of a filtered, sorted event list, with the counts around it."""

    events: list[Event]
    total: int
    page: int
    per_page: int
    sort: str

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def order_by(sort: str) -> str:
    """ORDER BY for a sort key ("date", "-date", ...); unknown keys are refused."""
    descending = sort.startswith("-")
    columns = SORTS.get(sort.lstrip("-"))
    if columns is None:
        raise ValueError(f"unknown sort '{sort}' (one of: {', '.join(SORTS)})")
    first = f"{columns[0]} {'DESC' if descending else 'ASC'} NULLS LAST"
    return ", ".join([first, *columns[1:]])


def event_page(
    store: Store,
    where: EventFilter,
    sort: str = DEFAULT_SORT,
    page: int = 1,
    per_page: int = DEFAULT_PAGE_SIZE,
    total: int | None = None,
) -> EventPage:
    """One page of the events that match, in the order asked for; ``total`` when the
    caller already counted them (`event_counts`), else counted here."""
    per_page = max(1, min(per_page, MAX_PAGE_SIZE))
    page = max(1, page)
    clause, params = where.where()
    # The page's ids and their records in one statement (a third less CPU than two on
    # the 100,000-event bench store); the count is not a window over it: that cost more
    # than a query of its own.
    events = _ordered_events(store, clause, sort, " LIMIT ? OFFSET ?",
                             [*params, per_page, (page - 1) * per_page])
    if total is None:
        total = count_events(store, where)
    return EventPage(events, total, page, per_page, sort)


def _ordered_events(store: Store, clause: str, sort: str, limit: str,
                    params: list[Any]) -> list[Event]:
    return list(_iter_ordered_events(store, clause, sort, limit, params))


def _iter_ordered_events(store: Store, clause: str, sort: str, limit: str,
                         params: list[Any]) -> Iterator[Event]:
    """Records of the matching events in sort order: the facet rows are chosen (and cut
    to a page) first, then joined to their records, ordered again on the chosen rows.
    Fetched a chunk at a time from their own cursor, so an export never holds them all."""
    order = order_by(sort)
    chosen = ", ".join(SORTS[sort.lstrip("-")])  # includes id
    cursor = store.db.cursor()
    cursor.execute(
        f"SELECT e.record FROM (SELECT {chosen} FROM event_facets{clause}"
        f" ORDER BY {order}{limit}) f JOIN events e ON e.id = f.id"
        f" ORDER BY {_qualified(order)}", params,
    )
    while rows := cursor.fetchmany(EXPORT_CHUNK):
        for row in rows:
            yield event_from_json(json.loads(row[0]))


def count_events(store: Store, where: EventFilter) -> int:
    clause, params = where.where()
    row = store.db.execute(f"SELECT count(*) FROM event_facets{clause}", params).fetchone()
    return int(row[0]) if row else 0


def events_matching(store: Store, where: EventFilter, sort: str = "date") -> list[Event]:
    """Every matching event, in order: what `herald events` prints."""
    return list(iter_events_matching(store, where, sort))


def iter_events_matching(store: Store, where: EventFilter,
                         sort: str = "date") -> Iterator[Event]:
    """Every matching event, in order, streamed: what `herald events` exports hold."""
    clause, params = where.where()
    return _iter_ordered_events(store, clause, sort, "", params)


def _qualified(order: str) -> str:
    """An ORDER BY of event_facets columns, on the chosen rows (`f`) once joined."""
    return ", ".join(f"f.{part.strip()}" for part in order.split(","))


def events_by_id(store: Store, ids: Sequence[str]) -> list[Event]:
    """Events in the order of ``ids`` (missing ones left out)."""
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    rows = store.db.execute(f"SELECT id, record FROM events WHERE id IN ({marks})",
                            list(ids)).fetchall()
    records = {row[0]: row[1] for row in rows}
    return [event_from_json(json.loads(records[i])) for i in ids if i in records]


@dataclass
class EventCounts:
    """How many events match, and the most frequent values of each facet among them."""

    total: int
    facets: dict[str, list[tuple[str, int]]]


def event_counts(store: Store, where: EventFilter) -> EventCounts:
    """The total and the facets of the matching events in one scan (GROUPING SETS; the
    empty set is the total). Outlets are not a facet: a list column would need a second
    scan, which cost a third of a filtered list's time on 100,000 events; the filter
    form lists every outlet."""
    clause, params = where.where()
    sets = ", ".join(f"({column})" for column in FACET_COLUMNS)
    rows = store.db.execute(
        f"SELECT grouping({', '.join(FACET_COLUMNS)}), {', '.join(FACET_COLUMNS)}, count(*)"
        f" FROM event_facets{clause} GROUP BY GROUPING SETS ({sets}, ())", params,
    ).fetchall()
    total = 0
    counted: dict[str, list[tuple[str, int]]] = {column: [] for column in FACET_COLUMNS}
    for grouped, *values, n in rows:
        if grouped == (1 << len(FACET_COLUMNS)) - 1:  # every column rolled up: the total
            total = int(n)
        for column, value in zip(FACET_COLUMNS, values, strict=True):
            if value is not None:
                counted[column].append((str(value), int(n)))
    return EventCounts(total, {column: sorted(pairs, key=lambda p: (-p[1], p[0]))[:FACET_SIZE]
                               for column, pairs in counted.items()})


def events_per_day(store: Store, where: EventFilter) -> list[tuple[str, str, int]]:
    """(day, event type, events) for the matching events that have a date."""
    clause, params = where.where()
    dated = f"{clause} AND date IS NOT NULL" if clause else " WHERE date IS NOT NULL"
    rows = store.db.execute(
        f"SELECT date, event_type, count(*) FROM event_facets{dated}"
        " GROUP BY date, event_type ORDER BY date, event_type", params,
    ).fetchall()
    return [(str(day), str(kind), int(n)) for day, kind, n in rows]


def event_points(store: Store, where: EventFilter, limit: int = MAX_MAP_POINTS
                 ) -> list[dict[str, Any]]:
    """What the map draws per matching event with coordinates: no records decoded."""
    clause, params = where.where()
    located = f"{clause} AND lat IS NOT NULL" if clause else " WHERE lat IS NOT NULL"
    columns = ("id", "date", "event_type", "sub_event_type", "country", "admin1", "place",
               "lat", "lon", "precision", "sources")
    rows = store.db.execute(
        f"SELECT {', '.join(columns)} FROM event_facets{located}"
        f" ORDER BY {order_by(DEFAULT_SORT)} LIMIT ?", [*params, limit],
    ).fetchall()
    return [dict(zip(columns, row, strict=True)) for row in rows]


def outlet_names(store: Store) -> list[str]:
    rows = store.db.execute(
        "SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY outlet"
    ).fetchall()
    return [row[0] for row in rows]


def event_types(store: Store) -> list[tuple[str, str]]:
    """(type, sub-type) pairs present in the store, for filter menus."""
    rows = store.db.execute(
        "SELECT DISTINCT event_type, sub_event_type FROM event_facets ORDER BY 1, 2"
    ).fetchall()
    return [(row[0], row[1]) for row in rows]


# -- articles --------------------------------------------------------------------

LISTED_ARTICLE_COLUMNS = ("id", "url", "outlet", "published", "title", "language")


def article_page(
    store: Store, outlet: str | None = None, page: int = 1, per_page: int = DEFAULT_PAGE_SIZE
) -> tuple[list[dict[str, Any]], int]:
    """A page of articles without their text (newest first), and how many match."""
    per_page = max(1, min(per_page, MAX_PAGE_SIZE))
    clause, params = (" WHERE outlet = ?", [outlet]) if outlet else ("", [])
    rows = store.db.execute(
        f"SELECT {', '.join(LISTED_ARTICLE_COLUMNS)} FROM articles{clause}"
        " ORDER BY published DESC NULLS LAST, id LIMIT ? OFFSET ?",
        [*params, per_page, (max(1, page) - 1) * per_page],
    ).fetchall()
    total = store.db.execute(f"SELECT count(*) FROM articles{clause}", params).fetchone()
    return ([dict(zip(LISTED_ARTICLE_COLUMNS, row, strict=True)) for row in rows],
            int(total[0]) if total else 0)


def articles_by_id(store: Store, ids: Sequence[str]) -> list[Article]:
    """Whole articles by id, in the order asked (a point lookup per id, not a scan)."""
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    rows = store.db.execute(
        f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE id IN ({marks})", list(ids)
    ).fetchall()
    found = {row[0]: article_from_row(_decode(dict(zip(ARTICLE_COLUMNS, row, strict=True))))
             for row in rows}
    return [found[i] for i in ids if i in found]


def events_of_article(store: Store, article_id: str) -> list[Event]:
    """The canonical events an article is a source of."""
    rows = store.db.execute(
        "SELECT record FROM events WHERE id IN (SELECT event_id FROM event_members WHERE"
        " candidate_id IN (SELECT id FROM candidates WHERE article_id = ?)) ORDER BY date, id",
        [article_id],
    ).fetchall()
    return [event_from_json(json.loads(row[0])) for row in rows]


def outlet_framings(store: Store) -> list[tuple[str, dict[str, Any]]]:
    """(outlet, framing) of every article: what the outlets comparison folds."""
    rows = store.db.execute("SELECT outlet, framing FROM articles ORDER BY id").fetchall()
    return [(outlet or "unknown", json.loads(framing) if framing else {})
            for outlet, framing in rows]


def outlet_event_counts(store: Store) -> dict[str, int]:
    """Events each outlet reported (an event counted once per outlet)."""
    rows = store.db.execute(
        "SELECT o, count(*) FROM (SELECT id, unnest(CASE WHEN len(outlets) = 0"
        " THEN ['unknown'] ELSE outlets END) AS o FROM event_facets) GROUP BY o"
    ).fetchall()
    return {row[0]: int(row[1]) for row in rows}
