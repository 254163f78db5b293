"""Exports at scale: every file format streams, and Parquet reads back in pandas."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas
import pytest
from typer.testing import CliRunner

from herald import formats
from herald.cli import app
from herald.model import Claim, Event, EventDate, Location, Source
from herald.store import Store

runner = CliRunner()
TOWNS = [("Lyon", "FR", 45.75, 4.85), ("Nantes", "FR", 47.22, -1.55), ("Porto", "PT", 41.15,
         -8.61), ("Gent", "BE", 51.05, 3.72), ("Sevilla", "ES", 37.38, -5.98)]


def synthetic_events(count: int) -> list[Event]:
    """Events of five towns over a year, a third without coordinates or a date."""
    events = []
    for number in range(count):
        town, country, lat, lon = TOWNS[number % len(TOWNS)]
        located = number % 3 != 0
        day = None if number % 7 == 0 else f"2024-{1 + number % 12:02d}-{1 + number % 28:02d}"
        events.append(Event(
            id=f"ev{number:06d}", event_type="Protests", sub_event_type="Peaceful protest",
            date=EventDate(day, "day" if day else "unknown"),
            location=Location(town, country, lat=lat if located else None,
                              lon=lon if located else None, precision="city"),
            claims=[Claim("crowd_size", 100 + number, "police", f"a{number}")],
            sources=[Source(f"a{number}", outlet="=cmd|' /C calc'!A0")],  # hostile text stays text
            summary=f"Protest number {number}, with a comma, and \"quotes\".",
            members=[f"a{number}-c0"],
        ))
    return events


@pytest.fixture(scope="module")
def store_of_events(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("exports") / "events.duckdb"
    with Store(db) as store, store.transaction():
        store.replace_events([], synthetic_events(2500))
    return db


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_streamed_formats_equal_the_whole_renderings(
    store_of_events: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(formats, "STREAM_CHUNK", 7)
    with Store(store_of_events, read_only=True) as store:
        every = store.events()
    db = ["--db", str(store_of_events)]
    assert run("events", *db, "--format", "jsonl") == formats.jsonl(e.to_json() for e in every)
    assert run("events", *db, "--format", "csv") == formats.events_csv(every)
    geojson = run("events", *db, "--format", "geojson")
    assert geojson == json.dumps(formats.events_geojson(every), ensure_ascii=False) + "\n"


def test_an_export_to_a_file_filters_like_stdout(store_of_events: Path, tmp_path: Path) -> None:
    out = tmp_path / "fr.csv"
    run("events", "--db", str(store_of_events), "--format", "csv", "--country", "FR",
        "--out", str(out))
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert len(rows) == 1000 and {row["iso"] for row in rows} == {"FR"}


def test_parquet_reads_back_in_pandas_with_the_csv_columns(
    store_of_events: Path, tmp_path: Path
) -> None:
    out = tmp_path / "events.parquet"
    run("events", "--db", str(store_of_events), "--format", "parquet", "--out", str(out))
    frame = pandas.read_parquet(out)
    table = pandas.read_csv(io.StringIO(run("events", "--db", str(store_of_events),
                                            "--format", "csv")), keep_default_na=False)
    assert list(frame.columns) == list(table.columns) == list(formats.ACLED_COLUMNS)
    assert len(frame) == len(table) == 2500
    assert list(frame["event_id_cnty"]) == list(table["event_id_cnty"])
    assert frame["latitude"].isna().sum() == (table["latitude"] == "").sum()
    assert frame["fatalities"].dtype.kind == "i" and frame["source"].iloc[0].startswith("=cmd")


def test_parquet_needs_a_file(store_of_events: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(store_of_events), "--format", "parquet"])
    assert result.exit_code == 2 and "--out" in result.stderr
