"""The command line: thin commands over library functions that return data.

Every expected failure is a `HeraldError`, shown as one red line naming the file and
the problem, with a non-zero exit code.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Protocol, TextIO, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from herald import formats
from herald.errors import HeraldError
from herald.model import Article, Event
from herald.settings import DEFAULT_DB, Settings
from herald.store import Store

T = TypeVar("T")

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Herald: news articles in, an attributed database of political events out.")
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[Path, typer.Option("--db", help="DuckDB store file.")]
# Below this many inputs a progress bar is noise.
PROGRESS_MIN_FILES = 20
# One analysing process per core, at most four: past that the store's single writer waits.
DEFAULT_WORKERS = max(1, min(4, os.cpu_count() or 1))


class Engine(StrEnum):
    local = "local"
    dask = "dask"


class ArticleFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"


class EventFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"
    parquet = "parquet"


def fail(error: HeraldError, code: int = 2) -> typer.Exit:
    err.print(f"[red]error:[/red] {error}", highlight=False)
    return typer.Exit(code)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for JSONL on stdin.")],
    db: DbOption = DEFAULT_DB,
    workers: Annotated[int, typer.Option(min=1, help="Processes analysing articles.")] = (
        DEFAULT_WORKERS),
    server: Annotated[str | None, typer.Option(
        help="Send the inputs to this `herald serve` (it holds the store); token from "
        "HERALD_TOKEN.")] = None,
    engine: Annotated[Engine, typer.Option(
        "--engine", help="Where articles are analysed: local processes, or Dask.")] = (
        Engine.local),
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="A Dask scheduler's address (tcp://host:8786); without it, "
        "--engine dask starts a LocalCluster of --workers processes.")] = None,
    batch_size: Annotated[int | None, typer.Option(
        "--batch-size", min=1,
        help="Articles per transaction (default: 256, growing to 2048).")] = None,
) -> None:
    """Run the whole pipeline on PATHS and store the articles and events."""
    from herald.ingest import iter_input_files
    from herald.pipeline import ingest as run_ingest

    if server:
        _ingest_through(paths, server)
        return
    if scheduler and engine is not Engine.dask:
        raise fail(HeraldError("--scheduler needs --engine dask"))
    settings = Settings(db=db, workers=workers, engine=engine.value, scheduler=scheduler,
                        batch_size=batch_size)
    files = [p for p in iter_input_files(paths) if p != "-"]
    try:
        if len(files) >= PROGRESS_MIN_FILES:
            with _progress() as progress:
                task = progress.add_task("ingesting", total=None)
                report = run_ingest(paths, settings, lambda n: progress.advance(task, n))
        else:
            report = run_ingest(paths, settings)
    except HeraldError as error:
        raise fail(error) from None
    for failure in report.failures:
        err.print(f"[red]error:[/red] {failure}", highlight=False)
    out.print(
        f"read {report.read}, stored {report.stored}, unchanged {report.unchanged}, "
        f"failed {report.failed}; {report.events} events in {db}", highlight=False
    )
    if report.skipped:
        kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(report.skipped.items()))
        out.print(f"skipped {sum(report.skipped.values())} records that are not articles: "
                  f"{kinds}", highlight=False)
    if report.failed:
        raise typer.Exit(1)


def _ingest_through(paths: list[str], server: str) -> None:
    """`herald ingest --server`: the server runs the pipeline; same summary line."""
    from herald.serve.client import send_inputs

    try:
        report = send_inputs(paths, server)
    except HeraldError as error:
        raise fail(error) from None
    for failure in report["failures"]:
        err.print(f"[red]error:[/red] {failure}", highlight=False)
    out.print(
        f"read {report['read']}, stored {report['stored']}, unchanged {report['unchanged']}, "
        f"failed {report['failed']}; {report['events']} events at {server}", highlight=False
    )
    if report["failed"]:
        raise typer.Exit(1)


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err, transient=True)


@app.command()
def articles(
    db: DbOption = DEFAULT_DB,
    format: Annotated[ArticleFormat, typer.Option("--format")] = ArticleFormat.table,
) -> None:
    """List stored articles (JSONL follows article.schema.json)."""
    stored = _read(lambda store: store.articles(), db)
    if format is ArticleFormat.jsonl:
        sys.stdout.write(formats.jsonl(article.to_json() for article in stored))
        return
    table = Table("id", "outlet", "published", "lang", "title", "segments")
    for article in stored:
        kinds = ",".join(sorted({s.kind for s in article.segments}))
        table.add_row(article.id, article.outlet or "", article.published or "",
                      article.language, (article.title or "")[:60], kinds)
    out.print(table)


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    format: Annotated[EventFormat, typer.Option("--format")] = EventFormat.table,
    country: Annotated[str | None, typer.Option(help="ISO 3166-1 alpha-2.")] = None,
    since: Annotated[str | None, typer.Option(help="YYYY-MM-DD, inclusive.")] = None,
    until: Annotated[str | None, typer.Option(help="YYYY-MM-DD, inclusive.")] = None,
    type: Annotated[str | None, typer.Option("--type", help="ACLED event type.")] = None,
    sub_type: Annotated[str | None, typer.Option(help="ACLED sub-event type.")] = None,
    admin1: Annotated[str | None, typer.Option(help="Region (admin1), exact.")] = None,
    actor: Annotated[str | None, typer.Option(help="Part of an actor's name.")] = None,
    outlet: Annotated[str | None, typer.Option(help="An outlet reporting it, exact.")] = None,
    search: Annotated[str | None, typer.Option(help="Text in summary, place, actors, "
                                               "outlets or headlines.")] = None,
    out_file: Annotated[Path | None, typer.Option(
        "--out", help="Write to this file instead of standard output (needed for parquet).")
    ] = None,
) -> None:
    """List events (JSONL follows event.schema.json; CSV and Parquet use ACLED's columns).

    Every format but the table streams: a store of any size is written a chunk at a time.
    """
    from herald.store.queries import EventFilter, events_matching, iter_events_matching

    where = EventFilter(since=since, until=until, country=country, admin1=admin1,
                        event_type=type, sub_event_type=sub_type, actor=actor, outlet=outlet,
                        q=search)
    if format is not EventFormat.table:
        _export_events(db, format, out_file, lambda store: iter_events_matching(store, where))
        return
    found = _read(lambda store: events_matching(store, where), db)
    out.print(_events_table(found))


def _export_events(
    db: Path, format: EventFormat, out_file: Path | None,
    query: Callable[[Store], Iterator[Event]],
) -> None:
    """Stream events out in a file format; Parquet through DuckDB's COPY."""
    if format is EventFormat.parquet:
        if out_file is None:
            raise fail(HeraldError("--format parquet needs --out FILE"))
        from herald.store.exports import write_parquet

        def rows(store: Store) -> int:
            acled = (formats.acled_row(event) for event in query(store))
            return write_parquet(acled, formats.parquet_columns(), out_file)

        written = _read(rows, db)
        err.print(f"{written} events written to {out_file}", highlight=False)
        return
    render = {EventFormat.jsonl: lambda found: formats.stream_jsonl(e.to_json() for e in found),
              EventFormat.csv: formats.stream_events_csv,
              EventFormat.geojson: formats.stream_events_geojson}[format]

    def write(store: Store) -> None:
        with _output(out_file) as stream:
            for text in render(query(store)):
                stream.write(text)

    _read(write, db)


@contextmanager
def _output(out_file: Path | None) -> Iterator[TextIO]:
    """Standard output, or a file that appears whole once written."""
    if out_file is None:
        yield sys.stdout
        return
    partial = out_file.with_name(f".{out_file.name}.partial")
    try:
        with open(partial, "w", encoding="utf-8", newline="") as stream:
            yield stream
        partial.replace(out_file)
    finally:
        partial.unlink(missing_ok=True)


def _events_table(found: list[Event]) -> Table:
    table = Table("id", "date", "type", "place", "claims", "sources")
    for event in found:
        date = event.date.value or f"({event.date.precision})"
        place = ", ".join(filter(None, [event.location.name, event.location.country]))
        outlets = sorted({source.outlet or source.article for source in event.sources})
        table.add_row(event.id, date, event.sub_event_type, place, _claims_text(event),
                      "\n".join(outlets))
    return table


def _claims_text(event: Event) -> str:
    """Figures grouped by field, each with who claims it: '800 (police), 2000 (CGT)'."""
    by_field: dict[str, list[str]] = {}
    for claim in event.claims:
        figure = claim.qualifier if claim.value is None else str(claim.value)
        entry = f"{figure} ({claim.claimed_by})"
        if figure and entry not in by_field.setdefault(claim.field, []):
            by_field[claim.field].append(entry)
    return "\n".join(f"{name}: {', '.join(items)}" for name, items in by_field.items())


@app.command()
def show(item: Annotated[str, typer.Argument(help="An article id or an event id.")],
         db: DbOption = DEFAULT_DB) -> None:
    """Show an article with its segments, or an event with its sources side by side."""
    from herald import views

    def lookup(store: Store) -> tuple[Article | Event | None, list[Article]]:
        event = store.event(item)
        if event:
            sources = store.articles([s.article for s in event.sources])
            return event, sources
        found = store.articles([item])
        return (found[0], []) if found else (None, [])

    record, sources = _read(lookup, db)
    if record is None:
        raise fail(HeraldError(f"no article or event '{item}'", db.as_posix()))
    if isinstance(record, Article):
        out.print(views.article_view(record))
    else:
        out.print(views.event_view(record, sources))


@app.command()
def outlets(db: DbOption = DEFAULT_DB) -> None:
    """Per outlet: articles, events reported, words for each group, flags."""
    from herald import views

    stored, found = _read(lambda store: (store.articles(), store.events()), db)
    out.print(views.outlets_view(stored, found))


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Processes analysing posted articles.")] = (
        DEFAULT_WORKERS),
) -> None:
    """Serve the store as a browser UI and an HTTP API (read-only unless HERALD_TOKEN is set)."""
    from herald.serve import run

    token = os.environ.get("HERALD_TOKEN") or None
    mode = "writes with the token in HERALD_TOKEN" if token else "read-only"
    err.print(f"Herald serving {db} at http://{host}:{port}/ ({mode}); "
              f"API description at http://{host}:{port}/docs", highlight=False)
    try:
        run(db, host, port, token, workers)
    except HeraldError as error:
        raise fail(error) from None


@app.command("eval")
def evaluate(
    gold_dir: Annotated[Path, typer.Argument(help="A gold set folder (gold.json + articles/).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    errors: Annotated[bool, typer.Option(
        "--errors", help="Also list gold events split or missed, system events matching "
        "nothing, and wrong fields.")] = False,
) -> None:
    """Ingest a gold set into a temporary store and print the figures of FORMAT.md."""
    from herald.eval import error_report, load_gold, score, system_events
    from herald.eval_comments import is_comment_set, run_comment_set

    try:
        if is_comment_set(gold_dir):
            _print_scores(run_comment_set(gold_dir), as_json)
            return
        gold = load_gold(gold_dir)
        events = system_events(gold_dir)
    except HeraldError as error:
        raise fail(error) from None
    scores = score(gold, events, name=gold.get("set") or gold_dir.name)
    if errors:
        for line in error_report(gold, events):
            (err if as_json else out).print(line, highlight=False, markup=False)
    _print_scores(scores, as_json)


class _Scored(Protocol):
    @property
    def set(self) -> str: ...

    def to_json(self) -> dict[str, Any]: ...


def _print_scores(scores: _Scored, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(scores.to_json()) + "\n")
        return
    table = Table("figure", "value", title=f"herald eval {scores.set}")
    for key, value in scores.to_json().items():
        if key != "set":
            table.add_row(key, f"{value:.3f}" if isinstance(value, float) else str(value))
    out.print(table)


def _read(query: Callable[[Store], T], db: Path) -> T:
    try:
        with Store(db, read_only=True) as store:
            return query(store)
    except HeraldError as error:
        raise fail(error) from None


def main() -> None:
    app()
