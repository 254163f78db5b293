"""CPU milliseconds per article of each per-article stage, warm, in one process.

A quick instrument for optimising one stage at a time: reads a dev set, runs every
stage once to load models, then times each stage over ``--rounds`` copies of the set
with ``time.process_time`` (CPU, so a busy machine disturbs it less than wall time).

    .venv/bin/python bench/stage_cpu.py [--set realnews-dev] [--rounds 6]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from herald.analysis import ARTICLE_STAGES
from herald.ingest import read_inputs
from herald.settings import Settings

EVAL_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", default="realnews-dev")
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()
    paths = [str(p) for p in sorted((EVAL_DIR / args.set / "articles").glob("*.json"))]
    settings = Settings(db=":memory:")
    warm = list(read_inputs(paths, settings))
    for _, stage in ARTICLE_STAGES:
        warm = stage(warm)
    started = time.process_time()
    articles = [a for _ in range(args.rounds) for a in read_inputs(paths, settings)]
    timings = {"read": time.process_time() - started}
    for name, stage in ARTICLE_STAGES:
        started = time.process_time()
        articles = stage(articles)
        timings[name] = time.process_time() - started
    per_article = {k: round(1000 * v / len(articles), 2) for k, v in timings.items()}
    per_article["total"] = round(sum(per_article.values()), 2)
    report = {"set": args.set, "articles": len(articles), "cpu_ms_per_article": per_article}
    print(json.dumps(report))


if __name__ == "__main__":
    main()
