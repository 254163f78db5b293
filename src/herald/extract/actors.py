"""Who took part: named groups (canonical across spellings), security forces, and the
generic participants ACLED names after the country ("Protesters (France)").
"""

from __future__ import annotations

import re
from functools import cache

import pycountry

from herald.extract.rules import (
    LanguageRules,
    actor_table,
    compile_words,
    first_match,
    word_starts,
)
from herald.model import Actor, ActorRole, Article, Label

PROTEST_CATEGORIES = ("protest", "riot")
# Violence against civilians: ACLED names the victims after their country.
CIVILIAN_CATEGORIES = ("attack", "abduction", "sexual_violence")


@cache
def _group_patterns() -> list[tuple[str, re.Pattern[str]]]:
    groups = actor_table()["groups"]
    return [(name, compile_words(aliases)) for name, aliases in groups.items()]


def is_group_name(text: str) -> bool:
    """Whether ``text`` is, whole, a name of a group the actor table knows ("Houthi")."""
    return any(pattern.fullmatch(text) for _, pattern in _group_patterns())


@cache
def _group_starts() -> re.Pattern[str]:
    """Where any alias of any group starts: the only places a group pattern can match."""
    aliases = [alias for names in actor_table()["groups"].values() for alias in names]
    return word_starts(aliases)


@cache
def country_name(code: str | None) -> str | None:
    if not code:
        return None
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return None
    return str(getattr(country, "common_name", None) or country.name)


def _generic(article: Article, template_key: str, country: str | None, role: ActorRole,
             match: re.Match[str] | None, offset: int) -> Actor | None:
    name = country_name(country)
    if not name or match is None:
        return None
    evidence = article.evidence(offset + match.start(), offset + match.end())
    label = Label(article.id, match.group(0))
    return Actor(actor_table()[template_key].format(country=name), role, [label], evidence)


def _named_groups(article: Article, text: str, offset: int, rules: LanguageRules,
                  demonstration: bool) -> list[Actor]:
    actors: list[Actor] = []
    starts = [m.start() for m in _group_starts().finditer(text)]
    if not starts:
        return actors  # most sentences name no group: one pass instead of one per group
    organiser = rules.cues.get("organiser_cues")
    armed = set(actor_table().get("armed_groups", [])) if demonstration else set()
    for name, pattern in _group_patterns():
        match = first_match(pattern, text, starts)
        if not match or name in armed or (name == "Islamic State" and match.group(0) == "IS"):
            continue
        before = text[max(0, match.start() - 40) : match.start()]
        role: ActorRole = "organiser" if organiser and organiser.search(before) else "participant"
        if not demonstration:
            role = "perpetrator"
        evidence = article.evidence(offset + match.start(), offset + match.end())
        actors.append(Actor(name, role, [Label(article.id, match.group(0))], evidence))
    return actors


def event_actors(article: Article, start: int, end: int, rules: LanguageRules,
                 country: str | None, categories: set[str]) -> list[Actor]:
    """The actors named in text[start:end] of an event of the given trigger categories."""
    text = article.text[start:end]
    demonstration = bool(categories & set(PROTEST_CATEGORIES))
    actors = _named_groups(article, text, start, rules, demonstration)
    if demonstration:
        protesters = rules.cues.get("protesters")
        generic = _generic(article, "protesters_name", country, "participant",
                           protesters.search(text) if protesters else None, start)
        if generic and not any(a.role == "participant" for a in actors):
            actors.append(generic)
        counter = rules.cues.get("counter_protesters")
        opponents = _generic(article, "counter_protesters_name", country, "counter_protester",
                             counter.search(text) if counter else None, start)
        if opponents:
            actors.append(opponents)
    elif categories & set(CIVILIAN_CATEGORIES) and not actors:
        match = rules.triggers["attack"].search(text) if "attack" in rules.triggers else None
        victims = _generic(article, "civilians_name", country, "victim", match, start)
        if victims:
            actors.append(victims)
    police = rules.cues.get("security_forces")
    forces = _generic(article, "security_forces_name", country, "security_forces",
                      police.search(text) if police else None, start)
    if forces:
        actors.append(forces)
    return actors
