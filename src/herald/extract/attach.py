"""Attach attributed counts (crowd size, arrests...) to the event whose sentences hold them.

The claim finder lives in ``herald.extract.claims`` (written alongside this stage); it is
looked up once, so the stage still runs while that module is not there yet.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from functools import cache

from herald.model import Article, Claim

ClaimFinder = Callable[[Article, int, int], list[Claim]]


@cache
def claim_finder() -> ClaimFinder | None:
    """``find_claims`` of herald.extract.claims, or None while that module is absent."""
    if importlib.util.find_spec("herald.extract.claims") is None:
        return None
    module = importlib.import_module("herald.extract.claims")
    finder: ClaimFinder = module.find_claims
    return finder


def claims_in(article: Article, spans: list[tuple[int, int]]) -> list[Claim]:
    """Every claim found in the given sentence spans, each once, in text order."""
    finder = claim_finder()
    if finder is None:
        return []
    seen: set[tuple[object, ...]] = set()
    claims: list[Claim] = []
    for start, end in sorted(spans):
        for claim in finder(article, start, end):
            key = (claim.field, claim.value, claim.evidence.start if claim.evidence else None)
            if key not in seen:
                seen.add(key)
                claims.append(claim)
    return claims
