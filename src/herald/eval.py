"""Scoring a run against a gold set, exactly as ../shared/eval/FORMAT.md defines it.

A system event matches the gold event whose article set overlaps its sources most
(Jaccard >= 0.5, one-to-one, best pairs first). Secondary gold events (side events of
multi-event articles) are neither rewarded nor penalised.
"""

from __future__ import annotations

import json
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from herald.errors import GoldError
from herald.geo import haversine_km
from herald.model import Event
from herald.settings import Settings

MIN_JACCARD = 0.5
LOCATION_KM = 25.0
CLAIM_TOLERANCE = 0.10
CLAIM_FIELDS = ("crowd_size", "arrests", "injuries", "fatalities")


@dataclass
class Scores:
    set: str
    gold_events: int = 0
    system_events: int = 0
    matched: int = 0
    precision: float = 0.0
    recall: float = 0.0
    event_f1: float = 0.0
    bcubed_f1: float = 0.0
    fields: dict[str, float] = field(default_factory=dict)
    claims_gold: int = 0
    claims_found: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "set": self.set, "gold_events": self.gold_events,
            "system_events": self.system_events, "matched": self.matched,
            "event_precision": round(self.precision, 4), "event_recall": round(self.recall, 4),
            "event_f1": round(self.event_f1, 4), "bcubed_f1": round(self.bcubed_f1, 4),
            **{key: round(value, 4) for key, value in self.fields.items()},
            "claims_gold": self.claims_gold, "claims_found": self.claims_found,
        }


def load_gold(gold_dir: Path) -> dict[str, Any]:
    path = gold_dir / "gold.json"
    if not path.is_file() or not (gold_dir / "articles").is_dir():
        raise GoldError("a gold set needs gold.json and articles/", str(gold_dir))
    try:
        gold: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise GoldError(f"malformed gold.json: {error.msg}", str(path)) from None
    if not isinstance(gold.get("events"), list):
        raise GoldError("gold.json has no 'events' list", str(path))
    return gold


def run_gold_set(gold_dir: Path) -> Scores:
    """Ingest a gold set's articles into a throw-away store and score the events."""
    from herald.pipeline import ingest
    from herald.store import Store

    gold = load_gold(gold_dir)
    with tempfile.TemporaryDirectory(prefix="herald-eval-") as tmp:
        settings = Settings(db=Path(tmp) / "eval.duckdb")
        ingest([str(gold_dir / "articles")], settings)
        with Store(settings.db, read_only=True) as store:
            events = store.events()
    return score(gold, events, name=gold.get("set") or gold_dir.name)


def score(gold: dict[str, Any], events: list[Event], name: str = "") -> Scores:
    gold_events = gold["events"]
    pairs = match_events(gold_events, events)
    secondary = {i for i, g in enumerate(gold_events) if g.get("secondary")}
    counted_system = [j for j in range(len(events))
                      if not (j in pairs.values() and _gold_of(pairs, j) in secondary)]
    primary_pairs = {i: j for i, j in pairs.items() if i not in secondary}
    scores = Scores(set=name, gold_events=len(gold_events) - len(secondary),
                    system_events=len(counted_system), matched=len(primary_pairs))
    scores.precision = _ratio(len(primary_pairs), len(counted_system))
    scores.recall = _ratio(len(primary_pairs), scores.gold_events)
    scores.event_f1 = _f1(scores.precision, scores.recall)
    scores.bcubed_f1 = bcubed_f1(gold_events, events)
    matched = [(gold_events[i], events[j]) for i, j in primary_pairs.items()]
    scores.fields = field_accuracy(matched)
    scores.claims_gold, scores.claims_found = claim_recall(matched)
    scores.fields["claims_recall"] = _ratio(scores.claims_found, scores.claims_gold)
    return scores


def match_events(gold_events: list[dict[str, Any]], events: list[Event]) -> dict[int, int]:
    """Gold index -> system index: best Jaccard pairs first, one-to-one."""
    candidates = []
    for i, gold in enumerate(gold_events):
        gold_articles = set(gold.get("articles", []))
        for j, event in enumerate(events):
            sources = {source.article for source in event.sources}
            overlap = _jaccard(gold_articles, sources)
            if overlap >= MIN_JACCARD:
                candidates.append((-overlap, i, j))
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in sorted(candidates):
        if i not in pairs and j not in used:
            pairs[i] = j
            used.add(j)
    return pairs


def bcubed_f1(gold_events: list[dict[str, Any]], events: list[Event]) -> float:
    """B-cubed over the articles of primary gold events.

    An article's gold cluster is its primary event's articles; its system cluster is
    every article that shares a system event with it (itself alone if none does).
    """
    gold_cluster: dict[str, set[str]] = {}
    for gold in gold_events:
        if not gold.get("secondary"):
            for article in gold.get("articles", []):
                gold_cluster.setdefault(article, set()).update(gold["articles"])
    system_cluster: dict[str, set[str]] = {}
    for event in events:
        sources = {source.article for source in event.sources}
        for article in sources:
            system_cluster.setdefault(article, set()).update(sources)
    if not gold_cluster:
        return 0.0
    precision = recall = 0.0
    for article, cluster in gold_cluster.items():
        system = system_cluster.get(article, {article}) & set(gold_cluster) | {article}
        common = len(cluster & system)
        precision += common / len(system)
        recall += common / len(cluster)
    count = len(gold_cluster)
    return _f1(precision / count, recall / count)


def field_accuracy(matched: list[tuple[dict[str, Any], Event]]) -> dict[str, float]:
    totals = {"type": 0, "sub_type": 0, "date": 0, "country": 0, "location": 0}
    for gold, event in matched:
        totals["type"] += _type_ok(gold, event, with_sub_type=False)
        totals["sub_type"] += _type_ok(gold, event, with_sub_type=True)
        totals["date"] += _date_ok(gold, event)
        totals["country"] += (gold.get("country") or None) == event.location.country
        totals["location"] += location_ok(gold, event)
    return {key: _ratio(value, len(matched)) for key, value in totals.items()}


def _type_ok(gold: dict[str, Any], event: Event, with_sub_type: bool) -> bool:
    codings = [gold, *gold.get("accept", [])]
    for coding in codings:
        if coding.get("event_type") != event.event_type:
            continue
        if not with_sub_type or coding.get("sub_event_type") == event.sub_event_type:
            return True
    return False


def _date_ok(gold: dict[str, Any], event: Event) -> bool:
    if gold.get("date") is None:
        return event.date.precision == "unknown"
    return bool(event.date.value == gold["date"])


def location_ok(gold: dict[str, Any], event: Event) -> bool:
    """Same place name after normalisation, or within 25 km."""
    name = gold.get("location")
    if name and event.location.name and _norm(name) == _norm(event.location.name):
        return True
    gold_point = _gold_point(gold)
    if gold_point is None or event.location.lat is None or event.location.lon is None:
        return False
    distance = haversine_km(*gold_point, event.location.lat, event.location.lon)
    return distance <= LOCATION_KM


def _gold_point(gold: dict[str, Any]) -> tuple[float, float] | None:
    if gold.get("lat") is not None and gold.get("lon") is not None:
        return float(gold["lat"]), float(gold["lon"])
    if not gold.get("location"):
        return None
    from herald.annotate.gazetteer import lookup

    name = re.sub(r"\s*\(.*\)", "", gold["location"])
    for place in lookup(name):
        if not gold.get("country") or place.country == gold["country"]:
            return place.lat, place.lon
    return None


def claim_recall(matched: list[tuple[dict[str, Any], Event]]) -> tuple[int, int]:
    """Gold claims with a numeric value, and how many the event has (same field, ±10 %)."""
    total = found = 0
    for gold, event in matched:
        for field_name in CLAIM_FIELDS:
            for claim in gold.get(field_name, []):
                value = claim.get("value")
                if not isinstance(value, int | float) or isinstance(value, bool):
                    continue
                total += 1
                found += any(
                    c.field == field_name and c.value is not None
                    and abs(c.value - value) <= CLAIM_TOLERANCE * value
                    and (not claim.get("article") or c.article == claim["article"])
                    for c in event.claims
                )
    return total, found


def _gold_of(pairs: dict[int, int], j: int) -> int:
    return next(i for i, jj in pairs.items() if jj == j)


def _norm(name: str) -> str:
    name = re.sub(r"\s*\(.*\)", "", name)
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if c.isalnum())


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _ratio(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
