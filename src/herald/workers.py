"""What a worker process of ``pipeline.ingest`` imports, runs at start, and is sent.

Kept free of top-level imports on purpose: a spawned worker unpickles these functions
by importing this module, and the ingesting process submits them without loading spaCy,
the models or the framing classifier itself. Each worker imports the analysis stages once
and warms them up before its first batch arrives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from herald.errors import HeraldError
    from herald.model import Article


def start_worker() -> None:
    """Process-pool initializer: load the stages' models and tables now."""
    from herald.analysis import warm_up

    warm_up()


def analyse(
    articles: list[Article], raise_errors: bool = False
) -> tuple[list[Article], list[HeraldError]]:
    """``analysis.analyse_articles``, imported on first use."""
    from herald.analysis import analyse_articles

    return analyse_articles(articles, raise_errors)
