"""Hate in reader comments: the model's flags, the slurs it gates, and the per-comment tally.

Sentences are written for this test. A comment is its own 'comments' segment, as the segment
stage makes it.
"""

from __future__ import annotations

from typing import Any

from herald.framing import frame_article
from herald.framing.classifier import load_classifier
from herald.framing.frame import comment_chunks
from herald.framing.rules import load_rules
from herald.framing.units import article_units
from herald.model import Article, Segment

BODY = "The city council approved two new bus lanes on Tuesday.\n\n"


def framed(comments: list[str], language: str = "en", body: str = BODY) -> tuple[str, dict]:
    text = body
    segments = [Segment("body", 0, len(body.rstrip()))]
    for comment in comments:
        segments.append(Segment("comments", len(text), len(text) + len(comment)))
        text += comment + "\n\n"
    article = Article(id="c", text=text, language=language, segments=segments)
    return text, frame_article(article).framing


def flags(framing: dict, kind: str | None = None) -> list[dict[str, Any]]:
    return [f for f in framing["flags"] if kind is None or f["kind"] == kind]


def test_the_model_flags_hate_against_a_group_over_the_whole_comment() -> None:
    comment = "Those faggots are disgusting and should stay away from our kids"
    _, framing = framed([comment])
    hate = flags(framing, "hate")
    assert [(f["text"], f["target"], f["segment"]) for f in hate] == [(comment, "lgbt", "comments")]
    assert hate[0]["model_score"] == hate[0]["score"] >= load_classifier().thresholds["hate"]
    assert [f["target"] for f in flags(framing, "slur")] == ["lgbt"]


def test_offensive_language_gets_no_hate_flag_but_its_gendered_slur() -> None:
    _, framing = framed(["Shut up bitch you are so annoying"])
    assert flags(framing, "hate") == []
    assert [(f["text"], f["target"]) for f in flags(framing, "slur")] == [("bitch", "women")]


def test_gated_words_stay_unflagged_in_harmless_comments_and_in_the_body() -> None:
    body = "Queer activists and a local bitch breeder spoke at the council meeting.\n\n"
    _, framing = framed(["I signed up for the queer studies seminar next term."], body=body)
    assert flags(framing) == []


def test_harmless_comments_get_no_flag_and_are_still_counted() -> None:
    _, framing = framed(["Lovely weather for the marathon today.", "Entry is free on Sundays."])
    assert flags(framing) == []
    assert framing["comments"] == {"count": 2, "flagged": 0, "by_kind": {}}


def test_the_tally_counts_comments_by_kind() -> None:
    _, framing = framed([
        "Those faggots are disgusting and should stay away from our kids",
        "Shut up bitch you are so annoying",
        "Nice report, thanks.",
    ])
    assert framing["comments"] == {"count": 3, "flagged": 2, "by_kind": {"hate": 1, "slur": 2}}


def test_body_flags_carry_the_models_score_but_no_model_flag_is_added() -> None:
    body = "The leaflet called migrants vermin and parasites.\n\n"
    _, framing = framed([], body=body)
    assert flags(framing, "dehumanising")
    assert all("model_score" in f for f in flags(framing))
    assert all(f["text"] != body.strip() for f in flags(framing))  # lexicon spans only


def test_french_and_german_comments_get_lexicon_flags_without_a_model() -> None:
    _, french = framed(["Ces pédés devraient se cacher."], language="fr",
                       body="Le conseil a approuvé deux couloirs de bus mardi.\n\n")
    _, german = framed(["Die Schwuchteln sollen verschwinden."], language="de",
                       body="Der Stadtrat hat am Dienstag zwei Busspuren beschlossen.\n\n")
    for framing in (french, german):
        assert [(f["kind"], f["target"]) for f in flags(framing)] == [("slur", "lgbt")]
        assert "model_score" not in flags(framing)[0]


def test_long_comments_are_scored_sentence_by_sentence_without_numbering() -> None:
    long_comment = "1. " + " ".join(["The bus lanes will help the school run."] * 12)
    text, _ = framed([long_comment, "2. Short one."])
    segments = [Segment("comments", text.index("1. "), text.index("1. ") + len(long_comment)),
                Segment("comments", text.index("2. "), text.index("2. ") + 13)]
    article = Article(id="c", text=text, language="en", segments=segments)
    chunks = comment_chunks(article, article_units(article, load_rules("en")))
    assert len(chunks) == 13
    assert text[chunks[0][0]:chunks[0][1]] == "The bus lanes will help the school run."
    assert text[chunks[-1][0]:chunks[-1][1]] == "Short one."
