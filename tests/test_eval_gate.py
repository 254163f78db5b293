"""The eval gate, as trafilatura keeps one: quality on the dev sets must not fall below
the floors pinned in eval_floors.json (and, for rates where lower is better, under the
set's "max" key). Raise the floors as quality rises; never lower one without saying why
in the commit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from herald.eval import Scores, run_gold_set
from herald.eval_comments import CommentScores, is_comment_set, run_comment_set

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
FLOORS = json.loads((Path(__file__).parent / "eval_floors.json").read_text())


# Figures where lower is better (a comment set's 'neither_flag_rate') sit under "max".
CEILINGS = "max"


@pytest.fixture(scope="module", params=sorted(FLOORS))
def scored(request: pytest.FixtureRequest) -> tuple[str, Scores | CommentScores]:
    name = request.param
    gold_dir = EVAL / name
    return name, run_comment_set(gold_dir) if is_comment_set(gold_dir) else run_gold_set(gold_dir)


def test_dev_set_stays_above_its_floors(scored: tuple[str, Scores | CommentScores]) -> None:
    name, scores = scored
    figures = scores.to_json()
    floors = {key: value for key, value in FLOORS[name].items() if key != CEILINGS}
    below = {
        figure: (round(figures[figure], 3), floor)
        for figure, floor in floors.items()
        if figures[figure] < floor
    }
    above = {
        figure: (round(figures[figure], 3), ceiling)
        for figure, ceiling in FLOORS[name].get(CEILINGS, {}).items()
        if figures[figure] > ceiling
    }
    assert not below, f"{name}: figures below their floors (got, floor): {below}"
    assert not above, f"{name}: figures above their ceilings (got, ceiling): {above}"
