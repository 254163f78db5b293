"""Scoring reader-comment flags against labelled comments, as ../shared/eval/FORMAT.md defines it.

A comment set's ``gold.json`` holds ``{"comments": [{"article", "comments": [{"label",
"start", "end", "text"}]}]}``: labelled spans into each article's text. Per comment:
``in_comment_segment`` (the span lies inside one 'comments' segment), ``hate_recall`` (a
'hate' comment overlaps a harmful flag), ``neither_flag_rate`` (a 'neither' comment does),
``offensive_flag_rate`` (reported, not judged) and ``precision_vs_neither``. The figures are
rounded as ``score_comments.py``, the reference implementation beside FORMAT.md, rounds them.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from herald.errors import GoldError
from herald.eval import read_gold_file
from herald.model import Article
from herald.settings import Settings

HARMFUL_KINDS = frozenset({"hate", "dehumanising", "slur", "incitement", "conspiracy"})
LABELS = ("hate", "offensive", "neither")


@dataclass(frozen=True)
class CommentScores:
    set: str
    comments: int
    in_comment_segment: float
    hate_recall: float
    neither_flag_rate: float
    offensive_flag_rate: float
    precision_vs_neither: float

    def to_json(self) -> dict[str, Any]:
        return {
            "set": self.set, "comments": self.comments,
            "in_comment_segment": self.in_comment_segment, "hate_recall": self.hate_recall,
            "neither_flag_rate": self.neither_flag_rate,
            "offensive_flag_rate": self.offensive_flag_rate,
            "precision_vs_neither": self.precision_vs_neither,
        }


def is_comment_set(gold_dir: Path) -> bool:
    """Whether a gold set is scored by comment (its gold.json has a 'comments' list)."""
    try:
        gold = json.loads((gold_dir / "gold.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return False  # the event scorer reports what is wrong with the folder
    return isinstance(gold, dict) and isinstance(gold.get("comments"), list)


def load_comment_gold(gold_dir: Path) -> dict[str, Any]:
    gold = read_gold_file(gold_dir)
    path = gold_dir / "gold.json"
    pages = gold.get("comments")
    if not isinstance(pages, list) or not all(_page_ok(page) for page in pages):
        raise GoldError("gold.json 'comments' must list {article, comments: [...]}", str(path))
    return gold


def _page_ok(page: Any) -> bool:
    comments = page.get("comments") if isinstance(page, dict) else None
    return isinstance(comments, list) and all(
        isinstance(c, dict) and c.get("label") in LABELS
        and isinstance(c.get("start"), int) and isinstance(c.get("end"), int)
        for c in comments
    )


def run_comment_set(gold_dir: Path) -> CommentScores:
    """Ingest a comment set's articles into a throw-away store and score their comments."""
    from herald.pipeline import ingest
    from herald.store import Store

    gold = load_comment_gold(gold_dir)
    with tempfile.TemporaryDirectory(prefix="herald-eval-") as tmp:
        settings = Settings(db=Path(tmp) / "eval.duckdb")
        ingest([str(gold_dir / "articles")], settings)
        with Store(settings.db, read_only=True) as store:
            articles = store.articles()
    return score_comments(gold, articles, name=gold.get("set") or gold_dir.name)


def score_comments(gold: dict[str, Any], articles: list[Article], name: str = "") -> CommentScores:
    by_id = {article.id: article for article in articles}
    counts: Counter[tuple[str, bool]] = Counter()
    inside = total = 0
    for page in gold["comments"]:
        article = by_id.get(page["article"])
        segments = [s for s in article.segments if s.kind == "comments"] if article else []
        flags = [f for f in (article.framing.get("flags", []) if article else [])
                 if f["kind"] in HARMFUL_KINDS]
        for comment in page["comments"]:
            start, end = comment["start"], comment["end"]
            total += 1
            inside += any(s.start <= start and end <= s.end for s in segments)
            hit = any(f["start"] < end and f["end"] > start for f in flags)
            counts[(comment["label"], hit)] += 1
    hate, harmless = counts[("hate", True)], counts[("neither", True)]
    return CommentScores(
        set=name,
        comments=total,
        in_comment_segment=round(inside / total, 3) if total else 0.0,
        hate_recall=_rate(counts, "hate"),
        neither_flag_rate=_rate(counts, "neither"),
        offensive_flag_rate=_rate(counts, "offensive"),
        precision_vs_neither=round(hate / (hate + harmless), 3) if hate + harmless else 0.0,
    )


def _rate(counts: Counter[tuple[str, bool]], label: str) -> float:
    seen = counts[(label, True)] + counts[(label, False)]
    return round(counts[(label, True)] / seen, 3) if seen else 0.0
