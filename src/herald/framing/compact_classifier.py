"""alt-profanity-check's model as plain numbers, scored without scikit-learn.

Importing scikit-learn and unpickling the model cost ~2.5 CPU-s in every process that
frames English text (each ingest worker paid it), for a model that scores about one
sentence in ten articles. Its arithmetic is small: TF-IDF over one regex's words
(unigrams, lower-cased, l2-normalised), five linear SVM folds, a sigmoid calibration per
fold, averaged. ``export`` copies those numbers out of the fitted package; ``score``
repeats scikit-learn's and SciPy's operations in the same order (so the same floats),
and ``classifier.load_classifier`` uses it only after it matched the package exactly on
``check_texts``. The copy is kept under the Herald cache folder, keyed by package
versions and this file's code.
"""

from __future__ import annotations

import hashlib
import math
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from herald.cachefiles import load_stamped, save_stamped

CACHE_FILE = "profanity-compact.pickle"
# Random texts built from the vocabulary that must score exactly as the package does
# before the copy is trusted (a second, 882-text comparison with real sentences from the
# dev sets found no difference either).
CHECK_TEXTS = 400
CHECK_SEED = 20240302
# The TF-IDF settings ``score`` implements; any other fitted vectorizer is not exported.
VECTORIZER_SHAPE = {
    "analyzer": "word", "lowercase": True, "ngram_range": (1, 1), "norm": "l2",
    "use_idf": True, "sublinear_tf": False, "binary": False, "preprocessor": None,
    "tokenizer": None, "strip_accents": None,
}


@dataclass(frozen=True, repr=False)  # 77k weights: no repr
class CompactClassifier:
    """The vocabulary, idf weights, and each fold's weights, intercept and sigmoid."""

    token_pattern: str
    vocabulary: dict[str, int]
    idf: list[float]
    coefficients: list[list[float]]  # per fold, per vocabulary index
    intercepts: list[float]
    sigmoids: list[tuple[float, float]]  # per fold: a, b

    def score(self, texts: Sequence[str]) -> list[float]:
        """Probability that each text is abusive, as ``profanity_check.predict_prob``."""
        words = re.compile(self.token_pattern)
        return [self._probability(words.findall(text.lower())) for text in texts]

    def _probability(self, words: list[str]) -> float:
        columns, weights = self._tfidf(words)
        total = 0.0
        for coefficients, intercept, (a, b) in zip(
            self.coefficients, self.intercepts, self.sigmoids, strict=True
        ):
            decision = 0.0  # SciPy's sparse product: a running sum in column order
            for column, weight in zip(columns, weights, strict=True):
                decision += weight * coefficients[column]
            decision = decision + intercept
            total += 1.0 / (1.0 + math.exp(a * decision + b))  # expit(-(a * d + b))
        return total / len(self.coefficients)

    def _tfidf(self, words: list[str]) -> tuple[list[int], list[float]]:
        """Sorted columns and l2-normalised tf-idf weights, as scikit-learn's transform."""
        counts: dict[int, int] = {}
        for word in words:
            column = self.vocabulary.get(word)
            if column is not None:
                counts[column] = counts.get(column, 0) + 1
        columns = sorted(counts)
        weights = [float(counts[column]) * self.idf[column] for column in columns]
        norm = 0.0
        for weight in weights:
            norm += weight * weight
        if norm == 0.0:
            return columns, weights
        norm = math.sqrt(norm)
        return columns, [weight / norm for weight in weights]


def export(vectorizer: Any, model: Any) -> CompactClassifier | None:
    """The fitted package's numbers, when its shape is the one ``score`` implements."""
    if not _exportable(vectorizer, model):
        return None
    folds = model.calibrated_classifiers_
    return CompactClassifier(
        token_pattern=str(vectorizer.token_pattern),
        vocabulary={str(term): int(column) for term, column in vectorizer.vocabulary_.items()},
        idf=[float(value) for value in vectorizer.idf_],
        coefficients=[[float(c) for c in fold.estimator.coef_[0]] for fold in folds],
        intercepts=[float(fold.estimator.intercept_[0]) for fold in folds],
        sigmoids=[(float(fold.calibrators[0].a_), float(fold.calibrators[0].b_))
                  for fold in folds],
    )


def _exportable(vectorizer: Any, model: Any) -> bool:
    params = vectorizer.get_params()
    if any(params.get(key) != value for key, value in VECTORIZER_SHAPE.items()):
        return False
    folds = getattr(model, "calibrated_classifiers_", None)
    if not folds or list(getattr(model, "classes_", [])) != [0, 1]:
        return False
    width = len(vectorizer.vocabulary_)
    return all(
        fold.method == "sigmoid"
        and len(fold.calibrators) == 1
        and list(fold.estimator.classes_) == [0, 1]
        and getattr(fold.estimator.coef_, "shape", None) == (1, width)
        for fold in folds
    )


def check_texts(vocabulary: Sequence[str]) -> list[str]:
    """Vocabulary words mixed with unknown, accented, upper-case and numeric ones, and
    the edge cases (empty, nothing known)."""
    rng = random.Random(CHECK_SEED)
    others = ["The", "and", "ÉTÉ", "naïve", "x", "!!", "Ünïcode", "42", "don't", "IDIOT"]
    texts = ["", "Zyxq wvut!", "Shut up you stupid idiot, get out of here"]
    for _ in range(CHECK_TEXTS):
        size = rng.randint(1, 40)
        texts.append(" ".join(
            rng.choice(vocabulary) if rng.random() < 0.8 else rng.choice(others)
            for _ in range(size)
        ))
    return texts


def stamp() -> str:
    """What a cached copy was made from: the packages and this file's code."""
    versions = [metadata.version(name) for name in ("alt-profanity-check", "scikit-learn")]
    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    return ":".join([*versions, code])


def load(folder: Path) -> CompactClassifier | None:
    compact = load_stamped(folder / CACHE_FILE, stamp())
    return compact if isinstance(compact, CompactClassifier) else None


def save(folder: Path, compact: CompactClassifier) -> None:
    """An unwritable folder only means exporting again next time."""
    save_stamped(folder / CACHE_FILE, stamp(), compact)
