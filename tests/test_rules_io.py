"""Every stage reads its rule tables through one reader that refuses unusable files."""

from __future__ import annotations

from pathlib import Path

import pytest

from herald.errors import RulesError
from herald.framing import rules as framing_rules
from herald.rules_io import read_table


@pytest.mark.parametrize(
    "body", [b"{not json", b"{}", b"[1, 2]", b'{"triggers": []}', b'{"triggers": ["\xff"]}']
)
def test_unusable_tables_are_rules_errors_naming_the_file(tmp_path: Path, body: bytes) -> None:
    path = tmp_path / "xx.json"
    path.write_bytes(body)
    with pytest.raises(RulesError, match="xx.json"):
        read_table(path, ("triggers",))


def test_a_missing_table_is_a_rules_error(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="missing rule table"):
        read_table(tmp_path / "absent.json")


def test_a_malformed_framing_table_is_a_rules_error_not_a_json_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "zz.json").write_text('{"groups": ', encoding="utf-8")
    monkeypatch.setattr(framing_rules, "RULES_DIR", tmp_path)
    framing_rules.load_rules.cache_clear()
    try:
        with pytest.raises(RulesError):
            framing_rules.load_rules("zz")
    finally:
        framing_rules.load_rules.cache_clear()
