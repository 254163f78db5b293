"""The copy index's band keys in the writer's memory, as sorted NumPy arrays.

Why not DuckDB for the look-up: a batch's band keys (32 per article, ~260k for 8,192
articles) are random 64-bit values, so neither zone maps nor a join's min/max filter
can prune anything, and the semi-join scanned the whole ``copy_index`` table: 0.37 s a
batch at 300k stored articles, 1.03 s at 700k, growing with the store. A binary search
in sorted arrays costs the log of the store's size instead.

DuckDB's ``copy_index`` table stays the record (written in the batch's transaction);
this is a copy of it, read once when the writer first needs it and kept in step by the
store, or dropped (and read again) when a transaction rolls back.

Layout: the keys are split by their top byte into 256 partitions, each a sorted uint32
array of the key's next 32 bits beside a uint32 array of arrival numbers, so that a
batch's insertions copy 1/256 of the index each, never the whole of it (8 bytes a key:
~260 MB for a million articles, ~1 MB per partition copied by an insertion; whole
int64 keys made it 390 MB, and the writer's peak RSS passed 2 GB at 1M candidates).

A look-up therefore matches 40 of a key's 64 bits: against a million articles' 32M
keys, a batch's 262k probes meet ~8 stored keys that agree only there. That costs
nothing but a comparison: a stored article is a copy only if its MinHash signature
agrees (``resolve.find_copies``), never for sharing a key.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np

PARTITIONS = 256
_SHIFT = 56  # a key's top byte names its partition (arithmetic shift: -128..127)
_KEPT_SHIFT = 24  # the partition keeps bits 24-55 of a key


class BandIndex:
    """Band key -> arrival numbers of the articles indexed under it, and each
    arrival's article id."""

    def __init__(self) -> None:
        self._keys = [np.empty(0, dtype=np.uint32) for _ in range(PARTITIONS)]
        self._arrivals = [np.empty(0, dtype=np.uint32) for _ in range(PARTITIONS)]
        self._article_at: list[str | None] = []  # by arrival number (a sequence)
        self._arrival_of: dict[str, int] = {}

    def __len__(self) -> int:
        return sum(len(keys) for keys in self._keys)

    def array_bytes(self) -> int:
        """What the key and arrival arrays hold (the id maps come on top)."""
        return sum(k.nbytes + a.nbytes for k, a in zip(self._keys, self._arrivals, strict=True))

    def arrival(self, article_id: str) -> int | None:
        return self._arrival_of.get(article_id)

    def article(self, arrival: int) -> str | None:
        return self._article_at[arrival] if arrival < len(self._article_at) else None

    def add(self, keys: np.ndarray, arrivals: np.ndarray, articles: Mapping[int, str]) -> None:
        """Index ``keys[i]`` under ``arrivals[i]``; ``articles`` names each arrival's
        article."""
        if articles:
            self._article_at.extend([None] * (max(articles) + 1 - len(self._article_at)))
        for arrival, article_id in articles.items():
            self._article_at[arrival] = article_id
            self._arrival_of[article_id] = arrival
        keys = np.asarray(keys, dtype=np.int64)
        order = np.argsort(keys, kind="stable")
        keys, arrivals = keys[order], np.asarray(arrivals, dtype=np.uint32)[order]
        kept = _kept_bits(keys)
        for part, start, stop in _partition_slices(keys):
            at = np.searchsorted(self._keys[part], kept[start:stop])
            self._keys[part] = np.insert(self._keys[part], at, kept[start:stop])
            self._arrivals[part] = np.insert(self._arrivals[part], at, arrivals[start:stop])

    def remove(self, arrivals: Iterable[int]) -> None:
        """Forget every key of these arrivals (an article re-indexed, or no longer)."""
        gone = np.fromiter(set(arrivals), dtype=np.uint32)
        if not len(gone):
            return
        for part in range(PARTITIONS):
            kept = ~np.isin(self._arrivals[part], gone)
            if not kept.all():
                self._keys[part] = self._keys[part][kept]
                self._arrivals[part] = self._arrivals[part][kept]
        for arrival in gone.tolist():
            article_id = self.article(arrival)
            if article_id is not None:
                self._article_at[arrival] = None
                if self._arrival_of.get(article_id) == arrival:
                    del self._arrival_of[article_id]

    def find(self, keys: Iterable[int]) -> tuple[np.ndarray, np.ndarray]:
        """(arrival, key among ``keys``) of every indexed key that agrees with one of
        ``keys`` in its 40 kept bits."""
        probes = np.unique(np.fromiter(keys, dtype=np.int64))
        kept = _kept_bits(probes)
        found_arrivals, found_keys = [], []
        for part, start, stop in _partition_slices(probes):
            wanted = kept[start:stop]
            low = np.searchsorted(self._keys[part], wanted, side="left")
            high = np.searchsorted(self._keys[part], wanted, side="right")
            counts = high - low
            if not counts.any():
                continue
            rows = np.repeat(low - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())
            found_arrivals.append(self._arrivals[part][rows])
            found_keys.append(np.repeat(probes[start:stop], counts))
        if not found_keys:
            return np.empty(0, dtype=np.uint32), np.empty(0, dtype=np.int64)
        return np.concatenate(found_arrivals), np.concatenate(found_keys)


def _kept_bits(keys: np.ndarray) -> np.ndarray:
    return ((keys >> _KEPT_SHIFT) & 0xFFFFFFFF).astype(np.uint32)


def _partition_slices(sorted_keys: np.ndarray) -> Iterable[tuple[int, int, int]]:
    """(partition, start, stop) of each partition's run in sorted keys: the top byte
    grows with the key, so each partition's keys are one slice."""
    parts = (sorted_keys >> _SHIFT) + PARTITIONS // 2
    bounds = np.searchsorted(parts, np.arange(PARTITIONS + 1))
    for part in np.flatnonzero(np.diff(bounds)).tolist():
        yield part, int(bounds[part]), int(bounds[part + 1])
