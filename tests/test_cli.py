"""The command surface is a contract: ingest, articles, events, show, eval."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from herald.cli import app

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
FIXTURES = Path(__file__).parent / "fixtures"
runner = CliRunner()


def schema(name: str) -> dict:
    return json.loads((SHARED / "schema" / name).read_text())


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "seeds.duckdb"
    result = runner.invoke(app, ["ingest", str(SEEDS), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "stored 3" in result.output
    return db


def test_reingest_reports_unchanged(seeded_db: Path) -> None:
    result = runner.invoke(app, ["ingest", str(SEEDS), "--db", str(seeded_db)])
    assert result.exit_code == 0
    assert "unchanged 3" in result.output and "stored 0" in result.output


def test_articles_jsonl_follows_the_schema(seeded_db: Path) -> None:
    result = runner.invoke(app, ["articles", "--db", str(seeded_db), "--format", "jsonl"])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 3
    for record in records:
        jsonschema.validate(record, schema("article.schema.json"))


def test_events_jsonl_follows_the_schema(seeded_db: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(seeded_db), "--format", "jsonl"])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records, "the seeds report two events"
    for record in records:
        jsonschema.validate(record, schema("event.schema.json"))


def test_events_csv_uses_acled_columns_and_geojson_has_points(seeded_db: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(seeded_db), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and {"event_date", "event_type", "sub_event_type", "location"} <= set(rows[0])
    result = runner.invoke(app, ["events", "--db", str(seeded_db), "--format", "geojson"])
    collection = json.loads(result.stdout)
    assert collection["type"] == "FeatureCollection"
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_events_filters(seeded_db: Path) -> None:
    everything = runner.invoke(app, ["events", "--db", str(seeded_db), "--format", "jsonl"])
    french = runner.invoke(
        app, ["events", "--db", str(seeded_db), "--format", "jsonl", "--country", "FR"]
    )
    nowhere = runner.invoke(
        app, ["events", "--db", str(seeded_db), "--format", "jsonl", "--country", "JP"]
    )
    assert nowhere.stdout == ""
    assert len(french.stdout.splitlines()) <= len(everything.stdout.splitlines())


def test_show_article_and_event(seeded_db: Path) -> None:
    result = runner.invoke(app, ["show", "002_45e91adf86fb2d3e", "--db", str(seeded_db)])
    assert result.exit_code == 0 and "Fourteen members" in result.output
    events = runner.invoke(app, ["events", "--db", str(seeded_db), "--format", "jsonl"])
    event_id = json.loads(events.stdout.splitlines()[0])["id"]
    result = runner.invoke(app, ["show", event_id, "--db", str(seeded_db)])
    assert result.exit_code == 0 and event_id in result.output


def test_unknown_item_and_missing_store_are_one_line_errors(tmp_path: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2
    assert "none.duckdb" in result.stderr and "no such store" in result.stderr


def test_bad_input_exits_nonzero_naming_the_file(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["ingest", str(FIXTURES / "bad" / "malformed.json"), "--db", str(tmp_path / "x.db")]
    )
    assert result.exit_code == 1
    assert "malformed.json" in result.stderr and "malformed JSON" in result.stderr


def test_eval_prints_figures_as_json() -> None:
    result = runner.invoke(app, ["eval", str(SHARED / "eval" / "seeds"), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert {"event_f1", "bcubed_f1", "type", "date", "location", "claims_recall"} <= set(figures)


def test_eval_refuses_a_folder_that_is_no_gold_set(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", str(tmp_path)])
    assert result.exit_code == 2 and "gold.json" in result.stderr


def test_show_event_puts_each_source_side_by_side_with_its_framing(seeded_db: Path) -> None:
    events = runner.invoke(app, ["events", "--db", str(seeded_db), "--format", "jsonl"])
    records = [json.loads(line) for line in events.stdout.splitlines()]
    calais = next(r for r in records if r["location"]["name"] == "Calais")
    result = runner.invoke(app, ["show", calais["id"], "--db", str(seeded_db)],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "arrests" in result.output and "dehumanising" in result.output
    assert "comments: 7 seen, 2 flagged (conspiracy 1, dehumanising 1, hate 2" in result.output


def test_outlets_summarises_words_and_flags_per_outlet(seeded_db: Path) -> None:
    result = runner.invoke(app, ["outlets", "--db", str(seeded_db)], env={"COLUMNS": "250"})
    assert result.exit_code == 0
    for outlet in ("Mirror Online", "unknown"):  # only one seed page names its outlet
        assert outlet in result.output
    assert "invaders" in result.output and "dehumanising" in result.output
    assert "7 seen, 2 flagged" in result.output  # the comments column, by kind below
