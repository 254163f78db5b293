"""Herald's throughput benchmark: ingest >= 1,000 articles in one process and report.

The corpus is built by repeating the dev gold sets (``../shared/eval/<set>/articles``)
under new ids into a temporary folder (or ``--corpus-dir``, e.g. the git-ignored
``bench/corpus/``): third-party text is never written into the repository.

Measured on a fresh DuckDB store, ``--repeat`` times (default 3; the headline is the
median run, every run is listed: this shared machine's speed varies by a third from one
minute to the next):

- wall seconds of ``herald.pipeline.ingest`` and articles per second (with and without
  the start-up: the workers load models, gazetteer and rule tables before their first
  batch). Derived caches (gazetteer index, compiled patterns, model copies, built once
  per machine) are made before timing by an untimed ingest of a few articles;
- peak resident memory (``ru_maxrss``) and the final RSS;
- seconds per stage (read, segment, annotate, extract, framing, resolve, store), taken
  by wrapping the stage functions of ``herald.pipeline`` and ``herald.analysis`` with timers;
- with ``--profile``: cProfile's top functions by cumulative time over a second,
  smaller ingest (``--profile-n``), written to ``bench/profile.txt``, so the profiler's
  overhead never distorts the timed run;
- ``bench/resolve_bench.py --n 100000`` in a subprocess, when that script exists, its
  JSON merged under ``"resolve"``.

Usage: ``.venv/bin/python bench/run.py --n 1000 --out bench/results.json``
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext, suppress
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = ROOT.parent / "shared" / "eval"
DEFAULT_OUT = ROOT / "bench" / "results.json"
PROFILE_TXT = ROOT / "bench" / "profile.txt"
RESOLVE_BENCH = ROOT / "bench" / "resolve_bench.py"
RESOLVE_N = 100_000
RESOLVE_TIMEOUT_S = 900
PROFILE_TOP = 15
# The targets this benchmark reports against (never asserts): see bench/README.md.
TARGET_ARTICLES_PER_S = 50.0
TARGET_PEAK_RSS_MB = 1500.0
TARGET_CORES = 2
REPEATS = 3
CACHE_WARMUP_ARTICLES = 8
STAGES = ("read", "segment", "annotate", "extract", "framing", "signature", "resolve", "store")


# --------------------------------------------------------------------------- corpus


def set_articles(name: str, eval_dir: Path) -> list[dict[str, Any]]:
    """The article records of one gold set, by name (under eval_dir) or by path."""
    folder = Path(name)
    if not folder.is_dir():
        folder = eval_dir / name
    if (folder / "articles").is_dir():
        folder = folder / "articles"
    files = sorted(folder.glob("*.json"))
    if not files:
        raise SystemExit(f"bench: no articles in {folder}")
    records = []
    for path in files:
        record = json.loads(path.read_text(encoding="utf-8"))
        records.append(record if isinstance(record, dict) else record[0])
    return records


def build_corpus(sources: list[dict[str, Any]], n: int, folder: Path) -> int:
    """Write n records, cycling through sources, each under a new id; one file each."""
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(n):
        record = dict(sources[index % len(sources)])
        round_no = index // len(sources)
        record["id"] = f"bench{round_no:03d}-{record.get('id') or index}"
        if record.get("url"):  # another page of the site: a fragment would be the same page
            scheme, _, rest = record["url"].partition("://")
            host, _, path = rest.partition("/")
            record["url"] = f"{scheme}://{host}/bench{round_no:03d}/{path}"
        (folder / f"{record['id']}.json").write_text(
            json.dumps(record, ensure_ascii=False), encoding="utf-8"
        )
    return n


# --------------------------------------------------------------------------- timing


class StageTimer:
    """Seconds and calls per stage, by wrapping the functions the pipeline looks up."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.missing: list[str] = []  # pipeline names that could not be wrapped

    def wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[name] += time.perf_counter() - start
                self.calls[name] += 1

        timed.__wrapped__ = function
        return timed

    def wrap_iterator(self, name: str, function: Callable[..., Iterator[Any]]) -> Callable:
        def timed(*args: Any, **kwargs: Any) -> Iterator[Any]:
            iterator = iter(function(*args, **kwargs))
            while True:
                start = time.perf_counter()
                try:
                    item = next(iterator)
                except StopIteration:
                    self.seconds[name] += time.perf_counter() - start
                    return
                self.seconds[name] += time.perf_counter() - start
                self.calls[name] += 1
                yield item

        return timed


@contextmanager
def instrumented(pipeline: Any, timer: StageTimer) -> Iterator[None]:
    """Patch the stage functions of herald.pipeline (and herald.analysis, which holds the
    per-article stages) with timers; restore them after.

    ``resolve`` is the resolver and copy detection (``_resolve_blocks``, ``find_copies``,
    ``text_signature``); ``store`` is the rest of ``store_batch`` (writes, block
    look-ups, the transaction) and is computed as the difference.
    """
    from herald import analysis

    targets = [(analysis, "ARTICLE_STAGES")] + [
        (pipeline, name)
        for name in ("read_inputs", "store_batch", "_resolve_blocks", "find_copies",
                     "text_signature")
    ]
    saved = {(module, name): getattr(module, name)
             for module, name in targets if hasattr(module, name)}
    timer.missing = [name for module, name in targets if (module, name) not in saved]
    wrappers: dict[str, Callable[[Any], Any]] = {
        "ARTICLE_STAGES": lambda stages: tuple(
            (name, timer.wrap(name, stage)) for name, stage in stages
        ),
        "read_inputs": lambda function: timer.wrap_iterator("read", function),
        "store_batch": lambda function: timer.wrap("store_and_resolve", function),
    }
    try:
        for (module, name), value in saved.items():
            wrap = wrappers.get(
                name, lambda function, name=name: timer.wrap(f"resolve:{name}", function)
            )
            setattr(module, name, wrap(value))
        yield
    finally:
        for (module, name), value in saved.items():
            setattr(module, name, value)


def stage_summary(timer: StageTimer, wall: float) -> dict[str, Any]:
    seconds = dict(timer.seconds)
    resolve = sum(v for k, v in seconds.items() if k.startswith("resolve:"))
    stages = {name: seconds.get(name, 0.0) for name in STAGES}
    stages["resolve"] = resolve
    stages["store"] = max(0.0, seconds.get("store_and_resolve", 0.0) - resolve)
    other = max(0.0, wall - sum(stages.values()))
    return {
        "seconds": {k: round(v, 3) for k, v in {**stages, "other": other}.items()},
        "share": {
            k: round(v / wall, 3) if wall else 0.0 for k, v in {**stages, "other": other}.items()
        },
        "resolve_parts": {
            k.split(":", 1)[1]: round(v, 3) for k, v in seconds.items() if k.startswith("resolve:")
        },
        "calls": dict(timer.calls),
        "not_instrumented": timer.missing,
    }


# --------------------------------------------------------------------------- runs


def peak_rss_mb() -> float:
    """Peak resident set of this process (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def children_cpu_seconds() -> float:
    """User + system CPU seconds of this process's finished, joined children (the workers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cpu_seconds() -> float:
    """User + system CPU seconds of this process, all its threads (DuckDB's included)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def current_rss_mb() -> float | None:
    try:
        import psutil
    except ImportError:
        return None
    return psutil.Process().memory_info().rss / (1024 * 1024)


def timed_ingest(corpus: Path, db: Path, workers: int = 1) -> dict[str, Any]:
    """One ingest. With one worker the stages are timed; with more, timers would only
    see the parent, so the run reports throughput and the memory of the process tree."""
    from herald import pipeline
    from herald.settings import Settings

    timer = StageTimer()
    seen: list[tuple[float, int]] = []  # (when a batch was stored, its article count)
    cpu_start = cpu_seconds()
    workers_cpu_start = children_cpu_seconds()
    sampler = TreeRssSampler()
    start = time.perf_counter()
    with sampler, instrumented(pipeline, timer) if workers == 1 else nullcontext():
        report = pipeline.ingest(
            [str(corpus)], Settings(db=db, workers=workers),
            on_progress=lambda n: seen.append((time.perf_counter(), n)),
        )
    wall = time.perf_counter() - start
    cpu = cpu_seconds() - cpu_start
    workers_cpu = children_cpu_seconds() - workers_cpu_start  # joined when ingest returns
    first = (seen[0][0] - start) if seen else wall
    # After the first batch is stored, workers and models are warm: articles of the later
    # batches over the time they took.
    later = sum(n for _, n in seen[1:])
    span = seen[-1][0] - seen[0][0] if len(seen) > 1 else 0.0
    steady = later / span if span > 0 else 0.0
    return {
        "read": report.read,
        "stored": report.stored,
        "failed": report.failed,
        "failures": [str(error) for error in report.failures[:5]],
        "events": report.events,
        "wall_s": round(wall, 3),
        "articles_per_s": round(report.stored / wall, 2) if wall else 0.0,
        "cpu_s": round(cpu, 3),
        "workers_cpu_s": round(workers_cpu, 3),
        "cpu_s_per_1000_articles": round(1000 * (cpu + workers_cpu) / max(report.stored, 1), 2),
        "articles_per_cpu_s": round(report.stored / cpu, 2) if cpu else 0.0,
        "first_batch_s": round(first, 3),
        "articles_per_s_after_first_batch": round(steady, 2),
        "workers": workers,
        "peak_tree_rss_mb": round(sampler.peak_mb, 1),
        "stages": stage_summary(timer, wall) if workers == 1 else None,
    }


class TreeRssSampler:
    """Peak resident memory of this process and its workers together, sampled every 0.2 s
    (ru_maxrss sees one process only)."""

    INTERVAL_S = 0.2

    def __init__(self) -> None:
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        me = psutil.Process()
        while not self._stop.wait(self.INTERVAL_S):
            total = 0
            for process in [me, *me.children(recursive=True)]:
                with suppress(psutil.Error):
                    total += process.memory_info().rss
            self.peak_mb = max(self.peak_mb, total / (1024 * 1024))

    def __enter__(self) -> TreeRssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


RUN_SUMMARY = ("wall_s", "articles_per_s", "first_batch_s", "articles_per_s_after_first_batch",
               "cpu_s", "workers_cpu_s", "cpu_s_per_1000_articles", "peak_tree_rss_mb",
               "speed_probe_ms")
# A fixed pure-Python loop timed before each run: on this shared VM the same loop has
# taken 575 and 829 ms seconds apart, so a run's rate is read next to the machine's speed.
SPEED_PROBE_ITERATIONS = 2_000_000


def speed_probe_ms() -> float:
    """Milliseconds for a fixed loop: higher means a slower machine at that moment."""
    start = time.perf_counter()
    total = 0
    for i in range(SPEED_PROBE_ITERATIONS):
        total += i * i % 7
    return round((time.perf_counter() - start) * 1000, 1)


def probed_ingest(corpus: Path, db: Path, workers: int) -> dict[str, Any]:
    probe = speed_probe_ms()
    return {**timed_ingest(corpus, db, workers), "speed_probe_ms": probe}


def build_derived_caches(corpus: Path, work: Path) -> float:
    """An untimed ``herald ingest`` of a few articles in a subprocess: a machine's first
    run builds the gazetteer index and the other derived caches (~20 s, once), which the
    timed runs must not include, and the models must not load in this measuring process."""
    sample = work / "cache-warmup"
    sample.mkdir()
    for path in sorted(corpus.glob("*.json"))[:CACHE_WARMUP_ARTICLES]:
        (sample / path.name).write_bytes(path.read_bytes())
    herald = Path(sys.executable).with_name("herald")
    start = time.perf_counter()
    subprocess.run([str(herald), "ingest", str(sample), "--db", str(work / "warmup.duckdb")],
                   check=True, capture_output=True, cwd=ROOT)
    return round(time.perf_counter() - start, 2)


def profiled_ingest(corpus: Path, db: Path, top: int) -> dict[str, Any]:
    from herald import pipeline
    from herald.settings import Settings

    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    report = pipeline.ingest([str(corpus)], Settings(db=db))
    profiler.disable()
    wall = time.perf_counter() - start
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream).strip_dirs().sort_stats("cumulative")
    stats.print_stats(top)
    rows = []
    for func, (_cc, ncalls, tottime, cumtime, _callers) in sorted(
        stats.stats.items(), key=lambda item: item[1][3], reverse=True
    )[:top]:
        filename, line, name = func
        rows.append(
            {
                "function": f"{filename}:{line}({name})",
                "ncalls": ncalls,
                "tottime_s": round(tottime, 3),
                "cumtime_s": round(cumtime, 3),
            }
        )
    return {
        "articles": report.stored,
        "wall_s_under_profiler": round(wall, 3),
        "top": rows,
        "text": stream.getvalue(),
    }


NER_BASELINE = ROOT / "bench" / "ner_baseline.py"
# Issue 9's bound: Herald's ingest wall time over a bare spaCy NER pass on the same pages.
TARGET_NER_RATIO = 1.5


def run_ner_baseline(corpus: Path, processes: int) -> dict[str, Any]:
    """bench/ner_baseline.py over the same corpus, in a fresh process; its JSON."""
    command = [sys.executable, str(NER_BASELINE), "--corpus", str(corpus),
               "--processes", str(processes)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        return {"error": f"exit {done.returncode}", "stderr": done.stderr[-2000:]}
    return _last_json(done.stdout) or {"error": "no JSON", "stdout": done.stdout[-2000:]}


def run_resolve_bench(n: int) -> dict[str, Any]:
    """bench/resolve_bench.py --n N in a subprocess; its JSON (a file or stdout)."""
    if not RESOLVE_BENCH.is_file():
        return {"skipped": "bench/resolve_bench.py does not exist"}
    command = [sys.executable, str(RESOLVE_BENCH), "--n", str(n)]
    with tempfile.TemporaryDirectory(prefix="herald-resolve-bench-") as tmp:
        out = Path(tmp) / "resolve.json"
        try:
            helptext = subprocess.run(
                [*command[:2], "--help"], capture_output=True, text=True, timeout=60, cwd=ROOT
            ).stdout
        except (OSError, subprocess.TimeoutExpired):
            helptext = ""
        if "--out" in helptext:
            command += ["--out", str(out)]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=RESOLVE_TIMEOUT_S, cwd=ROOT
            )
        except subprocess.TimeoutExpired:
            return {"error": f"timed out after {RESOLVE_TIMEOUT_S} s", "command": command}
        if done.returncode != 0:
            return {"error": f"exit {done.returncode}", "stderr": done.stderr[-2000:]}
        if out.is_file():
            return json.loads(out.read_text(encoding="utf-8"))
        return _last_json(done.stdout) or {
            "error": "no JSON in its output",
            "stdout": done.stdout[-2000:],
        }


def _last_json(text: str) -> dict[str, Any] | None:
    """The whole output as JSON, else the last line that parses as a JSON object."""
    for candidate in [text, *reversed(text.strip().splitlines())]:
        try:
            value = json.loads(candidate)
        except ValueError:
            continue
        if isinstance(value, dict):
            return value
    return None


# --------------------------------------------------------------------------- report


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "cores": os.cpu_count(),
        "cores_available": len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "load_avg_1m_at_start": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
    }
    try:
        import psutil

        info["memory_gb"] = round(psutil.virtual_memory().total / 1024**3, 1)
    except ImportError:
        pass
    return info


def git_state() -> dict[str, Any]:
    def git(*args: str) -> str:
        try:
            return subprocess.run(
                ["git", *args], capture_output=True, text=True, cwd=ROOT, timeout=30
            ).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            return ""

    return {
        "commit": git("rev-parse", "HEAD") or None,
        "src_dirty": bool(git("status", "--porcelain", "--", "src")),
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="articles to ingest (default 1000)")
    parser.add_argument(
        "--set",
        default="realnews-dev",
        help="dev set(s) to repeat, comma-separated names under --eval-dir or "
        "folders (default realnews-dev; e.g. realnews-dev,acled-notes-dev)",
    )
    parser.add_argument(
        "--eval-dir",
        type=Path,
        default=EVAL_DIR,
        help=f"where the gold sets live (default {EVAL_DIR})",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON results file")
    parser.add_argument(
        "--repeat", type=int, default=REPEATS,
        help=f"timed runs; the median is reported (default {REPEATS})",
    )
    parser.add_argument(
        "--workers", type=int, default=TARGET_CORES,
        help=f"analysing processes for the timed run (default {TARGET_CORES})",
    )
    parser.add_argument(
        "--corpus-dir",
        type=Path,
        default=None,
        help="write the corpus here (e.g. bench/corpus, git-ignored) instead of a temporary folder",
    )
    parser.add_argument(
        "--profile",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also run a cProfile'd ingest and write bench/profile.txt",
    )
    parser.add_argument(
        "--profile-n", type=int, default=200, help="articles in the profiled ingest (default 200)"
    )
    parser.add_argument(
        "--resolve",
        action=argparse.BooleanOptionalAction,
        default=True,
        help=f"run bench/resolve_bench.py --n {RESOLVE_N} when it exists",
    )
    parser.add_argument("--resolve-n", type=int, default=RESOLVE_N, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.n < 1 or args.profile_n < 1 or args.repeat < 1:
        parser.error("--n, --profile-n and --repeat must be positive")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    names = [name.strip() for name in args.set.split(",") if name.strip()]
    sources = [record for name in names for record in set_articles(name, args.eval_dir)]
    results: dict[str, Any] = {
        "benchmark": "herald ingest",
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "git": git_state(),
        "machine": machine(),
        "corpus": {
            "sets": names,
            "distinct_articles": len(sources),
            "articles": args.n,
            "rounds": -(-args.n // len(sources)),
        },
        "targets": {
            "articles_per_s": TARGET_ARTICLES_PER_S,
            "wall_ratio_to_bare_ner": TARGET_NER_RATIO,
            "on_cores": TARGET_CORES,
            "peak_rss_mb": TARGET_PEAK_RSS_MB,
        },
    }
    with tempfile.TemporaryDirectory(prefix="herald-bench-") as tmp:
        work = Path(tmp)
        corpus = args.corpus_dir or work / "corpus"
        if args.corpus_dir and corpus.exists():
            for old in corpus.glob("*.json"):
                old.unlink()
        build_corpus(sources, args.n, corpus)
        print(f"bench: {args.n} articles from {', '.join(names)} in {corpus}", file=sys.stderr)

        results["cache_warmup_s"] = build_derived_caches(corpus, work)
        runs = [probed_ingest(corpus, work / f"bench-{i}.duckdb", args.workers)
                for i in range(args.repeat)]
        run = sorted(runs, key=lambda r: r["articles_per_s"])[len(runs) // 2]
        results["articles"] = run["stored"]
        results["wall_s"] = run["wall_s"]
        results["articles_per_s"] = run["articles_per_s"]
        results["articles_per_s_runs"] = [r["articles_per_s"] for r in runs]
        results["peak_rss_mb"] = round(
            max([peak_rss_mb(), *(r["peak_tree_rss_mb"] for r in runs)]), 1)
        rss_now = current_rss_mb()
        results["rss_after_mb"] = round(rss_now, 1) if rss_now is not None else None
        results["ingest"] = run
        results["runs"] = [{key: r[key] for key in RUN_SUMMARY} for r in runs]
        baselines = [run_ner_baseline(corpus, args.workers) for _ in range(args.repeat)]
        walls = sorted(b["wall_s"] for b in baselines if "wall_s" in b)
        baseline_wall = walls[len(walls) // 2] if walls else None
        results["ner_baseline"] = {"median_wall_s": baseline_wall,
                                   "wall_s_runs": walls, "run": baselines[0]}
        ratio = round(run["wall_s"] / baseline_wall, 3) if baseline_wall else None
        results["wall_ratio_to_bare_ner"] = ratio
        results["meets_targets"] = {
            "articles_per_s": run["articles_per_s"] >= TARGET_ARTICLES_PER_S,
            "peak_rss_mb": results["peak_rss_mb"] <= TARGET_PEAK_RSS_MB,
            "wall_ratio_to_bare_ner": ratio is not None and ratio <= TARGET_NER_RATIO,
        }
        print(
            f"bench: {run['stored']} articles in {run['wall_s']} s = "
            f"{run['articles_per_s']} articles/s (median of "
            f"{results['articles_per_s_runs']}), peak RSS {results['peak_rss_mb']} MB",
            file=sys.stderr,
        )

        if args.profile:
            sample = work / "profile-corpus"
            build_corpus(sources, min(args.profile_n, args.n), sample)
            staged = timed_ingest(sample, work / "stages.duckdb", workers=1)
            results["stages_single_process"] = staged
            profile = profiled_ingest(sample, work / "profile.duckdb", PROFILE_TOP)
            PROFILE_TXT.write_text(profile.pop("text"), encoding="utf-8")
            profile["file"] = str(PROFILE_TXT.relative_to(ROOT))
            results["profile"] = profile

    if args.resolve:
        print(f"bench: resolve benchmark, --n {args.resolve_n}", file=sys.stderr)
        results["resolve"] = run_resolve_bench(args.resolve_n)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"bench: wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
