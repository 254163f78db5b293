"""URL query parameters shared by the pages and their JSON twins: a filter is a URL.

The names are the CLI's option names, so `herald events --country FR --since 2025-03-01`
and `/?country=FR&since=2025-03-01` ask the same question. Empty values (what an HTML
form sends for a field left blank) mean 'any'.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import Query, Request

from herald.store import Store
from herald.store.queries import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, EventFilter

OPTIONAL_DATE = r"^(\d{4}-\d{2}-\d{2})?$"
SortKey = Literal["date", "-date", "type", "-type", "place", "-place", "sources", "-sources"]


def event_filter(
    since: Annotated[str | None, Query(pattern=OPTIONAL_DATE,
                                       description="YYYY-MM-DD, inclusive")] = None,
    until: Annotated[str | None, Query(pattern=OPTIONAL_DATE,
                                       description="YYYY-MM-DD, inclusive")] = None,
    country: Annotated[str | None, Query(max_length=2, description="ISO 3166-1 alpha-2")] = None,
    admin1: Annotated[str | None, Query(max_length=200, description="region, exact")] = None,
    type: Annotated[str | None, Query(max_length=100, description="ACLED event type")] = None,
    sub_type: Annotated[str | None, Query(max_length=100,
                                          description="ACLED sub-event type")] = None,
    actor: Annotated[str | None, Query(max_length=200,
                                       description="part of an actor's name")] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="outlet, exact")] = None,
    q: Annotated[str | None, Query(max_length=200, description="words, all of them, "
                                   "in the summary, place, actors and their labels, outlets "
                                   "or headlines")] = None,
) -> EventFilter:
    return EventFilter(since=since, until=until, country=country, admin1=admin1,
                       event_type=type, sub_event_type=sub_type, actor=actor, outlet=outlet, q=q)


PageNumber = Annotated[int, Query(ge=1, description="page, from 1")]
PageSize = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="events per page")]
Sort = Annotated[SortKey, Query(description="sort key; a leading '-' reverses it")]
DEFAULT_PER_PAGE = DEFAULT_PAGE_SIZE


def reader(request: Request) -> Iterator[Store]:
    """A handle on the served store for this request's thread."""
    handle = request.app.state.store.cursor()
    try:
        yield handle
    finally:
        handle.close()


def with_params(request: Request, **changes: object) -> str:
    """This page's query string with some parameters changed (None removes one)."""
    params = {key: value for key, value in request.query_params.items() if value}
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    return "?" + urlencode(params) if params else "?"
