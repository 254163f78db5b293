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
from typing import Any

LOG = logging.getLogger(__name__)

ClassifierFn = Callable[[Sequence[str]], list[float]]

# Texts the fast path must score exactly as the package does before it is trusted:
# clean, abusive, empty, and words outside the vocabulary.
SELF_CHECK_TEXTS = (
    "The council met on Tuesday to discuss the new budget.",
    "Shut up you stupid idiot, get out of here",
    "",
    "Zyxq wvut!",
)


@cache
def load_classifier() -> ClassifierFn | None:
    """The classifier's probability function, or None where the package is absent."""
    try:
        from profanity_check import predict_prob, profanity_check
    except ImportError:
        return None

    def probabilities(texts: Sequence[str]) -> list[float]:
        return [float(p) for p in predict_prob(list(texts))] if texts else []

    fast = _linear_sigmoid(profanity_check.vectorizer, profanity_check.model)
    if fast is not None and fast(SELF_CHECK_TEXTS) == probabilities(SELF_CHECK_TEXTS):
        return fast
    LOG.debug("profanity model is not a sigmoid-calibrated linear classifier: slow path")
    return probabilities


def _linear_sigmoid(vectorizer: Any, model: Any) -> ClassifierFn | None:
    """The calibrated model's own arithmetic, without scikit-learn's input checks.

    ``CalibratedClassifierCV.predict_proba`` spends ~5 ms per call validating its input
    five times over; the arithmetic is a sparse dot product and a sigmoid per fold,
    averaged. This does the same operations in the same order (so the same floats),
    and is used only for the shape it was written for: binary, sigmoid-calibrated folds
    of a linear classifier scoring classes [0, 1]. Anything else gets None. numpy and
    scipy come with the classifier's scikit-learn, so they are imported with it.
    """
    import numpy as np
    from scipy.special import expit  # the function scikit-learn's sigmoid calibrator uses

    folds = getattr(model, "calibrated_classifiers_", None)
    if not folds or list(getattr(model, "classes_", [])) != [0, 1]:
        return None
    for fold in folds:
        estimator = fold.estimator
        if (
            fold.method != "sigmoid"
            or len(fold.calibrators) != 1
            or list(estimator.classes_) != [0, 1]
            or getattr(getattr(estimator, "coef_", None), "ndim", 0) != 2
        ):
            return None
    params = [
        (fold.estimator.coef_.T, fold.estimator.intercept_, fold.calibrators[0]) for fold in folds
    ]

    def probabilities(texts: Sequence[str]) -> list[float]:
        if not texts:
            return []
        features = vectorizer.transform(list(texts))
        total = np.zeros(features.shape[0])
        for coef_t, intercept, calibrator in params:
            decision = np.reshape(features @ coef_t + intercept, (-1,))
            total += expit(-(calibrator.a_ * decision + calibrator.b_))
        total /= len(params)
        return [float(p) for p in total]

    return probabilities


def abuse_scores(texts: Sequence[str]) -> list[float] | None:
    """Probability that each text is abusive, or None when no classifier is installed."""
    classifier = load_classifier()
    return classifier(texts) if classifier else None
