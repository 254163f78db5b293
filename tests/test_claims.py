"""Count claims: field from what the number counts, source from the attribution."""

from __future__ import annotations

import json
from pathlib import Path

import py3langid
import pytest

from herald.extract.claims import find_claims
from herald.model import Article, Claim

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
FIELDS = ("crowd_size", "arrests", "injuries", "fatalities")


def claims_of(text: str, lang: str) -> list[Claim]:
    article = Article(id="t1", text=text, language=lang)
    return find_claims(article, 0, len(text))


def summary(text: str, lang: str) -> list[tuple[str, int | None, str]]:
    return [(c.field, c.value, c.claimed_by) for c in claims_of(text, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Around 80 marchers turned up according to police, 130 according to the organisers.",
         "en", [("crowd_size", 80, "police"), ("crowd_size", 130, "organisers")]),
        ("Selon la préfecture, 80 manifestants étaient présents, 130 selon les organisateurs.",
         "fr", [("crowd_size", 80, "prefecture"), ("crowd_size", 130, "organisers")]),
        ("The Workers Front claimed 300 people joined the rally, while officials put numbers "
         "at 120.", "en",
         [("crowd_size", 300, "Workers Front"), ("crowd_size", 120, "authorities")]),
        ("Seventeen of the marchers have been arrested, the organisation has reported.", "en",
         [("arrests", 17, "organisers")]),
        ("Les gendarmes ont interpellé 9 personnes et 40 blessés ont été soignés.", "fr",
         [("arrests", 9, "outlet"), ("injuries", 40, "outlet")]),
        ("Nach Angaben der Polizei demonstrierten rund 2.000 Menschen.", "de",
         [("crowd_size", 2000, "police")]),
        ("Según la policía, 19 personas murieron y 200 resultaron heridas.", "es",
         [("fatalities", 19, "police"), ("injuries", 200, "police")]),
        ("Secondo la questura, al corteo hanno partecipato 3.000 persone.", "it",
         [("crowd_size", 3000, "police")]),
        ("Volgens de politie waren er zo'n 500 betogers.", "nl",
         [("crowd_size", 500, "police")]),
        ("Cerca de 300 manifestantes protestaram, segundo a polícia.", "pt",
         [("crowd_size", 300, "police")]),
    ],
)
def test_fields_and_sources(text: str, lang: str, expected: list) -> None:
    assert summary(text, lang) == expected


def test_qualified_and_vague_counts_keep_their_hedge() -> None:
    claims = claims_of("Plus d'une centaine de militants et des centaines de sympathisants.", "fr")
    assert [(c.value, c.low, c.qualifier) for c in claims] == [
        (100, 100, "more than"), (None, 200, "hundreds")]


def test_numbers_that_count_nobody_are_ignored() -> None:
    text = ("The 41-year-old organiser said 10% of the 2019 budget, $5,000, went on 3 buses "
            "at 7:30 on 12 March 2021.")
    assert claims_of(text, "en") == []


def test_vehicles_are_a_marked_crowd() -> None:
    (claim,) = claims_of("Some 900 tractors blocked the ring road in protest.", "en")
    assert (claim.field, claim.value, claim.qualifier) == ("crowd_size", 900, "about, vehicles")


def test_evidence_points_into_the_text() -> None:
    text = "Yesterday about 45 nurses protested outside the hospital."
    (claim,) = claims_of(text, "en")
    assert claim.evidence is not None
    assert text[claim.evidence.start : claim.evidence.end] == "about 45 nurses"
    assert claim.article == "t1"


def test_language_without_table_yields_nothing() -> None:
    assert claims_of("Omkring 300 personer demonstrerade.", "sv") == []


def _recall(name: str) -> float:
    gold = json.loads((EVAL / name / "gold.json").read_text(encoding="utf-8"))
    wanted: dict[str, list[tuple[str, int]]] = {}
    for event in gold["events"]:
        for field in FIELDS:
            for claim in event.get(field, []):
                if isinstance(claim["value"], int):
                    wanted.setdefault(claim["article"], []).append((field, claim["value"]))
    hits = total = 0
    for article_id, values in wanted.items():
        path = EVAL / name / "articles" / f"{article_id}.json"
        if not path.exists():
            continue
        text = json.loads(path.read_text(encoding="utf-8"))["text"]
        claims = claims_of_article(article_id, text)
        for field, value in values:
            total += 1
            hits += any(c.field == field and c.value is not None
                        and abs(c.value - value) <= 0.1 * value for c in claims)
    return hits / total


def claims_of_article(article_id: str, text: str) -> list[Claim]:
    article = Article(id=article_id, text=text, language=py3langid.classify(text)[0])
    return find_claims(article, 0, len(text))


# Floors pinned just under what the rules reach (see the engineer's report): a drop
# means a rule change lost real claims.
@pytest.mark.skipif(not EVAL.exists(), reason="gold sets not checked out beside the repo")
# realnews-world-dev (conflict news in ~12 languages, Arabic and Russian among them) and
# realnews-us were 0.60 and 0.61 before the Arabic/Russian/... tables and zero figures.
@pytest.mark.parametrize(("name", "floor"), [("seeds", 1.0), ("realnews-dev", 0.92),
                                             ("acled-notes-dev", 0.82), ("realnews-us", 0.80),
                                             ("realnews-world-dev", 0.82)])
def test_recall_on_gold_sets(name: str, floor: float) -> None:
    assert _recall(name) >= floor


@pytest.mark.skipif(not EVAL.exists(), reason="gold sets not checked out beside the repo")
def test_seed_calais_claims() -> None:
    text = json.loads((EVAL / "seeds" / "articles" / "s002.json").read_text())["text"]
    claims = claims_of_article("s002", text)
    assert any(c.field == "crowd_size" and c.value == 130 for c in claims)
    assert any(c.field == "arrests" and c.value == 14 for c in claims)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Gunmen shot and killed a village elder near the market.", "en", [("fatalities", 1)]),
        ("A young protester was injured by a rubber bullet.", "en", [("injuries", 1)]),
        ("Un manifestant a été interpellé devant la mairie.", "fr", [("arrests", 1)]),
        ("Un manifestant portait une pancarte.", "fr", []),
    ],
)
def test_single_victims_need_an_outcome(text: str, lang: str, expected: list) -> None:
    assert [(c.field, c.value) for c in claims_of(text, lang)] == expected


def test_bare_numbers_take_the_field_of_their_neighbour() -> None:
    text = "Pas moins de 36.000 manifestants étaient réunis en France et 5.500 à Paris."
    assert [(c.field, c.value) for c in claims_of(text, "fr")] == [
        ("crowd_size", 36000), ("crowd_size", 5500)]


def test_outcome_words_after_a_protest_verb_belong_to_another_clause() -> None:
    text = "Thousands marched to denounce the killing of 3 teenagers by the army."
    assert [(c.field, c.value) for c in claims_of(text, "en")] == [
        ("crowd_size", None), ("fatalities", 3)]


def test_pronoun_subject_reaches_back_to_its_source() -> None:
    text = "Quant à la préfecture de police de Lyon, elle a dénombré 57 interpellations."
    assert summary(text, "fr") == [("arrests", 57, "prefecture")]


def test_inverted_reporting_clause_takes_the_source_after_the_verb() -> None:
    """A place name before the comma is not who speaks: the subject follows the verb."""
    text = ("Deux militants ont été interpellés près de la place Bellecour, "
            "a indiqué la préfecture du Rhône.")
    article = Article(id="inv", text=text, language="fr")
    (claim,) = [c for c in find_claims(article, 0, len(text)) if c.field == "arrests"]
    assert claim.value == 2 and claim.claimed_by == "prefecture"


def test_a_source_opening_an_apposition_still_speaks() -> None:
    text = ("About 900 people marched, according to the police, while the organisers, a "
            "coalition of teachers' and nurses' unions led by the FSU, put the figure at 3,000.")
    article = Article(id="app", text=text, language="en")
    sources = {c.value: c.claimed_by for c in find_claims(article, 0, len(text))}
    assert sources == {900: "police", 3000: "organisers"}
