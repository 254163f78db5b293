"""Reading a whole store out without holding it: events streamed in chunks, and
Parquet written by DuckDB's own COPY.

``iter_events`` takes the filters of ``Store.events`` and yields the same events in
the same order, ``EXPORT_CHUNK`` rows at a time from one cursor. ``write_parquet``
stages rows in a temporary DuckDB file beside the output (DuckDB's buffer manager
spills what does not fit its memory limit) and lets ``COPY ... (FORMAT parquet)``
write the file pandas, polars and Arrow read.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import duckdb

from herald.errors import StoreError
from herald.model import Event
from herald.store.codec import event_from_json

# Rows per fetch and per staged insert: a few MB of records at a time.
EXPORT_CHUNK = 2000
# Memory DuckDB may use while staging and writing a Parquet file.
STAGING_MEMORY = "512MB"


class Streams:
    """Mixed into `Store`: reads that stream."""

    db: duckdb.DuckDBPyConnection

    def iter_events(
        self,
        country: str | None = None,
        since: str | None = None,
        until: str | None = None,
        event_type: str | None = None,
    ) -> Iterator[Event]:
        """``Store.events``, one chunk at a time."""
        clauses, params = [], []
        for clause, value in (
            ("country = ?", country), ("date >= ?", since), ("date <= ?", until),
            ("event_type = ?", event_type),
        ):
            if value:
                clauses.append(clause)
                params.append(value)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        cursor = self.db.cursor()
        cursor.execute(f"SELECT record FROM events{where} ORDER BY date NULLS LAST, id", params)
        while rows := cursor.fetchmany(EXPORT_CHUNK):
            for row in rows:
                yield event_from_json(json.loads(row[0]))


def write_parquet(
    rows: Iterable[dict[str, Any]], columns: Sequence[tuple[str, str]], path: Path
) -> int:
    """Write dict rows with these (name, DuckDB type) columns to a Parquet file; the
    number of rows written. The file appears whole or not at all."""
    path = Path(path)
    written = 0
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".herald-export-") as folder:
        staging = duckdb.connect(str(Path(folder) / "staging.duckdb"))
        try:
            staging.execute(f"SET memory_limit = '{STAGING_MEMORY}'")
            staging.execute("CREATE TABLE export (" + ", ".join(
                f'"{name}" {kind}' for name, kind in columns) + ")")
            chunk: list[dict[str, Any]] = []
            for row in rows:
                chunk.append(row)
                if len(chunk) >= EXPORT_CHUNK:
                    written += _stage(staging, chunk, columns)
                    chunk = []
            written += _stage(staging, chunk, columns)
            partial = Path(folder) / "export.parquet"
            staging.execute(f"COPY export TO '{_quoted(partial)}' (FORMAT parquet)")
        except duckdb.Error as error:
            raise StoreError(f"cannot write Parquet: {error}".splitlines()[0], str(path)) from None
        finally:
            staging.close()
        partial.replace(path)
    return written


def _stage(staging: duckdb.DuckDBPyConnection, chunk: list[dict[str, Any]],
           columns: Sequence[tuple[str, str]]) -> int:
    if not chunk:
        return 0
    values = [[_typed(row.get(name), kind) for row in chunk] for name, kind in columns]
    casts = ", ".join(f"unnest(?::{kind}[])" for _, kind in columns)
    staging.execute(f"INSERT INTO export SELECT {casts}", values)
    return len(chunk)


def _typed(value: Any, kind: str) -> Any:
    """CSV's empty cells are Parquet's nulls."""
    if value == "" and kind != "VARCHAR":
        return None
    return value


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")
