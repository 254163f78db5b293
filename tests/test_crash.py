"""kill -9 in the middle of a long ingest, then the same command again: nothing lost,
nothing doubled, the same store as one uninterrupted run."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from herald.pipeline import BATCH_SIZE
from herald.store import Store

TOWNS = ["Lyon", "Nantes", "Lille", "Rennes", "Dijon", "Metz", "Reims", "Brest", "Caen"]
REPORTS = 4 * BATCH_SIZE + 40
TABLES = {"articles": "id", "candidates": "id", "events": "id", "stories": "article_id"}


def corpus(folder: Path) -> Path:
    """Four batches of short reports (256, 256, 512, 40), as a gzipped dump (the
    readers' way in): enough that a kill up to 2 s after the first commit still lands
    mid-ingest (with three, a fast writer sometimes finished first)."""
    import gzip

    records = [
        {"id": f"k{i:04d}", "published": f"2024-04-{1 + i % 28:02d}",
         "text": f"About {50 + i} nurses protested outside the hospital in "
                 f"{TOWNS[i % len(TOWNS)]} on Monday over staff shortages, police said."}
        for i in range(REPORTS)
    ]
    dump = folder / "reports.jsonl.gz"
    dump.write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in records).encode()))
    return dump


def herald(*args: str) -> list[str]:
    return [sys.executable, "-c", "from herald.cli import main; main()", *args]


def snapshot(db: Path) -> dict[str, object]:
    with Store(db, read_only=True) as store:
        counts = {table: store.db.execute(
            f"SELECT count(*), count(DISTINCT {key}) FROM {table}").fetchone()
            for table, key in TABLES.items()}
        return {"counts": counts, "events": [e.to_json() for e in store.events()],
                "articles": sorted(a.id for a in store.articles())}


# The write-ahead log of a new store's schema is ~3 kB; a committed batch of these
# reports adds ~900 kB.
COMMITTED_BATCH_WAL_BYTES = 64_000


def wait_for_first_commit(process: subprocess.Popen, db: Path, timeout: float) -> bool:
    """True once the store's write-ahead log holds a committed batch."""
    wal = db.with_name(db.name + ".wal")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if wal.exists() and wal.stat().st_size > COMMITTED_BATCH_WAL_BYTES:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.slow
def test_kill_9_then_the_same_command_loses_nothing_and_doubles_nothing(tmp_path: Path) -> None:
    dump = corpus(tmp_path)
    reference = tmp_path / "reference.duckdb"
    subprocess.run(herald("ingest", str(dump), "--db", str(reference), "--workers", "1"),
                   check=True, capture_output=True)

    crashed = tmp_path / "crashed.duckdb"
    command = herald("ingest", str(dump), "--db", str(crashed), "--workers", "1")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    committed = wait_for_first_commit(process, crashed, timeout=300)
    delay = random.uniform(0, 2)  # then anywhere in the next batch: analysing, resolving, writing
    time.sleep(delay)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert committed and process.returncode == -signal.SIGKILL, f"killed {delay:.2f} s in"

    rerun = subprocess.run(command, check=True, capture_output=True, text=True)
    assert "unchanged" in rerun.stdout
    unchanged = int(rerun.stdout.split("unchanged ")[1].split(",")[0])
    assert 0 < unchanged < REPORTS, "some batches were stored before the kill"
    after, expected = snapshot(crashed), snapshot(reference)
    for table, (rows, distinct) in after["counts"].items():  # type: ignore[attr-defined]
        assert rows == distinct, f"{table} doubled"
    assert after == expected
