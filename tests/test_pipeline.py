"""The whole pipeline into a store: idempotent, incremental, transactional."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from herald import analysis, pipeline
from herald.errors import StoreError
from herald.model import Article
from herald.pipeline import ingest
from herald.settings import Settings
from herald.store import Store

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(db=tmp_path / "test.duckdb")


def stored(settings: Settings) -> tuple[list[str], list[str]]:
    with Store(settings.db, read_only=True) as store:
        return [a.id for a in store.articles()], [e.id for e in store.events()]


def test_reingesting_changes_nothing_and_says_so(settings: Settings) -> None:
    first = ingest([str(SEEDS)], settings)
    assert (first.read, first.stored, first.failed) == (3, 3, 0)
    articles, events = stored(settings)
    second = ingest([str(SEEDS)], settings)
    assert (second.stored, second.unchanged) == (0, 3)
    assert stored(settings) == (articles, events)


def test_changed_text_under_same_id_is_updated_not_duplicated(
    settings: Settings, tmp_path: Path
) -> None:
    page = tmp_path / "pages" / "march.txt"
    page.parent.mkdir()
    page.write_text("Teachers strike\n\nTeachers marched in Lyon on Monday over pay.\n")
    ingest([str(page.parent)], settings)
    page.write_text("Teachers strike\n\nThousands of teachers marched in Lyon over pay.\n")
    report = ingest([str(page.parent)], settings)
    assert report.stored == 1 and report.unchanged == 0
    with Store(settings.db, read_only=True) as store:
        (article,) = store.articles()
        assert article.text.startswith("Teachers strike\n\nThousands")


def test_bad_file_is_reported_and_the_rest_still_goes_in(
    settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "mixed"
    shutil.copytree(FIXTURES / "good", folder)
    shutil.copy(FIXTURES / "bad" / "binary.txt", folder / "binary.txt")
    report = ingest([str(folder)], settings)
    assert report.failed == 1 and "binary.txt" in str(report.failures[0])
    assert report.stored == 6


def test_a_crash_in_a_batch_leaves_the_store_as_it_was(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest([str(SEEDS / "000_2a19f3e0a283d64d.txt")], settings)
    before = stored(settings)

    def explode(*args: object) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(pipeline, "resolve_events", explode)
    with pytest.raises(RuntimeError):
        ingest([str(SEEDS)], settings)
    assert stored(settings) == before


def test_one_failing_article_is_quarantined(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = analysis.ARTICLE_STAGES

    def fragile(article):  # type: ignore[no-untyped-def]
        if article.id.startswith("001"):
            raise ValueError("cannot read this one")
        return article

    stages = (("fragile", analysis.each(fragile)), *original)
    monkeypatch.setattr(analysis, "ARTICLE_STAGES", stages)
    report = ingest([str(SEEDS)], settings)
    assert report.stored == 2 and report.failed == 1
    assert "fragile stage failed" in str(report.failures[0])


def test_store_written_by_a_newer_herald_is_refused(settings: Settings) -> None:
    Store(settings.db).close()
    connection = duckdb.connect(str(settings.db))
    connection.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    connection.close()
    with pytest.raises(StoreError, match="newer"):
        Store(settings.db)


def test_events_survive_a_round_trip_through_the_store(settings: Settings) -> None:
    ingest([str(SEEDS)], settings)
    with Store(settings.db, read_only=True) as store:
        for event in store.events():
            assert store.event(event.id) == event
            assert json.dumps(event.to_json())


def test_worker_processes_store_what_one_process_stores(tmp_path: Path) -> None:
    """The parallel path (spawned workers, pickled articles, overlapped batches) changes
    nothing in the result."""
    towns = ["Lyon", "Nantes", "Lille", "Rennes", "Dijon", "Metz", "Reims"]
    records = [
        {"id": f"w{i:03d}", "published": f"2024-03-{1 + i % 28:02d}",
         "text": f"About {100 + i} nurses protested outside the hospital in "
                 f"{towns[i % len(towns)]} on Monday over staff shortages, police said."}
        for i in range(pipeline.MIN_PARALLEL_BATCH + 6)
    ]
    corpus = tmp_path / "many.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records))
    results = []
    for workers in (1, 2):
        settings = Settings(db=tmp_path / f"w{workers}.duckdb", workers=workers)
        report = ingest([str(corpus)], settings)
        assert report.stored == len(records) and report.failed == 0
        with Store(settings.db, read_only=True) as store:
            results.append([event.to_json() for event in store.events()])
    assert results[0] == results[1] and results[0]


def test_warm_up_texts_reach_every_stage() -> None:
    """A worker's warm-up must load what a real batch loads: each text is coded."""
    articles = [
        Article(id=language, text=text, language=language, published="2024-03-02")
        for language, text in analysis.WARM_UP_TEXTS.items()
    ]
    analysed, failures = analysis.analyse_articles(articles, raise_errors=True)
    assert not failures
    for article in analysed:
        assert article.segments and article.sentences and article.mentions
        assert [event.event_type for event in article.events] == ["Protests"]
