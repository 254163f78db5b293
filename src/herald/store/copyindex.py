"""What keeps a batch's cost flat as the store grows: lookups by key, never whole tables
loaded into Python.

- ``copy_index``: the LSH index of article signatures (one row per band, keyed by the
  band's hash), so copy detection compares a new article only with the stored ones
  that share a band with it. The table is the record; the writer searches its copy in
  memory (``bandindex``), since random band keys leave DuckDB nothing to prune;
- URL identities (``articles.url_key``), so a re-crawl with tracking parameters is
  recognised as the article already stored;
- stories read for the articles a batch resolves, not with every member they have.

DuckDB answers the others with a hash join over the key column (vectorised: ~25 ns a row
on this machine); what reaches Python is only the matching rows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from herald.model import Story
from herald.store.bandindex import BandIndex

if TYPE_CHECKING:
    import duckdb

COPY_INDEX_READY = "copy_index_ready"


class CopyIndex:
    """Mixed into `Store`: the store's keyed lookups for ingesting at scale."""

    db: duckdb.DuckDBPyConnection
    _bands: BandIndex | None

    if TYPE_CHECKING:
        def insert_columns(self, table: str, columns: Sequence[np.ndarray]) -> None: ...


    # -- meta -----------------------------------------------------------------------

    def flag(self, key: str) -> bool:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return bool(row and row[0] == "1")

    def set_flag(self, key: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, '1')", [key])

    # -- URL identity -----------------------------------------------------------------

    def ids_of_url_keys(self, keys: Iterable[str]) -> dict[str, str]:
        """Stored article id of each URL identity that is stored (the earliest one)."""
        wanted = sorted(set(keys))
        if not wanted:
            return {}
        rows = self.db.execute(
            "SELECT url_key, min(id) FROM articles WHERE url_key IN (SELECT unnest(?))"
            " GROUP BY url_key", [wanted]).fetchall()
        return {row[0]: row[1] for row in rows}

    def set_url_keys(self, keys: Mapping[str, str | None]) -> None:
        """The URL identity of stored articles (written with them; and by a backfill)."""
        rows = [(article_id, key) for article_id, key in keys.items() if key]
        if rows:
            self.db.execute(
                "UPDATE articles SET url_key = v.key FROM (SELECT unnest(?) AS id,"
                " unnest(?) AS key) v WHERE articles.id = v.id",
                [[r[0] for r in rows], [r[1] for r in rows]])

    # -- copy index -----------------------------------------------------------------

    def replace_copy_index(
        self,
        indexed: Mapping[str, list[int]],
        articles: Sequence[str],
        stored_before: Iterable[str] | None = None,
    ) -> None:
        """Replace the band keys of `articles`: those in `indexed` get theirs, the others
        none. An article keeps its first arrival number across re-ingests. Only
        `stored_before` (all `articles` when not given) can have keys to replace: a
        batch of new articles costs no look-up of the index."""
        bands = self.band_index()
        ids = sorted(set(articles if stored_before is None else stored_before))
        arrivals = {a: arrival for a in ids if (arrival := bands.arrival(a)) is not None}
        if arrivals:
            self.db.execute("DELETE FROM copy_index WHERE article_id IN (SELECT unnest(?))",
                            [sorted(arrivals)])
            bands.remove(arrivals.values())
        keys: list[int] = []
        order: list[int] = []
        owners: list[str] = []
        named: dict[int, str] = {}  # arrival -> article, for the index in memory
        newcomers = iter(self._next_arrivals(
            sum(a in indexed and a not in arrivals for a in articles)))
        for article_id in (a for a in articles if a in indexed):
            arrival = arrivals.get(article_id)
            if arrival is None:
                arrival = next(newcomers)
            named[arrival] = article_id
            keys.extend(indexed[article_id])
            order.extend([arrival] * len(indexed[article_id]))
            owners.extend([article_id] * len(indexed[article_id]))
        columns = [np.array(keys, dtype=np.int64), np.array(order, dtype=np.int64),
                   np.array(owners, dtype=object)]
        self.insert_columns("copy_index", columns)
        bands.add(columns[0], columns[1], named)

    def _next_arrivals(self, count: int) -> list[int]:
        if not count:
            return []
        rows = self.db.execute("SELECT nextval('copy_arrival') FROM range(?)", [count])
        return sorted(int(row[0]) for row in rows.fetchall())

    def band_index(self) -> BandIndex:
        """The copy index in memory (``bandindex``), read from the table on first use."""
        if self._bands is None:
            self._bands = _read_band_index(self.db)
        return self._bands

    def copy_matches(self, keys: Iterable[int], exclude: Iterable[str]
                     ) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
        """Signatures of stored articles sharing a band key, in order of arrival, and
        the keys each shares: the only ones a comparison with the new articles needs.
        (A few share only 40 bits of a key, ``bandindex``: the comparison rejects them.)"""
        bands = self.band_index()
        found_arrivals, found_keys = bands.find(keys)
        skip = set(exclude)
        shared: dict[str, list[int]] = {}
        for arrival, key in sorted(zip(found_arrivals.tolist(), found_keys.tolist(),
                                       strict=True)):
            article_id = bands.article(arrival)
            if article_id is not None and article_id not in skip:
                shared.setdefault(article_id, []).append(key)
        signatures = self._signatures_of(list(shared))
        return ({a: signatures[a] for a in shared if a in signatures},
                {a: held for a, held in shared.items() if a in signatures})

    def indexed_signatures(self, ids: Iterable[str]) -> dict[str, list[int]]:
        """Signatures of these indexed articles, in order of arrival."""
        bands = self.band_index()
        arrivals = {a: arrival for a in set(ids) if (arrival := bands.arrival(a)) is not None}
        ordered = sorted(arrivals, key=arrivals.__getitem__)
        signatures = self._signatures_of(ordered)
        return {a: signatures[a] for a in ordered if a in signatures}

    def _signatures_of(self, ids: list[str]) -> dict[str, list[int]]:
        if not ids:
            return {}
        rows = self.db.execute("SELECT id, signature FROM articles WHERE id IN"
                               " (SELECT unnest(?))", [ids]).fetchall()
        return {row[0]: json.loads(row[1]) for row in rows if row[1]}

    def signature_rows(self) -> Iterator[tuple[str, str | None, list[int] | None]]:
        """(id, url, signature) of every stored article, in the order they were stored:
        what indexing a store written before the index existed reads, once."""
        cursor = self.db.cursor()
        cursor.execute("SELECT id, url, signature FROM articles ORDER BY rowid")
        while rows := cursor.fetchmany(10_000):
            for article_id, url, signature in rows:
                yield article_id, url, json.loads(signature) if signature else None

    # -- stories, bounded -----------------------------------------------------------------

    def originals_of(self, article_ids: Iterable[str]) -> dict[str, str]:
        """The original of each article's stored story, where it has one."""
        ids = sorted(set(article_ids))
        if not ids:
            return {}
        rows = self.db.execute(
            "SELECT article_id, original FROM stories WHERE article_id IN (SELECT unnest(?))",
            [ids]).fetchall()
        return {row[0]: row[1] for row in rows}

    def stories_of(self, article_ids: Iterable[str]) -> list[Story]:
        """The stories of these articles, each listing its original and those of
        `article_ids` in it: what resolving them needs, however big a story grew."""
        ids = sorted(set(article_ids))
        if not ids:
            return []
        rows = self.db.execute(
            "SELECT story_id, article_id, original FROM stories"
            " WHERE article_id IN (SELECT unnest(?)) ORDER BY article_id", [ids]).fetchall()
        grouped: dict[str, Story] = {}
        for story_id, article_id, original in rows:
            story = grouped.setdefault(story_id, Story(story_id, [original]))
            if article_id not in story.articles:
                story.articles.append(article_id)
        return list(grouped.values())


# Arrival numbers read per query when the in-memory index is built: bounds the
# transient arrays (32 band keys an article, 16 bytes each as read: ~50 MB a chunk),
# and the table is in arrival order, so each chunk's rows lie together and zone maps
# find them.
_READ_CHUNK = 100_000


def _read_band_index(db: duckdb.DuckDBPyConnection) -> BandIndex:
    """The ``copy_index`` table as a `BandIndex`, read chunk by chunk of arrivals."""
    bands = BandIndex()
    first, last = db.execute("SELECT min(arrival), max(arrival) FROM copy_index").fetchone() \
        or (None, None)
    if first is None:
        return bands
    for start in range(int(first), int(last) + 1, _READ_CHUNK):
        bounds = [start, start + _READ_CHUNK - 1]
        columns = db.execute("SELECT band_key, arrival FROM copy_index"
                             " WHERE arrival BETWEEN ? AND ?", bounds).fetchnumpy()
        owners = dict(db.execute("SELECT arrival, any_value(article_id) FROM copy_index"
                                 " WHERE arrival BETWEEN ? AND ? GROUP BY arrival",
                                 bounds).fetchall())
        bands.add(columns["band_key"], columns["arrival"], owners)
    return bands
