"""A store whose cost per batch stays flat: copy detection through a persisted LSH
index, stories bounded however often a text is syndicated, URL identity, encodings."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from herald import pipeline
from herald.model import Article
from herald.pipeline import MAX_INDEXED_COPIES, index_stored_articles, ingest, store_batch
from herald.resolve import copies, find_copies, text_signature
from herald.resolve.copies import BANDS, COPY_THRESHOLD, NUM_PERM, ROWS
from herald.settings import Settings
from herald.store import Store
from herald.store.copyindex import COPY_INDEX_READY
from herald.store.schema import MIGRATIONS

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
WIRE = (
    "Nurses and patients marched through Valence on Wednesday to protest against the "
    "planned closure of the hospital's night emergency ward, police said. Union leaders "
    "handed a letter to the regional health agency and said the ward served forty "
    "villages in the Drome valley. The march ended peacefully in front of the prefecture "
    "after two hours, and a second rally is planned for next month in the same square."
)


def copy_of(text: str, number: int) -> str:
    """A repost: the wire text with its own headline and sign-off."""
    return f"Reposted story number {number}\n\n{text}\n\nShared by reader {number}."


def stored(article_id: str, text: str) -> tuple[Article, str]:
    return Article(id=article_id, text=text), f"hash-{article_id}"


def story_partition(store: Store, ids: list[str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for article_id, original in store.originals_of(ids).items():
        groups.setdefault(original, set()).add(article_id)
    return {frozenset(group) for group in groups.values() if len(group) > 1}


def test_the_band_shape_is_what_datasketch_derives_for_the_threshold() -> None:
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=COPY_THRESHOLD, num_perm=NUM_PERM)
    assert (lsh.b, lsh.r) == (BANDS, ROWS)


def test_a_text_copied_in_every_batch_is_one_story_with_a_bounded_index(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        for number in range(3 * MAX_INDEXED_COPIES):
            with store.transaction():
                store_batch(store, [stored(f"c{number:02d}", copy_of(WIRE, number))])
        (story,) = store.stories()
        indexed = store.db.execute(
            "SELECT count(DISTINCT article_id), count(*) FROM copy_index").fetchone()
    assert story.original == "c00" and len(story.articles) == 3 * MAX_INDEXED_COPIES
    assert indexed == (MAX_INDEXED_COPIES, MAX_INDEXED_COPIES * BANDS)


def dev_texts() -> dict[str, str]:
    """Two dev sets' pages, and reposts of every fifth one arriving later."""
    texts = {}
    for name in ("realnews-dev", "realnews-us"):
        for path in sorted((SHARED / name / "articles").glob("*.json")):
            texts[f"{name}/{path.stem}"] = json.loads(path.read_text())["text"]
    originals = list(texts.items())[::5]
    for number, (article_id, text) in enumerate(originals):
        texts[f"repost-{number}-of-{article_id}"] = copy_of(text, number)
    return texts


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared gold sets are not here")
def test_the_index_finds_the_stories_that_comparing_with_everything_finds(
    tmp_path: Path
) -> None:
    """One article per batch through the index gives the copies one batch of all finds."""
    texts = dev_texts()
    everything = find_copies({a: text_signature(t) for a, t in texts.items()}, {})
    expected = {frozenset(story.articles) for story in everything}
    assert len(expected) >= 15
    with Store(tmp_path / "s.duckdb") as store:
        for article_id, text in texts.items():
            with store.transaction():
                store_batch(store, [stored(article_id, text)])
        assert story_partition(store, list(texts)) == expected


FERRY = (
    "Fishermen blocked the ferry terminal at Saint-Malo for six hours on Friday over the "
    "new quotas, and the harbour master said four crossings to Portsmouth were cancelled "
    "while trawlers stayed moored across the entrance until the evening tide."
)


@pytest.mark.parametrize("chunk", [1, 3, 8_192])
def test_new_copies_join_their_earliest_known_text_and_known_copies_stay_stored(
    monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    """Known articles are grouped only through a new one, whatever the number of pairs
    compared at once: two known reposts of the ferry text that nothing new copies are
    already a stored story, not a new one."""
    monkeypatch.setattr(copies, "_PAIRS_PER_CHUNK", chunk)
    known = {"wire": text_signature(WIRE), "ferry": text_signature(FERRY),
             "ferry-repost": text_signature(copy_of(FERRY, 1)),
             "wire-repost": text_signature(copy_of(WIRE, 2))}
    new = {"wire-copy": text_signature(copy_of(WIRE, 3)),
           "wire-copy-2": text_signature(copy_of(WIRE, 4)),
           "own-words": text_signature("Nurses marched in Valence against the ward's "
                                       "closure; the union wrote to the health agency.")}
    stories = find_copies(new, known)
    assert [(story.original, story.articles) for story in stories] == [
        ("wire", ["wire", "wire-repost", "wire-copy", "wire-copy-2"])]


def test_a_store_written_before_the_index_is_indexed_once(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    old = duckdb.connect(str(path))
    for statement in MIGRATIONS[0]:
        old.execute(statement)
    old.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    old.execute("INSERT INTO articles (id, url, text, signature) VALUES (?, ?, ?, ?)",
                ["wire", "https://wire.example/valence?utm_source=x", WIRE,
                 json.dumps(text_signature(WIRE))])
    old.close()
    with Store(path) as store:
        assert not store.flag(COPY_INDEX_READY)
        index_stored_articles(store)
        assert store.flag(COPY_INDEX_READY)
        assert store.ids_of_url_keys(["https://wire.example/valence"]) == {
            "https://wire.example/valence": "wire"}
        with store.transaction():
            store_batch(store, [stored("blog", copy_of(WIRE, 1))])
        (story,) = store.stories()
    assert story.articles == ["wire", "blog"]


def test_a_recrawl_with_tracking_parameters_updates_the_stored_article(tmp_path: Path) -> None:
    settings = Settings(db=tmp_path / "s.duckdb")
    first = tmp_path / "monday.jsonl"
    first.write_text(json.dumps({"id": "feed-1", "url": "https://news.example/march?utm_source=rss",
                                 "text": "Dockers marched in Le Havre on Monday."}) + "\n")
    second = tmp_path / "tuesday.jsonl"
    second.write_text(json.dumps({"id": "feed-2", "url": "https://news.example/march#comments",
                                  "text": "Dockers marched in Le Havre on Monday, police said."})
                      + "\n")
    ingest([str(first)], settings)
    report = ingest([str(second)], settings)
    assert report.stored == 1
    with Store(settings.db, read_only=True) as store:
        (article,) = store.articles()
    assert article.id == "feed-1" and article.text.endswith("police said.")


FRENCH_CAPTURE = (
    "Grève à Besançon : 800 enseignants défilent contre la réforme\n\n"
    "Environ 800 enseignants ont manifesté jeudi 12 octobre 2023 à Besançon contre la "
    "réforme du lycée professionnel, selon la préfecture. Le cortège est parti de la place "
    "de la Révolution à 10 heures et s'est dispersé dans le calme.\n"
)


@pytest.mark.slow
@pytest.mark.parametrize(("name", "encoding"), [("greve.txt", "cp1252"),
                                                ("export.json", "utf-16")])
def test_captures_in_other_encodings_ingest_and_yield_their_event(
    tmp_path: Path, name: str, encoding: str
) -> None:
    capture = tmp_path / name
    if name.endswith(".json"):
        record = {"id": "export", "published": "2023-10-12", "text": FRENCH_CAPTURE}
        capture.write_bytes(json.dumps([record], ensure_ascii=False).encode("utf-16"))
    else:
        capture.write_bytes(FRENCH_CAPTURE.encode("cp1252"))
    settings = Settings(db=tmp_path / "s.duckdb")
    report = pipeline.ingest([str(capture)], settings)
    assert report.failed == 0 and report.stored == 1
    with Store(settings.db, read_only=True) as store:
        (article,) = store.articles()
        (event,) = store.events()
    assert article.encoding == encoding and article.text == FRENCH_CAPTURE
    assert event.event_type == "Protests" and event.location.name == "Besançon"


def test_block_keys_carry_no_art_index_and_blocks_are_still_found(tmp_path: Path) -> None:
    """The writer reads blocks by a batch's keys, a join DuckDB runs without the index."""
    with Store(tmp_path / "s.duckdb") as store:
        names = {row[0] for row in store.db.execute(
            "SELECT index_name FROM duckdb_indexes()").fetchall()}
        assert "candidate_blocks_key" not in names
        assert {"event_words_word", "candidates_article", "event_members_candidate"} <= names
        store.db.execute("INSERT INTO candidate_blocks VALUES ('c1', 'FR|d1'), ('c2', 'DE|d1')")
        assert store.candidate_ids_in_blocks({"FR|d1", "IT|d1"}) == {"c1"}
