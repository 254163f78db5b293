"""Figures in the languages beyond the Latin-script protest tables: Arabic, Russian,
Turkish, Polish, Indonesian. Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from herald.extract.claims import find_claims
from herald.extract.numbers import Quantity, parse_quantity
from herald.model import Article, Claim


def claims_of(text: str, lang: str) -> list[Claim]:
    return find_claims(Article(id="t", text=text, language=lang), 0, len(text))


def summary(text: str, lang: str) -> list[tuple[str, int | None, str]]:
    return [(c.field, c.value, c.claimed_by) for c in claims_of(text, lang)]


# ----------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("١٣", "ar", 13),  # Eastern Arabic digits
        ("۱۳", "ar", 13),  # Persian digits
        ("٢٬٥٠٠", "ar", 2500),  # Arabic thousands separator
        ("ثلاثة آلاف", "ar", 3000),
        ("خمسة وعشرون", "ar", 25),  # 'and' glued to the tens
        ("ألفي", "ar", 2000),
        ("семи", "ru", 7),  # oblique case of seven
        ("двоих", "ru", 2),
        ("двадцати пяти", "ru", 25),
        ("1,5 тыс.", "ru", 1500),
        ("pięciu", "pl", 5),
        ("dwudziestu trzech", "pl", 23),
        ("2 tys.", "pl", 2000),
        ("on üç", "tr", 13),
        ("iki yüz elli", "tr", 250),
        ("dua puluh tiga", "id", 23),  # puluh multiplies
        ("tiga belas", "id", 13),
        ("dua ratus lima puluh", "id", 250),
    ],
)
def test_number_words_and_digits(text: str, lang: str, value: int) -> None:
    quantity = parse_quantity(text, lang)
    assert quantity is not None and quantity.value == value


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("ما لا يقل عن 40", "ar", Quantity(40, 40, None, "at least")),
        ("عشرات الآلاف", "ar", Quantity(None, 20000, 99999, "tens of thousands")),
        ("не менее 12", "ru", Quantity(12, 12, None, "at least")),
        ("десятки тысяч", "ru", Quantity(None, 20000, 99999, "tens of thousands")),
        ("en az 8", "tr", Quantity(8, 8, None, "at least")),
        ("binlerce", "tr", Quantity(None, 2000, 9999, "thousands")),
        ("co najmniej 7", "pl", Quantity(7, 7, None, "at least")),
        ("kilkanaście", "pl", Quantity(None, 11, 19, "a dozen or so")),
        ("sedikitnya 9", "id", Quantity(9, 9, None, "at least")),
        ("puluhan", "id", Quantity(None, 20, 99, "dozens")),
    ],
)
def test_hedges_and_vague_amounts(text: str, lang: str, expected: Quantity) -> None:
    assert parse_quantity(text, lang) == expected


def test_monday_is_not_two() -> None:
    """'الاثنين' (Monday) holds 'اثنين' (two) behind its article: no number."""
    assert parse_quantity("الاثنين", "ar") is None


# ---------------------------------------------------------------------- outcomes


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # Arabic: verb first with the subject between, clitics, tanwin, nominal outcomes.
        ("قتل مسلحون ١٤ مدنيا في هجوم على سوق القرية، وفقا لوزارة الصحة.", "ar",
         [("fatalities", 14, "health ministry")]),
        ("قُتل 7 أشخاص وأصيب 21 آخرون بجروح في انفجار عبوة ناسفة، بحسب ما أفادت الشرطة.", "ar",
         [("fatalities", 7, "police"), ("injuries", 21, "police")]),
        ("أسفر القصف عن مقتل 11 شخصًا وإصابة 30 آخرين، حسب مصادر طبية.", "ar",
         [("fatalities", 11, "medical sources"), ("injuries", 30, "medical sources")]),
        ("وأعلنت وزارة الداخلية اعتقال 45 شخصا في أعقاب أعمال الشغب.", "ar",
         [("arrests", 45, "interior ministry")]),
        ("ارتفعت حصيلة القتلى إلى 32 قتيلا و60 جريحا.", "ar",
         [("fatalities", 32, "outlet"), ("injuries", 60, "outlet")]),
        ("وأكد رئيس البلدية مقتل شخصين في الهجوم.", "ar", [("fatalities", 2, "authorities")]),
        ("شارك آلاف المتظاهرين في المسيرة.", "ar", [("crowd_size", None, "outlet")]),
        # Russian: cases of nouns and participles, outcome verb first.
        ("В результате обстрела погибли 4 человека, ещё 17 получили ранения, сообщили в МЧС.",
         "ru", [("fatalities", 4, "authorities"), ("injuries", 17, "authorities")]),
        ("Ранее сообщалось о пяти погибших и 12 пострадавших.", "ru",
         [("fatalities", 5, "outlet"), ("injuries", 12, "outlet")]),
        ("По данным МВД, в ходе акции были задержаны более 300 человек.", "ru",
         [("arrests", 300, "interior ministry")]),
        ("Один человек погиб, трое ранены.", "ru", [("fatalities", 1, "outlet"),
                                                  ("injuries", 3, "outlet")]),
        ("По данным минздрава, убиты 6 мирных жителей.", "ru",
         [("fatalities", 6, "health ministry")]),
        # Turkish: case endings on the noun, participles before it, postposed sources.
        ("İçişleri Bakanlığı'na göre patlamada 9 kişi hayatını kaybetti, 23 kişi yaralandı.",
         "tr", [("fatalities", 9, "interior ministry"), ("injuries", 23, "interior ministry")]),
        ("Polis, eyleme katılan 38 kişiyi gözaltına aldı.", "tr", [("arrests", 38, "outlet")]),
        ("Gözaltına alınan 16 kişi adliyeye sevk edildi.", "tr", [("arrests", 16, "outlet")]),
        ("Çatışmada bir asker şehit oldu.", "tr", [("fatalities", 1, "outlet")]),
        ("Sağlık Bakanlığı'nın açıklamasına göre ölü sayısı 19'a yükseldi.", "tr",
         [("fatalities", 19, "health ministry")]),
        # Polish: neuter verbs first, declined participles.
        ("W wybuchu zginęło co najmniej 8 osób, a 26 zostało rannych, poinformowała policja.",
         "pl", [("fatalities", 8, "police"), ("injuries", 26, "police")]),
        ("Według Ministerstwa Zdrowia rannych zostało 14 osób.", "pl",
         [("injuries", 14, "health ministry")]),
        ("W sobotę zatrzymano 31 osób, podało MSWiA.", "pl",
         [("arrests", 31, "interior ministry")]),
        ("Trzech żołnierzy zginęło, a dwóch zostało rannych.", "pl",
         [("fatalities", 3, "outlet"), ("injuries", 2, "outlet")]),
        # Indonesian: outcome after the noun or an active verb before the number.
        ("Sedikitnya 11 tentara tewas dalam bentrokan itu, kata juru bicara militer.", "id",
         [("fatalities", 11, "military")]),
        ("Ledakan itu menewaskan 6 orang dan melukai 19 lainnya, menurut polisi.", "id",
         [("fatalities", 6, "police"), ("injuries", 19, "police")]),
        ("Polisi mengamankan 27 orang dalam aksi unjuk rasa tersebut.", "id",
         [("arrests", 27, "outlet")]),
        ("Empat warga luka-luka akibat serangan itu.", "id", [("injuries", 4, "outlet")]),
        ("Seorang polisi tewas ditembak.", "id", [("fatalities", 1, "outlet")]),
    ],
)
def test_outcomes_and_sources(text: str, lang: str, expected: list) -> None:
    assert summary(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("وقع الانفجار عام 2019 على بعد 300 كلم من العاصمة في الساعة 10 صباحا.", "ar"),
        ("В 2021 году в 14 городах прошли акции, в 3 часа дня.", "ru"),
        ("2018 yılında 12 ilde 5 gün süren eylemler oldu.", "tr"),
        ("W 2020 roku w 40 miastach odbyły się protesty trwające 2 dni.", "pl"),
        ("Pada tahun 2019 sebanyak 12 rumah rusak selama 3 hari.", "id"),
        ("Der 19-Jährige zahlte 300 Euro für 2 Tage.", "de"),
    ],
)
def test_years_distances_money_and_durations_count_nobody(text: str, lang: str) -> None:
    assert claims_of(text, lang) == []


# ---------------------------------------------------------------------- phenomena


def test_arabic_spellings_are_one_word() -> None:
    """With and without hamza, vowel marks or tatweel, the same outcome verb."""
    plain = summary("اصيب 12 شخصا بجروح.", "ar")
    marked = summary("أُصِيبَ 12 شَخْصًا بجروح.", "ar")
    stretched = summary("أصـيب 12 شخصا بجروح.", "ar")
    assert plain == marked == stretched == [("injuries", 12, "outlet")]


def test_a_number_glued_to_and_is_read() -> None:
    """'و40 جريحا': 'and 40 wounded', the conjunction written onto the digits."""
    assert summary("قتل 9 أشخاص و40 جريحا.", "ar") == [
        ("fatalities", 9, "outlet"), ("injuries", 40, "outlet")]


def test_apposition_between_subject_and_outcome() -> None:
    text = ("Nine civilians, four of them children, were killed and another 22, most of them "
            "farmers, were wounded.")
    assert [(c.field, c.value) for c in claims_of(text, "en")] == [
        ("fatalities", 9), ("injuries", 22)]
    ar = "قال الجيش إن 8 جنود، بينهم ضابطان، قتلوا في الكمين."
    assert summary(ar, "ar") == [("fatalities", 8, "military")]


@pytest.mark.parametrize(
    ("text", "lang", "field"),
    [
        ("No one was injured in the fire, police said.", "en", "injuries"),
        ("Police made no arrests.", "en", "arrests"),
        ("Aucune interpellation n'a eu lieu.", "fr", "arrests"),
        ("Es gab keine Verletzten.", "de", "injuries"),
        ("Пострадавших нет, сообщили в полиции.", "ru", "injuries"),
        ("Никто не пострадал.", "ru", "injuries"),
        ("ولم تسجل إصابات بين المتظاهرين.", "ar", "injuries"),
        ("Olayda can kaybı yaşanmadı.", "tr", "fatalities"),
        ("Nikt nie został ranny.", "pl", "injuries"),
        ("Tidak ada korban jiwa dalam kejadian itu.", "id", "fatalities"),
    ],
)
def test_a_report_of_none_is_a_zero_claim(text: str, lang: str, field: str) -> None:
    assert [(c.field, c.value) for c in claims_of(text, lang)] == [(field, 0)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("There was no immediate word on casualties.", "en"),
        ("Protesters chanted \u201cno justice, no peace\u201d and \u201cblack lives matter\u201d.",
         "en"),
        ("لم يعرف بعد عدد القتلى.", "ar"),
        ("Данных о пострадавших пока нет.", "ru"),
    ],
)
def test_an_unknown_figure_is_no_zero(text: str, lang: str) -> None:
    assert claims_of(text, lang) == []


def test_a_hedge_with_a_negation_keeps_its_number() -> None:
    """'ما لا يقل عن' (no fewer than) holds 'لا' (no): still 15, not zero."""
    claims = claims_of("قال التلفزيون إن ما لا يقل عن 15 قتلوا في الهجوم.", "ar")
    assert [(c.field, c.value, c.low) for c in claims] == [("fatalities", 15, 15)]


def test_part_of_the_injured_is_no_count() -> None:
    assert claims_of("One of the injured is in a critical condition.", "en") == []
    assert claims_of("Один из пострадавших находится в тяжёлом состоянии.", "ru") == []
    # A part named by a pronoun still counts its own outcome.
    assert summary("Three of them died in hospital.", "en") == [("fatalities", 3, "outlet")]
    assert summary("Трое из них погибли.", "ru") == [("fatalities", 3, "outlet")]


def test_evidence_points_into_the_original_text() -> None:
    text = "وأُصيب ٢٣ شخصًا بجروح، وفقًا لوزارة الصحة."
    (claim,) = claims_of(text, "ar")
    assert claim.evidence is not None
    assert text[claim.evidence.start : claim.evidence.end] == claim.evidence.text
    assert claim.evidence.text.startswith("٢٣")
    assert (claim.value, claim.claimed_by) == (23, "health ministry")


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("The death toll from Sunday's blasts at two churches in the city has risen to 20, "
         "officials said.", "en", 20),
        ("Число погибших в результате обстрела жилого дома достигло девяти.", "ru", 9),
        ("ارتفع عدد الشهداء في الهجوم على المسجد إلى 23 شخصا.", "ar", 23),
        ("Liczba ofiar katastrofy w kopalni wzrosła do 12.", "pl", 12),
        ("Jumlah korban tewas akibat banjir bandang bertambah menjadi 17 orang.", "id", 17),
        ("La cifra de muertos por el terremoto en la región ascendió a 31.", "es", 31),
    ],
)
def test_a_toll_reaches_its_number_across_the_clause(text: str, lang: str, value: int) -> None:
    assert [(c.field, c.value) for c in claims_of(text, lang)] == [("fatalities", value)]


def test_every_language_with_triggers_reads_figures() -> None:
    """A language Herald finds events in must also read their figures."""
    from herald.extract.claims import claim_rules
    from herald.extract.numbers import number_rules
    from herald.extract.rules import SUPPORTED_LANGUAGES

    missing = [lang for lang in SUPPORTED_LANGUAGES
               if claim_rules(lang) is None or number_rules(lang) is None]
    assert missing == []


@pytest.mark.parametrize(("text", "lang", "organisers"), [
    ("La préfecture a compté 5 000 manifestants, les organisateurs 12 000.", "fr", 12000),
    ("Die Polizei sprach von 5000 Teilnehmern, die Veranstalter von 12.000.", "de", 12000),
    ("La Delegación del Gobierno cifró en 20.000 los asistentes y los organizadores, en "
     "200.000.", "es", 200000),
    ("Police put the crowd at 5,000, organisers at 12,000.", "en", 12000),
])
def test_a_second_clause_without_its_verb_gives_its_own_source(
        text: str, lang: str, organisers: int) -> None:
    """ "The prefecture counted 5,000, the organisers 12,000": the verb is left out of
    the second clause, and its figure is the organisers' claim, not the prefecture's."""
    claimed = {value: who for _, value, who in summary(text, lang)}
    assert claimed[organisers] == "organisers"
    assert [who for value, who in claimed.items() if value != organisers] != ["organisers"]


def test_a_source_acting_on_a_figure_is_no_gapped_claim() -> None:
    """ "and police arrested 12 people": a verb stands between, the figure is the
    outlet's report of what the police did."""
    found = summary("Thousands marched in Leeds, and police arrested 12 people.", "en")
    assert [claim for claim in found if claim[0] == "arrests"] == [("arrests", 12, "outlet")]


@pytest.mark.parametrize(("text", "lang", "value"), [
    ("Según la Delegación del Gobierno, asistieron 20.000 personas.", "es", 20000),
    ("Acudieron unas 3.000 personas, según la Guardia Urbana.", "es", 3000),
    ("Segundo a PSP, compareceram cerca de 2 mil pessoas.", "pt", 2000),
    ("Secondo la questura, hanno sfilato 5.000 persone.", "it", 5000),
])
def test_a_crowd_verb_before_the_people_it_counts_makes_a_crowd(text: str, lang: str,
                                                                 value: int) -> None:
    """Spanish, Portuguese and Italian put the verb first ("asistieron 20.000 personas"):
    people counted right after a crowd verb are the crowd, with no other protest word
    in the sentence (it often follows the sentence that names the march)."""
    assert [(field, found) for field, found, _ in summary(text, lang)] == [("crowd_size", value)]


def test_people_after_another_verb_are_no_crowd() -> None:
    assert summary("Según la policía, murieron 20 personas.", "es") != [
        ("crowd_size", 20, "police")]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # "waren es" (there were), and the organisers in the dative after "laut".
    ("Laut Polizei waren es 2.000, laut Veranstaltern 5.000.", "de",
     [("crowd_size", 2000, "police"), ("crowd_size", 5000, "organisers")]),
    # "en" between the subject and its verb: "la police en a compté".
    ("Les organisateurs revendiquent 15 000 participants, la police en a compté 4 500.", "fr",
     [("crowd_size", 15000, "organisers"), ("crowd_size", 4500, "police")]),
    # Verbs that set a figure: "situó / rebajó / elevaron la cifra a".
    ("La Guardia Urbana situó la cifra a 8.000 asistentes.", "es",
     [("crowd_size", 8000, "Guardia Urbana")]),
    ("Según los organizadores, fueron 50.000; la policía rebajó la cifra a 8.000.", "es",
     [("crowd_size", 8000, "police")]),
    ("Los organizadores elevaron la cifra a 200.000 asistentes.", "es",
     [("crowd_size", 200000, "organisers")]),
])
def test_how_a_count_is_given_to_its_source_in_each_language(
        text: str, lang: str, expected: list[tuple[str, int, str]]) -> None:
    assert summary(text, lang) == expected


@pytest.mark.parametrize(("text", "source"), [
    ("La policía elevó la cifra a 3.000 asistentes.", "police"),
    ("Los organizadores situaron la cifra a 3.000 asistentes.", "organisers"),
    ("Los organizadores rebajaron la cifra a 3.000 asistentes.", "organisers"),
])
def test_spanish_verbs_that_set_a_figure_in_both_numbers(text: str, source: str) -> None:
    assert summary(text, "es") == [("crowd_size", 3000, source)]


@pytest.mark.parametrize(("text", "lang"), [
    ("Demonstrators blocked Interstate 630 on Saturday night.", "en"),
    ("Protesters marched onto Highway 61 and blocked traffic.", "en"),
    ("Hundreds of protesters blocked U.S. 41 near the bridge.", "en"),
    ("Los manifestantes cortaron la Ruta 3 a la altura de Trelew.", "es"),
    ("Los manifestantes cortaron la carretera 40 durante dos horas.", "es"),
    ("Manifestantes bloquearam a rodovia 101 por duas horas.", "pt"),
    ("Demonstranten blockierten die Bundesstraße 96 bei Neubrandenburg.", "de"),
])
def test_a_road_number_is_no_count(text: str, lang: str) -> None:
    """Protesters block roads, and roads have numbers: "Interstate 630" is no crowd."""
    assert [value for _, value, _ in summary(text, lang) if value is not None] == []


@pytest.mark.parametrize(("text", "lang"), [
    ("Centenas de pessoas protestaram no último dia 2 em Salvador.", "pt"),
    ("Cientos de personas marcharon el pasado día 2 en Sevilla.", "es"),
])
def test_a_day_of_the_month_is_no_count(text: str, lang: str) -> None:
    assert [value for _, value, _ in summary(text, lang) if value is not None] == []


def test_a_count_of_people_after_dia_still_counts() -> None:
    assert summary("Naquele dia 3 mil pessoas protestaram em Salvador.", "pt") == [
        ("crowd_size", 3000, "outlet")]


def test_a_count_after_a_road_name_still_counts() -> None:
    assert ("crowd_size", 300, "police") in summary(
        "On Interstate 630, some 300 protesters sat down, police said.", "en")
    # "us" is a pronoun too: only the dotted "U.S." names a road.
    assert ("crowd_size", 300, "organisers") in summary(
        "Organisers told us 300 protesters marched.", "en")


@pytest.mark.parametrize(("text", "lang"), [
    ("Près de 300 personnes se sont rassemblées devant la mairie, a indiqué la police.", "fr"),
    ("Unas 300 personas se concentraron frente al ayuntamiento, informó la policía.", "es"),
])
def test_after_a_comma_the_verb_comes_first_and_its_subject_follows(text: str,
                                                                    lang: str) -> None:
    """ "…devant la mairie, a indiqué la police": the town hall before the comma is
    where the crowd stood; the police, after the verb, said it."""
    assert summary(text, lang) == [("crowd_size", 300, "police")]
