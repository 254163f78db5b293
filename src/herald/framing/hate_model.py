"""Herald's hate-speech classifier: hate against a group, offensive language, or neither.

Trained by ``scripts/train_hate_model.py`` on the labelled tweets of Davidson, Warmsley,
Macy & Weber (2017), "Automated Hate Speech Detection and the Problem of Offensive
Language", ICWSM (MIT licence), which showed that hate and mere offensive language must be
told apart: a multinomial logistic regression over TF-IDF of word unigrams and bigrams and
character 2-5-grams within words, its vocabulary cut to the terms most tied to the labels
(chi-squared). Its probabilities are calibrated on the data set's own class mix; the
operating points (``thresholds``) were chosen on a validation split, never on the held-out
split or on the comments of ``../shared/eval``.

The weights ship in ``data/hate_model.json.gz`` and are scored here in plain Python, as
scikit-learn's ``TfidfVectorizer`` and ``LogisticRegression.predict_proba`` would (checked
to 1e-5 against them by the training script and the tests): importing scikit-learn would
cost every worker ~2.5 s for the few comments a batch holds. ``features`` is the one
analyser both training and scoring use, so the two cannot drift apart.

Known weakness (Davidson, Bhattacharya & Weber 2019, "Racial Bias in Hate Speech and
Abusive Language Detection Datasets"): tweets in African-American English are labelled
offensive or hateful more often, and a model trained on them inherits that; the training
script measures it on the held-out split.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MODEL_FILE = Path(__file__).with_name("data") / "hate_model.json.gz"
CLASSES = ("hate", "offensive", "neither")
URL = re.compile(r"https?://\S*|www\.\S+")
MENTION = re.compile(r"@\w+")
REPEATED = re.compile(r"(\w)\1{2,}")  # "looooool" -> "lool": one spelling for every length
WORD = re.compile(r"[^\W_][\w'’]*")
NGRAM_SIZES = range(2, 6)


def features(text: str) -> list[str]:
    """The terms of a text: 'w:' words, 'b:' word pairs, 'c:' character n-grams of words.

    Lower-cased; links and @handles become one token each; letters repeated three times or
    more are cut to two. Character n-grams (padded with a space at each end of the word,
    as scikit-learn's ``char_wb``) catch spellings a word list misses ("f4ggot", "n1gg").
    """
    lowered = REPEATED.sub(r"\1\1", MENTION.sub(" @user ", URL.sub(" http ", text.lower())))
    words = WORD.findall(lowered.replace("’", "'"))
    terms = [f"w:{word}" for word in words]
    terms += [f"b:{first} {second}" for first, second in zip(words, words[1:], strict=False)]
    for word in words:
        padded = f" {word} "
        for size in NGRAM_SIZES:
            if len(padded) < size:
                break
            terms += [f"c:{padded[i : i + size]}" for i in range(len(padded) - size + 1)]
    return terms


@dataclass(frozen=True, repr=False)  # thousands of weights: no repr
class HateModel:
    """Vocabulary, idf and per-class weights of the fitted model, and its operating points."""

    vocabulary: dict[str, int]
    idf: list[float]
    weights: list[tuple[float, ...]]  # per vocabulary index: one weight per class
    intercepts: tuple[float, ...]
    thresholds: dict[str, float]
    about: dict[str, Any]

    def probabilities(self, text: str) -> dict[str, float]:
        """P(hate), P(offensive), P(neither) for one text."""
        counts: dict[int, int] = {}
        for term in features(text):
            column = self.vocabulary.get(term)
            if column is not None:
                counts[column] = counts.get(column, 0) + 1
        decisions = list(self.intercepts)
        if counts:
            raw = [0.0] * len(CLASSES)
            norm = 0.0
            for column, count in counts.items():
                weight = (1.0 + math.log(count)) * self.idf[column]  # sublinear tf-idf
                norm += weight * weight
                for index, coefficient in enumerate(self.weights[column]):
                    raw[index] += weight * coefficient
            scale = 1.0 / math.sqrt(norm)
            decisions = [b + r * scale for b, r in zip(self.intercepts, raw, strict=True)]
        top = max(decisions)
        exps = [math.exp(d - top) for d in decisions]
        total = sum(exps)
        return {name: e / total for name, e in zip(CLASSES, exps, strict=True)}

    def score(self, texts: Sequence[str]) -> list[dict[str, float]]:
        return [self.probabilities(text) for text in texts]


def from_fitted(
    vectorizer: Any, classifier: Any, thresholds: dict[str, float], about: dict[str, Any]
) -> HateModel:
    """The numbers of a fitted ``TfidfVectorizer(analyzer=features, sublinear_tf=True)`` and
    multinomial ``LogisticRegression`` over ``CLASSES``, rounded to what the file keeps."""
    if list(classifier.classes_) != list(range(len(CLASSES))):
        raise ValueError("the classifier's classes must be 0..2 for hate, offensive, neither")
    if vectorizer.analyzer is not features or not vectorizer.sublinear_tf:
        raise ValueError("the vectorizer must use herald's features with sublinear tf")
    coefficients = classifier.coef_.T
    return HateModel(
        vocabulary={str(term): int(column) for term, column in vectorizer.vocabulary_.items()},
        idf=[_rounded(value) for value in vectorizer.idf_],
        weights=[tuple(_rounded(w) for w in row) for row in coefficients],
        intercepts=tuple(_rounded(b) for b in classifier.intercept_),
        thresholds=thresholds,
        about=about,
    )


def _rounded(value: float) -> float:
    """Seven significant digits: the file stays small; probabilities move by under 1e-5."""
    return float(f"{float(value):.7g}")


def to_json(model: HateModel) -> dict[str, Any]:
    terms = sorted(model.vocabulary, key=model.vocabulary.__getitem__)
    return {
        "about": model.about,
        "classes": list(CLASSES),
        "thresholds": model.thresholds,
        "intercepts": list(model.intercepts),
        "terms": terms,
        "idf": model.idf,
        "weights": [list(row) for row in model.weights],
    }


def from_json(data: dict[str, Any]) -> HateModel:
    if tuple(data["classes"]) != CLASSES:
        raise ValueError(f"hate model classes {data['classes']} are not {CLASSES}")
    return HateModel(
        vocabulary={term: index for index, term in enumerate(data["terms"])},
        idf=[float(value) for value in data["idf"]],
        weights=[tuple(float(w) for w in row) for row in data["weights"]],
        intercepts=tuple(float(b) for b in data["intercepts"]),
        thresholds={key: float(value) for key, value in data["thresholds"].items()},
        about=dict(data.get("about", {})),
    )


def write_model(model: HateModel, path: Path = MODEL_FILE) -> None:
    """Gzipped JSON with no name and a fixed timestamp in its header, so a retrained model
    writes the same bytes."""
    payload = json.dumps(to_json(model), ensure_ascii=False, separators=(",", ":"))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as raw, gzip.GzipFile("", "wb", fileobj=raw, mtime=0) as packed:
        packed.write(payload.encode("utf-8"))


def read_model(path: Path = MODEL_FILE) -> HateModel:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return from_json(json.load(handle))
