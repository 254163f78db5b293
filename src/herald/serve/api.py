"""The JSON API under /api: the schema's records, and the JSON twin of every page.

Routes are thin: parse the URL into an `EventFilter`, call the store's query
functions (the CLI calls the same ones), shape the answer.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response

from herald import formats
from herald.serve import present
from herald.serve.params import (
    DEFAULT_PER_PAGE,
    PageNumber,
    PageSize,
    Sort,
    event_filter,
    reader,
    with_params,
)
from herald.serve.writes import run_ingest, save_body, upload_folder
from herald.store import Store
from herald.store import queries as q

router = APIRouter(prefix="/api")
Reader = Annotated[Store, Depends(reader)]
Filter = Annotated[q.EventFilter, Depends(event_filter)]


@router.get("/events", summary="Events matching the filters, one page, with counts",
            response_class=JSONResponse)
def list_events(request: Request, store: Reader, where: Filter, sort: Sort = "-date",
                page: PageNumber = 1, per_page: PageSize = DEFAULT_PER_PAGE) -> Response:
    """The JSON twin of `/`: records of event.schema.json, the total, facet counts."""
    counts = q.event_counts(store, where)
    found = q.event_page(store, where, sort, page, per_page, counts.total)
    more = found.page < found.pages
    return _json({
        "total": found.total, "page": found.page, "per_page": found.per_page,
        "pages": found.pages, "sort": found.sort,
        "next": f"/api/events{with_params(request, page=found.page + 1)}" if more else None,
        "facets": {name: [{"value": v, "count": n} for v, n in counted]
                   for name, counted in counts.facets.items()},
        "events": [event.to_json() for event in found.events],
    })


@router.get("/events.csv", summary="Every matching event as ACLED-style CSV",
            response_class=Response)
def events_csv(store: Reader, where: Filter, sort: Sort = "date") -> Response:
    """Cells a spreadsheet would read as formulas are neutralised (a leading quote)."""
    found = q.events_matching(store, where, sort)
    return Response(formats.events_csv(found), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": 'attachment; filename="events.csv"'})


@router.get("/events.geojson", summary="Every matching event as a GeoJSON FeatureCollection")
def events_geojson(store: Reader, where: Filter, sort: Sort = "date") -> Response:
    found = q.events_matching(store, where, sort)
    return _geojson(formats.events_geojson(found))


@router.get("/events/{event_id}", summary="One event (event.schema.json)")
def one_event(event_id: str, store: Reader) -> dict[str, Any]:
    return _event(store, event_id).to_json()


@router.get("/events/{event_id}/sources", summary="One event's sources side by side")
def event_sources(event_id: str, store: Reader) -> dict[str, Any]:
    """The JSON twin of the event page: per source, its claims with their evidence
    sentence, who claims them, the words it uses per group, its flags and comments."""
    event = _event(store, event_id)
    articles = q.articles_by_id(store, [s.article for s in event.sources])
    outlets = {a.id: a.outlet or a.id for a in articles}
    return {"event": event.to_json(), "conflicts": present.conflict_sentences(event, outlets),
            "sources": present.source_views(event, articles)}


@router.get("/map.geojson", summary="Points of the matching events, for the map")
def map_points(store: Reader, where: Filter) -> Response:
    """The JSON twin of `/map`: light points with their place precision."""
    points = q.event_points(store, where, q.MAX_MAP_POINTS + 1)
    return _geojson({
        "type": "FeatureCollection",
        "truncated": len(points) > q.MAX_MAP_POINTS,
        "features": [_point_feature(p) for p in points[: q.MAX_MAP_POINTS]],
    })


def _point_feature(point: dict[str, Any]) -> dict[str, Any]:
    properties = {k: v for k, v in point.items() if k not in ("lat", "lon")}
    return {"type": "Feature", "properties": properties,
            "geometry": {"type": "Point", "coordinates": [point["lon"], point["lat"]]}}


@router.get("/timeline", summary="Matching events per day")
def timeline(store: Reader, where: Filter) -> dict[str, Any]:
    """The JSON twin of `/timeline`: per day, the count and the count per type."""
    days: dict[str, dict[str, Any]] = {}
    for day, kind, n in q.events_per_day(store, where):
        entry = days.setdefault(day, {"date": day, "total": 0, "by_type": {}})
        entry["total"] += n
        entry["by_type"][kind] = n
    return {"days": list(days.values()), "undated": _undated(store, where)}


def _undated(store: Store, where: q.EventFilter) -> int:
    dated = sum(n for _, _, n in q.events_per_day(store, where))
    return q.count_events(store, where) - dated


@router.get("/articles", summary="Articles (without their text), one page")
def list_articles(store: Reader, outlet: Annotated[str | None, Query(max_length=200)] = None,
                  page: PageNumber = 1, per_page: PageSize = DEFAULT_PER_PAGE) -> dict[str, Any]:
    rows, total = q.article_page(store, outlet, page, per_page)
    return {"total": total, "page": page, "per_page": per_page, "articles": rows}


@router.get("/articles/{article_id:path}", summary="One article with its segments "
            "(article.schema.json)")
def one_article(article_id: str, store: Reader) -> dict[str, Any]:
    found = q.articles_by_id(store, [article_id])
    if not found:
        raise HTTPException(404, f"no article '{article_id}'")
    return found[0].to_json()


@router.get("/outlets", summary="Per outlet: articles, events, words per group, flags")
def outlets(store: Reader) -> list[dict[str, Any]]:
    """The JSON twin of `/outlets`."""
    return outlet_rows(store)


def outlet_rows(store: Store) -> list[dict[str, Any]]:
    from herald.framing import summarise_outlet

    reported = q.outlet_event_counts(store)
    return [{"outlet": outlet, "events": reported.get(outlet, 0), **summary}
            for outlet, summary in summarise_outlet(q.outlet_framings(store)).items()]


@router.post("/ingest", summary="Run the pipeline on records or files (needs the token)",
             responses={401: {"description": "no or wrong token"},
                        403: {"description": "the server takes no writes (no HERALD_TOKEN)"}})
async def ingest(request: Request) -> dict[str, Any]:
    """Body: application/json (a record or a list), application/x-ndjson, or multipart
    files (.txt, .html, .json, .jsonl). Header: `Authorization: Bearer $HERALD_TOKEN`.
    Refused before the body is read unless the server was started with a token."""
    state = request.app.state
    with upload_folder() as folder:
        saved = await save_body(request, Path(folder))
        if not saved:
            raise HTTPException(400, "no inputs in the request")
        try:
            return await anyio.to_thread.run_sync(run_ingest, Path(folder), state.db,
                                                  state.ingest_workers)
        finally:
            state.generation += 1


def _event(store: Store, event_id: str) -> Any:
    found = q.events_by_id(store, [event_id])
    if not found:
        raise HTTPException(404, f"no event '{event_id}'")
    return found[0]


def _json(data: Any) -> Response:
    """Plain data straight to JSON: FastAPI's generic encoder walked every nested record
    again (a fifth of a 50-event page's time)."""
    return Response(json.dumps(data, ensure_ascii=False), media_type="application/json")


def _geojson(data: dict[str, Any]) -> Response:
    return Response(json.dumps(data, ensure_ascii=False), media_type="application/geo+json")
