"""The DuckDB schema, versioned: each migration moves the store one version up.

A store written by a newer Herald is refused rather than guessed at.
"""

from __future__ import annotations

import duckdb

from herald.errors import StoreError
from herald.store import facets

MIGRATIONS: list[list[str]] = [
    # version 1: articles, per-article candidate events, canonical events, copies.
    [
        "CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
        """CREATE TABLE articles (
            id VARCHAR PRIMARY KEY, url VARCHAR, outlet VARCHAR, published VARCHAR,
            title VARCHAR, language VARCHAR, text VARCHAR, origin VARCHAR,
            segments JSON, framing JSON, content_hash VARCHAR, signature JSON,
            ingested_at TIMESTAMP DEFAULT current_timestamp)""",
        """CREATE TABLE candidates (
            id VARCHAR PRIMARY KEY, article_id VARCHAR, record JSON)""",
        "CREATE TABLE candidate_blocks (candidate_id VARCHAR, key VARCHAR)",
        "CREATE INDEX candidate_blocks_key ON candidate_blocks (key)",
        """CREATE TABLE events (
            id VARCHAR PRIMARY KEY, event_type VARCHAR, country VARCHAR,
            date VARCHAR, record JSON)""",
        "CREATE TABLE event_members (event_id VARCHAR, candidate_id VARCHAR)",
        "CREATE INDEX event_members_candidate ON event_members (candidate_id)",
        """CREATE TABLE stories (
            article_id VARCHAR PRIMARY KEY, story_id VARCHAR, original VARCHAR)""",
    ],
    # version 2: what lists, filters and the map read, beside each event (herald serve).
    facets.MIGRATION,
    # version 3: where each article's own date was read (Article.page_date).
    ["ALTER TABLE articles ADD COLUMN page_date JSON"],
    # version 4: keyed lookups for large stores (store/copyindex.py), the encoding an
    # article was read in. A store migrated from an earlier version has its signatures and URLs
    # indexed by the next ingest (pipeline), as the meta flag copy_index_ready says.
    [
        "ALTER TABLE articles ADD COLUMN url_key VARCHAR",
        "ALTER TABLE articles ADD COLUMN encoding VARCHAR",
        "CREATE SEQUENCE copy_arrival",
        "CREATE TABLE copy_index (band_key BIGINT, arrival BIGINT, article_id VARCHAR)",
        "INSERT OR REPLACE INTO meta SELECT 'copy_index_ready', '1'"
        " WHERE NOT EXISTS (SELECT 1 FROM articles)",
    ],
    # version 5: no ART index on candidate block keys. The writer reads blocks only by
    # a batch's keys (``key IN (...)``, ~2,000 of them), and DuckDB answers that with
    # a hash join: 47 ms with the index, 42 ms without, at 330k stored candidates. The
    # index was only upkeep: maintained on each insert and delete, written at each
    # checkpoint, held in memory (3.2M keys at 1M candidates). The other secondary
    # indexes stay: point look-ups use them (a search word 2.4 ms against 16 ms, an
    # article's events 1.2 against 4.5 ms, a batch's events by member 34 against 53).
    ["DROP INDEX IF EXISTS candidate_blocks_key"],
]

SCHEMA_VERSION = len(MIGRATIONS)


def current_version(connection: duckdb.DuckDBPyConnection) -> int:
    tables = {row[0] for row in connection.execute("SHOW TABLES").fetchall()}
    if "meta" not in tables:
        return 0
    row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(connection: duckdb.DuckDBPyConnection, origin: str) -> None:
    """Bring the store to SCHEMA_VERSION inside one transaction."""
    version = current_version(connection)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"store has schema version {version}, newer than this Herald's {SCHEMA_VERSION}",
            origin,
        )
    if version == SCHEMA_VERSION:
        return
    connection.execute("BEGIN TRANSACTION")
    for statements in MIGRATIONS[version:]:
        for statement in statements:
            connection.execute(statement)
    connection.execute(
        "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
    )
    connection.execute("COMMIT")
