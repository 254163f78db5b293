"""A trained abusive-language classifier, as one signal among several.

alt-profanity-check ships a linear SVM over TF-IDF, trained on English abusive
language; it scores insults and threats well and hate framed politely poorly, so it
never flags on its own: it raises the score of lexicon flags and, in comments, turns
an abusive sentence that names a protected group into a 'hate' flag.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache

ClassifierFn = Callable[[Sequence[str]], list[float]]


@cache
def load_classifier() -> ClassifierFn | None:
    """The classifier's probability function, or None where the package is absent."""
    try:
        from profanity_check import predict_prob
    except ImportError:
        return None

    def probabilities(texts: Sequence[str]) -> list[float]:
        return [float(p) for p in predict_prob(list(texts))] if texts else []

    return probabilities


def abuse_scores(texts: Sequence[str]) -> list[float] | None:
    """Probability that each text is abusive, or None when no classifier is installed."""
    classifier = load_classifier()
    return classifier(texts) if classifier else None
