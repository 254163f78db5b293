"""How the extract stage codes each article's events, against a gold set (a developer's harness).

Per article, with no resolution: the ACLED codings of the article's candidate events are
compared with the codings of the gold events that list the article (``accept`` included).
That judges type coding on its own, whatever resolution makes of the candidates, and it
works on sets where few events match yet (realnews-world-dev).

Printed: per-set counts (articles whose main candidate, the first one, has a gold event's
type / sub-type; gold codings found among any candidate), a confusion table of gold
sub-type -> main candidate's sub-type, and with ``-v`` every article whose main coding is
wrong. ``--cache DIR`` keeps the segmented and annotated articles (pickled) so that a rerun
after editing trigger tables only re-runs extraction.

Usage: .venv/bin/python scripts/type_confusion.py ../shared/eval/acled-notes-dev [-v]
       [--cache /tmp/x] [--dump codings.json]  (each article's codings, to diff two runs)
"""

from __future__ import annotations

import argparse
import json
import pickle
from collections import Counter
from pathlib import Path
from typing import Any

from herald.annotate import annotate_articles
from herald.extract import extract_events
from herald.ingest import read_inputs
from herald.model import Article
from herald.segment import segment_article
from herald.settings import Settings

NONE = ("-", "(none)")


def annotated_articles(gold_dir: Path, cache: Path | None) -> list[Article]:
    """The set's articles through segment and annotate, from ``cache`` when it has them."""
    pickled = cache / f"{gold_dir.name}.pickle" if cache else None
    if pickled and pickled.is_file():
        loaded: list[Article] = pickle.loads(pickled.read_bytes())
        return loaded
    read = [a for a in read_inputs([str(gold_dir / "articles")], Settings())
            if isinstance(a, Article)]
    articles = list(annotate_articles([segment_article(a) for a in read]))
    if pickled:
        pickled.parent.mkdir(parents=True, exist_ok=True)
        pickled.write_bytes(pickle.dumps(articles))
    return articles


def gold_codings(gold: dict[str, Any]) -> dict[str, list[list[tuple[str, str]]]]:
    """Article id -> for each gold event listing it, its acceptable (type, sub-type) pairs."""
    found: dict[str, list[list[tuple[str, str]]]] = {}
    for event in gold["events"]:
        codings = [(c["event_type"], c["sub_event_type"])
                   for c in [event, *event.get("accept", [])]]
        for article in event.get("articles", []):
            found.setdefault(article, []).append(codings)
    return found


def judge(articles: list[Article], gold: dict[str, Any], verbose: bool) -> dict[str, Any]:
    by_article = gold_codings(gold)
    codings: dict[str, list[str]] = {}
    counts: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    for article in articles:
        events = by_article.get(article.id)
        if not events:
            continue
        extract_events(article)
        system = [(e.event_type, e.sub_event_type) for e in article.events]
        codings[article.id] = [sub for _, sub in system]
        main = system[0] if system else NONE
        acceptable = [c for event in events for c in event]
        counts["articles"] += 1
        counts["main_type"] += any(main[0] == c[0] for c in acceptable)
        counts["main_sub_type"] += main in acceptable
        counts["gold_events"] += len(events)
        counts["gold_found_anywhere"] += sum(any(c in system for c in ev) for ev in events)
        counts["candidates"] += len(system)
        counts["candidates_in_gold"] += sum(c in acceptable for c in system)
        confusion[(events[0][0][1], main[1])] += 1
        if verbose and main not in acceptable:
            text = " ".join(article.text.split())[:240]
            print(f"{article.id}: gold {events[0][0][1]} | got {[s for _, s in system]}\n  {text}")
    return {"counts": counts, "confusion": confusion, "codings": codings}


def print_report(name: str, result: dict[str, Any]) -> None:
    counts = result["counts"]
    n = counts["articles"] or 1
    print(f"== {name}: {counts['articles']} articles with gold events")
    print(f"main candidate: type {counts['main_type'] / n:.3f}, "
          f"sub-type {counts['main_sub_type'] / n:.3f}")
    print(f"gold events whose coding some candidate has: "
          f"{counts['gold_found_anywhere']}/{counts['gold_events']}; candidates with a gold "
          f"article coding: {counts['candidates_in_gold']}/{counts['candidates']}")
    print("confusions (gold sub-type -> main candidate's), wrong ones only:")
    for (gold_sub, got), count in result["confusion"].most_common():
        if gold_sub != got:
            print(f"  {count:3d}  {gold_sub} -> {got}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold_dirs", nargs="+", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--dump", type=Path, help="write each article's codings as JSON")
    args = parser.parse_args()
    dumped = {}
    for gold_dir in args.gold_dirs:
        gold = json.loads((gold_dir / "gold.json").read_text(encoding="utf-8"))
        articles = annotated_articles(gold_dir, args.cache)
        result = judge(articles, gold, args.verbose)
        print_report(gold_dir.name, result)
        dumped[gold_dir.name] = result["codings"]
    if args.dump:
        args.dump.write_text(json.dumps(dumped, indent=1, sort_keys=True), encoding="utf-8")


if __name__ == "__main__":
    main()
