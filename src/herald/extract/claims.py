"""Count claims: who says how many protested, were arrested, injured or killed.

A count is an attributed claim, never a fact: "80 per the prefecture, 130 per the organisers"
is two claims. For every quantity numbers.py finds in a sentence this module decides

1. the field, from what the number attaches to: an outcome word before or after it
   ("police arrested 14", "five killed", "200 blessés"; in verb-first clauses a subject
   may sit between, "قتل مسلحون 13 مدنيا"), a toll noun earlier in the clause ("the
   death toll ... has risen to 20"), else the noun it counts ("130 militants" is a
   crowd; "300 workers" only when the sentence speaks of a protest; "three officers"
   only with an outcome, read past an apposition: "7 civilians, 3 of them women, were
   killed"); a bare number takes the field of the count just before it in the sentence
   ("36.000 manifestants ... et 5.500 à Paris");
2. who claims it: the nearest attribution phrase in the sentence ("selon la préfecture",
   "police said", "Generation Identitaire claimed"), crossing a comma costing more than
   plain distance, else ``outlet`` (the article states it unattributed).

Counts no number states: a single victim ("a soldier was killed"), an Arabic dual
("مقتل شخصين", two killed), and zero ("no one was hurt", "пострадавших нет"), which is
a claim of its own, distinct from silence.

Conventions: vehicles (tractors, cars in a convoy) at a protest are the crowd ACLED and
the gold sets code, so they come out as ``crowd_size`` with ``vehicles`` appended to the
qualifier, never as people. Numbers that count nothing human (dates, times, ages,
percentages, money, distances) are ignored. Background clauses are not filtered here: the
caller decides which sentences belong to which event.

Rules are data: ``rules/claims_<lang>.json``, one for every language with a trigger
table (declined nouns and participles by stems, "погибш*"; Arabic spellings, marks and
clitics through letters.py). A language without a table yields no claims (its digits are
still read by numbers.py, but nothing says what they count).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from herald.extract.letters import CAPITAL, SENTENCE_OPENER, WORD_CHAR, fold_letters, folded_view
from herald.extract.numbers import Quantity, base_language, find_quantities
from herald.extract.rules import longest_first, phrase_alternation, read_table
from herald.model import Article, Claim, ClaimField, Evidence

RULES_DIR = Path(__file__).parent / "rules"
REQUIRED_KEYS = ("crowd_nouns", "people_nouns", "protest_cues", "outcomes", "attribution")
FIELDS: tuple[ClaimField, ...] = ("arrests", "injuries", "fatalities")
UNATTRIBUTED = "outlet"

# Words read after a number to find the noun it counts: "130 right-wing activists",
# "une quinzaine de militants identitaires". 4 keeps adjectives and "of"; 5+ started to
# reach nouns of the next clause on realnews-dev.
HEAD_WINDOW = 4
# Words read after the counted noun for its predicate: "Fourteen members of the French
# Identitarian movement have been arrested" needs 8.
PREDICATE_WINDOW = 9
# Words read before a number for an outcome verb or a crowd frame ("police arrested 14",
# "killing at least five", "put numbers at 80").
BEFORE_WINDOW = 4
# Sources reach their number through this many words: "according to the Paris police".
SOURCE_WINDOW = 5
# An apposition between a source and its verb can be long: "the organisers, a coalition
# of health-sector unions led by the CGT, put the figure at 2,000" (16 words).
APPOSITION_WINDOW = 16
# Words from a toll noun to its number: "the death toll from Sunday's blasts at two
# churches in the city has risen to 20" (12).
TOLL_WINDOW = 14
# Words between a negation and its outcome: "no immediate reports of injuries" (4).
ZERO_WINDOW = 4
# Words an apposition may hold between its commas: "34 civilians, 16 of them women and
# 6 minors, were wounded" (7).
APPOSITION_WORDS = 8
# Distance penalty (in characters) for each comma or semicolon between a number and an
# attribution: "80 per the prefecture, 130 per the organisers" gives each number the
# source on its own side of the comma.
COMMA_PENALTY = 60
YEAR_RANGE = range(1900, 2101)
# Vague amounts whose upper bound is under this ("several", "a handful") name no crowd:
# on realnews-dev every such crowd reading was "several protesters" colour, not a count.
SMALL_VAGUE = 10

# A sentence ends at . ! ? … (Arabic ؟ and ۔, the Indic danda) before a capital, a letter
# of a script without case, or a digit.
_SENTENCE_END = re.compile(
    rf"(?<=[.!?…؟۔।])[\"'”»)\]]*\s+(?=[\"'“«(\[]?[{SENTENCE_OPENER}])|\n+")
_WORD = re.compile(rf"{WORD_CHAR}+(?:['’]{WORD_CHAR}+)*")
# Arabic script has its own comma, semicolon and question mark (، ؛ ؟).
_CLAUSE_PUNCT = re.compile(r"[.;:!?(),\"“”«»،؛؟]")
# Quotes may sit between number and noun: «1 000» tracteurs.
_HEAD_STOP = re.compile(r"[.;:!?(),،؛؟]")
_QUOTE = re.compile(r"[\"“”«»„]")
_APPOSITION_OPEN = re.compile(r"\s*[,،]")
_APPOSITION = re.compile(  # words split by spaces only: no backtracking into a word
    rf"\s*[^\s.;:!?(),،؛؟]+(?:\s+[^\s.;:!?(),،؛؟]+){{0,{APPOSITION_WORDS - 1}}}\s*[,،]")
_CURRENCY = re.compile(r"[$€£¥₹]\s*$")


@dataclass(frozen=True)
class ClaimRules:
    """One language's claim table, compiled to regexes once."""

    crowd: re.Pattern[str]
    people: re.Pattern[str]
    other: re.Pattern[str]
    vehicle: re.Pattern[str]
    blocker: re.Pattern[str]
    # Words after which a number is a name, not a count: a road ("Interstate 630", "Ruta
    # 3"), a day of the month ("no último dia 2").
    number_name: re.Pattern[str]
    cue: re.Pattern[str]
    crowd_verb: re.Pattern[str]
    crowd_before: re.Pattern[str]
    partitive: re.Pattern[str]
    # "of the" in "one of the injured": a part of an outcome's group, not a new count.
    group_partitive: re.Pattern[str]
    after: dict[ClaimField, re.Pattern[str]]
    before: dict[ClaimField, re.Pattern[str]]
    clause_break: re.Pattern[str]
    year_preposition: re.Pattern[str]
    attribution_prefix: re.Pattern[str]
    attribution_verb: re.Pattern[str]
    sources: dict[str, str]
    source: re.Pattern[str]
    pronoun: re.Pattern[str]
    singular: re.Pattern[str]
    # Nouns whose form says two (the Arabic dual: "شخصين", two persons).
    dual: re.Pattern[str]
    # Zero: "no one was hurt", "aucune interpellation" (none_before an outcome),
    # "пострадавших нет" (none_after one); none_blockers say the figure is unknown,
    # not zero ("no word on casualties").
    none_before: re.Pattern[str]
    none_after: re.Pattern[str]
    none_blockers: re.Pattern[str]
    # "death toll", "число погибших" (per field) and what brings it to a number ("rose
    # to", "достигло"): the toll may stand far before its number.
    toll: dict[ClaimField, re.Pattern[str]]
    toll_verb: re.Pattern[str]
    # Words allowed between an outcome verb and its number: the subject of a verb-first
    # clause ("قتل مسلحون 13 مدنيا", gunmen killed 13 civilians), "ещё" (another).
    before_gap: int = 0
    proclitics: tuple[str, ...] = ()
    # A case ending after an apostrophe may close a source: "İçişleri Bakanlığı'na göre".
    apostrophe_suffixes: bool = False


@cache
def claim_rules(lang: str) -> ClaimRules | None:
    """The compiled table for a language, or None where none is written."""
    path = RULES_DIR / f"claims_{base_language(lang)}.json"
    if not path.exists():
        return None
    return _compile(read_table(path, tuple(REQUIRED_KEYS)))


def _compile(data: dict[str, Any]) -> ClaimRules:
    outcomes = data["outcomes"]
    attribution = data["attribution"]
    clitics = data.get("proclitics", [])

    def phrases(items: list[str]) -> re.Pattern[str]:
        return _phrases(items, clitics)

    sources = {_fold(k): v for k, v in attribution["sources"].items()}
    return ClaimRules(
        crowd=phrases(data["crowd_nouns"]),
        people=phrases(data["people_nouns"]),
        other=phrases(data.get("other_nouns", [])),
        vehicle=phrases(data.get("vehicle_nouns", [])),
        blocker=phrases(data.get("blockers", [])),
        number_name=phrases(data.get("number_names", [])),
        cue=phrases(data["protest_cues"]),
        crowd_verb=phrases(data.get("crowd_verbs", [])),
        crowd_before=phrases(data.get("crowd_before", [])),
        partitive=phrases(data.get("partitives", [])),
        group_partitive=phrases(data.get("group_partitives", [])),
        after={f: phrases(outcomes[f]["after"]) for f in FIELDS},
        before={f: phrases(outcomes[f]["before"]) for f in FIELDS},
        clause_break=phrases(data.get("clause_breaks", [])),
        year_preposition=phrases(data.get("year_prepositions", [])),
        attribution_prefix=phrases(attribution["prefixes"]),
        attribution_verb=phrases(attribution["verbs"]),
        sources=sources,
        source=phrases(list(sources)),
        pronoun=phrases(attribution.get("pronouns", [])),
        singular=_singular_pattern(data.get("one_articles", []), data.get("singular_nouns", []),
                                   clitics),
        dual=phrases(data.get("dual_nouns", [])),
        none_before=phrases(data.get("none_before", [])),
        none_after=phrases(data.get("none_after", [])),
        none_blockers=phrases(data.get("none_blockers", [])),
        toll={f: phrases(data.get("tolls", {}).get(f, [])) for f in FIELDS},
        toll_verb=phrases(data.get("toll_verbs", [])),
        before_gap=int(data.get("before_gap", 0)),
        proclitics=tuple(clitics),
        apostrophe_suffixes=bool(data.get("apostrophe_suffixes", False)),
    )


def _singular_pattern(articles: list[str], nouns: list[str],
                      clitics: list[str]) -> re.Pattern[str]:
    """An article, up to three modifiers, a singular person noun: 'a male civilian'."""
    if not articles or not nouns:
        return re.compile(r"(?!x)x")
    article = _phrases(articles, clitics).pattern
    noun = _phrases(nouns, clitics).pattern
    return re.compile(rf"{article}\s+(?:[\w’'-]+\s+){{0,3}}?{noun}", re.IGNORECASE)


def _fold(text: str) -> str:
    return fold_letters(text.lower().replace("’", "'"))


def _phrases(phrases: list[str], clitics: list[str] | None = None) -> re.Pattern[str]:
    """Whole-word alternation, longest first; a word ending in * takes any ending
    ('protest*', 'ministerstw* zdrowia').

    ``clitics`` (Arabic و, ب, ال...) may be glued before any phrase: "والشرطة" is the
    police, "لوزارة الصحة" the health ministry.
    """
    if not phrases:
        return re.compile(r"(?!x)x")
    parts = []
    for phrase in longest_first(_fold(p) for p in phrases):
        pieces = [re.escape(piece).replace(r"\ ", r"\s+").replace("'", "['’]")
                  for piece in phrase.split("*")]
        parts.append(f"{WORD_CHAR}*".join(pieces))
    edge_start = rf"(?<!{WORD_CHAR})"
    if clitics:
        edge_start += f"(?:{phrase_alternation(longest_first(_fold(c) for c in clitics))})?"
    alternation = phrase_alternation(parts)
    return re.compile(edge_start + "(?:" + alternation + rf")(?!{WORD_CHAR})", re.IGNORECASE)


# ---------------------------------------------------------------------------- public


def find_claims(article: Article, start: int, end: int) -> list[Claim]:
    """The count claims stated in ``article.text[start:end]``, in text order.

    Arabic text is read folded (one spelling per letter, no vowel marks, as the tables
    are written) and its evidence mapped back onto the original.
    """
    rules = claim_rules(article.language)
    if rules is None:
        return []
    folded = folded_view(article.text[start:end])
    if folded is None:
        return _span_claims(article, start, end, rules)
    view = Article(id=article.id, text=folded.text, language=article.language)
    claims = _span_claims(view, 0, len(folded.text), rules)
    return [replace(claim, evidence=_unfolded(article, claim.evidence, start, folded.original))
            for claim in claims]


def _span_claims(article: Article, start: int, end: int, rules: ClaimRules) -> list[Claim]:
    claims: list[Claim] = []
    for s_start, s_end in sentence_spans(article.text, start, end):
        claims.extend(_sentence_claims(article, s_start, s_end, rules))
    return claims


def _unfolded(article: Article, evidence: Evidence | None, start: int,
              original: Callable[[int], int]) -> Evidence | None:
    if evidence is None:
        return None
    return article.evidence(start + original(evidence.start), start + original(evidence.end))


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Rough sentence bounds inside [start, end): enough to keep attributions local."""
    spans, cursor = [], start
    for match in _SENTENCE_END.finditer(text, start, end):
        if match.start() > cursor:
            spans.append((cursor, match.start()))
        cursor = match.end()
    if cursor < end:
        spans.append((cursor, end))
    return spans


# ------------------------------------------------------------------------- sentences


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    quantity: Quantity


@dataclass(frozen=True)
class _Reading:
    field: ClaimField
    end: int  # end of the number + noun evidence
    vehicles: bool = False


def _sentence_claims(article: Article, s_start: int, s_end: int, rules: ClaimRules) -> list[Claim]:
    text = article.text
    sentence = text[s_start:s_end]
    quantities = [_Found(s_start + a, s_start + b, q)
                  for a, b, q in find_quantities(sentence, article.language)]
    # A negation inside a number's own words is a hedge ("no fewer than", "ما لا يقل
    # عن"); a number inside a zero phrase is none ("no one was hurt").
    zeros = [z for z in _zero_outcomes(text, s_start, s_end, rules)
             if not any(q.start <= z[0] < q.end for q in quantities)]
    found = [q for q in quantities if not any(z[0] <= q.start < z[1] for z in zeros)]
    attributions = find_attributions(text, s_start, s_end, rules)
    has_cue = bool(rules.cue.search(sentence))
    claims: list[Claim] = []
    previous: _Reading | None = None
    for index, item in enumerate(found):
        limit = found[index + 1].start if index + 1 < len(found) else s_end
        floor = found[index - 1].end if index else s_start
        reading = _read(text, item, (s_start, floor, limit, s_end), rules, has_cue, previous)
        previous = reading
        if reading is None:
            continue
        claims.append(_claim(article, item, reading, attributions))
    taken = [(item.start, item.end) for item in found]
    counted = _counted_outcomes(text, s_start, s_end, rules, taken)
    for start, end, field, value in counted + zeros:
        item = _Found(start, end, Quantity(value))
        claims.append(_claim(article, item, _Reading(field, end), attributions))
    return sorted(claims, key=lambda c: c.evidence.start if c.evidence else 0)


def _zero_outcomes(text: str, s_start: int, s_end: int,
                   rules: ClaimRules) -> list[tuple[int, int, ClaimField, int]]:
    """'No one was hurt', 'police made no arrests', 'пострадавших нет': a figure of zero.

    A report that nobody died is a claim too, and a different one from silence.
    """
    found: list[tuple[int, int, ClaimField, int]] = []
    for match in rules.none_before.finditer(text, s_start, s_end):
        end = _window_end(text, match.end(), s_end, ZERO_WINDOW, stop_at_clause=True)
        quote = _QUOTE.search(text, match.end(), end)  # "no justice, no peace" ends a slogan
        end = quote.start() if quote else end
        if rules.none_blockers.search(text, match.end(), end):
            continue
        outcome = _first_outcome(text, match.end(), end, rules)
        if outcome is not None:
            found.append((match.start(), outcome[1], outcome[0], 0))
    for match in rules.none_after.finditer(text, s_start, s_end):
        before = _window_before(text, s_start, match.start(), ZERO_WINDOW)
        field = next((f for f in FIELDS if _ends_with(rules.after[f], before)
                      or _ends_with(rules.before[f], before)), None)
        if field is not None:
            found.append((match.start() - len(before.lstrip()), match.end(), field, 0))
    return found


def _first_outcome(text: str, start: int, end: int,
                   rules: ClaimRules) -> tuple[ClaimField, int] | None:
    """The field and end of the first outcome word in text[start:end] (an outcome that
    follows what it counts: "no injuries", not "made" of "no statement was made")."""
    best: tuple[int, ClaimField, int] | None = None
    for field in FIELDS:
        match = rules.after[field].search(text, start, end)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), field, match.end())
    return (best[1], best[2]) if best else None


def _counted_outcomes(text: str, s_start: int, s_end: int, rules: ClaimRules,
                      taken: list[tuple[int, int]]) -> list[tuple[int, int, ClaimField, int]]:
    """'killed a man', 'a soldier was killed', 'مقتل شخصين' (killing of two persons): one
    or two arrests, injuries or deaths that no number states.

    Articles are never counts in numbers.py ("un manifestant" is not a crowd of one), so
    a single victim is read here, and only with an outcome; so is a dual noun, whose
    outcome may be the noun itself ("قتيلين", two dead).
    """
    found: list[tuple[int, int, ClaimField, int]] = []
    for pattern, value in ((rules.singular, 1), (rules.dual, 2)):
        for match in pattern.finditer(text, s_start, s_end):
            if any(a <= match.start() < b for a, b in taken):
                continue
            field = _outcome_field(match.group(0), rules) if value == 2 else None
            if field is None:
                before = _window_before(text, s_start, match.start(),
                                        BEFORE_WINDOW + rules.before_gap)
                field = _outcome_before(before, rules)
            if field is None:
                field = _predicate_outcome(text, match.end(), (s_end, s_end), rules)
            if field is not None and field != "crowd_size":
                found.append((match.start(), match.end(), field, value))
    return found


def _claim(article: Article, item: _Found, reading: _Reading,
           attributions: list[tuple[int, int, str]]) -> Claim:
    quantity = item.quantity
    qualifier = quantity.qualifier
    if reading.vehicles:
        qualifier = f"{qualifier}, vehicles" if qualifier else "vehicles"
    return Claim(
        field=reading.field,
        value=quantity.value,
        claimed_by=_nearest_source(article.text, item, attributions),
        article=article.id,
        low=quantity.low,
        high=quantity.high,
        qualifier=qualifier,
        evidence=article.evidence(item.start, reading.end),
    )


# --------------------------------------------------------------------------- fields


def _read(text: str, item: _Found, bounds: tuple[int, int, int, int], rules: ClaimRules,
          has_cue: bool, previous: _Reading | None) -> _Reading | None:
    """What the number counts, or None when it counts nothing Herald codes.

    ``bounds``: the sentence's start, the end of the previous number, the start of the
    next one (each number reads its own words) and the end of the sentence (a toll
    noun may stand before another number, "the toll of the two blasts rose to 20"; an
    apposition may hide the next number, "7 civilians, 3 of them women, were killed").
    """
    s_start, floor, limit, s_end = bounds
    if _not_a_count(text, item, floor, rules):
        return None
    before = _window_before(text, floor, item.start, BEFORE_WINDOW + rules.before_gap)
    head = _head(text, item.end, limit, rules)
    if head is not None and head[0] == "blocker":
        return None  # "killed 25 heads of cattle", "3 days", "two bridges"
    if head is None and _ends_with(rules.number_name,
                                   text[max(floor, item.start - NAME_REACH) : item.start]):
        return None  # "blocked Interstate 630", "la Ruta 3", "no dia 2" (not "dia 3 mil pessoas")
    field = _outcome_before(before, rules) or _toll(text, s_start, item.start, rules)
    if field is not None:
        return _Reading(field, head[2] if head else item.end)
    if item.quantity.value is None and (item.quantity.high or 0) < SMALL_VAGUE:
        return _small_vague(text, head, (limit, s_end), rules)
    if head is not None:
        # "asistieron 20.000 personas": a crowd verb right before the people it counts
        # (the verb-first order of Spanish, Portuguese, Italian) is the sentence's cue.
        verb_first = head[0] == "people" and _ends_with(rules.crowd_verb, before)
        return _from_head(text, head, item, (limit, s_end), rules, has_cue or verb_first)
    return _bare(text, item, (limit, s_end), rules, before, previous)


def _outcome_before(before: str, rules: ClaimRules) -> ClaimField | None:
    """The field of an outcome phrase that ends ``before`` ("police arrested"), or that
    ends it but for up to ``before_gap`` words that are no clause break ("قتل مسلحون",
    killed gunmen)."""
    cut = before
    words = list(_WORD.finditer(before))
    for gap in range(rules.before_gap + 1):
        if gap:
            if gap > len(words) - 1:
                break
            word = words[-gap]
            if rules.clause_break.fullmatch(word.group(0)):
                break
            cut = before[: word.start()]
        for field in FIELDS:
            if _ends_with(rules.before[field], cut):
                return field
    return None


def _toll(text: str, floor: int, start: int, rules: ClaimRules) -> ClaimField | None:
    """'The death toll from Sunday's blasts has risen to 20', 'число погибших в результате
    обстрела достигло девяти': a toll noun earlier in the clause, a verb of rising or
    reaching right before the number."""
    clause = _window_before(text, floor, start, TOLL_WINDOW)
    if not _ends_with(rules.toll_verb, clause):
        return None
    last: tuple[int, ClaimField] | None = None
    for field in FIELDS:
        for match in rules.toll[field].finditer(clause):
            if last is None or match.start() > last[0]:
                last = (match.start(), field)
    return last[1] if last else None


# How far before a number the word it names after may start ("Bundesstraße " is 13).
NAME_REACH = 24


def _not_a_count(text: str, item: _Found, floor: int, rules: ClaimRules) -> bool:
    """Money, times, years and numbers glued to units ("41-year-old", "9 p.m.")."""
    if _CURRENCY.search(text[max(floor, item.start - 3) : item.start]):
        return True
    if rules.blocker.match(text[item.end : item.end + 12].lstrip(" -\u00a0")):
        return True
    value = item.quantity.value
    literal = text[item.start : item.end]
    if value in YEAR_RANGE and literal.isdigit():
        before = _window_before(text, floor, item.start, 1)
        return (bool(_ends_with(rules.year_preposition, before)) or _month_before(text, item)
                or _after_name(before))
    return False


def _after_name(before: str) -> bool:
    """'Finance Bill 2024 protesters': a year-like number right after a capitalised word."""
    words = before.split()
    return bool(words) and words[-1][:1].isupper()


def _small_vague(text: str, head: tuple[str, int, int] | None, limits: tuple[int, int],
                 rules: ClaimRules) -> _Reading | None:
    """'several', 'a few': too vague for a crowd, still a report of arrests or deaths."""
    if head is None:
        return None
    if head[0] == "outcome":
        field = _outcome_field(text[head[1] : head[2]], rules)
        return _Reading(field, head[2]) if field else None
    outcome = _predicate_outcome(text, head[2], limits, rules)
    return _Reading(outcome, head[2]) if outcome and outcome != "crowd_size" else None


def _month_before(text: str, item: _Found) -> bool:
    """'12 March 2022': a year right after a day and month."""
    return bool(re.search(r"\w+\s+\d{1,2},?\s*$|\d{1,2}[./]\d{1,2}[./]?\s*$",
                          text[max(0, item.start - 20) : item.start]))


def _head(text: str, start: int, limit: int, rules: ClaimRules) -> tuple[str, int, int] | None:
    """The first lexicon word after the number: (kind, start, end) or None."""
    window_end = _window_end(text, start, limit, HEAD_WINDOW, stop_at_clause=True)
    window = text[start:window_end]
    kinds = [("blocker", rules.blocker), ("outcome", _any_outcome(rules)),
             ("crowd", rules.crowd), ("people", rules.people), ("other", rules.other),
             ("vehicle", rules.vehicle)]
    best: tuple[str, int, int] | None = None
    for kind, pattern in kinds:
        match = pattern.search(window)
        if match and (best is None or match.start() + start < best[1]):
            best = (kind, start + match.start(), start + match.end())
    return best


def _any_outcome(rules: ClaimRules) -> re.Pattern[str]:
    return _joined_outcomes(id(rules), tuple(rules.after[f].pattern for f in FIELDS))


@cache
def _joined_outcomes(_key: int, patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def _from_head(text: str, head: tuple[str, int, int], item: _Found, limits: tuple[int, int],
               rules: ClaimRules, has_cue: bool) -> _Reading | None:
    kind, h_start, h_end = head
    limit = limits[0]
    if kind == "blocker":
        return None
    if kind == "outcome":
        group = rules.group_partitive.search(text, item.end, h_start)
        if group and not text[group.end() : h_start].strip():
            return None  # "one of the injured", "двое из погибших": a part, not a count
        field = _outcome_field(text[h_start:h_end], rules)
        return _Reading(field, h_end) if field else None
    outcome = _predicate_outcome(text, h_end, limits, rules)
    if outcome is not None and outcome != "crowd_size":
        return _Reading(outcome, h_end)
    partitive = bool(rules.partitive.match(text, item.end, limit)
                     or rules.partitive.search(text[item.end : h_start]))
    if partitive or item.quantity.value == 1:
        return None
    if kind == "vehicle":
        counted = has_cue or outcome == "crowd_size"
        return _Reading("crowd_size", h_end, vehicles=True) if counted else None
    if kind == "crowd" or (kind == "people" and has_cue) or outcome == "crowd_size":
        return _Reading("crowd_size", h_end)
    return None


def _outcome_field(phrase: str, rules: ClaimRules) -> ClaimField | None:
    for field in FIELDS:
        if rules.after[field].fullmatch(phrase.strip()):
            return field
    return None


def _predicate_outcome(text: str, start: int, limits: tuple[int, int],
                       rules: ClaimRules) -> ClaimField | None:
    """An outcome in the predicate of the counted noun, unless a protest verb comes first.

    A crowd verb first ("40 police officers demonstrated") gives ``crowd_size``; another
    protest cue first ("clashed", "protested the killing of") gives None. An apposition
    between commas is read past ("Ten people, two of them children, were killed").
    """
    limit, s_end = limits
    end = _window_end(text, start, limit, PREDICATE_WINDOW, stop_at_clause=True)
    found = _predicate_in(text, start, end, rules)
    if found is None:
        resume = _after_apposition(text, end, s_end)
        if resume is not None:
            later = _window_end(text, resume, s_end, PREDICATE_WINDOW, stop_at_clause=True)
            found = _predicate_in(text, resume, later, rules)
    return found[0] if found else None


def _after_apposition(text: str, end: int, s_end: int) -> int | None:
    """Where the predicate resumes after ", an apposition," that starts at ``end``."""
    opening = _APPOSITION_OPEN.match(text, end, s_end)
    if opening is None:
        return None
    closing = _APPOSITION.match(text, opening.end(), s_end)
    return closing.end() if closing else None


def _predicate_in(text: str, start: int, end: int,
                  rules: ClaimRules) -> tuple[ClaimField | None] | None:
    """(field or None for a protest cue) of the first predicate word, None if none."""
    broken = rules.clause_break.search(text, start, end)
    if broken:
        end = broken.start()
    window = text[start:end]
    first: tuple[int, ClaimField | None] | None = None
    verb = rules.crowd_verb.search(window)
    cue = rules.cue.search(window)
    if verb and (cue is None or verb.start() <= cue.start()):
        first = (verb.start(), "crowd_size")
    elif cue:
        first = (cue.start(), None)
    for field in FIELDS:
        match = rules.after[field].search(window)
        if match and (first is None or match.start() < first[0]):
            first = (match.start(), field)
    return (first[1],) if first else None


def _bare(text: str, item: _Found, limits: tuple[int, int], rules: ClaimRules, before: str,
          previous: _Reading | None) -> _Reading | None:
    """A number with no noun: '500 marched', 'a crowd of 500', 'et 5.500 à Paris',
    'another 22, most of them farmers, were wounded'."""
    if item.quantity.value == 1:
        return None
    after = text[item.end : limits[0]]
    if rules.crowd_verb.match(after.lstrip()):
        return _Reading("crowd_size", item.end)
    if rules.crowd_before.search(before) or rules.crowd.search(before):
        return _Reading("crowd_size", item.end)  # "a crowd of 500", "activists – some 30 –"
    if _APPOSITION_OPEN.match(after):
        predicate = _predicate_outcome(text, item.end, limits, rules)
        if predicate is not None:
            return _Reading(predicate, item.end)
    if previous is not None and _elliptic(after, rules):
        return _Reading(previous.field, item.end, previous.vehicles)
    return None


def _elliptic(after: str, rules: ClaimRules) -> bool:
    """Nothing noun-like follows: punctuation, a preposition, a source, a place name."""
    rest = after.lstrip(" \u00a0»”\"'")
    if not rest or _CLAUSE_PUNCT.match(rest) or rules.attribution_prefix.match(rest):
        return True
    word = _WORD.match(rest)
    return bool(word and len(word.group(0)) <= 3 and word.group(0).islower())


def _noun_end(text: str, start: int, limit: int, rules: ClaimRules) -> int:
    head = _head(text, start, limit, rules)
    if head is not None and head[0] != "blocker":
        return head[2]
    return start


# -------------------------------------------------------------------------- windows


def _window_end(text: str, start: int, limit: int, words: int, stop_at_clause: bool) -> int:
    """End of the next ``words`` words after ``start``, stopping at clause punctuation."""
    end, count = start, 0
    for match in _WORD.finditer(text, start, limit):
        gap = text[end : match.start()]
        if stop_at_clause and _HEAD_STOP.search(gap):
            break
        end, count = match.end(), count + 1
        if count >= words:
            break
    return end


def _window_before(text: str, floor: int, start: int, words: int) -> str:
    """The last ``words`` words before ``start`` (after ``floor``), up to clause punctuation."""
    segment = text[floor:start]
    cut = max((m.end() for m in _CLAUSE_PUNCT.finditer(segment)), default=0)
    segment = segment[cut:]
    tokens = list(_WORD.finditer(segment))
    if len(tokens) > words:
        segment = segment[tokens[-words].start() :]
    return segment


def _ends_with(pattern: re.Pattern[str], text: str) -> bool:
    """Whether a phrase of ``pattern`` ends the text (up to trailing spaces/quotes)."""
    trimmed = text.rstrip(" \u00a0«“\"'")
    return any(m.end() == len(trimmed) for m in pattern.finditer(trimmed))


# ---------------------------------------------------------------------- attribution


def find_attributions(text: str, start: int, end: int,
                      rules: ClaimRules) -> list[tuple[int, int, str]]:
    """(start, end, source) of every attribution phrase in one sentence."""
    found = []
    for match in rules.attribution_prefix.finditer(text, start, end):
        source = _source_after(text, match.end(), end, rules)
        if source:
            found.append((match.start(), source[0], source[1]))
    for match in rules.attribution_verb.finditer(text, start, end):
        after = _source_after(text, match.end(), end, rules)
        if after and text[start : match.start()].rstrip().endswith((",", "،")):
            # "…devant la mairie, a indiqué la police": after a comma the verb comes
            # first and its subject follows; the name before the comma is a place.
            found.append((match.start(), after[0], after[1]))
            continue
        source = _source_before(text, start, match.start(), rules)
        if source:
            found.append((source[0], match.end(), source[1]))
            continue
        if after:
            found.append((match.start(), after[0], after[1]))
    found.extend(_gapped_attributions(text, start, end, rules))
    return found


# "La préfecture a compté 5 000 manifestants, les organisateurs 12 000", "die Polizei
# sprach von 5000, die Veranstalter von 12.000": the second clause leaves out its verb,
# so its source stands alone before its figure, a preposition at most between
# ("von", "en", "at"; a longer word is a verb: "and police arrested 12").
_GAPPED_FIGURE = re.compile(r"[ \t]*,?[ \t]*(?:[^\W\d_]{1,3}[ \t]+)?(?=\d)")
_LAST_WORD = re.compile(r"(\w+)\W*$")


def _gapped_attributions(text: str, start: int, end: int,
                         rules: ClaimRules) -> Iterator[tuple[int, int, str]]:
    """A source that opens a clause without a verb (after a comma or a clause break
    such as "and", "y", "und") and is followed by a figure claims that figure."""
    for match in rules.source.finditer(text, start, end):
        before = text[start : match.start()].rstrip()
        last = _LAST_WORD.search(before)
        opens_clause = before.endswith((",", ";", "،")) or bool(
            last and rules.clause_break.fullmatch(last.group(1)))
        if opens_clause and _GAPPED_FIGURE.match(text, match.end(), end):
            yield match.start(), match.end(), _source_name(rules, match.group(0))


def _source_after(text: str, start: int, end: int, rules: ClaimRules) -> tuple[int, str] | None:
    """The source named right after a cue: (end of the name, canonical source)."""
    window_end = _window_end(text, start, end, SOURCE_WINDOW, stop_at_clause=True)
    match = rules.source.search(text, start, window_end)
    name = _NAME.match(text, start, end)
    if match and (name is None or match.start() <= name.start() + 4):
        return match.end(), _source_name(rules, match.group(0))
    if name and not _is_determiner_only(name.group(0)):
        return name.end(), _clean_name(name.group(0))
    return None


def _source_before(text: str, floor: int, start: int, rules: ClaimRules) -> tuple[int, str] | None:
    """The source right before a reporting verb: 'police said', 'Britain First claimed'.

    A pronoun subject reaches back to the source it stands for: "Quant à la préfecture
    de police, elle a dénombré 412 arrestations".
    """
    segment = text[floor:start]
    trimmed = segment.rstrip(" ,،\u00a0")
    if rules.apostrophe_suffixes:
        trimmed = _APOSTROPHE_SUFFIX.sub("", trimmed)
    pronoun = rules.pronoun.search(trimmed)
    if pronoun and pronoun.end() == len(trimmed):
        trimmed = trimmed[: pronoun.start()].rstrip(" ,،\u00a0")
    tokens = list(_WORD.finditer(trimmed))
    window_start = tokens[-SOURCE_WINDOW].start() if len(tokens) >= SOURCE_WINDOW else 0
    for match in rules.source.finditer(trimmed, window_start):
        if match.end() >= len(trimmed) - 1 or _OF_PLACE.fullmatch(trimmed[match.end() :]):
            return floor + match.start(), _source_name(rules, match.group(0))
    if segment.rstrip(" \u00a0").endswith((",", "،")):
        return _source_before_apposition(trimmed, floor, rules)
    name = _NAME_BEFORE.search(trimmed)
    if name and not _is_determiner_only(name.group(0)):
        return floor + name.start(), _clean_name(name.group(0))
    return None


def _source_before_apposition(
    trimmed: str, floor: int, rules: ClaimRules
) -> tuple[int, str] | None:
    """Before a comma, the subject is a known source opening an apposition ("the
    organisers, a coalition of unions, put the figure at"); any other name there is not
    the speaker ("…cours Gambetta, a indiqué la préfecture": the subject follows)."""
    tokens = list(_WORD.finditer(trimmed))
    window_start = tokens[-APPOSITION_WINDOW].start() if len(tokens) >= APPOSITION_WINDOW else 0
    openers = [match for match in rules.source.finditer(trimmed, window_start)
               if trimmed[match.end() :].lstrip().startswith((",", "،"))]
    if not openers:
        return None
    last = openers[-1]  # the subject nearest the verb
    return floor + last.start(), _source_name(rules, last.group(0))


def _source_name(rules: ClaimRules, matched: str) -> str:
    """The canonical name of a matched source phrase: the table's entry for it, found
    by spelling, else by the entry whose own pattern matches it (a stem, "полици*", or a
    form with a clitic, "والشرطة")."""
    folded = _fold(" ".join(matched.split()))
    exact = rules.sources.get(folded)
    if exact is not None:
        return exact
    for key in longest_first(rules.sources):
        if _source_pattern(key, rules.proclitics).fullmatch(matched):
            return rules.sources[key]
    return folded


@cache
def _source_pattern(key: str, clitics: tuple[str, ...]) -> re.Pattern[str]:
    return _phrases([key], list(clitics))


_APOSTROPHE_SUFFIX = re.compile(r"['’]\w{1,5}$")

# "la préfecture de police de Paris", "the police of Calais": a source and its place.
_OF_PLACE = re.compile(rf"\s*(?:de|d'|of|du|der|des|di|del|van|von)\s*[{CAPITAL}][\w-]*"
                       rf"(?:\s+[{CAPITAL}][\w-]*)?\s*")

# A proper name: capitalised words, with particles, "Génération Identitaire", "Britain First".
_CAP = rf"[{CAPITAL}][\w’'\-]*"
_NAME = re.compile(rf"\s*(?:(?:the|la|le|les|l'|die|der|el|los|las|il|lo|de|het|o|a)\s+)?"
                   rf"({_CAP}(?:\s+(?:de|du|des|of|van|von|der|del|di)?\s*{_CAP}){{0,3}})")
_NAME_BEFORE = re.compile(rf"({_CAP}(?:\s+{_CAP}){{0,3}})$")
_DETERMINERS = frozenset({"the", "la", "le", "les", "die", "der", "das", "el", "los", "las",
                          "il", "lo", "het", "de", "a", "an", "they", "it", "he", "she",
                          "we", "this", "that", "ils", "elle", "sie", "ellos"})


def _is_determiner_only(name: str) -> bool:
    return name.strip().lower() in _DETERMINERS


def _clean_name(name: str) -> str:
    """'The Workers Front' → 'Workers Front': the name as a group would sign it."""
    words = name.split()
    while len(words) > 1 and words[0].lower() in _DETERMINERS:
        words = words[1:]
    return " ".join(words)


def _nearest_source(text: str, item: _Found, attributions: list[tuple[int, int, str]]) -> str:
    """The attribution closest to the number; commas between them count extra."""
    best, best_cost = UNATTRIBUTED, None
    for a_start, a_end, source in attributions:
        cost = _cost(text, item, a_start, a_end)
        if best_cost is None or cost < best_cost:
            best, best_cost = source, cost
    return best


def _cost(text: str, item: _Found, a_start: int, a_end: int) -> int:
    if a_end <= item.start:
        gap = text[a_end : item.start]
    elif a_start >= item.end:
        gap = text[item.end : a_start]
    else:
        return 0
    return len(gap) + COMMA_PENALTY * len(re.findall(r"[,;،؛]", gap))
