"""The compact copy of the abuse classifier scores exactly as the package does."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

from herald.framing import classifier, compact_classifier

TEXTS = [
    "Shut up you stupid idiot, get out of here",
    "The council met on Tuesday to discuss the new budget.",
    "These people are vermin and should be thrown out",
    "",
    "Zyxq wvut!",
]


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("HERALD_CACHE_DIR", str(tmp_path))
    classifier.load_classifier.cache_clear()
    yield tmp_path
    classifier.load_classifier.cache_clear()


def test_export_scores_exactly_as_the_package() -> None:
    from profanity_check import predict_prob, profanity_check

    compact = compact_classifier.export(profanity_check.vectorizer, profanity_check.model)
    assert compact is not None
    texts = TEXTS + compact_classifier.check_texts(sorted(compact.vocabulary))[:100]
    assert compact.score(texts) == [float(p) for p in predict_prob(texts)]
    assert compact.score(TEXTS[:1])[0] > 0.9 > compact.score(TEXTS[1:2])[0]


def test_loading_exports_once_then_reads_the_copy(cache_folder: Path) -> None:
    first = classifier.load_classifier()
    assert first is not None and (cache_folder / compact_classifier.CACHE_FILE).exists()
    classifier.load_classifier.cache_clear()
    second = classifier.load_classifier()
    assert second is not None and second(TEXTS) == first(TEXTS)
    assert isinstance(second.__self__, compact_classifier.CompactClassifier)  # type: ignore[attr-defined]


def test_a_copy_from_other_package_versions_is_not_used(cache_folder: Path) -> None:
    classifier.load_classifier()
    path = cache_folder / compact_classifier.CACHE_FILE
    _, compact = pickle.loads(path.read_bytes())
    path.write_bytes(pickle.dumps(("0.0:0.0:old", compact)))
    assert compact_classifier.load(cache_folder) is None
