"""Reading quantities: digit conventions, number words, vague amounts, qualifiers, ranges."""

from __future__ import annotations

import json

import pytest

from herald.errors import RulesError
from herald.extract import numbers
from herald.extract.numbers import Quantity, find_quantities, parse_quantity


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("25,000", "en", 25000),
        ("25.000", "de", 25000),
        ("25 000", "fr", 25000),
        ("25\u202f000", "fr", 25000),
        ("1.300", "fr", 1300),
        ("2.5 million", "en", 2500000),
        ("1,5 Millionen", "de", 1500000),
        ("one hundred and thirty", "en", 130),
        ("Fourteen", "en", 14),
        ("quatorze", "fr", 14),
        ("quatre-vingt-dix", "fr", 90),
        ("dreihundertfünfzig", "de", 350),
        ("diecinueve", "es", 19),
        ("duecentocinquanta", "it", 250),
        ("vijfentwintig", "nl", 25),
        ("vinte e cinco", "pt", 25),
    ],
)
def test_numbers_in_every_convention(text: str, lang: str, value: int) -> None:
    quantity = parse_quantity(text, lang)
    assert quantity is not None and quantity.value == value


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("une centaine", "fr", Quantity(100, None, None, "about")),
        ("un demi-millier", "fr", Quantity(500, None, None, "about")),
        ("une trentaine", "fr", Quantity(30, None, None, "about")),
        ("some 80", "en", Quantity(80, None, None, "about")),
        ("at least five", "en", Quantity(5, 5, None, "at least")),
        ("plus d'une centaine", "fr", Quantity(100, 100, None, "more than")),
        ("mehr als 300", "de", Quantity(300, 300, None, "more than")),
        ("más de 300", "es", Quantity(300, 300, None, "more than")),
        ("Fewer than 200", "en", Quantity(200, None, 200, "fewer than")),
        ("près de 370", "fr", Quantity(370, None, 370, "nearly")),
        ("half a million", "en", Quantity(500000, None, None, "about")),
    ],
)
def test_approximations_and_qualifiers(text: str, lang: str, expected: Quantity) -> None:
    assert parse_quantity(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "name", "low"),
    [
        ("hundreds", "en", "hundreds", 200),
        ("tens of thousands", "en", "tens of thousands", 20000),
        ("mehrere tausend", "de", "several thousand", 2000),
        ("Tausende", "de", "thousands", 2000),
        ("miles", "es", "thousands", 2000),
        ("des centaines", "fr", "hundreds", 200),
    ],
)
def test_vague_plurals_have_bounds_and_no_value(text: str, lang: str, name: str, low: int) -> None:
    quantity = parse_quantity(text, lang)
    assert quantity is not None
    assert (quantity.value, quantity.low, quantity.qualifier) == (None, low, name)
    assert quantity.high is not None and quantity.high > low


@pytest.mark.parametrize(
    "text", ["between 100 and 250", "100 to 250", "100-250", "from 100 to 250"]
)
def test_ranges(text: str) -> None:
    assert parse_quantity(text, "en") == Quantity(None, 100, 250, "range")


def test_find_quantities_gives_spans_and_skips_non_counts() -> None:
    text = "At 7:30 on 19.03.2022, about 80 people and une 2.5 of COVID-19 came."
    found = [(text[s:e], q.value) for s, e, q in find_quantities(text, "en")]
    assert found == [("about 80", 80)]


def test_articles_are_not_ones() -> None:
    assert find_quantities("un manifestant et une femme", "fr") == []
    assert parse_quantity("vingt et un", "fr") == Quantity(21)


def test_unknown_language_reads_digits_only() -> None:
    text = "Omkring 300 personer, trehundra"
    assert [(text[s:e], q.value) for s, e, q in find_quantities(text, "sv")] == [("300", 300)]


def test_empty_table_raises(tmp_path, monkeypatch) -> None:
    (tmp_path / "numbers_xx.json").write_text(json.dumps({}), encoding="utf-8")
    monkeypatch.setattr(numbers, "RULES_DIR", tmp_path)
    numbers.number_rules.cache_clear()
    try:
        with pytest.raises(RulesError):
            find_quantities("12", "xx")
    finally:
        numbers.number_rules.cache_clear()
