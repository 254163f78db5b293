"""One validated settings object, passed to every stage that needs one."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# Records over this size are refused: the largest real page in the dev sets is
# under 10 kB of text, a captured HTML page rarely tops 2 MB; 5 MB leaves room
# for long live-blogs while keeping a stray binary out of the store. It applies to
# one record (a page file, a JSONL line, a list item, a WARC response), never to a
# dump's whole file, which is streamed.
MAX_INPUT_BYTES = 5_000_000

DEFAULT_DB = Path("herald.duckdb")


@dataclass(frozen=True)
class Settings:
    db: Path = DEFAULT_DB
    max_input_bytes: int = MAX_INPUT_BYTES
    # Processes that analyse articles; 1 keeps everything in this process.
    workers: int = 1
    # Where they run: "local" (a process pool) or "dask" (a LocalCluster of `workers`
    # processes, or the cluster whose scheduler is at `scheduler`).
    engine: str = "local"
    scheduler: str | None = None
    # Articles per transaction; None lets batches grow from 256 to 2,048 (see
    # pipeline.batch_sizes). Bigger batches re-resolve the blocks they touch less often
    # (docs/scale.md), and a crash loses more.
    batch_size: int | None = None

    def __post_init__(self) -> None:
        if self.max_input_bytes <= 0:
            raise ValueError("max_input_bytes must be positive")
        if self.workers < 1:
            raise ValueError("workers must be at least 1")
        if self.engine not in ("local", "dask"):
            raise ValueError(f"unknown engine {self.engine!r} (local or dask)")
        if self.batch_size is not None and self.batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        if self.scheduler and self.engine != "dask":
            raise ValueError("a scheduler address needs the dask engine")


def cache_dir() -> Path:
    """Where derived data (gazetteer index, compiled patterns) is kept between runs."""
    configured = os.environ.get("HERALD_CACHE_DIR")
    return Path(configured) if configured else Path.home() / ".cache" / "herald"
