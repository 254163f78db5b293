"""Fast rule tests for the framing stage: voice, conditions, mentions, rule loading."""

from __future__ import annotations

import pytest

from herald.errors import RulesError
from herald.framing import frame_article, load_rules, summarise_outlet, supported_languages
from herald.framing import rules as rules_module
from herald.framing.voice import quote_mark_spans
from herald.model import Article, Segment


def frame(text: str, language: str = "en", kind: str = "body") -> dict:
    article = Article(id="t", text=text, language=language, segments=[Segment(kind, 0, len(text))])
    return frame_article(article).framing


def kinds(framing: dict) -> set[tuple[str, str | None, str]]:
    return {(f["kind"], f["target"], f["segment"]) for f in framing["flags"]}


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('He said "go home" twice.', '"go home"'),
        ("Elle a crié « dehors » devant la mairie.", "« dehors »"),
        ("Auf dem Plakat stand „Wir sind das Volk“ in Rot.", "„Wir sind das Volk“"),
        ("Sie riefen »Haut ab« und gingen.", "»Haut ab«"),
        ("Farage said migrants were 'invading' the country's towns.", "'invading'"),
        ("He called it ‘a disgrace’, didn’t he, in the ’90s.", "‘a disgrace’"),
        ("“Unclosed runs to the line end\nnot beyond", "“Unclosed runs to the line end"),
        ("Sie nannten es „eine\ngezielte Hetze“ am Montag.", "„eine\ngezielte Hetze“"),
    ],
)
def test_quotation_marks_of_several_conventions(text, quoted):
    spans = quote_mark_spans(text, 0, len(text))
    assert [text[a:b] for a, b in spans] == [quoted]


def test_reported_speech_gives_the_quoted_voice():
    framing = frame("The mayor said the rioters had wrecked the square.")
    assert [(lab["text"], lab["voice"]) for lab in framing["labels"]] == [("rioters", "quoted")]
    framing = frame("The rioters wrecked the square on Sunday night.")
    assert [(lab["text"], lab["voice"]) for lab in framing["labels"]] == [("rioters", "outlet")]


def test_trailing_attribution_hands_the_clause_before_it_to_the_speaker():
    framing = frame("Illegals are flooding in from the camp, the councillor said.")
    assert {lab["voice"] for lab in framing["labels"]} == {"quoted"}


def test_invasion_of_ukraine_is_not_a_migration_frame():
    text = "Russian invaders shelled the city while refugees fled west across the border."
    assert [f for f in frame(text)["flags"] if f["kind"] != "loaded"] == []
    assert ("dehumanising", "migrants", "body") in kinds(
        frame("The invaders from the migrant camp blocked the road again.")
    )


def test_dehumanising_word_needs_a_human_target():
    assert frame("Rats and cockroaches were found in the hotel kitchen.")["flags"] == []
    assert ("dehumanising", "muslims", "comments") in kinds(
        frame("Muslims are rats, all of them.", kind="comments")
    )


def test_reporting_about_hate_is_not_hate():
    text = "Researchers traced how the great replacement conspiracy theory spreads online."
    assert frame(text)["flags"] == []
    quoted = frame('The court fined a man who shouted "death to Jews" at worshippers.')
    assert kinds(quoted) == {("incitement", "jews", "quote")}


def test_fused_group_and_dehumanising_word_is_hate_but_a_quoted_label_is_not():
    assert ("hate", "migrants", "comments") in kinds(
        frame("These migrants are parasites.", kind="comments")
    )
    named = frame('She called migrants "parasites" in a speech, which drew protests.')
    assert ("hate", "migrants", "quote") not in kinds(named)
    assert ("dehumanising", "migrants", "quote") in kinds(named)


def test_hostility_to_islamists_is_not_hate_of_muslims():
    assert frame("Islamists have no place in Europe.", kind="comments")["flags"] == []
    assert kinds(frame("Muslims have no place in Europe.", kind="comments")) == {
        ("hate", "muslims", "comments")
    }


def test_french_and_german_lexicons_fire():
    assert ("conspiracy", "migrants", "comments") in kinds(
        frame("Le grand remplacement est une réalité.", "fr", "comments")
    )
    assert ("slur", "migrants", "comments") in kinds(
        frame("Diese Kanaken gehören nicht hierher.", "de", "comments")
    )


def test_comments_are_counted_and_flagged_per_comment():
    text = "1. Nice report, thanks.\n2. Muslims are parasites.\n3. The police did well."
    framing = frame(text, kind="comments")
    assert framing["comments"] == {
        "count": 3, "flagged": 1, "by_kind": {"dehumanising": 1, "hate": 1}
    }


def test_boilerplate_is_nobodys_voice():
    text = "Illegals out! says the banner ad."
    article = Article(id="b", text=text, language="en", segments=[Segment("boilerplate", 0, 26)])
    assert frame_article(article).framing["labels"] == []


def test_every_supported_language_has_rules():
    assert {"en", "fr", "de"} <= set(supported_languages())
    for language in supported_languages():
        assert load_rules(language).flags


def test_unknown_language_raises():
    with pytest.raises(RulesError):
        load_rules("xx")


def test_article_in_a_language_without_rules_gets_a_marked_empty_framing():
    framing = frame("Questi migranti sono parassiti.", language="xx")
    assert framing["flags"] == [] and framing["labels"] == []
    assert framing["language_supported"] is False


def test_empty_rule_table_raises(tmp_path, monkeypatch):
    (tmp_path / "zz.json").write_text('{"groups": {}, "flags": []}', encoding="utf-8")
    monkeypatch.setattr(rules_module, "RULES_DIR", tmp_path)
    with pytest.raises(RulesError):
        load_rules("zz")


def test_summarise_outlet_compares_outlets():
    one = frame("The illegals arrived as police watched.")
    two = frame("The refugees arrived as police watched.")
    summary = summarise_outlet([("tabloid", one), ("paper", two), ("tabloid", one)])
    assert summary["tabloid"]["articles"] == 2
    assert summary["tabloid"]["loaded_share"]["migrants"] == 1.0
    assert summary["paper"]["loaded_share"]["migrants"] == 0.0
    assert summary["tabloid"]["top_labels"]["migrants"] == [("illegals", 2)]
    assert summary["tabloid"]["flags"]["loaded"] == {"body": 2}
