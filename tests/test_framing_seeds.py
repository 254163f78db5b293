"""Acceptance on the three seed pages (../shared/eval/seeds, gold key 'framing').

Until the segment stage's output is wired in, segments follow the seeds' gold: the
first line is the title, s002's body ends before 'calais-02' and its comments start
at '1. More patriot action at last'; everything else is body.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from herald.framing import frame_article
from herald.model import Article, Segment

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "eval" / "seeds" / "articles"
SCHEMA = SHARED / "schema" / "article.schema.json"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/eval not present")


def seed_article(seed_id: str) -> Article:
    record = json.loads((SEEDS / f"{seed_id}.json").read_text(encoding="utf-8"))
    text = record["text"]
    title_end = text.index("\n")
    segments = [Segment("title", 0, title_end)]
    body_end = len(text)
    if "calais-02" in text:
        body_end = text.index("calais-02")
        comments_start = text.index("1. More patriot action at last")
        segments.append(Segment("boilerplate", body_end, comments_start))
        segments.append(Segment("comments", comments_start, len(text)))
    segments.insert(1, Segment("body", title_end + 1, body_end))
    return Article(id=seed_id, text=text, language="en", segments=segments)


@pytest.fixture(scope="module")
def framed() -> dict[str, dict]:
    return {sid: frame_article(seed_article(sid)).framing for sid in ("s000", "s001", "s002")}


def flags_of(framing: dict, kind: str | None = None, segment: str | None = None) -> list[dict]:
    return [
        f
        for f in framing["flags"]
        if (kind is None or f["kind"] == kind) and (segment is None or f["segment"] == segment)
    ]


def test_s002_invaders_are_dehumanising_in_the_outlets_voice(framed):
    body = {f["text"] for f in flags_of(framed["s002"], "dehumanising", "body")}
    assert "nonwhite invader camp" in body
    assert "invaders" in body
    assert all(f["target"] == "migrants" for f in flags_of(framed["s002"], "dehumanising", "body"))


def test_s002_both_hateful_comments_are_flagged(framed):
    comments = flags_of(framed["s002"], segment="comments")
    antisemitic = {f["text"] for f in comments if f["kind"] == "conspiracy"}
    assert {"crypto-Jew", "puppet-masters"} <= antisemitic
    assert all(f["target"] == "jews" for f in comments if f["kind"] == "conspiracy")
    muslim = [f for f in comments if f["kind"] == "hate" and f["target"] == "muslims"]
    assert [f["text"] for f in muslim] == ["Muslim parasites"]
    comments = framed["s002"]["comments"]
    assert (comments["count"], comments["flagged"]) == (7, 2)
    assert comments["by_kind"]["conspiracy"] == 1 and comments["by_kind"]["hate"] == 2


def test_s001_has_no_body_flag(framed):
    assert flags_of(framed["s001"], segment="body") == []
    assert flags_of(framed["s001"], segment="title") == []


def migrant_labels(framing: dict) -> set[str]:
    return {label["text"] for label in framing["labels"] if label["group"] == "migrants"}


def test_migrant_labels_differ_between_outlets_as_gold_lists(framed):
    assert {"refugees", "Syrians seeking refuge"} <= migrant_labels(framed["s001"])
    assert {
        "nonwhite invader camp",
        "invaders",
        "illegal invaders",
        "illegals",
        "illegal immigrants",
    } <= migrant_labels(framed["s002"])
    assert "illegal migrants" in migrant_labels(framed["s000"])
    s001_loaded = [lab for lab in framed["s001"]["labels"] if lab["loaded"]]
    assert s001_loaded == []


def test_s000_quoted_labels_carry_the_quoted_voice(framed):
    voices = {lab["text"]: lab["voice"] for lab in framed["s000"]["labels"]}
    assert voices["illegal migrants"] == "quoted"
    assert voices["Islamist radicals"] == "quoted"


def test_offsets_index_the_article_text_and_follow_the_schema(framed):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))["properties"]["framing"]
    for sid, framing in framed.items():
        jsonschema.validate(framing, schema)
        text = seed_article(sid).text
        for item in framing["labels"] + framing["flags"]:
            assert text[item["start"] : item["end"]] == item["text"]


def test_acceptance_holds_with_the_segment_stage():
    segment = pytest.importorskip("herald.segment")
    record = json.loads((SEEDS / "s002.json").read_text(encoding="utf-8"))
    article = Article(id="s002", text=record["text"], title=record["title"], language="en")
    framing = frame_article(segment.segment_article(article)).framing
    body = {f["text"] for f in flags_of(framing, "dehumanising", "body")}
    assert {"invaders", "nonwhite invader camp"} <= body
    assert framing["comments"]["flagged"] == 2


ACLED_NOTES = SHARED / "eval" / "acled-notes-dev" / "articles"
HATE_KINDS = {"hate", "dehumanising", "slur", "incitement", "conspiracy"}


@pytest.mark.skipif(not ACLED_NOTES.is_dir(), reason="acled-notes-dev not present")
def test_acled_coders_notes_get_no_hate_flag():
    """ACLED's notes describe violence in a coder's neutral words: nothing in them is hate
    (issue 10's guard against flagging the harmless)."""
    flagged = []
    notes = sorted(ACLED_NOTES.glob("*.json"))
    assert len(notes) >= 100
    for path in notes:
        text = json.loads(path.read_text(encoding="utf-8"))["text"]
        article = Article(id=path.stem, text=text, language="en",
                          segments=[Segment("body", 0, len(text))])
        kinds = {f["kind"] for f in frame_article(article).framing["flags"]}
        if kinds & HATE_KINDS:
            flagged.append((path.stem, sorted(kinds & HATE_KINDS)))
    assert flagged == []
