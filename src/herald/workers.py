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
    """Process-pool initializer: load the stages' models and tables now.

    Long patterns come from the compiled-pattern cache for the worker's whole life: the
    rule tables of a language are compiled lazily, whenever its first article arrives.
    """
    from herald import regex_cache
    from herald.settings import cache_dir

    regex_cache.install(cache_dir())
    from herald.analysis import warm_up

    warm_up()


def analyse(
    articles: list[Article], raise_errors: bool = False
) -> tuple[list[Article], list[HeraldError]]:
    """``analysis.analyse_articles``, imported on first use, returning what the store keeps.

    Sentences and mentions are the stages' working state: the store keeps neither, and
    unpickling them in the ingesting process cost 0.65 ms per article (7x the rest).
    """
    from herald.analysis import analyse_articles

    analysed, failures = analyse_articles(articles, raise_errors)
    for article in analysed:
        article.sentences, article.mentions, article.html = [], [], None
    return analysed, failures
