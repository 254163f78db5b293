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
    assert (first.story, first.place_name) == ("a1", "calais")
    again = features(5, calais, {"a1": "wire"}, memo)
    assert again is first and (again.index, again.story) == (5, "wire")  # reset, not copied
    moved = features(0, report(LILLE, "2023-05-07"), {}, memo)
    assert moved.place_name == "lille" and moved.day == first.day + 1  # type: ignore[operator]


def test_a_memo_hands_back_every_name_the_last_resolution_narrowed() -> None:
    """Which names tell events apart depends on the candidates resolved together: the
    names one resolution dropped are the report's again in the next."""
    memo = feature_memo()
    calais = report(CALAIS)
    calais.names = ["Hal Marx", "Board of Aldermen"]
    first = features(0, calais, {}, memo)
    everything = first.names
    first.names = frozenset()  # as keep_telling_names narrows them
    assert everything and features(0, calais, {}, memo).names == everything


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


SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def _analysed_seeds() -> list:
    from herald.analysis import analyse_articles
    from herald.ingest import read_inputs
    from herald.model import Article
    from herald.settings import Settings

    articles = [r for r in read_inputs([str(SEEDS)], Settings()) if isinstance(r, Article)]
    done, failures = analyse_articles(articles, raise_errors=True)
    assert not failures
    return done


@pytest.mark.slow
def test_a_written_candidate_is_read_back_as_written(tmp_path: Path) -> None:
    """The store hands back the objects it was given (no second decoding, no second
    reading of features), which is only right if they equal what it would decode."""
    import json

    from herald.store.codec import event_from_json

    articles = _analysed_seeds()
    written = [(a.id, event, {"k"}) for a in articles for event in a.events]
    assert written
    with Store(tmp_path / "s.duckdb") as store:
        with store.transaction():
            store.replace_candidates([a.id for a in articles], written)
        for _, event, _ in written:
            [read] = store.candidates([event.id])
            assert read is event
            [(record,)] = store.db.execute(
                "SELECT record FROM candidates WHERE id = ?", [event.id]).fetchall()
            assert event_from_json(json.loads(record)) == event


@pytest.mark.slow
def test_the_writer_takes_the_signature_the_article_stages_computed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """MinHash signatures are computed with the per-article stages (workers), not by
    the single writer."""
    from herald import pipeline
    from herald.resolve.copies import body_text, text_signature
    from herald.settings import Settings

    articles = _analysed_seeds()
    assert all(a.signature == text_signature(body_text(a)) for a in articles)

    def refuse(text: str) -> list[int]:
        raise AssertionError("the writer computed a signature")

    monkeypatch.setattr(pipeline, "text_signature", refuse)
    report = pipeline.ingest([str(SEEDS)], Settings(db=tmp_path / "s.duckdb"))
    assert (report.stored, report.failed) == (3, 0)
