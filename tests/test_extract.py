"""The extract stage on short texts written for these tests, one language at a time.

Articles are built by hand (sentences split on full stops, places given with their
coordinates), so the tests check extraction alone, not the annotator.
"""

from __future__ import annotations

import re

import pytest

from herald.errors import RulesError
from herald.extract import extract_events
from herald.extract import rules as rules_module
from herald.model import Article, Mention, Sentence

PLACES = {
    "Calais": ("FR", 50.95, 1.85),
    "Lille": ("FR", 50.63, 3.06),
    "Metz": ("FR", 49.12, 6.18),
    "Dresden": ("DE", 51.05, 13.74),
    "Leeds": ("GB", 53.80, -1.55),
    "Kharkiv": ("UA", 49.99, 36.23),
    "Raqqa": ("SY", 35.95, 39.01),
    "Nantes": ("FR", 47.22, -1.55),
    "Rennes": ("FR", 48.11, -1.68),
    "Madrid": ("ES", 40.42, -3.70),
    "Paris": ("FR", 48.86, 2.35),
    "London": ("GB", 51.51, -0.13),
    "Berlin": ("DE", 52.52, 13.40),
    "Харьков": ("UA", 49.99, 36.23),
}
DEMONYMS = {"Turkish": "TR"}


def make_article(text: str, language: str, published: str | None = None,
                 title: str | None = None) -> Article:
    """An article as annotate would leave it: sentences plus place mentions."""
    full = f"{title}\n{text}" if title else text
    body_start = len(title) + 1 if title else 0
    sentences = [Sentence(0, len(title), "title")] if title else []
    for match in re.finditer(r"[^.!?]+[.!?]?", full[body_start:]):
        if match.group(0).strip():
            sentences.append(Sentence(body_start + match.start(), body_start + match.end()))
    mentions = []
    for name, (country, lat, lon) in PLACES.items():
        for match in re.finditer(rf"\b{name}\b", full):
            value = {"geonames_id": hash(name) % 10**6, "name": name, "country": country,
                     "admin1": None, "lat": lat, "lon": lon, "population": 100_000,
                     "feature": "PPLA"}
            mentions.append(Mention("place", match.start(), match.end(), name, "GPE", value))
    for name, country in DEMONYMS.items():
        for match in re.finditer(rf"\b{name}\b", full):
            mentions.append(Mention("country", match.start(), match.end(), name, "demonym",
                                    country))
    return Article(id="t1", text=full, published=published, title=title, language=language,
                   sentences=sentences, mentions=sorted(mentions, key=lambda m: m.start))


def only_event(article: Article):
    events = extract_events(article).events
    assert len(events) == 1, [e.summary for e in events]
    return events[0]


def test_english_peaceful_march_dated_by_yesterday() -> None:
    article = make_article(
        "About 300 people marched through Leeds yesterday to demand higher wages. "
        "The rally ended without incident.", "en", published="2023-05-10")
    event = only_event(article)
    assert (event.event_type, event.sub_event_type) == ("Protests", "Peaceful protest")
    assert event.date.value == "2023-05-09" and event.date.precision == "day"
    assert event.date.evidence is not None and event.date.evidence.text == "yesterday"
    assert event.location.name == "Leeds" and event.location.country == "GB"
    assert event.sources[0].article == "t1"
    assert event.trigger is not None and event.trigger.text.lower().startswith("march")


def test_french_burning_tyres_are_a_violent_demonstration_on_saturday() -> None:
    # 2016-03-14 is a Monday: "samedi" is two days earlier.
    article = make_article(
        "Des militants ont manifesté samedi matin à Calais. "
        "Ils ont bloqué deux ponts avec des pneus enflammés avant que les CRS ne les "
        "dispersent.", "fr", published="2016-03-14")
    event = only_event(article)
    assert (event.event_type, event.sub_event_type) == ("Riots", "Violent demonstration")
    assert event.date.value == "2016-03-12"
    assert "Police Forces of France" in {a.name for a in event.actors}


def test_german_tear_gas_is_protest_with_intervention_on_monday() -> None:
    # 2015-01-14 is a Wednesday: "am Montag" is 2015-01-12.
    article = make_article(
        "Tausende Menschen haben am Montag in Dresden demonstriert. "
        "Die Polizei setzte Tränengas ein.", "de", published="2015-01-14")
    event = only_event(article)
    assert (event.event_type, event.sub_event_type) == ("Protests", "Protest with intervention")
    assert event.date.value == "2015-01-12"
    assert event.location.country == "DE"


def test_relative_date_without_publication_date_stays_unknown() -> None:
    article = make_article("Yesterday hundreds of people protested in Leeds.", "en")
    event = only_event(article)
    assert event.date.value is None and event.date.precision == "unknown"


def test_absolute_date_is_read_even_without_publication_date() -> None:
    article = make_article(
        "On 3 May 2022, Russian forces shelled residential areas of Kharkiv.", "en")
    event = only_event(article)
    assert event.event_type == "Explosions/Remote violence"
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert event.date.value == "2022-05-03"


def test_background_and_future_mentions_are_not_events() -> None:
    article = make_article(
        "Last year, protesters clashed with police in Leeds. "
        "A new rally will be held in Leeds next Saturday. "
        "The council said it would review its budget.", "en", published="2023-05-10")
    assert extract_events(article).events == []


def test_an_old_year_marks_a_sentence_as_background() -> None:
    article = make_article("In 2012, activists occupied a mosque in Lille.", "fr",
                           published="2017-10-20")
    assert extract_events(article).events == []


def test_trial_article_reports_no_event() -> None:
    article = make_article(
        "Les militants avaient occupé la mosquée pendant six heures à Lille.", "fr",
        published="2017-10-20", title="Les identitaires seront juges vendredi")
    assert extract_events(article).events == []


def test_vigils_in_two_cities_are_two_events_with_one_date() -> None:
    article = make_article(
        "Un millier de personnes se sont rassemblées samedi à Lille en hommage aux "
        "victimes. Samedi soir à Metz, une dizaine de militants ont perturbé une veillée. "
        "La police les a évacués.", "fr", published="2015-11-15")
    events = extract_events(article).events
    assert [e.location.name for e in events] == ["Lille", "Metz"]
    assert {e.date.value for e in events} == {"2015-11-14"}
    assert len({e.id for e in events}) == 2


def test_another_city_without_a_day_of_its_own_is_background() -> None:
    for text, language in [
        ("Un millier de personnes se sont rassemblées samedi à Lille en hommage aux "
         "victimes. A Metz, une dizaine de militants ont perturbé une veillée.", "fr"),
        ("Hundreds of nurses marched through Leeds on Saturday. Similar rallies took "
         "place in York, organisers said.", "en"),
    ]:
        events = extract_events(make_article(text, language, published="2015-11-15")).events
        assert len(events) == 1, text


def test_triggers_in_one_place_make_one_event() -> None:
    article = make_article(
        "Hundreds of protesters gathered in Leeds on Saturday. "
        "Later the march moved to the town hall, where demonstrators chanted. "
        "Police arrested three people.", "en", published="2023-05-08")
    event = only_event(article)
    assert event.sub_event_type == "Protest with intervention"


def test_ids_are_stable_across_runs() -> None:
    text = "Hundreds of protesters gathered in Leeds on Saturday."
    first = extract_events(make_article(text, "en", "2023-05-08")).events
    second = extract_events(make_article(text, "en", "2023-05-08")).events
    assert [e.id for e in first] == [e.id for e in second]


def test_group_names_are_canonical_across_spellings() -> None:
    article = make_article(
        "Des militants de Génération identitaire ont manifesté samedi à Calais.", "fr",
        published="2016-03-13")
    assert "Generation Identitaire" in {a.name for a in only_event(article).actors}


def test_language_without_a_table_uses_every_table() -> None:
    article = make_article("Hundreds of protesters gathered in Leeds on Saturday.", "xx",
                           published="2023-05-08")
    assert only_event(article).event_type == "Protests"


def test_missing_table_for_a_supported_language_is_an_error(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(rules_module, "RULES_DIR", tmp_path)
    rules_module.raw_table.cache_clear()
    try:
        with pytest.raises(RulesError):
            rules_module.raw_table("de")
        (tmp_path / "de.json").write_text("{}", encoding="utf-8")
        with pytest.raises(RulesError):
            rules_module.raw_table("de")
    finally:
        rules_module.raw_table.cache_clear()


def test_every_supported_language_has_every_trigger_category() -> None:
    english = set(rules_module.raw_table("en")["triggers"])
    for language in rules_module.SUPPORTED_LANGUAGES:
        assert set(rules_module.raw_table(language)["triggers"]) == english, language


def test_nationality_is_an_actor_not_the_place() -> None:
    article = make_article("On 12 April 2022, Turkish forces shelled villages near Raqqa.",
                           "en", published="2022-04-12")
    event = only_event(article)
    assert event.location.name == "Raqqa" and event.location.country == "SY"


def test_air_strikes_are_not_a_labour_strike() -> None:
    article = make_article("On 7 March 2022, jets carried out air strikes near Raqqa.", "en",
                           published="2022-03-07")
    assert only_event(article).sub_event_type == "Air/drone strike"


def test_a_round_up_of_other_cities_adds_no_event() -> None:
    article = make_article(
        "Thousands of students marched in Madrid on Thursday against the reform. "
        "Smaller protests were also reported in Nantes and Rennes.", "en",
        published="2023-03-10")
    event = only_event(article)
    assert event.location.name == "Madrid"


def test_armed_group_in_a_vigil_story_is_not_an_actor() -> None:
    article = make_article(
        "Hundreds gathered in Leeds on Sunday for a vigil for the victims of the "
        "Islamic State attack.", "en", published="2015-11-16")
    event = only_event(article)
    assert event.event_type == "Protests"
    assert "Islamic State" not in {a.name for a in event.actors}


# 2024-05-13 is a Monday: "yesterday" is Sunday 12 May, "Saturday" is 11 May.
@pytest.mark.parametrize(
    ("language", "text", "day"),
    [
        ("es", "Ayer miles de manifestantes marcharon en Madrid y la policía los dispersó.", 12),
        ("it", "Sabato migliaia di manifestanti in corteo, la polizia ha usato i lacrimogeni.", 11),
        ("nl", "Gisteren betoogden duizenden boeren; de politie zette traangas in.", 12),
        ("pt", "No sábado milhares de manifestantes protestaram e a polícia usou gás "
               "lacrimogêneo.", 11),
        ("pl", "W sobotę tysiące demonstrantów przeszły w marszu; policja użyła gazu "
               "łzawiącego.", 11),
        ("ru", "Вчера сотни протестующих вышли на улицы, полиция задержала 20 человек.", 12),
        ("tr", "Dün toplanan göstericilere polis biber gazıyla müdahale etti.", 12),
        ("ar", "أمس فرقت الشرطة مظاهرة باستخدام الغاز المسيل للدموع.", 12),
    ],
)
def test_every_table_reads_a_dispersed_protest_and_its_day(language: str, text: str,
                                                            day: int) -> None:
    event = only_event(make_article(text, language, published="2024-05-13"))
    assert (event.event_type, event.sub_event_type) == ("Protests", "Protest with intervention")
    assert event.date.value == f"2024-05-{day:02d}"


def test_counter_protesters_and_police_get_their_roles() -> None:
    article = make_article(
        "Tausende Menschen demonstrierten am Montag in Dresden, rund 9000 "
        "Gegendemonstranten stellten sich ihnen entgegen. Die Polizei trennte beide Lager.",
        "de", published="2015-01-13")
    roles = {(a.name, a.role) for a in only_event(article).actors}
    assert ("Counter-protesters (Germany)", "counter_protester") in roles
    assert ("Police Forces of Germany", "security_forces") in roles


def test_a_bombing_at_a_rally_is_coded_as_the_bombing() -> None:
    article = make_article(
        "A suicide bomber blew himself up at an election rally in Kharkiv on Sunday, "
        "killing 12 people.", "en", published="2022-05-09")
    assert only_event(article).sub_event_type == "Suicide bomb"


def test_a_page_date_stands_in_for_a_missing_publication_date() -> None:
    article = make_article(
        "Hundreds of farmers blocked the ring road around Leeds with tractors. "
        "Posted by a reporter on February 1, 2024.", "en")
    event = only_event(article)
    assert event.date.value == "2024-02-01"
    assert event.date.evidence is not None and "2024" in event.date.evidence.text


def test_a_page_date_does_not_resolve_yesterday() -> None:
    article = make_article(
        "Yesterday hundreds of farmers blocked the ring road around Leeds. "
        "Posted by a reporter on February 1, 2024.", "en")
    assert only_event(article).date.precision == "unknown"


def test_a_national_parliament_places_an_event_in_the_capital() -> None:
    article = make_article(
        "Police fired on demonstrators trying to storm the parliament of Kenya on Tuesday.",
        "en", published="2024-06-26")
    article.mentions.append(Mention("country", article.text.index("Kenya"),
                                    article.text.index("Kenya") + 5, "Kenya", "country", "KE"))
    event = only_event(article)
    assert event.location.name == "Nairobi" and event.location.precision == "city"


def test_a_group_storming_a_peaceful_vigil_is_an_intervention() -> None:
    article = make_article(
        "A far-right group stormed a peaceful vigil in Lille on Saturday night, before "
        "police stood between them and the crowd.", "en", published="2015-11-15")
    assert only_event(article).sub_event_type == "Protest with intervention"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Nantes council voted to reopen the depot. A petition against the plan "
               "gathered around 2,300 signatures, and the proposal gathered momentum."),
        ("en", "In Nantes, 2,300 signatures were gathered against the depot plan."),
        ("fr", "À Nantes, la pétition contre le dépôt a rassemblé plus de 2 300 signatures."),
        ("de", "In Dresden wurden für das Bürgerbegehren rund 2300 Unterschriften versammelt."
               " Die Unterschriften wurden versammelt."),
        ("es", "En Madrid se reunieron más de 2300 firmas contra el cierre del depósito."),
    ],
)
def test_gathering_things_is_not_a_crowd(language: str, text: str) -> None:
    """Crowd verbs with an object complement (signatures, momentum) report no protest."""
    assert extract_events(make_article(text, language, "2024-05-02")).events == []


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Hundreds gathered in Nantes on Saturday, collecting signatures for a petition."),
        ("fr", "Des centaines de personnes se sont rassemblées à Nantes samedi pour signer "
               "une pétition."),
        ("es", "Cientos de vecinos se reunieron en Madrid el sábado para entregar firmas."),
    ],
)
def test_a_crowd_gathering_for_a_petition_is_still_a_protest(language: str, text: str) -> None:
    """Only the verb's own complement decides: signatures later in the sentence do not."""
    event = only_event(make_article(text, language, "2024-05-06"))
    assert event.sub_event_type == "Peaceful protest"


@pytest.mark.parametrize("text, language, sub_type", [
    # what led to the protest: the officer's arrest is not the police acting on the crowd
    ("Hundreds of people marched through Leeds on Saturday. The officer was arrested on "
     "Friday and charged with murder, though the crowd said that was not enough.",
     "en", "Peaceful protest"),
    ("Des centaines de personnes ont manifesté samedi à Lille. Le policier a été interpellé "
     "vendredi et mis en examen, mais les manifestants réclament davantage.",
     "fr", "Peaceful protest"),
    # the crowd leaving is not the police dispersing it
    ("Hundreds of people marched through Leeds on Saturday. The group then returned to "
     "the park before dispersing.", "en", "Peaceful protest"),
    # police acting on the crowd, named in the same clause or implied by a pronoun
    ("Hundreds of people marched through Leeds on Saturday. Later, police dispersed the "
     "protesters with batons.", "en", "Protest with intervention"),
    ("Des centaines de personnes ont manifesté samedi à Lille. Les policiers ont dispersé "
     "les manifestants à coups de gaz lacrymogène.", "fr", "Protest with intervention"),
])
def test_police_words_count_when_said_of_the_crowd(text: str, language: str,
                                                    sub_type: str) -> None:
    event = only_event(make_article(text, language, published="2023-05-08"))
    assert event.sub_event_type == sub_type


@pytest.mark.parametrize("text, language, place", [
    ("Hommes armés: treize civils tués dans une attaque à 500 km de Paris, dans le "
     "village de Lille, samedi.", "fr", "Lille"),
    ("Gunmen killed 13 civilians on Saturday in an attack on Leeds, 300 km north of "
     "London.", "en", "Leeds"),
    ("Bewaffnete töteten am Samstag in Dresden, 200 Kilometer südlich von Berlin, "
     "13 Zivilisten.", "de", "Dresden"),
])
def test_a_town_named_to_measure_a_distance_from_is_not_where_it_happened(
        text: str, language: str, place: str) -> None:
    event = only_event(make_article(text, language, published="2023-05-08"))
    assert event.location.name == place


@pytest.mark.parametrize("text, language, events", [
    # a page without its headline opens on a trial or an anniversary: a past event's story
    ("Este lunes la Audiencia Nacional comienza a juzgar al hombre que atacó una iglesia "
     "en Madrid. El ataque dejó un muerto.", "es", 0),
    ("Исполнилось пять лет со дня, когда Харьков подвергся ракетному обстрелу. "
     "В результате обстрела погибли 9 человек.", "ru", 0),
    # a rally against a court ruling, or in memory of something, is a rally
    ("On Saturday, hundreds of people rallied in Leeds to protest the decision by the "
     "Supreme Court.", "en", 1),
    ("Samedi, des centaines de personnes ont manifesté à Lille en mémoire des victimes "
     "d'il y a cinq ans.", "fr", 1),
])
def test_a_headless_page_is_read_by_what_its_first_sentence_opens_on(
        text: str, language: str, events: int) -> None:
    article = make_article(text, language, published="2025-10-06")
    assert len(extract_events(article).events) == events


@pytest.mark.slow
def test_a_town_that_qualifies_an_actor_is_not_where_it_happened() -> None:
    from herald.analysis import analyse_articles

    text = ("Largest protest in recent memory\n"
            "On Saturday a demonstration began at the courthouse to protest the killing of a "
            "man by a Minneapolis police officer. The Minneapolis police officer was charged "
            "on Friday, and Minneapolis police officers were fired. Later the demonstrators "
            "marched through Eugene.")
    article = Article(id="t1", text=text, published="2020-05-31", origin="<test>")
    done, failures = analyse_articles([article], raise_errors=True)
    assert not failures
    assert [event.location.name for event in done[0].events] == ["Eugene"]


def test_a_place_only_an_earlier_time_names_is_not_the_events() -> None:
    """With no place in its own sentences, the event takes the article's place, but not
    one named only in sentences about an earlier year: where a fugitive once escaped
    is not where he was arrested."""
    text = ("Police arrested the gang leader on Wednesday in a raid. He had escaped from "
            "a prison in Madrid in January 2023. Madrid prisons held him for years in 2021.")
    event = only_event(make_article(text, "en", published="2025-06-26"))
    assert event.location.name != "Madrid"
    fresh = ("Police arrested the gang leader on Wednesday in a raid. He was flown to "
             "Madrid on Thursday.")
    assert only_event(make_article(fresh, "en", published="2025-06-26")).location.name == (
        "Madrid")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Zuvor hatten Demonstranten in Dresden gegen die Regierung protestiert.", "de"),
        ("Ранее протестующие вышли на митинг в Харьков.", "ru"),
        ("Anteriormente, miles de manifestantes marcharon en Madrid.", "es"),
        ("Auparavant, des manifestants avaient défilé à Nantes.", "fr"),
    ],
)
def test_previously_marks_a_sentence_as_background(text: str, language: str) -> None:
    """"Previously, protesters marched in X" tells what came before the news."""
    assert extract_events(make_article(text, language, published="2023-05-10")).events == []


def with_country(article: Article, name: str, code: str) -> Article:
    """The article with its country names as the annotator marks them."""
    extra = [Mention("country", m.start(), m.end(), name, "GPE", code)
             for m in re.finditer(rf"\b{name}\b", article.text)]
    article.mentions = sorted(article.mentions + extra, key=lambda m: m.start)
    return article


def test_a_trigger_sentence_naming_only_a_country_takes_the_towns_the_report_names() -> None:
    """ "France arrests ..." in the lead, the town two sentences on: the event is placed
    at the town, as ACLED codes the most precise place a report gives."""
    text = ("Police in France arrested the leader of the gang on Monday. He was hiding in a "
            "flat. The operation took place in Metz, the interior minister said.")
    event = only_event(with_country(make_article(text, "en", "2024-06-25"), "France", "FR"))
    assert (event.location.name, event.location.precision) == ("Metz", "city")


def test_a_town_named_only_for_an_earlier_time_does_not_place_a_country_level_event() -> None:
    text = ("Police in France arrested the leader of the gang on Monday. "
            "He had escaped in January 2019 from a prison in Lille.")
    event = only_event(with_country(make_article(text, "en", "2024-06-25"), "France", "FR"))
    assert (event.location.name, event.location.precision) == ("France", "country")


def test_a_town_of_another_country_does_not_place_a_country_level_event() -> None:
    text = ("Police in France arrested the leader of the gang on Monday. "
            "His accomplice was seen in Madrid last week.")
    event = only_event(with_country(make_article(text, "en", "2024-06-25"), "France", "FR"))
    assert event.location.country == "FR" and event.location.name != "Madrid"


def test_the_first_town_after_a_country_level_lead_beats_the_town_named_most() -> None:
    """Where comes first, what followed later: the town the suspect was flown to is
    named twice, the town of the arrest once, before it."""
    text = ("Police in France arrested the leader of the gang on Monday. The operation "
            "took place in a flat in Metz. He was flown to a prison near Paris. Lawyers "
            "in Paris said he would appeal.")
    event = only_event(with_country(make_article(text, "en", "2024-06-25"), "France", "FR"))
    assert event.location.name == "Metz"


def test_a_headline_of_deaths_takes_the_leads_clashes_as_its_kind() -> None:
    """The headline tells the outcome, the lead how: twelve soldiers killed in clashes
    with rebels is a battle, not an attack on civilians."""
    article = make_article(
        "MANILA (Reuters). Twelve soldiers were killed in clashes with rebels near Raqqa "
        "on Monday, an army spokesman said.", "en", published="2016-08-29",
        title="Twelve soldiers killed near Raqqa")
    event = only_event(article)
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")


def test_a_lead_about_something_else_leaves_the_headlines_kind() -> None:
    article = make_article(
        "Troops poured into Raqqa on Monday. Police arrested four of the fugitives there.",
        "en", published="2021-09-11", title="Police arrest four fugitives in Raqqa")
    event = only_event(article)
    assert event.sub_event_type == "Arrests"


def test_on_a_page_that_looks_back_a_day_within_its_months_is_its_news() -> None:
    """A year in review (page of 1 January) whose lead names late May: the sentence
    dated 31 May is what the page reports, not background too old to be news."""
    article = make_article(
        "Over several nights in late May and early June, demonstrators took to the streets "
        "of Leeds. The largest protest took place May 31, when at least 300 people marched "
        "from the station to the town hall.", "en", published="2021-01-01")
    event = only_event(article)
    assert (event.date.value, event.date.precision) == ("2020-05-31", "day")
    assert event.location.name == "Leeds"


def test_a_page_of_the_news_window_keeps_old_dated_sentences_as_background() -> None:
    article = make_article(
        "Hundreds of demonstrators took to the streets of Leeds on Saturday. "
        "The largest protest took place May 31, 2019, when 300 people marched.",
        "en", published="2021-06-07")
    event = only_event(article)
    assert event.date.value == "2021-06-05"


def unlisted_place(article: Article, name: str, near: str) -> Article:
    """A name the gazetteer lacks, as the annotator marks it: its own name at the point
    of a place the text gives (``near``, one of PLACES)."""
    country, lat, lon = PLACES[near]
    extra = [Mention("place", m.start(), m.end(), name, "GPE",
                     {"geonames_id": 0, "name": name, "country": country, "admin1": None,
                      "lat": lat, "lon": lon, "population": 0, "feature": "locality",
                      "precision": "region"})
             for m in re.finditer(rf"\b{name}\b", article.text)]
    article.mentions = sorted(article.mentions + extra, key=lambda m: m.start)
    return article


def test_a_known_groups_name_is_its_actor_not_the_place() -> None:
    """"Houthi positions": whose positions, not where; the gazetteer lacks "Houthi", and
    the actor table knows the group."""
    article = unlisted_place(make_article(
        "On 4 June 2022, government forces fired mortar shells at Houthi positions "
        "near Raqqa. Casualties unknown.", "en", "2022-06-04"), "Houthi", "Raqqa")
    assert only_event(article).location.name == "Raqqa"


@pytest.mark.parametrize(("text", "name", "precision"), [
    # The gazetteer lacks the coded village: its name at the governorate's point.
    ("On 3 May 2023, militia fighters clashed with the army in Raqqa governorate "
     "(coded to Tal Samin). 2 fatalities.", "Tal Samin", "region"),
    # The coded town is one the annotator found: its own record.
    ("On 9 May 2023, farmers staged a protest in the Kharkiv region (coded as Kharkiv, "
     "Kharkivska). No injuries.", "Kharkiv", "city"),
])
def test_a_note_that_says_where_it_is_coded_is_coded_there(text: str, name: str,
                                                            precision: str) -> None:
    event = only_event(make_article(text, "en", text[3:13].strip(",")))
    assert (event.location.name, event.location.precision) == (name, precision)


def test_an_actor_coded_as_another_moves_no_place() -> None:
    event = only_event(make_article(
        "On 18 March 2022, anti-Houthi forces (coded as Saudi-led coalition) conducted "
        "air raids on Raqqa. Casualties unknown.", "en", "2022-03-18"))
    assert event.location.name == "Raqqa"


@pytest.mark.parametrize(("text", "sub_type"), [
    # Animals killed in a property destruction: no attack on people.
    ("Property destruction: On 2 May 2023, unidentified gunmen killed 40 goats belonging "
     "to herders near Raqqa. No people were hurt.", "Looting/property destruction"),
    # Razing land on a movement of forces: no looting.
    ("Movement of forces: On 5 May 2023, army vehicles entered the east of Raqqa and razed "
     "farmland near the fence.", "Change to group/activity"),
    ("Defusal: On 4 May 2023, soldiers destroyed three IEDs planted near Raqqa.",
     "Disrupted weapons use"),
])
def test_a_notes_opening_tag_codes_its_strategic_development(text: str, sub_type: str) -> None:
    event = only_event(make_article(text, "en", "2023-05-05"))
    assert (event.event_type, event.sub_event_type) == ("Strategic developments", sub_type)


@pytest.mark.parametrize("text", [
    # A tag the table lacks, and a known tag that does not open the text.
    "Update: On 2 March 2023, unidentified gunmen attacked a school near Raqqa.",
    "On 2 March 2023, unidentified gunmen attacked a school near Raqqa. Looting: none.",
])
def test_other_openings_leave_the_verbs_coding(text: str) -> None:
    event = only_event(make_article(text, "en", "2023-03-02"))
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack")


@pytest.mark.parametrize(("text", "language", "coding"), [
    ("On 2 May 2023, a drug trafficker was shot and killed near Raqqa by two armed men.",
     "en", ("Battles", "Armed clash")),
    ("On 2 May 2023, gunmen shot dead a gang member near Raqqa.", "en",
     ("Battles", "Armed clash")),
    ("On 2 May 2023, rebels killed two fighters of a rival group near Raqqa.", "en",
     ("Battles", "Armed clash")),
    ("Em 2 de maio de 2023, homens armados mataram um traficante em Raqqa.", "pt",
     ("Battles", "Armed clash")),
    ("El 2 de mayo de 2023, sicarios asesinaron a un narcotraficante en Raqqa.", "es",
     ("Battles", "Armed clash")),
    # The victims are unarmed, or the second armed word is the speaker's, not the victim.
    ("On 2 May 2023, gunmen shot dead a teacher near Raqqa.", "en",
     ("Violence against civilians", "Attack")),
    ("On 2 May 2023, militants killed 12 people near Raqqa, a rebel spokesman said.", "en",
     ("Violence against civilians", "Attack")),
])
def test_harm_between_two_armed_sides_is_a_battle(text: str, language: str,
                                                  coding: tuple[str, str]) -> None:
    event = only_event(make_article(text, language, "2023-05-03"))
    assert (event.event_type, event.sub_event_type) == coding


@pytest.mark.parametrize(("text", "language"), [
    ("Militants attacked police posts in Raqqa in the last six months.", "en"),
    ("Over the past two years, militants attacked police posts around Raqqa.", "en"),
    ("Militante haben in den vergangenen sechs Monaten Polizeiposten in Berlin angegriffen.",
     "de"),
    ("Au cours des six derniers mois, des militants ont attaqué des postes de police à Paris.",
     "fr"),
    ("En los últimos seis meses, la banda atacó varias comisarías en Madrid.", "es"),
])
def test_a_sentence_summing_up_months_or_years_founds_no_event(text: str,
                                                              language: str) -> None:
    assert extract_events(make_article(text, language, "2023-05-03")).events == []
    # The same report without its period is an event: the period is what tells.
    without = re.sub(r"(?i),? ?(?:in|over|au cours des|en los|in den) (?:the )?(?:last|past|"
                     r"six|últimos|vergangenen)[^,.]*?(?:months|years|mois|meses|Monaten),?",
                     "", text)
    assert without != text
    assert len(extract_events(make_article(without, language, "2023-05-03")).events) == 1


def test_a_fresh_day_beside_a_look_back_keeps_the_event() -> None:
    event = only_event(make_article(
        "Militants attacked a police post in Raqqa on Monday, the third attack in the "
        "last six months.", "en", "2023-05-03"))
    assert event.date.value == "2023-05-01"


@pytest.mark.parametrize(("text", "without", "language"), [
    ("Nos últimos seis meses, militantes atacaram postos policiais em Madrid.",
     "Militantes atacaram postos policiais em Madrid.", "pt"),
    ("Negli ultimi sei mesi, militanti hanno attaccato posti di polizia a Madrid.",
     "Militanti hanno attaccato posti di polizia a Madrid.", "it"),
    ("De afgelopen zes maanden hebben militanten politieposten in Berlin aangevallen.",
     "Militanten hebben politieposten in Berlin aangevallen.", "nl"),
    ("За последние шесть месяцев боевики атаковали полицейские посты в Харькове.",
     "Боевики атаковали полицейские посты в Харькове.", "ru"),
])
def test_the_period_summing_up_is_background_in_the_other_tables(text: str, without: str,
                                                                  language: str) -> None:
    assert extract_events(make_article(text, language, "2023-05-03")).events == []
    assert len(extract_events(make_article(without, language, "2023-05-03")).events) == 1


@pytest.mark.parametrize(("text", "language"), [
    ("On 2 May 2023, an armed suspect stabbed a gangster to death near Raqqa.", "en"),
    ("On 2 May 2023, gunmen shot dead a cartel member near Raqqa.", "en"),
    ("El 2 de mayo de 2023, pandilleros asesinaron a un pandillero rival en Madrid.", "es"),
])
def test_the_new_armed_words_name_both_sides_of_a_battle(text: str, language: str) -> None:
    event = only_event(make_article(text, language, "2023-05-03"))
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")
