"""One canonical event from its merged candidates: each field from its best evidence.

Votes count independent sources: a syndicated copy is the same report as its
original, so a Story gets one vote however many sites reposted it.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Hashable
from dataclasses import replace
from typing import TypeVar

from rapidfuzz import fuzz

from herald.model import Actor, Claim, Event, EventDate, Location, Source
from herald.resolve.compare import ACTOR_MATCH
from herald.resolve.features import PLACE_RANK, PRECISION_RANK, normalise
from herald.resolve.rules import type_rules

K = TypeVar("K", bound=Hashable)


def event_id(founding_candidate: str) -> str:
    """A new event is named after its founding (smallest) candidate id."""
    return "ev-" + hashlib.sha1(founding_candidate.encode("utf-8")).hexdigest()[:16]


class Reports:
    """The candidates of one cluster, with who counts as an independent source."""

    def __init__(self, candidates: list[Event], story_of: dict[str, str]) -> None:
        self.candidates = sorted(candidates, key=lambda event: event.id)
        self.story_of = story_of

    def article(self, event: Event) -> str:
        return event.sources[0].article if event.sources else event.id

    def voice(self, event: Event) -> str:
        """The independent source: the original of a copied article."""
        article = self.article(event)
        return self.story_of.get(article, article)

    def date_voters(self) -> list[Event]:
        """One candidate per independent source votes for the date: its most precise.

        A story's articles carry one report; a repost's date is the original's read
        against other metadata (a later or a missing publication date), so it adds
        nothing and may mislead, unless it is all the story has (the undated page
        came first and the original, dated, later): ties go to the original.
        """
        best: dict[str, Event] = {}
        for event in self.candidates:
            voice = self.voice(event)
            if voice not in best or self._date_rank(event) < self._date_rank(best[voice]):
                best[voice] = event
        return list(best.values())

    def _date_rank(self, event: Event) -> tuple[int, bool, str]:
        precision = PRECISION_RANK.get(event.date.precision, 4)
        return precision, self.voice(event) != self.article(event), event.id

    def outlet(self, event: Event) -> str:
        source = event.sources[0] if event.sources else None
        return (source.outlet or source.article) if source else event.id

    def votes(self, key: Callable[[Event], K | None]) -> dict[K, list[Event]]:
        """Candidates grouped by a value, in first-seen order of the value."""
        groups: dict[K, list[Event]] = defaultdict(list)
        for event in self.candidates:
            value = key(event)
            if value is not None:
                groups[value].append(event)
        return groups

    def support(self, events: list[Event]) -> int:
        return len({self.voice(event) for event in events})

    def outlets(self, events: list[Event]) -> str:
        return ", ".join(dict.fromkeys(self.outlet(event) for event in events))


def _disagreement(label: str, reports: Reports, groups: dict[K, list[Event]]) -> list[str]:
    """'label: A (outlet, outlet) vs B (outlet)', best supported first."""
    if len(groups) < 2:
        return []
    ranked = sorted(groups.items(), key=lambda item: (-reports.support(item[1]), str(item[0])))
    parts = [f"{_show(value)} ({reports.outlets(events)})" for value, events in ranked]
    return [f"{label}: " + " vs ".join(parts)]


def _show(value: Hashable) -> str:
    return "/".join(value) if isinstance(value, tuple) else str(value)


def choose_date(reports: Reports) -> tuple[EventDate, list[str]]:
    """The most precise date; among equally precise ones the most independent sources."""
    voters = reports.date_voters()
    voter_ids = {e.id for e in voters}
    best = min(PRECISION_RANK.get(e.date.precision, 4) for e in voters)
    if best == PRECISION_RANK["unknown"]:
        return EventDate(), []
    groups = reports.votes(
        lambda e: (
            e.date.value
            if e.id in voter_ids and PRECISION_RANK.get(e.date.precision, 4) == best
            else None
        )
    )
    value = max(groups, key=lambda v: (reports.support(groups[v]), _read(groups[v]),
                                       _written(groups[v]), str(v)))
    chosen = groups[value][0]
    date = EventDate(chosen.date.value, chosen.date.precision, chosen.date.evidence)
    return date, _disagreement("date", reports, groups)


def _read(events: list[Event]) -> int:
    """How many of these dates were read from words of the text ("del viernes"), not
    taken from the page's own day for want of any: on a tie, a reading outranks it."""
    return sum(1 for e in events if e.date.evidence is not None)


def _written(events: list[Event]) -> int:
    """How many of these dates were written out with digits rather than 'yesterday'."""
    return sum(
        1 for e in events if e.date.evidence and any(c.isdigit() for c in e.date.evidence.text)
    )


def choose_location(reports: Reports) -> tuple[Location, list[str]]:
    """The most specific place; among equally specific ones the most sources."""
    best = min(PLACE_RANK.get(e.location.precision, 4) for e in reports.candidates)
    groups = reports.votes(
        lambda e: (
            _place_name(e.location) if PLACE_RANK.get(e.location.precision, 4) == best else None
        )
    )
    if not groups:
        return Location(), []
    name = max(groups, key=lambda n: (reports.support(groups[n]), -len(str(n)), str(n)))
    chosen = groups[name][0].location
    location = replace(chosen)
    conflicts = _disagreement("location", reports, groups) if best <= PLACE_RANK["city"] else []
    return location, conflicts


def _place_name(location: Location) -> str | None:
    """What reports vote on: the place, else its id, else at least the country."""
    if location.name:
        return location.name
    return str(location.geonames_id) if location.geonames_id else location.country


def choose_type(reports: Reports) -> tuple[tuple[str, str], list[str]]:
    """The coding most sources give; on a tie, the coding of the sources that date the
    event, then the more severe sub-event type.

    A report that gives the event's day tells it as news; an undated one may tell it
    in passing, under a headline about something else ("cell behind IED attacks on
    cops", on the raid that caught the cell), so its coding is the weaker vote.
    """
    severity = type_rules().severity
    groups = reports.votes(lambda e: (e.event_type, e.sub_event_type))
    coding = max(
        groups, key=lambda c: (reports.support(groups[c]), reports.support(_dated(groups[c])),
                               -severity.get(c[1], len(severity)), c)
    )
    return coding, _disagreement("event_type", reports, groups)


def _dated(events: list[Event]) -> list[Event]:
    return [event for event in events if event.date.precision == "day"]


def _figure(claim: Claim) -> str:
    if claim.value is not None:
        return str(claim.value)
    low = "?" if claim.low is None else claim.low
    high = "?" if claim.high is None else claim.high
    return f"{low}-{high}"


def claim_conflicts(reports: Reports) -> list[str]:
    """'crowd_size: 80 per police (outlet) vs 130 per organisers (outlet)', per field.

    Copies repeat their original's figures, so only independent reports speak. When
    the figures grow with publication date, the note says so: counts that rose as
    the day went on are not a contradiction between outlets.
    """
    per_field: dict[str, dict[str, list[tuple[Claim, Event]]]] = defaultdict(dict)
    for event in reports.candidates:
        if reports.voice(event) != reports.article(event):
            continue
        for claim in event.claims:
            per_field[claim.field].setdefault(_figure(claim), []).append((claim, event))
    conflicts = []
    for field_name in sorted(per_field):
        figures = per_field[field_name]
        if len(figures) < 2:
            continue
        ordered = sorted(figures.items(), key=lambda item: _sort_key(item[1][0][0]))
        parts = [f"{figure} per {_claimants(reports, entries)}" for figure, entries in ordered]
        conflicts.append(f"{field_name}: " + " vs ".join(parts) + _rising(ordered))
    return conflicts


def _sort_key(claim: Claim) -> tuple[int, int]:
    value = claim.value if claim.value is not None else (claim.low or claim.high or 0)
    return value, claim.high or value


def _claimants(reports: Reports, entries: list[tuple[Claim, Event]]) -> str:
    named = dict.fromkeys(
        f"{claim.claimed_by or 'unattributed'} ({reports.outlet(event)})"
        for claim, event in entries
    )
    return ", ".join(named)


def _rising(ordered: list[tuple[str, list[tuple[Claim, Event]]]]) -> str:
    """A note when later-published reports give higher figures."""
    published = [
        min((e.sources[0].published or "" for _, e in entries if e.sources), default="")
        for _, entries in ordered
    ]
    if all(published) and len(set(published)) > 1 and published == sorted(published):
        return " (figures rose in later reports)"
    return ""


def merge_actors(reports: Reports) -> list[Actor]:
    """Union of actors; one name across reports is one actor with every report's labels."""
    merged: dict[str, Actor] = {}
    for event in reports.candidates:
        for actor in event.actors:
            key = _actor_key(normalise(actor.name), merged)
            if key not in merged:
                merged[key] = Actor(actor.name, actor.role, [], actor.evidence)
            labels = merged[key].labels
            labels.extend(label for label in actor.labels if label not in labels)
    return list(merged.values())


def _actor_key(name: str, merged: dict[str, Actor]) -> str:
    for key in merged:
        if fuzz.token_set_ratio(name, key) >= ACTOR_MATCH:
            return key
    return name


def merge_sources(reports: Reports) -> list[Source]:
    """Every reporting article once; a copy names the original it copies."""
    sources: dict[str, Source] = {}
    for event in reports.candidates:
        for source in event.sources:
            original = reports.story_of.get(source.article, source.article)
            copy_of = original if original != source.article else source.copy_of
            sources.setdefault(source.article, replace(source, copy_of=copy_of))
    return sorted(sources.values(), key=lambda s: (s.published or "", s.article))


def representative(reports: Reports) -> Event:
    """The most complete report: the summary and trigger come from it."""
    return min(
        reports.candidates,
        key=lambda e: (
            PRECISION_RANK.get(e.date.precision, 4),
            PLACE_RANK.get(e.location.precision, 4),
            reports.voice(e) != reports.article(e),
            -len(e.claims),
            e.id,
        ),
    )


def build_event(event_id_: str, candidates: list[Event], story_of: dict[str, str]) -> Event:
    """The canonical event of one cluster of candidates."""
    reports = Reports(candidates, story_of)
    date, date_conflicts = choose_date(reports)
    location, place_conflicts = choose_location(reports)
    (event_type, sub_event_type), type_conflicts = choose_type(reports)
    best = representative(reports)
    claims = [claim for event in reports.candidates for claim in event.claims]
    return Event(
        id=event_id_,
        event_type=event_type,
        sub_event_type=sub_event_type,
        date=date,
        location=location,
        actors=merge_actors(reports),
        claims=claims,
        sources=merge_sources(reports),
        conflicts=date_conflicts + place_conflicts + type_conflicts + claim_conflicts(reports),
        summary=best.summary,
        trigger=best.trigger,
        members=[event.id for event in reports.candidates],
    )
