"""The resolver's rule tables, loaded once from ``rules/acled.json``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from herald.errors import RulesError
from herald.rules_io import read_table

RULES_DIR = Path(__file__).parent / "rules"


@dataclass(frozen=True)
class TypeRules:
    family_of_sub: dict[str, str]
    family_of_type: dict[str, str]
    compatible: frozenset[frozenset[str]]
    severity: dict[str, int]  # sub-event type -> rank, 0 is the most severe
    minor_roles: frozenset[str]
    group_of: dict[str, str]  # family -> its connected component of compatible families
    generic_actor_prefixes: tuple[str, ...]  # normalised: 'police forces of', 'protesters'
    telling_sub_types: frozenset[str] = frozenset()  # shared, evidence as a name is
    opposed: frozenset[frozenset[str]] = frozenset()  # sub-type pairs never one event

    def sub_types_opposed(self, first: str, second: str) -> bool:
        return frozenset((first, second)) in self.opposed

    def family(self, event_type: str, sub_event_type: str) -> str:
        """The family of a coding; an unknown coding is its own family."""
        return self.family_of_sub.get(sub_event_type) or self.family_of_type.get(
            event_type, f"?{event_type}/{sub_event_type}"
        )

    def families_compatible(self, first: str, second: str) -> bool:
        return first == second or frozenset((first, second)) in self.compatible

    def group(self, family: str) -> str:
        """The family with all it is linked to by compatibility: the resolver indexes by it."""
        return self.group_of.get(family, family)


@cache
def type_rules() -> TypeRules:
    """Read the type families; a missing or empty table is an error, not a no-op."""
    path = RULES_DIR / "acled.json"
    data = read_table(path)
    families = data.get("families") or {}
    if not families or not data.get("severity"):
        raise RulesError("resolve rules need 'families' and 'severity'", str(path))
    compatible = frozenset(frozenset(pair) for pair in data.get("compatible_families", []))
    return TypeRules(
        family_of_sub={sub: name for name, subs in families.items() for sub in subs},
        family_of_type=dict(data.get("event_type_families") or {}),
        compatible=compatible,
        severity={sub: rank for rank, sub in enumerate(data["severity"])},
        minor_roles=frozenset(data.get("minor_roles", [])),
        group_of=_components(set(families), compatible),
        generic_actor_prefixes=tuple(data.get("generic_actor_prefixes", [])),
        telling_sub_types=frozenset(data.get("telling_sub_types", [])),
        opposed=frozenset(frozenset(pair) for pair in data.get("opposed_sub_types", [])),
    )


def _components(families: set[str], compatible: frozenset[frozenset[str]]) -> dict[str, str]:
    """Name each family after the sorted members of its compatibility component."""
    component = {family: {family} for family in families}
    for pair in compatible:
        merged = set().union(*(component.get(family, {family}) for family in pair))
        for family in merged:
            component[family] = merged
    return {family: "+".join(sorted(members)) for family, members in component.items()}
