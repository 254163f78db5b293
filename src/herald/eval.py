"""Scoring a run against a gold set, exactly as ../shared/eval/FORMAT.md defines it.

A system event matches the gold event whose article set overlaps its sources most
(Jaccard >= 0.5, one-to-one, best pairs first). Secondary gold events (side events of
multi-event articles) are neither rewarded nor penalised, and neither is an unmatched
event drawn only from distractors that report some other, real event. The figures are
those of the reference scorer (``../shared/eval/score.py``), which drives the contract
commands; ``error_report`` lists what a developer must look at to move them.
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
from herald.model import Claim, Event
from herald.settings import Settings

MIN_JACCARD = 0.5
LOCATION_KM = 25.0
CLAIM_TOLERANCE = 0.10
CLAIM_FIELDS = ("crowd_size", "arrests", "injuries", "fatalities")
FIELD_NAMES = ("type", "sub_type", "date", "country", "location")
# How gold sets write vague figures ("dozens", "several hundred"), as value intervals.
VAGUE_FIGURES = {
    "several": (2, 9), "some": (2, 20), "a few": (2, 9), "dozens": (24, 99),
    "a few dozen": (24, 99), "hundreds": (100, 999), "several hundred": (200, 999),
    "thousands": (1000, 9999), "several thousand": (2000, 9999),
    "tens of thousands": (10000, 99999), "huge crowds": (1000, 10**7),
}
NUMBER_WORDS = {"a dozen": "12", "two dozen": "24", "three dozen": "36"}
HEDGES = re.compile(r"^(about|around|some|approximately|nearly|roughly|at least|more than|"
                    r"over|up to|fewer than|less than)\s+")


@dataclass
class Scores:
    set: str
    gold_events: int = 0
    system_events: int = 0
    matched: int = 0
    neutral: int = 0
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
            "neutral": self.neutral,
            "event_precision": round(self.precision, 4), "event_recall": round(self.recall, 4),
            "event_f1": round(self.event_f1, 4), "bcubed_f1": round(self.bcubed_f1, 4),
            **{key: round(value, 4) for key, value in self.fields.items()},
            "claims_gold": self.claims_gold, "claims_found": self.claims_found,
        }


def read_gold_file(gold_dir: Path) -> dict[str, Any]:
    """A gold set's gold.json, refused with one line when the folder is no gold set."""
    path = gold_dir / "gold.json"
    if not path.is_file() or not (gold_dir / "articles").is_dir():
        raise GoldError("a gold set needs gold.json and articles/", str(gold_dir))
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise GoldError(f"malformed gold.json: {error.msg}", str(path)) from None
    if not isinstance(gold, dict):
        raise GoldError("gold.json is not an object", str(path))
    return gold


def load_gold(gold_dir: Path) -> dict[str, Any]:
    gold = read_gold_file(gold_dir)
    if not isinstance(gold.get("events"), list):
        raise GoldError("gold.json has no 'events' list", str(gold_dir / "gold.json"))
    return gold


def system_events(gold_dir: Path) -> list[Event]:
    """Ingest a gold set's articles into a throw-away store; its events."""
    from herald.pipeline import ingest
    from herald.store import Store

    with tempfile.TemporaryDirectory(prefix="herald-eval-") as tmp:
        settings = Settings(db=Path(tmp) / "eval.duckdb")
        ingest([str(gold_dir / "articles")], settings)
        with Store(settings.db, read_only=True) as store:
            return store.events()


def run_gold_set(gold_dir: Path) -> Scores:
    """Ingest a gold set's articles into a throw-away store and score the events."""
    gold = load_gold(gold_dir)
    return score(gold, system_events(gold_dir), name=gold.get("set") or gold_dir.name)


@dataclass
class Judged:
    """A gold set and a run, matched: what both the scores and the error report read."""

    gold: dict[str, Any]
    events: list[Event]
    pairs: dict[int, int]  # gold index -> system index
    primary: set[int]  # gold indices of primary events
    neutral: set[int]  # system indices neither rewarded nor penalised

    @classmethod
    def of(cls, gold: dict[str, Any], events: list[Event]) -> Judged:
        gold_events = gold["events"]
        pairs = match_events(gold_events, events)
        primary = {i for i, g in enumerate(gold_events) if not g.get("secondary")}
        neutral = {j for i, j in pairs.items() if i not in primary}
        elsewhere = {d["article"] for d in gold.get("distractors", []) if d.get("other_event")}
        matched = set(pairs.values())
        for j, event in enumerate(events):
            articles = _articles(event)
            if j not in matched and articles and articles <= elsewhere:
                neutral.add(j)
        return cls(gold, events, pairs, primary, neutral)

    def primary_pairs(self) -> list[tuple[dict[str, Any], Event]]:
        gold_events = self.gold["events"]
        return [(gold_events[i], self.events[j]) for i, j in sorted(self.pairs.items())
                if i in self.primary]


def score(gold: dict[str, Any], events: list[Event], name: str = "") -> Scores:
    judged = Judged.of(gold, events)
    matched = judged.primary_pairs()
    counted = len(events) - len(judged.neutral)
    scores = Scores(set=name, gold_events=len(judged.primary), system_events=len(events),
                    matched=len(matched), neutral=len(judged.neutral))
    scores.precision = _ratio(len(matched), counted)
    scores.recall = _ratio(len(matched), len(judged.primary))
    scores.event_f1 = _f1(scores.precision, scores.recall)
    scored_events = [e for j, e in enumerate(events)
                     if not (j in judged.pairs.values() and j in judged.neutral)]
    primary_gold = [gold["events"][i] for i in sorted(judged.primary)]
    scores.bcubed_f1 = bcubed_f1(primary_gold, scored_events)
    only = gold.get("score_fields")
    accuracy = field_accuracy(matched)
    scores.fields = {key: value for key, value in accuracy.items() if only is None or key in only}
    if only is None:
        scores.claims_gold, scores.claims_found = claim_recall(matched)
        scores.fields["claims_recall"] = _ratio(scores.claims_found, scores.claims_gold)
    return scores


def match_events(gold_events: list[dict[str, Any]], events: list[Event]) -> dict[int, int]:
    """Gold index -> system index: best Jaccard pairs first, one-to-one."""
    candidates = []
    for i, gold in enumerate(gold_events):
        gold_articles = set(gold.get("articles", []))
        for j, event in enumerate(events):
            overlap = _jaccard(gold_articles, _articles(event))
            if overlap >= MIN_JACCARD:
                candidates.append((-overlap, -i, -j))
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _, minus_i, minus_j in sorted(candidates):
        i, j = -minus_i, -minus_j
        if i not in pairs and j not in used:
            pairs[i] = j
            used.add(j)
    return pairs


def bcubed_f1(gold_events: list[dict[str, Any]], events: list[Event]) -> float:
    """Extended B-cubed (Amigó et al. 2009) over gold articles: an article may be in
    several events, and an article in no system event is its own singleton."""
    gold_of: dict[str, set[int]] = {}
    for k, gold in enumerate(gold_events):
        for article in gold.get("articles", []):
            gold_of.setdefault(article, set()).add(k)
    system_of: dict[str, set[int]] = {}
    for k, event in enumerate(events):
        for article in _articles(event):
            if article in gold_of:
                system_of.setdefault(article, set()).add(k)
    articles = list(gold_of)
    if not articles:
        return 0.0
    precision = recall = 0.0
    for a in articles:
        precisions, recalls = [], []
        for b in articles:
            shared_system = len(system_of.get(a, set()) & system_of.get(b, set()))
            shared_gold = len(gold_of[a] & gold_of[b])
            if shared_system:
                precisions.append(min(shared_system, shared_gold) / shared_system)
            if shared_gold:
                recalls.append(min(shared_system, shared_gold) / shared_gold)
        precision += sum(precisions) / len(precisions) if precisions else 1.0
        recall += sum(recalls) / len(recalls) if recalls else 0.0
    return _f1(precision / len(articles), recall / len(articles))


def field_accuracy(matched: list[tuple[dict[str, Any], Event]]) -> dict[str, float]:
    totals = dict.fromkeys(FIELD_NAMES, 0)
    for gold, event in matched:
        for name, ok in field_checks(gold, event).items():
            totals[name] += ok
    return {key: _ratio(value, len(matched)) for key, value in totals.items()}


def field_checks(gold: dict[str, Any], event: Event) -> dict[str, bool]:
    """Whether each scored field of a matched event agrees with its gold event."""
    return {
        "type": _type_ok(gold, event, with_sub_type=False),
        "sub_type": _type_ok(gold, event, with_sub_type=True),
        "date": _date_ok(gold, event),
        "country": (gold.get("country") or "").upper() == (event.location.country or "").upper(),
        "location": location_ok(gold, event),
    }


def _type_ok(gold: dict[str, Any], event: Event, with_sub_type: bool) -> bool:
    for coding in [gold, *gold.get("accept", [])]:
        if coding.get("event_type") != event.event_type:
            continue
        if not with_sub_type or _plain(coding.get("sub_event_type")) == _plain(
                event.sub_event_type):
            return True
    return False


def _date_ok(gold: dict[str, Any], event: Event) -> bool:
    if gold.get("date") is None:
        return event.date.value is None or event.date.precision == "unknown"
    return bool(event.date.value == gold["date"])


def location_ok(gold: dict[str, Any], event: Event) -> bool:
    """The same place name once normalised (or the first word of the gold's), or within
    25 km of the gold's own coordinates."""
    gold_name = _plain(gold.get("location"))
    name = _plain(event.location.name)
    if name and (name == gold_name or name in gold_name.split() or gold_name.startswith(name)):
        return True
    lat, lon = event.location.lat, event.location.lon
    if gold.get("lat") is None or gold.get("lon") is None or lat is None or lon is None:
        return False
    return haversine_km(float(gold["lat"]), float(gold["lon"]), lat, lon) <= LOCATION_KM


def claim_recall(matched: list[tuple[dict[str, Any], Event]]) -> tuple[int, int]:
    """Gold claims and how many the event has: same field, a value inside the gold's
    interval (±10 % of a number, or the range a vague figure stands for)."""
    total = found = 0
    for gold, event in matched:
        for field_name in CLAIM_FIELDS:
            for claim in gold.get(field_name, []):
                total += 1
                interval = figure_interval(claim.get("value"))
                found += any(_claim_hits(c, field_name, interval) for c in event.claims)
    return total, found


def figure_interval(value: Any) -> tuple[float, float] | None:
    """A gold figure as an inclusive interval: 14, '80-100', '<=20000', 'hundreds'."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value * (1 - CLAIM_TOLERANCE) - 0.5, value * (1 + CLAIM_TOLERANCE) + 0.5
    text = str(value).strip().lower()
    bare = NUMBER_WORDS.get(HEDGES.sub("", text), HEDGES.sub("", text))
    if re.fullmatch(r"\d[\d,]*", bare):
        return figure_interval(int(bare.replace(",", "")))
    span = re.fullmatch(r"(\d[\d,]*)\s*-\s*(\d[\d,]*)", text)
    if span:
        return int(span.group(1).replace(",", "")), int(span.group(2).replace(",", ""))
    bound = re.fullmatch(r"(<=?|>=?)\s*(\d[\d,]*)", text)
    if bound:
        number = int(bound.group(2).replace(",", ""))
        return (0, number) if bound.group(1).startswith("<") else (number, 10**9)
    for word, interval in sorted(VAGUE_FIGURES.items(), key=lambda kv: -len(kv[0])):
        if text.startswith(word):
            return interval
    return None


def _claim_hits(claim: Claim, field_name: str, interval: tuple[float, float] | None) -> bool:
    if claim.field != field_name or interval is None:
        return False
    low, high = interval
    values = [v for v in (claim.value, claim.low, claim.high) if v is not None]
    if any(low <= v <= high for v in values):
        return True
    qualified = figure_interval(claim.qualifier) if claim.qualifier else None
    return bool(qualified and qualified[0] <= high and low <= qualified[1])


# ------------------------------------------------------------------------ error report


def error_report(gold: dict[str, Any], events: list[Event]) -> list[str]:
    """What a developer needs to see to move the figures, one line per finding.

    Every primary gold event that was split or missed (and where its articles went),
    every counted system event that matches nothing (and what its articles are in the
    gold), and every scored field that disagrees on a matched pair.
    """
    judged = Judged.of(gold, events)
    gold_events = gold["events"]
    gold_of = _gold_events_of(gold_events)
    lines: list[str] = []
    for i in sorted(judged.primary):
        lines.extend(_gold_event_findings(judged, i))
    matched = set(judged.pairs.values())
    for j, event in enumerate(events):
        if j in matched or j in judged.neutral:
            continue
        where = sorted({f"{a}→{'/'.join(gold_of.get(a, ['distractor']))}"
                        for a in _articles(event)})
        lines.append(f"SPURIOUS {_describe(event)} from {', '.join(where)}")
    return lines


def _gold_event_findings(judged: Judged, i: int) -> list[str]:
    gold = judged.gold["events"][i]
    label = (f"{gold.get('id', i)} [{gold.get('date')} {gold.get('location')} "
             f"{gold.get('country')} {gold.get('event_type')}/{gold.get('sub_event_type')}]")
    homes = {a: [j for j, e in enumerate(judged.events) if a in _articles(e)]
             for a in gold.get("articles", [])}
    where = "; ".join(
        f"{a}→" + ("none" if not js else ",".join(_short(judged.events[j]) for j in js))
        for a, js in homes.items())
    if i not in judged.pairs:
        return [f"MISSED {label}: {where}"]
    event = judged.events[judged.pairs[i]]
    findings = []
    if set(gold.get("articles", [])) != _articles(event):
        findings.append(f"PARTIAL {label} matched {_short(event)}: {where}")
    checks = field_checks(gold, event)
    for name, ok in checks.items():
        if ok or (name == "sub_type" and not checks["type"]):
            continue  # a wrong type is reported once, not again as a wrong sub-type
        findings.append(f"FIELD {name}: {label} got {_describe(event)}")
    return findings


def _gold_events_of(gold_events: list[dict[str, Any]]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for i, gold in enumerate(gold_events):
        for article in gold.get("articles", []):
            found.setdefault(article, []).append(str(gold.get("id", i)))
    return found


def _short(event: Event) -> str:
    return event.id[:8]


def _describe(event: Event) -> str:
    where = event.location
    return (f"{_short(event)} [{event.date.value or 'undated'} {where.name} {where.country} "
            f"{where.precision} {event.event_type}/{event.sub_event_type}]")


def _articles(event: Event) -> set[str]:
    return {source.article for source in event.sources}


def _plain(name: str | None) -> str:
    """Lowercase ASCII words, as the reference scorer compares names."""
    if not name:
        return ""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", ascii_name.lower()).strip()


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _ratio(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
