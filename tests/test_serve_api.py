"""`herald serve`'s API: shared filters, the schema's JSON, CSV that stays data, closed writes."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import jsonschema
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from herald.cli import app as cli_app
from herald.errors import StoreError
from herald.formats import safe_cell
from herald.serve import create_app
from herald.serve.security import CONTENT_SECURITY_POLICY, WriteGate, http_url
from herald.serve.writes import safe_relative_name
from herald.store import Store
from herald.store.locks import write_serve_note
from serve_support import HOSTILE, SEEDS, SHARED, build_store

pytestmark = pytest.mark.slow


def schema(name: str) -> dict:
    return json.loads((SHARED / "schema" / name).read_text())


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("serve") / "api.duckdb", SEEDS, HOSTILE)


@pytest.fixture(scope="module")
def client(store_path: Path) -> TestClient:
    with TestClient(create_app(store_path)) as test_client:
        yield test_client


def totals(client: TestClient, **params: str) -> int:
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    return int(response.json()["total"])


def test_each_filter_narrows_the_list(client: TestClient) -> None:
    everything = totals(client)
    assert everything == 3  # Lille, Calais (seeds) and the hostile Leeds march
    assert totals(client, country="FR") == 2
    assert totals(client, country="fr") == 2
    assert totals(client, country="JP") == 0
    assert totals(client, type="Riots") == 2
    assert totals(client, sub_type="Protest with intervention") == 1
    assert totals(client, q="vigil") == 1  # a word of the Mirror's headline only
    assert totals(client, q="Peaceful VIGIL") == 1 and totals(client, q="vigil calais") == 0
    assert totals(client, q="génération") == 1  # how the Calais page names the group
    assert totals(client, outlet="Mirror Online") == 1
    assert totals(client, actor="identitarian") == 2
    assert totals(client, admin1="England") == 1
    assert totals(client, since="2025-03-01", until="2025-03-31") == 1  # seeds are undated


def test_cli_and_api_answer_a_filter_alike(client: TestClient, store_path: Path) -> None:
    """One set of query functions: the same filter gives the same events either way."""
    for options, params in (
            (["--actor", "identitarian", "--country", "FR"], {"actor": "identitarian",
                                                              "country": "FR"}),
            (["--search", "leeds", "--sub-type", "Violent demonstration"],
             {"q": "leeds", "sub_type": "Violent demonstration"})):
        result = CliRunner().invoke(cli_app, ["events", "--db", str(store_path), "--format",
                                              "jsonl", *options])
        assert result.exit_code == 0, result.output
        from_cli = [json.loads(line)["id"] for line in result.stdout.splitlines()]
        listed = client.get("/api/events", params={**params, "sort": "date"}).json()
        assert from_cli and from_cli == [event["id"] for event in listed["events"]]


def test_list_pages_sorts_and_counts(client: TestClient) -> None:
    first = client.get("/api/events", params={"per_page": 1, "sort": "-sources"}).json()
    assert first["pages"] == 3 and first["next"].endswith("page=2")
    assert len(first["events"][0]["sources"]) == 2
    second = client.get(first["next"]).json()
    assert second["events"][0]["id"] != first["events"][0]["id"]
    facets = {f["value"]: f["count"] for f in first["facets"]["country"]}
    assert facets == {"FR": 2, "GB": 1}
    assert client.get("/api/events", params={"sort": "outlet"}).status_code == 422


def test_records_follow_the_schemas(client: TestClient) -> None:
    listed = client.get("/api/events").json()["events"]
    for record in listed:
        jsonschema.validate(record, schema("event.schema.json"))
        assert client.get(f"/api/events/{record['id']}").json() == record
    weird_id = 'x"><svg onload=window.__xss_id=1>'
    article = client.get("/api/articles/" + weird_id.replace("/", "%2F")).json()
    jsonschema.validate(article, schema("article.schema.json"))
    assert article["id"] == weird_id and article["segments"]
    assert client.get("/api/events/ev-nothing").status_code == 404


def test_event_sources_side_by_side_carry_evidence(client: TestClient) -> None:
    leeds = client.get("/api/events", params={"country": "GB"}).json()["events"][0]
    view = client.get(f"/api/events/{leeds['id']}/sources").json()
    assert len(view["sources"]) == 2
    claims = [c for source in view["sources"] for c in source["claims"]]
    police = [c for c in claims if c["claimed_by"] == "police" and c["field"] == "crowd_size"]
    assert police and police[0]["sentence"]["evidence"] in (
        "Around 300 people", "About 300 people")
    assert "according to police" in police[0]["sentence"]["after"] + police[0]["sentence"][
        "before"] or "police said" in police[0]["sentence"]["after"]
    assert all(source["link"] is None for source in view["sources"])  # javascript: URLs


def test_timeline_map_and_outlets_twins(client: TestClient) -> None:
    days = client.get("/api/timeline").json()
    assert days["undated"] == 2 and sum(d["total"] for d in days["days"]) == 1
    points = client.get("/api/map.geojson", params={"country": "FR"}).json()
    assert {f["properties"]["place"] for f in points["features"]} == {"Lille", "Calais"}
    assert {f["properties"]["precision"] for f in points["features"]} == {"city"}
    outlets = {row["outlet"]: row for row in client.get("/api/outlets").json()}
    assert outlets["Mirror Online"]["events"] == 1 and outlets["Mirror Online"]["articles"] == 1


def test_every_answer_carries_the_csp(client: TestClient) -> None:
    for path in ("/", "/api/events", "/static/herald.css", "/docs", "/nowhere"):
        response = client.get(path)
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert response.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY


def test_docs_page_is_served_without_a_cdn(client: TestClient) -> None:
    page = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page
    assert "http" not in page.replace('lang="en"', "")  # no absolute URL to fetch
    assert "<script>" not in page  # only src= scripts
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    assert "/api/ingest" in client.get("/openapi.json").json()["paths"]


# -- spreadsheets ------------------------------------------------------------------

FORMULA_RECORD = {
    "id": "formula-outlet", "outlet": '=HYPERLINK("http://evil.example","click")',
    "published": "2025-03-16", "title": "=cmd|' /C calc'!A0 Nurses march in Lyon",
    "text": "About 800 nurses marched in Lyon on Saturday against hospital cuts, police said.",
}


def test_csv_from_cli_and_api_neutralises_formulas(tmp_path: Path) -> None:
    source = tmp_path / "formula.jsonl"
    source.write_text(json.dumps(FORMULA_RECORD) + "\n")
    db = build_store(tmp_path / "formula.duckdb", source)
    from_cli = CliRunner().invoke(cli_app, ["events", "--db", str(db), "--format", "csv"]).stdout
    with TestClient(create_app(db)) as test_client:
        from_api = test_client.get("/api/events.csv").text
        geojson = test_client.get("/api/events.geojson").json()
    for text in (from_cli, from_api):
        rows = list(csv.DictReader(io.StringIO(text)))
        assert rows, "the Lyon march is an event"
        assert rows[0]["source"] == "'" + FORMULA_RECORD["outlet"]
        for row in rows:
            assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for cell in row.values())
    assert geojson["features"][0]["properties"]["source"] == FORMULA_RECORD["outlet"]


def test_safe_cell_leaves_numbers_and_plain_text() -> None:
    assert safe_cell(-1.5) == -1.5 and safe_cell(3) == 3
    assert safe_cell("Lyon") == "Lyon"
    for formula in ("=1+1", "+1", "-1+cmd", "@SUM(A1)", "\tx", "\rx"):
        assert safe_cell(formula) == "'" + formula


# -- writes --------------------------------------------------------------------------

RECORD = {"id": "posted-1", "outlet": "Posted Times", "published": "2025-04-02",
          "title": "Farmers block a road near Lyon",
          "text": "Around 200 farmers blocked a road near Lyon on Tuesday, police said."}


def test_a_server_without_token_refuses_every_write(store_path: Path) -> None:
    with TestClient(create_app(store_path)) as test_client:
        for headers in ({}, {"authorization": "Bearer anything"}):
            response = test_client.post("/api/ingest", json=RECORD, headers=headers)
            assert response.status_code == 403
        assert test_client.get("/api/articles").json()["total"] == 6


def test_writes_need_the_token(tmp_path: Path) -> None:
    db = build_store(tmp_path / "writes.duckdb", SEEDS)
    with TestClient(create_app(db, token="s3cret")) as test_client:
        for headers in ({}, {"authorization": "Bearer wrong"}, {"authorization": "s3cret"}):
            assert test_client.post("/api/ingest", json=RECORD, headers=headers
                                    ).status_code == 401
        good = {"authorization": "Bearer s3cret"}
        answer = test_client.post("/api/ingest", json=RECORD, headers=good).json()
        assert (answer["stored"], answer["failed"]) == (1, 0)
        assert test_client.get("/api/events", params={"outlet": "Posted Times"}).json()["total"]
        assert test_client.get("/api/events", params={"q": "farmers"}).json()["total"] == 1
        page = ("march.txt", b"Nurses march in Lyon\n\nAbout 500 nurses marched in Lyon on "
                b"Monday, police said.\n")
        files = [("files", ("../../etc/" + page[0], page[1]))]
        answer = test_client.post("/api/ingest", files=files, headers=good).json()
        assert answer["stored"] == 1
        assert test_client.get("/api/articles/march").status_code == 200  # id from the stem
        bad = test_client.post("/api/ingest", content=b"{nope", headers={
            **good, "content-type": "application/json"})
        assert bad.status_code == 400


def test_the_gate_answers_before_reading_the_body() -> None:
    """An unauthenticated write is refused from its headers: receive() is never called."""
    asyncio.run(_gate_refusals())


async def _gate_refusals() -> None:
    async def app(scope: dict, receive: object, send: object) -> None:
        raise AssertionError("the application must not be reached")

    async def receive() -> dict:
        raise AssertionError("the body must not be read")

    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    for token, headers, status in ((None, [], 403), ("t", [], 401),
                                   ("t", [(b"authorization", b"Bearer x")], 401)):
        sent.clear()
        scope = {"type": "http", "path": "/api/ingest", "method": "POST", "headers": [
            (b"content-type", b"application/json"), (b"content-length", b"999999999"), *headers]}
        await WriteGate(app, token)(scope, receive, send)
        assert sent[0]["status"] == status


def test_uploaded_names_stay_inside_the_folder() -> None:
    assert safe_relative_name("../../etc/passwd.txt") == Path("etc/passwd.txt")
    assert safe_relative_name("/abs/a b.txt") == Path("abs/a_b.txt")
    assert safe_relative_name("..") == Path("upload.txt")


def test_only_http_urls_become_links() -> None:
    assert http_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for hostile in ("javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,x",
                    "vbscript:x", "//evil.example/x", "http:/no-host", "", None):
        assert http_url(hostile) is None


# -- one writer ---------------------------------------------------------------------

HOLDER = textwrap.dedent("""
    import sys, time, duckdb
    from herald.store.locks import write_serve_note
    db = duckdb.connect(sys.argv[1])
    if sys.argv[2] == "serve":
        write_serve_note(sys.argv[1], "http://127.0.0.1:8123", writes=True)
    print("holding", flush=True)
    time.sleep(60)
""")


@pytest.mark.parametrize("holder", ["serve", "other"])
def test_a_locked_store_says_who_holds_it(tmp_path: Path, holder: str) -> None:
    db = build_store(tmp_path / "locked.duckdb", SEEDS)
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(db), holder],
                               stdout=subprocess.PIPE, text=True, env=os.environ)
    try:
        assert process.stdout and process.stdout.readline().strip() == "holding"
        with pytest.raises(StoreError) as raised:
            Store(db, read_only=True)
        message = str(raised.value)
        assert "\n" not in message and f"pid {process.pid}" in message
        if holder == "serve":
            assert "herald ingest --server http://127.0.0.1:8123" in message
        else:
            assert "python" in message and "wait for it to finish" in message
        result = CliRunner().invoke(cli_app, ["events", "--db", str(db)])
        assert result.exit_code == 2 and "Traceback" not in result.output
    finally:
        process.kill()
        process.wait()


def test_an_older_store_is_upgraded_for_readers(tmp_path: Path) -> None:
    db = build_store(tmp_path / "old.duckdb", SEEDS)
    import duckdb

    with duckdb.connect(str(db)) as connection:  # what a store of schema 1 looks like
        connection.execute("DROP TABLE event_facets")
        connection.execute("DROP TABLE event_words")
        connection.execute("DROP SEQUENCE event_facets_seq")
        connection.execute("DROP INDEX candidates_article")
        connection.execute("DROP INDEX event_members_event")
        connection.execute("ALTER TABLE articles DROP COLUMN page_date")
        connection.execute("ALTER TABLE articles DROP COLUMN url_key")
        connection.execute("ALTER TABLE articles DROP COLUMN encoding")
        connection.execute("DROP TABLE copy_index")
        connection.execute("DROP SEQUENCE copy_arrival")
        connection.execute("DELETE FROM meta WHERE key = 'copy_index_ready'")
        connection.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    result = CliRunner().invoke(cli_app, ["events", "--db", str(db), "--format", "jsonl",
                                          "--search", "vigil"])
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 1


def test_serve_note_is_only_trusted_for_its_own_pid(tmp_path: Path) -> None:
    db = build_store(tmp_path / "note.duckdb", SEEDS)
    write_serve_note(db, "http://127.0.0.1:9", writes=True)  # this process holds nothing
    with Store(db, read_only=True) as store:
        assert store.count_events() == 2


def test_a_place_from_the_outlets_address_says_so_in_the_contract_and_on_its_page(
        tmp_path: Path) -> None:
    """A report that names no place, from a local outlet whose address names its town:
    `herald events` carries the place with "basis": "outlet" and no evidence, and the
    event's page says where the place came from."""
    dump = tmp_path / "local.jsonl"
    dump.write_text(json.dumps({
        "id": "local1", "url": "https://www.stadtblatt-hamburg.de/nachrichten/1/demo.html",
        "published": "2020-06-06", "title": "Tausende bei Demo gegen Rassismus",
        "text": "Rund 9000 Menschen versammelten sich am Samstag in der Innenstadt, die "
                "Polizei beendete die Versammlung am Nachmittag."}) + "\n", encoding="utf-8")
    db = build_store(tmp_path / "local.duckdb", dump)
    result = CliRunner().invoke(cli_app, ["events", "--db", str(db), "--format", "jsonl"])
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    jsonschema.validate(record, schema("event.schema.json"))
    location = record["location"]
    assert (location["name"], location["basis"], location["evidence"]) == ("Hamburg", "outlet",
                                                                           None)
    with TestClient(create_app(db)) as local:
        page = local.get(f"/events/{record['id']}").text
    assert "from the outlet's address, not the text" in page
