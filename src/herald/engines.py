"""Where the per-article stages run: this process, a local process pool, or Dask.

One small interface, so the orchestrator (``pipeline``) says what runs where and
nothing else changes: ``submit(articles)`` starts analysing a list of articles (in
parts of ``part_size``, in input order) and returns a `Pending`, whose ``result()``
gives the analysed articles and the failures in that order. ``workers.analyse`` is
the pure function every engine maps: in-process, over a ``ProcessPoolExecutor`` of
spawned workers, or over Dask partitions (a ``LocalCluster`` of worker processes, or
any cluster a scheduler address names). Only the ingesting process writes the store.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures import wait as wait_all
from multiprocessing import get_context
from typing import TYPE_CHECKING, Any, Protocol

from herald import workers

if TYPE_CHECKING:
    from herald.errors import HeraldError
    from herald.model import Article
    from herald.settings import Settings

Analysed = tuple[list["Article"], list["HeraldError"]]
ENGINES = ("local", "dask")
# Seconds a Dask client waits for its scheduler (and a LocalCluster for its workers).
DASK_TIMEOUT_S = 120


class Pending(Protocol):
    def wait(self) -> None: ...

    def result(self) -> Analysed: ...


class Engine(Protocol):
    name: str

    @property
    def started(self) -> bool: ...

    def submit(self, articles: list[Article]) -> Pending: ...

    def close(self, wait: bool = False) -> None: ...


class Done:
    """Analysis already finished (in this process)."""

    def __init__(self, analysed: Analysed) -> None:
        self.analysed = analysed

    def wait(self) -> None:
        return None

    def result(self) -> Analysed:
        return self.analysed


class InProcess:
    """This process: no start-up, models loaded here; errors raised when asked to."""

    name = "in-process"
    started = True

    def __init__(self, raise_errors: bool = False) -> None:
        self.raise_errors = raise_errors

    def submit(self, articles: list[Article]) -> Pending:
        return Done(workers.analyse(articles, self.raise_errors))

    def close(self, wait: bool = False) -> None:
        return None


class Parts:
    """Parts of one submission running elsewhere, gathered in submission order."""

    def __init__(self, futures: list[Any], wait: Callable[[list[Any]], object]) -> None:
        self.futures = futures
        self._wait = wait

    def wait(self) -> None:
        self._wait(self.futures)

    def result(self) -> Analysed:
        done: list[Article] = []
        failures: list[HeraldError] = []
        for future in self.futures:
            part_done, part_failures = future.result()
            done.extend(part_done)
            failures.extend(part_failures)
        return done, failures


def split(articles: list[Article], size: int) -> list[list[Article]]:
    return [articles[i : i + size] for i in range(0, len(articles), size)]


class LocalPool:
    """Spawned worker processes (no fork of a process holding the store), each loading
    the models once at start."""

    name = "local"

    def __init__(self, processes: int, part_size: int) -> None:
        self.processes = processes
        self.part_size = part_size
        self.executor: Executor | None = None

    @property
    def started(self) -> bool:
        return self.executor is not None

    def submit(self, articles: list[Article]) -> Pending:
        if self.executor is None:
            self.executor = ProcessPoolExecutor(self.processes, mp_context=get_context("spawn"),
                                                initializer=workers.start_worker)
        futures: list[Future[Analysed]] = [self.executor.submit(workers.analyse, part)
                                           for part in split(articles, self.part_size)]
        return Parts(futures, wait_all)

    def close(self, wait: bool = False) -> None:
        """Let the workers wind down (without waiting while the last batch is stored);
        ``wait`` joins them, on the way out."""
        if self.executor is not None:
            self.executor.shutdown(wait=wait)
            if wait:
                self.executor = None


class DaskEngine:
    """Dask partitions: ``workers.analyse`` over parts of each batch, on a
    ``LocalCluster`` of ``processes`` single-threaded worker processes, or on the
    cluster whose scheduler is at ``scheduler`` (its workers need Herald installed).
    Every worker warms its models once, when it joins (a worker plugin)."""

    name = "dask"

    def __init__(self, processes: int, part_size: int, scheduler: str | None = None) -> None:
        from distributed import Client, LocalCluster

        self.part_size = part_size
        self.cluster = None
        if scheduler is None:
            self.cluster = LocalCluster(n_workers=processes, threads_per_worker=1,
                                        processes=True, dashboard_address=None,
                                        silence_logs=logging.ERROR)
            self.client = Client(self.cluster, timeout=DASK_TIMEOUT_S)
        else:
            self.client = Client(scheduler, timeout=DASK_TIMEOUT_S)
        from herald.dask_plugin import WarmUp

        self.client.register_plugin(WarmUp(), name=WarmUp.name)

    started = True

    def submit(self, articles: list[Article]) -> Pending:
        futures = [self.client.submit(workers.analyse, part, pure=False)
                   for part in split(articles, self.part_size)]
        return Parts(futures, self._wait)

    @staticmethod
    def _wait(futures: list[Any]) -> None:
        from distributed import wait

        wait(futures)

    def close(self, wait: bool = False) -> None:
        """Idempotent: called after the last batch, and again on the way out."""
        if self.client.status != "closed":
            self.client.close()
        if self.cluster is not None and self.cluster.status.name != "closed":
            self.cluster.close()


def open_engine(settings: Settings, part_size: int) -> LocalPool | DaskEngine:
    """The engine ``settings.engine`` names (``LocalPool`` starts on first use)."""
    if settings.engine == "dask":
        return DaskEngine(settings.workers, part_size, settings.scheduler)
    return LocalPool(settings.workers, part_size)
