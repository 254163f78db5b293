"""The page's own date, read where the page states it, with the evidence it was read from.

Pages captured without ``published`` metadata still say when they were published: a
publication line ("Publié le 21/04/2018", "Updated 6:42 p.m. EDT May 31, 2020", "Posted
by X on June 2, 2020", "Опубликовано 12 марта 2021"), a line under the headline that is
only a date, the capture's date tag, a wire dateline ("NAIROBI, June 25 (Reuters) –"),
or the URL (``/2018/04/21/``, ``20230125…`` stamps, ``/2021/11/``). The sources are tried
in order of trust (``SOURCE_ORDER``); a source that contradicts the URL or the capture's
tag is dropped, and where only the month is known the page date has month precision.

Dates are read by ``dateparser`` (every language it supports, with the page's language
first and English second); only the URL shapes, which it does not read, are patterns here.
Reader comments, lines above the headline (a site's clock, a ticker), copyright footers
and lists of dated lines (related articles, a comment thread the segmenter missed) are
never read for the page's date.
"""

from __future__ import annotations

import calendar
import logging
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import unquote, urlsplit

from herald.model import Article, PageDate, PageDatePrecision, PageDateSource
from herald.segment.lines import Line, split_lines
from herald.segment.metadata import dateparser_languages, load_dateparser
from herald.segment.rules import common_rules, date_labels

LOG = logging.getLogger(__name__)

# Lines from the headline on searched for a dateline or publication line: on the dev
# pages that show one it is among the first three (one further down is found as the
# page's lone publication line); 12 leaves room for section labels, bylines, captions.
TOP_LINES = 12
# A page's head labels at most two dates of its own: published, updated.
MAX_LABELLED_DATES = 2
# A paragraph of prose this long ends the page's head: datelines sit above the story.
MIN_PROSE_CHARS = 120
LABEL_SEPARATORS = " \t:：-–—|·•,"
# A date label opens its line, or a part of it after a separator, within this many
# characters ("By Jane Roe and John Doe, Staff Writers | Updated").
MAX_LABEL_OFFSET = 40
# A dateline is a date with little else ("Le lundi 28 janvier 2019 à 01:42",
# "ДНД – 20 ноября 2020", "01:10 PM | 17 Oct, 2020"); past this length a line is a
# sentence that mentions a date.
MAX_DATELINE_CHARS = 60
# Letters a dateline may carry besides its date (a weekday, "à", an agency's initials).
MAX_DATELINE_EXTRA_LETTERS = 12
# A publication line is a short label line ("By Jane Roe | Published June 2, 2020 at
# 4:10 p.m. | Updated June 3"); a longer line is prose.
MAX_CUE_LINE_CHARS = 150
# A wire dateline opens the first paragraphs: the place, the date, the agency, a dash.
WIRE_DATELINE_LINES = 3
WIRE_DATELINE = re.compile(
    r"^(?:\(\w[\w .-]{0,20}\)\s*[-–—]\s*)?"  # "(ANSA) – " before the place
    r"(?P<place>[A-ZÀ-ÖØ-ÞА-ЯЁ][A-ZÀ-ÖØ-ÞА-ЯЁ .'’-]{1,30})"  # the place, in capitals
    r"(?:,\s*[^,\n–—]{2,30})?,\s*"  # "BAKU, Azerbaijan, "
    r"(?P<date>[^()\n–—]{3,30}?)"  # "Oct. 11", "14 août"
    r"\s*(?:\([^)\n]{2,30}\)\s*)?(?:[-–—]|$)"  # "(Reuters) –"
)
# A copyright footer's year is when the site's template was written, not the page.
COPYRIGHT = re.compile(r"©|\(c\)|copyright|all rights reserved|tous droits|derechos reservados",
                       re.IGNORECASE)
ABBREVIATION_STOP = re.compile(r"(?<=[^\W\d_])\.(?=[\s,]|$)")
CLOCK_TIME = re.compile(
    r"(?<!\d)\d{1,2}[:h]\d{2}(?::\d{2})?(?:\s*[ap]\.?\s?m\b\.?)?", re.IGNORECASE
)
HAS_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
DOTTED_DATE = re.compile(
    r"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)(?!\d)"
)
# "12/05/2024", "12-05-2024": day first in every language Herald reads but English, whose
# pages write either order (the month first in the US).
SLASHED_DATE = re.compile(
    r"(?<![\d/-])(?P<day>[0-3]?\d)[/-](?P<month>[01]?\d)[/-](?P<year>(?:19|20)\d\d)(?!\d)"
)
MONTH_FIRST_LANGUAGES = frozenset({"en"})
# Years a page can carry: news on the web starts in the 1990s.
FIRST_YEAR = 1990
# Two page dates that disagree by more than this are two different dates, not one
# publication read at two precisions (a URL's month and a dateline's day).
MAX_AGREEMENT_DAYS = 31

# Most trusted first: the record's metadata, the capture's date tag (set by the crawler
# from the page's own metadata), a labelled publication line, a bare date line under the
# headline, the URL (fixed when the page is published), an "Updated" line (days after
# publication, at times), and last a wire dateline's day, whose year must come from
# one of the others.
SOURCE_ORDER: tuple[PageDateSource, ...] = (
    "metadata", "date_tag", "published_line", "dateline", "url", "updated_line",
    "wire_dateline",
)
# Sources set when the page was published, not written into its text: a text date
# that contradicts them is some other date (a site's clock, a related story's).
ANCHORS: frozenset[PageDateSource] = frozenset({"url", "date_tag"})
DAY_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"}
NO_YEAR_SETTINGS = {"REQUIRE_PARTS": ["day", "month"], "PREFER_DATES_FROM": "past"}

# URL shapes, over the path and query only (a host name carries no date).
# "/2018/04/21/", "/2018-04-21-slug", "_2018_04_21": one separator throughout; with
# slashes the day must end its path segment ("/2016/08/15-soldiers-killed" is a month
# and a slug that starts with a number).
URL_DAY = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d\d)(?P<sep>[/_.-])(?P<month>0?[1-9]|1[0-2])(?P=sep)"
    r"(?P<day>0?[1-9]|[12]\d|3[01])(?!\d)(?P<after>.?)"
)
# After a slash-separated day, what may follow: the path goes on, or a file suffix.
SLASH_DAY_ENDS = frozenset("/._?#")
# "20230125", also with a time or a serial after it ("202503040308"): 8, 12 or 14 digits.
URL_STAMP = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d\d)(?P<month>0[1-9]|1[0-2])(?P<day>0[1-9]|[12]\d|3[01])"
    r"(?:\d{4}|\d{6})?(?!\d)"
)
URL_NAMED_MONTH = re.compile(
    r"(?<![^\W_])(?P<day>[0-3]?\d)[-_](?P<month>[A-Za-z]{3,9})[-_](?P<year>(?:19|20)\d\d)(?!\d)"
)
# "/28-10-2020/": day first, as European sites write it. Read only where the day
# cannot be a month ("/06-01-2020/" might be either way round).
URL_DAY_FIRST = re.compile(
    r"(?<!\d)(?P<day>1[3-9]|2\d|3[01])(?P<sep>[-_.])(?P<month>0?[1-9]|1[0-2])(?P=sep)"
    r"(?P<year>(?:19|20)\d\d)(?!\d)"
)
URL_MONTH = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)[/_-](?P<month>0?[1-9]|1[0-2])(?:/|$)")
ENGLISH_MONTHS = {
    name.lower(): number
    for names in (calendar.month_name, calendar.month_abbr)
    for number, name in enumerate(names) if name
} | {"sept": 9}


@dataclass(frozen=True)
class Found:
    """A page date some source gives, before the sources are weighed."""

    day: date
    precision: PageDatePrecision
    source: PageDateSource
    text: str
    start: int | None = None
    end: int | None = None
    has_year: bool = True

    def page_date(self) -> PageDate:
        value = self.day if self.precision == "day" else self.day.replace(day=1)
        return PageDate(value.isoformat(), self.precision, self.source, self.text,
                        self.start, self.end)


def read_page_date(article: Article) -> PageDate | None:
    """The page's own date: its metadata, else what the page and its URL say."""
    if article.published:
        stated = _iso_day(article.published)
        if stated is not None:
            return PageDate(stated.isoformat(), "day", "metadata", article.published)
    lines = _readable_lines(article)
    found = list(_found_dates(article, lines))
    written: list[Found] = []
    if any(not f.has_year for f in found) and not any(f.source in ANCHORS for f in found):
        written = _written_dates(article, lines)
    return choose(found, written)


def choose(found: list[Found], written: list[Found] | None = None) -> PageDate | None:
    """The most trusted day that the URL and the date tag do not contradict, else the
    month they give. A wire dateline's day takes its year from them, or else from a
    full date the story itself writes within a month of it."""
    anchors = [f for f in found if f.source in ANCHORS]
    days = [f for f in found if f.precision == "day" and f.has_year
            and all(_agrees(f, anchor) for anchor in anchors)]
    days += [dated for f in found if not f.has_year
             for dated in [_with_year_of(f, anchors or written or [])] if dated is not None]
    if days:
        return min(days, key=lambda f: SOURCE_ORDER.index(f.source)).page_date()
    months = [f for f in anchors if f.precision == "month"]
    if months:
        return min(months, key=lambda f: SOURCE_ORDER.index(f.source)).page_date()
    return None


def _agrees(found: Found, anchor: Found) -> bool:
    """Whether two readings can be one publication date: within a month, and in the
    anchor's month when the anchor knows only the month."""
    if anchor.precision == "month":
        return (found.day.year, found.day.month) == (anchor.day.year, anchor.day.month)
    return abs((found.day - anchor.day).days) <= MAX_AGREEMENT_DAYS


def _with_year_of(found: Found, anchors: list[Found]) -> Found | None:
    """A year-less day ("NAIROBI, June 25") in the year of the URL or tag that agrees."""
    for anchor in anchors:
        try:
            day = found.day.replace(year=anchor.day.year)
        except ValueError:  # 29 February
            continue
        dated = Found(day, "day", found.source, found.text, found.start, found.end)
        if _agrees(dated, anchor):
            return dated
    return None


def _found_dates(article: Article, lines: list[Line]) -> Iterator[Found]:
    yield from _date_tag(article.text)
    yield from _url_dates(article.url)
    yield from _top_dates(article, lines)
    yield from _lone_publication_line(article, lines)


def _iso_day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


# -- the capture's date tag -------------------------------------------------------------

def _date_tag(text: str) -> Iterator[Found]:
    """``date 2019-07`` or ``date 2019-07-02`` opening the capture: month or day."""
    tag = common_rules().crawler_tag.match(text)
    if not tag:
        return
    raw = tag.group(0).strip()
    value = raw.split()[-1]
    parts = value.split("-")
    try:
        day = date(int(parts[0]), int(parts[1]), int(parts[2]) if len(parts) > 2 else 1)
    except ValueError:
        return
    start = tag.start() + tag.group(0).index(raw)
    yield Found(day, "day" if len(parts) > 2 else "month", "date_tag", raw, start,
                start + len(raw))


# -- the URL ----------------------------------------------------------------------------

def url_date(url: str | None) -> PageDate | None:
    """The date a URL's path carries: a day, or only a month (``/2021/11/``)."""
    found = list(_url_dates(url))
    return found[0].page_date() if found else None


def _url_dates(url: str | None) -> Iterator[Found]:
    if not url:
        return
    parts = urlsplit(url if "//" in url else f"//{url}")
    path = unquote(parts.path + ("?" + parts.query if parts.query else ""))
    for pattern in (URL_DAY, URL_STAMP, URL_NAMED_MONTH, URL_DAY_FIRST):
        for match in pattern.finditer(path):
            day = _url_day(match)
            if day is not None:
                yield Found(day, "day", "url", _url_piece(match))
                return
    month = URL_MONTH.search(path)
    if month and _plausible_year(int(month["year"])):
        yield Found(date(int(month["year"]), int(month["month"]), 1), "month", "url",
                    month.group(0).rstrip("/"))


def _url_day(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    if groups.get("sep") == "/" and groups["after"] and groups["after"] not in SLASH_DAY_ENDS:
        return None  # "/2016/08/15-soldiers-killed": a month, then a slug
    month_text = match["month"]
    month = int(month_text) if month_text.isdigit() else ENGLISH_MONTHS.get(month_text.lower())
    if month is None or not _plausible_year(int(match["year"])):
        return None
    try:
        return date(int(match["year"]), month, int(match["day"]))
    except ValueError:
        return None


def _url_piece(match: re.Match[str]) -> str:
    """The date's own characters, without what the pattern peeked at after it."""
    after = match.groupdict().get("after") or ""
    return match.group(0)[: len(match.group(0)) - len(after)]


def _plausible_year(year: int) -> bool:
    return FIRST_YEAR <= year <= datetime.now().year + 1


# -- lines of the page ------------------------------------------------------------------

def _readable_lines(article: Article) -> list[Line]:
    """The page's lines outside reader comments, from the headline on: what sits above
    the headline is the site's furniture (its clock, a ticker), not the article's. (The
    headline's own line is kept: on a page without a known title, the first short line,
    taken for one, may be the dateline.)"""
    title = next((s for s in article.segments if s.kind == "title"), None)
    comments = [(s.start, s.end) for s in article.segments if s.kind == "comments"]
    start = title.start if title is not None else 0
    return [
        line for line in split_lines(article.text, start)
        if not any(s <= line.start < e for s, e in comments)
    ]


def _top_dates(article: Article, lines: list[Line]) -> Iterator[Found]:
    """A publication line or a bare dateline among the first lines, and the day of a
    wire dateline opening the first paragraphs."""
    top = _top(lines)
    languages = _languages(article.language)
    dated = [found for line in top for found in [_dated_line(line, languages)] if found]
    bare = [found for found in dated if found.source == "dateline"]
    labelled = [found for found in dated if found.source != "dateline"]
    # A head has one date line of its own, or a published and an updated line; more
    # distinct dates there are a list of other stories ("Latest news", a sidebar).
    if len({found.day for found in bare}) <= 1:
        yield from bare
    if len({found.day for found in labelled}) <= MAX_LABELLED_DATES:
        yield from labelled
    for line in top[:WIRE_DATELINE_LINES]:
        found = _wire_dateline(line, languages)
        if found is not None:
            yield found
            break


def _dated_line(line: Line, languages: tuple[str, ...]) -> Found | None:
    """The date of a publication line, or of a line that is only a date."""
    if len(line.text) > MAX_CUE_LINE_CHARS or COPYRIGHT.search(line.text):
        return None
    label = _label(line.text)
    if label is not None:
        found = _earliest(line, label[1], languages, label[0])
        if found is not None:
            return found
    if len(line.text) <= MAX_DATELINE_CHARS and HAS_YEAR.search(line.text):
        found = _earliest(line, 0, languages, "dateline")
        if found is not None and _is_mostly_date(line.text, found.text):
            return found
    return None


def _top(lines: list[Line]) -> list[Line]:
    """The head of the page: its lines up to the first paragraph of prose (which may
    open with a wire dateline), at most ``TOP_LINES``. What follows is the story and
    whatever the page appends (related stories, replies), dated lines included."""
    for index, line in enumerate(lines[:TOP_LINES]):
        if len(line.text) >= MIN_PROSE_CHARS:
            return lines[: index + 1]
    return lines[:TOP_LINES]


def _label(text: str) -> tuple[PageDateSource, int] | None:
    """The kind of the date label of a line, and where its date starts; None when no
    label stands as one: opening the line or a "|"-separated part of it ("Posted by X
    on ...", "By X | Updated ..."), or followed by a colon ("The Daily PUBLISHED:"). A
    label deep in a sentence ("the list was updated on June 3") is prose. A line with
    both is read from its publication label."""
    labels: list[tuple[PageDateSource, int]] = []
    for match in date_labels().finditer(text):
        start = _after_label(text, match.end())
        if _stands_as_label(text, match) and HAS_YEAR.search(text, start):
            kind: PageDateSource = "published_line" if match["published"] else "updated_line"
            labels.append((kind, start))
    published = [label for label in labels if label[0] == "published_line"]
    return (published or labels)[0] if labels else None


def _stands_as_label(text: str, match: re.Match[str]) -> bool:
    before = text[: match.start()].rstrip()
    return (match.start() <= MAX_LABEL_OFFSET or before[-1:] in LABEL_SEPARATORS
            or text[match.end() :].lstrip().startswith(":"))


def _after_label(text: str, position: int) -> int:
    """Where the date starts after a label ("Опубликовано: ", "Published at - "):
    dateparser reads nothing from a text that opens with the label's colon."""
    return position + len(text[position:]) - len(text[position:].lstrip(LABEL_SEPARATORS))


def _lone_publication_line(article: Article, lines: list[Line]) -> Iterator[Found]:
    """A publication line further down ("Published at: 2025-04-21 09:25"), when it is
    the page's only one: several are a list of other pages (related articles, replies)."""
    languages = _languages(article.language)
    found = [
        hit for line in lines[len(_top(lines)):]
        if len(line.text) <= MAX_CUE_LINE_CHARS and not COPYRIGHT.search(line.text)
        for label in [_label(line.text)] if label is not None
        for hit in [_earliest(line, label[1], languages, label[0])] if hit is not None
    ]
    if len(found) == 1:
        yield found[0]


def _written_dates(article: Article, lines: list[Line]) -> list[Found]:
    """Full dates the first paragraphs write ("On October 11, 2020 at about 2 am"):
    read only to give a year-less wire dateline its year."""
    languages = _languages(article.language)
    return [
        Found(day, "day", "wire_dateline", line.text[start:end])
        for line in lines[:TOP_LINES] if HAS_YEAR.search(line.text)
        for start, end, day in _full_dates(line.text, languages)
    ]


def _earliest(line: Line, offset: int, languages: tuple[str, ...],
              source: PageDateSource) -> Found | None:
    """The earliest full date written in the line after ``offset``: a line that says
    "Published June 1 … Updated June 3" was published on the first."""
    dates = _full_dates(line.text[offset:], languages)
    if not dates:
        return None
    start, end, day = min(dates, key=lambda item: item[2])
    return Found(day, "day", source, line.text[offset + start : offset + end],
                 line.start + offset + start, line.start + offset + end)


def _is_mostly_date(line: str, date_text: str) -> bool:
    """A dateline, not a sentence: few letters besides the date's own."""
    rest = line.replace(date_text, " ", 1)
    return sum(char.isalpha() for char in rest) <= MAX_DATELINE_EXTRA_LETTERS


def _wire_dateline(line: Line, languages: tuple[str, ...]) -> Found | None:
    """"NAIROBI, 14 août (Reuters) –": the day and month; the year, when missing, comes
    from the URL or the date tag (see ``choose``)."""
    match = WIRE_DATELINE.match(line.text)
    if match is None:
        return None
    text = match["date"].strip()
    # The piece is short: read whole first (dateparser's search cuts "Oct. 11" at the
    # abbreviation's full stop), else searched.
    whole = _parse(text, languages, NO_YEAR_SETTINGS)
    found = [(text, whole)] if whole is not None else _search(text, languages, NO_YEAR_SETTINGS)
    if not found:
        return None
    piece, parsed = found[0]
    start = line.start + match.start("date") + max(match["date"].find(piece), 0)
    has_year = HAS_YEAR.search(piece) is not None
    return Found(parsed.date(), "day", "wire_dateline", piece, start, start + len(piece),
                 has_year=has_year)


# -- dateparser -------------------------------------------------------------------------

def _languages(language: str) -> tuple[str, ...]:
    """The page's language, then English (English labels and datelines are everywhere)."""
    known = dateparser_languages()
    return tuple(lang for lang in dict.fromkeys((language, "en")) if lang in known)


def _full_dates(text: str, languages: tuple[str, ...]) -> list[tuple[int, int, date]]:
    """(start, end, day) of every date with day, month and year in ``text``."""
    dates: list[tuple[int, int, date]] = []
    position = 0
    searchable = _searchable(text)
    for piece, parsed in _search(searchable, languages, DAY_SETTINGS):
        found = _locate(searchable, piece, position)
        if found is None or not _plausible_year(parsed.year) or not HAS_YEAR.search(piece):
            continue
        position = found[1]
        day_first = _day_first(piece, languages[0] if languages else "en")
        dates.append((found[0], found[1], day_first or parsed.date()))
    return dates


def _day_first(piece: str, language: str) -> date | None:
    """"02.06.2020" is the 2nd of June wherever dots separate a date (the month-first
    order dateparser gives English is written with slashes), and "12/05/2024" the 12th
    of May on a French, Spanish or German page: dateparser read it month first when
    the page's language did not claim the piece."""
    match = DOTTED_DATE.search(piece)
    if match is None and language not in MONTH_FIRST_LANGUAGES:
        match = SLASHED_DATE.search(piece)
    if match is None:
        return None
    try:
        return date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None


def _searchable(text: str) -> str:
    """The text as dateparser's search reads it best, at the same offsets: clock times
    blanked (a page date needs no time, and "9:10 a.m." trips its parser) and the
    full stops of abbreviations ("Oct. 11") spaced out, since it splits sentences there."""
    text = CLOCK_TIME.sub(lambda match: " " * len(match.group(0)), text)
    return ABBREVIATION_STOP.sub(" ", text)


def _locate(text: str, piece: str, position: int) -> tuple[int, int] | None:
    """Where dateparser's ``piece`` (its spaces normalised) lies in ``text``."""
    words = [re.escape(word) for word in piece.split()]
    if not words:
        return None
    match = re.compile(r"\s+".join(words)).search(text, position)
    return (match.start(), match.end()) if match else None


def _parse(text: str, languages: tuple[str, ...],
           settings: Mapping[str, object]) -> datetime | None:
    if not languages:
        return None
    try:
        parsed = load_dateparser().parse(text, languages=list(languages), settings=settings)
    except Exception as error:  # a line dateparser cannot take must not lose the page
        LOG.debug("no date read in %r: %s", text, error)
        return None
    return parsed if isinstance(parsed, datetime) else None


def _search(text: str, languages: tuple[str, ...],
            settings: Mapping[str, object]) -> list[tuple[str, datetime]]:
    if not languages:
        return []
    try:
        found = load_dateparser().search.search_dates(text, languages=list(languages),
                                                      settings=settings)
    except Exception as error:  # a line dateparser cannot take must not lose the page
        LOG.debug("no date read in %r: %s", text, error)
        return []
    return list(found or [])
