"""When an event happened: an absolute date in its sentences, a relative word resolved
against the page's date, or the page's date itself; never today's date.

The page's date is what the segment stage read (``Article.page_date``: metadata, a
dateline, the URL...). With its day known, "yesterday" and "samedi" resolve against it;
with only its month known, a year-less "May 30" takes the month's year and relative
words stay unresolved. A statement's day ("officials said Sunday") is not its event's;
an announcing sentence's weekday lies ahead; "last year's attack" is not of the page's
day. The words for months, weekdays and relative days are the rule tables', completed
from dateparser's locale data (``calendar_words``).
"""

from __future__ import annotations

import calendar
import importlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from typing import Any

from herald.extract.rules import (
    SUPPORTED_LANGUAGES,
    LanguageRules,
    phrase_alternation,
    raw_table,
    rules_for,
)
from herald.extract.speakers import verb_ahead
from herald.model import Article, EventDate, Evidence, PageDatePrecision

# An event is not reported as news when its own sentence dates it this many days
# before publication (weekly marches sit 7 days apart; 10 keeps a one-week lookback).
MAX_NEWS_AGE_DAYS = 10
YEAR = r"(?:1[89]|20)\d\d"
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"\w+")
# dateparser's locale keys, and its relative days as offsets from the page's day.
MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december")
WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
RELATIVE_KEYS = {"0 day ago": 0, "1 day ago": -1, "2 day ago": -2}
# Shorter locale words are abbreviations that double as words in running text ("di",
# "so", "mar", "ma"); months are safe from three letters on, as a day number must
# stand beside them.
MIN_MONTH_CHARS = 3
MIN_WEEKDAY_CHARS = 4
MIN_RELATIVE_CHARS = 3
# A statement's date follows its verb closely: "said Sunday", "a déclaré un responsable
# hospitalier lundi" (three words), "teilte die Polizei am Montag mit" (three).
STATEMENT_GAP_WORDS = 3
STATEMENT_WINDOW_CHARS = 60
POSSESSIVE = re.compile(r"['’]s\b")
# "Friday May 29", "Saturday, May 30", "el domingo 20 de abril": a weekday this close
# before a written date names that date's day.
WEEKDAY_GAP_CHARS = 4
# How far before a date its weekday may start ("Wednesday, " is 11 characters).
WEEKDAY_SPAN_CHARS = 16
# A weekday and a day of a month recur together every 5, 6 or 11 years: within six
# years of the floor, the first match is the only one.
PINNED_YEAR_SPAN = 6


@dataclass(frozen=True)
class Calendar:
    """The words of one language that name months, weekdays and days relative to today."""

    months: dict[str, int]
    weekdays: dict[str, int]
    relative_days: dict[str, int]


@cache
def calendar_words(rules: LanguageRules) -> Calendar:
    """The rule table's date words, completed by dateparser's locale data (CLDR): its
    spellings and abbreviations of months ("dic", "янв", "يونيه"), and, for a language
    with no table of ours, its weekdays and its words for today, yesterday and the day
    before ("jana", "вчора", "tegnap").

    The tables stay first: dateparser lacks inflections and compounds ("Montagabend",
    "la nuit dernière"), and its lists hold abbreviations that are words in running
    text ("di", "so"; "minggu", Indonesian Sunday and week), hence the length floors
    and the weekdays of a language with a table left to that table.
    """
    months = dict(rules.months)
    weekdays = dict(rules.weekdays)
    weekdays.update(_weekday_compounds(rules.language))
    relative = dict(rules.relative_days)
    locale = _dateparser_locale(rules.language)
    for number, name in enumerate(MONTH_KEYS, start=1):
        for word in locale.get(name, []):
            if len(word.rstrip(".")) >= MIN_MONTH_CHARS:
                months.setdefault(word.lower().rstrip("."), number)
    if rules.language not in SUPPORTED_LANGUAGES:  # a table's authors chose its days
        weekdays = _locale_weekdays(locale) | weekdays
        relative = _locale_relative_days(locale) | relative
    return Calendar(months, weekdays, relative)


def _locale_weekdays(locale: dict[str, Any]) -> dict[str, int]:
    """dateparser's whole weekday names: a cut-off one is an abbreviation ("понед"),
    and may be a word in running text ("серед", Ukrainian "among")."""
    weekdays: dict[str, int] = {}
    for number, name in enumerate(WEEKDAY_KEYS):
        names = {word.lower() for word in locale.get(name, [])}
        for word in names:
            truncated = any(other != word and other.startswith(word) for other in names)
            if len(word) >= MIN_WEEKDAY_CHARS and not word.endswith(".") and not truncated:
                weekdays.setdefault(word, number)
    return weekdays


def _locale_relative_days(locale: dict[str, Any]) -> dict[str, int]:
    """dateparser's words for today, yesterday and the day before yesterday."""
    return {
        word.lower(): offset
        for key, offset in RELATIVE_KEYS.items()
        for word in locale.get("relative-type", {}).get(key, [])
        if len(word) >= MIN_RELATIVE_CHARS and not _DIGIT.search(word)
    }


def _weekday_compounds(language: str) -> dict[str, int]:
    """Weekdays written with a time of day in one word, in the languages that do
    ("Samstagabend", "zondagmiddag"): each table's weekdays with its own suffixes."""
    compounds: dict[str, int] = {}
    for lang in _table_languages(language):
        table = raw_table(lang)
        for suffix in table.get("weekday_suffixes", []):
            compounds.update({f"{word.lower()}{suffix}": day
                              for word, day in table["weekdays"].items() if " " not in word})
    return compounds


def _table_languages(language: str) -> list[str]:
    """Whose rule tables a language reads: its own, or every table for one without."""
    return [language] if language in SUPPORTED_LANGUAGES else list(SUPPORTED_LANGUAGES)


def _dateparser_locale(language: str) -> dict[str, Any]:
    """dateparser's translation data of one language ({} when it has none)."""
    if not re.fullmatch(r"[a-z]{2,3}", language):
        return {}
    try:
        module = importlib.import_module(f"dateparser.data.date_translation_data.{language}")
    except ImportError:
        return {}
    info = getattr(module, "info", {})
    return info if isinstance(info, dict) else {}


@cache
def _date_patterns(rules: LanguageRules) -> list[re.Pattern[str]]:
    """day-month-year and month-day-year patterns over the language's month names."""
    months = phrase_alternation(sorted((re.escape(m) for m in calendar_words(rules).months),
                                       key=len, reverse=True))
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|\.|º|°)?"
    return [
        re.compile(rf"(?<!\w){day}\s+(?:de\s+)?(?P<month>{months})\.?(?:,?\s+(?:de\s+)?"
                   rf"(?P<year>{YEAR}))?(?!\w)", re.IGNORECASE),
        re.compile(rf"(?<!\w)(?P<month>{months})\.?\s+{day}(?:,?\s+(?P<year>{YEAR}))?(?!\w)",
                   re.IGNORECASE),
        re.compile(rf"(?<!\d)(?P<day>[0-3]?\d)[./](?P<monthnum>[01]?\d)[./](?P<year>{YEAR})(?!\d)"),
        re.compile(rf"(?<!\d)(?P<year>{YEAR})-(?P<monthnum>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
    ]


@cache
def _word_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    ordered = sorted(words, key=len, reverse=True)
    alternation = phrase_alternation([re.escape(w) for w in ordered])
    return re.compile(r"(?<!\w)(?:" + alternation + r")(?!\w)", re.IGNORECASE)


def parse_published(published: str | None) -> date | None:
    if not published:
        return None
    return _parse_day(published[:10])


@lru_cache(maxsize=1024)
def _parse_day(day: str) -> date | None:
    """strptime is slow and every trigger sentence of an article asks for the same day."""
    try:
        return datetime.strptime(day, "%Y-%m-%d").date()
    except ValueError:
        return None


def _build(day: int, month: int, year: int | None, published: date | None) -> date | None:
    """A calendar date; a year-less one takes the latest year not after publication."""
    if year is None:
        if published is None:
            return None
        year = published.year
        try:
            if date(year, month, day) > published + timedelta(days=1):
                year -= 1
        except ValueError:
            return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def absolute_dates(text: str, rules: LanguageRules, published: date | None
                   ) -> list[tuple[int, int, date]]:
    """(start, end, date) of every absolute date written in ``text``."""
    if not _DIGIT.search(text):
        return []  # every date pattern needs a digit (the day)
    return list(_recent_dates(text, rules, published))


def _written_days(text: str, rules: LanguageRules
                  ) -> Iterator[tuple[int, int, int, int, int | None]]:
    """(start, end, day, month, year or None) of every date pattern's match whose month
    the language names, pattern by pattern."""
    for pattern in _date_patterns(rules):
        for match in pattern.finditer(text):
            parts = match.groupdict()
            month = (int(parts["monthnum"]) if parts.get("monthnum")
                     else calendar_words(rules).months.get(parts["month"].lower().rstrip(".")))
            if month:
                year = int(parts["year"]) if parts.get("year") else None
                yield match.start(), match.end(), int(parts["day"]), month, year


# is_fresh and is_old read the same sentence one after the other: a few entries suffice.
@lru_cache(maxsize=8)
def _recent_dates(text: str, rules: LanguageRules, published: date | None
                  ) -> tuple[tuple[int, int, date], ...]:
    found: list[tuple[int, int, date]] = []
    for start, end, day, month, year in _written_days(text, rules):
        value = _build(day, month, year, published)
        if value and not any(s <= start < e for s, e, _ in found):
            found.append((start, end, value))
    return tuple(sorted(found))


def yearless_dates(text: str, rules: LanguageRules) -> list[tuple[int, int, int, int]]:
    """(start, end, month, day) of every date written without a year ("20 ноября",
    "on November 20"): what a page with no date of its own still says of its day."""
    if not _DIGIT.search(text):
        return []
    found: list[tuple[int, int, int, int]] = []
    for start, end, day, month, year in _written_days(text, rules):
        if year is None and _valid_month_day(month, day) and not any(
                s <= start < e for s, e, _, _ in found):
            found.append((start, end, month, day))
    return sorted(found)


def _valid_month_day(month: int, day: int) -> bool:
    try:
        date(2000, month, day)  # a leap year: 29 February is a day
    except ValueError:
        return False
    return True


def weekday_pinned_dates(text: str, rules: LanguageRules, floor: date
                         ) -> list[tuple[int, int, date]]:
    """Year-less dates that name their weekday ("Sunday 3 May", "mardi 1er août", "el
    miércoles 25 de junio"), in the first year from ``floor``'s on where that day falls
    on that weekday: the weekday pins the year to one in every five to eleven, and a
    page's latest written date bounds it from below."""
    words = calendar_words(rules)
    weekday_before = _weekday_before(tuple(words.weekdays))
    found: list[tuple[int, int, date]] = []
    for pattern in _date_patterns(rules)[:2]:  # the patterns with a month name
        for match in pattern.finditer(text):
            month = words.months.get(match["month"].lower().rstrip("."))
            named = weekday_before.search(text, max(0, match.start() - WEEKDAY_SPAN_CHARS),
                                          match.start())
            if match["year"] or month is None or named is None:
                continue
            weekday = words.weekdays[named.group(1).lower()]
            year = _pinned_year(int(match["day"]), month, weekday, floor.year)
            if year is not None:
                found.append((named.start(1), match.end(), date(year, month, int(match["day"]))))
    return found


# How far from the page's day a day named by its number alone may lie ("nesta terça-feira
# (30)", "no último dia 2").
NUMBERED_DAY_REACH_DAYS = 31


def numbered_weekday_dates(text: str, rules: LanguageRules, latest: date
                           ) -> list[tuple[int, int, date]]:
    """A weekday with its day of the month in brackets ("nesta terça-feira (30)", "na
    quinta-feira (1º)"), as Brazilian news writes a date: the day in the month up to
    ``latest`` (the page's day, or its month's last) or the month before, where it falls
    on that weekday. A day the weekday contradicts is no such date."""
    words = calendar_words(rules)
    found: list[tuple[int, int, date]] = []
    for match in _numbered_weekday(tuple(words.weekdays)).finditer(text):
        weekday = words.weekdays[match.group(1).lower()]
        day = _numbered_day(latest, int(match.group(2)), -1)
        if day is not None and day.weekday() == weekday:
            found.append((match.start(), match.end(), day))
    return found


def _numbered_day(start: date, number: int, step: int) -> date | None:
    """The first day numbered ``number`` from ``start`` on, a day at a time back
    (``step`` -1) or ahead (1), within NUMBERED_DAY_REACH_DAYS."""
    for offset in range(NUMBERED_DAY_REACH_DAYS + 1):
        day = start + timedelta(days=step * offset)
        if day.day == number:
            return day
    return None


@cache
def _numbered_weekday(weekdays: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)({_weekday_alternation(weekdays)})\s*\((\d{{1,2}})\s*[º°o]?\)",
                      re.IGNORECASE)


def _weekday_alternation(weekdays: tuple[str, ...]) -> str:
    """The weekday words as one alternation, longest first ("terça-feira" before "terça")."""
    return phrase_alternation([re.escape(w) for w in sorted(weekdays, key=len, reverse=True)])


def _pinned_year(day: int, month: int, weekday: int, first: int) -> int | None:
    for year in range(first, first + PINNED_YEAR_SPAN):
        try:
            if date(year, month, day).weekday() == weekday:
                return year
        except ValueError:  # 29 February of a common year, or no such day at all
            continue
    return None


@cache
def _weekday_before(weekdays: tuple[str, ...]) -> re.Pattern[str]:
    """A weekday word ending just before a date ("Sunday 3 May", "Monday, May 25")."""
    return re.compile(rf"(?<!\w)({_weekday_alternation(weekdays)})\W{{0,3}}$", re.IGNORECASE)


def relative_dates(text: str, rules: LanguageRules, published: date, ahead: bool = False
                   ) -> list[tuple[int, int, date]]:
    """(start, end, day) of every relative day word ("yesterday", "samedi", "am Montag")
    in ``text``, resolved against ``published``: a weekday is the last one on or before
    it, or with ``ahead`` (a sentence that announces) the next one on or after it."""
    found: list[tuple[int, int, date]] = []
    words = calendar_words(rules)
    for match in _word_pattern(tuple(words.relative_days)).finditer(text):
        offset = words.relative_days[match.group(0).lower()]
        found.append((match.start(), match.end(), published + timedelta(days=offset)))
    for match in _word_pattern(tuple(words.weekdays)).finditer(text):
        weekday = words.weekdays[match.group(0).lower()]
        if ahead:
            day = published + timedelta(days=(weekday - published.weekday()) % 7)
        else:
            day = published - timedelta(days=(published.weekday() - weekday) % 7)
        found.append((match.start(), match.end(), day))
    found.extend(_days_of_month(text, rules, published, ahead))
    found.extend(_weekday_day_months(text, rules, published))
    return sorted(_nights_into(text, rules, found))


def _days_of_month(text: str, rules: LanguageRules, published: date, ahead: bool
                   ) -> Iterator[tuple[int, int, date]]:
    """ "No último dia 2", "el pasado día 2": a day of the month named alone is the last
    such day on or before the page's (with ``ahead``, the next on or after it)."""
    cue = rules.cues.get("day_of_month")
    for match in cue.finditer(text) if cue else ():
        number = int(_DAY_NUMBER.findall(match.group(0))[-1])
        day = _numbered_day(published, number, 1 if ahead else -1)
        if day is not None:
            yield match.start(), match.end(), day


_DAY_NUMBER = re.compile(r"\d{1,2}")


def _weekday_day_months(text: str, rules: LanguageRules, published: date
                        ) -> Iterator[tuple[int, int, date]]:
    """ "Minggu (12/5)": Indonesian news writes the weekday and the day/month in
    brackets; the year is the latest not after the page's (``_build``)."""
    cue = rules.cues.get("weekday_day_month")
    for match in cue.finditer(text) if cue else ():
        day, month = (int(n) for n in _DAY_NUMBER.findall(match.group(0))[-2:])
        found = _build(day, month, None, published)
        if found is not None:
            yield match.start(), match.end(), found


def _nights_into(text: str, rules: LanguageRules, found: list[tuple[int, int, date]]
                 ) -> list[tuple[int, int, date]]:
    """ "In der Nacht zu Sonntag", "в ночь на воскресенье": the night word is no day of
    its own ("in der Nacht" alone is last night), and the night is dated by its eve, the
    day before the weekday, as "dans la nuit de samedi à dimanche" is by its first."""
    night = rules.cues.get("night_into")
    if night is None:
        return found
    for match in night.finditer(text):
        weekday = next((f for f in found if f[0] >= match.end()
                        and not text[match.end() : f[0]].strip()), None)
        if weekday is None:
            continue
        span = (match.start(), weekday[1])
        found = [f for f in found if not span[0] <= f[0] < span[1]]
        found.append((span[0], span[1], weekday[2] - timedelta(days=1)))
    return found


def relative_date(text: str, rules: LanguageRules, published: date
                  ) -> tuple[int, int, date] | None:
    """The first relative day word ("yesterday", "samedi", "am Montag") in ``text``."""
    if not _has_relative_word(text, rules):
        return None
    return min(relative_dates(text, rules, published), default=None)


def _has_relative_word(text: str, rules: LanguageRules) -> bool:
    words = calendar_words(rules)
    return bool(_word_pattern(tuple(words.relative_days)).search(text)
                or _word_pattern(tuple(words.weekdays)).search(text))


def _unwritten(relative: list[tuple[int, int, date]], written: list[tuple[int, int, date]]
               ) -> list[tuple[int, int, date]]:
    """Relative words that no written date spells out: in "on Friday, May 29" or
    "lundi 28 janvier" the weekday only names the written date's day, and the written
    date is the evidence (a reader checks digits, not a weekday's arithmetic)."""
    return [
        r for r in relative
        if not any(w[0] - WEEKDAY_GAP_CHARS <= r[1] <= w[0] or w[0] <= r[0] < w[1]
                   for w in written)
    ]


def is_statement_date(text: str, start: int, rules: LanguageRules) -> bool:
    """Whether the date at ``start`` dates a statement, not the event: "officials said
    Sunday", "a indiqué dimanche la préfecture", "заявил в воскресенье", "قال يوم الأحد".
    A report verb at most three words before the date says so, unless the date names
    what was said about ("police said Saturday's march was peaceful")."""
    verbs = rules.cues.get("report_verbs")
    if verbs is None or POSSESSIVE.match(text, _word_end(text, start)):
        return False
    window = text[max(0, start - STATEMENT_WINDOW_CHARS) : start]
    return any(_words_between(window, match.end()) <= STATEMENT_GAP_WORDS
               for match in verbs.finditer(window))


# A relative clause opens with a comma and a pronoun: "George Floyd, who died in police
# custody last Tuesday", "Rémi Fraisse, qui est mort le 26 octobre".
_CLAUSE_BREAK = re.compile(r"[,;:()]")
_NAME_BEFORE_COMMA = re.compile(r"(?<=\w)\s+([A-ZÀ-ÖØ-Þ][\w'’-]+)\s*,\s*$")


def dates_the_verb_after(text: str, found: Dated, rules: LanguageRules) -> bool:
    """A date right before a report verb dates the statement, as one right after it
    does: "Residents on Monday claimed that 15 civilians were killed ... on Sunday",
    "Officials on Friday said"."""
    verbs = rules.cues.get("report_verbs")
    return verbs is not None and verb_ahead(text, found[1], verbs)


def in_side_clause(text: str, start: int, rules: LanguageRules) -> bool:
    """Whether the date at ``start`` dates a relative clause about a named person or
    body: it follows "Name, who"/"Nom, qui" with no comma between. What the clause says
    of them (a death, an arrest) happened on its own day; the crowd's own clause ("the
    protesters, who marched on Saturday") follows no name and keeps its date."""
    pronouns = rules.cues.get("relative_pronouns")
    if pronouns is None:
        return False
    opening = None
    for match in pronouns.finditer(text, 0, start):
        if text[: match.start()].rstrip().endswith(","):
            opening = match
    if opening is None or _CLAUSE_BREAK.search(text, opening.end(), start):
        return False
    return _NAME_BEFORE_COMMA.search(text[: opening.start()]) is not None


def _dates_the_morning_after(text: str, found: Dated, rules: LanguageRules) -> bool:
    """ "Volunteers cleaned up downtown Sunday after a night of violent protests": the
    date is the morning after; the night it follows is the day before."""
    cue = rules.cues.get("night_before")
    return cue is not None and cue.search(text, found[1]) is not None


def _word_end(text: str, start: int) -> int:
    match = _WORD.match(text, start)
    return match.end() if match else start


def _words_between(window: str, position: int) -> int:
    return len(_WORD.findall(window, position))


def is_old(text: str, rules: LanguageRules, published: date | None) -> bool:
    """True when the text dates what it says well before publication."""
    if published is None:
        return False
    return any((published - value).days > MAX_NEWS_AGE_DAYS
               for _, _, value in absolute_dates(text, rules, published))


def is_fresh(text: str, rules: LanguageRules, published: date | None) -> bool:
    """True when the text dates what it says as news: a recent date or a relative day."""
    if any(published is None or 0 <= (published - value).days <= MAX_NEWS_AGE_DAYS
           for _, _, value in absolute_dates(text, rules, published)):
        return True
    return published is not None and relative_date(text, rules, published) is not None


@dataclass(frozen=True)
class Reference:
    """What the page says of its own date: its day, or its month (``day`` is then the
    month's last day, the latest an event reported there can be)."""

    day: date
    precision: PageDatePrecision
    evidence: Evidence | None = None

    @property
    def earliest(self) -> date:
        """The first day the page can have been published."""
        return self.day if self.precision == "day" else self.day.replace(day=1)


def page_reference(article: Article) -> Reference | None:
    """The page's own date, as the segment stage read it (with its evidence span)."""
    page = article.page_date
    published = parse_published(article.published)
    evidence = None
    if page is not None and page.start is not None and page.end is not None:
        evidence = article.evidence(page.start, page.end)
    if published is not None:
        return Reference(published, "day", evidence if page and page.value == article.published
                         else None)
    if page is None or page.precision != "month":
        return None
    first = parse_published(page.value)
    if first is None:
        return None
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return Reference(last, "month", evidence)


def reference_date(article: Article, spans: list[tuple[int, int]]) -> Reference | None:
    """The page's day, else the latest date the text writes (with its year, or in the
    page's month); without either, None.

    A page without a dated line or URL may still carry its day in an embedded post
    ("— Name (@handle) February 1, 2024"): a date the text states is evidence, not a
    guess. Dates after the page's month, or in sentences that announce, are not.
    """
    page = page_reference(article)
    if page is not None and page.precision == "day":
        return page
    every_language = rules_for("und")  # an embedded post may be in another language
    dated = [
        Reference(value, "day", article.evidence(start + s, start + e))
        for start, end in spans
        for s, e, value in absolute_dates(article.text[start:end], every_language,
                                          page.day if page is not None else None)
        if page is None or page.earliest - timedelta(days=MAX_NEWS_AGE_DAYS) <= value <= page.day
        if not _announces(article.text, start + s, every_language)
    ]
    latest = max(dated, key=lambda ref: ref.day, default=None)
    if page is None and latest is not None:  # "Sunday 3 May", after "30 April 2019"
        latest = max([latest] + [
            Reference(value, "day", article.evidence(start + s, start + e))
            for start, end in spans
            for s, e, value in weekday_pinned_dates(article.text[start:end], every_language,
                                                    latest.day)
            if not _announces(article.text, start + s, every_language)
        ], key=lambda ref: ref.day)
    return latest


def _announces(text: str, position: int, rules: LanguageRules) -> bool:
    """Whether the sentence around ``position`` speaks of what is to come."""
    start = max(text.rfind(".", 0, position), text.rfind("\n", 0, position)) + 1
    ends = [i for i in (text.find(".", position), text.find("\n", position)) if i >= 0]
    return says_future(text[start : min(ends, default=len(text))], rules)


def says_future(text: str, rules: LanguageRules) -> bool:
    """Whether ``text`` announces ("will march", "is planned for", "appelle à")."""
    future = rules.cues.get("future")
    return future is not None and future.search(text) is not None


@dataclass(frozen=True)
class _Window:
    """What the page's date allows an event date to be."""

    base: date | None  # the page's day: what relative words resolve against
    latest: date | None  # the last day an event reported there can be
    oldest: date | None  # before this, a date is background, not news
    # Without a page date: the latest full date the text writes, from whose year on a
    # year-less "Sunday 3 May" takes the first year where 3 May is a Sunday.
    floor: date | None = None
    # Relative words resolved against a day the text writes (``of``) must land in the
    # page's month: that day may be a background date, and its "Wednesday" then falls
    # before the month the page tells of.
    relative_oldest: date | None = None

    @classmethod
    def of(cls, page: Reference | None, written: Reference | None) -> _Window:
        if page is None:
            return cls(None, None, None, written.day if written is not None else None)
        oldest = page.earliest - timedelta(days=MAX_NEWS_AGE_DAYS)
        if page.precision == "day":
            return cls(page.day, page.day, oldest)
        if written is not None and page.earliest <= written.day <= page.day:
            # A page known by its month (its URL's /2016/08/) whose text writes the day
            # it reports from ("officials said Tuesday (30/8/2016)"): "on Monday" is
            # the Monday before that day, not unknown.
            return cls(written.day, page.day, oldest, relative_oldest=page.earliest)
        return cls(None, page.day, oldest)


def event_date(article: Article, spans: list[tuple[int, int]], rules: LanguageRules,
               reference: Reference | None = None,
               elaboration: Sequence[tuple[int, int]] = ()) -> EventDate:
    """The date of an event read from its sentences (in order of relevance), with
    relative words resolved against the page's day; else from the sentences that go on
    to tell it (``elaboration``: "The incident took place in Nangarhar province on
    Friday", after a lead dated only by "officials said Saturday"), no later than a
    statement's day; else the day of a statement about it (the event was that day or
    before); else ``reference`` (the page's day, else a full date the page shows)."""
    page = page_reference(article)
    window = _Window.of(page, reference)
    statement: EventDate | None = None
    for start, end in spans:
        own, said = _sentence_dates(article.text[start:end], rules, window)
        if own is not None:
            return _own_date(article, (start, end), own, rules)
        if said is not None and statement is None:
            statement = EventDate(said[2].isoformat(), "day",
                                  article.evidence(start + said[0], start + said[1]))
    # A "yesterday" left unresolved (no page day) is still the event's own day word: a
    # later sentence's date is then no reading of it.
    unresolved = window.base is None and _says_relative_day(article, spans, rules)
    for start, end in [] if unresolved else elaboration:
        own, _ = _sentence_dates(article.text[start:end], rules, window)
        if own is not None and (statement is None or own[2].isoformat() <= str(statement.value)):
            return _own_date(article, (start, end), own, rules)
    if statement is not None:
        return statement
    looked_back = page is not None and spans and looked_back_months(
        article.text[spans[0][0]:spans[0][1]], rules, page)
    if looked_back:
        return _date_in_months(article, spans, rules, looked_back)
    if (reference is not None and not _says_relative_day(article, spans, rules)
            and not _says_past_period(article, spans[:1], rules)):
        return EventDate(reference.day.isoformat(), "day", reference.evidence)
    # A page known only by its month leaves such an event undated, not "in that month":
    # a report published on the 1st may tell of the 30th before, and resolution reads
    # an undated report as pointing to the days before its publication.
    if window.latest is None and window.floor is None:
        return _yearless_event_date(article, spans, rules)
    return EventDate(None, "unknown", None)


def _own_date(article: Article, span: tuple[int, int], own: Dated, rules: LanguageRules
              ) -> EventDate:
    """A sentence's own date as the event's, the morning after read as the night before."""
    start, end = span
    text = article.text[start:end]
    day = own[2] - timedelta(days=1) if _dates_the_morning_after(text, own, rules) else own[2]
    return EventDate(day.isoformat(), "day", article.evidence(start + own[0], start + own[1]))


def _yearless_event_date(article: Article, spans: list[tuple[int, int]],
                         rules: LanguageRules) -> EventDate:
    """A page with no date of its own and no full date in its text: the first day its
    event's sentences write without a year, kept as a month and day (``month_day``),
    not guessed into a year."""
    for start, end in spans:
        text = article.text[start:end]
        for begin, finish, month, day in yearless_dates(text, rules):
            if is_statement_date(text, begin, rules) or in_side_clause(text, begin, rules):
                continue
            return EventDate(None, "unknown", article.evidence(start + begin, start + finish),
                             month_day=f"--{month:02d}-{day:02d}")
    return EventDate(None, "unknown", None)


Dated = tuple[int, int, date]


@dataclass(frozen=True)
class Months:
    """Whole months a sentence puts its event in, with the words that name them."""

    first: date
    last: date
    evidence: tuple[int, int]

    def holds(self, day: date) -> bool:
        return self.first <= day <= self.last


def looked_back_months(text: str, rules: LanguageRules, page: Reference) -> Months | None:
    """The months a report's own sentence names without a day ("over several nights in
    late May and early June"), when all of them ended before the page's news window:
    the page looks back (a year in review, an anniversary), and its own day is not the
    event's. A month without a year is its latest one up to the page's month."""
    pattern = _month_period_pattern(rules)
    if pattern is None:
        return None
    named = []
    for match in pattern.finditer(text):
        number = calendar_words(rules).months.get(match["month"].lower().rstrip("."))
        if number is None or (_months_capitalised(rules) and match["month"].islower()):
            continue  # "a late march through downtown" is no month
        year = int(match["year"]) if match["year"] else (
            page.day.year if number <= page.day.month else page.day.year - 1)
        first = date(year, number, 1)
        named.append((first, first.replace(day=calendar.monthrange(year, number)[1]),
                      match.start("month"), match.end()))
    news_since = page.earliest - timedelta(days=MAX_NEWS_AGE_DAYS)
    if not named or any(last >= news_since for _, last, _, _ in named):
        return None
    return Months(min(n[0] for n in named), max(n[1] for n in named),
                  (named[0][2], named[0][3]))


@cache
def _months_capitalised(rules: LanguageRules) -> bool:
    """Whether the language writes its months with a capital ("May", "Mai"): its
    lower-case month words are then other words ("may", "march")."""
    return rules.language in SUPPORTED_LANGUAGES and bool(
        raw_table(rules.language).get("months_capitalised"))


@cache
def _month_period_pattern(rules: LanguageRules) -> re.Pattern[str] | None:
    """A month named as a period: after a word that puts something in a month ("in",
    "late", "fin", "Anfang"; the table's ``month_periods``), with no day beside it."""
    leads = [lead for lang in _table_languages(rules.language)
             for lead in raw_table(lang).get("month_periods", [])]
    if not leads:
        return None
    words = calendar_words(rules).months
    # Abbreviations are left out: "mar" is the sea in Spanish and "late mar" nothing.
    whole = [m for m in words if not any(o != m and o.startswith(m) and words[o] == words[m]
                                         for o in words)]
    months = phrase_alternation(sorted((re.escape(m) for m in whole), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{'|'.join(sorted(leads, key=len, reverse=True))})\s*"
                      rf"(?P<month>{months})(?:,?\s+(?:de\s+)?(?P<year>{YEAR}))?(?!\w)(?![.,]?\s*\d)",
                      re.IGNORECASE)


def _date_in_months(article: Article, spans: list[tuple[int, int]], rules: LanguageRules,
                    months: Months) -> EventDate:
    """The first day the event's sentences write within the months its own sentence
    names ("The largest protest took place May 31"); else those months, at month
    precision, as ACLED codes an event known only by its month."""
    for start, end in spans:
        text = article.text[start:end]
        for s, e, value in absolute_dates(text, rules, months.last):
            if months.holds(value) and not in_side_clause(text, s, rules) \
                    and not is_statement_date(text, s, rules):
                return EventDate(value.isoformat(), "day", article.evidence(start + s, start + e))
    start = spans[0][0]
    return EventDate(months.first.isoformat(), "month",
                     article.evidence(start + months.evidence[0], start + months.evidence[1]))


def _sentence_dates(text: str, rules: LanguageRules, window: _Window
                    ) -> tuple[Dated | None, Dated | None]:
    """The first date of a sentence that is its event's, and the first that dates a
    statement ("Police fired tear gas on Saturday, officials said Sunday")."""
    announces = says_future(text, rules)
    found = [d for d in absolute_dates(text, rules, window.latest)
             if window.oldest is None or d[2] >= window.oldest]
    if window.latest is not None:  # "terça-feira (30)": written, though without its month
        found += _unwritten(numbered_weekday_dates(text, rules, window.latest), found)
    if window.base is not None:
        relative = relative_dates(text, rules, window.base, ahead=announces)
        found += _unwritten([d for d in relative if window.relative_oldest is None
                             or d[2] >= window.relative_oldest], found)
    if window.floor is not None:
        found += weekday_pinned_dates(text, rules, window.floor)
    if window.latest is not None and not announces:
        found = [d for d in found if d[2] <= window.latest]  # after the page, unannounced
    found = [d for d in found if not in_side_clause(text, d[0], rules)]
    said = [d for d in found if is_statement_date(text, d[0], rules)
            or dates_the_verb_after(text, d, rules) or in_wire_dateline(text, d)]
    # The first date of a sentence is its event's ("on Saturday, in reaction to
    # Friday's attacks"): later ones tend to be what the event reacts to.
    own = min((d for d in found if d not in said), default=None)
    return own, min(said, default=None)


# A wire dateline opens a report: "JOLO, Philippines, Aug. 30 (UPI) --". Its date is the
# dispatch's, a statement's day like "officials said Sunday", not the event's: the clash
# the dispatch reports may be "on Monday". The date sits in the opening characters and
# a dash follows it, maybe after the agency's name in brackets.
WIRE_DATELINE_REACH = 60
_AFTER_DATELINE = re.compile(r"\s*(?:\([^()\n]{1,30}\)\s*)?[-–—]")


def in_wire_dateline(text: str, found: Dated) -> bool:
    """Whether a date is the dispatch date of a wire dateline opening the text: only
    capitalised place names before it, a dash after it."""
    start, end, _ = found
    if start >= WIRE_DATELINE_REACH or not _AFTER_DATELINE.match(text, end):
        return False
    words = re.findall(r"[^\W\d_]+", text[:start])
    return bool(words) and all(word[0].isupper() for word in words)


def _says_past_period(article: Article, spans: list[tuple[int, int]],
                      rules: LanguageRules) -> bool:
    """"Last year's attack", "il y a deux ans", "в прошлом году": an event its own
    sentence puts in an earlier period than the page's is not of the page's day."""
    periods = rules.cues.get("past_periods")
    return periods is not None and any(periods.search(article.text, s, e) for s, e in spans)


def _says_relative_day(article: Article, spans: list[tuple[int, int]],
                       rules: LanguageRules) -> bool:
    """A "yesterday" with nothing to resolve it against leaves the day unknown: the
    page's own date would then be a guess, not a reading."""
    anchor = date(2000, 1, 1)  # any day: only whether a word is there matters
    return any(relative_date(article.text[s:e], rules, anchor) for s, e in spans)
