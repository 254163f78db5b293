"""The resolve stage on candidates written here: one event per real-world event."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from herald.model import Actor, Claim, Event, EventDate, Evidence, Label, Location, Source, Story
from herald.resolve import block_keys, blocks_to_load, find_copies, resolve_events, text_signature
from herald.resolve.canonical import event_id

CALAIS = {"name": "Calais", "country": "FR", "admin1": "Hauts-de-France", "lat": 50.95, "lon": 1.86}
COQUELLES = {
    "name": "Coquelles",
    "country": "FR",
    "admin1": "Hauts-de-France",
    "lat": 50.93,
    "lon": 1.80,
}
LILLE = {"name": "Lille", "country": "FR", "admin1": "Hauts-de-France", "lat": 50.63, "lon": 3.06}
DRESDEN = {"name": "Dresden", "country": "DE", "admin1": "Saxony", "lat": 51.05, "lon": 13.74}


def candidate(
    article: str,
    day: str | None,
    place: dict,
    *,
    n: int = 0,
    outlet: str | None = None,
    published: str | None = None,
    date_text: str | None = None,
    precision: str = "day",
    event_type: str = "Protests",
    sub: str = "Peaceful protest",
    actors: tuple[tuple[str, str], ...] = (),
    claims: tuple[tuple[str, int, str], ...] = (),
    summary: str = "",
) -> Event:
    """One candidate as extraction would make it from one made-up report."""
    date_evidence = Evidence(article, 0, len(date_text), date_text) if date_text else None
    return Event(
        id=f"{article}-c{n}",
        event_type=event_type,
        sub_event_type=sub,
        date=EventDate(day, precision if day else "unknown", date_evidence),
        location=Location(precision="city", **place),
        actors=[Actor(name, role, [Label(article, name)]) for name, role in actors],
        claims=[Claim(f, value, who, article) for f, value, who in claims],  # type: ignore[arg-type]
        sources=[Source(article, outlet or f"{article}.example", published=published or day)],
        summary=summary,
    )


def members(events: list[Event]) -> list[list[str]]:
    return sorted(sorted(event.members) for event in events)


GI = (("Generation Identitaire", "organiser"), ("CRS", "security_forces"))


def calais_reports() -> list[Event]:
    """Three outlets, two languages, one blockade."""
    return [
        candidate(
            "fr1",
            "2016-03-12",
            CALAIS,
            outlet="cnews.fr",
            date_text="samedi matin",
            actors=GI,
            claims=(("arrests", 14, "police"), ("crowd_size", 130, "unattributed")),
            summary="Des militants de Génération identitaire bloquent les ponts de Calais",
        ),
        candidate(
            "en1",
            "2016-03-12",
            COQUELLES,
            outlet="breitbart.com",
            published="2016-03-13",
            date_text="yesterday",
            sub="Violent demonstration",
            event_type="Riots",
            actors=(("Génération Identitaire", "organiser"),),
            claims=(("arrests", 14, "police"), ("crowd_size", 80, "police")),
            summary="Identitarian activists blockade bridges to the Calais Jungle camp",
        ),
        candidate(
            "en2",
            "2016-03-12",
            CALAIS,
            outlet="euro-islam.info",
            date_text="March 12",
            sub="Violent demonstration",
            event_type="Riots",
            actors=GI,
            claims=(("crowd_size", 80, "police"), ("crowd_size", 130, "Generation Identitaire")),
            summary="Fourteen arrested in far-right anti-migrant protest in Calais",
        ),
    ]


def test_reports_in_two_languages_become_one_event() -> None:
    events = resolve_events(calais_reports(), [], [])
    assert members(events) == [["en1-c0", "en2-c0", "fr1-c0"]]
    event = events[0]
    assert (event.event_type, event.sub_event_type) == ("Riots", "Violent demonstration")
    assert event.date.value == "2016-03-12"
    assert event.location.name == "Calais"  # two sources against one
    assert len(event.claims) == 6
    assert {s.article for s in event.sources} == {"fr1", "en1", "en2"}
    labels = {label.text for actor in event.actors for label in actor.labels}
    assert {"Generation Identitaire", "Génération Identitaire"} <= labels
    assert len([a for a in event.actors if a.role == "organiser"]) == 1


def test_conflicts_name_figures_claimants_and_outlets() -> None:
    event = resolve_events(calais_reports(), [], [])[0]
    crowd = next(c for c in event.conflicts if c.startswith("crowd_size"))
    assert crowd.startswith("crowd_size: 80 per police (breitbart.com), police (euro-islam.info)")
    assert crowd.endswith(
        "vs 130 per Generation Identitaire (euro-islam.info), unattributed (cnews.fr)"
    )
    assert not any(c.startswith("arrests") for c in event.conflicts)  # all say 14
    assert any(
        c == "location: Calais (euro-islam.info, cnews.fr) vs Coquelles (breitbart.com)"
        for c in event.conflicts
    )


def test_misread_date_is_listed_as_a_conflict_not_split() -> None:
    misdated = candidate(
        "fr2",
        "2016-04-11",
        CALAIS,
        outlet="francais.rt.com",
        published="2016-03-12",
        date_text="11 avril",
        actors=GI,
        claims=(("arrests", 14, "unattributed"),),
        summary="Calais : des militants identitaires bloquent les ponts",
    )
    events = resolve_events([*calais_reports(), misdated], [], [])
    assert members(events) == [["en1-c0", "en2-c0", "fr1-c0", "fr2-c0"]]
    assert (
        "date: 2016-03-12 (breitbart.com, euro-islam.info, cnews.fr) vs 2016-04-11 "
        "(francais.rt.com)" in events[0].conflicts
    )


def test_same_place_different_day_never_merges() -> None:
    pegida = (("PEGIDA", "organiser"),)
    reports = [
        candidate(
            "a",
            "2015-01-05",
            DRESDEN,
            date_text="5. Januar",
            actors=pegida,
            claims=(("crowd_size", 18000, "police"),),
            summary="PEGIDA march in Dresden",
        ),
        candidate(
            "b",
            "2015-01-12",
            DRESDEN,
            date_text="12. Januar",
            actors=pegida,
            claims=(("crowd_size", 25000, "police"),),
            summary="PEGIDA march in Dresden",
        ),
        candidate(
            "c",
            "2015-01-13",
            DRESDEN,
            date_text="13 January",
            actors=pegida,
            summary="PEGIDA march in Dresden",
        ),
        candidate(
            "d",
            "2015-02-12",
            DRESDEN,
            date_text="12 February",
            actors=pegida,
            claims=(("crowd_size", 18000, "police"),),
            summary="PEGIDA march in Dresden",
        ),
    ]
    assert len(resolve_events(reports, [], [])) == 4


def test_relative_dates_bridge_one_day_but_do_not_chain() -> None:
    reports = [
        candidate(
            "a", "2015-01-12", DRESDEN, date_text="12. Januar", actors=(("PEGIDA", "organiser"),)
        ),
        candidate(
            "b", "2015-01-13", DRESDEN, date_text="Monday", actors=(("PEGIDA", "organiser"),)
        ),
        candidate(
            "c", "2015-01-14", DRESDEN, date_text="14 January", actors=(("PEGIDA", "organiser"),)
        ),
    ]
    events = resolve_events(reports, [], [])
    assert members(events) == [["a-c0", "b-c0"], ["c-c0"]]


def test_two_incidents_of_one_afternoon_stay_apart() -> None:
    rally = candidate(
        "a",
        "2017-04-01",
        LILLE,
        date_text="1 April",
        event_type="Riots",
        sub="Violent demonstration",
        actors=(("Britain First", "organiser"),),
    )
    attack = candidate(
        "b",
        "2017-04-01",
        LILLE,
        date_text="1 April",
        event_type="Violence against civilians",
        sub="Attack",
        actors=(("Britain First", "victim"), ("Unknown assailants", "perpetrator")),
    )
    assert len(resolve_events([rally, attack], [], [])) == 2


def test_two_events_of_one_article_never_merge_even_with_a_third_report() -> None:
    lille = candidate(
        "a",
        "2015-11-14",
        LILLE,
        n=0,
        date_text="samedi 14 novembre",
        claims=(("crowd_size", 500, "police"),),
        summary="vigil in Lille",
    )
    lille2 = candidate(
        "a",
        "2015-11-14",
        LILLE,
        n=1,
        date_text="samedi 14 novembre",
        sub="Protest with intervention",
        summary="far-right group disrupt",
    )
    other = candidate(
        "b",
        "2015-11-14",
        LILLE,
        date_text="Saturday",
        claims=(("crowd_size", 500, "AFP"),),
        summary="vigil in Lille",
    )
    events = resolve_events([lille, lille2, other], [], [])
    assert members(events) == [["a-c0", "b-c0"], ["a-c1"]]


def test_trial_and_anniversary_do_not_merge_with_the_original() -> None:
    storming = candidate(
        "a",
        "2019-07-01",
        LILLE,
        date_text="1 July",
        event_type="Riots",
        sub="Violent demonstration",
        actors=(("Protesters", "participant"),),
    )
    trial = candidate(
        "b",
        "2024-03-20",
        LILLE,
        date_text="20 March",
        event_type="Strategic developments",
        sub="Other",
        actors=(("Protesters", "participant"),),
    )
    anniversary = candidate(
        "c",
        "2020-07-01",
        LILLE,
        date_text="1 July",
        event_type="Riots",
        sub="Violent demonstration",
        actors=(("Protesters", "participant"),),
    )
    assert len(resolve_events([storming, trial, anniversary], [], [])) == 3


def test_preview_does_not_merge_with_the_event_it_announces() -> None:
    preview = candidate(
        "a",
        "2018-12-01",
        LILLE,
        published="2018-11-28",
        date_text="1er décembre",
        actors=(("Gilets jaunes", "organiser"),),
        summary="appel à manifester",
    )
    report = candidate(
        "b",
        "2018-12-01",
        LILLE,
        date_text="1er décembre",
        actors=(("Gilets jaunes", "organiser"),),
        summary="appel à manifester",
    )
    assert len(resolve_events([preview, report], [], [])) == 2


def test_undated_report_needs_place_actor_and_content() -> None:
    dated = calais_reports()[2]
    undated_match = candidate(
        "u1",
        None,
        CALAIS,
        published="2016-03-13",
        actors=GI,
        sub="Violent demonstration",
        event_type="Riots",
        claims=(("arrests", 14, "police"),),
        summary="Fourteen arrested in far-right protest in Calais",
    )
    undated_vague = candidate(
        "u2", None, CALAIS, published="2016-03-13", summary="A protest took place"
    )
    # Calais had another event that week, reported twice: the vague report could be
    # either's, and only evidence places a report when its town is ambiguous.
    friday = [candidate(f"fri{n}", "2016-03-11", CALAIS, claims=(("crowd_size", 60, "police"),))
              for n in (1, 2)]
    events = resolve_events([dated, undated_match, undated_vague, *friday], [], [])
    assert members(events) == [["en2-c0", "u1-c0"], ["fri1-c0", "fri2-c0"], ["u2-c0"]]
    merged = next(event for event in events if len(event.members) == 2)
    assert merged.date.value == "2016-03-12"


def test_syndicated_copy_is_one_source_not_a_confirmation() -> None:
    original = calais_reports()[2]
    copy = candidate(
        "blog",
        "2016-03-12",
        CALAIS,
        outlet="blog.example",
        date_text="12 March",
        actors=GI,
        claims=(("crowd_size", 80, "police"),),
        summary=original.summary,
    )
    other = candidate(
        "x",
        "2016-03-12",
        CALAIS,
        outlet="x.example",
        date_text="12 March",
        actors=GI,
        claims=(("crowd_size", 130, "organisers"),),
    )
    story = Story("s1", ["en2", "blog"])
    event = resolve_events([original, copy, other], [], [story])[0]
    sources = {s.article: s for s in event.sources}
    assert sources["blog"].copy_of == "en2" and sources["en2"].copy_of is None
    crowd = next(c for c in event.conflicts if c.startswith("crowd_size"))
    assert "blog.example" not in crowd  # the copy's figures are the original's


def test_copy_votes_once_for_the_date() -> None:
    a = candidate("a", "2016-03-11", CALAIS, outlet="a.example", date_text="Friday", actors=GI)
    a_copy = candidate(
        "a2", "2016-03-11", CALAIS, outlet="copy.example", date_text="Friday", actors=GI
    )
    b = candidate("b", "2016-03-12", CALAIS, outlet="b.example", date_text="12 March", actors=GI)
    without_story = resolve_events([a, a_copy, b], [], [])
    with_story = resolve_events([a, a_copy, b], [], [Story("s", ["a", "a2"])])
    assert len(without_story) == len(with_story) == 1
    assert without_story[0].date.value == "2016-03-11"  # two "independent" voices
    assert with_story[0].date.value == "2016-03-12"  # a tie, the written-out date wins


def test_a_tied_coding_goes_to_the_report_that_dates_the_event() -> None:
    # Two outlets, one raid: one dates it and codes the weapons seized; the other,
    # undated, codes the bombings its headline says the cell was behind.
    raid = candidate("a", "2019-09-23", CALAIS, outlet="a.example", date_text="Monday",
                     event_type="Strategic developments", sub="Disrupted weapons use",
                     actors=GI)
    recap = candidate("b", None, CALAIS, outlet="b.example", actors=GI,
                      event_type="Explosions/Remote violence",
                      sub="Remote explosive/landmine/IED")
    event = resolve_events([raid, recap], [], [])
    assert len(event) == 1
    assert event[0].sub_event_type == "Disrupted weapons use"
    # With both dated, the tie goes to the more severe coding, as before.
    dated = candidate("b", "2019-09-23", CALAIS, outlet="b.example", date_text="Monday",
                      actors=GI, event_type="Explosions/Remote violence",
                      sub="Remote explosive/landmine/IED")
    assert resolve_events([raid, dated], [], [])[0].sub_event_type == (
        "Remote explosive/landmine/IED")


def test_a_day_read_from_the_text_outranks_a_page_day_on_a_tie() -> None:
    read_day = candidate("a", "2023-03-17", CALAIS, outlet="a.example", date_text="viernes",
                         actors=GI)
    page_day = candidate("b", "2023-03-18", CALAIS, outlet="b.example", actors=GI)
    event = resolve_events([read_day, page_day], [], [])
    assert len(event) == 1 and event[0].date.value == "2023-03-17"


def test_ids_are_stable_and_resolution_idempotent() -> None:
    reports = calais_reports()
    first = resolve_events(reports, [], [])
    again = resolve_events(list(reversed(reports)), first, [])
    assert [e.to_json() for e in first] == [e.to_json() for e in again]
    assert [e.members for e in first] == [e.members for e in again]
    assert first[0].id.startswith("ev-")


def test_new_report_attaches_to_the_stored_event() -> None:
    reports = calais_reports()
    stored = resolve_events(reports[:2], [], [])
    assert len(stored) == 1
    later = resolve_events(reports, stored, [])
    assert len(later) == 1 and later[0].id == stored[0].id
    assert sorted(later[0].members) == ["en1-c0", "en2-c0", "fr1-c0"]


def test_new_event_id_is_a_hash_of_its_founding_candidate() -> None:
    reports = calais_reports()
    alone = resolve_events([reports[0]], [], [])
    together = resolve_events(reports, [], [])
    assert alone[0].id == event_id("fr1-c0")
    assert together[0].id == event_id("en1-c0")  # the smallest member founds it


def test_block_keys_share_a_week_across_a_boundary() -> None:
    sunday = candidate("a", "2016-03-13", CALAIS, date_text="13 March")
    monday = candidate("b", "2016-03-14", CALAIS, date_text="Monday")
    assert block_keys(sunday) & block_keys(monday)
    assert all(key.startswith("FR|") for key in block_keys(sunday))
    undated = candidate("c", None, CALAIS)
    undated.sources = [Source("c")]
    (key,) = block_keys(undated)
    assert key.startswith("FR|undated|")


def test_a_day_report_loads_its_own_days_not_its_whole_week() -> None:
    """A batch loads the blocks its candidates are filed under: filed by week, a batch of
    one Monday's news loaded every report of that week."""
    monday = candidate("a", "2016-03-14", CALAIS, date_text="14 March")
    friday = candidate("b", "2016-03-18", CALAIS, date_text="18 March")
    assert not blocks_to_load(block_keys(monday)) & block_keys(friday)
    tuesday = candidate("c", "2016-03-15", CALAIS, date_text="Tuesday")
    assert blocks_to_load(block_keys(monday)) & block_keys(tuesday)


def test_a_month_and_a_day_in_it_meet_whichever_arrives_first() -> None:
    """A month-wide date is filed by week ("in March" would be 33 day keys): the day
    must load the weeks it falls in, the month the days of its weeks."""
    month = candidate("m", "2016-03-01", CALAIS, precision="month", date_text="in March")
    assert all("-W" in key for key in block_keys(month))
    for day in ("2016-02-29", "2016-03-01", "2016-03-17", "2016-03-31", "2016-04-01"):
        report = candidate("d", day, CALAIS, date_text=day)
        assert blocks_to_load(block_keys(report)) & block_keys(month), day
        assert blocks_to_load(block_keys(month)) & block_keys(report), day
    far = candidate("f", "2016-04-20", CALAIS, date_text="20 April")
    assert not blocks_to_load(block_keys(far)) & block_keys(month)


def test_an_undated_village_blocks_by_its_spelling_in_any_script() -> None:
    keys = []
    for name in ("Nasir", "الناصر"):
        report = candidate(name, None, {"name": name, "country": "SS", "admin1": None,
                                        "lat": 7.0, "lon": 30.0})
        report.sources = [Source(name)]
        keys.append(block_keys(report))
    assert keys[0] == keys[1]


def test_find_copies_groups_a_repost_behind_its_original() -> None:
    text = " ".join(f"word{i} happened near the bridge at hour {i}" for i in range(60))
    repost = "Reposted from elsewhere. " + text + " Comments: great piece, thanks for sharing."
    other = " ".join(f"another{i} story about the farmers in the city {i}" for i in range(60))
    known = {"orig": text_signature(text)}
    new = {"repost": text_signature(repost), "other": text_signature(other)}
    stories = find_copies(new, known)
    assert [story.articles for story in stories] == [["orig", "repost"]]
    assert find_copies(new, known)[0].id == stories[0].id
    assert text_signature(text) == known["orig"]


def test_same_day_same_town_different_named_groups_stay_apart() -> None:
    farmers = candidate(
        "a",
        "2024-02-01",
        LILLE,
        date_text="1 February",
        actors=(("FNSEA", "organiser"), ("Protesters (France)", "participant")),
        claims=(("crowd_size", 300, "police"),),
        summary="tractors block the ring road",
    )
    students = candidate(
        "b",
        "2024-02-01",
        LILLE,
        date_text="1 February",
        actors=(("UNEF", "organiser"), ("Protesters (France)", "participant")),
        claims=(("crowd_size", 1200, "organisers"),),
        summary="students march against tuition reform",
    )
    assert len(resolve_events([farmers, students], [], [])) == 2
    same_figure = candidate(
        "c",
        "2024-02-01",
        LILLE,
        date_text="1 February",
        actors=(("Fédération nationale des syndicats", "organiser"),),
        claims=(("crowd_size", 310, "prefecture"),),
    )
    # a named-actor mismatch (a translation, an acronym) is outweighed by a shared figure
    assert members(resolve_events([farmers, same_figure], [], [])) == [["a-c0", "c-c0"]]


def test_generic_actors_and_small_figures_are_no_evidence_for_an_undated_report() -> None:
    dated = candidate(
        "a",
        "2024-02-01",
        LILLE,
        date_text="1 February",
        actors=(("Protesters (France)", "participant"),),
        claims=(("injuries", 2, "police"),),
    )
    undated = candidate(
        "b",
        None,
        LILLE,
        actors=(("Protesters (France)", "participant"),),
        claims=(("injuries", 2, "police"),),
    )
    assert len(resolve_events([dated, undated], [], [])) == 2
    named = candidate("c", None, LILLE, actors=(("Gilets jaunes", "participant"),))
    dated.actors.append(Actor("Gilets jaunes", "participant"))
    assert members(resolve_events([dated, named], [], [])) == [["a-c0", "c-c0"]]


def test_rising_figures_are_listed_in_order_with_a_note() -> None:
    early = candidate(
        "a",
        "2018-12-01",
        LILLE,
        published="2018-12-01",
        date_text="1er décembre",
        actors=(("Gilets jaunes", "participant"),),
        claims=(("arrests", 107, "prefecture"),),
    )
    late = candidate(
        "b",
        "2018-12-01",
        LILLE,
        published="2018-12-02",
        date_text="samedi",
        actors=(("Gilets jaunes", "participant"),),
        claims=(("arrests", 412, "prefecture"),),
    )
    event = resolve_events([late, early], [], [])[0]
    assert event.conflicts == [
        "arrests: 107 per prefecture (a.example) vs 412 per prefecture (b.example)"
        " (figures rose in later reports)"
    ]


def test_a_missing_rule_table_is_an_error(tmp_path, monkeypatch) -> None:
    from herald.errors import RulesError
    from herald.resolve import rules

    monkeypatch.setattr(rules, "RULES_DIR", tmp_path)
    rules.type_rules.cache_clear()
    try:
        with pytest.raises(RulesError):
            rules.type_rules()
        (tmp_path / "acled.json").write_text('{"families": {}, "severity": []}')
        with pytest.raises(RulesError):
            rules.type_rules()
    finally:
        rules.type_rules.cache_clear()


SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "realnews-dev"


@pytest.mark.skipif(not SHARED.exists(), reason="needs ../shared/eval")
def test_independent_outlets_on_realnews_dev_are_not_copies() -> None:
    """Two outlets editing one AFP dispatch (a006, a007) share 0.16 of their shingles."""
    signatures = {
        path.stem: text_signature(json.loads(path.read_text())["text"])
        for path in sorted((SHARED / "articles").glob("*.json"))
    }
    assert len(signatures) > 30
    assert find_copies(signatures, {}) == []
    repost = json.loads((SHARED / "articles" / "a002.json").read_text())["text"] + " Comments (3)"
    stories = find_copies({"mine": text_signature(repost)}, signatures)
    assert [story.articles for story in stories] == [["a002", "mine"]]


def test_undated_reports_of_one_town_are_its_one_story() -> None:
    """No date and no publication date: the town is the anchor, if nothing contradicts."""
    named = candidate("s0", None, LILLE, actors=(("Identitarian movement", "participant"),))
    vague = candidate("s1", None, LILLE, sub="Violent demonstration", event_type="Riots")
    elsewhere = candidate("s2", None, CALAIS, actors=(("Identitarian movement", "participant"),))
    events = resolve_events([named, vague, elsewhere], [], [])
    assert members(events) == [["s0-c0", "s1-c0"], ["s2-c0"]]


def test_anything_telling_undated_reports_apart_keeps_the_whole_town_apart() -> None:
    named = candidate("s0", None, LILLE, actors=(("Identitarian movement", "participant"),))
    vague = candidate("s1", None, LILLE)
    other_group = candidate("s2", None, LILLE, actors=(("Gilets jaunes", "participant"),))
    assert len(resolve_events([named, vague, other_group], [], [])) == 3
    # an article reporting two events in the town: either could be the other's
    first, second = candidate("s3", None, LILLE), candidate("s3", None, LILLE, n=1)
    assert len(resolve_events([vague, first, second], [], [])) == 3
    # a bombing and a march in one town are never one story
    blast = candidate("s4", None, LILLE, event_type="Explosions/Remote violence", sub="Grenade")
    assert len(resolve_events([vague, blast], [], [])) == 2
    # a report with a publication date is placed in time: the evidence rules decide
    dated = candidate("s5", None, LILLE, published="2024-02-01")
    assert len(resolve_events([vague, dated], [], [])) == 2


def test_undated_repost_joins_its_original_at_one_place() -> None:
    """A blog copy that lost its publication date is missing metadata, not another day."""
    original = candidate(
        "wire",
        "2016-03-12",
        CALAIS,
        outlet="wire.example",
        date_text="Saturday",
        summary="Dockers march through Calais against the port plan",
    )
    other = candidate(
        "paper",
        "2016-03-12",
        CALAIS,
        outlet="paper.example",
        date_text="12 March",
        actors=GI,
        claims=(("crowd_size", 400, "police"),),
    )
    repost = candidate(
        "blog",
        None,
        CALAIS,
        outlet="blog.example",
        sub="Protest with intervention",
        summary="Shared from a wire service",
    )
    # Another march in Calais that week, reported twice: the repost's text alone does
    # not say which it repeats; its story does.
    sunday = [candidate(f"sun{n}", "2016-03-13", CALAIS, claims=(("crowd_size", 60, "police"),))
              for n in (1, 2)]
    without_story = resolve_events([original, repost, other, *sunday], [], [])
    assert ["blog-c0"] in members(without_story)
    events = resolve_events([original, repost, other, *sunday], [],
                            [Story("s", ["wire", "blog"])])
    event = next(e for e in events if "wire-c0" in e.members)
    assert "blog-c0" in event.members
    assert event.date.value == "2016-03-12"
    assert {s.article: s.copy_of for s in event.sources}["blog"] == "wire"


def test_repost_with_a_conflicting_date_still_joins_but_never_another_place() -> None:
    """A copy's 'yesterday' read against a later repost date does not split the story;
    a copy's candidate in another town, or of another type family, stays apart."""
    original = candidate("wire", "2016-03-12", CALAIS, outlet="wire.example", date_text="Saturday")
    late_copy = candidate(
        "blog", "2016-03-14", CALAIS, outlet="blog.example", date_text="yesterday"
    )
    elsewhere = candidate("blog", "2016-03-12", LILLE, n=1, outlet="blog.example")
    bombing = candidate(
        "blog",
        None,
        CALAIS,
        n=2,
        event_type="Explosions/Remote violence",
        sub="Remote explosive/landmine/IED",
    )
    story = [Story("s", ["wire", "blog"])]
    events = resolve_events([original, late_copy, elsewhere, bombing], [], story)
    assert members(events) == [["blog-c0", "wire-c0"], ["blog-c1"], ["blog-c2"]]
    [joined] = [e for e in events if "wire-c0" in e.members]
    assert joined.date.value == "2016-03-12"


def test_a_copy_does_not_carry_a_third_report_of_another_day_into_its_event() -> None:
    """Waiving the copy's date never waives the dates of independent reports."""
    original = candidate("wire", "2016-03-12", CALAIS, outlet="wire.example", actors=GI)
    repost = candidate("blog", None, CALAIS, outlet="blog.example", actors=GI)
    next_day = candidate(
        "x", "2016-03-14", CALAIS, outlet="x.example", actors=GI, date_text="14 March"
    )
    events = resolve_events([original, repost, next_day], [], [Story("s", ["wire", "blog"])])
    assert members(events) == [["blog-c0", "wire-c0"], ["x-c0"]]


# --------------------------------------------------------------------- gaps are no veto

NOWHERE: dict = {"name": None, "country": "CF", "admin1": None, "lat": None, "lon": None}
ABROAD = {"name": "Mbrès", "country": "CF", "admin1": None, "lat": 6.67, "lon": 19.8}
NDELE = {"name": "Ndélé", "country": "CF", "admin1": None, "lat": 8.41, "lon": 20.65}


def country_only(article: str, **kwargs) -> Event:
    event = candidate(article, None, NOWHERE, event_type="Violence against civilians",
                      sub="Attack", **kwargs)
    event.location.precision = "country"
    return event


def test_undated_reports_placed_only_in_their_country_meet_through_names_and_figures() -> None:
    reports = [
        country_only("fr1", claims=(("fatalities", 13, "local officials"),)),
        country_only("en1", claims=(("fatalities", 13, "officials"),)),
        country_only("de1", claims=(("fatalities", 40, "officials"),)),
    ]
    for report in reports:
        report.names = ["Coalition des patriotes", "Bamingui-Bangoran"]
    reports[2].names = ["Bamingui-Bangoran"]
    assert members(resolve_events(reports, [], [])) == [["de1-c0"], ["en1-c0", "fr1-c0"]]


def test_one_shared_signal_does_not_tie_two_reports_with_no_date_or_town() -> None:
    first = country_only("fr1", claims=(("fatalities", 13, "officials"),))
    second = country_only("en1", claims=(("fatalities", 13, "officials"),))
    assert len(resolve_events([first, second], [], [])) == 2


def test_a_name_that_other_events_share_tells_nothing() -> None:
    """The mayor is in every report of his town's three days of rallies: his name cannot
    tie an undated report to any one of them."""
    petal = {"name": "Petal", "country": "US", "admin1": "Mississippi", "lat": 31.35,
             "lon": -89.26}
    days = [candidate(f"d{day}", f"2020-05-{day}", petal) for day in (29, 30, 31)]
    undated = candidate("u1", None, petal, claims=(("crowd_size", 60, "police"),))
    for report in [*days, undated]:
        report.names = ["Hal Marx", "Board of Aldermen"]
    days[0].claims = [Claim("crowd_size", 60, "police", "d29")]
    events = resolve_events([*days, undated], [], [])
    assert ["d29-c0", "u1-c0"] in members(events)  # the figure, not the names, placed it
    undated.claims = []
    assert ["u1-c0"] in members(resolve_events([*days, undated], [], []))


def test_a_report_without_a_country_meets_the_reports_of_its_day() -> None:
    dated = candidate("fr1", "2023-08-01", ABROAD, event_type="Violence against civilians",
                      sub="Attack", claims=(("fatalities", 13, "officials"),))
    lost = candidate("ar1", "2023-08-01", {"name": None, "country": None, "admin1": None,
                                           "lat": None, "lon": None},
                     event_type="Violence against civilians", sub="Attack",
                     claims=(("fatalities", 13, "officials"),))
    lost.location.precision = "unknown"
    assert len(resolve_events([dated, lost], [], [])) == 1
    far = candidate("en1", "2023-08-01", NDELE, event_type="Violence against civilians",
                    sub="Attack")
    assert len(resolve_events([dated, far], [], [])) == 2  # two towns 150 km apart


# ------------------------------------------------------------------ lone reports in a town

KAMPALA = {"name": "Kampala", "country": "UG", "admin1": "Central", "lat": 0.32, "lon": 32.58}


def bombing(article: str, day: str | None, **kwargs) -> Event:
    return candidate(article, day, KAMPALA, event_type="Explosions/Remote violence",
                     sub="Suicide bomb", **kwargs)


def test_a_lone_undated_report_joins_its_towns_one_corroborated_event() -> None:
    reports = [bombing("en1", "2021-11-16", claims=(("injuries", 33, "police"),)),
               bombing("fr1", "2021-11-16", claims=(("injuries", 33, "police"),)),
               bombing("ar1", None)]  # no date, no figure, no name in common
    assert members(resolve_events(reports, [], [])) == [["ar1-c0", "en1-c0", "fr1-c0"]]


def test_a_lone_report_stays_alone_when_its_town_has_two_events() -> None:
    reports = [bombing("en1", "2021-11-16", claims=(("injuries", 33, "police"),)),
               bombing("fr1", "2021-11-16", claims=(("injuries", 33, "police"),)),
               bombing("en2", "2021-11-02", claims=(("injuries", 12, "police"),)),
               bombing("fr2", "2021-11-02", claims=(("injuries", 12, "police"),)),
               bombing("ar1", None)]
    assert ["ar1-c0"] in members(resolve_events(reports, [], []))


def test_a_lone_report_outside_the_events_week_stays_alone() -> None:
    reports = [bombing("en1", "2021-11-16", claims=(("injuries", 33, "police"),)),
               bombing("fr1", "2021-11-16", claims=(("injuries", 33, "police"),)),
               bombing("ar1", None, published="2021-12-20")]
    assert ["ar1-c0"] in members(resolve_events(reports, [], []))


def test_a_lone_report_naming_only_its_country_joins_the_countrys_one_event() -> None:
    reports = [bombing("en1", "2021-11-16", claims=(("injuries", 33, "police"),)),
               bombing("fr1", "2021-11-16", claims=(("injuries", 33, "police"),))]
    lone = candidate("ar1", None, {"name": "Uganda", "country": "UG", "admin1": None,
                                   "lat": 1.25, "lon": 32.5},
                     event_type="Explosions/Remote violence", sub="Suicide bomb")
    lone.location.precision = "country"
    assert members(resolve_events([*reports, lone], [], [])) == [
        ["ar1-c0", "en1-c0", "fr1-c0"]]
    gulu = {"name": "Gulu", "country": "UG", "admin1": "Northern", "lat": 2.77, "lon": 32.3}
    other = [candidate(f"gu{n}", "2021-11-15", gulu, event_type="Explosions/Remote violence",
                       sub="Suicide bomb", claims=(("fatalities", 8, "police"),))
             for n in (1, 2)]
    assert ["ar1-c0"] in members(resolve_events([*reports, *other, lone], [], []))


def test_a_village_the_gazetteer_lacks_is_one_place_by_its_name() -> None:
    """Places the gazetteer lacks sit at their region's point, and many villages of one
    region share it: reports meet at a village by its name, never by that point."""
    def village(article: str, name: str) -> Event:
        event = candidate(article, None, {"name": name, "country": "CF",
                                          "admin1": "Bamingui-Bangoran", "lat": 8.4,
                                          "lon": 20.6},
                          event_type="Violence against civilians", sub="Attack",
                          claims=(("fatalities", 13, "officials"),))
        event.location.precision = "region"
        event.location.geonames_id = None
        return event

    same = [village("fr1", "Diki"), village("en1", "Diki")]
    assert len(resolve_events(same, [], [])) == 1
    neighbours = [village("fr1", "Diki"), village("en1", "Miamani")]
    assert len(resolve_events(neighbours, [], [])) == 2


def test_a_lone_report_in_a_country_may_share_its_toll_with_one_report_only() -> None:
    """Tolls rise report by report ("4 dead", then "26 dead"): a country-only report
    agreeing with any one of them is no contradiction; agreeing with none is."""
    def kampala_bombing(article: str, dead: int) -> Event:
        return bombing(article, "2021-11-16", claims=(("fatalities", dead, "police"),))

    def country_only(dead: int) -> Event:
        lone = candidate("ar1", None, {"name": "Uganda", "country": "UG", "admin1": None,
                                       "lat": 1.25, "lon": 32.5},
                         event_type="Explosions/Remote violence", sub="Suicide bomb",
                         claims=(("fatalities", dead, "officials"),))
        lone.location.precision = "country"
        return lone

    reports = [kampala_bombing("en1", 4), kampala_bombing("fr1", 26)]
    assert ["ar1-c0"] not in members(resolve_events([*reports, country_only(26)], [], []))
    assert ["ar1-c0"] in members(resolve_events([*reports, country_only(140)], [], []))


def test_a_lone_report_prefers_its_countrys_one_event_of_its_own_kind() -> None:
    """An undated IED report in a country with one corroborated bombing and one
    corroborated gun battle is the bombing's; with two bombings it stays alone."""
    def country_only_ied() -> Event:
        lone = candidate("ar1", None, {"name": "Philippines", "country": "PH", "admin1": None,
                                       "lat": 13.0, "lon": 122.0},
                         event_type="Explosions/Remote violence",
                         sub="Remote explosive/landmine/IED")
        lone.location.precision = "country"
        return lone

    def reports(town: str, lat: float, day: str, event_type: str, sub: str) -> list[Event]:
        place = {"name": town, "country": "PH", "admin1": "Sulu", "lat": lat, "lon": 121.0}
        return [candidate(f"{town}{n}", day, place, event_type=event_type, sub=sub)
                for n in (1, 2)]

    bombing_ = reports("Jolo", 6.05, "2019-01-27", "Explosions/Remote violence",
                       "Remote explosive/landmine/IED")
    battle = reports("Patikul", 5.6, "2016-08-29", "Battles", "Armed clash")
    grouped = members(resolve_events([*bombing_, *battle, country_only_ied()], [], []))
    assert ["Jolo1-c0", "Jolo2-c0", "ar1-c0"] in grouped
    other_bombing = reports("Indanan", 8.0, "2019-06-28", "Explosions/Remote violence",
                            "Remote explosive/landmine/IED")
    grouped = members(resolve_events([*bombing_, *other_bombing, country_only_ied()], [], []))
    assert ["ar1-c0"] in grouped


def test_names_in_other_scripts_are_the_same_evidence() -> None:
    """A Russian and an Arabic report, undated and placed only in their country, meet an
    English one through the names they transliterate differently, plus a figure."""
    reports = [country_only("en1", claims=(("fatalities", 13, "officials"),)),
               country_only("ru1", claims=(("fatalities", 13, "officials"),)),
               country_only("ar1", claims=(("fatalities", 13, "officials"),))]
    reports[0].names = ["Zakaria Zubeidi", "Abu Sayyaf"]
    reports[1].names = ["Закария Зубейди", "Абу Сайяф"]
    reports[2].names = ["زكريا الزبيدي", "أبو سياف"]
    assert members(resolve_events(reports, [], [])) == [["ar1-c0", "en1-c0", "ru1-c0"]]


def test_an_undated_pages_yearless_day_picks_the_event_of_that_day() -> None:
    """A page saved with no date that writes "on 12 March" (no year) is not undated
    evidence: its day agrees with one event of its town and not with the other, and it
    joins that one, though the group it names marched in both."""
    events = []
    for day, outlets in (("2016-03-05", ("a1", "a2")), ("2016-03-12", ("b1", "b2"))):
        events += [candidate(name, day, CALAIS, actors=GI, sub="Violent demonstration",
                             event_type="Riots") for name in outlets]
    yearless = candidate("y1", None, {**CALAIS, "name": "Hauts-de-France", "lat": 50.5,
                                      "lon": 2.5}, actors=GI, sub="Violent demonstration",
                         event_type="Riots", date_text="12 mars")
    yearless.location.precision = "region"
    yearless.date.month_day = "--03-12"
    resolved = resolve_events([*events, yearless], [], [])
    assert members(resolved) == [["a1-c0", "a2-c0"], ["b1-c0", "b2-c0", "y1-c0"]]
    yearless.date.month_day = None  # the same page with no day: either event's, so neither
    resolved = resolve_events([*events, yearless], [], [])
    assert members(resolved) == [["a1-c0", "a2-c0"], ["b1-c0", "b2-c0"], ["y1-c0"]]


ARDRES = {"name": "Ardres", "country": "FR", "admin1": "Hauts-de-France", "lat": 50.855,
          "lon": 1.98}  # 14 km from Calais: 'close', which asks for one strong signal


@pytest.mark.parametrize(("first", "second", "merged"), [
    ("José Adolfo Macías Villamar", "Jose Adolfo Macias", True),  # a surname dropped
    ("President Daniel Noboa", "Daniel Noboa Azín", False),  # two words in common
    ("Abu Sayyaf Group", "Abu Sayyaf", False),  # a movement's stem, not a person
])
def test_a_name_written_shorter_in_another_report_is_the_same_name(
        first: str, second: str, merged: bool) -> None:
    one = candidate("n1", "2025-06-25", CALAIS, event_type="Strategic developments",
                    sub="Arrests")
    two = candidate("n2", "2025-06-25", ARDRES, event_type="Strategic developments",
                    sub="Arrests")
    one.names, two.names = [first], [second]
    resolved = resolve_events([one, two], [], [])
    assert (len(resolved) == 1) is merged


def test_a_village_named_in_two_scripts_is_one_place() -> None:
    """ "مدينة الناصر" and "the town of Nasir", neither in the gazetteer, both placed at
    their country's point: undated, they meet by the name's spelling across scripts."""
    from herald.resolve.blocking import candidate_pairs
    from herald.resolve.compare import place_relation
    from herald.resolve.features import features

    where = {"country": "SS", "admin1": None, "lat": 7.0, "lon": 30.0}
    arabic = candidate("ar1", None, {**where, "name": "الناصر"}, event_type="Battles",
                       sub="Non-state actor overtakes territory")
    latin = candidate("en1", None, {**where, "name": "Nasir"}, event_type="Battles",
                      sub="Non-state actor overtakes territory")
    other = candidate("en2", None, {**where, "name": "Akobo"}, event_type="Battles",
                      sub="Non-state actor overtakes territory")
    for event in (arabic, latin, other):
        event.location.precision = "country"
    feats = [features(i, e, {}) for i, e in enumerate([arabic, latin, other])]
    assert place_relation(feats[0], feats[1]) == "near"
    assert place_relation(feats[0], feats[2]) == "country"
    assert (0, 1) in candidate_pairs(feats)


def test_a_shared_figure_pairs_reports_of_one_country_or_of_none_only() -> None:
    """"14 arrested" in an undated French report, in a report dated in Germany and in one
    that names no country: the French and German reports can never be one event (their
    countries differ, which ``relation`` refuses), so they are not paired to be refused;
    the countryless report meets both. With a focus, only pairs with it are made."""
    from herald.resolve.blocking import candidate_pairs
    from herald.resolve.compare import relation
    from herald.resolve.features import features

    arrests = (("arrested", 14, "police"),)
    reports = [candidate("fr1", None, CALAIS, claims=arrests),
               candidate("de1", "2023-05-06", DRESDEN, claims=arrests),
               candidate("xx1", "2023-05-06", {**DRESDEN, "country": None}, claims=arrests)]
    reports[2].location.precision = "unknown"
    feats = [features(i, event, {}) for i, event in enumerate(reports)]
    assert relation(feats[0], feats[1]) is None
    assert candidate_pairs(feats) == [(0, 2), (1, 2)]
    assert candidate_pairs(feats, focus={0}) == [(0, 2)]


# ------------------------------------------------------------------ rare sub-types as names

TRANSFER = "Non-violent transfer of territory"
AGHDAM = {"name": "Ağdam", "country": "AZ", "admin1": "Ağdam", "lat": 39.99, "lon": 46.93}
KALBAJAR = {"name": "Kəlbəcər", "country": "AZ", "admin1": "Kəlbəcər", "lat": 40.1,
            "lon": 46.04}


def handover(article: str, day: str | None, place: dict, sub: str = TRANSFER) -> Event:
    """A district handed over, placed at the district (region precision), in words two
    outlets do not share (their summaries are left empty)."""
    event = candidate(article, day, place, event_type="Strategic developments", sub=sub)
    if sub != TRANSFER:
        event.event_type = "Battles"
    event.location.precision = "region"
    return event


def test_a_rare_sub_type_two_reports_share_is_evidence_of_one_event() -> None:
    """Two reports of a district handed over on one day, nothing else in common (other
    languages, a ministry every report of the war names): the handover is as telling
    as a shared name. An armed clash in one district on one day is not."""
    dated = handover("ru1", "2020-11-20", AGHDAM)
    yearless = handover("ru2", None, AGHDAM)
    yearless.date.month_day = "--11-20"
    assert members(resolve_events([dated, yearless], [], [])) == [["ru1-c0", "ru2-c0"]]
    clash = "Armed clash"
    fights = [handover("ru1", "2020-11-20", AGHDAM, clash), handover("ru2", None, AGHDAM, clash)]
    fights[1].date.month_day = "--11-20"
    assert len(resolve_events(fights, [], [])) == 2


def test_a_rare_sub_type_of_several_events_in_a_country_tells_nothing() -> None:
    """Two districts handed over a week apart: the sub-type names two events, so it
    ties an undated report to neither; and a handover abroad carries a name of its own."""
    aghdam = handover("ru1", "2020-11-20", AGHDAM)
    kalbajar = handover("ru3", "2020-11-25", KALBAJAR)
    yearless = handover("ru2", None, AGHDAM)
    yearless.date.month_day = "--11-20"
    assert ["ru1-c0", "ru2-c0"] not in members(resolve_events([aghdam, kalbajar, yearless],
                                                              [], []))
    from herald.resolve.features import features
    abroad = handover("am1", "2020-11-20", {**AGHDAM, "country": "AM"})
    assert features(0, aghdam, {}).names.isdisjoint(features(1, abroad, {}).names)



def test_a_town_taken_and_a_town_regained_are_two_events() -> None:
    """Undated reports of one town, one telling a militia took it, one that the army
    retook it, with names in common: who holds the town after differs, so they are two
    events; a handover without a fight may be told of either."""
    nasir = {"name": "Nasir", "country": "SS", "admin1": "Upper Nile", "lat": 8.6,
             "lon": 33.07}
    taken = candidate("m1", None, nasir, event_type="Battles",
                      sub="Non-state actor overtakes territory")
    retaken = candidate("a1", None, nasir, event_type="Battles",
                        sub="Government regains territory")
    handed = candidate("a2", None, nasir, event_type="Strategic developments", sub=TRANSFER)
    for report in (taken, retaken, handed):
        report.names = ["White Army", "Ter Chuol Gatkuoth"]
    assert len(resolve_events([taken, retaken], [], [])) == 2
    assert len(resolve_events([taken, handed], [], [])) == 1


CROSSVILLE = {"name": "Crossville", "country": "US", "admin1": "Tennessee", "lat": 35.95,
              "lon": -85.03}
# Two weekend protests of one national wave, in words every local paper used that week.
WAVE_TOWN = ("About sixty protesters gathered at the county courthouse on Sunday holding "
             "Black Lives Matter signs to protest police brutality and racism")
WAVE_ELSEWHERE = ("Protesters marched to the county courthouse on Saturday holding Black "
                  "Lives Matter signs against police brutality and racism")


def _placed_in_country_only(event: Event, country: str) -> Event:
    event.location = Location(name=None, country=country, precision="country")
    return event


def test_a_report_placed_only_in_its_country_a_day_off_needs_more_than_what_a_wave_shares() -> None:
    """A report whose town was not found (placed in the US alone), a day off from a
    town's protest, says nothing that ties it there but what every report of a national
    wave shares, its movement's name and its words: it stays its own event."""
    from herald.resolve.compare import CONTENT_MATCH
    from herald.resolve.features import features

    movement = (("Black Lives Matter", "organiser"),)
    town = candidate("a1", "2020-06-07", CROSSVILLE, summary=WAVE_TOWN, actors=movement,
                     published="2020-06-08", date_text="Sunday")
    elsewhere = _placed_in_country_only(
        candidate("a2", "2020-06-06", CROSSVILLE, summary=WAVE_ELSEWHERE, actors=movement,
                  published="2020-06-08", date_text="Saturday"), "US")
    first, second = features(0, town, {}), features(1, elsewhere, {})
    overlap = len(first.words & second.words) / len(first.words | second.words)
    assert overlap >= CONTENT_MATCH  # the wording alone would count as agreement
    assert members(resolve_events([town, elsewhere], [], [])) == [["a1-c0"], ["a2-c0"]]


def test_a_report_placed_only_in_its_country_a_day_off_joins_on_a_shared_figure() -> None:
    """What a wave does not share, a count of the arrested, still ties the two."""
    arrests = (("arrests", 14, "police"),)
    town = candidate("a1", "2020-06-07", CROSSVILLE, summary=WAVE_TOWN, claims=arrests,
                     published="2020-06-08", date_text="Sunday")
    elsewhere = _placed_in_country_only(
        candidate("a2", "2020-06-06", CROSSVILLE, summary=WAVE_ELSEWHERE, claims=arrests,
                  published="2020-06-08", date_text="Saturday"), "US")
    assert members(resolve_events([town, elsewhere], [], [])) == [["a1-c0", "a2-c0"]]


# ------------------------------------------------------------------ the day index

def _admits(f, g) -> bool:  # type: ignore[no-untyped-def]
    """The place test of the day index, read from the unlocated side (or the grid)."""
    from herald.resolve.blocking import _cell, _located, _neighbour_cells, _regional

    if not _located(f):
        if _regional(f):
            return not _regional(g) or g.admin1 == f.admin1
        return True
    if not _located(g):
        return _admits(g, f)
    return (_cell(g.lat), _cell(g.lon)) in set(_neighbour_cells(f.lat, f.lon))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_day_index_pairs_reports_whose_days_meet_and_wide_dates_too(seed: int) -> None:
    """A month-wide date is filed once by place, not under each of its days: the pairs
    must be exactly those whose days meet with a day's slack (by brute force), for a
    whole set and for a batch's few new candidates among stored ones."""
    import random

    from herald.resolve.blocking import dated_pairs
    from herald.resolve.features import features

    rng = random.Random(seed)
    places = [CALAIS, LILLE, DRESDEN, {**CALAIS, "lat": None, "lon": None},
              {**DRESDEN, "lat": None, "lon": None, "admin1": None}]
    events = []
    for i in range(300):
        place = rng.choice(places)
        day = f"2023-{rng.choice(['02', '03'])}-{rng.randint(1, 28):02d}"
        wide = rng.random() < 0.25
        event = candidate(f"a{i}", day[:7] if wide else day, place,
                          precision="month" if wide else "day",
                          published=f"2023-03-{rng.randint(1, 28):02d}")
        if place["lat"] is None:
            event.location.precision = "region" if place["admin1"] else "country"
        events.append(event)
    feats = [features(i, e, {}) for i, e in enumerate(events)]
    assert any(f.high - f.low >= 7 for f in feats) and any(f.high == f.low for f in feats)
    expected = {
        (f.index, g.index) for f in feats for g in feats if f.index < g.index
        and (f.country, f.family_group) == (g.country, g.family_group)
        and g.low <= f.high + 1 and g.high >= f.low - 1 and _admits(f, g)
    }
    assert set(dated_pairs(feats)) == expected
    focus = set(rng.sample(range(len(feats)), 30))
    assert {pair for pair in dated_pairs(feats, focus) if focus & set(pair)} == {
        pair for pair in expected if focus & set(pair)}


def test_reports_that_say_alike_but_name_differently_are_scored_apart() -> None:
    """Scores are shared by reports that say the same thing; a telling name is part of
    what a report says. Two undated pairs in two towns, worded alike: the pair that
    shares a name is one event, the other stays two."""
    quiet = [candidate(a, None, CALAIS, published="2023-03-05") for a in ("a1", "a2")]
    named = [candidate(a, None, DRESDEN, published="2023-03-05") for a in ("b1", "b2")]
    for report in named:
        report.names = ["Rahim Uddin Sarkar"]
    assert members(resolve_events(quiet + named, [], [])) == [
        ["a1-c0"], ["a2-c0"], ["b1-c0", "b2-c0"]]
