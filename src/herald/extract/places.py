"""Where an event happened: the place mention nearest its trigger, else the article's."""

from __future__ import annotations

from collections import Counter

from herald.model import Article, Location, Mention, PlacePrecision

# geonames feature codes (and the annotator's plain words) by how precise they are.
CITY_FEATURES = ("PPL", "city", "place", "town", "village")
REGION_FEATURES = ("ADM", "region", "admin")
PRECISION_RANK: dict[str, int] = {"city": 0, "region": 1, "country": 2, "unknown": 3}


def place_precision(mention: Mention) -> PlacePrecision:
    """city / region / country, read from the mention's kind and feature code."""
    if mention.kind == "country":
        return "country"
    value = mention.value if isinstance(mention.value, dict) else {}
    if value.get("lat") is None:
        return "unknown"  # a name the gazetteer could not place is no location
    feature = str(value.get("feature") or "")
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
    ]
    return sorted(found, key=lambda m: m.start)


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
    """The most precise place mentioned in [start, end), preferring the article's
    country (a gazetteer's namesake abroad is the usual misreading); first on ties."""
    inside = [m for m in mentions if start <= m.start < end]
    if not inside:
        return None
    return min(inside, key=lambda m: (PRECISION_RANK[place_precision(m)],
                                      country is not None and country_of(m) != country))


def voted_country(mentions: list[Mention]) -> str | None:
    """The country the article's places point to: country names count double, since
    a country named outright is stronger evidence than a town that has namesakes."""
    votes: Counter[str] = Counter()
    for mention in mentions:
        country = country_of(mention)
        if country:
            votes[country] += 2 if mention.kind == "country" else 1
    return votes.most_common(1)[0][0] if votes else None


def dominant_place(mentions: list[Mention]) -> Mention | None:
    """The city (else any place) the article names most, earliest on ties."""
    cities = [m for m in mentions if place_precision(m) == "city"] or mentions
    if not cities:
        return None
    counts = Counter(place_key(m) for m in cities)
    return max(cities, key=lambda m: (counts[place_key(m)], -m.start))


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
    return Location(
        name=str(value.get("name") or mention.text),
        country=country_of(mention) or fallback_country,
        admin1=value.get("admin1"),
        lat=value.get("lat"),
        lon=value.get("lon"),
        precision=precision,
        geonames_id=value.get("geonames_id"),
        evidence=article.evidence(mention.start, mention.end),
    )
