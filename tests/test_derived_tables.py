"""Tables derived from installed packages, kept or read cheaply, equal what they replace."""

from __future__ import annotations

from pathlib import Path

import pytest

from herald.extract import places
from herald.segment import metadata


def test_capitals_read_back_from_the_cache_folder_equal_the_built_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HERALD_CACHE_DIR", str(tmp_path))
    places._capitals.cache_clear()
    try:
        built = places._capitals()
        assert (tmp_path / places.CAPITALS_FILE).exists()
        places._capitals.cache_clear()
        assert places._capitals() == built
        assert built["FR"]["name"] == "Paris" and built["KE"]["name"] == "Nairobi"
    finally:
        places._capitals.cache_clear()


def test_dateparser_language_list_is_its_locale_map() -> None:
    from dateparser.languages.loader import default_loader

    assert metadata.dateparser_languages() == frozenset(default_loader.get_locale_map())
