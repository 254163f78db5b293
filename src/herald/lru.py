"""A bounded cache by id, for what the single writer derives again batch after batch.

With a feed arriving in date order, most of the candidates a batch's blocks hold are
last batch's again: decoding their JSON (the store) and reading their features (the
resolver) were a third of the writer's time (bench/scale_resolve.py). Each user says
what makes an entry stale and evicts it; the size bounds memory on a stream of any
length. (functools.lru_cache needs hashable arguments; events are not.)
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from typing import Generic, TypeVar

Record = TypeVar("Record")


class BoundedCache(Generic[Record]):
    """At most ``size`` records by id, the least recently used dropped first."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._records: OrderedDict[str, Record] = OrderedDict()

    def get(self, record_id: str) -> Record | None:
        record = self._records.get(record_id)
        if record is not None:
            self._records.move_to_end(record_id)
        return record

    def put(self, record_id: str, record: Record) -> None:
        self._records[record_id] = record
        self._records.move_to_end(record_id)
        while len(self._records) > self.size:
            self._records.popitem(last=False)

    def evict(self, record_ids: Iterable[str]) -> None:
        for record_id in record_ids:
            self._records.pop(record_id, None)

    def clear(self) -> None:
        self._records.clear()

    def __len__(self) -> int:
        return len(self._records)
