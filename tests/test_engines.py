"""Engines: Dask stores exactly what one process stores, on every dev set."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from herald.cli import app
from herald.pipeline import ingest
from herald.settings import Settings
from herald.store import Store

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
DEV_SETS = sorted(p.name for p in EVAL.glob("*") if (p / "articles").is_dir())


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """One LocalCluster of two worker processes for the module, reached by address
    (what ``--scheduler`` does), so each set does not pay the workers' start-up."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None, silence_logs=logging.ERROR) as cluster:
        yield cluster.scheduler_address


def stored(db: Path) -> tuple[list[dict], list[dict]]:
    with Store(db, read_only=True) as store:
        return ([a.to_json() for a in store.articles()],
                [e.to_json() for e in store.events()])


@pytest.mark.slow
@pytest.mark.skipif(not DEV_SETS, reason="the shared gold sets are not here")
@pytest.mark.parametrize("name", DEV_SETS)
def test_dask_stores_what_the_local_engine_stores(
    tmp_path: Path, scheduler: str, name: str
) -> None:
    articles = str(EVAL / name / "articles")
    local = Settings(db=tmp_path / "local.duckdb")
    dask = Settings(db=tmp_path / "dask.duckdb", engine="dask", scheduler=scheduler)
    local_report, dask_report = ingest([articles], local), ingest([articles], dask)
    assert (dask_report.stored, dask_report.failed) == (local_report.stored, local_report.failed)
    assert local_report.stored > 0
    assert stored(dask.db) == stored(local.db)


def test_a_scheduler_needs_the_dask_engine(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["ingest", str(tmp_path), "--db", str(tmp_path / "x"),
                                      "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2 and "--engine dask" in result.output
    with pytest.raises(ValueError, match="engine"):
        Settings(engine="spark")


def test_batches_grow_after_the_first_two_and_a_set_size_stays() -> None:
    from itertools import islice

    from herald.pipeline import batch_sizes

    assert list(islice(batch_sizes(Settings()), 6)) == [256, 256, 512, 1024, 2048, 2048]
    assert list(islice(batch_sizes(Settings(batch_size=100)), 3)) == [100, 100, 100]
