"""The per-article half of the pipeline: ``segment → annotate → extract → framing``, then
each article's copy signature (``resolve.sign_article``: per article, so not the writer's).

These stages are pure functions of one article, so they run wherever there is a core: in
the ingesting process for small inputs, in worker processes for large ones (see
``herald.workers``), later on Dask partitions. ``pipeline`` composes them with the batch
stages (resolve, store) that need the whole corpus.
"""

from __future__ import annotations

from collections.abc import Callable

from herald.annotate import annotate_articles
from herald.errors import HeraldError
from herald.extract import extract_events
from herald.framing import frame_article
from herald.framing.classifier import load_classifier
from herald.model import Article
from herald.resolve import sign_article
from herald.segment import segment_article

BatchStage = Callable[[list[Article]], list[Article]]

# Short texts of our own, one per language with a trained spaCy pipeline or costly rule
# tables, run once when a worker starts: every model, gazetteer, classifier and rule table
# is loaded lazily on first use, and a worker that loads them before its first batch
# overlaps that with the parent's reading instead of stalling the batch.
WARM_UP_TEXTS = {
    "en": "About 200 nurses marched in Leeds on Saturday, police said; two were arrested.",
    "fr": "Environ 200 infirmiers ont manifesté samedi à Nantes, selon la police.",
    "de": "Rund 200 Pflegekräfte demonstrierten am Samstag in Leipzig, teilte die Polizei mit.",
}


def each(stage: Callable[[Article], Article]) -> BatchStage:
    """A per-article stage as a batch stage."""
    return lambda articles: [stage(article) for article in articles]


def annotate_batch(articles: list[Article]) -> list[Article]:
    """spaCy is nearly twice as fast over a batch as one article at a time."""
    return list(annotate_articles(articles))


ARTICLE_STAGES: tuple[tuple[str, BatchStage], ...] = (
    ("segment", each(segment_article)),
    ("annotate", annotate_batch),
    ("extract", each(extract_events)),
    ("framing", each(frame_article)),
    ("signature", each(sign_article)),
)


def analyse_articles(
    articles: list[Article], raise_errors: bool = False
) -> tuple[list[Article], list[HeraldError]]:
    """Every per-article stage in order over a batch; a failing article is quarantined.

    A stage runs over the whole batch; if it raises, it runs again article by article so
    that only the articles it cannot handle are set aside, each with the stage's name.
    """
    failures: list[HeraldError] = []
    for name, stage in ARTICLE_STAGES:
        try:
            articles = stage(articles)
        except Exception:
            if raise_errors:
                raise
            articles = _one_by_one(name, stage, articles, failures)
    return articles, failures


def _one_by_one(
    name: str, stage: BatchStage, articles: list[Article], failures: list[HeraldError]
) -> list[Article]:
    survivors = []
    for article in articles:
        try:
            survivors.extend(stage([article]))
        except HeraldError as error:
            failures.append(error)
        except Exception as error:  # one broken article must not stop a batch
            failures.append(HeraldError(f"{name} stage failed: {error!r}", article.origin))
    return survivors


def warm_up() -> None:
    """Load every lazily loaded model and table by analysing the warm-up texts.

    The framing classifier (the hate model) runs only on comments and on sentences that
    carry a flag, which the warm-up texts are not, so it is loaded by name (~0.06 s).
    """
    load_classifier()
    articles = [
        Article(id=f"warm-up-{language}", text=text, language=language,
                published="2024-03-02", origin="<warm-up>")
        for language, text in WARM_UP_TEXTS.items()
    ]
    analyse_articles(articles, raise_errors=True)
