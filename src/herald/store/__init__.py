"""The store: Herald's only door to the DuckDB file.

Writes happen inside `Store.transaction()`, so a batch lands whole or not at all;
every write is an upsert keyed by a stable id, so re-running an ingest is idempotent.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

from herald.errors import StoreError
from herald.lru import BoundedCache
from herald.model import Article, Event, Story
from herald.store.codec import article_from_row, event_from_json, event_to_json
from herald.store.copyindex import CopyIndex
from herald.store.exports import Streams
from herald.store.facets import index_events
from herald.store.locks import is_lock_error, locked_message
from herald.store.schema import SCHEMA_VERSION, current_version, migrate

_INCOMING = "herald_incoming_rows"  # the view a columnar insert reads from

ARTICLE_COLUMNS = (
    "id", "url", "outlet", "published", "title", "language", "text", "origin", "segments",
    "framing", "page_date", "encoding",
)
# Decoded candidates kept between batches: a batch of 8,192 in a date-ordered feed
# re-reads 25-47k (its blocks' weeks); 49,152 covers that window.
CANDIDATE_CACHE_SIZE = 49_152
# Decoded events kept between batches: fewer, since an event a batch touches is mostly
# one it changes (and evicts); those re-read unchanged are its blocks' other events.
EVENT_CACHE_SIZE = 8_192


class Store(CopyIndex, Streams):
    """One open DuckDB store."""

    def __init__(self, path: Path | str, read_only: bool = False) -> None:
        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise StoreError("no such store (run `herald ingest` first)", self.path)
        if read_only:
            _upgrade_if_older(self.path)
        self.db = _connect(self.path, read_only)
        self._start_caches()
        if not read_only:
            migrate(self.db, self.path)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def cursor(self) -> Store:
        """Another handle on this open store, for another thread.

        A DuckDB connection must not be shared between threads; its cursors share the
        database and each sees what was committed when its query starts.
        """
        handle = object.__new__(Store)
        handle.path = self.path
        handle.db = self.db.cursor()
        handle._start_caches()  # a handle's objects are its own: it reads in another thread
        return handle

    def _start_caches(self) -> None:
        self.decoded_candidates: BoundedCache[Event] = BoundedCache(CANDIDATE_CACHE_SIZE)
        self.decoded_events: BoundedCache[Event] = BoundedCache(EVENT_CACHE_SIZE)
        self._bands = None  # the copy index in memory, read on first use

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            self._forget_decoded()
            raise
        try:
            self.db.execute("COMMIT")
        except BaseException:
            self._forget_decoded()  # a failed commit leaves nothing of the batch
            raise

    def _forget_decoded(self) -> None:
        """Drop what memory holds of the store: it may hold what a rollback undid."""
        self.decoded_candidates.clear()
        self.decoded_events.clear()
        self._bands = None

    # -- articles -----------------------------------------------------------------

    def content_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        if not ids:
            return {}
        rows = self.db.execute(
            "SELECT id, content_hash FROM articles WHERE id IN (SELECT unnest(?))", [list(ids)]
        ).fetchall()
        return {row[0]: row[1] for row in rows}

    def write_articles(
        self,
        written: Sequence[tuple[Article, str, list[int]]],
        url_keys: Mapping[str, str | None] | None = None,
    ) -> None:
        """Upsert articles with their content hash, MinHash signature and URL identity."""
        keys = url_keys or {}
        self.db.execute("DELETE FROM articles WHERE id IN (SELECT unnest(?))",
                        [[article.id for article, _, _ in written]])
        self.insert_rows(
            "articles (id, url, outlet, published, title, language, text, origin, segments,"
            " framing, content_hash, signature, page_date, url_key, encoding)",
            [
                (article.id, article.url, article.outlet, article.published, article.title,
                 article.language, article.text, article.origin,
                 json.dumps([s.to_json() for s in article.segments]),
                 json.dumps(article.framing, ensure_ascii=False),
                 digest, json.dumps(signature),
                 json.dumps(article.page_date.to_json(), ensure_ascii=False)
                 if article.page_date else None,
                 keys.get(article.id), article.encoding)
                for article, digest, signature in written
            ],
        )

    def insert_rows(self, table: str, rows: Sequence[tuple[Any, ...]]) -> None:
        """Rows as columns (``insert_columns``), each an array of Python objects whose
        type DuckDB reads from the values."""
        if not rows:
            return
        self.insert_columns(table, [np.fromiter(column, dtype=object, count=len(rows))
                                    for column in zip(*rows, strict=True)])

    def insert_columns(self, table: str, columns: Sequence[np.ndarray]) -> None:
        """Columns in one statement through DuckDB's scan of numpy arrays: a batch's
        262,144 band keys took 0.48 s as list parameters (each value converted on its
        own) and take 0.02 s as typed arrays. ``table`` names the target columns in
        the arrays' order when it lists them."""
        if not len(columns) or not len(columns[0]):
            return
        self.db.register(_INCOMING, {f"c{i}": column for i, column in enumerate(columns)})
        try:
            self.db.execute(f"INSERT INTO {table} SELECT * FROM {_INCOMING}")
        finally:
            self.db.unregister(_INCOMING)

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        query = f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles"
        params: list[Any] = []
        if ids is not None:
            query += " WHERE id IN (SELECT unnest(?))"
            params.append(list(ids))
        rows = self.db.execute(query + " ORDER BY id", params).fetchall()
        return [article_from_row(_decode(dict(zip(ARTICLE_COLUMNS, row, strict=True))))
                for row in rows]

    # -- candidates (per-article events from extract) -------------------------------

    def candidate_ids_of_articles(self, article_ids: Sequence[str]) -> list[str]:
        rows = self.db.execute(
            "SELECT id FROM candidates WHERE article_id IN (SELECT unnest(?))", [list(article_ids)]
        ).fetchall()
        return [row[0] for row in rows]

    def replace_candidates(
        self, article_ids: Sequence[str], candidates: Sequence[tuple[str, Event, set[str]]]
    ) -> None:
        """Replace the candidate events of these articles: (article id, event, block keys).

        The written objects go into the decoded cache, as a read would decode them (the
        codec's round trip is exact): the batch's resolution then reads neither their
        JSON nor, through the feature memo, their features a second time. The caller
        must not change them afterwards, as for any object the store hands back."""
        old = self.candidate_ids_of_articles(article_ids)
        self.decoded_candidates.evict([*old, *(event.id for _, event, _ in candidates)])
        self.db.execute(
            "DELETE FROM candidate_blocks WHERE candidate_id IN (SELECT unnest(?))", [old]
        )
        self.db.execute("DELETE FROM candidates WHERE article_id IN (SELECT unnest(?))",
                        [list(article_ids)])
        self.insert_rows("candidates", [
            (event.id, article_id, json.dumps(event_to_json(event), ensure_ascii=False))
            for article_id, event, _ in candidates
        ])
        self.insert_rows("candidate_blocks", [
            (event.id, key) for _, event, keys in candidates for key in sorted(keys)
        ])
        for _, event, _ in candidates:
            self.decoded_candidates.put(event.id, event)

    def candidate_ids_in_blocks(self, keys: Iterable[str]) -> set[str]:
        rows = self.db.execute(
            "SELECT DISTINCT candidate_id FROM candidate_blocks WHERE key IN (SELECT unnest(?))",
            [sorted(keys)],
        ).fetchall()
        return {row[0] for row in rows}

    def block_keys_of(self, candidate_ids: Iterable[str]) -> set[str]:
        rows = self.db.execute(
            "SELECT DISTINCT key FROM candidate_blocks WHERE candidate_id IN (SELECT unnest(?))",
            [sorted(candidate_ids)],
        ).fetchall()
        return {row[0] for row in rows}

    def candidates(self, ids: Iterable[str]) -> list[Event]:
        """The stored candidates of these ids, in id order; the resolver must not change
        them (they may be the decoded objects of an earlier read)."""
        return self._decoded("candidates", self.decoded_candidates, sorted(set(ids)))

    def _decoded(self, table: str, cache: BoundedCache[Event], ids: list[str]) -> list[Event]:
        """Records of these ids (those stored), decoding only those not in ``cache``."""
        found = {i: event for i in ids if (event := cache.get(i)) is not None}
        missing = [i for i in ids if i not in found]
        if missing:
            rows = self.db.execute(f"SELECT id, record FROM {table} WHERE id IN"
                                   " (SELECT unnest(?))", [missing]).fetchall()
            for record_id, record in rows:
                found[record_id] = event_from_json(json.loads(record))
                cache.put(record_id, found[record_id])
        return [found[i] for i in ids if i in found]

    # -- canonical events ----------------------------------------------------------

    def events_with_members(self, candidate_ids: Iterable[str]) -> list[Event]:
        """The stored events holding any of these candidates, in id order (decoded
        objects may be an earlier read's: the resolver must not change them)."""
        ids = [row[0] for row in self.db.execute(
            "SELECT DISTINCT event_id FROM event_members WHERE candidate_id IN"
            " (SELECT unnest(?)) ORDER BY event_id", [sorted(candidate_ids)]).fetchall()]
        return self._decoded("events", self.decoded_events, ids)

    def replace_events(self, old_ids: Iterable[str], events: list[Event]) -> None:
        stale = sorted(set(old_ids) | {event.id for event in events})
        self.decoded_events.evict(stale)
        self.db.execute("DELETE FROM event_members WHERE event_id IN (SELECT unnest(?))", [stale])
        self.db.execute("DELETE FROM events WHERE id IN (SELECT unnest(?))", [stale])
        self.insert_rows("events", [
            (event.id, event.event_type, event.location.country, event.date.value,
             json.dumps(event_to_json(event), ensure_ascii=False))
            for event in events
        ])
        self.insert_rows("event_members", [
            (event.id, member) for event in events for member in event.members
        ])
        index_events(self.db, stale, [event.id for event in events])

    def events(
        self,
        country: str | None = None,
        since: str | None = None,
        until: str | None = None,
        event_type: str | None = None,
    ) -> list[Event]:
        return list(self.iter_events(country, since, until, event_type))

    def count_events(self) -> int:
        row = self.db.execute("SELECT count(*) FROM events").fetchone()
        return int(row[0]) if row else 0

    def event(self, event_id: str) -> Event | None:
        row = self.db.execute("SELECT record FROM events WHERE id = ?", [event_id]).fetchone()
        return event_from_json(json.loads(row[0])) if row else None

    # -- stories (syndicated copies) -------------------------------------------------

    def write_stories(self, stories: list[Story]) -> None:
        rows = {article_id: (article_id, story.id, story.original)
                for story in stories for article_id in story.articles}
        self.db.execute("DELETE FROM stories WHERE article_id IN (SELECT unnest(?))",
                        [list(rows)])
        self.insert_rows("stories", list(rows.values()))

    def stories(self, article_ids: Iterable[str] | None = None) -> list[Story]:
        query = "SELECT story_id, article_id, original FROM stories"
        params: list[Any] = []
        if article_ids is not None:
            query += (" WHERE story_id IN (SELECT story_id FROM stories"
                      " WHERE article_id IN (SELECT unnest(?)))")
            params.append(sorted(article_ids))
        grouped: dict[str, Story] = {}
        for story_id, article_id, original in self.db.execute(query, params).fetchall():
            story = grouped.setdefault(story_id, Story(story_id, [original]))
            if article_id not in story.articles:
                story.articles.append(article_id)
        return list(grouped.values())


# DuckDB's buffer pool may otherwise take 80% of the machine's memory, keeping every
# page it has read: the writer's memory would follow the store, not the batch.
# HERALD_DUCKDB_MEMORY sets another bound ("4GB"); DuckDB spills what does not fit.
DEFAULT_MEMORY_LIMIT = "1GB"
# DuckDB checkpoints when its write-ahead log passes 16 MB by default: a batch of 8,192
# candidates writes ~32 MB, so every commit checkpointed, and a checkpoint's work grows
# with the tables its deletes touch (1.6 s a commit at 400k stored candidates, 8.9 s at
# times). Checkpointing less often does the same writing for several batches at once
# (16 batches from 330k stored: 100.5 s at 16 MB, 91 s at 1 GB, checkpoints included),
# but the rows not yet checkpointed stay in DuckDB's memory: 163 MB of them at 256 MB,
# 66 MB at 64 MB (bench/scale_resolve.py), and each checkpoint has a cost of its own
# (at 64 MB, profiled at 330k stored: ~2.4 s a batch in checkpoints, against ~1.25 s at
# 256 MB). 128 MB is a checkpoint every fourth batch of 8,192, and at most that much
# log for a killed writer to replay.
WRITER_CHECKPOINT_THRESHOLD = "128MB"


def _connect(path: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    """Open the file, or say in one line why not (and who holds it, when it is locked)."""
    config: dict[str, str | bool | int | float | list[str]] = {
        "memory_limit": os.environ.get("HERALD_DUCKDB_MEMORY") or DEFAULT_MEMORY_LIMIT}
    if not read_only:
        config["checkpoint_threshold"] = WRITER_CHECKPOINT_THRESHOLD
    try:
        return duckdb.connect(path, read_only=read_only, config=config)
    except duckdb.Error as error:
        message = str(error)
        if is_lock_error(message):
            raise StoreError(locked_message(path, message, not read_only), path) from None
        raise StoreError(f"cannot open store: {message}".splitlines()[0], path) from None


def _upgrade_if_older(path: str) -> None:
    """Readers need the current schema: a store written by an older Herald is migrated
    once, for writing, before being opened read-only."""
    reader = _connect(path, read_only=True)
    try:
        older = current_version(reader) < SCHEMA_VERSION
    finally:
        reader.close()
    if older:
        writer = _connect(path, read_only=False)
        try:
            migrate(writer, path)
        finally:
            writer.close()


def _decode(row: dict[str, Any]) -> dict[str, Any]:
    row["segments"] = json.loads(row["segments"]) if row["segments"] else []
    row["framing"] = json.loads(row["framing"]) if row["framing"] else {}
    row["page_date"] = json.loads(row["page_date"]) if row["page_date"] else None
    return row
