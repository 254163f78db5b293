"""The copy index in the writer's memory answers what the ``copy_index`` table holds."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from herald.pipeline import store_batch
from herald.store import Store
from herald.store.bandindex import BandIndex
from test_copy_index import WIRE, copy_of, stored


def brute_force(rows: list[tuple[int, int]], probes: set[int]) -> list[tuple[int, int]]:
    """Every (arrival, probe) whose stored key agrees with the probe in its top 40 bits."""
    return sorted((arrival, probe) for key, arrival in rows for probe in probes
                  if key >> 24 == probe >> 24)


def found(index: BandIndex, probes: set[int]) -> list[tuple[int, int]]:
    arrivals, keys = index.find(probes)
    return sorted(zip(arrivals.tolist(), keys.tolist(), strict=True))


def test_finds_every_row_a_scan_finds_across_partitions_and_repeats() -> None:
    rng = random.Random(7)
    # keys at the ends of the int64 range and repeated keys (one band shared by
    # several articles, one article holding a key twice) are where slices go wrong
    pool = [-(2**63), 2**63 - 1, -1, 0, 1, *(rng.randrange(-(2**63), 2**63) for _ in range(300))]
    index, rows = BandIndex(), []
    for batch in range(6):
        keys = [rng.choice(pool) for _ in range(400)]
        arrivals = [batch * 100 + rng.randrange(20) for _ in keys]
        index.add(np.array(keys, dtype=np.int64), np.array(arrivals),
                  {a: f"art{a}" for a in arrivals})
        rows += list(zip(keys, arrivals, strict=True))
        probes = set(rng.sample(pool, 80)) | {2**62 + 5}  # one key nobody holds
        assert found(index, probes) == brute_force(rows, probes)
    assert len(index) == len(rows)


def test_a_key_agreeing_in_its_kept_bits_is_found_and_the_signatures_decide(
    tmp_path: Path,
) -> None:
    index = BandIndex()
    stored_key = 0x1234_5678_9ABC_DEF0
    index.add(np.array([stored_key]), np.array([3]), {3: "a"})
    near = stored_key ^ 0xFF  # differs only in the low 24 bits the index drops
    assert found(index, {near}) == [(3, near)]
    assert found(index, {stored_key ^ (1 << 30)}) == []
    # a store whose index returns such a neighbour still finds no copy in it
    with Store(tmp_path / "s.duckdb") as store:
        with store.transaction():
            store_batch(store, [stored("wire", WIRE)])
        bands = store.band_index()
        (wire_arrival,) = {a for a, _ in found(bands, set(table_keys(store)))}
        unrelated = "Farmers blocked the ring road around Lyon with tractors on Monday."
        with store.transaction():
            store_batch(store, [stored("farm", unrelated)])
        farm_keys = [k for k, a in store.db.execute(
            "SELECT band_key, arrival FROM copy_index WHERE article_id = 'farm'").fetchall()]
        bands.add(np.array([k ^ 0xFF for k in farm_keys]), np.array([wire_arrival] * 32),
                  {wire_arrival: "wire"})
        matched, _ = store.copy_matches(farm_keys, ["farm"])
        assert list(matched) == ["wire"]
        with store.transaction():
            store_batch(store, [stored("farm2", unrelated + " Traffic was diverted.")])
        (story,) = store.stories()
    assert story.articles == ["farm", "farm2"]


def test_removing_an_arrival_forgets_its_keys_and_its_article() -> None:
    index = BandIndex()
    index.add(np.array([5 << 24, 9 << 24, 5 << 24, -3 << 24]), np.array([1, 1, 2, 2]),
              {1: "a", 2: "b"})
    index.remove([1])
    assert found(index, {5 << 24, 9 << 24, -3 << 24}) == [(2, -3 << 24), (2, 5 << 24)]
    assert index.arrival("a") is None and index.arrival("b") == 2


def test_a_batch_reads_the_index_it_wrote_and_a_reopened_store_reads_the_table(
    tmp_path: Path,
) -> None:
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        with store.transaction():
            store_batch(store, [stored("wire", WIRE)])
        with store.transaction():
            store_batch(store, [stored("blog", copy_of(WIRE, 1))])
        in_memory = found(store.band_index(), set(table_keys(store)))
    with Store(path) as reopened:
        assert reopened._bands is None  # nothing read before it is needed
        assert found(reopened.band_index(), set(table_keys(reopened))) == in_memory
        with reopened.transaction():
            store_batch(reopened, [stored("forum", copy_of(WIRE, 2))])
        (story,) = reopened.stories()
    assert story.articles == ["wire", "blog", "forum"]
    assert len(in_memory) == 2 * 32


def table_keys(store: Store) -> list[int]:
    return [row[0] for row in store.db.execute("SELECT band_key FROM copy_index").fetchall()]


def test_a_rolled_back_batch_leaves_no_keys_in_memory(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        with store.transaction():
            store_batch(store, [stored("wire", WIRE)])
        with pytest.raises(RuntimeError), store.transaction():
            store_batch(store, [stored("blog", copy_of(WIRE, 1))])
            raise RuntimeError("the writer was stopped mid-batch")
        assert store.band_index().arrival("blog") is None
        with store.transaction():
            store_batch(store, [stored("forum", copy_of(WIRE, 2))])
        (story,) = store.stories()
    assert story.articles == ["wire", "forum"]


def test_a_reingested_article_keeps_its_arrival_and_its_new_keys(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        with store.transaction():
            store_batch(store, [stored("wire", WIRE), stored("other", "A different text.")])
        first = store.band_index().arrival("wire")
        with store.transaction():
            store_batch(store, [(stored("wire", copy_of(WIRE, 3))[0], "hash-changed")])
        bands = store.band_index()
        assert bands.arrival("wire") == first
        assert found(bands, set(table_keys(store))) == sorted(
            (int(a), k) for k, a in store.db.execute(
                "SELECT band_key, arrival FROM copy_index").fetchall())


def test_the_per_article_step_hashes_the_band_keys_the_writer_would() -> None:
    from herald.model import Article
    from herald.resolve import band_keys, sign_article

    article = sign_article(Article(id="wire", text=WIRE))
    assert article.signature is not None
    assert article.band_keys == band_keys(article.signature)


def test_band_keys_given_by_the_workers_find_the_same_story(tmp_path: Path) -> None:
    from herald.resolve import sign_article

    with Store(tmp_path / "s.duckdb") as store:
        with store.transaction():
            store_batch(store, [stored("wire", WIRE)])
        blog, digest = stored("blog", copy_of(WIRE, 1))
        with store.transaction():
            store_batch(store, [(sign_article(blog), digest)])
        (story,) = store.stories()
        assert story.articles == ["wire", "blog"]
        assert store.band_index().arrival("blog") is not None
