"""Derived files: atomic, stamped, and never an error when unreadable or unwritable."""

from __future__ import annotations

from pathlib import Path

from herald.cachefiles import load_stamped, save_stamped, write_atomically


def test_a_saved_value_comes_back_only_under_its_stamp(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "table.pickle"
    assert save_stamped(path, "pkg-1.0", {"Lille": (50.63, 3.06)})
    assert load_stamped(path, "pkg-1.0") == {"Lille": (50.63, 3.06)}
    assert load_stamped(path, "pkg-2.0") is None
    assert [p.name for p in path.parent.iterdir()] == ["table.pickle"]  # no temp file left


def test_corrupt_or_missing_files_read_as_nothing(tmp_path: Path) -> None:
    assert load_stamped(tmp_path / "absent.pickle", "x") is None
    broken = tmp_path / "broken.pickle"
    broken.write_bytes(b"\x80\x05not a pickle")
    assert load_stamped(broken, "x") is None


def test_an_unwritable_place_is_reported_not_raised(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert not write_atomically(blocker / "child.bin", b"data")
    assert not save_stamped(blocker / "child.pickle", "x", [1, 2])
