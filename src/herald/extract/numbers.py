"""Reading quantities in text: digits in every convention, number words, vague amounts.

News counts come as "25,000", "25.000", "25 000", "Fourteen", "quatorze", "une centaine",
"Tausende", "between 100 and 250", "at least five". This module finds such spans and
reads them as a :class:`Quantity` without deciding what is counted (that is claims.py).

Value convention (the gold sets write vague amounts as words, the scorer compares numbers
±10 %):

- a stated number, with or without a qualifier, has ``value`` set: "about 80" → 80
  (qualifier ``about``), "more than 130" → 130 and ``low=130`` (qualifier ``more than``),
  "fewer than 200" → 200 and ``high=200``; approximate nouns read as their centre:
  "une centaine" → 100, "un demi-millier" → 500 (qualifier ``about``);
- a range has ``value=None`` and ``low``/``high``: "between 100 and 250" → (None, 100, 250,
  ``range``);
- a vague plural has ``value=None``, bounds from the rule table and the table's canonical
  English name as qualifier: "hundreds" → (None, 200, 999, ``hundreds``), "mehrere tausend"
  → (None, 2000, 9999, ``several thousand``). No number is invented for them, so they never
  count as a numeric match, but their bounds still serve comparisons.

Rules live in ``rules/numbers_<lang>.json``; a language without a table is read for digits
only (say "und", or any language not yet written); a table that exists but is empty raises
:class:`~herald.errors.RulesError`. ``number-parser`` reads number words where it supports
the language (en, es, ru, uk, hi); the tables' own word lists do the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from number_parser import parse_number

from herald.extract.letters import clitic_start, fold_letters, folded_view
from herald.extract.rules import longest_first, phrase_alternation, read_table

RULES_DIR = Path(__file__).parent / "rules"
NUMBER_PARSER_LANGUAGES = frozenset({"en", "es", "ru", "uk", "hi"})
REQUIRED_KEYS = ("words", "scales", "qualifiers", "vague", "approx")

# A count of people or events never reaches this; bigger readings are identifiers,
# phone numbers or joined figures ("2015 300" read as one), so they are dropped.
MAX_COUNT = 100_000_000

# Digits (any script's: ``\d`` is Unicode, so ١٣ and ۱۳ read 13): grouped thousands in
# any convention (comma, dot, apostrophe, plain or narrow no-break space, a single normal
# space, the Arabic thousands separator), or a plain run, with an optional decimal part
# that only survives when a scale word follows ("2.5 million", "1,5 Millionen", "٢٫٥ مليون").
_GROUPED = r"\d{1,3}(?:(?:,|\.|'|’|\u00a0|\u202f| |٬)\d{3})+(?!\d)"
_DIGIT_START = r"(?<![\w.,:/٬٫-])"
_DIGITS_BODY = (
    r"(?P<int>" + _GROUPED + r"|\d+)"
    r"(?P<dec>[.,٫]\d{1,2}(?!\d))?(?![\w:/]|[.,٫]\d)"
)
_DIGITS = _DIGIT_START + _DIGITS_BODY


@dataclass(frozen=True)
class Quantity:
    """A number as the text states it: a value, bounds, and how it was hedged."""

    value: int | None
    low: int | None = None
    high: int | None = None
    qualifier: str | None = None


@dataclass(frozen=True)
class NumberRules:
    """One language's number table, compiled once."""

    lang: str
    words: dict[str, int]
    scales: dict[str, int]
    qualifiers: dict[str, str]
    vague: dict[str, tuple[int, int, str]]
    approx: dict[str, int]
    articles: frozenset[str]
    joiners: frozenset[str]
    range_patterns: tuple[str, ...]
    compound: bool
    multipliers: frozenset[str]
    pattern: re.Pattern[str]


def base_language(lang: str) -> str:
    """'fr-BE' and 'FR' read as 'fr'."""
    return lang.split("-")[0].split("_")[0].lower()


@cache
def number_rules(lang: str) -> NumberRules | None:
    """The table for a language, or None where none is written (digits only)."""
    lang = base_language(lang)
    path = RULES_DIR / f"numbers_{lang}.json"
    if not path.exists():
        return None
    return _compile(lang, read_table(path, tuple(REQUIRED_KEYS)))


def _compile(lang: str, data: dict[str, Any]) -> NumberRules:
    scales = {_fold(k): int(v) for k, v in data["scales"].items()}
    multipliers = {_fold(k): int(v) for k, v in data.get("multipliers", {}).items()}
    words = {**{_fold(k): int(v) for k, v in data["words"].items()}, **multipliers, **scales}
    vague = {_fold(k): (int(v[0]), int(v[1]), str(v[2])) for k, v in data["vague"].items()}
    approx = {_fold(k): int(v) for k, v in data["approx"].items()}
    joiners = frozenset(_fold(j) for j in data.get("joiners", []))
    compound = bool(data.get("compound", False))
    ranges = tuple(data.get("ranges", []))
    clitics = "".join(data.get("proclitics", []))
    number = _number_pattern(words, scales, joiners, compound, clitics)
    pattern = _quantity_pattern(number, data["qualifiers"], vague, approx, ranges, clitics)
    return NumberRules(
        lang=lang, words=words, scales=scales,
        qualifiers={_fold(k): v for k, v in data["qualifiers"].items()},
        vague=vague, approx=approx,
        articles=frozenset(_fold(a) for a in data.get("articles", [])),
        joiners=joiners, range_patterns=ranges, compound=compound,
        multipliers=frozenset(multipliers), pattern=pattern,
    )


def _fold(text: str) -> str:
    """Lower case with one kind of apostrophe and hyphen (and one spelling of each Arabic
    letter), so tables match typography."""
    folded = text.lower().replace("’", "'").replace("‐", "-").replace("–", "-")
    return fold_letters(folded)


def _alternation(phrases: Any) -> str:
    """A regex alternation of phrases, longest first, spaces matching any whitespace
    (grouped by first letter: the quantity scan ran 2x faster)."""
    ordered = longest_first(_fold(p) for p in phrases)
    return phrase_alternation([_escape(phrase) for phrase in ordered])


def _escape(phrase: str) -> str:
    """A folded phrase as a regex: spaces match any whitespace, apostrophes either kind."""
    return re.escape(phrase).replace(r"\ ", r"\s+").replace("'", "['’]")


def _number_pattern(words: dict[str, int], scales: dict[str, int],
                    joiners: frozenset[str], compound: bool, clitics: str = "") -> str:
    """Digits with an optional scale word ("2.5 million"), or a run of number words.

    A language with proclitics (Arabic و, ب, ل) also reads a number glued to one ("و40").
    """
    word = f"(?:{_alternation(words)})"
    token = f"(?:{word})+" if compound else word
    glue = _alternation(joiners | {"-"})
    run = rf"{token}(?:(?:\s*(?:{glue})\s*|\s+){token})*"
    digits = clitic_start(clitics, _DIGIT_START) + _DIGITS_BODY
    start = clitic_start(clitics)
    return rf"(?:{digits}(?:\s*(?:{_alternation(scales)})(?!\w))?|{start}(?:{run}))"


def _quantity_pattern(number: str, qualifiers: dict[str, str], vague: dict[str, Any],
                      approx: dict[str, int], ranges: tuple[str, ...],
                      clitics: str = "") -> re.Pattern[str]:
    """One regex for [qualifier] (range | vague | approx | number) in this language."""
    body = (f"(?:(?P<vague>{_alternation(vague)})|(?P<approx>{_alternation(approx)})"
            f"|{number})")
    for index, template in enumerate(ranges):
        body = f"(?P<range{index}>{_range_pattern(number, template, index)})|{body}"
    qualifier = rf"(?:(?P<qual>{_alternation(qualifiers)})\s*)?"
    start = clitic_start(clitics)
    return re.compile(rf"{start}{qualifier}(?:{body})(?!\w)", re.IGNORECASE)


def _range_pattern(number: str, template: str, index: int) -> str:
    """A range template ("between {low} and {high}") with both numbers as named groups."""
    low = number.replace("?P<int>", f"?P<rl{index}i>").replace("?P<dec>", f"?P<rl{index}d>")
    high = number.replace("?P<int>", f"?P<rh{index}i>").replace("?P<dec>", f"?P<rh{index}d>")
    high = high.replace(_DIGIT_START, r"(?<![\w.,:/٬٫])")  # "100-250"
    rendered = re.escape(template).replace(r"\ ", r"\s*")
    rendered = rendered.replace(r"\{low\}", f"(?P<rl{index}>{low})")
    return rendered.replace(r"\{high\}", f"(?P<rh{index}>{high})")


DIGITS_ONLY = re.compile(_DIGITS)


def find_quantities(text: str, lang: str) -> list[tuple[int, int, Quantity]]:
    """Every quantity in ``text`` as (start, end, Quantity), in text order.

    Spans cover the qualifier too ("at least five"); a number that reads as nothing
    countable (a lone decimal, an article "un", a figure over MAX_COUNT) is left out.
    """
    rules = number_rules(lang)
    if rules is None:
        return _digit_quantities(text)
    folded = folded_view(text)  # Arabic: tables are written in one spelling, no marks
    found = []
    for match in rules.pattern.finditer(folded.text if folded else text):
        quantity = _read_match(match, rules)
        if quantity is None:
            continue
        if folded is None:
            found.append((match.start(), match.end(), quantity))
        else:
            found.append((folded.original(match.start()), folded.original(match.end()), quantity))
    return found


def parse_quantity(text: str, lang: str) -> Quantity | None:
    """The quantity ``text`` states as a whole ("une centaine", "25.000"), else None."""
    stripped = text.strip()
    for start, end, quantity in find_quantities(stripped, lang):
        if start == 0 and end == len(stripped):
            return quantity
    return None


def _digit_quantities(text: str) -> list[tuple[int, int, Quantity]]:
    found = []
    for match in DIGITS_ONLY.finditer(text):
        value = _digits_value(match.group("int"), match.group("dec"), 1)
        if value is not None:
            found.append((match.start(), match.end(), Quantity(value)))
    return found


def _read_match(match: re.Match[str], rules: NumberRules) -> Quantity | None:
    groups = match.groupdict()
    qualifier = rules.qualifiers.get(_fold(_squash(groups["qual"]))) if groups["qual"] else None
    for index in range(len(rules.range_patterns)):
        if groups.get(f"range{index}"):
            ranged = _read_range(groups[f"rl{index}"], groups[f"rh{index}"], rules)
            if ranged is not None:
                return ranged  # else a hyphenated number word: "vingt-deux"
    if groups["vague"]:
        low, high, name = rules.vague[_fold(_squash(groups["vague"]))]
        return Quantity(None, low, high, name)
    if groups["approx"]:
        centre = rules.approx[_fold(_squash(groups["approx"]))]
        return _qualified(centre, qualifier or "about")
    body = match.group(0)[len(groups["qual"] or "") :].strip()
    value = read_number(body, rules)
    return None if value is None else _qualified(value, qualifier)


def _qualified(value: int, qualifier: str | None) -> Quantity:
    """Bounds follow from the qualifier: 'more than 130' has low 130, 'fewer than' a high."""
    if qualifier in ("at least", "more than"):
        return Quantity(value, value, None, qualifier)
    if qualifier in ("fewer than", "up to", "at most", "nearly"):
        return Quantity(value, None, value, qualifier)
    return Quantity(value, None, None, qualifier)


def _read_range(low_text: str, high_text: str, rules: NumberRules) -> Quantity | None:
    low, high = read_number(low_text, rules), read_number(high_text, rules)
    if low is None or high is None or low >= high:
        return None
    return Quantity(None, low, high, "range")


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip())


def read_number(text: str, rules: NumberRules) -> int | None:
    """Digits (with an optional scale word) or number words as an integer."""
    digits = re.match(_DIGITS, text)
    if digits:
        rest = _fold(_squash(text[digits.end() :]))
        if rest and rest not in rules.scales:
            return None
        return _digits_value(digits.group("int"), digits.group("dec"), rules.scales.get(rest, 1))
    return _words_value(text, rules)


def _digits_value(integer: str, decimal: str | None, scale: int) -> int | None:
    whole = re.sub(r"\D", "", integer)
    if decimal and scale == 1:
        return None  # "2.5" alone counts nothing; "2.5 million" does
    value = float(whole + "." + decimal[1:]) if decimal else float(whole)
    result = int(round(value * scale))
    return result if result <= MAX_COUNT else None


def _words_value(text: str, rules: NumberRules) -> int | None:
    folded = _fold(_squash(text))
    if folded in rules.articles:
        return None  # "un", "a", "ein" alone are articles, not counts
    if rules.lang in NUMBER_PARSER_LANGUAGES:
        parsed = parse_number(folded, language=rules.lang)
        if isinstance(parsed, int) and parsed > 0:
            return parsed
    return compose(_morphemes(folded, rules), rules)


def _morphemes(folded: str, rules: NumberRules) -> list[str]:
    """Table entries of a number phrase, longest first ("quatre-vingt-dix" → 80, 10).

    Compound languages also split inside a word ("dreihundert" → drei, hundert).
    """
    known = _known_pieces(rules)
    pieces: list[str] = []
    position = 0
    while position < len(folded):
        if folded[position] in " -":
            position += 1
            continue
        piece = next((k for k in known if _piece_at(folded, position, k, rules)), None)
        if piece is None:
            return []
        pieces.append(piece)
        position += len(piece)
    return pieces


def _piece_at(folded: str, position: int, piece: str, rules: NumberRules) -> bool:
    """A table entry at ``position`` that ends a word (or is glued, as compounds and
    Arabic's و 'and' are: "خمسة وعشرون")."""
    if not folded.startswith(piece, position):
        return False
    after = position + len(piece)
    glued = rules.compound or piece in rules.joiners
    return glued or after == len(folded) or not folded[after].isalnum()


@cache
def _known_pieces_cached(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


def _known_pieces(rules: NumberRules) -> tuple[str, ...]:
    return _known_pieces_cached(tuple(sorted(set(rules.words) | rules.joiners)))


def compose(tokens: list[str], rules: NumberRules) -> int | None:
    """Build an integer from number-word tokens: units add, hundreds and scales multiply,
    a multiplier ("puluh": tens) multiplies what was said since the last hundred
    ("dua ratus lima puluh" = 200 + 5 × 10)."""
    total = current = 0
    seen = False
    for token in tokens:
        if token in rules.joiners:
            continue
        value = rules.words.get(token)
        if value is None:
            return None
        seen = True
        if token in rules.multipliers:
            below = current % 100
            current += (max(below, 1) * value) - below
        elif value == 100:
            current = max(current, 1) * 100
        elif value >= 1000:
            total += max(current, 1) * value
            current = 0
        else:
            current += value
    result = total + current
    return result if seen and 0 < result <= MAX_COUNT else None
