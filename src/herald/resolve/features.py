"""What the resolver compares, computed once per candidate.

Comparing candidates pairwise is the hot loop, so every value it needs (date
interval as day ordinals, coordinates, normalised actor names, claimed numbers)
is read out of the ``Event`` once here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from herald.lru import BoundedCache
from herald.model import Event, Location
from herald.resolve.rules import type_rules
from herald.resolve.spelling import spelling_key

# An undated report is about something that happened shortly before it was
# published (background mentions are dropped by extraction): a week back covers
# "last weekend" stories while keeping last month's march out of reach.
UNDATED_LOOKBACK_DAYS = 7
# A date more than a day after its article's publication is announced, not reported.
ANNOUNCED_AFTER_DAYS = 1
# Figures only a report of something that happened can give: a preview may guess a
# crowd, never arrests or casualties. A "future" date next to them is a misreading
# ('11 avril' for 11 March), so the report is compared as if undated.
OUTCOME_FIELDS = frozenset({"arrests", "injuries", "fatalities"})

# Actor and place names repeat across reports; summaries rarely do. A bounded
# cache keeps the repeats cheap without holding a million summaries.
NORMALISE_CACHE = 65536
# Candidates whose features a writer keeps between batches (``FeatureMemo``): as many
# as the store keeps decoded, since those are the objects that come back.
FEATURE_MEMO_SIZE = 49_152
# Content words are this long or longer ('police', 'bridge', 'Calais'; not 'the', 'des').
MIN_WORD_CHARS = 4
_DIGIT = re.compile(r"\d")
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}
PLACE_RANK = {"place": 0, "city": 1, "region": 2, "country": 3, "unknown": 4}


@dataclass(slots=True)
class Features:
    index: int
    id: str
    article: str
    story: str  # the original article when this one is a syndicated copy
    family: str
    family_group: str  # compatible families share one: the blocking index uses it
    sub_event_type: str
    precision: str
    day: int | None  # ordinal of a day-precision date
    exact: bool  # the date was written out (digits), not "yesterday" or "Saturday"
    low: int | None  # interval of days the date allows (ordinals, inclusive)
    high: int | None
    announced: bool
    # (month, day) of a date written without its year on an undated page (see
    # ``EventDate.month_day``); None otherwise.
    month_day: tuple[int, int] | None
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    place_precision: str
    geonames_id: int | None
    place_name: str
    # The cross-script spelling key of a place the gazetteer does not know by id
    # ("الناصر", "Nasir" -> "nsr"): where two reports of such a place meet.
    place_spelling: str
    # A place the gazetteer lacks ("le village de Diki"), named by the text and pinned to
    # its region's point: two reports meet there by its name, not by their points.
    locality: bool
    actors: tuple[str, ...]  # normalised names of named (not generic) actors
    numbers: dict[str, tuple[int, ...]]
    stated: dict[str, tuple[int, ...]]  # the figures themselves, no vague amount's bounds
    words: frozenset[str]  # content words of the summary (see content_words)
    # Normalised names of the report (people, groups, places) other than its own place.
    report_names: frozenset[str]
    # Those of them that tell events apart among the candidates being resolved: reset to
    # ``report_names`` by ``features``, narrowed by ``evidence.keep_telling_names``.
    names: frozenset[str]


@lru_cache(maxsize=NORMALISE_CACHE)
def normalise(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form: 'Génération' == 'generation'."""
    folded = text.casefold()
    if folded.isascii():
        return _NON_WORD.sub(" ", folded).strip()
    decomposed = unicodedata.normalize("NFKD", folded)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NON_WORD.sub(" ", stripped).strip()


def parse_day(value: str | None) -> tuple[int, int, int] | None:
    """(year, month, day) from 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; missing parts are 1."""
    if not value:
        return None
    parts = value[:10].split("-")
    try:
        numbers = [int(part) for part in parts if part]
        year, month, day = (numbers + [1, 1])[:3]
        date(year, month, day)
    except ValueError:
        return None
    return year, month, day


def content_words(text: str) -> frozenset[str]:
    """Words of MIN_WORD_CHARS or more, no figures: a crude, language-blind content key.

    Short words are mostly function words in the languages Herald reads; figures
    are compared as claims, not as words.
    """
    return frozenset(
        word
        for word in normalise(text).split()
        if len(word) >= MIN_WORD_CHARS and not word.isdigit()
    )


def _ordinal(value: str | None) -> int | None:
    parsed = parse_day(value)
    return date(*parsed).toordinal() if parsed else None


def date_interval(precision: str, value: str | None) -> tuple[int, int] | None:
    """Days a date of this precision covers: the ISO week, the month, the year."""
    parsed = parse_day(value)
    if parsed is None or precision == "unknown":
        return None
    start = date(*parsed)
    if precision == "day":
        return start.toordinal(), start.toordinal()
    if precision == "week":
        monday = start - timedelta(days=start.weekday())
        return monday.toordinal(), monday.toordinal() + 6
    if precision == "month":
        first = start.replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        return first.toordinal(), following.toordinal() - 1
    return date(start.year, 1, 1).toordinal(), date(start.year, 12, 31).toordinal()


def _published(event: Event) -> int | None:
    return _ordinal(event.sources[0].published) if event.sources else None


def _undated_interval(published: int | None) -> tuple[int, int] | None:
    """An undated report points to the days just before its publication."""
    if published is None:
        return None
    return published - UNDATED_LOOKBACK_DAYS, published


def _month_day(event: Event) -> tuple[int, int] | None:
    """The yearless day of an undated report, as (month, day)."""
    value = event.date.month_day or ""
    if len(value) != len("--MM-DD") or not value.startswith("--"):
        return None
    try:
        return int(value[2:4]), int(value[5:7])
    except ValueError:
        return None


def _exact(event: Event) -> bool:
    evidence = event.date.evidence
    return (
        event.date.precision == "day"
        and evidence is not None
        and bool(_DIGIT.search(evidence.text))
    )


def _actors(event: Event) -> tuple[str, ...]:
    """Named actors only: police and 'Protesters (France)' are in every report."""
    rules = type_rules()
    names = {normalise(actor.name) for actor in event.actors if actor.role not in rules.minor_roles}
    generic = rules.generic_actor_prefixes
    return tuple(sorted(name for name in names if name and not name.startswith(generic)))


def _numbers(event: Event, stated_only: bool = False) -> dict[str, tuple[int, ...]]:
    """Claimed figures per field; with ``stated_only``, no bounds of vague amounts
    ("several wounded" reads as 2-9: a range, not a count to disagree with)."""
    numbers: dict[str, set[int]] = {}
    for claim in event.claims:
        values = (claim.value,) if stated_only else (claim.value, claim.low, claim.high)
        for value in values:
            if value is not None:
                numbers.setdefault(claim.field, set()).add(value)
    return {field: tuple(sorted(values)) for field, values in numbers.items()}


# What was read from a candidate object, by candidate id: see ``features``.
FeatureMemo = BoundedCache[tuple[Event, Features]]


def feature_memo() -> FeatureMemo:
    return BoundedCache(FEATURE_MEMO_SIZE)


def features(index: int, event: Event, story_of: dict[str, str],
             memo: FeatureMemo | None = None) -> Features:
    """Read everything the comparisons need out of one candidate.

    The writer resolves a stored candidate again in every batch that touches its
    blocks, and the store hands back the same decoded object, never changed, while
    the candidate is: with a ``memo``, what was read from that very object is reused
    (a rewritten candidate is a new object, read anew). Only the position, the story
    and the telling names depend on the batch: they are reset on the memo's own object,
    not on a copy (a copy per loaded candidate per batch was a twentieth of the writer's
    time), so a ``Features`` is valid until the next call for its candidate. Without a
    memo, every call reads the event as it is now.
    """
    article = event.sources[0].article if event.sources else event.id
    cached = memo.get(event.id) if memo is not None else None
    if cached is None or cached[0] is not event:
        cached = (event, _read(event, article))
        if memo is not None:
            memo.put(event.id, cached)
    found = cached[1]
    found.index = index
    found.story = story_of.get(article, article)
    found.names = found.report_names
    return found


def _read(event: Event, article: str) -> Features:
    published = _published(event)
    own = date_interval(event.date.precision, event.date.value)
    announced = bool(own and published and own[0] > published + ANNOUNCED_AFTER_DAYS)
    if announced and any(claim.field in OUTCOME_FIELDS for claim in event.claims):
        own, announced = None, False
    interval = own or _undated_interval(published)
    precision = event.date.precision if own else "unknown"
    location = event.location
    rules = type_rules()
    family = rules.family(event.event_type, event.sub_event_type)
    return Features(
        index=-1,
        id=event.id,
        article=article,
        story=article,
        family=family,
        family_group=rules.group(family),
        sub_event_type=event.sub_event_type,
        precision=precision,
        day=own[0] if own and precision == "day" else None,
        exact=_exact(event),
        low=interval[0] if interval else None,
        high=interval[1] if interval else None,
        announced=announced,
        month_day=_month_day(event) if interval is None else None,
        country=(location.country or "").upper() or None,
        admin1=normalise(location.admin1) if location.admin1 else None,
        lat=location.lat,
        lon=location.lon,
        place_precision=location.precision,
        geonames_id=location.geonames_id or None,  # 0 was once written for "not in GeoNames"
        place_name=normalise(location.name) if location.name else "",
        place_spelling=(spelling_key(location.name)
                        if location.name and not location.geonames_id else ""),
        locality=_is_locality(location),
        actors=_actors(event),
        numbers=_numbers(event),
        stated=_numbers(event, stated_only=True),
        words=content_words(event.summary),
        report_names=_names(event, location.name) | _sub_type_name(event),
        names=frozenset(),
    )


# Words that open a name as written in a sentence but are not part of it: articles
# and titles ("the White Army", "l'Intérieur", "Mr Ghannouchi").
NAME_OPENERS = frozenset({"the", "l", "la", "le", "les", "el", "los", "las", "der", "die",
                          "das", "mr", "mrs", "ms", "dr", "m", "mme"})


def name_key(name: str) -> str:
    """A name as reports of one event share it: normalised, without its opener."""
    words = normalise(name).split()
    while len(words) > 1 and words[0] in NAME_OPENERS:
        words = words[1:]
    if len(words) > 1 and words[-1] == "s":  # "Hal Marx's" is Hal Marx
        words = words[:-1]
    return " ".join(words)


def _is_locality(location: Location) -> bool:
    """A place with a name of its own but no gazetteer entry, placed at its region."""
    return (not location.geonames_id and bool(location.name)
            and location.precision in ("region", "country")
            and normalise(location.name or "") != normalise(location.admin1 or ""))


def _sub_type_name(event: Event) -> frozenset[str]:
    """A rare sub-type in one country ("Non-violent transfer of territory" in AZ) as a
    name both reports carry, one token, so that no person's name can partly match it:
    the telling-names test (``evidence``) then decides whether it tells this event
    apart from the country's other events of that kind."""
    country = event.location.country
    if event.sub_event_type not in type_rules().telling_sub_types or not country:
        return frozenset()
    words = "-".join(normalise(event.sub_event_type).split())
    return frozenset({f"sub-type:{words}@{country.upper()}"})


def _names(event: Event, place: str | None) -> frozenset[str]:
    """The report's names by their cross-script spelling key (``spelling``), so a name
    in Cyrillic or Arabic meets its Latin transliterations; its own place is compared
    as a place."""
    own = spelling_key(place) if place else ""
    keys = (spelling_key(key) for key in map(name_key, event.names)
            if len(key) >= MIN_WORD_CHARS)
    return frozenset(key for key in keys if key and key != own)
