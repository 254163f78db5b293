"""Herald at scale: ingest 10k/100k real-shaped articles, resolve 1M candidates, Dask
2 workers against 1, export 100k events to Parquet. Writes ``bench/scale.json``.

Sections (each can be skipped; ``make bench-scale`` runs them all, ~2-3 hours on 2
cores, more when the machine is shared):

- ``ingest``: ``bench/scale_corpus.py`` writes N real-shaped articles (the dev sets'
  real pages with varied ids, dates, places and wording) as one ``.jsonl.gz`` dump, in
  date order; ``pipeline.ingest`` reads it with ``--workers 2`` into a fresh store.
  Reported per tenth of the articles: seconds (the first tenth counted from the first
  stored batch, start-up reported apart), and the ratio of the last tenth to the first
  (target <= 1.3); peak RSS of the process tree, and RSS at each tenth.
- ``resolve``: ``bench/scale_resolve.py`` (N synthetic candidates through the writer,
  in batches of 8,192; target: 1M in <= 10 min, peak RSS <= 2 GB). Stopped after
  ``--resolve-max-s`` (30 min), what it reached is reported.
- ``dask``: the same corpus through ``--engine dask`` on a LocalCluster of 1 worker,
  then 2; each cluster is started and its models loaded before the clock starts
  (start-up reported apart). Target speed-up >= 1.7.
- ``parquet``: a store of N synthetic events exported with ``herald events --format
  parquet``, read back with pandas, its columns compared with the CSV's.

Every run records the machine's load and a speed probe: the machine is shared and
wall times move with it; CPU seconds are reported beside them.

Usage: .venv/bin/python bench/scale.py [--sizes 10000 100000] [--resolve-n 1000000]
       [--dask-n 2000] [--parquet-n 100000] [--skip dask,...] [--out bench/scale.json]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import run as bench_run  # noqa: E402  (bench/run.py: machine, probes, RSS sampler)
import scale_corpus  # noqa: E402

TARGETS = {"last_tenth_over_first_max": 1.3, "resolve_1m_s_max": 600,
           "resolve_peak_rss_mb_max": 2048, "dask_speedup_min": 1.7}
WORKERS = 2
RESOLVE_BATCH = 8192


def ingest_run(dump: Path, db: Path, n: int, settings_extra: dict[str, Any] | None = None
               ) -> dict[str, Any]:
    """One timed ingest of the dump; per-tenth timings from the stored batches."""
    import psutil

    from herald import pipeline
    from herald.settings import Settings

    marks: list[tuple[float, int, float]] = []  # (time, articles so far, tree RSS MB)
    done = 0

    writer_rss: list[float] = []

    def progress(count: int) -> None:
        nonlocal done
        done += count
        me = psutil.Process()
        rss = sum(p.memory_info().rss for p in [me, *me.children(recursive=True)])
        marks.append((time.perf_counter(), done, rss / 2**20))
        writer_rss.append(me.memory_info().rss / 2**20)

    settings = Settings(db=db, workers=WORKERS, **(settings_extra or {}))
    probe = bench_run.speed_probe_ms()
    load = os.getloadavg()[0]
    cpu0, children0 = bench_run.cpu_seconds(), bench_run.children_cpu_seconds()
    live0 = live_children_cpu()
    sampler = bench_run.TreeRssSampler()
    start = time.perf_counter()
    with sampler:
        report = pipeline.ingest([str(dump)], settings, on_progress=progress)
    wall = time.perf_counter() - start
    result = {
        "articles": n, "stored": report.stored, "failed": report.failed,
        "events": report.events, "wall_s": round(wall, 1),
        "articles_per_s": round(report.stored / wall, 1),
        "writer_cpu_s": round(bench_run.cpu_seconds() - cpu0, 1),
        # joined pool workers, plus live ones (a Dask cluster outlives the ingest)
        "workers_cpu_s": round(bench_run.children_cpu_seconds() - children0
                               + live_children_cpu() - live0, 1),
        "peak_tree_rss_mb": round(sampler.peak_mb, 1),
        "speed_probe_ms_before": probe, "load_avg_1m_before": round(load, 2),
        "load_avg_1m_after": round(os.getloadavg()[0], 2),
        "store_mb": round(db.stat().st_size / 1e6, 1),
    }
    result.update(tenths(marks, start, n))
    if writer_rss:  # the ingesting process alone (DuckDB's buffers, the writer's state)
        step = max(1, len(writer_rss) // 10)
        result["writer_rss_mb_per_tenth"] = [round(r) for r in writer_rss[step - 1 :: step]]
    return result


def live_children_cpu() -> float:
    """CPU seconds of this process's running descendants (a Dask cluster's workers)."""
    import psutil

    total = 0.0
    for child in psutil.Process().children(recursive=True):
        try:
            times = child.cpu_times()
            total += times.user + times.system
        except psutil.Error:
            continue
    return total


def tenths(marks: list[tuple[float, int, float]], start: float, n: int) -> dict[str, Any]:
    """Seconds per tenth of the articles, read off the curve of stored batches (linear
    between two batches: a batch of 2,048 can hold a tenth's boundary). The first tenth
    is counted from the first stored batch: start-up (workers, models, the first
    batch's analysis) is reported apart."""
    if len(marks) < 2:
        return {"startup_s": round(marks[0][0] - start, 1) if marks else None}
    first_time, first_done = marks[0][0], marks[0][1]

    def time_at(count: float) -> float:
        if count <= first_done:
            return first_time
        for (t0, n0, _), (t1, n1, _) in zip(marks, marks[1:], strict=False):
            if n0 <= count <= n1:
                return t0 + (t1 - t0) * (count - n0) / max(n1 - n0, 1)
        return marks[-1][0]

    bounds = [max(first_done, k * n / 10) for k in range(11)]
    seconds = [time_at(b) - time_at(a) for a, b in zip(bounds, bounds[1:], strict=False)]
    per_article = [1000 * sec / max(b - a, 1) for sec, a, b in zip(seconds, bounds, bounds[1:],
                                                                    strict=False)]
    rss = [round(next((m[2] for m in marks if m[1] >= k * n / 10), marks[-1][2]))
           for k in range(1, 11)]
    return {
        "startup_s": round(first_time - start, 1),
        "articles_in_startup_batch": first_done,
        "seconds_per_tenth": [round(x, 1) for x in seconds],
        "ms_per_article_per_tenth": [round(x, 2) for x in per_article],
        "last_tenth_over_first": round(per_article[-1] / per_article[0], 2)
        if per_article[0] else None,
        "tree_rss_mb_per_tenth": rss,
    }


def warm_caches(work: Path) -> float:
    """Build the derived caches (gazetteer index...) untimed, in a subprocess."""
    dump = work / "warm.jsonl.gz"
    scale_corpus.write_corpus(8, dump)
    herald = Path(sys.executable).with_name("herald")
    start = time.perf_counter()
    subprocess.run([str(herald), "ingest", str(dump), "--db", str(work / "warm.duckdb"),
                    "--workers", "1"], check=True, capture_output=True)
    return round(time.perf_counter() - start, 1)


def section_ingest(sizes: list[int], work: Path) -> dict[str, Any]:
    results = {}
    for n in sizes:
        dump = work / f"corpus-{n}.jsonl.gz"
        corpus = scale_corpus.write_corpus(n, dump)
        print(f"ingest {n}: corpus {corpus}", file=sys.stderr, flush=True)
        results[str(n)] = {"corpus": corpus, **ingest_run(dump, work / f"ingest-{n}.duckdb", n)}
        print(json.dumps(results[str(n)]), file=sys.stderr, flush=True)
    return results


def section_resolve(n: int, work: Path, max_seconds: float) -> dict[str, Any]:
    command = [sys.executable, str(ROOT / "bench" / "scale_resolve.py"), "--n", str(n),
               "--batch", str(RESOLVE_BATCH), "--dir", str(work),
               "--max-seconds", str(max_seconds)]
    probe, load = bench_run.speed_probe_ms(), os.getloadavg()[0]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    result = json.loads(output.strip().splitlines()[-1])
    return {**result, "speed_probe_ms_before": probe, "load_avg_1m_before": round(load, 2)}


def section_dask(n: int, work: Path) -> dict[str, Any]:
    """Same corpus, warm workers: LocalCluster of 1, then of 2 worker processes."""
    from distributed import Client, LocalCluster

    from herald.dask_plugin import WarmUp

    dump = work / f"dask-{n}.jsonl.gz"
    scale_corpus.write_corpus(n, dump)
    runs = {}
    for workers in (1, 2):
        start = time.perf_counter()
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=None, silence_logs=logging.ERROR) as cluster, \
                Client(cluster) as client:
            client.register_plugin(WarmUp(), name=WarmUp.name)
            startup = time.perf_counter() - start
            run = ingest_run(dump, work / f"dask-{workers}.duckdb", n,
                             {"engine": "dask", "scheduler": cluster.scheduler_address})
        runs[str(workers)] = {"cluster_and_models_startup_s": round(startup, 1), **run}
        print(json.dumps(runs[str(workers)]), file=sys.stderr, flush=True)
    one, two = runs["1"]["wall_s"], runs["2"]["wall_s"]
    return {"articles": n, "runs": runs, "speedup_2_over_1": round(one / two, 2)}


def section_parquet(n: int, work: Path) -> dict[str, Any]:
    import io

    import pandas

    from herald import formats
    from herald.store import Store
    from herald.store.exports import write_parquet

    sys.path.insert(0, str(ROOT / "tests"))
    from test_exports import synthetic_events

    db, out = work / "parquet.duckdb", work / "events.parquet"
    events = synthetic_events(n)
    with Store(db) as store, store.transaction():
        store.replace_events([], events)
    del events
    begin = time.perf_counter()
    with Store(db, read_only=True) as store:
        written = write_parquet((formats.acled_row(e) for e in store.iter_events()),
                                formats.parquet_columns(), out)
    seconds = time.perf_counter() - begin
    frame = pandas.read_parquet(out)
    with Store(db, read_only=True) as store:
        header = next(formats.stream_events_csv(store.iter_events())).split("\n", 1)[0]
    csv_columns = list(pandas.read_csv(io.StringIO(header + "\n")).columns)
    return {"events": n, "written": written, "export_s": round(seconds, 1),
            "file_mb": round(out.stat().st_size / 1e6, 1), "pandas_rows": len(frame),
            "columns_equal_csv": list(frame.columns) == csv_columns,
            "dtypes": {k: str(v) for k, v in frame.dtypes.items()
                       if k in formats.PARQUET_NUMBERS}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--resolve-n", type=int, default=1_000_000)
    parser.add_argument("--resolve-max-s", type=float, default=1800,
                        help="stop the resolution run after this long (3x the target)")
    parser.add_argument("--dask-n", type=int, default=2000)
    parser.add_argument("--parquet-n", type=int, default=100_000)
    parser.add_argument("--skip", default="", help="comma-separated sections to skip")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "scale.json")
    parser.add_argument("--dir", type=Path, default=None, help="where corpora and stores go")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    record: dict[str, Any] = {"what": __doc__.splitlines()[0], "machine": bench_run.machine(),
                              "git": bench_run.git_state(), "targets": TARGETS}
    if args.out.exists():  # a section run alone keeps the others' last figures
        previous = json.loads(args.out.read_text(encoding="utf-8"))
        record.update({k: v for k, v in previous.items() if k in ("ingest", "resolve", "dask",
                                                                    "parquet")})
    with tempfile.TemporaryDirectory(dir=args.dir, prefix="herald-scale-") as folder:
        work = Path(folder)
        record["cache_warmup_s"] = warm_caches(work)
        sections = {"ingest": lambda: section_ingest(args.sizes, work),
                    "resolve": lambda: section_resolve(args.resolve_n, work,
                                                       args.resolve_max_s),
                    "dask": lambda: section_dask(args.dask_n, work),
                    "parquet": lambda: section_parquet(args.parquet_n, work)}
        for name, section in sections.items():
            if name in skip:
                continue
            started = time.perf_counter()
            record[name] = section()
            record[name]["section_s"] = round(time.perf_counter() - started, 1)
            args.out.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(record, indent=2))


if __name__ == "__main__":
    main()
