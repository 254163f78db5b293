"""Per-article audit of page dates and event dates against a gold set (a developer's harness).

For every article: whether its record had ``published``, the page date Herald read
(and from where), the gold dates of the events it reports, and the dates of the candidate
events Herald drew from it. The summary counts, for the articles without ``published``,
how many Herald now dates, and how those page dates compare with the gold event date:
the same day, one to three days after it (a report published after the event, as news
is), or wrong (before the event, or over a week after it).

Usage: .venv/bin/python scripts/date_audit.py ../shared/eval/realnews-us [...] [-v]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from herald.analysis import analyse_articles
from herald.ingest import read_inputs
from herald.model import Article
from herald.settings import Settings

# A report is usually published the day of its event or up to three days later.
MAX_REPORT_LAG_DAYS = 3


def gold_dates(set_dir: Path) -> dict[str, list[str | None]]:
    """Article id -> the dates of the gold events that list it (empty: a distractor)."""
    gold = json.loads((set_dir / "gold.json").read_text())
    dates: dict[str, list[str | None]] = {}
    for event in gold["events"]:
        for article in event["articles"]:
            dates.setdefault(article, []).append(event["date"])
    return dates


def read_set(set_dir: Path) -> tuple[list[Article], dict[str, str | None]]:
    records = [a for a in read_inputs([str(set_dir / "articles")], Settings())
               if isinstance(a, Article)]
    stated = {a.id: a.published for a in records}
    analysed, _failures = analyse_articles(records, raise_errors=True)
    return analysed, stated


def page_verdict(article: Article, golds: list[str | None]) -> str:
    """How a page date compares with the article's gold event dates."""
    days = [date.fromisoformat(g) for g in golds if g]
    page = getattr(article, "page_date", None)
    if article.published is None and page is None:
        return "undated"
    if not days:
        return "no gold date"
    if article.published is None:  # a month only
        month = page.value[:7]
        return "month right" if any(d.isoformat()[:7] == month for d in days) else "month wrong"
    value = date.fromisoformat(article.published[:10])
    lags = [(value - d).days for d in days]
    if 0 in lags:
        return "same day"
    if any(0 < lag <= MAX_REPORT_LAG_DAYS for lag in lags):
        return "report lag"
    return "wrong"


def page_source(article: Article) -> str:
    found = getattr(article, "page_date", None)
    if found is None:
        return "-"
    evidence = getattr(found, "source", "?")
    return f"{evidence}:{found.precision}:{found.text!r}"


def audit(set_dir: Path, verbose: bool) -> dict[str, Any]:
    golds = gold_dates(set_dir)
    articles, stated = read_set(set_dir)
    counts: Counter[str] = Counter()
    for article in articles:
        article_golds = golds.get(article.id, [])
        lacks = not stated[article.id]
        verdict = page_verdict(article, article_golds)
        event_dates = [e.date.value or f"({e.date.precision})" for e in article.events]
        right_event = any(e.date.value in article_golds for e in article.events)
        if lacks:
            counts["lack published"] += 1
            counts[f"page date {verdict}"] += 1
        if article_golds and any(article_golds):
            counts["articles with a gold date"] += 1
            counts["an event date right"] += right_event
            if lacks:
                counts["undated: an event date right"] += right_event
        if verbose and (lacks or not right_event):
            print(f"{article.id:6} meta={stated[article.id] or '-':10}"
                  f" page={article.published or '-':10} {verdict:13} gold={article_golds}"
                  f" events={event_dates} {page_source(article)}")
    return {"set": set_dir.name, **dict(sorted(counts.items()))}


def main(argv: list[str]) -> None:
    verbose = "-v" in argv
    for name in (a for a in argv if a != "-v"):
        print(json.dumps(audit(Path(name), verbose), ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
