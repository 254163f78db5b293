"""The hate model: its plain-Python scores equal scikit-learn's, the shipped weights load and
tell hate against a group from mere offensive language on sentences of our own."""

from __future__ import annotations

from pathlib import Path

import pytest

from herald.framing.classifier import load_classifier
from herald.framing.hate_model import (
    CLASSES,
    HateModel,
    features,
    from_fitted,
    read_model,
    write_model,
)

# A toy corpus of our own, only to fit a small model whose arithmetic the scorer must repeat.
TOY = [
    ("those people are vermin and should be driven out of the country", 0),
    ("all of them are subhuman filth, get them out", 0),
    ("send every last one of them back where they came from", 0),
    ("shut up you idiot, you are so damn annoying", 1),
    ("this traffic is fucking ridiculous", 1),
    ("what a stupid ass game, I am done", 1),
    ("the museum opens at nine on sundays", 2),
    ("lovely weather for the marathon today", 2),
    ("the council approved the new bus lanes", 2),
]


@pytest.fixture(scope="module")
def fitted() -> tuple[object, object]:
    sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")
    linear = pytest.importorskip("sklearn.linear_model")
    texts, labels = zip(*TOY, strict=True)
    vectorizer = sklearn_text.TfidfVectorizer(analyzer=features, sublinear_tf=True)
    model = linear.LogisticRegression(C=10.0, max_iter=2000)
    model.fit(vectorizer.fit_transform(texts), list(labels))
    return vectorizer, model


def test_plain_python_scores_equal_scikit_learns(fitted: tuple[object, object]) -> None:
    vectorizer, classifier = fitted
    model = from_fitted(vectorizer, classifier, {"hate": 0.5}, {})
    unseen = [
        "get them out of the country, all of them",
        "so damn annoying, shut up",
        "",
        "Zyxq wvut!!! 😂😂 @someone http://example.org",
        "the marathon opens at nine",
    ]
    expected = classifier.predict_proba(vectorizer.transform(unseen))  # type: ignore[attr-defined]
    for text, row in zip(unseen, expected, strict=True):
        got = model.probabilities(text)
        assert list(got) == list(CLASSES)
        assert all(abs(got[c] - float(p)) < 1e-5 for c, p in zip(CLASSES, row, strict=True))


def test_written_model_reads_back_and_rewrites_the_same_bytes(
    fitted: tuple[object, object], tmp_path: Path
) -> None:
    model = from_fitted(*fitted, {"hate": 0.5}, {"data": "toy"})
    first, second = tmp_path / "a.json.gz", tmp_path / "b.json.gz"
    write_model(model, first)
    write_model(read_model(first), second)
    assert first.read_bytes() == second.read_bytes()
    text = "shut up you idiot"
    assert read_model(first).probabilities(text) == model.probabilities(text)


def test_features_normalise_links_handles_and_stretched_letters() -> None:
    terms = features("LOOOOL @Someone look http://x.co/a")
    assert "w:lool" in terms and "w:@user" not in terms  # '@' is no word character
    assert "w:user" in terms and "w:http" in terms
    assert "b:lool user" in terms
    assert "c: lo" in terms and "c:ool " in terms
    assert features("") == []


@pytest.fixture(scope="module")
def shipped() -> HateModel:
    return load_classifier()


def test_shipped_model_has_its_operating_points(shipped: HateModel) -> None:
    assert 0.0 < shipped.thresholds["hate"] < 1.0
    assert 0.0 < shipped.thresholds["abusive_max_neither"] < 1.0
    assert len(shipped.vocabulary) >= 1000
    assert "Davidson" in shipped.about["data"]


def test_shipped_model_tells_hate_from_offensive_language(shipped: HateModel) -> None:
    hate = shipped.probabilities("Those faggots are disgusting and should stay away from our kids")
    offensive = shipped.probabilities("Shut up bitch you are so annoying")
    harmless = shipped.probabilities("The museum opens at nine on Sundays and entry is free.")
    assert hate["hate"] >= shipped.thresholds["hate"] > offensive["hate"]
    assert offensive["offensive"] > max(offensive["hate"], offensive["neither"])
    assert harmless["hate"] < shipped.thresholds["hate"]
    assert harmless["neither"] > harmless["hate"]
    assert abs(sum(hate.values()) - 1.0) < 1e-9
