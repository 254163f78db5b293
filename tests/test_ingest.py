"""Reading every input format, and refusing bad input with one clear line per file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from herald.errors import InputError
from herald.ingest import read_inputs
from herald.model import Article
from herald.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def read(*paths: Path, settings: Settings | None = None) -> list[Article | InputError]:
    return list(read_inputs([str(p) for p in paths], settings or Settings()))


def articles(*paths: Path) -> dict[str, Article]:
    found = read(*paths)
    assert all(isinstance(item, Article) for item in found), found
    return {item.id: item for item in found if isinstance(item, Article)}


def test_txt_title_is_first_nonempty_line_and_id_is_stem() -> None:
    found = articles(FIXTURES / "good" / "harbour_march.txt")
    article = found["harbour_march"]
    assert article.title == "Dockers march through Port Examplestadt over pension cuts"
    assert article.text.startswith("Dockers march")
    assert article.origin.endswith("harbour_march.txt")


def test_json_list_keeps_ids_and_hashes_anonymous_records() -> None:
    found = articles(FIXTURES / "good" / "two_records.json")
    assert "rec-a" in found
    assert found["rec-a"].published == "2021-05-02"
    anonymous = [a for key, a in found.items() if key != "rec-a"]
    assert len(anonymous) == 1 and len(anonymous[0].id) == 16
    again = articles(FIXTURES / "good" / "two_records.json")
    assert set(again) == set(found), "content-hash ids must be stable"


def test_single_json_record_takes_file_stem_and_cuts_timestamp_to_date() -> None:
    found = articles(FIXTURES / "good" / "one_record.json")
    assert found["one_record"].published == "2020-01-10"
    assert found["one_record"].outlet == "Example Net"


def test_jsonl_skips_blank_lines() -> None:
    found = articles(FIXTURES / "good" / "records.jsonl")
    assert sorted(found) == ["jl-1", "jl-2"]
    assert found["jl-1"].published == "2019-03-03"


def test_directory_is_read_recursively_in_sorted_order() -> None:
    found = read(FIXTURES / "good")
    ids = [item.id for item in found if isinstance(item, Article)]
    assert len(ids) == 6 and "harbour_march" in ids and "jl-2" in ids


def test_stdin_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO('{"id": "s1", "text": "From a pipe."}\n'))
    found = list(read_inputs(["-"], Settings()))
    assert [a.id for a in found if isinstance(a, Article)] == ["s1"]


def test_seed_pages_read_as_txt() -> None:
    found = articles(*sorted(SEEDS.glob("*.txt")))
    assert len(found) == 3
    assert found["001_00069e0fb08b5a97"].title.startswith("They stormed a peaceful vigil")


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("binary.txt", "binary"),
        ("empty.txt", "empty"),
        ("malformed.json", "malformed JSON"),
        ("bad_date.json", "published"),
    ],
)
def test_bad_file_gives_one_error_naming_file_and_problem(name: str, problem: str) -> None:
    (error,) = read(FIXTURES / "bad" / name)
    assert isinstance(error, InputError)
    line = str(error)
    assert name in line and problem in line and "\n" not in line


def test_latin1_page_is_decoded_not_refused() -> None:
    (article,) = articles(FIXTURES / "bad" / "latin1.txt").values()
    assert article.title == "café latin-1 text" and article.encoding == "cp1252"


def test_bad_records_do_not_stop_good_ones() -> None:
    found = read(FIXTURES / "bad" / "mixed.jsonl")
    good = [item.id for item in found if isinstance(item, Article)]
    errors = [str(item) for item in found if isinstance(item, InputError)]
    assert good == ["ok-1"]
    assert len(errors) == 2
    assert any("mixed.jsonl:2" in e and "malformed JSON" in e for e in errors)
    assert any("mixed.jsonl:3" in e and "no 'text'" in e for e in errors)


def test_size_limit_and_unsupported_and_missing(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("x" * 2000)
    (error,) = read(big, settings=Settings(max_input_bytes=1000))
    assert isinstance(error, InputError) and "limit" in str(error)
    odd = tmp_path / "notes.pdf"
    odd.write_text("pdf?")
    (error,) = read(odd)
    assert isinstance(error, InputError) and "unsupported" in str(error)
    (error,) = read(tmp_path / "missing.txt")
    assert isinstance(error, InputError) and "no such file" in str(error)
