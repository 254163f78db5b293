"""The cached py3langid model classifies exactly as the package's own identifier."""

from __future__ import annotations

from pathlib import Path

import py3langid
import pytest

from herald.segment import langid_model

TEXTS = [
    "Hundreds of nurses marched through the city centre on Saturday.",
    "Des centaines d'infirmiers ont défilé samedi dans le centre-ville.",
    "Hunderte Pflegekräfte zogen am Samstag durch die Innenstadt.",
    "Centinaia di infermieri hanno sfilato sabato nel centro città.",
    "Сотни медсестер прошли в субботу по центру города.",
    "yes",
]


def test_cached_model_classifies_as_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HERALD_CACHE_DIR", str(tmp_path))
    langid_model.language_identifier.cache_clear()
    try:
        built = langid_model.language_identifier()
        assert (tmp_path / langid_model.CACHE_FILE).exists()
        langid_model.language_identifier.cache_clear()
        reloaded = langid_model.language_identifier()
        for text in TEXTS:
            expected = py3langid.classify(text)
            assert built.classify(text) == reloaded.classify(text) == expected
    finally:
        langid_model.language_identifier.cache_clear()
