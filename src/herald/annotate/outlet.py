"""The town a local outlet's address names: "hamburg1.de", "abendzeitung-muenchen.de",
"mopo.de/hamburg/polizei/...".

A local paper often never names its own town: "thousands marched through the city
centre" is, for a Hamburg paper, Hamburg. Where a report names no place at all, extract
falls back on this town (``Location.basis`` "outlet"), as a reader of that paper would.
Only a country-code domain is read (its country must be the town's): a ".com" says
nothing of its country, and its words name towns on several continents ("star",
"post", "herald" are all American villages). The town must be a city of some size, so
that a word of the address that a hamlet happens to share is not taken for it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from herald.annotate.gazetteer import lookup
from herald.annotate.places import domain_country
from herald.model import Article, Mention

# Smallest population of an outlet's town: local papers with their town in their
# address come from towns of this size and up; the villages that share a word with
# an address ("Welt", 219 people) stay out.
MIN_OUTLET_TOWN_POPULATION = 15_000
# Path segments read after the host: a section ("/hamburg/") comes first or second.
PATH_SEGMENTS = 2
_WORD = re.compile(r"[^\W\d_]{4,}")


def outlet_town(article: Article) -> Mention | None:
    """The outlet's town as a place mention, ``text`` the part of the address naming it."""
    if not article.url:
        return None
    country = domain_country(article.url)
    if country is None:
        return None
    address = urlsplit(article.url if "//" in article.url else f"//{article.url}")
    labels = (address.hostname or "").lower().split(".")
    words = [word for label in labels[:-1] for word in _WORD.findall(label)]
    sections = [s for s in address.path.lower().split("/") if s][:PATH_SEGMENTS]
    for word in [*words, *sections]:
        town = _town(word, country)
        if town is not None:
            return Mention("place", 0, 0, word, label="outlet", value=town)
    return None


def _town(word: str, country: str) -> dict | None:
    for place in lookup(word):
        if (place.country == country and place.feature == "city"
                and place.population >= MIN_OUTLET_TOWN_POPULATION):
            return {**place.to_json(), "role": "outlet"}
    return None
