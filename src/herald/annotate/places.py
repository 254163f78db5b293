"""Place and country mentions: a gazetteer pass over capitalised names, then one choice
per name for the whole article.

The small spaCy models miss many places and tag some as people ("Calais" as PERSON), and
most languages have no NER here at all, so every language gets the same pass: the longest
run of capitalised tokens (with particles such as "sur" or "am" inside) that the gazetteer
knows. Common words are kept out by the per-language stoplist, by capitalisation (a lone
name opening a sentence needs support), and by population floors. Each name is then
resolved against the countries the article is about: its country names, demonyms, the
outlet's top-level domain and its unambiguous places.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from urllib.parse import urlsplit

from spacy.tokens import Doc, Span, Token

from herald.annotate import gazetteer as gz
from herald.annotate import morphology
from herald.annotate.rules import AnnotateRules, data_table
from herald.model import Article, Mention
from herald.rules_io import phrase_before_a_name

# Longest place name we try, in tokens ("Saint-Martin-de-Ré" is 7 with its hyphens).
MAX_NAME_TOKENS = 8
# A name only the gazetteer supports must be a town this big, or one of this size in a
# country the article is about: villages share names with surnames and common words.
# Swept 1k-20k on realnews-dev place recall vs. false places in comments-free bodies.
MIN_POP_GAZETTEER_ONLY = 5_000
MIN_POP_IN_CONTEXT = 1_000
# Matching only a place's alternate name ("Road" for Rode, GB) is weak evidence outside
# the article's countries; exonyms of real interest ("Bruxelles") name big cities.
MIN_POP_ALTERNATE_NAME = 50_000
# Names of three letters or fewer are mostly acronyms ("AfD", "CGT") unless big cities.
SHORT_NAME_CHARS = 3
MIN_POP_SHORT_NAME = 100_000
MAX_ACRONYM_LETTERS = 5
MIN_NAME_CHARS = 4  # an unknown NER place shorter than this is an elision or a fragment
MIN_MARKED_NAME_CHARS = 3  # unless a settlement word names it one: "Zir town"
# In a language that capitalises nouns and has no NER, a town named without "in", a
# dateline or a qualifier must be a city this big ("Lage" is also "situation").
MIN_POP_UNMARKED_NOUN = 100_000
# In a script without capitals, a name that is not after a locative must be a place
# this big: a metropolis named bare (Beirut), not a common word that a town also bears.
MIN_POP_CASELESS = 1_000_000
# A name the NER tagged as a person or organisation is still a place when it is a town
# this big (the English model tags "Calais" as PERSON).
MIN_POP_RESCUE = 20_000
# A name right after a locative preposition ("demonstrated in Ribnitz-Damgarten", "near
# Pryvitne") whose own name, not an alternate, is in the gazetteer is a place at any size:
# the preposition says "where", which the NER often misreads as an organisation. 500 is
# the gazetteer's own floor (cities500); acled-notes-dev village recall is what it buys.
MIN_POP_LOCATIVE = 500
# A country name is a city-state place when a same-named city holds this share of it
# (Hong Kong, Singapore, Monaco; not Luxembourg).
CITY_STATE_SHARE = 0.3
# Score weights: log10(population) is the base; the article's share of context (under 1,
# see CONTEXT_PRIOR) and an explicit
# qualifier ("Paris, Texas") outweigh up to 3 and 4 orders of magnitude of population.
CONTEXT_WEIGHT = 4.0
# Namesakes of like size are told apart by prominence (``Place.prominence``): half an
# order of magnitude of population per tenfold names. Newton, Massachusetts (33 names)
# over Newton, British Columbia (a Surrey suburb of 159,000 with one).
PROMINENCE_WEIGHT = 0.5
QUALIFIER_WEIGHT = 4.0
CITY_BONUS = 0.3  # a city over a same-named region or country: events happen in towns
# A second-level region's summed population makes it outweigh its own seat ("Zamora"
# province over Zamora); named alone, the town is meant. 1.5 is ~30x the population.
ADMIN2_PENALTY = 1.5
REGION_FEATURES = ("admin1", "admin2")
# Words after a name that make it a settlement, not an administrative area.
SETTLEMENT_WORDS = frozenset({
    "town", "village", "city", "area", "countryside", "neighborhood", "neighbourhood",
    "hamlet", "camp", "ciudad", "pueblo", "aldea", "localidad", "ville", "localite",
    "localité", "hameau", "citta", "città", "frazione", "cidade", "stadt", "dorf", "selo",
})
# A place whose own name is the text beats one that merely has it among alternate names
# (Parma, Italy over Perm, Russia, once called Parma): worth one order of magnitude.
MAIN_NAME_BONUS = 1.0
# A place counts as context when it dominates its namesakes by this factor.
UNAMBIGUOUS_RATIO = 10
UNAMBIGUOUS_MIN_POP = 50_000
# Context weights by what named the country. A country or region named outright is
# strong evidence; an unambiguous town less; a nationality least, since it mostly
# qualifies an actor ("Russian forces shelled ... Donetsk" is in Ukraine). Checked on
# acled-notes-dev country accuracy (demonyms at 1 picked Donetsk, RU over Donetsk, UA).
COUNTRY_NAME_WEIGHT = 2.0
REGION_NAME_WEIGHT = 2.0
PLACE_WEIGHT = 1.0
DEMONYM_WEIGHT = 0.25
TLD_WEIGHT = 2.0
# A pseudo-count in the share's denominator: one weak hint (a lone demonym) must not
# give its country the whole context bonus.
CONTEXT_PRIOR = 1.0
# A place in a country the article never names, while it names regions or countries
# elsewhere, is a namesake abroad ("Kani" in Japan for Kani township, Sagaing region)
# unless it is a big city (foreign capitals and metropolises are named in news).
CONTRADICTED_MIN_POP = 300_000
# A name read inside a longer capitalised name ("Bostan" in "Ghadir al Bostan", "Gumi"
# in "Gumi Ildalo") needs the article's support or this many people ("Kyiv Mayor").
PARTIAL_MIN_POP = 100_000
# Lowercase words after a name that say it is a region ("Donetsk region").
REGION_WORD_WINDOW = 16
QUALIFIER_WINDOW = 60
QUALIFIER_TOKENS = 8
# "X, a village ...", "le village de X": the words between a settlement word and a name.
UNIT_ARTICLES = frozenset({"a", "an", "un", "une", "ein", "eine", "una", "uno"})
UNIT_LINKS = frozenset({"of", "de", "d'", "d’", "di", "del", "du", "von"})
# A village this small, farther than this from every sizeable town (or dateline) of the
# article in the same country, is a neighbourhood or street namesake: "Midtown" (TN,
# 1,360 people) in a Reno report, "Broadway" (VA) in a Eugene one. Metro areas span
# ~100 km; 800 km leaves room for reports of a region's towns.
MAX_HAMLET_POP = 5_000
# A namesake abroad this small, in an article whose sizeable places all lie in another
# country and that never names its own, is a park, a suburb or a street there.
MAX_TOWN_ABROAD_POP = 20_000
FAR_HAMLET_KM = 800.0
ANCHOR_MIN_POP = 50_000
# How far after a locality the text may name the region it lies in ("near Zir town in
# Deir ez Zor governorate"), within its sentence.
LOCALITY_REGION_WINDOW = 120
# A qualifier town ("Kamianske, Zaporizhia") pulls candidates within this radius, more the
# closer: the region's seat is usually within 150 km of its towns.
QUALIFIER_RADIUS_KM = 200.0
QUALIFIER_PATTERN = re.compile(
    r"(?:[ \t]+(?P<unit>[^\W\d_]+))?(?P<mark>\s*[,(]|[ \t]+in[ \t])\s*(?P<names>[^\n;:()]+)"
)
SENTENCE_END = re.compile(r"\.(?:\s|$)")
DATELINE_MARKS = {",", "(", "-", "–", "—", "/"}
POSSESSIVES = {"'s", "’s"}
HYPHENS = {"-", "‐", "‑", "'", "’"}


@dataclass
class Candidate:
    """A name in the text the gazetteer knows, with what the NER said about it."""

    start: int
    end: int
    text: str
    key: str
    ner_label: str | None = None
    supported: bool = False  # tagged as a place by the NER
    rescued: bool = False  # tagged as a person/org with exactly this span
    sentence_initial: bool = False
    dateline: bool = False  # "NAIROBI, June 25 -": a capitals name opening a report
    line_dateline: bool = False  # "Kano, Nigeria (APP):", "Lagos:": the same, not in capitals
    headline_opener: bool = False  # "Roma, scontri a ...": where the headline's news happened
    partial: bool = False  # a piece of a longer capitalised name ("Bostan" of "Ghadir al Bostan")
    qualifiers: list[str] = field(default_factory=list)
    qualifier_texts: list[str] = field(default_factory=list)  # as written: "WB", "Imo"
    qualifier_regions: list[bool] = field(default_factory=list)  # named as one: "Jibia LGA"
    named_unit: bool = False  # called a unit before its name: "le district de Pisky"
    enclosed: bool = False  # qualified in brackets or after a unit word, not in a list
    qualified_by: list[Candidate] = field(default_factory=list)  # the qualifiers' candidates
    agreed: gz.Place | None = None  # the reading its qualifiers agree on (see agreement)
    disagreed: bool = False  # no reading of it lies where its qualifiers say
    unsupported: bool = False  # it has qualifiers, but they agree with none of its readings
    qualifier_of: bool = False  # itself a qualifier: "Forde (Vestland)", "Berestove, Donetsk"
    region_word: bool = False  # followed by a word like "region" or "province"
    unit_word: str = ""  # the word after the name ("district", "town", "said")
    locative: bool = False  # right after "in", "near", "à", "bei": where something happens
    origin: bool = False  # "a man from X", "originaire de X": where someone comes from
    region_seat: bool = False  # read as the town its same-named region is named after
    article_before: bool = False  # "der Lage": a determiner before it makes it a common noun
    after_given_name: bool = False  # "Shane McFarland": a capitalised word right before it
    in_longer_entity: bool = False  # inside a longer NER name ("the Newton Police Department")
    region_article: bool = False  # "dans le Cantal", "in der Pfalz": regions take articles
    token_end: int = 0  # the token after the name, where it was read from glued prefixes
    dictionary_name: str = ""  # a locality's name uninflected ("в Новой Каховке")

    @property
    def name(self) -> str:
        """The name a locality is known by: its dictionary form, else as written."""
        return self.dictionary_name or self.text


@dataclass
class Context:
    """How much the article is about each country, and which name said so.

    A name never votes for itself: "London" counting for Britain must not decide which
    London the article means when it also says "Canadian". ``strong`` holds only region
    names, the evidence a namesake abroad must not contradict: a region is named for
    where things happen, a country is often only the topic ("against the war in Ukraine").
    """

    weights: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    by_key: dict[str, dict[str, float]] = field(default_factory=dict)
    strong: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    strong_by_key: dict[str, dict[str, float]] = field(default_factory=dict)

    def add(self, country: str, key: str = "", weight: float = 1.0, strong: bool = False) -> None:
        self.weights[country] += weight
        self.by_key.setdefault(key, defaultdict(float))[country] += weight
        if strong:
            self.strong[country] += weight
            self.strong_by_key.setdefault(key, defaultdict(float))[country] += weight

    def share(self, country: str, key: str = "") -> float:
        own = self.by_key.get(key, {}) if key else {}
        total = sum(self.weights.values()) - sum(own.values())
        mine = self.weights.get(country, 0.0) - own.get(country, 0.0)
        return mine / (total + CONTEXT_PRIOR) if total > 0 else 0.0

    def names(self, country: str, key: str = "") -> bool:
        return self.share(country, key) > 0

    def names_any(self, key: str = "") -> bool:
        """Whether names other than ``key`` point to any country."""
        own = self.by_key.get(key, {}) if key else {}
        return sum(self.weights.values()) - sum(own.values()) > 0

    def strong_elsewhere(self, country: str, key: str) -> bool:
        """Whether a region name other than ``key`` points to this country."""
        own = self.strong_by_key.get(key, {})
        return self.strong.get(country, 0.0) - own.get(country, 0.0) > 0

    def contradicts(self, country: str, key: str = "") -> bool:
        """Whether region names of the article say other countries, none this one, and
        they outweigh whatever else backs this one (its domain, its other places): a
        French outlet's "Unité radicale" must not move Calais to South Sudan."""
        own = self.strong_by_key.get(key, {}) if key else {}
        others = {c: w - own.get(c, 0.0) for c, w in self.strong.items()}
        if others.get(country, 0.0) > 0 or not any(w > 0 for w in others.values()):
            return False
        backing = self.weights.get(country, 0.0) - self.by_key.get(key, {}).get(country, 0.0)
        return max(others.values()) > backing


# --------------------------------------------------------------------------- scanning


def scan_names(doc: Doc, offset: int, rules: AnnotateRules) -> Iterator[Candidate]:
    """Longest gazetteer names over capitalised token runs (and lowercase demonyms)."""
    index = gz.gazetteer()
    tokens = list(doc)  # doc[i] builds a new Token object on every access
    i = 0
    while i < len(tokens):
        found = longest_name(doc, i, rules, index) if is_name_start(tokens[i]) else None
        if found is None:
            glued = is_name_start(tokens[i]) and is_caseless(tokens[i].text)
            prefixed = prefixed_name(doc, i, offset, rules, index) if glued else None
            if prefixed is not None:
                yield prefixed
                i = max(i + 1, prefixed.token_end)
                continue
            end = i + 1
            if is_lower_demonym(tokens[i], index):
                yield candidate_from(doc[i:end], offset)
        else:
            end, key = found
            candidate = candidate_from(doc[i:end], offset)
            if key != gz.name_key(candidate.text):  # an inflected form: "в Бейруте"
                candidate.key = key
            candidate.region_word = candidate.region_word or (  # "Агдамский район"
                end < len(doc) and morphology.names_a_district(doc[end].text, doc.lang_))
            candidate.partial = inside_longer_name(doc, i, end, rules)
            before = doc[i - 1].lower_ if i > 0 else ""
            after = doc[end].lower_ if end < len(doc) else ""
            candidate.locative = before in rules.locatives or after in rules.locative_suffixes
            candidate.origin = names_an_origin(doc, i, rules)
            candidate.article_before = before in rules.determiners
            candidate.region_article = before in rules.region_articles
            candidate.after_given_name = follows_given_name(doc, i, rules)
            candidate.named_unit = unit_before(doc[i:end], rules)
            candidate.locative = candidate.locative or candidate.named_unit  # "town of X"
            if not names_a_street(doc, i, end, rules) and not names_no_town(doc, end, rules):
                yield candidate
        i = end


def prefixed_name(
    doc: Doc, start: int, offset: int, rules: AnnotateRules, index: gz.GazetteerIndex
) -> Candidate | None:
    """A name glued to Arabic prefixes: "بجنوب السودان" is "in South Sudan", not Sudan;
    "ولبنان" "and Lebanon". The candidate starts after the prefix; "ب" makes it a
    locative as "في" would."""
    token = doc[start]
    for stripped, rest, locative in morphology.proclitics(token.text):
        end = start + 1
        limit = min(len(doc), start + MAX_NAME_TOKENS)
        while end < limit and continues_name(doc[end], rules):
            end += 1
        for stop in range(end, start, -1):
            tail = doc[start + 1 : stop].text if stop > start + 1 else ""
            key = gz.name_key(f"{rest} {tail}")
            if key in index.keys or key in index.country_keys or key in index.region_keys:
                candidate = candidate_from(doc[start:stop], offset)
                candidate.start += stripped
                candidate.text = candidate.text[stripped:]
                candidate.key = key
                candidate.token_end = stop
                before = doc[start - 1].lower_ if start > 0 else ""
                candidate.locative = locative or before in rules.locatives
                candidate.partial = inside_longer_name(doc, start, stop, rules)
                return candidate
    return None


def names_a_street(doc: Doc, start: int, end: int, rules: AnnotateRules) -> bool:
    """'cours Gambetta', 'rue de Paris', 'Karl-Marx-Straße', 'on Broadway': a street
    named after a person or a town is not that town, and is where most rallies in a city
    are reported. English puts streets after "on" and towns after "in", unless the "on"
    names a target: "a missile strike on Kharkiv", "marched on Washington"."""
    before = doc[start - 1].lower_ if start > 0 else ""
    after = doc[end].lower_ if end < len(doc) else ""
    words = {before, after, doc[start].lower_, doc[end - 1].lower_}
    targeted = start > 1 and doc[start - 2].lower_ in rules.target_words
    return (bool(words & rules.street_words)
            or (before in rules.street_prepositions and not targeted)
            or crosses_a_numbered_street(doc, start, end, rules))


_NUMBERED_STREET = re.compile(r"\d+(?:st|nd|rd|th)?$", re.IGNORECASE)


def crosses_a_numbered_street(doc: Doc, start: int, end: int, rules: AnnotateRules) -> bool:
    """ "at 7th and Washington", "Washington & 5th": one street of a crossing, named
    beside a numbered one."""
    joins = rules.intersection_words
    if not joins:
        return False
    if start >= 2 and doc[start - 1].lower_ in joins and _NUMBERED_STREET.match(
            doc[start - 2].text):
        return True
    return (end + 1 < len(doc) and doc[end].lower_ in joins
            and _NUMBERED_STREET.match(doc[end + 1].text) is not None)


def follows_given_name(doc: Doc, start: int, rules: AnnotateRules) -> bool:
    """A name right after a capitalised word that is no title, compass word, country or
    nationality, with nothing capitalised after it: how surnames are written ("Dana
    Milford"), and how place names rarely are (those the gazetteer knows whole)."""
    if start == 0 or not rules.ner_person_labels:
        return False
    given = doc[start - 1]
    if given.whitespace_ != " " or not given.is_alpha or not given.text[:1].isupper():
        return False
    if given.is_sent_start or given.is_stop or given.text.isupper():
        return False
    key = gz.name_key(given.text)
    index = gz.gazetteer()
    return key not in rules.stoplist and key not in index.country_keys


def names_no_town(doc: Doc, end: int, rules: AnnotateRules) -> bool:
    """'Gate City Bank', 'Rutherford County': a bank, a county or a school named after a
    place is not in that place (a county's seat is often another town). A county the
    gazetteer knows is read whole ("Rutherford County"), so this only sees unknown ones."""
    return end < len(doc) and doc[end].lower_ in rules.no_town_after


def is_name_start(token: Token) -> bool:
    first = token.text[:1]
    return first.isupper() or (first.isalpha() and first.lower() == first.upper())


def is_lower_demonym(token: Token, index: gz.GazetteerIndex) -> bool:
    return token.is_alpha and gz.name_key(token.text) in index.demonyms


def longest_name(
    doc: Doc, start: int, rules: AnnotateRules, index: gz.GazetteerIndex
) -> tuple[int, str] | None:
    """End token and key of the longest known name starting at ``start``, or None;
    as written first, then by its dictionary forms where the language inflects names."""
    limit = min(len(doc), start + MAX_NAME_TOKENS)
    end = start + 1
    while end < limit and continues_name(doc[end], rules):
        end += 1
    for stop in range(end, start, -1):
        if not (is_name_start(doc[stop - 1]) or hyphen_attached(doc[stop - 1])):
            continue
        key = gz.name_key(doc[start:stop].text)
        if stop < len(doc) and doc[stop].lower_ in region_words():
            key = index.canonical_key(key)  # "in Wassit province": Wasit, spelt otherwise
        if known(key, index):
            return stop, key
    return inflected_name(doc, start, end, index)


def known(key: str, index: gz.GazetteerIndex) -> bool:
    return key in index.keys or key in index.country_keys or key in index.region_keys


def inflected_name(
    doc: Doc, start: int, end: int, index: gz.GazetteerIndex
) -> tuple[int, str] | None:
    """A name in another case than the gazetteer's ("в Бейруте", "Гянджи"), or a
    district named by its town's adjective ("Агдамский район")."""
    language = doc.lang_
    if not morphology.inflects_names(language):
        return None
    for stop in range(end, start, -1):
        words = [t.text for t in doc[start:stop] if not t.is_punct]
        for form in morphology.inflected_keys(words, language):
            if known(key := gz.name_key(form), index):
                return stop, key
        district = stop < len(doc) and morphology.names_a_district(doc[stop].text, language)
        if district and stop == start + 1:
            forms = [*morphology.region_forms(words[0], doc[stop].text, language),
                     *morphology.town_of_adjective(words[0], language)]
            for form in forms:
                if known(key := gz.name_key(form), index):
                    return stop, key
    return None


def continues_name(token: Token, rules: AnnotateRules) -> bool:
    if token.is_space or token.whitespace_ == "\n":
        return False
    return (
        is_name_start(token)
        or token.text in HYPHENS
        or token.lower_ in rules.particles
        or hyphen_attached(token)
        or number_inside_name(token)
    )


def number_inside_name(token: Token) -> bool:
    """ "South 24 Parganas", "Sector 5": a number between capitalised words."""
    doc, i = token.doc, token.i
    return (token.is_digit and 0 < i < len(doc) - 1 and is_name_start(doc[i - 1])
            and doc[i - 1].is_alpha and is_name_start(doc[i + 1]) and doc[i + 1].is_alpha)


def hyphen_attached(token: Token) -> bool:
    """A word glued to the one before by a hyphen: "au" and "Prince" of "Port-au-Prince"
    belong to the name whatever their case."""
    if token.i < 2 or not token.is_alpha:
        return False
    hyphen, word = token.doc[token.i - 1], token.doc[token.i - 2]
    return hyphen.text in HYPHENS and not hyphen.whitespace_ and not word.whitespace_


def inside_longer_name(doc: Doc, start: int, end: int, rules: AnnotateRules) -> bool:
    """Whether the name continues a capitalised name before it ("Ghadir al Bostan",
    "Pul-e-Hisar") or goes on after it ("Gumi Ildalo"): then it is not the place named."""
    if end + 1 < len(doc) and doc[end].text in HYPHENS and hyphen_attached(doc[end + 1]):
        return True
    if end < len(doc) and doc[end - 1].whitespace_ == " " and is_name_word(doc[end], rules):
        return True
    if hyphen_attached(doc[start]):
        return True
    before = start - 1
    particle = doc[before].lower_ if before >= 0 else ""
    # A particle that is also a locative ("Samstag in Lage") ends the name before it.
    if particle in rules.particles and particle not in rules.locatives and not (
        doc[before].is_sent_start
    ):
        before -= 1
    if before < 0 or doc[before].whitespace_ != " ":
        return False
    return is_name_word(doc[before], rules)


def is_name_word(token: Token, rules: AnnotateRules) -> bool:
    """A capitalised word that can be part of a place's name: not a function word
    ("In"), not a nationality ("Russian"), not a region word ("Oblast")."""
    if not (token.is_alpha and is_name_start(token)) or token.is_stop:
        return False
    key = gz.name_key(token.text)
    return key not in gz.gazetteer().country_keys and key not in region_words()


@cache
def region_words() -> frozenset[str]:
    """Words that say the name before them is a region or a local unit ("province")."""
    return frozenset(gz.name_key(word) for word in gz.region_rules()["region_words"])


def candidate_from(span: Span, offset: int) -> Candidate:
    start = offset + span.start_char
    return Candidate(
        start=start,
        end=offset + span.end_char,
        text=span.text,
        key=span_key(span),
        sentence_initial=opens_sentence(span[0]),
        dateline=is_dateline(span),
        line_dateline=opens_a_dateline(span),
        region_word=span.end < len(span.doc) and span.doc[span.end].lower_ in region_words(),
        unit_word=span.doc[span.end].lower_ if span.end < len(span.doc) else "",
        qualifier_of=follows_a_name(span),
    )


def span_key(span: Span) -> str:
    """A span's lookup key; a region name before "province" or "district" may be spelt
    with letters doubled or single ("Wassit province" is Wasit): only there, since a
    word like "June" must not read as Junee Shire."""
    key = gz.name_key(span.text)
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in region_words():
        return gz.gazetteer().canonical_key(key)
    return key


def follows_a_name(span: Span) -> bool:
    """ "Shubenacadie (Nova Scotia)", "Agodo, Ogun": a name after a capitalised word and a
    comma or bracket qualifies it, whether or not the gazetteer knows the first name."""
    doc, i = span.doc, span.start
    if i >= 3 and doc[i - 2].lower_ in region_words():
        i -= 1  # "Bhangar city (South 24 Parganas", "Kamdesh district, Nuristan"
    return i >= 2 and doc[i - 1].text in ("(", ",") and is_name_start(doc[i - 2])


def is_dateline(span: Span) -> bool:
    """A name in capitals followed by a comma, bracket or dash, as wire reports open."""
    following = span.doc[span.end].text if span.end < len(span.doc) else ""
    return span.text.isupper() and len(span.text) > SHORT_NAME_CHARS and following in DATELINE_MARKS


# What ends a dateline that is not in capitals: a colon, a dash or the agency's bracket.
LINE_DATELINE_ENDS = {":", "(", "-", "–", "—", "--"}
# "Kano, Nigeria, (APP)": names a dateline may add before its end (region, country).
MAX_DATELINE_QUALIFIER_TOKENS = 3


def opens_a_dateline(span: Span) -> bool:
    """A name opening a paragraph and ending at a colon, a dash or a bracket, itself
    or after a region or country ("Lagos: Nigerian police said", "Johannesburg – Ten
    villagers", "Kano, Nigeria, (APP) :About 300 gunmen"): many outlets write the wire
    dateline in ordinary case. It says where the report was filed, not that the name is
    a place: it gives the name its role, not its reading."""
    doc = span.doc
    if span.start > 0 and "\n" not in doc[span.start - 1].whitespace_ + (
            doc[span.start - 1].text if doc[span.start - 1].is_space else ""):
        return False
    i = span.end
    for _ in range(MAX_DATELINE_QUALIFIER_TOKENS + 1):
        if i >= len(doc) or "\n" in doc[i - 1].whitespace_:
            return False
        if doc[i].text in LINE_DATELINE_ENDS:
            return True
        if doc[i].text != ",":
            return False
        i += 1
        if i < len(doc) and doc[i].text in LINE_DATELINE_ENDS:
            return True
        if i >= len(doc) or not is_name_start(doc[i]):
            return False
        while i < len(doc) and (is_name_start(doc[i]) or doc[i].is_digit):
            i += 1
    return False


HEADLINE_PLACE_ENDS = {",", ":", "("}


def mark_headline_place(candidates: list[Candidate], doc: Doc, offset: int) -> None:
    """A headline opening on a name and a comma or colon names where its news happened
    ("Roma, scontri a Piazza del Popolo", "Pisa, tensione in centro", "Dijon (21) :
    rassemblement tendu"): the name keeps its place, though it opens the headline alone
    and a blank pipeline's text has no NER to vouch for it. It is no dateline: a
    dateline says where the report was filed, this where its news happened."""
    for candidate in candidates:
        if candidate.start != offset:
            continue
        rest = doc.text[candidate.end - offset :].lstrip()
        if rest[:1] in HEADLINE_PLACE_ENDS:
            candidate.headline_opener = True


def opens_sentence(token: Token) -> bool:
    """First word of a sentence, a line, or after an opening quote or dash."""
    doc = token.doc
    i = token.i
    while i > 0 and (doc[i - 1].is_punct or doc[i - 1].is_space) and not doc[i - 1].is_sent_end:
        if "\n" in doc[i - 1].text or "\n" in doc[i - 1].whitespace_:
            return True
        i -= 1
    return i == 0 or bool(doc[i].is_sent_start) or "\n" in doc[i - 1].whitespace_


def attach_ner(
    candidates: list[Candidate], doc: Doc, offset: int, rules: AnnotateRules
) -> list[Candidate]:
    """Mark NER support; drop names inside longer person names ("George Washington").

    Names inside organisations stay, at the rescue floor: the small models draw wide
    organisation spans ("the Tribunal of Taranto (Taranto, Puglia"), and a place inside
    an organisation's name is still a place the article names.
    """
    kept = []
    for candidate in candidates:
        entity = covering_entity(doc, candidate.start - offset, candidate.end - offset)
        if entity is None:
            kept.append(candidate)
            continue
        candidate.ner_label = entity.label_
        same_span = (
            entity.start_char + offset == candidate.start
            and entity.end_char + offset == candidate.end
        )
        candidate.in_longer_entity = not same_span
        if entity.label_ in rules.ner_place_labels:
            candidate.supported = True
        elif entity.label_ in rules.ner_person_labels | rules.ner_org_labels:
            inside_person = entity.label_ in rules.ner_person_labels and not same_span
            if inside_person and candidate.key not in gz.gazetteer().country_keys:
                continue
            inside_org = entity.label_ in rules.ner_org_labels and not same_span
            if inside_org and not names_the_organisation_home(entity, candidate, offset, rules):
                continue
            candidate.rescued = True
        elif entity.label_ in rules.ner_facility_labels:
            if not same_span and not names_the_organisation_home(entity, candidate, offset,
                                                                 rules):
                continue  # "Alton Baker Park": a park named after a person
            candidate.rescued = True
        elif entity.label_ in rules.ner_title_labels and not is_main_place_name(candidate.key):
            continue  # "Say His Name!": a slogan, and "Name" only some town's other name
        kept.append(candidate)
    return kept


def names_the_organisation_home(
    entity: Span, candidate: Candidate, offset: int, rules: AnnotateRules
) -> bool:
    """Whether a place inside an organisation's or a building's name is where it sits:
    "Brockton Police Department", "Newton City Hall" and "the Tribunal of Taranto" name
    their towns; "Reno City Hall" read as a town "Hall", "Gate City Bank", "the Boston
    Globe" or "Alton Baker Park" do not. The town follows a particle such as "of" or
    "de", a locative preposition or a bracket (the model drew the span too wide: "the
    City Hall in Ciampino (Roma"), or opens the name (after an article) before a
    generic word of the stoplist ("Police", "City") rather than another name ("Baker",
    "Bank", "Globe"), or opens the name of a facility named after the town it serves
    ("the Balad Air Base", "Donetsk Filtration Station")."""
    doc = entity.doc
    first = entity.start
    if doc[first].lower_ in rules.leading_articles:
        first += 1
    span = doc.char_span(candidate.start - offset, candidate.end - offset,
                         alignment_mode="expand")
    if span is None:
        return False
    before = doc[span.start - 1].lower_ if span.start > entity.start else ""
    if before in rules.particles or before in rules.locatives or before in ("(", ","):
        return True  # "Tribunal of Taranto", "the Trades Hall in Melbourne (Victoria"
    if span.start != first:
        return False
    after = doc[span.end] if span.end < entity.end else None
    if doc[entity.end - 1].lower_ in rules.facility_words and after is not None and (
        after.text[:1].isupper()
    ):
        return True  # "the Balad Air Base", not "Ain" of "the Ain al-Asad Air Base"
    if after is None or after.is_punct or after.lower_ in POSSESSIVES:
        return True  # "Eibar (Basque Country", "Narayanganj's Fatullah"
    if span.end + 1 == entity.end and after.lower_ in region_words():
        return True  # "Jonglei State" tagged as an organisation is the state
    return gz.name_key(after.text) in rules.stoplist


def covering_entity(doc: Doc, start: int, end: int) -> Span | None:
    for entity in doc.ents:
        if entity.start_char <= start and end <= entity.end_char:
            return entity
    return None


def add_juxtaposed_qualifiers(candidates: list[Candidate], text: str) -> None:
    """A town written before the district that takes the case ending ("İstanbul
    Kadıköy'de", "Ankara Kızılay'da": in Kadıköy, İstanbul) qualifies it, as "Kadıköy,
    İstanbul" would; read as one capitalised run, both were pieces of a longer name,
    and the town, opening the sentence, was dropped as a lone opener."""
    ordered = sorted(candidates, key=lambda c: c.start)
    for town, district in zip(ordered, ordered[1:], strict=False):
        ending = text.startswith(("'", "’"), district.end)  # the case ending, not "in"
        if text[town.end:district.start] != " " or not (district.locative and ending):
            continue
        district.qualifiers = [gz.gazetteer().canonical_key(town.key)]
        district.qualifier_texts = [town.text]
        district.qualifier_regions = [False]
        district.qualified_by = [town]
        district.enclosed = True
        district.partial = town.partial = False
        town.qualifier_of = town.locative = True


def add_qualifiers(candidates: list[Candidate], text: str) -> None:
    """Names right after a place, as in "Paris, Texas", "Pisa (Pisa, Toscana)", "Bhangar
    city (South 24 Parganas district, WB)" or "Oktyabr district in Bishkek city"; the
    names read there are marked as qualifiers themselves, and linked to the name they
    qualify (see ``agreement``)."""
    for candidate in candidates:
        parts, reach, enclosed = qualifier_parts(text, candidate.end)
        if not parts:
            continue
        candidate.qualifier_texts = [name for name, _ in parts]
        candidate.qualifier_regions = [region for _, region in parts]
        candidate.enclosed = enclosed
        candidate.qualifiers = [gz.gazetteer().canonical_key(gz.name_key(name))
                                for name in candidate.qualifier_texts]
        for other in candidates:
            if candidate.end < other.start < reach and other.key in candidate.qualifiers:
                other.qualifier_of = True
                candidate.qualified_by.append(other)


def qualifier_parts(text: str, end: int) -> tuple[list[tuple[str, bool]], int, bool]:
    """The (at most two) names qualifying a name that ends at ``end``, where they end,
    and whether they enclose it (a bracket or a unit word: "(Roma, Lazio)", "district
    in Bishkek") rather than follow a comma, as a list's next items also do. A unit
    word may stand between ("Bhangar city (", "Kamdesh district,"), and after one "in"
    qualifies as a comma does ("Oktyabr district in Bishkek"). Each part is the name
    it opens with ("Connecticut" of "Connecticut on Sunday"), and whether a unit word
    named it a region ("Jibia LGA")."""
    match = QUALIFIER_PATTERN.match(text, end, min(len(text), end + QUALIFIER_WINDOW))
    if not match:
        return [], end, False
    unit = (match.group("unit") or "").casefold()
    if unit and gz.name_key(unit) not in region_words():
        return [], end, False
    mark = match.group("mark").strip()
    if mark == "in" and not unit:
        return [], end, False
    written = SENTENCE_END.split(match.group("names"), maxsplit=1)[0]
    names = [leading_name(part) for part in re.split(r"[,)]", written)[:2]]
    enclosed = bool(unit) or mark == "("
    return [name for name in names if name[0]], end + match.end() - match.start(), enclosed


def leading_name(part: str) -> tuple[str, bool]:
    """The name a qualifier part opens with, without a trailing unit word ("Bishkek" of
    "Bishkek city against ...", "Deir ez Zor" of "Deir ez Zor governorate"), and
    whether that word named a region rather than a settlement."""
    words: list[str] = []
    for word in part.split():
        opens_name = word[:1].isupper() or word[:1].isdigit()
        inside = bool(words) and (not word[:1].isalpha() or word.casefold() in gz.NAME_PARTICLES)
        if not (opens_name or inside):
            break
        words.append(word)
    region = False
    while words and (words[-1].casefold() in gz.NAME_PARTICLES
                     or gz.name_key(words[-1]) in region_words()):
        unit = gz.name_key(words.pop())
        region = region or unit in region_words() and unit not in SETTLEMENT_WORDS
    return " ".join(words), region


# --------------------------------------------------------------------------- name uses


@dataclass
class NameUses:
    """How the whole article uses each name: as a person's or organisation's, or as a
    place's. A place must earn its place: "organiser Dana Milford said" makes Milford no
    town anywhere in that article, "Justice for Jordan" on a placard is the Jordan of
    "Jordan Walker, 17", unless the article reads the name as a place as often."""

    other: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    place: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    key_placed: dict[str, bool] = field(default_factory=dict)  # by position: "in X", "X, Ohio"
    # uses of the name alone, the whole entity ("Kuajok-Nyal" tagged ORG each time): the
    # model's steady misreading of a hamlet, not a person or organisation named after it
    alone: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    # names none of whose gazetteer readings lies where their qualifiers say ("Vesele
    # district, Kharkiv"): the text's own village, a locality despite its namesakes
    elsewhere: set[str] = field(default_factory=set)

    def names_no_place(self, text: str) -> bool:
        """A NER place span whose name the article uses for a person or organisation."""
        key = gz.name_key(text)
        return bool(self.other.get(key)) and not self.key_placed.get(key)

    def read_as_place(self, candidate: Candidate) -> bool:
        return bool(self.place.get(candidate.key))

    def vetoes(self, candidate: Candidate) -> bool:
        """A person's or organisation's name unless the article reads it as a place at
        least as often, or once by its position ("in Den Haag", a dateline), which the
        small models' person tags do not outweigh."""
        if candidate.dateline or self.key_placed.get(candidate.key):
            return False
        others = self.other.get(candidate.key, 0)
        return others > 0 and others >= len(self.place.get(candidate.key, ()))


def count_entity_uses(doc: Doc, offset: int, rules: AnnotateRules, uses: NameUses) -> None:
    """Person and organisation readings of names, and NER place readings, in one doc.

    A person's first and last names each count ("Dana Milford" -> Milford), after any
    title or office the model took into the span ("Kyiv Mayor Vitali Klitschko" is no
    use of Kyiv). A lone-word person or organisation that is a sizeable town or a
    country does not count: the small models tag "Calais" as a person.
    """
    for entity in doc.ents:
        label = entity.label_
        if label in rules.ner_place_labels:
            uses.place[gz.name_key(entity.text)].add(offset + entity.start_char)
        elif label in rules.ner_title_labels:
            # 'the second called a "No Kings" event': a slogan's words that are only
            # some town's other name are no town anywhere in the article
            for token in entity:
                key = gz.name_key(token.text)
                if token.is_alpha and is_name_start(token) and not is_main_place_name(key):
                    uses.other[key] += 1
        elif label in rules.ner_person_labels | rules.ner_org_labels | rules.ner_facility_labels:
            keys = entity_name_keys(entity, rules, label in rules.ner_person_labels)
            for key in keys:
                uses.other[key] += 1
            whole = gz.name_key(entity.text)
            if whole in keys:
                uses.alone[whole] += 1


def entity_name_keys(entity: Span, rules: AnnotateRules, person: bool) -> list[str]:
    words = [t for t in entity if t.is_alpha]
    if words and words[0].lower_ in rules.leading_articles:
        words = words[1:]
    if not words:
        return []
    whole = gz.name_key(" ".join(t.text for t in words))
    if is_main_place_name(whole):
        return []  # "l'hôpital de Finote Selam" tagged as a person: the model's error
    if len(words) == 1 or not person or words[-1].lower_ in rules.institution_words:
        return [whole]
    titles = [i for i, t in enumerate(words) if gz.name_key(t.text) in rules.stoplist]
    names = words[titles[-1] + 1 :] if titles else words
    keys = [gz.name_key(t.text) for t in names if is_name_start(t) and len(t.text) > 1]
    return keys + ([whole] if not titles else [])


def is_main_place_name(key: str) -> bool:
    """A country's or a place's own name (not one of its alternate names): a lone word
    the small models tag as a person or organisation ("Calais", "PETAL") is as likely
    their error as a person's name, so only a longer name or another reading decides.
    "Hamas", only an old alternate name of Hamm, still counts."""
    index = gz.gazetteer()
    if key in index.country_keys or key in index.region_keys:
        return True
    return any(gz.name_key(index.names[i]) == key for i in index.candidates(key))


def has_place_qualifier(candidate: Candidate) -> bool:
    """ "Milford, Connecticut", "Agodo (Ogun)": a known place, region or country right
    after the name; "Milford, who organised it" is no qualifier."""
    index = gz.gazetteer()
    return any(
        key in index.keys or key in index.country_keys or key in index.region_keys
        for key in candidate.qualifiers
    )


def count_place_uses(candidates: Iterable[Candidate], uses: NameUses) -> None:
    """Names read as places by their position (after "in", as a dateline, qualified or
    qualifying another: "(Busan - Nam)") and as a surname by theirs ("Mayor Shane
    McFarland", which the model may miss)."""
    for candidate in candidates:
        placed = candidate.locative or candidate.dateline or candidate.agreed is not None
        if placed or has_place_qualifier(candidate) or candidate.qualifier_of:
            uses.place[candidate.key].add(candidate.start)
            uses.key_placed[candidate.key] = True
        elif candidate.after_given_name:
            uses.other[candidate.key] += 1


# --------------------------------------------------------------------------- context


def build_context(article: Article, candidates: list[Candidate], rules: AnnotateRules) -> Context:
    """Countries the article names, by country names, region names, demonyms, its
    domain and its unambiguous places, each weighed by how much it says about place.

    Only names that would be places without any context count, so "Act" or "PCS" cannot
    drag the article to the United States or Brazil, and a region or town read inside a
    longer capitalised name (a person's surname) counts only where it is said as a place.
    """
    context = Context()
    index = gz.gazetteer()
    for candidate in candidates:
        if candidate.disagreed:
            continue
        if candidate.agreed is not None:  # "(Magama, Niger)": Niger State, in Nigeria
            region = candidate.agreed.feature != "city"
            context.add(candidate.agreed.country, candidate.key,
                        REGION_NAME_WEIGHT if region else PLACE_WEIGHT, region)
            continue
        code = index.country_keys.get(candidate.key)
        if code and names_a_neighbour(article.text, candidate.start):
            continue
        if code:
            demonym = candidate.key in index.demonyms
            weight = DEMONYM_WEIGHT if demonym else COUNTRY_NAME_WEIGHT
            context.add(code, candidate.key, weight)
            continue
        if candidate.partial and not (candidate.locative or candidate.qualifiers):
            continue  # "Cristian Germán Mendoza Vélez": a surname, not the province
        regions = region_countries(candidate, rules) or district_countries(candidate)
        for region_code in regions:
            context.add(region_code, candidate.key, REGION_NAME_WEIGHT / len(regions), True)
        if not regions and resolve(candidate, Context(), rules) is not None:
            place = unambiguous_place(candidate.key)
            if place:
                context.add(place.country, candidate.key, PLACE_WEIGHT)
    tld_country = domain_country(article.url or article.outlet or "")
    if tld_country:
        context.add(tld_country, weight=TLD_WEIGHT)
    return context


def region_countries(candidate: Candidate, rules: AnnotateRules) -> tuple[str, ...]:
    """The countries a region name points to, unless the name is likelier a town abroad.

    A region named as one ("Donetsk region", "(Nova Scotia)" after a town) always counts;
    a bare name counts where no same-named town abroad outgrows the
    region's own places ("Donetsk" is Ukraine's, though Russia has a small Donetsk).
    """
    codes = gz.gazetteer().region_keys.get(candidate.key, ())
    if not codes or candidate.key in rules.stoplist or is_acronym(candidate.text):
        return ()
    if len(candidate.key) <= SHORT_NAME_CHARS:
        return ()
    if candidate.qualifier_of or candidate.region_word:
        return codes
    places = [p for p in gz.lookup(candidate.key) if gz.name_key(p.name) == candidate.key]
    kept = []
    for code in codes:
        home = max((p.population for p in places if p.country == code), default=0)
        abroad = max((p.population for p in places if p.country != code), default=0)
        if abroad < MIN_POP_GAZETTEER_ONLY or abroad <= home:
            kept.append(code)
    return tuple(kept)


def district_countries(candidate: Candidate) -> tuple[str, ...]:
    """The country of a second-level region named as one ("Mansa district", "Rutherford
    County", "(Ewekoro, Ogun)") when all regions of that name lie in one country."""
    words = candidate.key.split()
    unit = words[-1] if len(words) > 1 and words[-1] in region_words() else candidate.unit_word
    if not (candidate.qualifier_of or unit in region_words()) or unit in SETTLEMENT_WORDS:
        return ()  # "Bara town" names a town, not the district Bara of another country
    countries = {p.country for p in gz.lookup(candidate.key) if p.feature == "admin2"}
    return tuple(countries) if len(countries) == 1 else ()


def region_mention_value(
    candidate: Candidate, place: gz.Place | None, context: Context, rules: AnnotateRules
) -> dict[str, object] | None:
    """A region-level place for a region name the gazetteer's towns do not explain:
    "(Nova Scotia)" when Shubenacadie is unknown, "Vestland" rather than Westland, US.

    The value is the region's GeoNames-matched entry where there is one, else the
    region without coordinates: the country is known even when the point is not.
    """
    codes = region_countries(candidate, rules)
    if not codes:
        return None
    country = max(codes, key=lambda code: context.weights.get(code, 0.0))
    unguided = place is not None and place.country in codes and not context.weights.get(country)
    if place is not None and (place.country == country or unguided):
        return None
    named = candidate.qualifier_of or candidate.region_word
    if not named and not any(context.strong_elsewhere(code, candidate.key) for code in codes):
        return None
    for region in gz.lookup(candidate.key):
        if region.feature == "admin1" and region.country == country:
            return region.to_json()
    return {
        "geonames_id": 0,
        "name": candidate.text,
        "country": country,
        "admin1": candidate.text,
        "lat": None,
        "lon": None,
        "population": gz.typical_region_population(country),
        "feature": "admin1",
    }


def unambiguous_place(key: str) -> gz.Place | None:
    """The place a name means wherever it is read: far bigger than namesakes abroad."""
    index = gz.gazetteer()
    ranked = index.candidates(key)
    if not ranked:
        return None
    country = index.countries[ranked[0]]
    top = index.populations[ranked[0]]
    abroad = [index.populations[i] for i in ranked[1:] if index.countries[i] != country]
    runner_up = max(abroad, default=0)
    if top >= UNAMBIGUOUS_MIN_POP and top >= UNAMBIGUOUS_RATIO * runner_up:
        return index.place(ranked[0])
    return None


def domain_country(address: str) -> str | None:
    """The country of a country-code top-level domain (lemonde.fr -> FR, bbc.co.uk -> GB)."""
    host = urlsplit(address if "//" in address else f"//{address}").hostname or ""
    tld = "." + host.rsplit(".", 1)[-1] if "." in host else ""
    if len(tld) != 3:
        return None
    for code, info in gz.country_info().items():
        if info.get("tld") == tld:
            return code
    return None


def city_state(key: str, code: str) -> gz.Place | None:
    """The city that a country name also names when it is most of the country."""
    country_population = gz.country_info().get(code, {}).get("population") or 0
    for place in gz.lookup(key):
        is_city = place.feature == "city" and place.country == code
        if is_city and place.population >= CITY_STATE_SHARE * country_population:
            return place
    return None


# --------------------------------------------------------------------------- choosing


def resolve(candidate: Candidate, context: Context, rules: AnnotateRules) -> gz.Place | None:
    """The best place for a name, or None when the name is not a place here."""
    if candidate.key in rules.stoplist or candidate.disagreed:
        return None
    if candidate.agreed is not None and candidate.agreed.feature != "country":
        return candidate.agreed
    places = gz.lookup(candidate.key)
    if len(candidate.key) <= SHORT_NAME_CHARS:
        places = [p for p in places if gz.name_key(p.name) == candidate.key]
    places = [p for p in places if not contradicted(candidate, p, context)]
    regions = [p for p in places if p.feature in REGION_FEATURES]
    if regions and names_a_region(candidate):
        places = regions  # "Tabasco state", "dans le Cantal": the region, not a namesake town
    if not places:
        return None
    qualifiers = qualifier_places(candidate.qualifiers, context)
    best = max(places, key=lambda place: score(place, candidate.key, context, qualifiers))
    if best.feature == "admin1" and not names_a_region(candidate):
        seat = seat_of(best, gz.lookup(candidate.key))
        candidate.region_seat = seat is not None
        best = seat or best
    if reads_as_common_noun(candidate, best, rules):
        return None
    return best if passes_floor(candidate, best, context) else None


def seat_of(region: gz.Place, readings: list[gz.Place]) -> gz.Place | None:
    """The town a region is named after, among a name's readings: "in Haifa", "in Jenin"
    name the town, as ACLED codes them, unless the text calls it a region ("Jenin
    governorate"). The gazetteer places a region at its most populous town, so the
    town at the region's own point is its seat. Without this, a region outranked its
    town wherever the region's population kept it from being ruled out as abroad
    (``contradicted``) or the town's gazetteer name is a transliteration ("Janīn")."""
    for place in readings:
        if (place.feature == "city" and place.country == region.country
                and (place.lat, place.lon) == (region.lat, region.lon)):
            return place
    return None


def names_a_region(candidate: Candidate) -> bool:
    """ "Tabasco state", "dans le Cantal": named as a region, not as a town ("Bara town")."""
    named = candidate.region_word and candidate.unit_word not in SETTLEMENT_WORDS
    return named or candidate.region_article


def reads_as_common_noun(candidate: Candidate, place: gz.Place, rules: AnnotateRules) -> bool:
    """A determiner before a name the NER did not call a place rules the town out:
    towns take no article ("on the Elbe" is the river). In a language that capitalises
    every noun and has no NER here (German), a town name is a word until its position
    says otherwise: "in der Lage" is a situation, "in Lage" the town; a town needs
    "in"/"bei", a dateline or a qualifier, unless it is a big city."""
    if candidate.supported or place.feature != "city":
        return False
    if candidate.article_before and not candidate.in_longer_entity:
        return True  # "on the Elbe", "in der Lage": a river, a region, a noun
    if not rules.nouns_capitalised:
        return False
    marked = candidate.locative or candidate.dateline or candidate.qualifiers
    return not marked and not candidate.qualifier_of and place.population < MIN_POP_UNMARKED_NOUN


def contradicted(candidate: Candidate, place: gz.Place, context: Context) -> bool:
    """A namesake abroad that the article's own names rule out, or a piece of a longer
    name with nothing to back it ("Hisar" of "Pul-e-Hisar", "Zone" of "Central Zone")."""
    if place.feature == "country" or candidate.dateline:
        return False
    vouched = bool(candidate.qualifiers) and not candidate.unsupported
    supported = context.names(place.country, candidate.key) or vouched
    if candidate.partial and place.population < PARTIAL_MIN_POP and not supported:
        return True
    if not context.contradicts(place.country, candidate.key):
        return False
    return candidate.partial or place.population < CONTRADICTED_MIN_POP


def score(place: gz.Place, key: str, context: Context, qualifiers: list[gz.Place]) -> float:
    share = context.share(place.country, key)
    value = math.log10(place.population + 10) + CONTEXT_WEIGHT * share
    value += PROMINENCE_WEIGHT * math.log10(1 + place.prominence)
    if gz.name_key(place.name) == key:
        value += MAIN_NAME_BONUS
    if place.feature == "city":
        value += CITY_BONUS
    elif place.feature == "admin2":
        value -= ADMIN2_PENALTY
    return value + qualifier_bonus(place, qualifiers)


def qualifier_bonus(place: gz.Place, qualifiers: list[gz.Place]) -> float:
    """Agreement with "Paris, Texas": same country, same region, or a town close by."""
    bonus = 0.0
    if any(q.country == place.country for q in qualifiers):
        bonus += QUALIFIER_WEIGHT
    if any(q.feature == "admin1" and q.name == place.admin1 for q in qualifiers):
        bonus += QUALIFIER_WEIGHT
    near = [gz.distance_km(place, q) for q in qualifiers if q.feature == "city"]
    if near:
        bonus += QUALIFIER_WEIGHT * max(0.0, 1.0 - min(near) / QUALIFIER_RADIUS_KM)
    return bonus


def qualifier_places(keys: Iterable[str], context: Context) -> list[gz.Place]:
    """What a qualifier names: countries, regions, or the town it most likely is."""
    found: list[gz.Place] = []
    for key in keys:
        code = gz.gazetteer().country_keys.get(key)
        if code:
            found.append(gz.Place(0, key, code, None, 0.0, 0.0, 0, "country"))
            continue
        places = gz.lookup(key)
        found.extend(p for p in places if p.feature in ("admin1", "country"))
        towns = [p for p in places if p.feature == "city"]
        if towns:
            found.append(max(towns, key=lambda p: score(p, key, context, [])))
    return found


def passes_floor(candidate: Candidate, place: gz.Place, context: Context) -> bool:
    """Population floors for names the NER did not call places; acronyms are not places.
    A second-level region (47,000 of them worldwide) needs to be named as one, or to lie
    in a country the article is about."""
    named_as_region = candidate.key.split()[-1] in region_words()  # "Rutherford County"
    if place.feature == "admin2" and not (
        candidate.region_word or candidate.region_article or candidate.qualifier_of
        or named_as_region or context.names(place.country, candidate.key)
    ):
        return False
    if candidate.supported:
        return True
    if is_caseless(candidate.text) and not (candidate.locative or has_place_qualifier(candidate)):
        # Arabic, Bengali, Chinese: no capital letter marks a name, and common words are
        # alternate names of towns ("الخبر", "the news", is Khobar): only a locative
        # ("في", "in") or a metropolis named bare earns the place, and a metropolis only
        # in a country the article names, if it names any: "سالفادور" in a report from
        # the Philippines is a man called Salvador, not the Brazilian city.
        in_named_country = context.names(place.country, candidate.key) or not (
            context.names_any(candidate.key))
        return place.population >= MIN_POP_CASELESS and in_named_country
    if is_acronym(candidate.text) and not candidate.dateline:
        return False
    if place.feature in REGION_FEATURES and (candidate.region_word or named_as_region) and (
        candidate.locative or has_place_qualifier(candidate) or candidate.qualifier_of
    ):
        return True  # "in Lower Dir city (KPK)": a district, by its unit word and position
    if candidate.locative and gz.name_key(place.name) == candidate.key:
        return place.population >= MIN_POP_LOCATIVE
    if candidate.dateline:
        return place.population >= MIN_POP_IN_CONTEXT
    if candidate.rescued:
        return place.population >= MIN_POP_RESCUE
    if len(candidate.key) <= SHORT_NAME_CHARS:
        return place.population >= MIN_POP_SHORT_NAME
    vouched = bool(candidate.qualifiers) and not candidate.unsupported
    if context.names(place.country, candidate.key) or vouched:
        return place.population >= MIN_POP_IN_CONTEXT
    if gz.name_key(place.name) != candidate.key:
        return place.population >= MIN_POP_ALTERNATE_NAME
    return place.population >= MIN_POP_GAZETTEER_ONLY


def is_name_like(text: str, rules: AnnotateRules, min_chars: int = MIN_NAME_CHARS) -> bool:
    """Whether an NER place the gazetteer does not know still reads as a name: the
    French model tags elisions ("L’"), years and common nouns ("Etat") as places."""
    words = [w for w in text.split() if w[:1].isupper()]
    has_digits = any(char.isdigit() for char in text)
    key = gz.name_key(text)
    return bool(words) and len(key) >= min_chars and not has_digits and key not in rules.stoplist


def is_caseless(text: str) -> bool:
    """Written in a script without capital letters."""
    first = next((char for char in text if char.isalpha()), "")
    return bool(first) and first.lower() == first.upper()


def is_acronym(text: str) -> bool:
    """ "CGT", "PCS", "BNP": short all-capital words name organisations, not towns."""
    letters = [char for char in text if char.isalpha()]
    return len(letters) <= MAX_ACRONYM_LETTERS and all(char.isupper() for char in letters)


def drop_lone_openers(candidates: list[Candidate]) -> list[Candidate]:
    """A one-word name opening a sentence is dropped unless the NER or a later,
    mid-sentence use of the same name supports it ("Nice work" vs "in Nice").

    Country names and demonyms stay: "Canadian police said" opens many reports; so do
    datelines, in capitals or not ("Lagos: Police said"): the gazetteer still decides
    whether the name is a place big enough to be read bare."""
    mid_sentence = {c.key for c in candidates if not c.sentence_initial}
    countries = gz.gazetteer().country_keys
    return [
        c
        for c in candidates
        if c.supported
        or c.key in countries
        or c.dateline
        or c.line_dateline
        or c.headline_opener
        or c.locative  # "Mersin'de ...": a case ending after it says "in"
        or not c.sentence_initial
        or " " in c.key
        or c.key in mid_sentence
    ]


def to_mention(candidate: Candidate, context: Context, rules: AnnotateRules) -> Mention | None:
    """A country or place mention for a candidate, or None when it is neither."""
    index = gz.gazetteer()
    if candidate.agreed is not None and candidate.agreed.feature != "country":
        return Mention("place", candidate.start, candidate.end, candidate.text,
                       candidate.ner_label or "GAZ", with_role(candidate.agreed.to_json(),
                                                               candidate, rules))
    code = index.country_keys.get(candidate.key)
    if code and len(candidate.key) <= SHORT_NAME_CHARS and not candidate.text.isupper():
        return None  # "US" and "UK" are countries, "Us" and "Mon" are not
    if code and not (candidate.key in index.keys and city_state(candidate.key, code)):
        label = "demonym" if candidate.key in index.demonyms else "country"
        return Mention("country", candidate.start, candidate.end, candidate.text, label, code)
    place = resolve(candidate, context, rules)
    label = candidate.ner_label or "GAZ"
    value = region_mention_value(candidate, place, context, rules)
    if value is None and place is not None:
        value = place.to_json()
    if value is None:
        return None
    return Mention("place", candidate.start, candidate.end, candidate.text, label,
                   with_role(value, candidate, rules))


def with_role(value: dict[str, object], candidate: Candidate,
              rules: AnnotateRules) -> dict[str, object]:
    role = position_role(candidate, rules)
    if role:
        value["role"] = role
    if candidate.region_seat:
        value["region_seat"] = True
    return value


def position_role(candidate: Candidate, rules: AnnotateRules) -> str | None:
    """What the name's position says about it, for the event reader: ``dateline`` (the
    report's place), ``origin`` ("a man from X": where someone comes from),
    ``locative`` ("in X": where something happens), ``attributive``
    ("a Minneapolis police officer", "Petal Mayor Hal Marx": whose, not where)."""
    if candidate.dateline or candidate.line_dateline:
        return "dateline"
    if candidate.origin:
        return "origin"
    if candidate.locative:
        return "locative"
    if candidate.unit_word in rules.attributive_after:
        return "attributive"
    if has_place_qualifier(candidate):
        return "qualified"
    return None


def drop_far_hamlets(mentions: list[Mention]) -> list[Mention]:
    """A village-sized namesake far from every sizeable place the article names in its
    country is a neighbourhood or a street of the article's city ("into Midtown" in a
    Reno report is not Midtown, Tennessee, 3,000 km away), unless a dateline or a
    qualifier ("Midtown, Tenn.") places it. Nor is one abroad, when every sizeable place
    the article names lies in another country and the article never names the town's
    (MAX_TOWN_ABROAD_POP: "Pioneer Park" in a Nebraska report is not the Ontario town)."""
    anchors = [m.value for m in mentions if m.kind == "place" and isinstance(m.value, dict)
               and m.value.get("lat") is not None and is_anchor(m.value)]
    named = {str(m.value) for m in mentions if m.kind == "country"}
    kept = []
    for mention in mentions:
        value = mention.value if isinstance(mention.value, dict) else {}
        same_country = [a for a in anchors if a.get("country") == value.get("country")]
        if unplaced_town(value, MAX_HAMLET_POP) and same_country and min(
            gz.haversine_km(value["lat"], value["lon"], a["lat"], a["lon"])
            for a in same_country
        ) > FAR_HAMLET_KM:
            continue
        if (unplaced_town(value, MAX_TOWN_ABROAD_POP) and anchors and not same_country
                and value.get("country") not in named):
            continue
        kept.append(mention)
    return kept


def unplaced_town(value: dict[str, object], max_population: int) -> bool:
    """A gazetteer town under ``max_population`` that no dateline or qualifier places."""
    return (value.get("feature") == "city" and value.get("lat") is not None
            and int(str(value.get("population") or 0)) < max_population
            and value.get("role") not in ("dateline", "qualified"))


def is_anchor(value: dict[str, object]) -> bool:
    big = int(str(value.get("population") or 0)) >= ANCHOR_MIN_POP
    return value.get("feature") == "city" and (big or value.get("role") in ("dateline",
                                                                           "qualified"))


# --------------------------------------------------------------------------- localities


def scan_localities(
    doc: Doc, offset: int, rules: AnnotateRules, uses: NameUses
) -> Iterator[Candidate]:
    """Places the gazetteer lacks (a hamlet, a village, a square), by how the text names
    them: a NER place, or a capitalised name after "in"/"near"/"à", that is followed by
    a word such as "village" or "township", or by a known region or town qualifying it
    ("Umuokpara (Ehime Mbano, Imo)", "Novobakhmutivka, Donetsk"). ACLED codes such a
    place by its own name at the smallest region the text gives."""
    index = gz.gazetteer()
    tokens = list(doc)
    i = 1
    while i < len(tokens):
        token = tokens[i]
        if not is_name_word_start(token) or token.is_sent_start:
            i += 1
            continue
        end = i + 1
        while end < len(tokens) and end - i < MAX_NAME_TOKENS and continues_name(tokens[end],
                                                                                  rules):
            end += 1
        while end > i + 1 and not is_name_word_start(tokens[end - 1]):
            end -= 1
        span = doc[i:end]
        candidate = locality_candidate(span, offset, rules, uses, index)
        if candidate is not None:
            # "в Новой Каховке" is the locality Новая Каховка
            candidate.dictionary_name = morphology.dictionary_form(span.text, doc.lang_)
            yield candidate
        i = end


def scan_settlement_names(
    doc: Doc, offset: int, rules: AnnotateRules, language: str
) -> Iterator[Candidate]:
    """Hamlets in a script without capitals (Arabic): no capital marks the name, but a
    settlement word before it does ("قرية ديكي", the village of Diki; "مدينة الناصر";
    with "in" glued on, "بمدينة"). The word after it is the locality, unless it is one
    the article's rules stop, another settlement word, or one that describes the place
    ("قرية صغيرة", a small village: morphology's ``settlement_followers``)."""
    tokens = list(doc)
    for token, name in zip(tokens, tokens[1:], strict=False):
        if not (name.is_alpha and is_caseless(name.text)) or not _settlement_word(
                token.text, language):
            continue
        if (_settlement_word(name.text, language) or gz.name_key(name.text) in rules.stoplist
                or morphology.is_one_of(name.text, "settlement_followers", language)):
            continue
        candidate = candidate_from(doc[name.i : name.i + 1], offset)
        candidate.locative = candidate.named_unit = True
        yield candidate


def _settlement_word(word: str, language: str) -> bool:
    """A settlement word as written, or behind the prefixes Arabic glues to it."""
    forms = [word, *(rest for _, rest, _ in morphology.proclitics(word))]
    return any(morphology.names_a_settlement(form, language) for form in forms)


def is_name_word_start(token: Token) -> bool:
    """A capitalised word ("Saint-Ygrec" is one token in French)."""
    return is_name_start(token) and token.text[:1].isalpha()


def locality_candidate(
    span: Span, offset: int, rules: AnnotateRules, uses: NameUses, index: gz.GazetteerIndex
) -> Candidate | None:
    doc = span.doc
    key = gz.name_key(span.text)
    # A name the gazetteer holds only as some namesake's alternate ("Zir") may still be
    # a hamlet: the gazetteer pass has rejected the namesake when it found no place here.
    namesake = is_main_place_name(key) and key not in uses.elsewhere
    # A settlement word vouches for a short name: "near Zir town", "the village of Ali".
    marked = names_a_unit(span, rules) or unit_before(span, rules)
    if namesake or key in rules.stoplist or not is_name_like(
            span.text, rules, MIN_MARKED_NAME_CHARS if marked else MIN_NAME_CHARS):
        return None
    if any(gz.name_key(t.text) in rules.stoplist for t in span) or is_acronym(span.text):
        return None
    if names_no_town(doc, span.end, rules):
        return None  # "at Kosuyolu park in Baglar town": the park is in the town
    entity = covering_entity(doc, span.start_char, span.end_char)
    before = doc[span.start - 1].lower_
    if before in rules.leading_articles:
        return None  # "pour le Changement", "the Trades Hall": a noun or a building
    unit_word = names_a_unit(span, rules)
    candidate = candidate_from(span, offset)
    where = before in rules.locatives and before not in rules.source_prepositions
    candidate.locative = where or unit_before(span, rules)
    candidate.origin = names_an_origin(doc, span.start, rules)
    named_unit = unit_before(span, rules) or bool(unit_word)
    candidate.qualifiers = following_names(doc, span.end, rules, named_unit)
    candidate.supported = entity is not None and entity.label_ in rules.ner_place_labels
    facility = entity is not None and entity.label_ in rules.ner_facility_labels
    own_tag = entity is not None and not candidate.supported and entity.text == span.text
    qualified = has_place_qualifier(candidate)
    others = uses.other.get(key, 0) - own_tag
    if unit_word or qualified:  # "Kuajok-Nyal town": its other lone tags are the same misreading
        others -= max(0, uses.alone.get(key, 0) - own_tag)
    if others > 0 or candidate.sentence_initial:
        return None  # the article uses the name for a person or an organisation elsewhere
    if facility:  # a park or a building lies in a town the text names, unless "X town"
        return candidate if qualified or unit_word else None
    if entity is not None and not candidate.supported:
        # The model calls it a person or an organisation: "in X village", "X (Ewekoro,
        # Ogun)" or "in X" with this one tag outweigh it, the way ACLED's notes name
        # hamlets the model has never seen ("demonstrated in Troisfontaines").
        marked = qualified or unit_word and own_tag  # "Diki, a village near the border"
        return candidate if marked or candidate.locative and (unit_word or own_tag) else None
    if candidate.locative and (unit_word or qualified or candidate.supported):
        return candidate
    return candidate if qualified or (candidate.supported and unit_word) else None


def names_a_unit(span: Span, rules: AnnotateRules) -> bool:
    """ "Zir town", "Diki, a village near the border", "Diki, un village": a settlement
    word right after the name, or after a comma and an article."""
    doc, end = span.doc, span.end
    if end < len(doc) and doc[end].lower_ in region_words():
        return True
    return (end + 2 < len(doc) and doc[end].text == ","
            and doc[end + 1].lower_ in UNIT_ARTICLES and doc[end + 2].lower_ in region_words())


def names_an_origin(doc: Doc, start: int, rules: AnnotateRules) -> bool:
    """ "A man from Leeds", "ein Mann aus Leipzig", "originaire de Roubaix", "oriundo de
    Cádiz": the name says where someone or something comes from. The event reader ranks
    such a place below one the text places the event in ("... was arrested in York")."""
    before = doc[start - 1].lower_ if start >= 1 else ""
    if before in rules.source_prepositions:
        return True
    return (start >= 2 and before in UNIT_LINKS
            and doc[start - 2].lower_ in rules.origin_words)


def unit_before(span: Span, rules: AnnotateRules) -> bool:
    """ "the village of Diki", "le village de Diki", "au village Diki", "le village
    malien de Diki", "la base militaire de Diki": where, as much as "in Diki"."""
    doc, start = span.doc, span.start
    if start >= 1 and doc[start - 1].lower_ in region_words():
        return True
    if start >= 1 and doc[start - 1].is_alpha and morphology.names_a_settlement(
        doc[start - 1].text, doc.lang_
    ):
        return True  # "у посёлка Новоселки", "в селе Малой Токмачке"
    if start < 2 or doc[start - 1].lower_ not in UNIT_LINKS:
        return False
    unit = start - 2
    qualifier = gz.is_demonym(doc[unit].text) or doc[unit].lower_ in installation_qualifiers()
    if unit >= 1 and qualifier:
        unit -= 1  # "le village malien de Boulikessi", "la base militaire de Boulikessi"
    return doc[unit].lower_ in region_words() or doc[unit].lower_ in installation_words()


@cache
def installation_words() -> frozenset[str]:
    """Military installations named after their place (gazetteer.json)."""
    return frozenset(gz.region_rules()["installation_words"])


@cache
def installation_qualifiers() -> frozenset[str]:
    return frozenset(gz.region_rules()["installation_qualifiers"])


def leads_to_a_name(token: Token, rules: AnnotateRules) -> bool:
    """A word that may stand between a comma and a qualifying region: "dans le", "in"."""
    word = token.lower_
    return (word in rules.locatives or word in rules.determiners or word in rules.region_articles
            or word in rules.leading_articles or word in UNIT_LINKS)


def following_names(doc: Doc, end: int, rules: AnnotateRules, unit: bool = False
                    ) -> list[str]:
    """The names in a bracket or after a comma right after a span: "(Ehime Mbano, Imo)";
    after a name called a unit, also after "in": "the town of Nasir in Upper Nile"."""
    if end >= len(doc):
        return []
    opener = doc[end].text in ("(", ",") or unit and doc[end].lower_ in rules.locatives
    if not opener:
        return []
    names: list[str] = []
    current: list[str] = []
    for token in doc[end + 1 : end + 1 + QUALIFIER_TOKENS]:
        if token.text in (")", ";", ".") or token.is_sent_start:
            break
        if token.text == ",":
            names.append(" ".join(current))
            current = []
            continue
        if is_name_start(token) or current and (token.lower_ in rules.particles
                                                 or token.text in HYPHENS):
            current.append(token.text)  # "X, dans le Cantal": the name after the words
        elif current and token.lower_ in rules.conjunctions and doc[end].text == ",":
            return []  # "в Нагорном Карабахе, Армения и НКР": a list, not a qualifier
        elif current:
            break  # "Upper Nile State after combat": the name ends at a common word
        elif not leads_to_a_name(token, rules):
            break  # "an LN Senator, took to the streets in Rome": no qualifier
    names.append(" ".join(current))
    # "(CPC)" after "Coalition ... pour le Changement" is the organisation's acronym
    return [gz.name_key(name) for name in names if name and not is_acronym(name)][:2]


# The label of a country named as the neighbour ("near the border with Burkina Faso").
NEIGHBOUR_LABEL = "neighbour"
# How far back from a country its border phrase may start.
BORDER_PHRASE_CHARS = 40


@cache
def _border_phrase() -> re.Pattern[str]:
    return phrase_before_a_name(data_table("borders")["border_phrases"])


def names_a_neighbour(text: str, start: int) -> bool:
    """Whether the name starting at ``start`` follows a border phrase."""
    return bool(_border_phrase().search(text[max(0, start - BORDER_PHRASE_CHARS) : start]))


def mark_neighbours(mentions: list[Mention], text: str) -> list[Mention]:
    """Countries named as the neighbour ("a village near the border with Burkina Faso")
    get NEIGHBOUR_LABEL: the event happened on the other side of that border, so the
    country is no locality's container and no vote for the article's country."""
    return [replace(m, label=NEIGHBOUR_LABEL)
            if m.kind == "country" and names_a_neighbour(text, m.start) else m
            for m in mentions]


def locality_mentions(
    localities: list[Candidate], found: list[Mention], context: Context, text: str
) -> Iterator[Mention]:
    """A mention per locality with the coordinates of the smallest region the text gives
    after it (its qualifier, "dans le Cantal"), else of the article's country."""
    taken = [(m.start, m.end) for m in found]
    for locality in localities:
        if any(locality.start < e and s < locality.end for s, e in taken):
            continue
        value = locality_value(locality, found, context, text)
        if value is not None:
            if locality.locative:
                value["role"] = "locative"
            yield Mention("place", locality.start, locality.end, locality.text, "locality",
                          value)


def locality_value(
    locality: Candidate, found: list[Mention], context: Context, text: str
) -> dict[str, object] | None:
    """The locality at the smallest region the text gives after it in its sentence, else
    at the nearest place before it there ("in Puebla, Puebla, ... held a protest at Casa
    Aguayo"), else at the article's country."""
    window_end = sentence_end(text, locality.end, LOCALITY_REGION_WINDOW)
    window_start = sentence_start(text, locality.start)
    found = [m for m in found if m.label != NEIGHBOUR_LABEL]
    after = sorted((m for m in found if locality.end <= m.start < window_end),
                   key=lambda m: m.start)
    before = sorted((m for m in found if window_start <= m.start < locality.start),
                    key=lambda m: -m.start)
    for mention in [*after, *before]:
        area = area_of(mention)
        if area is not None:
            return {**area, "geonames_id": 0, "name": locality.name, "population": 0,
                    "feature": "locality"}
    country = max(context.weights, key=lambda c: context.weights[c], default=None)
    if country is None:
        return None
    earlier = [area for m in sorted(found, key=lambda m: -m.start)
               if window_start - LOCALITY_EARLIER_REGION_CHARS <= m.start < window_start
               and is_region_mention(m) and (area := area_of(m)) is not None
               and area.get("country") == country]
    if earlier:  # "in Warduj district of Badakhshan. The strike hit Zohr village"
        return {**earlier[0], "geonames_id": 0, "name": locality.name, "population": 0,
                "feature": "locality"}
    point = country_point(country)
    return {**point, "geonames_id": 0, "name": locality.name, "population": 0,
            "feature": "locality"} if point else None


# How far back, before its sentence, a region may place a village the gazetteer lacks:
# a report names the district, then the village ("... in Warduj district of Badakhshan
# province. The airstrike hit Zohr village"). The region is the village's area, as
# ACLED codes a village it cannot find; the article's country would say less.
LOCALITY_EARLIER_REGION_CHARS = 400


def is_region_mention(mention: Mention) -> bool:
    value = mention.value if isinstance(mention.value, dict) else {}
    return mention.kind == "place" and value.get("feature") in REGION_FEATURES


def sentence_start(text: str, end: int) -> int:
    return max(text.rfind(". ", 0, end) + 2, text.rfind("\n", 0, end) + 1, 0)


def repeated_localities(mentions: list[Mention], text: str,
                        rules: AnnotateRules) -> Iterator[Mention]:
    """One sense per article: a name read as a locality once ("Nasir town") is that
    place wherever else the article names it alone ("the recapture of Nasir"), though
    the model may tag it a person there."""
    localities = {m.text: m for m in mentions if m.label == "locality"}
    if not localities:
        return
    taken = [(m.start, m.end) for m in mentions if m.kind == "place" or m.kind == "country"]
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, localities)) + r")(?![\w-])")
    for match in pattern.finditer(text):
        start, end = match.span()
        if any(start < e and s < end for s, e in taken) or in_longer_name(text, start, end):
            continue
        value = {k: v for k, v in dict(localities[match.group(1)].value or {}).items()
                 if k != "role"}
        before = text[max(0, start - 20) : start].split()
        if before and before[-1].casefold() in rules.locatives:
            value["role"] = "locative"  # "fighting in Nasir"
        yield Mention("place", start, end, match.group(1), "locality", value)


def in_longer_name(text: str, start: int, end: int) -> bool:
    """Whether a capitalised word stands right before or after ("Nasir Ahmed")."""
    before = text[max(0, start - 30) : start].split()
    after = text[end : end + 30].split()
    word_before = before[-1] if before and text[start - 1 : start] == " " else ""
    word_after = after[0] if after and text[end : end + 1] == " " else ""
    return any(word[:1].isupper() and word[:1].isalpha() for word in (word_before, word_after))


def sentence_end(text: str, start: int, limit: int) -> int:
    stop = start + limit
    for mark in (". ", "\n"):
        found = text.find(mark, start, stop)
        if found >= 0:
            stop = found
    return stop


def area_of(mention: Mention) -> dict[str, object] | None:
    """Country, admin1, point and precision of the area a mention names."""
    if mention.kind == "country":  # "near the Chadian border" is no Chadian village
        return None if mention.label == "demonym" else country_point(str(mention.value))
    value = mention.value if isinstance(mention.value, dict) else {}
    if value.get("lat") is None or value.get("feature") == "locality":
        return None
    return {"country": value.get("country"), "admin1": value.get("admin1"),
            "lat": value.get("lat"), "lon": value.get("lon"),
            "precision": "country" if value.get("feature") == "country" else "region"}


def country_point(code: str) -> dict[str, object] | None:
    for place in gz.lookup(gz.country_info().get(code, {}).get("name", "")):
        if place.feature == "country" and place.country == code:
            return {"country": code, "admin1": None, "lat": place.lat, "lon": place.lon,
                    "precision": "country"}
    return None
