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
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from itertools import chain
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
    position = {article: i for i, article in enumerate(order)}
    signatures = {**known, **new}
    given = bands or {}
    keys = [given.get(article) or band_keys(signatures[article]) for article in order]
    is_new = np.zeros(len(order), dtype=bool)
    is_new[[position[article] for article in new]] = True
    parent = list(range(len(order)))  # union-find over positions: the smaller is earlier
    for first, second in _alike(_sharing_a_band(keys, is_new), order, signatures):
        _union(parent, first, second)
    for copy, original in (originals or {}).items():
        if copy in position and original in position:
            _union(parent, position[copy], position[original])
    return _stories(parent, order, is_new)


# Pairs whose signatures are compared at once: 128 values of 8 bytes each side, so a
# chunk holds ~17 MB of them at most, however many copies one batch repeats (the
# writer's peak RSS is bounded at 2 GB; a chunk of 65,536 held ~135 MB).
_PAIRS_PER_CHUNK = 8_192


def _sharing_a_band(keys: list[list[int]], is_new: np.ndarray) -> np.ndarray:
    """Position pairs (i < j), each once, that share a band key and hold a new article:
    the LSH's candidates, found by sorting every key once rather than through a hash
    table per band (262k keys in a batch of 8,192 articles)."""
    lengths = np.fromiter(map(len, keys), dtype=np.int64, count=len(keys))
    flat = np.fromiter(chain.from_iterable(keys), dtype=np.int64, count=int(lengths.sum()))
    owners = np.repeat(np.arange(len(keys)), lengths)
    order = np.lexsort((owners, flat))
    flat, owners = flat[order], owners[order]
    starts = np.flatnonzero(np.r_[True, flat[1:] != flat[:-1]])
    sizes = np.diff(np.r_[starts, len(flat)])
    pairs: set[tuple[int, int]] = set()
    for start, size in zip(starts[sizes > 1].tolist(), sizes[sizes > 1].tolist(), strict=True):
        members = sorted(set(owners[start : start + size].tolist()))
        for index, first in enumerate(members):
            for second in members[index + 1 :]:
                if is_new[first] or is_new[second]:
                    pairs.add((first, second))
    return np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)


def _alike(pairs: np.ndarray, order: list[str], signatures: Mapping[str, list[int]]
           ) -> Iterator[tuple[int, int]]:
    """The pairs whose texts' estimated Jaccard similarity (the share of equal MinHash
    values, what datasketch's ``MinHash.jaccard`` computes) reaches COPY_THRESHOLD,
    compared a chunk of pairs at a time: a stream that repeats its texts meets many."""
    if not len(pairs):
        return
    involved = np.unique(pairs)
    row_of = np.full(len(order), -1, dtype=np.int64)
    row_of[involved] = np.arange(len(involved))
    values = np.array([signatures[order[i]] for i in involved.tolist()], dtype=np.uint64)
    for start in range(0, len(pairs), _PAIRS_PER_CHUNK):
        chunk = pairs[start : start + _PAIRS_PER_CHUNK]
        equal = values[row_of[chunk[:, 0]]] == values[row_of[chunk[:, 1]]]
        alike = np.count_nonzero(equal, axis=1) >= COPY_THRESHOLD * NUM_PERM
        yield from map(tuple, chunk[alike].tolist())


def _find(parent: list[int], article: int) -> int:
    while parent[article] != article:
        parent[article] = parent[parent[article]]
        article = parent[article]
    return article


def _union(parent: list[int], first: int, second: int) -> None:
    """Join two groups; the earlier-arrived root stays the root (the original)."""
    root_a, root_b = _find(parent, first), _find(parent, second)
    if root_a != root_b:
        parent[max(root_a, root_b)] = min(root_a, root_b)


def _stories(parent: list[int], order: list[str], is_new: np.ndarray) -> list[Story]:
    groups: dict[int, list[int]] = {}
    for article in range(len(order)):
        groups.setdefault(_find(parent, article), []).append(article)
    return [Story(id=story_id(order[members[0]]), articles=[order[i] for i in members])
            for members in groups.values()
            if len(members) > 1 and is_new[members].any()]
