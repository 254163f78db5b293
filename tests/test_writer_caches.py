"""What the writer keeps between batches (decoded candidates, their features) never
differs from what the store holds: a rewrite or a rollback is read anew."""

from __future__ import annotations

from pathlib import Path

import pytest

from herald.lru import BoundedCache
from herald.model import Event, EventDate, Location, Source
from herald.resolve.copies import band_keys
from herald.resolve.features import feature_memo, features
from herald.store import Store

CALAIS = Location(name="Calais", country="FR", lat=50.95, lon=1.86, precision="city")
LILLE = Location(name="Lille", country="FR", lat=50.63, lon=3.06, precision="city")


def report(place: Location, day: str = "2023-05-06") -> Event:
    return Event(id="a1-c0", event_type="Protests", sub_event_type="Peaceful protest",
                 date=EventDate(day, "day"), location=place,
                 sources=[Source("a1", "calais.example", published=day)])


def test_a_bounded_cache_drops_the_least_recently_used() -> None:
    cache: BoundedCache[int] = BoundedCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # "b" is now the least recently used
    cache.put("c", 3)
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (1, None, 3)
    cache.evict(["a", "zzz"])
    assert len(cache) == 1


def test_a_rewritten_candidate_is_read_as_rewritten(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        with store.transaction():
            store.replace_candidates(["a1"], [("a1", report(CALAIS), {"k"})])
        [first] = store.candidates(["a1-c0"])
        [again] = store.candidates(["a1-c0"])
        assert first is again and first.location.name == "Calais"
        with store.transaction():
            store.replace_candidates(["a1"], [("a1", report(LILLE), {"k"})])
        [rewritten] = store.candidates(["a1-c0"])
        assert rewritten.location.name == "Lille"


def test_a_rolled_back_rewrite_is_not_read(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        with store.transaction():
            store.replace_candidates(["a1"], [("a1", report(CALAIS), {"k"})])
        with pytest.raises(RuntimeError), store.transaction():
            store.replace_candidates(["a1"], [("a1", report(LILLE), {"k"})])
            assert store.candidates(["a1-c0"])[0].location.name == "Lille"
            raise RuntimeError("the batch failed")
        assert store.candidates(["a1-c0"])[0].location.name == "Calais"


def test_a_memo_reads_features_again_from_another_object_of_the_same_id() -> None:
    memo = feature_memo()
    calais = report(CALAIS)
    first = features(0, calais, {}, memo)
    again = features(5, calais, {"a1": "wire"}, memo)
    assert (again.index, again.story, first.story) == (5, "wire", "a1")
    assert first.place_name == "calais"
    moved = features(0, report(LILLE, "2023-05-07"), {}, memo)
    assert moved.place_name == "lille" and moved.day == first.day + 1  # type: ignore[operator]


def test_without_a_memo_a_changed_event_is_read_as_it_is_now() -> None:
    calais = report(CALAIS)
    assert features(0, calais, {}).place_name == "calais"
    calais.location = LILLE
    assert features(0, calais, {}).place_name == "lille"


def test_band_keys_are_those_the_stored_index_was_written_with() -> None:
    """The index keeps band keys across versions: their bytes must not change."""
    keys = band_keys(list(range(128)))
    assert len(keys) == 32
    assert keys[:2] == PINNED_FIRST_KEYS


# blake2b-64 of band number (uint16) and four uint64 values, little-endian (v1 index)
PINNED_FIRST_KEYS = [428681996130503146, -1195311167574786163]


def test_a_rewritten_event_is_read_as_rewritten(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        with store.transaction():
            store.replace_events([], [Event(**{**vars(report(CALAIS)), "id": "ev1",
                                               "members": ["a1-c0"]})])
        [first] = store.events_with_members(["a1-c0"])
        assert store.events_with_members(["a1-c0"])[0] is first
        with pytest.raises(RuntimeError), store.transaction():
            store.replace_events(["ev1"], [Event(**{**vars(report(LILLE)), "id": "ev1",
                                                    "members": ["a1-c0"]})])
            assert store.events_with_members(["a1-c0"])[0].location.name == "Lille"
            raise RuntimeError("the batch failed")
        assert store.events_with_members(["a1-c0"])[0].location.name == "Calais"
        with store.transaction():
            store.replace_events(["ev1"], [Event(**{**vars(report(LILLE)), "id": "ev1",
                                                    "members": ["a1-c0"]})])
        assert store.events_with_members(["a1-c0"])[0].location.name == "Lille"


EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"


@pytest.mark.slow
def test_the_codec_round_trip_is_exact_on_real_reports_and_their_events() -> None:
    """What the writer reads back is what it wrote: a decoded candidate or event equals
    the one encoded, on real reports and on the events resolved from them (a cache of
    records as written would rely on it; see docs/scale.md for why there is none)."""
    import json

    from herald.analysis import analyse_articles
    from herald.ingest import read_inputs
    from herald.resolve.resolver import resolve_events
    from herald.settings import Settings
    from herald.store.codec import event_from_json, event_to_json

    paths = [str(EVAL / name / "articles") for name in ("seeds", "realnews-world-dev")]
    done, _ = analyse_articles(list(read_inputs(paths, Settings(db=Path("unused.duckdb")))))
    candidates = [event for article in done for event in article.events]
    records = candidates + resolve_events(candidates, [], [])
    assert len(candidates) > 50
    for record in records:
        text = json.dumps(event_to_json(record), ensure_ascii=False)
        assert event_from_json(json.loads(text)) == record, record.id
