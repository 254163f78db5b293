"""Per-article figure recall against a gold set, independent of resolution (a developer's harness).

For every gold claim (crowd size, arrests, injuries, fatalities) that names its article,
two questions, counted per article language:

- ``candidate``: does a candidate event Herald drew from that article carry the figure
  (same field, value inside the gold interval, as the scorer judges it)?
- ``page``: does the claim reader find it anywhere in the article's text (the ceiling the
  reader gives, whatever sentences event extraction hands it)?

Usage: .venv/bin/python scripts/figure_recall.py ../shared/eval/realnews-world-dev [...] [-v]
(-v lists every gold figure missed, with the article's language and the candidates' claims.)
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from herald.analysis import analyse_articles
from herald.eval import CLAIM_FIELDS, figure_interval
from herald.extract.claims import find_claims
from herald.ingest import read_inputs
from herald.model import Article, Claim
from herald.settings import Settings


def hits(claims: list[Claim], field: str, value: Any) -> bool:
    """Whether one claim has the field and a value (or bound) inside the gold interval."""
    interval = figure_interval(value)
    if interval is None:
        return False
    low, high = interval
    for claim in claims:
        if claim.field != field:
            continue
        if any(v is not None and low <= v <= high for v in (claim.value, claim.low, claim.high)):
            return True
        qualified = figure_interval(claim.qualifier) if claim.qualifier else None
        if qualified and qualified[0] <= high and low <= qualified[1]:
            return True
    return False


def gold_figures(set_dir: Path) -> list[tuple[str, str, Any]]:
    """(article, field, value) of every gold claim that names its article."""
    gold = json.loads((set_dir / "gold.json").read_text(encoding="utf-8"))
    return [(claim["article"], field, claim["value"])
            for event in gold["events"] for field in CLAIM_FIELDS
            for claim in event.get(field, []) if claim.get("article")]


def audit(set_dir: Path, verbose: bool) -> dict[str, Any]:
    records = [a for a in read_inputs([str(set_dir / "articles")], Settings())
               if isinstance(a, Article)]
    analysed, _failures = analyse_articles(records, raise_errors=True)
    articles = {a.id: a for a in analysed}
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # total, candidate, page
    for article_id, field, value in gold_figures(set_dir):
        article = articles.get(article_id)
        if article is None:
            continue
        on_candidates = [c for event in article.events for c in event.claims]
        on_page = find_claims(article, 0, len(article.text))
        found = hits(on_candidates, field, value), hits(on_page, field, value)
        for key in (article.language, "all"):
            row = counts[key]
            row[0] += 1
            row[1] += found[0]
            row[2] += found[1]
        if verbose and not found[0]:
            have = sorted({(c.field, c.value) for c in on_candidates}, key=str)
            print(f"  miss {article_id} [{article.language}] {field}={value!r}"
                  f" page={'yes' if found[1] else 'no'} candidates={have}")
    return {"set": set_dir.name, **{
        lang: {"figures": n, "candidate": round(c / n, 3), "page": round(p / n, 3)}
        for lang, (n, c, p) in sorted(counts.items())}}


def main(argv: list[str]) -> None:
    verbose = "-v" in argv
    for name in (a for a in argv if a != "-v"):
        print(json.dumps(audit(Path(name), verbose), ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
