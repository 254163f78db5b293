"""Resolution through the real pipeline and store: a later report joins its event.

The texts are made up for these tests: three outlets on one march in Grenoble, and
two undated pages (no date, no publication date) on one scuffle in Arras.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from herald.model import Event
from herald.pipeline import ingest
from herald.settings import Settings
from herald.store import Store

MARCH = [
    {
        "id": "gre1",
        "outlet": "Alpine Courier",
        "published": "2023-05-06",
        "title": "Hundreds march in Grenoble against giant water reservoirs",
        "text": "Hundreds march in Grenoble against giant water reservoirs\n\n"
        "About 800 people marched through Grenoble on 6 May 2023 to protest against "
        "giant water reservoirs for farms, police said. The march ended peacefully.",
    },
    {
        "id": "gre2",
        "outlet": "Isere Daily",
        "published": "2023-05-06",
        "title": "Grenoble: farmers' reservoirs draw a protest march",
        "text": "Grenoble: farmers' reservoirs draw a protest march\n\n"
        "Protesters marched in Grenoble on 6 May 2023 against the reservoirs planned "
        "upstream. Organisers said 1,500 people took part; the police counted 800.",
    },
    {
        "id": "gre3",
        "outlet": "Rhone Weekly",
        "published": "2023-05-07",
        "title": "Reservoir opponents took to the streets of Grenoble",
        "text": "Reservoir opponents took to the streets of Grenoble\n\n"
        "On 6 May 2023 some 800 demonstrators marched in Grenoble against the giant "
        "reservoirs, according to the police.",
    },
]
SCUFFLE = [
    {
        "id": "arr1",
        "title": "Protesters clash with police in Arras",
        "text": "Protesters clash with police in Arras\n\n"
        "Demonstrators threw bottles at riot police in Arras, who used tear gas "
        "to push them back from the town hall.",
    },
    {
        "id": "arr2",
        "title": "Tear gas in Arras as a rally turns violent",
        "text": "Tear gas in Arras as a rally turns violent\n\n"
        "Police fired tear gas at protesters in Arras after bottles were thrown "
        "at officers outside the town hall.",
    },
]


def write(folder: Path, records: list[dict]) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    for record in records:
        (folder / f"{record['id']}.json").write_text(json.dumps(record), encoding="utf-8")
    return str(folder)


def events(settings: Settings) -> list[Event]:
    with Store(settings.db, read_only=True) as store:
        return store.events()


def articles_of(event: Event) -> list[str]:
    return sorted(source.article for source in event.sources)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(db=tmp_path / "x.duckdb")


def test_a_later_report_attaches_to_the_stored_event(tmp_path: Path, settings: Settings) -> None:
    ingest([write(tmp_path / "first", MARCH[:2])], settings)
    [first] = events(settings)
    assert articles_of(first) == ["gre1", "gre2"]

    ingest([write(tmp_path / "second", MARCH[2:])], settings)
    [grown] = events(settings)
    assert grown.id == first.id
    assert articles_of(grown) == ["gre1", "gre2", "gre3"]

    report = ingest([str(tmp_path / "first"), str(tmp_path / "second")], settings)
    assert report.unchanged == 3 and report.stored == 0
    [again] = events(settings)
    assert again.to_json() == grown.to_json()


def test_undated_reports_of_one_town_are_one_event_across_ingests(
    tmp_path: Path, settings: Settings
) -> None:
    ingest([write(tmp_path / "first", SCUFFLE[:1])], settings)
    [first] = events(settings)
    ingest([write(tmp_path / "second", SCUFFLE[1:])], settings)
    [merged] = events(settings)
    assert merged.id == first.id
    assert articles_of(merged) == ["arr1", "arr2"]
    assert merged.date.precision == "unknown"


def test_undated_reports_meet_only_within_their_weeks_of_the_stream(
    tmp_path: Path, settings: Settings
) -> None:
    """An undated page meets the undated pages of its town that arrived in the same or
    the next week of the stream (its batch's latest publication day); one arriving a
    month later is kept apart: a town's undated block would otherwise grow with the
    store, and every batch would load all of it."""
    later = dict(MARCH[2], id="gre4", published="2023-06-10")
    ingest([write(tmp_path / "first", [SCUFFLE[0], MARCH[0]])], settings)
    ingest([write(tmp_path / "month", [SCUFFLE[1], later])], settings)
    scuffles = [articles_of(e) for e in events(settings)
                if {"arr1", "arr2"} & set(articles_of(e))]
    assert sorted(scuffles) == [["arr1"], ["arr2"]]
    again = Settings(db=tmp_path / "again.duckdb")
    ingest([str(tmp_path / "first")], again)
    ingest([write(tmp_path / "week", [SCUFFLE[1], MARCH[2]])], again)
    assert ["arr1", "arr2"] in [articles_of(e) for e in events(again)]


SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared gold sets are not here")
def test_seeds_give_the_lille_confrontation_once_and_calais_apart(settings: Settings) -> None:
    """The project's first acceptance case: two undated reports of Lille, one of Calais."""
    ingest([str(SEEDS / "articles")], settings)
    by_sources = {tuple(articles_of(event)): event for event in events(settings)}
    assert sorted(by_sources) == [("s000", "s001"), ("s002",)]
    assert by_sources[("s000", "s001")].location.name == "Lille"
    assert by_sources[("s002",)].location.name == "Calais"


VALENCE_REPORT = (
    "Nurses march in Valence against the closure of the night emergency ward\n\n"
    "About 600 nurses and patients marched through Valence on 4 October 2023 to "
    "protest against the planned closure of the hospital's night emergency ward, "
    "police said. Union leaders handed a letter to the regional health agency and "
    "said the ward served forty villages in the Drome valley. The march ended "
    "peacefully in front of the prefecture after two hours."
)
WIRE_ORIGINAL = {
    "id": "val-wire",
    "outlet": "Valley Wire",
    "published": "2023-10-04",
    "title": "Nurses march in Valence against the closure of the night emergency ward",
    "text": VALENCE_REPORT,
}
BLOG_REPOST = {  # no publication date: the blog page lost its metadata
    "id": "val-blog",
    "title": "Nurses march in Valence against the closure of the night emergency ward",
    "text": VALENCE_REPORT + "\n\nShared from the Valley Wire. Comments are closed.",
}


@pytest.mark.parametrize("order", [(WIRE_ORIGINAL, BLOG_REPOST), (BLOG_REPOST, WIRE_ORIGINAL)])
def test_an_undated_repost_joins_its_original_across_ingests(
    tmp_path: Path, settings: Settings, order: tuple[dict, dict]
) -> None:
    """The copy sits in an undated block, the original in a dated week: either one
    ingested later still finds the other through their story."""
    ingest([write(tmp_path / "first", [order[0]])], settings)
    ingest([write(tmp_path / "second", [order[1]])], settings)
    [event] = events(settings)
    assert articles_of(event) == ["val-blog", "val-wire"]
    assert event.date.value == "2023-10-04"
    # the first to arrive is the story's original; the other counts as its copy
    first, second = order[0]["id"], order[1]["id"]
    assert {s.article: s.copy_of for s in event.sources} == {first: None, second: first}


LYON_SAME_DAY = {  # another event of the original's day and country
    "id": "lyon-farmers",
    "outlet": "Rhone Courier",
    "published": "2023-10-04",
    "title": "Farmers block the ring road in Lyon",
    "text": "Farmers block the ring road in Lyon\n\nAbout 200 farmers blocked the ring road "
            "in Lyon with tractors on Wednesday to protest against water restrictions.",
}
LATE_REPOST = {  # the wire text again, ten weeks later, under another outlet
    "id": "val-late",
    "outlet": "Drome Archive",
    "published": "2023-12-13",
    "title": "Nurses march in Valence against the closure of the night emergency ward",
    "text": VALENCE_REPORT + "\n\nFrom our archive. Comments are closed.",
}


def test_a_late_repost_loads_its_originals_reports_not_its_originals_day(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A copy of an old text must meet its original, and only that: the other reports of
    the original's day (and week) cannot join a copy, which carries the original's date
    and place. Loading them made each copy of an old text cost a week of the store."""
    ingest([write(tmp_path / "first", [WIRE_ORIGINAL, LYON_SAME_DAY])], settings)
    loaded: list[str] = []
    read_candidates = Store.candidates

    def spy(store: Store, ids: set[str]) -> list[Event]:
        found = read_candidates(store, ids)
        loaded.extend(source.article for event in found for source in event.sources)
        return found

    monkeypatch.setattr(Store, "candidates", spy)
    ingest([write(tmp_path / "late", [LATE_REPOST])], settings)
    assert "val-wire" in loaded and "lyon-farmers" not in loaded
    joined = next(e for e in events(settings) if "val-late" in articles_of(e))
    assert articles_of(joined) == ["val-late", "val-wire"]
