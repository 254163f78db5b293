"""The one orchestrator: runs the stages over a batch and hands the result to the store.

``ingest`` reads here; ``segment → annotate → extract → framing`` run per article
(``herald.analysis``: pure functions, here for small inputs, on worker processes for
large ones, later on Dask partitions); ``resolve`` and ``store`` run per batch inside one
transaction, so a batch lands whole or not at all.
"""

from __future__ import annotations

import gc
import itertools
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import date
from weakref import WeakKeyDictionary

from herald import __version__, engines
from herald.errors import HeraldError, InputError
from herald.ingest import Read, Skipped, content_hash, read_inputs, url_identity
from herald.model import Article, Event, Story
from herald.regex_cache import cached_compilation
from herald.resolve import (
    band_keys,
    block_keys,
    blocks_to_load,
    body_text,
    find_copies,
    resolve_events,
    text_signature,
)
from herald.resolve.features import FeatureMemo, feature_memo
from herald.settings import Settings, cache_dir
from herald.store import Store
from herald.store.copyindex import COPY_INDEX_READY

# Articles per transaction: big enough that resolution sees whole stories at once,
# small enough that a crash loses little work and memory stays flat.
BATCH_SIZE = 256
# A long ingest's batches grow to this after the first ones (256, 256, 512, 1024, then
# 2048): each batch re-resolves every block it touches, so a stream of small batches
# re-resolves the same blocks over and over. Measured on 5,120 real-shaped articles at
# 250 a day, when blocks were weeks (now days; not re-measured): the writer's CPU per
# article was 6.8 ms in batches of 256 (13.9 ms in the last one), 2.1 ms in batches of
# 1,024, 1.5 ms in 2,560. Inputs of 512 articles or fewer are batched exactly as before.
MAX_BATCH_SIZE = 2048
# Below this many articles a first batch is analysed in-process: starting workers and
# loading their models (~3 s each) costs more than it saves. Once started, the workers
# take every later batch, so the models are never loaded in this process too.
MIN_PARALLEL_BATCH = 64
# Articles per worker task, in input order (so results arrive in the order one process
# gives them, which is the order copy detection reads as arrival): small enough that two
# workers share the last batch evenly, large enough for spaCy's batching (annotate's 64).
WORKER_TASK = 64
# Days per stretch of the stream in which undated reports of one town meet (two stretches
# per block).
ARRIVAL_WINDOW_DAYS = 7
# Articles of one story whose band keys go into the copy index: the original and its
# first copies stand for the story, so a text syndicated ten thousand times costs each
# new copy the same few comparisons as the second one did. A copy that matches none of
# them (an edit of an edit) starts its own story; on the dev sets no story has more
# than 4 articles.
MAX_INDEXED_COPIES = 8
# Allocations between two young-generation collections while a batch is stored (CPython's
# default is 700; the older generations are collected every 20 and 100 of those, against
# 10 and 10). The writer keeps tens of thousands of decoded candidates, events and
# their features between batches (the store's caches, the feature memo), and at the
# default pace the collector traversed them again and again: on 50,000 synthetic
# candidates (bench/scale_resolve.py) it took a third of the writer's time, 939 -> 1,373
# candidates/s with this pace. Collection stays on, so cycles are still freed; memory
# did not move (peak RSS 1,186 -> 1,160 MB).
STORE_GC_ALLOCATIONS = 50_000


@dataclass
class IngestReport:
    read: int = 0
    stored: int = 0
    unchanged: int = 0
    failures: list[HeraldError] = field(default_factory=list)
    events: int = 0
    skipped: dict[str, int] = field(default_factory=dict)  # records that are not articles

    @property
    def failed(self) -> int:
        return len(self.failures)


def article_hash(article: Article) -> str:
    """Identity of an input as Herald saw it; a new Herald version re-reads everything."""
    return content_hash(
        __version__, article.text, article.url, article.outlet, article.published, article.title
    )


def ingest(
    paths: Iterable[str],
    settings: Settings,
    on_progress: Callable[[int], None] | None = None,
    raise_errors: bool = False,
) -> IngestReport:
    """Read, analyse, resolve and store; returns what happened.

    With an engine (worker processes or Dask), the next batch is being analysed while
    this one is stored and resolved, so the store's single writer and the workers
    overlap. Whatever analyses, this process alone writes, one transaction per batch.
    """
    report = IngestReport()
    with Store(settings.db) as store, ExitStack() as stack:
        index_stored_articles(store)
        stack.enter_context(cached_compilation(cache_dir()))  # for in-process analysis
        here = engines.InProcess(raise_errors)
        engine = _engine(settings, raise_errors)
        if engine is not None:
            stack.callback(engine.close, wait=True)
        pending: Analysis | None = None
        for batch in _batches(read_inputs(paths, settings), batch_sizes(settings)):
            articles = _fresh_articles(store, batch, report, raise_errors)
            runner = engine if engine is not None and (
                engine.started or len(articles) >= MIN_PARALLEL_BATCH) else here
            started = Analysis(articles, len(batch), runner)
            if pending is not None:
                _store_analysis(store, pending.result(), report, on_progress)
            pending = started
        if pending is not None:
            last = pending.result()
            if engine is not None:  # the workers wind down while the last batch is stored
                engine.close()
            _store_analysis(store, last, report, on_progress)
        report.events = store.count_events()
    return report


def _engine(
    settings: Settings, raise_errors: bool
) -> engines.LocalPool | engines.DaskEngine | None:
    """What analyses besides this process: Dask when asked, a local pool of
    ``settings.workers`` processes when there are several; nothing when errors must
    be raised here (``herald eval``) or one process was asked for."""
    if raise_errors:
        return None
    if settings.engine == "dask" or settings.workers > 1:
        return engines.open_engine(settings, WORKER_TASK)
    return None


class Analysis:
    """One batch's analysis: done at once in-process, or running on an engine."""

    def __init__(
        self, articles: list[tuple[Article, str]], batch_size: int, engine: engines.Engine
    ) -> None:
        self.digests = {article.id: digest for article, digest in articles}
        self.batch_size = batch_size
        self.pending = engine.submit([article for article, _ in articles])

    def result(self) -> Analysed:
        """The analysed articles with their digests, and the failures, in input order."""
        done, failures = self.pending.result()
        return Analysed([(article, self.digests[article.id]) for article in done], failures,
                        self.batch_size)


@dataclass
class Analysed:
    articles: list[tuple[Article, str]]
    failures: list[HeraldError]
    batch_size: int


def _store_analysis(
    store: Store,
    analysed: Analysed,
    report: IngestReport,
    on_progress: Callable[[int], None] | None,
) -> None:
    report.failures.extend(analysed.failures)
    if analysed.articles:
        with store.transaction():
            store_batch(store, analysed.articles)
    report.stored += len(analysed.articles)
    if on_progress:
        on_progress(analysed.batch_size)


def batch_sizes(settings: Settings) -> Iterator[int]:
    """Articles in each successive batch: ``settings.batch_size`` throughout when set,
    else BATCH_SIZE twice, then doubling up to MAX_BATCH_SIZE. Depends on the input's
    order only, so every engine batches (and so resolves) the same way."""
    if settings.batch_size:
        yield from itertools.repeat(settings.batch_size)
        return
    size = BATCH_SIZE
    yield size
    while True:
        yield size
        size = min(2 * size, MAX_BATCH_SIZE)


def _batches(reads: Iterator[Read], sizes: Iterator[int]) -> Iterator[list[Read]]:
    batch: list[Read] = []
    size = next(sizes)
    for item in reads:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
            size = next(sizes)
    if batch:
        yield batch


def _fresh_articles(
    store: Store, batch: list[Read], report: IngestReport, raise_errors: bool
) -> list[tuple[Article, str]]:
    """Drop unchanged inputs and duplicates inside the batch; collect read errors."""
    fresh: dict[str, tuple[Article, str]] = {}
    articles = []
    for item in batch:
        if isinstance(item, Skipped):
            report.skipped[item.kind] = report.skipped.get(item.kind, 0) + 1
            continue
        if isinstance(item, InputError):
            if raise_errors:
                raise item
            report.failures.append(item)
            continue
        report.read += 1
        articles.append(item)
    for item in _same_url_same_id(store, articles):
        fresh[item.id] = (item, article_hash(item))
    known = store.content_hashes(list(fresh))
    for article_id, (_, digest) in list(fresh.items()):
        if known.get(article_id) == digest:
            report.unchanged += 1
            del fresh[article_id]
    return list(fresh.values())


def _same_url_same_id(store: Store, articles: list[Article]) -> list[Article]:
    """An article whose URL differs from a stored (or earlier) one's only by tracking
    parameters or fragment is that article: it takes its id, so it updates it."""
    keys = {id(article): url_identity(article.url) for article in articles}
    owner = store.ids_of_url_keys(key for key in keys.values() if key)
    for article in articles:
        key = keys[id(article)]
        if key:
            article.id = owner.setdefault(key, article.id)
    return articles


def store_batch(store: Store, analysed: list[tuple[Article, str]]) -> None:
    """Write one analysed batch and resolve the blocks it touches, inside the caller's
    transaction. What it reads from the store is found by key (articles, blocks, band
    keys, stories), so its cost follows the batch, not the store."""
    with rarer_collections():
        _store_batch(store, analysed)


@contextmanager
def rarer_collections() -> Iterator[None]:
    """The garbage collector's pace set to STORE_GC_ALLOCATIONS, then restored."""
    pace = gc.get_threshold()
    gc.set_threshold(STORE_GC_ALLOCATIONS, 20, 100)
    try:
        yield
    finally:
        gc.set_threshold(*pace)


def _store_batch(store: Store, analysed: list[tuple[Article, str]]) -> None:
    article_ids = [article.id for article, _ in analysed]
    stored_before = store.content_hashes(article_ids)
    replaced = store.candidate_ids_of_articles(article_ids) if stored_before else []
    keys = store.block_keys_of(replaced) if replaced else set()
    signed = {article.id: _signed(article) for article, _ in analysed}
    signatures = {article_id: signature for article_id, (signature, _) in signed.items()}
    bands = {article_id: band for article_id, (_, band) in signed.items()}
    url_keys = {article.id: url_identity(article.url) for article, _ in analysed}
    store.write_articles([(a, digest, signatures[a.id]) for a, digest in analysed], url_keys)
    arrival = arrival_window([article for article, _ in analysed])
    memo = _feature_memo(store)
    candidates = [(a.id, event, block_keys(event, arrival, memo))
                  for a, _ in analysed for event in a.events]
    store.replace_candidates(article_ids, candidates)
    keys.update(*(event_keys for _, _, event_keys in candidates))
    stories = _find_copies(store, signatures, bands, stored_before)
    store.write_stories(stories)
    mates = _story_mates(store, stories, set(article_ids))
    fresh = {event.id for _, event, _ in candidates}
    _resolve_blocks(store, keys, set(replaced), fresh, mates)


def arrival_window(articles: list[Article]) -> int | None:
    """Which week of the stream a batch arrives in: that of the latest publication day
    among its articles (weeks numbered from day one of the calendar). Undated reports
    meet the undated reports of their town that arrived in the same or the next week
    (``block_keys``): a page saved without any date is about recent news."""
    days = [day for day in (_published_day(article) for article in articles) if day]
    return max(days) // ARRIVAL_WINDOW_DAYS if days else None


def _published_day(article: Article) -> int | None:
    try:
        return date.fromisoformat((article.published or "")[:10]).toordinal()
    except ValueError:
        return None


def _signed(article: Article) -> tuple[list[int], list[int]]:
    """The article's signature and band keys, as the per-article stage left them
    (``resolve.sign_article``), or made here for an article that did not go through it."""
    if not article.signature:
        signature = text_signature(body_text(article))
        return signature, band_keys(signature)
    return article.signature, article.band_keys or band_keys(article.signature)


def _find_copies(
    store: Store, signatures: dict[str, list[int]], bands: dict[str, list[int]],
    stored_before: Iterable[str],
) -> list[Story]:
    """The batch's stories, compared with the stored articles that share an LSH band
    with one of its articles (and the originals of their stories), and its articles'
    band keys indexed (``MAX_INDEXED_COPIES`` per story)."""
    matched, shared = store.copy_matches(
        (key for keys in bands.values() for key in keys), signatures)
    originals = store.originals_of(matched)
    if set(originals.values()) - set(matched):
        matched = store.indexed_signatures({*matched, *originals.values()} - set(signatures))
    stories = find_copies(signatures, matched, originals, {**shared, **bands})
    store.replace_copy_index(_bands_to_index(bands, stories, set(matched)), list(signatures),
                             stored_before)
    return stories


def _bands_to_index(bands: dict[str, list[int]], stories: list[Story], known: set[str]
                    ) -> dict[str, list[int]]:
    """New articles whose band keys are indexed: all but a story's copies past the cap."""
    indexed = dict(bands)
    for story in stories:
        count = sum(member in known for member in story.articles)
        for member in story.articles[1:]:
            if member not in bands:
                continue
            if count >= MAX_INDEXED_COPIES:
                del indexed[member]
            count += 1
    return indexed


def index_stored_articles(store: Store) -> None:
    """Index a store written before the copy index existed (schema version 1), once."""
    if store.flag(COPY_INDEX_READY):
        return
    with store.transaction():
        urls, bands = {}, {}
        for article_id, url, signature in store.signature_rows():
            urls[article_id] = url_identity(url)
            if signature:
                bands[article_id] = band_keys(signature)
        store.set_url_keys(urls)
        store.replace_copy_index(bands, list(bands))
        store.set_flag(COPY_INDEX_READY)


def _story_mates(store: Store, stories: list[Story], batch: set[str]) -> set[str]:
    """Stored candidates of this batch's articles' copies and originals.

    A repost without a publication date sits in an undated block, its original in a
    dated day: resolving one must load the other, or the copy joins its original's
    event in a batch ingest but never in an incremental one. The original and its first
    copies are enough (the story's event holds them, and comes whole), and their
    candidates are enough: loading their days' blocks too loaded, for every copy of
    an old text, the weeks around its original, work that grew with the store.
    """
    # The original and its first copies (those the copy index holds) stand for a story:
    # a text repeated every day for a year would otherwise load a year of reports.
    mates = {article for story in stories
             for article in story.articles[: MAX_INDEXED_COPIES + 1]} - batch
    if not mates:
        return set()
    return set(store.candidate_ids_of_articles(sorted(mates)))


def _resolve_blocks(store: Store, keys: set[str], replaced: set[str], fresh: set[str],
                    mates: set[str]) -> None:
    """Re-resolve only the blocks this batch touched (and ``mates``, the stored reports
    its copies must meet), keeping existing event ids.

    When the batch replaces no stored candidate, only pairs with one of its own
    (``fresh``) are scored and only the events that change are rewritten
    (``resolve_events``); a re-read article that changed re-resolves its blocks whole.
    """
    candidate_ids = store.candidate_ids_in_blocks(blocks_to_load(keys)) | mates
    existing = store.events_with_members(candidate_ids | replaced)
    # The events touched come whole (every member, wherever its blocks), so none loses a
    # member; their members' other blocks are not loaded: anything there that could
    # join a loaded event shares a block with one of the batch's candidates, or it
    # would have joined already.
    candidate_ids |= {m for event in existing for m in event.members} - replaced
    candidates: list[Event] = store.candidates(candidate_ids)
    article_ids = {source.article for event in candidates for source in event.sources}
    events = resolve_events(candidates, existing, store.stories_of(article_ids),
                            None if replaced else fresh, _feature_memo(store))
    stored = {id(event) for event in existing}
    changed = [event for event in events if id(event) not in stored]
    kept = {event.id for event in events if id(event) in stored}
    store.replace_events([e.id for e in existing if e.id not in kept], changed)


def _feature_memo(store: Store) -> FeatureMemo:
    """The features read from this store's decoded candidates, kept while it is open:
    the store hands back the same objects, which nobody changes, batch after batch."""
    memo = _FEATURE_MEMOS.get(store)
    if memo is None:
        memo = _FEATURE_MEMOS[store] = feature_memo()
    return memo


_FEATURE_MEMOS: WeakKeyDictionary[Store, FeatureMemo] = WeakKeyDictionary()
