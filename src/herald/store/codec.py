"""Model records to JSON rows and back: the store keeps whole records as JSON.

Events keep their internal fields (``members``, ``trigger``, ``names``) so that resolution can
run again incrementally from what is stored.
"""

from __future__ import annotations

from typing import Any

from herald.model import (
    Actor,
    Article,
    Claim,
    Event,
    EventDate,
    Evidence,
    Label,
    Location,
    PageDate,
    Segment,
    Source,
)


def evidence_from_json(data: dict[str, Any] | None) -> Evidence | None:
    if not data:
        return None
    return Evidence(data["article"], data["start"], data["end"], data.get("text", ""))


def event_to_json(event: Event) -> dict[str, Any]:
    """The schema record plus what resolution needs to run again."""
    record = event.to_json()
    record["trigger"] = event.trigger.to_json() if event.trigger else None
    record["members"] = list(event.members)
    record["names"] = list(event.names)
    return record


def event_from_json(data: dict[str, Any]) -> Event:
    date = data.get("date") or {}
    location = data.get("location") or {}
    return Event(
        id=data["id"],
        event_type=data["event_type"],
        sub_event_type=data["sub_event_type"],
        date=EventDate(
            date.get("value"),
            date.get("precision", "unknown"),
            evidence_from_json(date.get("evidence")),
            date.get("month_day"),
        ),
        location=Location(
            name=location.get("name"),
            country=location.get("country"),
            admin1=location.get("admin1"),
            lat=location.get("lat"),
            lon=location.get("lon"),
            precision=location.get("precision", "unknown"),
            geonames_id=location.get("geonames_id"),
            evidence=evidence_from_json(location.get("evidence")),
            basis=location.get("basis"),
        ),
        actors=[_actor_from_json(actor) for actor in data.get("actors", [])],
        claims=[_claim_from_json(claim) for claim in data.get("claims", [])],
        sources=[Source(**source) for source in data.get("sources", [])],
        conflicts=list(data.get("conflicts", [])),
        summary=data.get("summary", ""),
        trigger=evidence_from_json(data.get("trigger")),
        members=list(data.get("members", [])),
        names=list(data.get("names", [])),
    )


def _actor_from_json(data: dict[str, Any]) -> Actor:
    return Actor(
        name=data["name"],
        role=data["role"],
        labels=[Label(**label) for label in data.get("labels", [])],
        evidence=evidence_from_json(data.get("evidence")),
    )


def _claim_from_json(data: dict[str, Any]) -> Claim:
    fields = {key: value for key, value in data.items() if key != "evidence"}
    return Claim(**fields, evidence=evidence_from_json(data.get("evidence")))


def article_from_row(row: dict[str, Any]) -> Article:
    return Article(
        id=row["id"],
        text=row["text"],
        url=row["url"],
        outlet=row["outlet"],
        published=row["published"],
        title=row["title"],
        language=row["language"],
        origin=row["origin"],
        segments=[Segment(**segment) for segment in row["segments"]],
        framing=row["framing"] or {},
        page_date=PageDate(**row["page_date"]) if row.get("page_date") else None,
        encoding=row.get("encoding"),
    )
