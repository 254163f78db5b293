"""API latency of `herald serve` on a synthetic store of 100,000 events.

The store is built untimed through the store's own writers (`write_articles`,
`replace_events`, so `event_facets` is filled as an ingest fills it), then `herald serve`
runs in its own process and this one asks, one request at a time: filtered, paged event
lists (JSON and the HTML page) and single event pages (HTML and the side-by-side JSON).
Writes p50/p95/max per kind to --out. The target: p95 <= 100 ms for a filtered paged list
and for one event page.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import psutil

from herald.model import (
    Actor,
    Article,
    Claim,
    Event,
    EventDate,
    Evidence,
    Label,
    Location,
    Segment,
    Source,
)
from herald.store import Store

PLACES = [  # name, admin1, country, lat, lon
    ("Lyon", "Auvergne-Rhône-Alpes", "FR", 45.75, 4.85), ("Lille", "Hauts-de-France", "FR",
    50.63, 3.06), ("Paris", "Île-de-France", "FR", 48.85, 2.35), ("Kassel", "Hesse", "DE",
    51.31, 9.49), ("Berlin", "Berlin", "DE", 52.52, 13.40), ("Leeds", "England", "GB", 53.80,
    -1.55), ("Glasgow", "Scotland", "GB", 55.86, -4.25), ("Córdoba", "Andalusia", "ES", 37.88,
    -4.77), ("Madrid", "Madrid", "ES", 40.42, -3.70), ("Milan", "Lombardy", "IT", 45.46, 9.19),
    ("Athens", "Attica", "GR", 37.98, 23.73), ("Warsaw", "Masovia", "PL", 52.23, 21.01),
    ("Lagos", "Lagos", "NG", 6.52, 3.38), ("Nairobi", "Nairobi", "KE", -1.29, 36.82),
    ("Santiago", "Santiago Metropolitan", "CL", -33.45, -70.67), ("Lima", "Lima", "PE",
    -12.05, -77.04), ("Dhaka", "Dhaka", "BD", 23.81, 90.41), ("Manila", "Metro Manila", "PH",
    14.60, 120.98),
]
TYPES = [("Protests", "Peaceful protest"), ("Protests", "Protest with intervention"),
         ("Riots", "Violent demonstration"), ("Riots", "Mob violence"),
         ("Violence against civilians", "Attack"), ("Strategic developments", "Arrests")]
ACTORS = ["Teachers' union", "Farmers' federation", "Police Forces", "Students' collective",
          "Nurses' union", "Residents' association", "Climate activists", "Taxi drivers"]
WORDS = ["protesters", "rioters", "demonstrators", "activists", "thugs", "crowd", "marchers"]
OUTLETS = [f"Outlet {i:03d}" for i in range(200)]
N_EVENTS = 100_000
WRITE_BATCH = 5_000


def synthetic(n_events: int, seed: int = 7) -> tuple[list[Article], list[Event]]:
    """Events with 1-3 sources each, an article per source, claims with evidence."""
    rng = random.Random(seed)
    articles: list[Article] = []
    events: list[Event] = []
    for number in range(n_events):
        name, admin1, country, lat, lon = rng.choice(PLACES)
        kind, sub = rng.choice(TYPES)
        day = f"{rng.randint(2020, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        sources, claims = [], []
        actor = Actor(rng.choice(ACTORS), "participant")
        for k in range(rng.randint(1, 3)):
            article = _article(rng, f"a{number:06d}-{k}", name, day)
            articles.append(article)
            sources.append(Source(article.id, article.outlet, article.url, article.published))
            claims.append(Claim("crowd_size", rng.randint(50, 5000), rng.choice(
                ["police", "organisers", "outlet"]), article.id,
                evidence=Evidence(article.id, 0, 14, article.text[:14])))
            actor.labels.append(Label(article.id, rng.choice(WORDS)))
        events.append(Event(
            id=f"ev-{number:016x}", event_type=kind, sub_event_type=sub,
            date=EventDate(day, "day"),
            location=Location(name, country, admin1, lat + rng.uniform(-.2, .2),
                              lon + rng.uniform(-.2, .2), rng.choice(["city", "city", "region"])),
            actors=[actor, Actor("Police Forces", "security_forces")], claims=claims,
            sources=sources, summary=f"{sub} in {name}", members=[f"c{number}"]))
    return articles, events


def _article(rng: random.Random, article_id: str, place: str, day: str) -> Article:
    text = (f"Around {rng.randint(50, 5000)} people marched in {place} on {day}, police said. "
            + " ".join(rng.choice(WORDS) for _ in range(120)))
    return Article(id=article_id, text=text, url=f"https://news.example.org/{article_id}",
                   outlet=rng.choice(OUTLETS), published=day, title=f"March in {place}",
                   language="en", segments=[Segment("body", 0, len(text))],
                   framing={"labels": [], "flags": [], "comments": {"count": 0, "flagged": 0}})


def build(db: Path, n_events: int) -> float:
    started = time.perf_counter()
    articles, events = synthetic(n_events)
    by_article = {a.id: a for a in articles}
    with Store(db) as store:
        for start in range(0, len(events), WRITE_BATCH):
            batch = events[start : start + WRITE_BATCH]
            ids = [s.article for e in batch for s in e.sources]
            with store.transaction():
                store.write_articles([(by_article[i], "", []) for i in ids])
                store.replace_events([], batch)
    return time.perf_counter() - started


def requests(rng: random.Random, event_ids: list[str]) -> dict[str, list[str]]:
    """The URLs asked, per kind: filters drawn at random, pages 1-5."""
    def filtered() -> str:
        name, admin1, country, *_ = rng.choice(PLACES)
        kind, sub = rng.choice(TYPES)
        year = rng.randint(2020, 2025)
        choices = [f"country={country}", f"type={kind}", f"admin1={admin1}",
                   f"since={year}-01-01&until={year}-06-30", f"q={name.lower()}",
                   f"actor={rng.choice(ACTORS).split()[0].lower()}",
                   f"outlet={rng.choice(OUTLETS)}", f"sub_type={sub}"]
        query = "&".join(rng.sample(choices, rng.randint(1, 3)))
        sort = rng.choice(["-date", "date", "place", "-sources", "type"])
        return f"{query}&sort={sort}&page={rng.randint(1, 5)}"

    ids = rng.sample(event_ids, 300)
    return {
        "event list (JSON, filtered, paged)": [f"/api/events?{filtered()}" for _ in range(300)],
        "event list (HTML page, filtered, paged)": [f"/?{filtered()}" for _ in range(300)],
        "event page (HTML)": [f"/events/{i}" for i in ids],
        "event sources side by side (JSON)": [f"/api/events/{i}/sources" for i in ids[::-1]],
    }


def measure(base: str, urls: list[str], server: psutil.Process) -> dict[str, float]:
    """Wall-clock latency per request, and the server's CPU time per request (mean): on a
    shared machine the first grows with the load, the second much less."""
    timings = []
    with httpx.Client(base_url=base, timeout=30) as http:
        for url in urls[:20]:  # warm-up, untimed
            http.get(url)
        cpu_before = sum(server.cpu_times()[:2])
        for url in urls:
            started = time.perf_counter()
            response = http.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            response.raise_for_status()
        cpu_ms = (sum(server.cpu_times()[:2]) - cpu_before) * 1000 / len(urls)
    timings.sort()
    return {"requests": len(timings), "p50_ms": round(statistics.median(timings), 1),
            "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 1),
            "max_ms": round(timings[-1], 1), "server_cpu_ms_mean": round(cpu_ms, 1)}


def serve(db: Path, port: int) -> subprocess.Popen[bytes]:
    herald = Path(sys.executable).parent / "herald"
    process = subprocess.Popen([str(herald), "serve", "--db", str(db), "--port", str(port)])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/events?per_page=1", timeout=2)
            return process
        except httpx.HTTPError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit("herald serve did not start")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="bench/api_results.json")
    parser.add_argument("--events", type=int, default=N_EVENTS)
    parser.add_argument("--port", type=int, default=8799)
    parser.add_argument("--db", type=Path, help="keep the synthetic store here (reused if "
                        "it exists) instead of a temporary folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="herald-api-bench-") as folder:
        db = args.db or Path(folder) / "synthetic.duckdb"
        build_s = 0.0 if db.exists() else build(db, args.events)
        with Store(db, read_only=True) as store:
            event_ids = [row[0] for row in store.db.execute("SELECT id FROM events").fetchall()]
            n_articles = store.db.execute("SELECT count(*) FROM articles").fetchone()
        server = serve(db, args.port)
        load_before = os.getloadavg()
        try:
            results = {kind: measure(f"http://127.0.0.1:{args.port}", urls,
                                     psutil.Process(server.pid))
                       for kind, urls in requests(random.Random(11), event_ids).items()}
        finally:
            server.terminate()
            server.wait()
        load_after = os.getloadavg()
        report: dict[str, Any] = {
            "store": {"events": len(event_ids), "articles": n_articles[0] if n_articles else 0,
                      "bytes": db.stat().st_size, "build_s_untimed": round(build_s, 1)},
            "latency": results,
            "target_p95_ms": 100,
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
                       f"{platform.python_version()}; client and server share it",
            "load_average_1min": {"before": round(load_before[0], 2),
                                  "after": round(load_after[0], 2)},
            "when": time.strftime("%Y-%m-%d %H:%M"),
        }
    Path(args.out).write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
