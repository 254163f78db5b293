"""Scoring as ../shared/eval/FORMAT.md defines it, and the error report, on small gold
sets written here (the reference scorer's figures on the dev sets are checked by the
eval gate, which reads the same functions)."""

from __future__ import annotations

from typing import Any

from herald.eval import error_report, figure_interval, score
from herald.model import Claim, Event, EventDate, Location, Source


def event(ident: str, articles: list[str], place: str = "Lille", day: str | None = "2024-03-02",
          event_type: str = "Protests", claims: list[Claim] | None = None) -> Event:
    return Event(
        id=ident, event_type=event_type, sub_event_type="Peaceful protest",
        date=EventDate(day, "day" if day else "unknown"),
        location=Location(name=place, country="FR", lat=50.63, lon=3.06, precision="city"),
        sources=[Source(article) for article in articles], claims=claims or [],
    )


def gold_event(ident: str, articles: list[str], **extra: Any) -> dict[str, Any]:
    return {"id": ident, "date": "2024-03-02", "country": "FR", "location": "Lille",
            "event_type": "Protests", "sub_event_type": "Peaceful protest",
            "articles": articles, **extra}


GOLD = {
    "events": [
        gold_event("g1", ["a1", "a2", "a3"],
                   crowd_size=[{"value": 130, "claimed_by": "organisers"},
                               {"value": "hundreds", "claimed_by": "police"}]),
        gold_event("g2", ["b1", "b2"], location="Arras"),
        gold_event("g3", ["b2"], secondary=True, location="Douai"),
    ],
    "distractors": [{"article": "d1", "other_event": {"location": "Metz"}}, {"article": "d2"}],
}


def test_a_split_event_costs_precision_and_clustering() -> None:
    events = [event("e1", ["a1", "a2"]), event("e2", ["a3"]), event("e3", ["b1", "b2"])]
    scores = score(GOLD, events)
    assert (scores.matched, scores.system_events) == (2, 3)
    assert scores.precision == 2 / 3 and scores.recall == 1.0
    assert 0.8 < scores.bcubed_f1 < 1.0


def test_events_from_other_event_distractors_and_secondary_events_are_neutral() -> None:
    events = [event("e1", ["a1", "a2", "a3"]), event("e2", ["b1", "b2"]),
              event("e3", ["d1"], place="Metz"), event("e4", ["b2"], place="Douai")]
    scores = score(GOLD, events)
    assert scores.neutral == 2 and scores.precision == 1.0 and scores.event_f1 == 1.0
    spurious = score(GOLD, [*events, event("e5", ["d2"])])
    assert spurious.precision == 2 / 3


def test_claims_match_vague_gold_figures_by_interval() -> None:
    claims = [Claim("crowd_size", 125, "organisers", "a1"),
              Claim("crowd_size", None, "police", "a2", qualifier="several hundred")]
    scores = score(GOLD, [event("e1", ["a1", "a2", "a3"], claims=claims)])
    assert (scores.claims_found, scores.claims_gold) == (2, 2)
    assert figure_interval("dozens") == (24, 99)
    assert figure_interval("80-100") == (80, 100)


def test_location_counts_a_name_or_a_point_near_the_gold_one() -> None:
    near = GOLD | {"events": [gold_event("g1", ["a1"], location="Lille (Nord)",
                                         lat=50.63, lon=3.07)]}
    assert score(near, [event("e1", ["a1"], place="Lomme")]).fields["location"] == 1.0
    far = GOLD | {"events": [gold_event("g1", ["a1"], location="Arras")]}
    assert score(far, [event("e1", ["a1"])]).fields["location"] == 0.0


def test_error_report_names_each_failure_class() -> None:
    events = [event("e1", ["a1", "a2"]), event("e2", ["a3"], day=None),
              event("e3", ["d2"], place="Nancy")]
    lines = error_report(GOLD, events)
    kinds = [line.split()[0] for line in lines]
    assert kinds.count("MISSED") == 1 and "g2" in next(x for x in lines if x.startswith("MISSED"))
    partial = next(line for line in lines if line.startswith("PARTIAL"))
    assert "a3→e2" in partial
    assert any(line.startswith("SPURIOUS e3") and "d2→distractor" in line for line in lines)
    assert any(line.startswith("SPURIOUS e2") and "a3→g1" in line for line in lines)
