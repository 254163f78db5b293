"""The HTML pages: each one the same query as its JSON twin, laid out by a template.

Templates are Jinja2 with autoescape on; nothing here marks a string safe. The only
script a page runs is a static file under /static (the CSP forbids any other).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from herald.serve import present
from herald.serve.api import outlet_rows, timeline
from herald.serve.params import (
    DEFAULT_PER_PAGE,
    PageNumber,
    PageSize,
    Sort,
    event_filter,
    reader,
    with_params,
)
from herald.serve.security import http_url
from herald.store import Store
from herald.store import queries as q

TEMPLATES = Path(__file__).parent / "templates"
router = APIRouter(include_in_schema=False)
Reader = Annotated[Store, Depends(reader)]
Filter = Annotated[q.EventFilter, Depends(event_filter)]


def make_templates() -> Jinja2Templates:
    environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True)
    environment.filters["http_url"] = http_url
    environment.filters["path"] = lambda value: quote(str(value), safe="")
    environment.globals["with_params"] = with_params
    environment.globals["segment_kinds"] = present.SEGMENT_KINDS
    return Jinja2Templates(env=environment)


templates = make_templates()


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def _menus(request: Request, store: Store) -> dict[str, Any]:
    """What the filter form offers: types, sub-types and outlets present in the store.

    Kept until the next write through this server (a scan of every event per page view
    cost ~10 ms on 100,000 events); a read-only server's store does not change.
    """
    state = request.app.state
    cached = getattr(state, "menus", None)
    if cached is not None and cached[0] == state.generation:
        return dict(cached[1])
    kinds = q.event_types(store)
    menus = {"types": sorted({t for t, _ in kinds}), "sub_types": sorted({s for _, s in kinds}),
             "outlets": q.outlet_names(store)}
    state.menus = (state.generation, menus)
    return menus


@router.get("/", response_class=HTMLResponse)
@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, store: Reader, where: Filter, sort: Sort = "-date",
                page: PageNumber = 1, per_page: PageSize = DEFAULT_PER_PAGE) -> HTMLResponse:
    counts = q.event_counts(store, where)
    found = q.event_page(store, where, sort, page, per_page, counts.total)
    return render(request, "events.html", found=found, facets=counts.facets,
                  menus=_menus(request, store), twin=f"/api/events{with_params(request)}")


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, store: Reader, where: Filter) -> HTMLResponse:
    return render(request, "map.html", total=q.count_events(store, where),
                  menus=_menus(request, store), twin=f"/api/map.geojson{with_params(request)}")


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, store: Reader, where: Filter) -> HTMLResponse:
    data = timeline(store, where)
    peak = max((day["total"] for day in data["days"]), default=0)
    return render(request, "timeline.html", data=data, peak=peak, menus=_menus(request, store),
                  twin=f"/api/timeline{with_params(request)}")


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str, store: Reader) -> HTMLResponse:
    found = q.events_by_id(store, [event_id])
    if not found:
        raise HTTPException(404, f"no event '{event_id}'")
    event = found[0]
    articles = q.articles_by_id(store, [s.article for s in event.sources])
    outlets = {a.id: a.outlet or a.id for a in articles}
    return render(request, "event.html", event=event,
                  conflicts=present.conflict_sentences(event, outlets),
                  sources=present.source_views(event, articles),
                  twin=f"/api/events/{quote(event_id, safe='')}/sources")


@router.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request, store: Reader,
                  outlet: Annotated[str | None, Query(max_length=200)] = None,
                  page: PageNumber = 1) -> HTMLResponse:
    rows, total = q.article_page(store, outlet, page)
    return render(request, "articles.html", rows=rows, total=total, page=page, outlet=outlet,
                  pages=max(1, -(-total // DEFAULT_PER_PAGE)),
                  twin=f"/api/articles{with_params(request)}")


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, store: Reader) -> HTMLResponse:
    found = q.articles_by_id(store, [article_id])
    if not found:
        raise HTTPException(404, f"no article '{article_id}'")
    article = found[0]
    events = q.events_of_article(store, article.id)
    return render(request, "article.html", article=article, events=events,
                  pieces=present.article_pieces(article, events),
                  twin=f"/api/articles/{quote(article.id, safe='')}")


@router.get("/outlets", response_class=HTMLResponse)
def outlets_page(request: Request, store: Reader) -> HTMLResponse:
    return render(request, "outlets.html", rows=outlet_rows(store), twin="/api/outlets")


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request) -> HTMLResponse:
    """Swagger UI from the vendored copy, started by a static script (no CDN, no inline
    script): FastAPI's own /docs page loads it from a CDN with an inline script."""
    return render(request, "docs.html")
