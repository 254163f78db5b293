"""A name and the names that qualify it must agree on where they are.

ACLED's notes and wire copy place a town by its district and state: "Umuokpara (Ehime
Mbano, Imo)", "Nasko (Magama, Niger)", "Amara district (Maysan)", "Bhangar city (South 24
Parganas district, WB)". Each name alone has namesakes abroad (Ehime is a Japanese
prefecture, Niger a country, Amara an Ethiopian region); read together, only one reading
of each keeps the town inside its district and the district inside its state. This
module finds that reading for every qualified name and its qualifiers, and marks a name
none of whose readings lies where its qualifiers say ("Oktyabr district in Bishkek": no
Oktyabr of the gazetteer is in Kyrgyzstan) so it is not placed abroad.
"""

from __future__ import annotations

from collections.abc import Iterable

from herald.annotate import gazetteer as gz
from herald.annotate.places import REGION_FEATURES, Candidate, Context, names_a_region, score

# Agreement points: the same country, then the same first-level region.
SAME_COUNTRY = 1
SAME_REGION = 2
# A district's point is its biggest town; its other towns lie within this.
DISTRICT_RADIUS_KM = 120.0
# A town qualifies another only when it is a city this big and this close ("Mudanya,
# Bursa"): a list of towns ("Center, Roma") must not agree on two small American
# namesakes (Centre, Alabama and Rome, Georgia).
TOWN_RADIUS_KM = 50.0
MIN_POP_QUALIFYING_TOWN = 100_000


def agree_qualifiers(candidates: Iterable[Candidate]) -> None:
    """Fix the reading of each qualified name and of its qualifiers where they agree."""
    for candidate in candidates:
        if not candidate.qualifiers or candidate.key in gz.gazetteer().country_keys:
            continue
        readings = gz.lookup(candidate.key)
        if not readings:
            continue
        qualifier_readings = chain_readings([
            readings_of(key, text, region)
            for key, text, region in zip(candidate.qualifiers, candidate.qualifier_texts,
                                         candidate.qualifier_regions, strict=False)
        ])
        if not any(qualifier_readings):
            continue
        # "Darjeeling district" is the district; "Amara district (Maysan)" the Iraqi
        # town's, which the gazetteer holds as a town only.
        regions = [p for p in readings if p.feature in REGION_FEATURES]
        best, points = best_reading(candidate.key, regions, qualifier_readings)
        if not (points and names_a_region(candidate)):
            best, points = best_reading(candidate.key, readings, qualifier_readings)
        if best is not None and points > 0:
            candidate.agreed = candidate.agreed or best
            fix_qualifiers(candidate, best, qualifier_readings)
        elif not candidate.dateline and (
            candidate.partial
            or contradicts(qualifier_readings, candidate.enclosed or candidate.named_unit)
        ):
            candidate.disagreed = True  # a piece of a longer name, or a namesake elsewhere
        else:
            candidate.unsupported = True  # its qualifiers vouch for none of its readings


def readings_of(key: str, text: str, region: bool = False) -> list[gz.Place]:
    """What a qualifier may name: places and regions (only regions when a unit word
    said so: "Jibia LGA"), a country, and, written in capitals, a state by its ISO
    3166-2 code ("WB" for West Bengal)."""
    index = gz.gazetteer()
    found = list(gz.lookup(key))
    regions = [p for p in found if p.feature in REGION_FEATURES]
    if region and regions:
        found = regions
    code = index.country_keys.get(key)
    if code and key not in index.demonyms:
        found.append(gz.Place(0, key, code, None, 0.0, 0.0, 0, "country"))
    if text.isupper() and key in index.region_codes:
        found.extend(gz.Place(-1, name, country, name, 0.0, 0.0, 0, "admin1")
                     for country, name in index.region_codes[key])
    return found


def chain_readings(qualifier_readings: list[list[gz.Place]]) -> list[list[gz.Place]]:
    """Two qualifiers first agree with each other: in "(Roma, Lazio)" Roma is the
    Italian one, whatever the name before it; in "(Magama, Niger)" Niger is the state
    Magama lies in. Where they agree on nothing, each keeps all its readings."""
    if len(qualifier_readings) < 2:
        return qualifier_readings
    first, second = qualifier_readings[0], qualifier_readings[1]
    scored = [(agreement(a, b), a) for a in first for b in second]
    top = max((points for points, _ in scored), default=0)
    if top == 0:
        return qualifier_readings
    agreeing = [a for points, a in scored if points == top]
    return [list({id(a): a for a in agreeing}.values()), second]


def agreement(place: gz.Place, qualifier: gz.Place) -> int:
    """How far a qualifier's reading agrees with a place's: the same country, and the
    same state (or, for a district or a city, near enough); a region in another state
    of the country does not agree at all. A place does not qualify itself: "San
    Salvador, San Salvador" is the city in its department."""
    if place.country != qualifier.country or same_place(place, qualifier):
        return 0
    if qualifier.feature == "country":
        return SAME_COUNTRY
    located = qualifier.geonames_id >= 0 and bool(place.lat or place.lon)
    if qualifier.feature == "city":
        big = qualifier.population >= MIN_POP_QUALIFYING_TOWN
        close = big and located and gz.distance_km(place, qualifier) <= TOWN_RADIUS_KM
        return SAME_COUNTRY + SAME_REGION if close else 0
    if not (place.admin1 and qualifier.admin1):
        return SAME_COUNTRY  # a state the gazetteer could not name: the country agrees
    if gz.name_key(place.admin1) != gz.name_key(qualifier.admin1):
        return 0  # "Magama, Jibia LGA (Katsina)": not the Magama of Niger State
    if qualifier.feature == "admin2" and located and (
        gz.distance_km(place, qualifier) > DISTRICT_RADIUS_KM
    ):
        return SAME_COUNTRY
    return SAME_COUNTRY + SAME_REGION


def same_place(a: gz.Place, b: gz.Place) -> bool:
    return a.feature == b.feature and a.name == b.name and (a.lat, a.lon) == (b.lat, b.lon)


def best_reading(
    key: str, readings: list[gz.Place], qualifier_readings: list[list[gz.Place]]
) -> tuple[gz.Place | None, int]:
    """The reading its qualifiers agree with most; on ties, the one whose agreeing
    qualifiers are likelier themselves ("(La Libertad)" is Peru's region of 1.5 million
    before a Honduran municipality of that name), then the one the name would get alone
    (a town over a district of its name, the bigger over the smaller)."""
    def rank(place: gz.Place) -> tuple[int, float, float]:
        points, likelihood = 0, 0.0
        for found in qualifier_readings:
            scored = [(agreement(place, q), alone(q)) for q in found]
            top = max(scored, default=(0, 0.0))
            points += top[0]
            likelihood += top[1] if top[0] else 0.0
        return points, likelihood, alone(place, key)

    if not readings:
        return None, 0
    best = max(readings, key=rank)
    return best, rank(best)[0]


def alone(place: gz.Place, key: str = "") -> float:
    """How likely a reading is with no context: places' own score."""
    return score(place, key or gz.name_key(place.name), Context(), [])


def fix_qualifiers(
    candidate: Candidate, place: gz.Place, qualifier_readings: list[list[gz.Place]]
) -> None:
    """Each qualifier's candidate takes the reading that agrees with the place: "Niger"
    after Magama is Niger State, not the Republic of Niger."""
    for other in candidate.qualified_by:
        if other.agreed is not None or other.key not in candidate.qualifiers:
            continue
        found = qualifier_readings[candidate.qualifiers.index(other.key)]
        located = [q for q in found if q.geonames_id >= 0]
        if not located:
            continue
        best = max(located, key=lambda q: (agreement(place, q), q.feature != "country",
                                           q.population))
        if agreement(place, best) > 0:
            other.agreed = best


def contradicts(qualifier_readings: list[list[gz.Place]], enclosed: bool) -> bool:
    """Whether the qualifiers say for sure where the name is: then a name none of whose
    readings lies there is no place the gazetteer knows. A qualifier in brackets or
    after a unit word does, town or region ("Oktyabr district in Bishkek", "Bara town
    in Idleb"); after a bare comma only a name that can be nothing but a region or a
    country does ("Centre, Lazio"), since "Paris, London, Berlin" is a list. ISO codes
    ("AP") are too short to rule anything out."""
    for found in qualifier_readings:
        located = [q for q in found if q.geonames_id >= 0]
        areas = [q for q in located if q.feature in ("country", "admin1", "admin2")]
        if located and enclosed or areas and len(areas) == len(located):
            return True
    return False
