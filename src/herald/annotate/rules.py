"""Per-language annotate rules (stoplists, NER labels, demonyms), loaded once from JSON.

A language with its own ``rules/<lang>.json`` is a language we claim; every other
language falls back to ``rules/xx.json``. A claimed table that is missing a list, or has
an empty stoplist, is a broken install and raises ``RulesError`` rather than annotating
silently worse.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from herald.annotate.gazetteer import normalise
from herald.errors import RulesError
from herald.rules_io import read_table

RULES_DIR = Path(__file__).parent / "rules"
FALLBACK_LANGUAGE = "xx"
REQUIRED_LISTS = ("stoplist", "particles")
MAX_LANGUAGE_CODE = 3


@dataclass(frozen=True)
class AnnotateRules:
    language: str
    ner_place_labels: frozenset[str]
    ner_org_labels: frozenset[str]
    ner_person_labels: frozenset[str]
    ner_facility_labels: frozenset[str]
    ner_nationality_labels: frozenset[str]
    ner_title_labels: frozenset[str]
    particles: frozenset[str]
    leading_articles: frozenset[str]
    stoplist: frozenset[str]
    demonyms: dict[str, str]
    country_aliases: dict[str, str]
    region_aliases: dict[str, str]
    demonym_suffixes: tuple[tuple[str, str], ...]
    demonym_inflections: tuple[tuple[str, str], ...]
    locatives: frozenset[str] = frozenset()
    # locatives that also say where someone or something comes from ("a statement from
    # X"): enough for a town the gazetteer knows, not for a name it does not
    source_prepositions: frozenset[str] = frozenset()
    # words before "de"/"of" that say where someone comes from ("originaire de X")
    origin_words: frozenset[str] = frozenset()
    # "in X, Y and Z": a name followed by one of these after a comma is a list's item
    conjunctions: frozenset[str] = frozenset()
    street_words: frozenset[str] = frozenset()
    street_prepositions: frozenset[str] = frozenset()
    target_words: frozenset[str] = frozenset()
    intersection_words: frozenset[str] = frozenset()
    no_town_after: frozenset[str] = frozenset()
    # last words of a facility named after the town it is in ("Balad Air Base")
    facility_words: frozenset[str] = frozenset()
    # last words of an institution named after its town ("Farah Hospital"): the model
    # may tag the whole a person, which is no use of the town's name as a person's
    institution_words: frozenset[str] = frozenset()
    # case endings after a name that say "in" (Turkish "Mersin'de")
    locative_suffixes: frozenset[str] = frozenset()
    determiners: frozenset[str] = frozenset()
    region_articles: frozenset[str] = frozenset()
    attributive_after: frozenset[str] = frozenset()
    nouns_capitalised: bool = False


def claimed_languages() -> list[str]:
    """Languages with their own rule table (the fallback excluded)."""
    return sorted(p.stem for p in RULES_DIR.glob("*.json") if is_language_table(p))


def is_language_table(path: Path) -> bool:
    """Language tables are named by ISO 639 code; longer names hold other data."""
    return len(path.stem) <= MAX_LANGUAGE_CODE and path.stem != FALLBACK_LANGUAGE


@cache
def rules_for(language: str) -> AnnotateRules:
    """The rules of a language, or the fallback table when the language has none."""
    path = RULES_DIR / f"{language}.json"
    if not path.exists():
        path = RULES_DIR / f"{FALLBACK_LANGUAGE}.json"
    return parse_rules(path)


def parse_rules(path: Path) -> AnnotateRules:
    data = read_table(path, REQUIRED_LISTS)
    return AnnotateRules(
        language=path.stem,
        locatives=frozenset(data.get("locative_prepositions", ())),
        source_prepositions=frozenset(data.get("source_prepositions", ())),
        origin_words=frozenset(data.get("origin_words", ())),
        conjunctions=frozenset(data.get("conjunctions", ())),
        street_words=frozenset(data.get("street_words", ())),
        street_prepositions=frozenset(data.get("street_prepositions", ())),
        target_words=frozenset(data.get("target_words", ())),
        intersection_words=frozenset(data.get("intersection_words", ())),
        no_town_after=frozenset(data.get("no_town_after", ())),
        facility_words=frozenset(data.get("facility_words", ())),
        institution_words=frozenset(data.get("institution_words", ())),
        locative_suffixes=frozenset(data.get("locative_suffixes", ())),
        determiners=frozenset(data.get("determiners", ())),
        region_articles=frozenset(data.get("region_articles", ())),
        attributive_after=frozenset(data.get("attributive_after", ())),
        nouns_capitalised=bool(data.get("nouns_capitalised", False)),
        ner_place_labels=frozenset(data.get("ner_place_labels", ())),
        ner_org_labels=frozenset(data.get("ner_org_labels", ())),
        ner_person_labels=frozenset(data.get("ner_person_labels", ())),
        ner_facility_labels=frozenset(data.get("ner_facility_labels", ())),
        ner_title_labels=frozenset(data.get("ner_title_labels", ())),
        ner_nationality_labels=frozenset(data.get("ner_nationality_labels", ())),
        particles=frozenset(data["particles"]),
        leading_articles=frozenset(data.get("leading_articles", ())),
        stoplist=frozenset(normalise(word) for word in data["stoplist"]),
        demonyms=dict(data.get("demonyms", {})),
        country_aliases=dict(data.get("country_aliases", {})),
        region_aliases=dict(data.get("region_aliases", {})),
        demonym_suffixes=tuple(tuple(pair) for pair in data.get("demonym_suffixes", ())),
        demonym_inflections=tuple(tuple(pair) for pair in data.get("demonym_inflections", ())),
    )


@cache
def data_table(name: str) -> dict[str, Any]:
    """A non-language rule table such as ``gazetteer.json``; missing or empty is an error."""
    path = RULES_DIR / f"{name}.json"
    data = read_table(path)
    if not any(v for k, v in data.items() if k != "_about"):
        raise RulesError("rule table is empty", str(path))
    return data


def rules_fingerprint() -> str:
    """A hash of every rule table: the gazetteer cache holds demonyms built from them."""
    digest = hashlib.sha256()
    for path in sorted(RULES_DIR.glob("*.json")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
