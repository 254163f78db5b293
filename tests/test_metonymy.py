"""A capital standing for its government is no place: "Moscow said", "под контроль
Баку", "قالت موسكو". Texts written for these tests; capitals by their GeoNames ids."""

from __future__ import annotations

import re

import pytest

from herald.extract import extract_events
from herald.extract.places import speaks_for_its_state
from herald.extract.rules import rules_for
from herald.model import Article, Mention, Sentence

CAPITALS = {"Moscow": ("RU", 524901), "Москва": ("RU", 524901), "Баку": ("AZ", 587084),
            "Baku": ("AZ", 587084), "موسكو": ("RU", 524901), "Kyiv": ("UA", 703448),
            "Moscou": ("RU", 524901), "Moscú": ("RU", 524901), "Moskau": ("RU", 524901)}
TOWNS = {"Kherson": ("UA", 706448, 46.64, 32.61), "Агдам": ("AZ", 148565, 39.99, 46.93)}


def place(text: str, name: str, ident: int, country: str, lat: float = 0.0,
          lon: float = 0.0) -> Mention:
    start = text.index(name)
    value = {"geonames_id": ident, "name": name, "country": country, "admin1": None,
             "lat": lat, "lon": lon, "population": 1_000_000, "feature": "city"}
    return Mention("place", start, start + len(name), name, "GPE", value)


@pytest.mark.parametrize(("text", "capital", "language", "metonymy"), [
    ("Moscow said the strikes hit only military targets.", "Moscow", "en", True),
    ("Kyiv has announced a curfew in Kherson.", "Kyiv", "en", True),
    ("Район перешел под контроль Баку.", "Баку", "ru", True),
    ("وقالت موسكو إن الضربات أصابت أهدافا عسكرية.", "موسكو", "ar", True),
    ("The town fell into the hands of Kyiv on Friday.", "Kyiv", "en", True),
    ("The district is now under the control of Moscow.", "Moscow", "en", True),
    ("La ville est passée sous le contrôle de Moscou.", "Moscou", "fr", True),
    ("El distrito quedó bajo el control de Moscú.", "Moscú", "es", True),
    ("Der Bezirk steht nun unter der Kontrolle von Moskau.", "Moskau", "de", True),
    ("Thousands marched in Moscow on Saturday, police said.", "Moscow", "en", False),
    ("Officials said Kyiv was shelled overnight.", "Kyiv", "en", False),
    ("Protesters gathered in Baku said they would return.", "Baku", "en", False),
])
def test_a_capital_that_speaks_or_controls_is_its_government(
        text: str, capital: str, language: str, metonymy: bool) -> None:
    country, ident = CAPITALS[capital]
    mention = place(text, capital, ident, country)
    if f"in {capital}" in text:
        assert isinstance(mention.value, dict)
        mention.value["role"] = "locative"  # as the annotator marks a name after "in"
    assert speaks_for_its_state(text, mention, rules_for(language).cues) is metonymy


def test_a_town_is_not_a_capital_whatever_follows_it() -> None:
    text = "Kherson said the shelling had stopped."
    mention = place(text, "Kherson", *TOWNS["Kherson"][1::-1])  # type: ignore[arg-type]
    assert not speaks_for_its_state(text, mention, rules_for("en").cues)


def test_the_event_is_placed_at_the_town_not_the_capital_that_controls_it() -> None:
    text = "Агдамский район с 20 ноября перешел под контроль Баку. Войска вошли в Агдам."
    sentences = [Sentence(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text)]
    country, ident, lat, lon = TOWNS["Агдам"]
    mentions = [place(text, "Баку", 587084, "AZ", 40.4, 49.9),
                place(text, "Агдам.", ident, country, lat, lon)]
    mentions[1] = Mention("place", mentions[1].start, mentions[1].end - 1, "Агдам", "GPE",
                          mentions[1].value)
    article = Article(id="m1", text=text, language="ru", published="2020-11-20",
                      sentences=sentences, mentions=mentions)
    events = extract_events(article).events
    assert events and all(e.location.name != "Баку" for e in events)
