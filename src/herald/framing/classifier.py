"""A trained abusive-language classifier, as one signal among several.

alt-profanity-check ships a linear SVM over TF-IDF, trained on English abusive
language; it scores insults and threats well and hate framed politely poorly, so it
never flags on its own: it raises the score of lexicon flags and, in comments, turns
an abusive sentence that names a protected group into a 'hate' flag.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import cache
from importlib import metadata

from herald.framing import compact_classifier
from herald.settings import cache_dir

LOG = logging.getLogger(__name__)

ClassifierFn = Callable[[Sequence[str]], list[float]]


@cache
def load_classifier() -> ClassifierFn | None:
    """The classifier's probability function, or None where the package is absent.

    The compact copy from the cache when it is current (no scikit-learn import); else
    the package, whose numbers are exported for next time once the copy has scored
    ``check_texts`` exactly as the package does. A model of another shape keeps the
    package's own function.
    """
    try:
        cached = compact_classifier.load(cache_dir())
    except metadata.PackageNotFoundError:  # the package is not installed
        return None
    if cached is not None:
        return cached.score
    try:
        from profanity_check import predict_prob, profanity_check
    except ImportError:
        return None

    def probabilities(texts: Sequence[str]) -> list[float]:
        return [float(p) for p in predict_prob(list(texts))] if texts else []

    compact = compact_classifier.export(profanity_check.vectorizer, profanity_check.model)
    if compact is None:
        LOG.debug("profanity model is not a calibrated linear TF-IDF classifier: package")
        return probabilities
    checks = compact_classifier.check_texts(sorted(compact.vocabulary))
    if compact.score(checks) != probabilities(checks):
        LOG.debug("compact profanity model disagrees with the package: package")
        return probabilities
    compact_classifier.save(cache_dir(), compact)
    return compact.score


def abuse_scores(texts: Sequence[str]) -> list[float] | None:
    """Probability that each text is abusive, or None when no classifier is installed."""
    classifier = load_classifier()
    return classifier(texts) if classifier else None
