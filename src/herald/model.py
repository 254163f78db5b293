"""Herald's data model: the records every stage reads and returns.

Offsets (``start``/``end``) always index ``Article.text`` as ingested: an annotation
is a view over the unchanged text, never a modified copy. That is what lets every
extracted value point back to its evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

SegmentKind = Literal["title", "body", "quote", "caption", "boilerplate", "comments"]
DatePrecision = Literal["day", "week", "month", "year", "unknown"]
PlacePrecision = Literal["place", "city", "region", "country", "unknown"]
PageDatePrecision = Literal["day", "month"]
# Where a page's own date was read, most trusted first (see herald.segment.page_date).
PageDateSource = Literal[
    "metadata", "date_tag", "published_line", "dateline", "url", "updated_line",
    "wire_dateline",
]
ClaimField = Literal["crowd_size", "arrests", "injuries", "fatalities"]
ActorRole = Literal[
    "organiser",
    "participant",
    "counter_protester",
    "target",
    "security_forces",
    "perpetrator",
    "victim",
    "other",
]


@dataclass(frozen=True)
class Evidence:
    """Where a value was read: the article, a character span and its text."""

    article: str
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        # Written out, as in every to_json here: dataclasses.asdict deep-copies field by
        # field and was ~1.3 ms per event when the store encodes thousands of them.
        return {"article": self.article, "start": self.start, "end": self.end,
                "text": self.text}


@dataclass(frozen=True)
class Segment:
    """A typed slice of the article text (body, comments, boilerplate...)."""

    kind: SegmentKind
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Sentence:
    """A sentence of a body or title segment, the unit extraction reads."""

    start: int
    end: int
    segment: SegmentKind = "body"


@dataclass(frozen=True)
class Mention:
    """Something the annotate stage found in the text.

    ``kind`` is one of: ``place``, ``org``, ``person``, ``date``, ``number``,
    ``country``. ``value`` holds the normalised reading where the annotator has one
    (a geonames id, an ISO date, an integer), ``label`` the annotator's tag.
    """

    kind: str
    start: int
    end: int
    text: str
    label: str = ""
    value: Any = None


@dataclass(frozen=True)
class Claim:
    """A countable fact as one party states it: two parties, two claims."""

    field: ClaimField
    value: int | None
    claimed_by: str
    article: str
    low: int | None = None
    high: int | None = None
    qualifier: str | None = None
    evidence: Evidence | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "value": self.value,
            "claimed_by": self.claimed_by,
            "article": self.article,
            "low": self.low,
            "high": self.high,
            "qualifier": self.qualifier,
            "evidence": self.evidence.to_json() if self.evidence else None,
        }


@dataclass(frozen=True)
class Label:
    """How one article named an actor."""

    article: str
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"article": self.article, "text": self.text}


@dataclass
class Actor:
    name: str
    role: ActorRole
    labels: list[Label] = field(default_factory=list)
    evidence: Evidence | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role": self.role,
            "labels": [label.to_json() for label in self.labels],
            "evidence": self.evidence.to_json() if self.evidence else None,
        }


@dataclass
class EventDate:
    value: str | None = None  # ISO YYYY-MM-DD
    precision: DatePrecision = "unknown"
    evidence: Evidence | None = None
    # A day the text writes without its year ("20 ноября") on a page with no date to
    # take one from: ISO 8601's yearless form "--MM-DD". The value stays null, but the
    # resolver can still match it to a dated report of that day, or tell it apart.
    month_day: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "value": self.value,
            "precision": self.precision,
            "evidence": self.evidence.to_json() if self.evidence else None,
        }
        if self.month_day:
            data["month_day"] = self.month_day
        return data


@dataclass(frozen=True)
class PageDate:
    """When the page says it was published, and where that was read, so a reader can
    check it: a span of the text (``start``/``end``), or the URL part in ``text``.

    ``value`` is ISO ``YYYY-MM-DD``; at month precision the first of the month.
    """

    value: str
    precision: PageDatePrecision
    source: PageDateSource
    text: str = ""
    start: int | None = None
    end: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "precision": self.precision, "source": self.source,
                "text": self.text, "start": self.start, "end": self.end}


@dataclass
class Location:
    name: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: PlacePrecision = "unknown"
    geonames_id: int | None = None
    evidence: Evidence | None = None
    # Where a place not read in the text came from: "outlet", the town a local outlet's
    # address names ("hamburg1.de", "mopo.de/hamburg/"), for a report that names none.
    basis: str | None = None

    def to_json(self) -> dict[str, Any]:
        found = {
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "precision": self.precision,
            "geonames_id": self.geonames_id,
            "evidence": self.evidence.to_json() if self.evidence else None,
        }
        if self.basis:
            found["basis"] = self.basis
        return found


@dataclass(frozen=True)
class Source:
    """An article that reports an event, as the event's ``sources`` lists it."""

    article: str
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    copy_of: str | None = None  # the article this one is a syndicated copy of

    def to_json(self) -> dict[str, Any]:
        data = {"article": self.article, "outlet": self.outlet, "url": self.url,
                "published": self.published}
        if self.copy_of is not None:
            data["copy_of"] = self.copy_of
        return data


@dataclass
class Event:
    """One event: a candidate read from one article, or a canonical merged event.

    Extraction makes one candidate per reported event per article (``sources`` of
    length one, ``id`` derived from the article and the trigger span). Resolution
    merges candidates into canonical events that keep every claim and source.
    """

    id: str
    event_type: str
    sub_event_type: str
    date: EventDate = field(default_factory=EventDate)
    location: Location = field(default_factory=Location)
    actors: list[Actor] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    summary: str = ""
    trigger: Evidence | None = None
    members: list[str] = field(default_factory=list)  # candidate ids merged here
    # People, organisations and places the report names in its headline, lead and own
    # sentences: what lets two reports of one event meet when a date or a place is
    # missing. Internal to resolution, like ``members``: not part of the schema record.
    names: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The record of ``event.schema.json``."""
        return {
            "id": self.id,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "date": self.date.to_json(),
            "location": self.location.to_json(),
            "actors": [actor.to_json() for actor in self.actors],
            "claims": [claim.to_json() for claim in self.claims],
            "conflicts": list(self.conflicts),
            "summary": self.summary,
            "sources": [source.to_json() for source in self.sources],
        }


@dataclass
class Article:
    """One ingested article and everything the stages learn about it."""

    id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # YYYY-MM-DD
    title: str | None = None
    language: str = "und"
    origin: str = ""  # the file (or stdin record) it was read from
    html: str | None = None  # raw HTML when the input was a page, for segmenters
    segments: list[Segment] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)  # candidates from extract
    framing: dict[str, Any] = field(default_factory=dict)
    # The page's own date and its evidence; ``published`` holds its day when it has one.
    page_date: PageDate | None = None
    # The town the outlet's address names (annotate, not stored): where a local report
    # that names no place of its own happened. ``text`` holds the part of the URL.
    outlet_town: Mention | None = None
    # The encoding its bytes were read in ("utf-8", "cp1252", "utf-16"...); None when
    # it arrived as text (a store, an API call).
    encoding: str | None = None
    # MinHash values of its body text (``resolve.copies``), read with the per-article
    # stages so that the single writer only compares them; None until then.
    signature: list[int] | None = None
    # Its LSH band keys (``resolve.band_keys``, hashed from ``signature``): 32 hashes an
    # article, which the single writer computed for every batch until they joined it.
    band_keys: list[int] | None = None

    def segment_text(self, kind: SegmentKind) -> list[tuple[int, str]]:
        """(offset, text) of every segment of one kind."""
        return [(s.start, self.text[s.start : s.end]) for s in self.segments if s.kind == kind]

    def evidence(self, start: int, end: int) -> Evidence:
        return Evidence(self.id, start, end, self.text[start:end])

    def to_json(self) -> dict[str, Any]:
        """The record of ``article.schema.json``."""
        return {
            "id": self.id,
            "url": self.url,
            "outlet": self.outlet,
            "published": self.published,
            "title": self.title,
            "language": self.language,
            "text": self.text,
            "segments": [segment.to_json() for segment in self.segments],
            "framing": self.framing,
            "page_date": self.page_date.to_json() if self.page_date else None,
            "encoding": self.encoding,
        }


@dataclass
class Story:
    """Articles that carry one report: syndicated copies, reposts, wire copy.

    Copies count as one source when events weigh their evidence.
    """

    id: str
    articles: list[str] = field(default_factory=list)

    @property
    def original(self) -> str:
        return self.articles[0]
