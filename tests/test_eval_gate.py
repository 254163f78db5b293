"""The eval gate, as trafilatura keeps one: quality on the dev sets must not fall below
the floors pinned in eval_floors.json. Raise the floors as quality rises; never lower
one without saying why in the commit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from herald.eval import Scores, run_gold_set

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
FLOORS = json.loads((Path(__file__).parent / "eval_floors.json").read_text())


@pytest.fixture(scope="module", params=sorted(FLOORS))
def scored(request: pytest.FixtureRequest) -> tuple[str, Scores]:
    name = request.param
    return name, run_gold_set(EVAL / name)


def test_dev_set_stays_above_its_floors(scored: tuple[str, Scores]) -> None:
    name, scores = scored
    figures = scores.to_json()
    below = {
        figure: (round(figures[figure], 3), floor)
        for figure, floor in FLOORS[name].items()
        if figures[figure] < floor
    }
    assert not below, f"{name}: figures below their floors (got, floor): {below}"
