"""`herald eval` on a comment set: the figures of FORMAT.md, as the reference scorer computes them.

The set is written here: two pages of our own with labelled comments in two layouts.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from herald.cli import app
from herald.eval_comments import is_comment_set, run_comment_set

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "eval" / "score_comments.py"
BODY = ("Around town\n\nThe museum's autumn exhibition opened on Friday with eighty prints from "
        "the last century. Entry is free on Sundays.\n\n")
COMMENTS = [
    ("Those faggots are disgusting and should stay away from our kids", "hate"),
    ("Lovely pictures, I went twice.", "neither"),
    ("Shut up bitch you are so annoying", "offensive"),
    ("Will the exhibition travel to other towns?", "neither"),
]
runner = CliRunner()


def _page_numbered() -> str:
    items = "".join(f"  {n}. {text}\n\n" for n, (text, _) in enumerate(COMMENTS, 1))
    return BODY + "4 Responses to “Around town”\n\n" + items


def _page_says() -> str:
    heads = "".join(f"Reader{i} says:\nMay {i + 2}, 2020 at 10:0{i} am\n\n{text}\n\nReply\n\n"
                    for i, (text, _) in enumerate(COMMENTS))
    return BODY + "4 thoughts on “Around town”\n\n" + heads


@pytest.fixture
def comment_set(tmp_path: Path) -> Path:
    articles = tmp_path / "articles"
    articles.mkdir()
    pages = []
    for name, text in (("p1", _page_numbered()), ("p2", _page_says())):
        record = {"id": name, "url": None, "outlet": None, "published": None,
                  "title": None, "text": text}
        (articles / f"{name}.json").write_text(json.dumps(record), encoding="utf-8")
        spans = [{"label": label, "start": text.index(comment),
                  "end": text.index(comment) + len(comment), "text": comment}
                 for comment, label in COMMENTS]
        pages.append({"article": name, "comments": spans})
    gold = {"set": "own-comments", "comments": pages}
    (tmp_path / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    return tmp_path


def test_comment_set_is_scored_by_comment(comment_set: Path) -> None:
    assert is_comment_set(comment_set)
    figures = run_comment_set(comment_set).to_json()
    assert figures == {
        "set": "own-comments", "comments": 8, "in_comment_segment": 1.0, "hate_recall": 1.0,
        "neither_flag_rate": 0.0, "offensive_flag_rate": 1.0, "precision_vs_neither": 1.0,
    }


def test_cli_prints_the_same_figures_as_the_reference_scorer(comment_set: Path) -> None:
    result = runner.invoke(app, ["eval", str(comment_set), "--json"])
    assert result.exit_code == 0, result.output
    ours = json.loads(result.stdout)
    if not REFERENCE.is_file() or not (ROOT / ".venv" / "bin" / "herald").is_file():
        pytest.skip("the reference scorer or the installed herald command is absent")
    reference = subprocess.run([sys.executable, str(REFERENCE), str(comment_set)], cwd=ROOT,
                               capture_output=True, text=True, check=True)
    expected = json.loads(reference.stdout)
    assert {key: ours[key] for key in expected} == expected


def test_a_malformed_comment_gold_is_one_line_naming_the_file(comment_set: Path) -> None:
    (comment_set / "gold.json").write_text('{"comments": [{"article": "p1"}]}', encoding="utf-8")
    result = runner.invoke(app, ["eval", str(comment_set)])
    assert result.exit_code == 2
    assert "gold.json" in result.output and len(result.output.strip().splitlines()) == 1
