"""Event dates (extract stage) read against the page's own date, in several languages.

Each text is written for these tests. The page date is set as the segment stage sets
it (``published`` with its day, ``page_date`` with where it was read), so these tests
check the date reading alone.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from herald.extract.dates import event_date, reference_date
from herald.extract.rules import SUPPORTED_LANGUAGES, raw_table, rules_for
from herald.model import Article, EventDate, PageDate

SENTENCE = re.compile(r"[^.!?]+[.!?]?")


def article(text: str, day: str | None = None, month: str | None = None) -> Article:
    """A page whose own date was read from a dateline (day) or from its URL (month)."""
    page = None
    if day is not None:
        page = PageDate(day, "day", "dateline", day)
    elif month is not None:
        page = PageDate(f"{month}-01", "month", "url", month.replace("-", "/"))
    return Article(id="t1", text=text, published=day, page_date=page)


def spans(item: Article) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in SENTENCE.finditer(item.text) if m.group(0).strip()]


def date_of(text: str, language: str, day: str | None = None,
            month: str | None = None) -> EventDate:
    item = article(text, day, month)
    found = spans(item)
    return event_date(item, found, rules_for(language), reference_date(item, found))


# --- relative days resolve against the page's day --------------------------------------------

@pytest.mark.parametrize(("text", "language", "page", "day", "word"), [
    ("Hundreds of people marched through the city centre on Sunday.", "en",
     "2020-06-01", "2020-05-31", "Sunday"),
    ("About 300 nurses marched through Leeds yesterday.", "en", "2023-05-10", "2023-05-09",
     "yesterday"),
    ("Des militants ont manifesté samedi devant la préfecture.", "fr", "2016-03-14",
     "2016-03-12", "samedi"),
    ("Tausende Menschen haben am Montag in Dresden demonstriert.", "de", "2015-01-14",
     "2015-01-12", "Montag"),
    ("Die Kundgebung am Samstagabend blieb friedlich.", "de", "2020-06-03", "2020-05-30",
     "Samstagabend"),
    ("Las fuerzas del gobierno retomaron la ciudad el domingo tras intensos combates.", "es",
     "2025-04-21", "2025-04-20", "domingo"),
    ("Армия вошла в район в воскресенье, сообщает агентство.", "ru", "2020-11-23",
     "2020-11-22", "воскресенье"),
    ("قتل مسلحون 13 مدنيا يوم الأحد في قرية قرب الحدود.", "ar", "2023-08-01", "2023-07-30",
     "الأحد"),
    ("قتل مسلحون 13 مدنيا أمس في قرية قرب الحدود.", "ar", "2023-08-01", "2023-07-31", "أمس"),
    # no table of ours: dateparser's locale data names the days
    ("Jana usiku polisi walitawanya waandamanaji katika mji wa Kisumu.", "sw", "2023-07-08",
     "2023-07-07", "Jana"),
    ("Учора військові відбили атаку біля села.", "uk", "2022-05-04", "2022-05-03", "Учора"),
    ("У неділю військові відбили атаку біля села.", "uk", "2022-05-04", "2022-05-01",
     "неділю"),
])
def test_relative_day_resolves_against_the_page_day(text: str, language: str, page: str,
                                                    day: str, word: str) -> None:
    found = date_of(text, language, day=page)
    assert (found.value, found.precision) == (day, "day")
    assert found.evidence is not None and found.evidence.text == word


def test_an_event_on_saturday_in_a_monday_article_is_saturday() -> None:
    found = date_of("Police broke up the sit-in on Saturday. The mayor spoke on Monday.", "en",
                    day="2020-06-01")
    assert found.value == "2020-05-30"


# --- a statement's date is not the event's ------------------------------------------------------

def test_a_weekday_that_names_what_was_said_about_is_the_event_day() -> None:
    found = date_of("Police said Saturday's march through the city was peaceful.", "en",
                    day="2020-06-01")
    assert found.value == "2020-05-30"


@pytest.mark.parametrize(("text", "language", "page", "day"), [
    ("Police fired tear gas at protesters on Saturday night, officials said Sunday.", "en",
     "2020-06-01", "2020-05-30"),
    ("Officials said Sunday that police had fired tear gas at protesters on Saturday.", "en",
     "2020-06-01", "2020-05-30"),
    ("Des heurts ont éclaté à Calais, a indiqué dimanche la préfecture, après la marche de "
     "samedi.", "fr", "2016-03-14", "2016-03-12"),
    ("Военные заявили в воскресенье, что обстрел начался в субботу.", "ru", "2020-10-12",
     "2020-10-10"),
    ("قال مسؤولون يوم الأحد إن مسلحين قتلوا 13 مدنيا يوم السبت.", "ar", "2023-08-01",
     "2023-07-29"),
])
def test_the_day_a_statement_was_made_is_not_the_event_day(text: str, language: str,
                                                           page: str, day: str) -> None:
    assert date_of(text, language, day=page).value == day


@pytest.mark.parametrize(("text", "language", "day"), [
    ("Government forces retook the town, an army spokesman said on Sunday.", "en",
     "2025-04-20"),
    ("Les forces gouvernementales ont repris la ville, a déclaré dimanche 20 avril un "
     "porte-parole de l'armée.", "fr", "2025-04-20"),
])
def test_with_no_other_date_the_statement_day_bounds_the_event(text: str, language: str,
                                                              day: str) -> None:
    assert date_of(text, language, day="2025-04-21").value == day


# --- written dates --------------------------------------------------------------------------------

def test_a_written_date_with_its_year_wins_over_the_page_date() -> None:
    found = date_of("On 3 May 2022, Russian forces shelled residential areas of Kharkiv.", "en",
                    day="2022-05-05")
    assert found.value == "2022-05-03"
    assert found.evidence is not None and found.evidence.text == "3 May 2022"


@pytest.mark.parametrize(("text", "language", "written"), [
    ("The march began at 8pm on Friday, May 29, outside the courthouse.", "en", "May 29"),
    ("Le rassemblement a eu lieu le vendredi 29 mai devant le palais de justice.", "fr",
     "29 mai"),
])
def test_the_written_date_not_its_weekday_is_the_evidence(text: str, language: str,
                                                          written: str) -> None:
    found = date_of(text, language, day="2020-05-31")
    assert found.value == "2020-05-29"
    assert found.evidence is not None and found.evidence.text == written


def test_a_page_known_by_its_month_gives_a_yearless_date_its_year() -> None:
    found = date_of("Trois hommes armés ont attaqué le sanctuaire mercredi 26 octobre.", "fr",
                    month="2022-10")
    assert (found.value, found.precision) == ("2022-10-26", "day")


@pytest.mark.parametrize(("text", "page", "month", "day"), [
    # Brazilian news writes the day of the month after the weekday, in brackets
    ("Manifestantes bloquearam a avenida na noite desta terça-feira (14).", None, "2019-05",
     "2019-05-14"),
    ("Policiais usaram bombas de gás contra manifestantes na quinta-feira (1º).", None,
     "2016-09", "2016-09-01"),
    # a page of 2 June tells of Friday the 31st: the month before
    ("Cerca de 300 pessoas protestaram no centro na sexta-feira (31).", "2019-06-02", None,
     "2019-05-31"),
])
def test_a_weekday_with_its_day_in_brackets_is_a_date(text: str, page: str | None,
                                                      month: str | None, day: str) -> None:
    found = date_of(text, "pt", day=page, month=month)
    assert (found.value, found.precision) == (day, "day")
    assert found.evidence is not None and "(" in found.evidence.text


def test_a_day_in_brackets_its_weekday_contradicts_is_no_date() -> None:
    # 14 May 2019 was a Tuesday, not a Thursday
    found = date_of("Manifestantes bloquearam a avenida na quinta-feira (14).", "pt",
                    month="2019-05")
    assert found.value is None


def test_a_page_known_by_its_month_does_not_resolve_weekdays() -> None:
    found = date_of("Trois hommes armés ont attaqué le sanctuaire mercredi soir.", "fr",
                    month="2022-10")
    assert (found.value, found.precision) == (None, "unknown")


@pytest.mark.parametrize(("text", "language", "day"), [
    ("Rebels and soldiers fought for two hours on Monday afternoon near the river. "
     "Army officials said on Tuesday, 30 August 2016, that fifteen soldiers died.",
     "en", "2016-08-29"),
    ("Des rebelles ont attaqué le camp lundi soir. Le porte-parole de l'armée a déclaré "
     "mardi 30 août 2016 que quinze soldats étaient morts.", "fr", "2016-08-29"),
])
def test_a_page_known_by_its_month_resolves_weekdays_against_the_day_its_text_writes(
        text: str, language: str, day: str) -> None:
    found = date_of(text, language, month="2016-08")
    assert (found.value, found.precision) == (day, "day")


def test_a_weekday_resolved_against_a_written_day_stays_in_the_pages_month() -> None:
    """The day the text writes may be background: its "Wednesday" would fall in the
    month before the page's."""
    item = article("Gunmen attacked the shrine on Wednesday evening. The last attack on it "
                   "was on 3 October 2022.", month="2022-10")
    trigger = spans(item)[:1]  # the background sentence is no sentence of the event
    found = event_date(item, trigger, rules_for("en"), reference_date(item, spans(item)))
    assert (found.value, found.precision) == (None, "unknown")


@pytest.mark.parametrize(("text", "language", "day"), [
    ("In the early hours of Sunday 3 May, police foiled a landing on the coast. Some of the "
     "men had taken part in the coup attempt of 30 April 2019.", "en", "2020-05-03"),
    ("Le mardi 1er août, des hommes armés ont attaqué le village. Le précédent accord de "
     "paix datait du 6 février 2019.", "fr", "2023-08-01"),
    ("La captura tuvo lugar el miércoles 25 de junio. El líder había escapado el 7 de enero "
     "de 2024.", "es", "2025-06-25"),
])
def test_a_weekday_pins_the_year_of_a_yearless_date(text: str, language: str,
                                                    day: str) -> None:
    """No page date: the weekday and the latest date the page writes fix the year."""
    assert date_of(text, language).value == day


def test_without_a_page_date_a_yearless_date_stays_unknown() -> None:
    found = date_of("Trois hommes armés ont attaqué le sanctuaire mercredi 26 octobre.", "fr")
    assert found.precision == "unknown"


@pytest.mark.parametrize(("text", "language", "month_day", "written"), [
    ("Soldiers entered the district on November 20, the ministry said.", "en", "--11-20",
     "November 20"),
    ("Des soldats sont entrés dans le district le 3 mars au matin.", "fr", "--03-03",
     "3 mars"),
    ("Войска вошли в район 20 ноября, сообщило министерство.", "ru", "--11-20",
     "20 ноября"),
    ("Las tropas entraron en el distrito el 9 de julio por la mañana.", "es", "--07-09",
     "9 de julio"),
])
def test_without_a_page_date_a_yearless_day_is_kept_as_month_and_day(
        text: str, language: str, month_day: str, written: str) -> None:
    """The day stays a reading the resolver can match (``month_day``), not a guessed
    year; its evidence is the words written."""
    found = date_of(text, language)
    assert (found.value, found.precision, found.month_day) == (None, "unknown", month_day)
    assert found.evidence is not None and found.evidence.text == written


def test_a_yearless_day_a_statement_was_made_is_not_kept() -> None:
    found = date_of("Troops entered the town, officials said on November 21.", "en")
    assert found.month_day is None


def test_a_page_date_leaves_no_yearless_day() -> None:
    found = date_of("Soldiers entered the district on November 20.", "en", day="2020-11-21")
    assert (found.value, found.month_day) == ("2020-11-20", None)


# --- background and announcements -------------------------------------------------------

@pytest.mark.parametrize(("text", "language"), [
    ("Last year's attack on the mosque killed 51 worshippers.", "en"),
    ("L'attaque de l'an dernier contre la mosquée avait fait 51 morts.", "fr"),
    ("Bei dem Anschlag im vergangenen Jahr starben 51 Menschen.", "de"),
    ("El ataque del año pasado contra la mezquita dejó 51 muertos.", "es"),
    ("В прошлом году при нападении на мечеть погиб 51 человек.", "ru"),
    ("أسفر هجوم العام الماضي على المسجد عن مقتل 51 شخصا.", "ar"),
])
def test_last_years_attack_is_not_dated_the_page_day(text: str, language: str) -> None:
    assert date_of(text, language, day="2020-06-01").precision == "unknown"


def test_an_undated_event_of_the_page_takes_the_page_day() -> None:
    found = date_of("The attack on the mosque killed 51 worshippers.", "en", day="2020-06-01")
    assert (found.value, found.precision) == ("2020-06-01", "day")


def test_an_announced_weekday_is_the_next_one() -> None:
    # 2023-05-10 is a Wednesday: the announced Saturday is the 13th, not the 6th.
    found = date_of("A march is planned for Saturday in Leeds.", "en", day="2023-05-10")
    assert found.value == "2023-05-13"


def test_an_announced_date_is_never_the_page_reference() -> None:
    item = article("Hundreds marched on June 2, 2020 in the city centre. "
                   "The next march will be held on June 20, 2020, organisers said.")
    reference = reference_date(item, [(0, len(item.text))])
    assert reference is not None and reference.day == date(2020, 6, 2)


def test_a_page_month_bounds_the_dates_taken_for_its_day() -> None:
    text = ("Le déroulement de la manifestation. — Un ministre (@ministre) 1 décembre 2018. "
            "La loi avait été votée le 3 mars 2017.")
    item = article(text, month="2018-12")
    reference = reference_date(item, [(0, len(text))])
    assert reference is not None and reference.day == date(2018, 12, 1)
    assert reference.evidence is not None and reference.evidence.text == "1 décembre 2018"


# --- every language with a trigger table can date --------------------------------------------

@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_every_trigger_table_has_the_date_words(language: str) -> None:
    table = raw_table(language)
    assert table["triggers"]
    assert set(table["weekdays"].values()) == set(range(7))
    assert set(table["months"].values()) == set(range(1, 13))
    assert {0, -1} <= set(table["relative_days"].values())
    assert table.get("report_verbs") and table.get("past_periods")


def test_a_wire_datelines_date_is_the_dispatchs_not_the_events() -> None:
    from herald.extract.dates import in_wire_dateline

    text = "MANILA, Philippines, Aug. 30 (UPI) -- Fifteen soldiers were killed on Monday."
    start = text.index("Aug. 30")
    assert in_wire_dateline(text, (start, start + len("Aug. 30"), date(2016, 8, 30)))
    later = "Fifteen soldiers were killed on Aug. 30 - the army said."
    start = later.index("Aug. 30")
    assert not in_wire_dateline(later, (start, start + len("Aug. 30"), date(2016, 8, 30)))


@pytest.mark.parametrize(
    ("text", "language", "page", "expected"),
    [
        ("Hundreds marched downtown. They honoured Dana Okoro, who died in custody last "
         "Tuesday. The march ended on Saturday at the courthouse.", "en", "2021-03-15",
         "2021-03-13"),
        ("Des centaines de personnes ont défilé. Elles rendaient hommage à Malik Brun, qui "
         "est mort le 10 mars. Le cortège a rejoint la mairie samedi.", "fr", "2021-03-15",
         "2021-03-13"),
        ("The protesters, who marched on Saturday, were peaceful.", "en", "2021-03-15",
         "2021-03-13"),
    ],
)
def test_a_date_in_a_clause_about_a_named_person_is_theirs(text: str, language: str,
                                                           page: str, expected: str) -> None:
    """"Name, who died last Tuesday": the death's day, not the march's; a clause about
    the crowd ("the protesters, who marched on Saturday") keeps its date."""
    assert date_of(text, language, page).value == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Shopkeepers swept up broken glass on Sunday after a night of rioting in the "
         "old town.", "en"),
        ("Les commerçants ont balayé les vitrines brisées dimanche après une nuit de "
         "violences dans le centre.", "fr"),
        ("Los comerciantes limpiaron el centro el domingo tras una noche de disturbios.",
         "es"),
    ],
)
def test_the_morning_after_a_night_of_unrest_dates_the_night_before(text: str,
                                                                    language: str) -> None:
    assert date_of(text, language, "2021-03-15").value == "2021-03-13"


def test_a_night_before_the_dated_clause_moves_nothing() -> None:
    text = "After a night of calm, protesters marched again on Sunday."
    assert date_of(text, "en", "2021-03-15").value == "2021-03-14"


# --- a page that looks back: its lead names past months, not its own day -----------------------

@pytest.mark.parametrize(("text", "language", "page", "value", "precision", "word"), [
    # A year in review: the lead names the months, a later sentence the day.
    ("Over three weekends in early March, farmers drove tractors through Lyon. "
     "The biggest convoy came on 7 March, when 2,000 tractors blocked the ring road.",
     "en", "2024-12-28", "2024-03-07", "day", "7 March"),
    # Only the months: the event is known by its month, as ACLED codes it.
    ("Over several nights in late May and early June, demonstrators took to the streets.",
     "en", "2021-01-02", "2020-05-01", "month", "May"),
    ("Fin mai, des centaines de manifestants ont défilé à Lyon. La plus grande "
     "manifestation a eu lieu le 28 mai.", "fr", "2024-12-30", "2024-05-28", "day", "28 mai"),
    ("Anfang Juni zogen Tausende durch Dresden.", "de", "2025-01-02", "2024-06-01", "month",
     "Juni"),
    ("A finales de mayo de 2019, miles de personas marcharon en Quito.", "es", "2024-12-30",
     "2019-05-01", "month", "mayo"),
    ("A fine maggio, migliaia di persone hanno manifestato a Roma.", "it", "2024-12-30",
     "2024-05-01", "month", "maggio"),
    ("No final de maio, milhares de pessoas protestaram em Lisboa.", "pt", "2024-12-30",
     "2024-05-01", "month", "maio"),
    ("Eind mei gingen duizenden mensen de straat op in Utrecht.", "nl", "2024-12-30",
     "2024-05-01", "month", "mei"),
])
def test_a_page_that_looks_back_dates_its_event_in_the_months_its_lead_names(
        text: str, language: str, page: str, value: str, precision: str, word: str) -> None:
    found = date_of(text, language, day=page)
    assert (found.value, found.precision) == (value, precision)
    assert found.evidence is not None and found.evidence.text.startswith(word)


@pytest.mark.parametrize(("text", "page"), [
    # The month named is the page's own: its day stands.
    ("In March, hundreds marched in Leeds.", "2024-03-25"),
    # Last month's end is inside the news window: a report of last week, not a review.
    ("In late May, hundreds marched in Leeds.", "2024-06-04"),
    # "march" in lower case is the walk, not the month.
    ("A late march through downtown drew hundreds of people.", "2024-12-28"),
])
def test_a_month_inside_the_news_window_or_no_month_leaves_the_pages_day(
        text: str, page: str) -> None:
    found = date_of(text, "en", day=page)
    assert (found.value, found.precision) == (page, "day")
