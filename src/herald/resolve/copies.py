"""Near-duplicate texts: wire copy, reposts, a blog pasting a newspaper's article.

A copy is one report, not an independent confirmation, so the resolver needs to
know which articles carry the same text. MinHash signatures are small enough to
store per article and compare later, without keeping the texts around.

The store keeps an LSH index of them (``band_keys``: one key per band), so a new
article is compared only with the stored ones that share a band with it, never
with the whole store.
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import cache
from types import ModuleType
from typing import Literal

import numpy as np

from herald.model import Article, Story

# 128 permutations: Jaccard estimates within ±0.09 (2σ), 1 kB per article as int64.
NUM_PERM = 128
# Fixed seed: signatures computed today must compare with those stored last year.
SEED = 20160312
# Named, not defaulted: datasketch refuses to compare signatures of different schemes.
SCHEME: Literal["affine32"] = "affine32"
# Word 4-grams: long enough that two reports of one event in their own words share
# few shingles, short enough that a repost with a new headline and a few edited
# words still shares most of them.
SHINGLE_WORDS = 4
# Estimated Jaccard of shingle sets from which two texts are one report. A repost
# wrapped in its own boilerplate and comments keeps well over half the shingles of
# the copied text; two outlets editing one AFP dispatch into their own articles
# share 0.16 (realnews-dev a006/a007), unrelated articles under 0.05.
COPY_THRESHOLD = 0.4
# LSH bands x rows per band: what datasketch's MinHashLSH derives for COPY_THRESHOLD
# and NUM_PERM (false positives and negatives weighted equally; tested to agree).
# Fixed here because the store keeps band keys: a new shape would need a re-index.
BANDS, ROWS = 32, 4

_WORD = re.compile(r"\w+", re.UNICODE)


def _shingles(text: str) -> Iterable[bytes]:
    """Lower-cased word n-grams; texts shorter than n words give one shingle."""
    words = _WORD.findall(text.casefold())
    if len(words) <= SHINGLE_WORDS:
        return [" ".join(words).encode("utf-8")]
    return (
        " ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8")
        for i in range(len(words) - SHINGLE_WORDS + 1)
    )


@cache
def _datasketch() -> ModuleType:
    """datasketch, imported on first use: it imports SciPy's integrators (~0.9 s) to
    derive LSH bands, and an ingesting process should start its workers before that."""
    import datasketch

    return datasketch


def sign_article(article: Article) -> Article:
    """Set the article's signature: a per-article step, run where the other per-article
    stages run (worker processes, Dask partitions), not in the single writer."""
    article.signature = text_signature(body_text(article))
    article.band_keys = band_keys(article.signature)
    return article


def body_text(article: Article) -> str:
    """Near-duplicate detection compares what outlets wrote, not their page furniture."""
    parts = article.segment_text("body")
    return "\n".join(text for _, text in parts) if parts else article.text


def text_signature(text: str) -> list[int]:
    """MinHash hash values of a text, stable across runs and machines."""
    minhash = _datasketch().MinHash(
        num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=_permutations()
    )
    minhash.update_batch(list(_shingles(text)))
    return [int(value) for value in minhash.hashvalues]


@cache
def _permutations() -> object:
    """The seed's permutations, drawn once: rebuilding them per stored signature
    cost more than the LSH itself."""
    return _datasketch().MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def band_keys(signature: list[int]) -> list[int]:
    """One signed 64-bit key per LSH band: equal keys mean an equal band.

    Two texts whose Jaccard similarity is COPY_THRESHOLD share a band with
    probability 1 - (1 - 0.4^4)^32 = 0.56; at 0.6, 0.98; at 0.1, 0.003.
    A band's key hashes its number (2 bytes) and its values (little-endian 64-bit),
    the bytes stored keys were made of.
    """
    if len(signature) != NUM_PERM:
        raise ValueError(f"signature has {len(signature)} values, expected {NUM_PERM}")
    packed = struct.pack(f"<{NUM_PERM}Q", *signature)
    width = ROWS * 8
    return [
        int.from_bytes(hashlib.blake2b(
            _BAND_NUMBERS[band] + packed[band * width : (band + 1) * width], digest_size=8
        ).digest(), "little", signed=True)
        for band in range(BANDS)
    ]


_BAND_NUMBERS = [struct.pack("<H", band) for band in range(BANDS)]


def jaccard(first: np.ndarray, second: np.ndarray) -> float:
    """The share of equal MinHash values: the estimate of the texts' Jaccard similarity
    (what datasketch's ``MinHash.jaccard`` computes), over arrays: a batch compares each
    new text with every stored text that shares a band with it, and in a stream that
    repeats its texts those are many."""
    return int(np.count_nonzero(first == second)) / NUM_PERM


def story_id(original: str) -> str:
    """A story is named after its original, so re-running gives the same id."""
    return "story-" + hashlib.sha1(original.encode("utf-8")).hexdigest()[:16]


def find_copies(
    new: dict[str, list[int]],
    known: dict[str, list[int]],
    originals: Mapping[str, str] | None = None,
    bands: Mapping[str, list[int]] | None = None,
) -> list[Story]:
    """Group new articles with the texts they copy (or that copy them).

    Known articles came first, in the order of ``known`` (their arrival), so a known
    article is the original of any story it is in; among new ones the order of
    ``new`` is the order of arrival. Known articles are only grouped through a new
    one: their own stories are stored, and ``originals`` (known article -> the
    original of its stored story, itself in ``known``) keeps a new copy of a copy in
    its original's story rather than starting one of its own. ``bands`` may give
    articles' band keys already computed; for a known article, the keys it shares with
    the new ones are enough (known articles are only compared with new ones).
    """
    order = list(known) + [article for article in new if article not in known]
    signatures = {**known, **new}
    given = bands or {}
    keys = {article: given.get(article) or band_keys(signatures[article]) for article in order}
    buckets: dict[int, list[str]] = defaultdict(list)  # the LSH's hash tables, one dict
    for article in order:
        for key in keys[article]:
            buckets[key].append(article)
    parent = {article: article for article in order}
    rank = {article: position for position, article in enumerate(order)}
    values = {article: np.asarray(signature, dtype=np.uint64)
              for article, signature in signatures.items()}
    for article in new:
        others = {other for key in keys[article] for other in buckets[key]} - {article}
        for other in others:
            if jaccard(values[article], values[other]) >= COPY_THRESHOLD:
                _union(parent, rank, article, other)
    for copy, original in (originals or {}).items():
        if copy in parent and original in parent:
            _union(parent, rank, copy, original)
    return _stories(parent, rank, order, set(new))


def _find(parent: dict[str, str], article: str) -> str:
    while parent[article] != article:
        parent[article] = parent[parent[article]]
        article = parent[article]
    return article


def _union(parent: dict[str, str], rank: dict[str, int], first: str, second: str) -> None:
    """Join two groups; the earlier-arrived root stays the root (the original)."""
    root_a, root_b = _find(parent, first), _find(parent, second)
    if root_a == root_b:
        return
    if rank[root_b] < rank[root_a]:
        root_a, root_b = root_b, root_a
    parent[root_b] = root_a


def _stories(
    parent: dict[str, str], rank: dict[str, int], order: list[str], new: set[str]
) -> list[Story]:
    groups: dict[str, list[str]] = {}
    for article in order:
        groups.setdefault(_find(parent, article), []).append(article)
    stories = []
    for members in groups.values():
        if len(members) < 2 or not new.intersection(members):
            continue
        members.sort(key=rank.__getitem__)
        stories.append(Story(id=story_id(members[0]), articles=members))
    return stories
