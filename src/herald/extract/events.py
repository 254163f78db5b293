"""Which events an article reports, and how each is coded.

The stage reads title and body sentences, finds trigger words per ACLED category (a
per-language table), drops sentences that speak of the past, the future or a court
case, and groups what is left by place: one main event per article, plus an event per
other city that has its own trigger sentence (vigils in several cities the same night).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from herald.extract.actors import event_actors, is_group_name
from herald.extract.attach import claims_in
from herald.extract.coding import code_event, labelled_coding, sharpened
from herald.extract.dates import (
    Months,
    absolute_dates,
    event_date,
    is_fresh,
    is_old,
    looked_back_months,
    page_reference,
    parse_published,
    reference_date,
    relative_date,
)
from herald.extract.names import report_names
from herald.extract.places import (
    PRECISION_RANK,
    best_in_span,
    capital_location,
    coded_location,
    country_of,
    dominant_place,
    is_attributive,
    is_border_reference,
    is_dateline,
    is_demonym,
    is_direction_reference,
    is_reference_point,
    outlet_location,
    place_key,
    place_mentions,
    place_precision,
    speaks_for_its_state,
    to_location,
    voted_country,
)
from herald.extract.rules import LanguageRules, coding_rules, fold_accents, rules_for
from herald.extract.speakers import is_speaker
from herald.model import Actor, Article, Event, Location, Mention, Sentence, Source

# Modifier categories refine a protest or riot. What the police did never starts an
# event on its own; violence by a crowd does (a mob throwing petrol bombs).
MODIFIERS = frozenset({"violent", "excessive_force", "intervention"})
POLICE_MODIFIERS = frozenset({"excessive_force", "intervention"})
# How near a crowd word a later sentence's police word must be to count as what the
# police did to this event's crowd: about eight words ("police fired tear gas at the
# protesters"), less than a clause away ("Chauvin was arrested ..., though protesters
# said"). Checked on the dev sets' protest sub-types.
MODIFIER_REACH_CHARS = 50
CLAUSE_BREAK = re.compile(r"[,;:]")
# What the police do to a crowd besides the modifiers: arrest people.
POLICE_DEEDS = frozenset({"arrests"})
# At most this many events per article besides the main one: over-splitting costs more
# precision than the rare article with many cities gains (checked on realnews-dev).
MAX_SECONDARY_EVENTS = 3
# Secondary events must start a protest or riot of their own; a weak crowd word
# ('gathered', 'blocked', coding.json) counts as the crowd's when places are chosen.
SECONDARY_BASES = frozenset({"protest", "riot"}) | coding_rules().weak_crowd
# Summaries longer than this are cut at a word boundary.
MAX_SUMMARY_CHARS = 300
YEAR_PATTERN = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


@dataclass
class ReadSentence:
    """A sentence with the trigger categories found in it and whether it is news."""

    sentence: Sentence
    categories: dict[str, tuple[int, int]] = field(default_factory=dict)
    background: bool = False
    place: Mention | None = None

    @property
    def starts_event(self) -> bool:
        return not self.background and bool(set(self.categories) - POLICE_MODIFIERS)


def reading_sentences(article: Article) -> list[Sentence]:
    """Title and body sentences, title first; everything else is not reporting."""
    chosen = [s for s in article.sentences if s.segment in ("title", "body")]
    return sorted(chosen, key=lambda s: (s.segment != "title", s.start))


def _mentions_old_year(text: str, published_year: int | None) -> bool:
    if published_year is None:
        return False
    return any(int(year) < published_year for year in YEAR_PATTERN.findall(text))


def _cue(text: str, rules: LanguageRules, key: str) -> bool:
    pattern = rules.cues.get(key)
    return bool(pattern and pattern.search(text))


def _says_future(text: str, rules: LanguageRules) -> bool:
    return _cue(text, rules, "future")


def _takes_an_object(text: str, match: re.Match[str], rules: LanguageRules) -> bool:
    """The trigger gathers things, not people: 'a petition gathered 1,400 signatures'.

    Crowd verbs (gather, rassembler, versammeln, reunir) need a human crowd; an
    object complement from the language's table right after the trigger, or a
    passive subject right before it, says the sentence reports no crowd.
    """
    after = rules.cues.get("object_after")
    before = rules.cues.get("object_before")
    return bool(
        (after and after.match(text, match.end()))
        or (before and before.search(text, 0, match.start()))
    )


def _first_crowd_match(text: str, pattern: re.Pattern[str], starts: list[int],
                       rules: LanguageRules) -> re.Match[str] | None:
    """The first match of ``pattern`` (as ``finditer`` finds them) that takes no object.

    Every match begins at one of ``starts`` (where some trigger word starts), so only
    those positions are tried: one scan of the sentence for all categories instead of
    one per category.
    """
    resume = 0
    for start in starts:
        if start < resume:
            continue
        match = pattern.match(text, start)
        if match is None:
            continue
        if not _takes_an_object(text, match, rules):
            return match
        resume = match.end()
    return None


def read_sentence(article: Article, sentence: Sentence, rules: LanguageRules,
                  countries: frozenset[str] = frozenset()) -> ReadSentence:
    """Trigger categories (first match of each) and the background verdict of a sentence
    (``countries``: the article's, from ``country_words``)."""
    text = article.text[sentence.start : sentence.end]
    read = ReadSentence(sentence)
    starts = [m.start() for m in rules.trigger_starts.finditer(text)]
    if not starts:
        return read
    found: dict[str, tuple[int, int]] = {}
    for category, pattern in rules.triggers.items():
        match = _first_crowd_match(text, pattern, starts, rules)
        if match:
            found[category] = (match.start(), match.end())
    found = sharpened(text, found, rules, countries)
    read.categories = {category: (sentence.start + start, sentence.start + end)
                       for category, (start, end) in found.items()}
    if read.categories:
        published = parse_published(article.published)
        read.background = _says_future(text, rules) or _tells_earlier(
            text, rules, published, "background")
    return read


def country_words(article: Article) -> frozenset[str]:
    """The words of the countries and nationalities the annotator found, and the names
    of organisations it found a country in, casefolded: an army named with one is that
    state's ("the Nigerian Army"). Read once per article."""
    words = {word for m in article.mentions if m.kind == "country"
             for word in re.findall(r"[^\W\d_]+", m.text.casefold())}
    words.update(m.text.casefold() for m in article.mentions if m.kind == "org" and m.value)
    return frozenset(words)


def past_sentences(article: Article, reads: list[ReadSentence],
                   rules: LanguageRules) -> list[tuple[int, int]]:
    """Spans of the sentences that tell of an earlier time than the page's: an older
    year, an old date, an earlier period ("last year", "had escaped in January 2024")."""
    published = parse_published(article.published)
    return [(r.sentence.start, r.sentence.end) for r in reads
            if _tells_earlier(article.text[r.sentence.start : r.sentence.end], rules,
                              published, "past_periods")]


def _tells_earlier(text: str, rules: LanguageRules, published: date | None, cue: str) -> bool:
    """Not fresh news, and an older year, an old date or the ``cue`` list says so: a
    trigger sentence is background with the "background" cues (a trial, a poll), a
    place is the past's only with "past_periods" ("a prison in Guayaquil" is where
    someone once was, whatever jailing words the sentence has)."""
    return not is_fresh(text, rules, published) and (
        _cue(text, rules, cue)
        or _mentions_old_year(text, published.year if published else None)
        or is_old(text, rules, published))


def _frame_looked_back(article: Article, reads: list[ReadSentence], rules: LanguageRules
                       ) -> None:
    """On a page that looks back (its first trigger sentence names past months without a
    day: "over several nights in late May and early June", in a year in review), a
    sentence dated within those months tells of the period the page is about, not of
    background: "The largest protest took place May 31" is its news."""
    months = _looked_back(article, reads, rules)
    if months is None:
        return
    for read in reads:
        text = article.text[read.sentence.start : read.sentence.end]
        if read.background and _within_months(text, rules, months):
            read.background = _says_future(text, rules) or _cue(text, rules, "background")


def _looked_back(article: Article, reads: list[ReadSentence], rules: LanguageRules
                 ) -> Months | None:
    page = page_reference(article)
    first = next((read for read in reads if read.categories), None)
    if page is None or first is None:
        return None
    return looked_back_months(article.text[first.sentence.start : first.sentence.end],
                              rules, page)


def _within_months(text: str, rules: LanguageRules, months: Months) -> bool:
    written = absolute_dates(text, rules, months.last)
    return bool(written) and all(months.holds(day) for _, _, day in written)


def article_is_background(article: Article, rules: LanguageRules) -> bool:
    """An article whose headline is about a trial, an anniversary or an opinion reports
    none. A page captured without its headline is read by its first sentence when that
    sentence opens on such a frame: "the court begins to try the man who attacked ...",
    "five years have passed since the city was shelled" tell a past event's story, while
    "people rallied to protest the Supreme Court's decision" reports a rally."""
    cue = rules.cues.get("article_background")
    if cue is None:
        return False
    titles = [article.text[s.start : s.end] for s in article.sentences if s.segment == "title"]
    titles += [article.title] if article.title else []
    folded = rules.cues.get("article_background_folded", cue)
    if titles:
        return any(cue.search(title) or folded.search(fold_accents(title)) for title in titles)
    if not article.sentences:
        return False
    lead = article.text[article.sentences[0].start : article.sentences[0].end]
    frame = cue.search(lead) or folded.search(fold_accents(lead))
    first_trigger = rules.trigger_starts.search(lead)
    return frame is not None and (first_trigger is None or frame.start() < first_trigger.start())


def event_id(article: Article, start: int, end: int) -> str:
    """Stable: the same article and trigger span always give the same id."""
    return hashlib.sha1(f"{article.id}:{start}:{end}".encode()).hexdigest()[:16]


def _about_the_crowd(article: Article, read: ReadSentence, rules: LanguageRules
                     ) -> list[str]:
    """The categories a later sentence adds to its event: what the police did counts
    only where the sentence puts it next to the crowd.

    A report's later sentences also tell what led to the event ("the officer was
    arrested and charged") or what the crowd did afterwards ("the group dispersed");
    an arrest or a dispersal is the police's intervention at the event only when it
    is said of the crowd, in one clause ("police dispersed the protesters"), or is all
    a sentence says ("Police then fired tear gas.").
    """
    coding = coding_rules()
    crowd_words = coding.strong_crowd | coding.weak_crowd
    crowd = [span for cat, span in read.categories.items() if cat in crowd_words]
    police_act = not crowd and _police_only(article, read, rules)
    return [
        cat for cat, span in read.categories.items()
        if cat not in POLICE_MODIFIERS or police_act
        or any(_one_clause(article.text, span, other) for other in crowd)
    ]


def _police_only(article: Article, read: ReadSentence, rules: LanguageRules) -> bool:
    """A sentence about what the police did and nothing else ("Police fired tear gas",
    "Die Polizei setzte Tränengas ein"): the crowd is the previous sentences'. One that
    reports another deed ("the officer was arrested and charged with murder") is about
    that deed."""
    other = set(read.categories) - POLICE_MODIFIERS - POLICE_DEEDS
    pattern = rules.cues.get("security_forces")
    named = pattern is not None and bool(
        pattern.search(article.text, read.sentence.start, read.sentence.end))
    return named and not other


def _one_clause(text: str, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Two spans of one clause: close, and no comma, semicolon or colon between them."""
    start, end = min(first[1], second[1]), max(first[0], second[0])
    return end - start <= MODIFIER_REACH_CHARS and not CLAUSE_BREAK.search(text, start, end)


def _trigger_span(group: list[ReadSentence]) -> tuple[int, int]:
    first = group[0]
    spans = [span for cat, span in first.categories.items() if cat not in MODIFIERS]
    return min(spans or list(first.categories.values()))


# Segments whose full dates can stand for a missing publication date: the article's
# own text and the posts it embeds, not reader comments or page furniture.
DATED_SEGMENTS = ("title", "body", "quote")


def dated_spans(article: Article) -> list[tuple[int, int]]:
    spans = [(s.start, s.end) for s in article.segments if s.kind in DATED_SEGMENTS]
    return spans or [(s.start, s.end) for s in article.sentences]


def _summary(article: Article, sentence: Sentence) -> str:
    text = " ".join(article.text[sentence.start : sentence.end].split())
    if len(text) <= MAX_SUMMARY_CHARS:
        return text
    return text[:MAX_SUMMARY_CHARS].rsplit(" ", 1)[0] + "…"


def _near(a: Mention, b: Mention) -> bool:
    """Same place: same gazetteer entry, or (rough) within 25 km."""
    if place_key(a) == place_key(b):
        return True
    va = a.value if isinstance(a.value, dict) else {}
    vb = b.value if isinstance(b.value, dict) else {}
    if None in (va.get("lat"), va.get("lon"), vb.get("lat"), vb.get("lon")):
        return False
    dlat = (float(va["lat"]) - float(vb["lat"])) * 111
    dlon = (float(va["lon"]) - float(vb["lon"])) * 111 * 0.7
    return (dlat**2 + dlon**2) ** 0.5 < SAME_PLACE_KM


# Two mentions this close are one place (the eval's location tolerance).
SAME_PLACE_KM = 25.0


def main_place(starters: list[ReadSentence], mentions: list[Mention],
               past: Sequence[tuple[int, int]] = (), country: str | None = None
               ) -> Mention | None:
    """The city the trigger sentences name most (earliest on ties), else the article's,
    leaving out sentences that tell of an earlier time (``past``): "he had escaped in
    January 2024 from a prison in Guayaquil" does not say where he was arrested.

    Trigger sentences that name only a country ("Ecuador recaptured its most wanted
    man") leave the place to the rest of the report: the first town or region it names
    in that country or the article's (``finer_place``), as ACLED codes the most
    precise location a report gives. Trigger sentences that name no place at all take
    the first place of the article's country, else the one it names most.
    """
    placed = _without_filing_place([r.place for r in starters if r.place is not None])
    cities = [m for m in placed if place_precision(m) == "city"]
    regions = [m for m in placed if place_precision(m) == "region"]
    # The most precise place the trigger sentences give, as ACLED codes it: a country
    # named more often ("Nigeria ... Nigerian village in Kaduna state") does not
    # outvote the state.
    pool = cities or regions or placed
    present = [m for m in mentions if not any(s <= m.start < e for s, e in past)]
    if not pool:
        return finer_place(present, {country}) or dominant_place(present)
    if all(place_precision(m) == "country" or is_dateline(m) for m in pool):
        # A dateline, like a country, says less than the place the report goes on to
        # name: "JALALABAD, Afghanistan - warplanes killed 16 civilians ... the governor
        # of Haska Meena district said" is coded at the district.
        elsewhere = [m for m in present if not is_dateline(m)]
        finer = finer_place(elsewhere, {country_of(m) for m in pool} | {country})
        if finer is not None:
            return finer
    # Ranked by how often the whole article names the place: the trigger sentences
    # alone are too few to outvote a stray gazetteer hit.
    counts = {place_key(m): sum(place_key(o) == place_key(m) for o in mentions) for m in pool}
    return max(pool, key=lambda m: (counts[place_key(m)], -m.start))


def _without_filing_place(placed: list[Mention]) -> list[Mention]:
    """A dateline's city gives way to a town or region the trigger sentences name as
    where ("Kano, Nigeria (APP): About 300 gunmen raided a village ... The assailants
    invaded Kirtawa village in Katsina state"): it says where the report was filed, and
    ACLED codes where the event happened, even a village the gazetteer places only by
    its state. A sentence's own dateline already yields to its own places
    (``best_in_span``); this is the same reading across the report."""
    if not any(is_dateline(m) for m in placed):
        return placed
    where = [m for m in placed if not is_dateline(m) and place_precision(m) != "country"]
    return where or placed


def finer_place(mentions: list[Mention], countries: set[str | None]) -> Mention | None:
    """The first town or region of these countries the report names: news tells where
    first and what followed later ("flown to a prison in Guayaquil", "taken to hospital
    in ..."), so the first place, not the most named, is the event's."""
    finer = [m for m in mentions
             if place_precision(m) != "country" and country_of(m) in countries - {None}]
    return min(finer, key=lambda m: m.start, default=None)


def _full_name(mention: Mention) -> bool:
    """The text names the gazetteer place in full ("Metz"), not a piece of a longer
    name ("Étoile" of "Place de l'Étoile" read as Étoile-sur-Rhône)."""
    value = mention.value if isinstance(mention.value, dict) else {}
    name = str(value.get("name") or "")
    return fold_accents(mention.text).lower() == fold_accents(name).lower()


def _is_secondary(read: ReadSentence, main: Mention | None, mentions: list[Mention],
                  dated: Callable[[ReadSentence], bool]) -> bool:
    """A sentence that reports a protest of its own in one other city of the same country,
    on a day it states itself.

    A report has one main event; another event is reported only where the text gives it
    its own trigger, place and date ("On Saturday, 500 people also marched in Metz"). A
    sentence naming several cities is a round-up ("protests also in X, Y and Z"), a
    foreign city is context ("Beijing's plans"), and a place with no date of its own is
    background ("similar rallies took place in York"); none makes an event of its own.
    Whether the sentence is ``dated`` is asked last: reading its day is the costly test.
    """
    if main is None or read.place is None or place_precision(read.place) != "city":
        return False
    start, end = read.sentence.start, read.sentence.end
    cities = {place_key(m) for m in mentions
              if start <= m.start < end and place_precision(m) == "city"}
    return (
        len(cities) == 1
        and _full_name(read.place)
        and not _near(read.place, main)
        and country_of(read.place) == country_of(main)
        and bool(set(read.categories) & SECONDARY_BASES)
        and dated(read)
    )


def _elsewhere(read: ReadSentence, main: Mention | None) -> bool:
    """A sentence about another city ("scuffles also broke out in Metz") is not the
    main event's, even when it does not make an event of its own."""
    return (
        main is not None
        and read.place is not None
        and place_precision(read.place) == "city"
        and place_precision(main) == "city"
        and not _near(read.place, main)
    )


def group_sentences(reads: list[ReadSentence], main: Mention | None, mentions: list[Mention],
                    dated: Callable[[ReadSentence], bool] = lambda _: True,
                    ) -> list[list[ReadSentence]]:
    """The main event's sentences first, then one group per other city with a trigger
    (``dated`` says whether a sentence states a day of its own)."""
    news = [r for r in reads if not r.background]
    others: dict[str, list[ReadSentence]] = {}
    main_group: list[ReadSentence] = []
    for read in news:
        if read.starts_event and _is_secondary(read, main, mentions, dated):
            assert read.place is not None
            others.setdefault(place_key(read.place), []).append(read)
        elif not _elsewhere(read, main):
            main_group.append(read)
    groups = [g for g in [main_group, *others.values()] if any(r.starts_event for r in g)]
    return groups[: 1 + MAX_SECONDARY_EVENTS]


def build_event(article: Article, group: list[ReadSentence], place: Mention | None,
                rules: LanguageRules, fallback_country: str | None,
                context: list[tuple[int, int]],
                elaboration: Sequence[tuple[int, int]] = ()) -> Event | None:
    """One candidate event from its sentences (anchor first); ``context`` holds the
    article's other news sentences, read for a date when the event's own have none,
    and ``elaboration`` the sentences that go on telling the main event."""
    starters = [r for r in group if r.starts_event]
    anchor = headline_and_lead(article, starters)
    categories = set(anchor)
    for read in group:
        if read is not starters[0]:
            categories.update(_about_the_crowd(article, read, rules))
    coding = code_event(categories, anchor)
    if coding is None:
        return None
    labelled = labelled_coding(article.text)
    if labelled is not None and starters[0].sentence.start < labelled[1]:
        coding = labelled[0]  # the note's own tag, on the sentence it opens
    spans = [(r.sentence.start, r.sentence.end) for r in starters + group if r.categories]
    trigger_start, trigger_end = _trigger_span(starters)
    location = to_location(article, place, fallback_country)
    location = coded_location(article, spans, location) or location
    if location.precision in ("country", "unknown") and location.country:
        location = _at_institution(article, spans, rules, location.country) or location
    if location.precision == "unknown" and not location.country and article.outlet_town:
        location = outlet_location(article, article.outlet_town)
    actors: dict[tuple[str, str], Actor] = {}
    for start, end in dict.fromkeys(spans + [(r.sentence.start, r.sentence.end) for r in group]):
        for actor in event_actors(article, start, end, rules, location.country, categories):
            actors.setdefault((actor.name, actor.role), actor)
    return Event(
        id=event_id(article, trigger_start, trigger_end),
        event_type=coding[0],
        sub_event_type=coding[1],
        date=event_date(article, list(dict.fromkeys(spans + context)), rules,
                        reference_date(article, dated_spans(article)), elaboration),
        location=location,
        actors=list(actors.values()),
        claims=claims_in(article, [(r.sentence.start, r.sentence.end) for r in group]),
        sources=[Source(article.id, article.outlet, article.url, article.published)],
        summary=_summary(article, starters[0].sentence),
        trigger=article.evidence(trigger_start, trigger_end),
        names=report_names(article, list(dict.fromkeys([*spans, *elaboration]))),
    )


# The lead is the first body sentence, or the second when a dateline stands alone
# ("MANILLE (Reuters)").
LEAD_SENTENCES = 2


def headline_and_lead(article: Article, starters: list[ReadSentence]) -> set[str]:
    """The trigger categories of the event's anchor: its first trigger sentence, and
    when that is the headline, the lead with it where the lead restates the headline's
    event (a category in common). A headline tells the outcome ("Twelve soldiers killed
    on Jolo island"), the lead how ("killed in clashes with Abu Sayyaf"): read alone,
    the headline would code a battle as an attack."""
    anchor = set(starters[0].categories)
    if starters[0].sentence.segment != "title" or len(starters) < 2:
        return anchor
    lead = [s for s in article.sentences if s.segment != "title"][:LEAD_SENTENCES]
    restated = set(starters[1].categories)
    if starters[1].sentence in lead and restated & anchor:
        anchor |= restated
    return anchor


def _at_institution(article: Article, spans: list[tuple[int, int]], rules: LanguageRules,
                    country: str) -> Location | None:
    """The capital when the event's sentences name a national institution, not as the
    source of a statement ("a annoncé le ministère malien de la Défense" says who
    reported an attack on a base in the north, not that it happened in Bamako)."""
    cue = rules.cues.get("national_institutions")
    verbs = rules.cues.get("report_verbs")
    for start, end in spans:
        for match in cue.finditer(article.text, start, end) if cue else ():
            if verbs is None or not is_speaker(article.text, match, verbs):
                return capital_location(country, article.evidence(match.start(), match.end()))
    return None


# How many sentences from the top a report takes to tell its main event: the lead, then
# where and when ("The incident took place in Nangarhar province on Friday").
ELABORATION_SENTENCES = 5


def elaborating_sentences(reads: list[ReadSentence]) -> list[tuple[int, int]]:
    """Body sentences near the top without a trigger of their own, not background: they
    can only be telling the main event, so a day they state is its day when the event's
    own sentences state none."""
    return [(r.sentence.start, r.sentence.end) for r in reads[:ELABORATION_SENTENCES]
            if r.sentence.segment == "body" and not r.categories and not r.background]


def states_day(article: Article, read: ReadSentence, rules: LanguageRules) -> bool:
    """Whether a sentence names its own day: a written date or a relative day word."""
    text = article.text[read.sentence.start : read.sentence.end]
    anchor = date(2000, 1, 1)  # any day: only whether a word is there matters
    return bool(absolute_dates(text, rules, None) or relative_date(text, rules, anchor))


# A sentence about another city founds an event of its own only when its day is this
# close to the page's: a weekend's marches told on Monday ("On Saturday, 500 people
# also marched in Metz") are the news; what happened elsewhere earlier in the week
# ("Violent protests erupted in Minneapolis Tuesday night", in a Sunday report from
# Petal) is the background that explains it.
SECONDARY_NEWS_DAYS = 3


def states_recent_day(article: Article, read: ReadSentence, rules: LanguageRules) -> bool:
    """Whether a sentence names its own day, and that day lies within
    ``SECONDARY_NEWS_DAYS`` before the page's (when the page's day is known)."""
    if not states_day(article, read, rules):
        return False
    page = page_reference(article)
    if page is None or page.precision != "day":
        return True
    own = event_date(article, [(read.sentence.start, read.sentence.end)], rules)
    if own.value is None or own.precision != "day":
        return True
    return date.fromisoformat(own.value) >= page.day - timedelta(days=SECONDARY_NEWS_DAYS)


def _is_actor_word(mention: Mention, rules: LanguageRules) -> bool:
    """A gazetteer hit that is really a force or crowd word ("CRS", "Police"), or a name
    the gazetteer lacks that is a known group's ("fired at Houthi positions"): the
    group is an actor, and the place is where its positions are."""
    if any((pattern := rules.cues.get(key)) is not None and pattern.fullmatch(mention.text)
           for key in ("security_forces", "protesters")):
        return True
    value = mention.value if isinstance(mention.value, dict) else {}
    return not value.get("geonames_id") and is_group_name(mention.text)


def without_direction_references(text: str, mentions: list[Mention]) -> list[Mention]:
    """Places named only as a direction from ("north of Riyadh") give way when the
    report names another place at least as precise as where ("in the town of Ar Rass
    in Qassim"); a report that names none keeps them, its best clue ("east of Hays (Al
    Hudaydah)" is coded at Hays)."""
    references = [m for m in mentions if is_direction_reference(text, m)]
    if not references:
        return mentions
    reference_keys = {place_key(m) for m in references}
    finest = min(PRECISION_RANK[place_precision(m)] for m in references)
    elsewhere = [m for m in mentions if place_key(m) not in reference_keys
                 and PRECISION_RANK[place_precision(m)] <= finest]
    return [m for m in mentions if m not in references] if elsewhere else mentions


def _family_of(starters: list[ReadSentence]) -> frozenset[str]:
    """The trigger categories that define the article's main event kind."""
    if any(set(r.categories) & SECONDARY_BASES for r in starters):
        return SECONDARY_BASES
    return frozenset(c for r in starters for c in r.categories) - MODIFIERS


def sentence_place(read: ReadSentence, mentions: list[Mention], family: frozenset[str],
                   country: str | None = None) -> Mention | None:
    """The most precise place of a sentence that belongs to the event's own trigger.

    A place that sits nearer another kind of trigger ("vigil for the victims of the
    attacks in Paris") is that other event's place, not this one's.
    """
    start, end = read.sentence.start, read.sentence.end
    own = [span for cat, span in read.categories.items() if cat in family]
    other = [span for cat, span in read.categories.items()
             if cat not in family and cat not in MODIFIERS]
    if not own or not other:
        return best_in_span(mentions, start, end, country)
    kept = [m for m in mentions if start <= m.start < end
            and _distance(m, own) <= _distance(m, other)]
    return best_in_span(kept, start, end, country)


def _distance(mention: Mention, spans: list[tuple[int, int]]) -> int:
    return min(max(a - mention.end, mention.start - b, 0) for a, b in spans)


def extract_events(article: Article) -> Article:
    """Set ``article.events`` to the candidate events the article reports as news."""
    rules = rules_for(article.language)
    article.events = []
    if article_is_background(article, rules):
        return article
    found = [m for m in place_mentions(article) if not is_border_reference(m)]
    country = voted_country(found)
    mentions = without_direction_references(article.text, [
        m for m in found if place_precision(m) != "unknown"
        and not is_demonym(m) and not _is_actor_word(m, rules)
        and not is_reference_point(article.text, m) and not is_attributive(m)
        and not speaks_for_its_state(article.text, m, rules.cues)])
    countries = country_words(article)
    reads = [read_sentence(article, s, rules, countries) for s in reading_sentences(article)]
    _frame_looked_back(article, reads, rules)
    starters = [r for r in reads if r.starts_event]
    if not starters:
        return article
    family = _family_of(starters)
    for read in reads:
        read.place = sentence_place(read, mentions, family, country)
    main = main_place([r for r in starters if set(r.categories) & family] or starters, mentions,
                      past_sentences(article, reads, rules), country)
    context = [(r.sentence.start, r.sentence.end) for r in starters if not r.background]
    for index, group in enumerate(group_sentences(reads, main, mentions,
                                                  lambda r: states_recent_day(article, r, rules))):
        place = main if index == 0 else group[0].place
        event = build_event(article, group, place, rules, country, context,
                            elaborating_sentences(reads) if index == 0 else ())
        if event is not None:
            article.events.append(event)
    return article
