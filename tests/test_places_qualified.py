"""The country and the town where the text gives little: texts of our own, one
phenomenon each, in several languages.

A town placed by its district and state must agree with them ("(Mariga, Niger)" is
Niger State, Nigeria); a region may be spelt as news spells it ("Hiraan", "Lower Juba")
or abbreviated by its ISO code after a town ("WB"); a district without a town of its own
still says where it is; a locality the gazetteer lacks keeps its place through the whole
article and takes the place named before it when nothing follows it.
"""

from __future__ import annotations

import pytest

from herald.annotate import annotate_article
from herald.extract import extract_events
from herald.extract.places import to_location
from herald.model import Article, Mention, Segment

pytestmark = pytest.mark.slow


def annotate(text: str, language: str = "en") -> Article:
    article = Article(id="t", text=text, language=language)
    article.segments = [Segment("body", 0, len(text))]
    return annotate_article(article)


def places(article: Article, text: str) -> list[Mention]:
    return [m for m in article.mentions if m.text == text and m.kind in ("place", "country")]


def where(article: Article, text: str) -> tuple[str | None, str | None]:
    """(country, feature) of the first place mention with this text."""
    mention = places(article, text)[0]
    value = mention.value if isinstance(mention.value, dict) else {}
    if mention.kind == "country":
        return str(mention.value), "country"
    return value.get("country"), value.get("feature")


def countries(article: Article) -> set[str]:
    found = set()
    for mention in article.mentions:
        if mention.kind == "country" and mention.label != "demonym":
            found.add(str(mention.value))
        elif mention.kind == "place" and isinstance(mention.value, dict):
            found.add(str(mention.value.get("country")))
    return found


# --------------------------------------------------------------------------- agreement


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Bandits abducted two traders near Kuchi (Mariga, Niger) on Sunday night.", "en"),
        ("Des hommes armés ont enlevé deux commerçants près de Kuchi (Mariga, Niger) "
         "dimanche soir.", "fr"),
    ],
)
def test_a_state_after_its_district_is_the_state_not_the_country(text: str,
                                                                  language: str) -> None:
    article = annotate(text, language)
    assert where(article, "Niger") == ("NG", "admin1")
    assert countries(article) == {"NG"}


def test_a_district_named_like_a_foreign_prefecture_agrees_with_its_state() -> None:
    article = annotate("Gunmen seized a pastor at his church in Umuagwo (Ahiazu Mbaise, Imo) "
                       "on Friday.")
    assert where(article, "Ahiazu Mbaise") == ("NG", "admin2")
    village = places(article, "Umuagwo")[0]
    assert village.value["country"] == "NG" and village.value["feature"] == "locality"


def test_a_town_and_its_province_agree_over_a_bigger_namesake_region_abroad() -> None:
    article = annotate("A roadside bomb killed a soldier near Hay Al-Askari in Amara district "
                       "(Maysan) on Monday.")
    assert where(article, "Amara") == ("IQ", "city")
    assert "ET" not in countries(article)


def test_a_district_without_a_town_of_its_own_still_names_its_country() -> None:
    article = annotate("Border guards fired mortars at the Kandai and Mirdesh areas of Waygal "
                       "district, Nuristan. No casualties were reported.")
    assert where(article, "Waygal") == ("AF", "admin2")


def test_qualifiers_agree_with_each_other_before_the_name_they_follow() -> None:
    article = annotate("Hundreds marched in Centocelle - Center (Roma, Lazio) against the "
                       "closure of a clinic.")
    rome = places(article, "Roma")[0].value
    assert (rome["country"], rome["name"]) == ("IT", "Rome")
    assert countries(article) == {"IT"}


def test_a_quarter_of_a_city_is_not_a_namesake_town_abroad() -> None:
    article = annotate("Students rallied outside the parliament near Lenin district in Bishkek "
                       "city on Wednesday.")
    assert where(article, "Bishkek") == ("KG", "city")
    assert countries(article) == {"KG"}


def test_a_list_of_towns_does_not_agree_on_small_namesakes() -> None:
    article = annotate("Rallies were held in Paris, London, Berlin and Madrid on Saturday.")
    assert where(article, "Paris")[0] == "FR"
    assert where(article, "London")[0] == "GB"


# --------------------------------------------------------------------------- spellings


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Farmers blocked the road in Wassit province on Sunday.", "Wassit", "IQ"),
        ("Clan militias clashed in Hiraan region overnight.", "Hiraan", "SO"),
        ("Al Shabaab fighters attacked a base in Lower Juba on Tuesday.", "Lower Juba", "SO"),
        ("Des affrontements ont eu lieu dans la province de Nineveh samedi.", "Nineveh", "IQ"),
    ],
)
def test_a_region_spelt_as_news_spells_it_names_its_country(text: str, name: str,
                                                             country: str) -> None:
    assert where(annotate(text, "fr" if "Des " in text else "en"), name)[0] == country


def test_a_state_abbreviated_by_its_iso_code_after_a_district_agrees_with_it() -> None:
    article = annotate("Villagers protested at Haringhata town (Nadia district, WB) over "
                       "power cuts.")
    assert where(article, "Nadia") == ("IN", "admin2")
    assert places(article, "Haringhata")[0].value["admin1"] == "West Bengal"


def test_a_district_named_bare_with_a_unit_word_after_it_is_the_district() -> None:
    article = annotate("Traders held a sit-in in Lower Dir city (KPK) against power cuts.")
    assert where(article, "Lower Dir") == ("PK", "admin2")
    assert places(article, "Lower Dir")[0].value["name"] == "Lower Dīr"


def test_an_english_word_translating_a_region_is_no_region() -> None:
    """ "Peace" translates La Paz (Honduras); "June" must not read as Junee (Australia)."""
    article = annotate("More than 500 people marched for peace through Reno on June 6. Reno "
                       "police closed two streets.")
    assert where(article, "Reno")[0] == "US"
    assert countries(article) == {"US"}


# --------------------------------------------------------------------------- localities


def test_a_locality_without_a_region_after_it_takes_the_place_named_before_it() -> None:
    article = annotate("On Friday, in Oaxaca, Oaxaca, teachers held a sit-in at Plaza "
                       "Zocalito to demand unpaid wages.")
    plaza = places(article, "Plaza Zocalito")[0].value
    assert (plaza["country"], plaza["precision"]) == ("MX", "region")


def test_a_locality_is_that_place_wherever_the_article_names_it() -> None:
    article = annotate("Troops retook Kuajok-Nyal town in Jonglei State on Sunday. The capture "
                       "of Kuajok-Nyal ends a month of fighting, officials said.")
    found = places(article, "Kuajok-Nyal")
    assert len(found) == 2 and {m.value["country"] for m in found} == {"SS"}


def test_a_person_after_from_is_a_source_not_a_locality() -> None:
    article = annotate("Fighting resumed near Malakal, according to a statement from SPLA "
                       "Spokesman Deng Ajak Ruai.")
    assert not [m for m in article.mentions if m.label == "locality"]


def test_a_locality_qualified_by_a_town_is_placed_at_that_town() -> None:
    article = annotate("Gunmen attacked a police post in Bangoura (Magama, Niger) on Monday.")
    location = to_location(article, places(article, "Bangoura")[0], None)
    assert (location.name, location.country, location.precision) == ("Bangoura", "NG",
                                                                      "region")


@pytest.mark.parametrize(
    ("text", "town", "country"),
    [
        ("Observers counted 12 projectiles near Donetsk Filtration Station on Sunday.",
         "Donetsk", "UA"),
        ("Observers recorded 14 explosions near Horlivka Pumping Station overnight.",
         "Horlivka", "UA"),
    ],
)
def test_a_facility_named_after_its_town_is_at_that_town(text: str, town: str,
                                                         country: str) -> None:
    assert where(annotate(text), town) == (country, "city")


def test_a_town_inside_a_longer_facility_name_is_not_that_town() -> None:
    article = annotate("Three rockets hit the Ain al-Asad Air Base in Anbar, officials said.")
    assert "FR" not in countries(article)


# --------------------------------------------------------------------------- scripts


@pytest.mark.parametrize(
    ("text", "written", "name"),
    [
        ("Взрыв прогремел в Бейруте в понедельник вечером.", "Бейруте", "Beirut"),
        ("Колонна вышла из Гянджи утром.", "Гянджи", "Ganja"),
        ("Армия вошла в Агдамский район в пятницу.", "Агдамский", "Ağdam"),
        ("Обстрелы Харьковской области продолжались всю ночь.", "Харьковской",
         "Kharkivska oblast"),
    ],
)
def test_a_russian_place_is_found_in_any_case_and_as_its_districts_adjective(
    text: str, written: str, name: str
) -> None:
    article = annotate(text, "ru")
    assert places(article, written)[0].value["name"] == name


def test_a_russian_surname_is_not_lemmatised_into_a_town() -> None:
    article = annotate("Министр Лавров встретился с коллегами.", "ru")
    assert not [m for m in article.mentions if m.kind == "place"]


@pytest.mark.parametrize(
    ("text", "written", "name"),
    [
        ("Kilka tysięcy rolników protestowało w sobotę w Warszawie.", "Warszawie", "Warsaw"),
        ("W niedzielę kilkaset osób manifestowało w Lublinie.", "Lublinie", "Lublin"),
        ("Pikieta odbyła się w piątek w Zielonej Górze przed urzędem.", "Zielonej Górze",
         "Zielona Góra"),
        ("Rolnicy zablokowali drogę w Nowym Sączu.", "Nowym Sączu", "Nowy Sącz"),
        ("Mieszkańcy protestowali w niedzielę w Płocku.", "Płocku", "Płock"),
    ],
)
def test_a_polish_town_in_the_locative_case_is_found(text: str, written: str, name: str
                                                     ) -> None:
    """Polish declines town names ("w Warszawie"): the lemma dictionary gives "Warszawa",
    its feminine adjective agreement or a case ending the rest."""
    article = annotate(text, "pl")
    assert places(article, written)[0].value["name"] == name


def test_a_polish_surname_in_the_genitive_is_not_made_a_town() -> None:
    article = annotate("Zwolennicy Kaczyńskiego i Tuska spotkali się przed Sejmem.", "pl")
    assert not [m for m in article.mentions if m.kind == "place"]


def test_an_arabic_preposition_glued_to_a_country_keeps_the_whole_name() -> None:
    """ "بجنوب السودان" is "in South Sudan": the glued "ب" must not leave Sudan."""
    article = annotate("اندلعت اشتباكات عنيفة بجنوب السودان صباح اليوم", "ar")
    assert countries(article) == {"SS"}


def test_an_arabic_conjunction_glued_to_a_city_is_read_past() -> None:
    article = annotate("قصفت الطائرات مواقع قرب حلب وبيروت خلال الليل", "ar")
    assert where(article, "بيروت") == ("LB", "city")


def test_an_arabic_given_name_is_no_metropolis_abroad() -> None:
    """ "سالفادور" (Salvador) is a man in a report about the Philippines, not Brazil."""
    article = annotate("قال المتحدث سالفادور مدينا إن الانفجار وقع في جزيرة جولو بالفلبين", "ar")
    assert "BR" not in countries(article)
    assert "PH" in countries(article)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_village_whose_namesakes_all_lie_elsewhere_is_the_texts_own(language: str) -> None:
    """No Pisky of the gazetteer is in Kharkiv oblast: the text's Pisky is a village the
    gazetteer lacks, kept by name at Kharkiv's point, not one in Poltava oblast."""
    text = {"en": "On Sunday, artillery hit Pisky district, Kharkiv. Casualties unknown.",
            "fr": "Dimanche, l'artillerie a frappé le district de Pisky, Kharkiv."}[language]
    village = places(annotate(text, language), "Pisky")[0].value
    assert (village["feature"], village["admin1"]) == ("locality", "Kharkivska oblast")


def test_a_town_in_the_right_state_of_its_district_is_kept() -> None:
    """ "Magama, Jibia LGA (Katsina)": the Magama of Niger State is another place."""
    article = annotate("Gunmen attacked miners in Magama, Jibia LGA (Katsina) on Monday.")
    assert all(m.value.get("admin1") != "Niger" for m in places(article, "Magama"))


@pytest.mark.parametrize(
    ("text", "language", "town"),
    [
        ("La captura ocurrió en una operación en la ciudad de Manta el miércoles.", "es",
         "Manta"),
        ("L'opération s'est déroulée dans la ville de Tahoua mercredi.", "fr", "Tahoua"),
        ("The raid took place in the town of Kumba on Wednesday.", "en", "Kumba"),
    ],
)
def test_the_city_of_a_town_says_where(text: str, language: str, town: str) -> None:
    assert places(annotate(text, language), town)[0].value["role"] == "locative"


def test_a_village_in_russian_keeps_its_dictionary_name() -> None:
    article = annotate("Обстрел произошёл у посёлка Новоселки, Херсонская область.", "ru")
    village = [m for m in article.mentions if m.label == "locality"]
    assert village and village[0].value["name"] == "Новоселки"
    article = annotate("Снаряды упали в селе Малой Токмачке, Запорожская область.", "ru")
    village = [m for m in article.mentions if m.label == "locality"]
    assert village and village[0].value["name"] == "Малая Токмачка"


@pytest.mark.parametrize(
    ("text", "language"),
    [("Переговоры о перемирии в Харвине, Армения и Грузия начали в понедельник.", "ru")],
)
def test_a_list_after_a_comma_is_no_qualifier(text: str, language: str) -> None:
    """ "in X, Armenia and Georgia" lists countries; X is not a village of Armenia."""
    assert not [m for m in annotate(text, language).mentions if m.label == "locality"]


def test_a_hamlet_the_model_calls_a_person_is_kept_by_its_unit_and_region() -> None:
    article = annotate("Guards detained six men in the countryside of Ein Qadir in Ar Raqqa "
                       "governorate on Friday.")
    hamlet = places(article, "Ein Qadir")[0].value
    assert (hamlet["feature"], hamlet["country"]) == ("locality", "SY")


@pytest.mark.parametrize(("text", "place"), [
    ("ZAMBOANGA - Heavy fighting broke out on Monday in Patikul, Sulu, between soldiers "
     "and Abu Sayyaf gunmen.", "Patikul"),
    ("NAIROBI, Kenya - Police fired tear gas at protesters in Kisumu on Tuesday.", "Kisumu"),
    ("NAIROBI, Kenya - Police fired tear gas at protesters in the city on Tuesday.",
     "Nairobi"),
    ("NAIROBI - Kenyan police fired tear gas at protesters on Tuesday.", "Nairobi"),
])
def test_a_dateline_gives_way_to_the_place_its_sentence_names(text: str, place: str) -> None:
    """Where the report was filed is the event's place only when the sentence names no
    other town or region (a country or a nationality does not count)."""
    article = annotate(text)
    event = extract_events(article).events[0]
    assert event.location.name == place


@pytest.mark.parametrize(("text", "sub_type"), [
    ("The Nigerian Army has taken control of the town of Gwoza after days of fighting.",
     "Government regains territory"),
    ("The Arakan Army has taken control of the town of Paletwa after days of fighting.",
     "Non-state actor overtakes territory"),
])
def test_an_army_named_with_a_country_is_the_states(text: str, sub_type: str) -> None:
    """'Nigerian' is a nationality the annotator finds: the Nigerian Army is the state's;
    'Arakan' is no country, and the Arakan Army is an armed group."""
    event = extract_events(annotate(text)).events[0]
    assert event.sub_event_type == sub_type
