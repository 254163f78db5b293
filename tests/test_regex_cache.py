"""The compiled-pattern cache makes loading faster, never different."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from herald.regex_cache import CACHE_FOLDER, MIN_CACHED_CHARS, cached_compilation

WORDS = [f"w{i}rd" for i in range(MIN_CACHED_CHARS // 5)]
PATTERN = "(?i)^(?:" + "|".join(WORDS) + r")(?P<tail>[a-zé]*)$"
PROBES = ["w17rd", "W17RDé", "w17rdx", "w17", "x17rd", "w19999rd", "w00rd"]


def answers(pattern: re.Pattern[str]) -> list[tuple[bool, str | None]]:
    results = []
    for probe in PROBES:
        match = pattern.match(probe)
        results.append((match is not None, match.group("tail") if match else None))
    return results


def compile_fresh(folder: Path) -> re.Pattern[str]:
    re.purge()  # re's in-process cache would answer before the compiler is asked
    with cached_compilation(folder):
        return re.compile(PATTERN)


def test_second_compilation_is_read_from_the_cache_and_matches_the_same(tmp_path: Path) -> None:
    re.purge()
    expected = answers(re.compile(PATTERN))
    first = compile_fresh(tmp_path)
    files = list((tmp_path / CACHE_FOLDER).glob("*.pickle"))
    assert len(files) == 1
    second = compile_fresh(tmp_path)
    assert answers(first) == answers(second) == expected
    assert second.groupindex == {"tail": 1} and second.flags & re.IGNORECASE


def test_a_corrupt_cache_file_falls_back_to_compiling(tmp_path: Path) -> None:
    compile_fresh(tmp_path)
    for path in (tmp_path / CACHE_FOLDER).glob("*.pickle"):
        path.write_bytes(b"not a pickle")
    assert answers(compile_fresh(tmp_path))[:2] == [(True, ""), (True, "é")]


def test_small_patterns_and_the_compiler_are_left_alone(tmp_path: Path) -> None:
    original = re._compiler.compile  # type: ignore[attr-defined]
    with cached_compilation(tmp_path):
        assert re.compile(r"\d+ people").match("80 people")
    assert re._compiler.compile is original  # type: ignore[attr-defined]
    assert not (tmp_path / CACHE_FOLDER).exists()


def test_a_full_cache_folder_is_not_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from herald import regex_cache

    monkeypatch.setattr(regex_cache, "MAX_CACHED_PATTERNS", 1)
    compile_fresh(tmp_path)
    re.purge()
    with cached_compilation(tmp_path):
        other = re.compile(PATTERN + "|extra")
    assert other.match("extra")
    assert len(list((tmp_path / CACHE_FOLDER).glob("*.pickle"))) == 1
