"""Resolution at scale: N synthetic candidates through the writer, batch by batch.

What the single writer of ``herald ingest`` does per batch (``pipeline.store_batch``:
write articles and candidates, copy detection through the LSH index, load the blocks
the batch touches, ``resolve_events``, write the events), run on a stream of synthetic
candidates in date order, as a news feed arrives. The candidates are
``bench/resolve_bench.py``'s (cities, six ACLED codings, 1-6 reports per real event
with jittered dates, places, codings, figures and names; see that script), generated
day by day so that nothing but the store grows. Each synthetic article carries one
candidate and its summary as text (for its MinHash signature and band keys).

Reported: wall and CPU seconds (of this process), and the writer's seconds (inside its
transactions: ``store_batch`` and the commit). The candidates and their copy signatures,
the workers' part in ``herald ingest``, are made in a child process on the other core
(``--in-line`` makes them here: a fifth of the wall); the wall adds the writer's wait
for the first batch and its unpickling of each (~0.2 s a batch). Seconds per tenth of
the stream (the last tenth against the first is the store's growth cost), peak RSS of
this process while it writes (DuckDB's buffers included; and with the B-cubed scoring
after it, which holds a million assignments), the store's size, and B-cubed
precision/recall of candidate -> event against the generating truth.

Usage: .venv/bin/python bench/scale_resolve.py --n 1000000 --out bench/scale_resolve.json
The resolver may change; this script only uses ``pipeline.store_batch`` and the
store, so it measures whatever resolver is checked out.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import resolve_bench  # noqa: E402  (bench/resolve_bench.py: the candidate generator)

SEED = 20240626
# DuckDB's buffer pool: 768 MB since the copy index is searched in the writer's memory
# (store/bandindex.py) and DuckDB no longer scans it; at 330k stored candidates it held
# ~330 MB (tables read 163, ART indexes 98, rows not yet checkpointed 66).
STORE_MEMORY_LIMIT = "768MB"


def candidate_stream(n: int) -> Iterator[tuple[object, int]]:
    """(candidate, real event number) in date order, CANDIDATES_PER_DAY a day."""
    rng = random.Random(SEED)
    places, weights = resolve_bench.cities(rng)
    groups = [f"Group {rng.choice(resolve_bench.WORDS)} {i}" for i in range(2000)]
    made = event_no = day = 0
    while made < n:
        today = 0
        while today < resolve_bench.CANDIDATES_PER_DAY and made < n:
            event = resolve_bench.real_event(rng, places, weights, groups, 1)
            event["day"] = resolve_bench.FIRST_DAY + day
            for report_no in range(rng.randint(1, 6)):
                if made >= n:
                    break
                yield resolve_bench.report(rng, event, f"art{event_no}-{report_no}"), event_no
                made += 1
                today += 1
            event_no += 1
        day += 1


def batches(n: int, size: int) -> Iterator[tuple[list, dict[str, int]]]:
    """Analysed batches as the workers hand them to the writer: articles with their
    candidate and their copy signature (``resolve.sign_article``'s work)."""
    from herald.model import Article
    from herald.resolve import band_keys, text_signature

    batch: list = []
    truth: dict[str, int] = {}
    for candidate, real in candidate_stream(n):
        article = candidate.sources[0].article
        signature = text_signature(candidate.summary)
        batch.append((Article(id=article, text=candidate.summary, events=[candidate],
                              published=candidate.sources[0].published,
                              signature=signature, band_keys=band_keys(signature)),
                      f"h-{article}"))
        truth[candidate.id] = real
        if len(batch) >= size:
            yield batch, truth
            batch, truth = [], {}
    if batch:
        yield batch, truth


def batches_from_child(n: int, size: int) -> Iterator[tuple[list, dict[str, int]]]:
    """``batches`` made in a child process, as ``herald ingest``'s workers make them:
    generating and signing the synthetic candidates (a fifth of the wall when done in
    line) runs on the other core while the writer stores the batch before."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    queue = context.Queue(maxsize=2)
    child = context.Process(target=_produce, args=(n, size, queue), daemon=True)
    child.start()  # now, before the store is opened: the child needs none of its state
    return _drain(queue, child)


def _drain(queue: object, child: object) -> Iterator[tuple[list, dict[str, int]]]:
    """The child's batches, unpickled at the writer's collection pace: at CPython's
    default pace, unpickling a batch's 8,192 articles took 1.0 s instead of 0.16 s
    (the collector traversed the writer's caches again and again)."""
    from herald.pipeline import rarer_collections

    try:
        while True:
            with rarer_collections():
                item = queue.get()  # type: ignore[attr-defined]
            if item is None:
                return
            yield item
    finally:
        child.kill()  # type: ignore[attr-defined]
        child.join()  # type: ignore[attr-defined]


def _produce(n: int, size: int, queue: object) -> None:
    for item in batches(n, size):
        queue.put(item)  # type: ignore[attr-defined]
    queue.put(None)  # type: ignore[attr-defined]


def b_cubed(store: object, truth: dict[str, int]) -> dict[str, float]:
    rows = store.db.execute("SELECT event_id, candidate_id FROM event_members").fetchall()
    system = {candidate: event for event, candidate in rows}
    by_system: dict[str, set[str]] = defaultdict(set)
    by_truth: dict[int, set[str]] = defaultdict(set)
    for candidate, real in truth.items():
        by_system[system.get(candidate, candidate)].add(candidate)
        by_truth[real].add(candidate)
    precision = recall = 0.0
    for candidate, real in truth.items():
        mine, gold = by_system[system.get(candidate, candidate)], by_truth[real]
        overlap = len(mine & gold)
        precision += overlap / len(mine)
        recall += overlap / len(gold)
    p, r = precision / len(truth), recall / len(truth)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4)}


def run(n: int, batch_size: int, folder: Path, max_seconds: float | None = None,
        in_line: bool = False) -> dict:
    from herald import pipeline
    from herald.store import Store

    db = folder / "resolve.duckdb"
    tenth = max(1, n // 10)
    marks: list[float] = []
    writer_marks: list[float] = []
    writer = 0.0  # seconds inside the writer's transactions
    truth: dict[str, int] = {}
    done = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    loaded: list[int] = []  # candidates each batch's resolution read from the store
    stream = batches(n, batch_size) if in_line else batches_from_child(n, batch_size)
    with Store(db) as store:
        store.db.execute(f"SET memory_limit = '{STORE_MEMORY_LIMIT}'")
        read_candidates = store.candidates

        def counted(ids: object) -> list:
            found = read_candidates(ids)  # type: ignore[arg-type]
            loaded.append(len(found))
            return found

        store.candidates = counted  # type: ignore[method-assign]
        for batch, batch_truth in stream:
            writing = time.perf_counter()
            with store.transaction():
                pipeline.store_batch(store, batch)
            writer += time.perf_counter() - writing
            truth.update(batch_truth)
            done += len(batch)
            if max_seconds and time.perf_counter() - started > max_seconds:
                break
            while done >= tenth * (len(marks) + 1) and len(marks) < 10:
                marks.append(time.perf_counter() - started)
                writer_marks.append(writer)
            if len(marks) and done % (tenth // 2 or 1) < batch_size:
                print(f"{done} candidates, {marks[-1]:.0f} s", file=sys.stderr, flush=True)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        writing_peak = _peak_rss_mb()  # before scoring, which holds every assignment
        events = store.count_events()
        duckdb_mb = store.db.execute(
            "SELECT sum(memory_usage_bytes) / 1e6 FROM duckdb_memory()").fetchone()[0]
        band_index_mb = store.band_index().array_bytes() / 1e6
        quality = b_cubed(store, truth)
    tenths = [round(b - a, 2) for a, b in zip([0.0, *marks], marks, strict=False)]
    writer_tenths = [round(b - a, 2) for a, b in zip([0.0, *writer_marks], writer_marks,
                                                     strict=False)]
    return {
        "n_candidates": n,
        "n_resolved": done,
        "stopped_at_max_seconds": done < n,
        "candidates_loaded_per_batch": {"first": loaded[:3], "last": loaded[-3:],
                                        "max": max(loaded, default=0)},
        "batch_size": batch_size,
        "n_real_events": len(set(truth.values())),
        "n_events": events,
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
        "candidates_per_s": round(done / wall, 1),
        "writer_s": round(writer, 1),
        "writer_candidates_per_s": round(done / writer, 1),
        "writer_seconds_per_tenth": writer_tenths,
        "seconds_per_tenth": tenths,
        "last_tenth_over_first": round(tenths[-1] / tenths[0], 2) if tenths else None,
        "peak_rss_mb": writing_peak,
        "peak_rss_mb_with_scoring": _peak_rss_mb(),
        "store_mb": round(os.path.getsize(db) / 1e6, 1),
        "duckdb_memory_mb_at_end": round(duckdb_mb, 1),
        "band_index_arrays_mb_at_end": round(band_index_mb, 1),
        "store_memory_limit": STORE_MEMORY_LIMIT,
        "b_cubed": quality,
    }


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=None,
                        help="candidates per transaction (default: pipeline.BATCH_SIZE)")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--dir", type=Path, default=None, help="where the store is written")
    parser.add_argument("--max-seconds", type=float, default=None,
                        help="stop after the batch that passes this many seconds")
    parser.add_argument("--in-line", action="store_true",
                        help="generate the candidates in this process, not a child")
    args = parser.parse_args()
    from herald import pipeline

    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        result = run(args.n, args.batch or pipeline.BATCH_SIZE, Path(folder), args.max_seconds,
                     args.in_line)
    print(json.dumps(result))
    if args.out:
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
