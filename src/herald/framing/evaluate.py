"""Precision and recall of flags per kind on a labelled sentence set.

Each line of the set is ``{"lang", "text", "segment", "flags": [{"kind", "target",
"segment"?}]}``: one sentence framed as an article of one segment. A system flag
counts as correct when kind, target and segment (the line's, unless the expected
flag names 'quote') all agree. Keys are counted once per sentence: two 'loaded' words
for migrants in one sentence are one finding, not two.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from herald.framing.frame import frame_article
from herald.framing.rules import FLAG_KINDS
from herald.model import Article, Segment

FlagKey = tuple[str, str | None, str]


def read_labelled(path: Path, split: str | None = None) -> list[dict[str, Any]]:
    """The set's rows; ``split`` keeps only rows of that split ('dev' is the default)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    return [row for row in rows if split is None or row.get("split", "dev") == split]


def sentence_article(item: dict[str, Any], number: int) -> Article:
    text = item["text"]
    return Article(
        id=f"labelled-{number}",
        text=text,
        language=item["lang"],
        segments=[Segment(item["segment"], 0, len(text))],
    )


def expected_keys(item: dict[str, Any]) -> Counter[FlagKey]:
    return Counter(
        {
            (flag["kind"], flag.get("target"), flag.get("segment", item["segment"])): 1
            for flag in item["flags"]
        }
    )


def system_keys(item: dict[str, Any], number: int) -> Counter[FlagKey]:
    framing = frame_article(sentence_article(item, number)).framing
    return Counter({(f["kind"], f["target"], f["segment"]): 1 for f in framing["flags"]})


def ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def score_labelled(path: Path, split: str | None = None) -> dict[str, dict[str, Any]]:
    """Per flag kind, plus 'all': true positives, system and gold counts, P and R."""
    tallies = {kind: Counter[str]() for kind in FLAG_KINDS}
    for number, item in enumerate(read_labelled(path, split)):
        gold, system = expected_keys(item), system_keys(item, number)
        for key in gold | system:
            tally = tallies[key[0]]
            tally["tp"] += min(gold[key], system[key])
            tally["gold"] += gold[key]
            tally["system"] += system[key]
    tallies["all"] = sum(tallies.values(), Counter[str]())
    return {
        kind: {
            **dict(tally),
            "precision": ratio(tally["tp"], tally["system"]),
            "recall": ratio(tally["tp"], tally["gold"]),
        }
        for kind, tally in tallies.items()
    }


def mistakes(
    path: Path, split: str | None = "dev"
) -> list[tuple[str, list[FlagKey], list[FlagKey]]]:
    """(text, missed, spurious) for every sentence the system gets wrong, dev rows only
    by default: held-out rows are for measuring, not for tuning."""
    wrong = []
    for number, item in enumerate(read_labelled(path, split)):
        gold, system = expected_keys(item), system_keys(item, number)
        if gold != system:
            wrong.append(
                (item["text"], list((gold - system).elements()), list((system - gold).elements()))
            )
    return wrong


if __name__ == "__main__":
    import sys

    target = Path(sys.argv[1])
    chosen = sys.argv[2] if len(sys.argv) > 2 else "dev"
    for kind, row in score_labelled(target, chosen).items():
        print(
            f"{kind:13} P={row['precision']} R={row['recall']} "
            f"tp={row.get('tp', 0)} sys={row.get('system', 0)} gold={row.get('gold', 0)}"
        )
    for text, missed, spurious in mistakes(target, chosen):
        print(f"- {text[:90]}\n    missed={missed} spurious={spurious}")
