"""The segment stage on the seeds, on every realnews-dev page, and on short texts of our own."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from herald.errors import RulesError
from herald.model import Article, Segment
from herald.segment import rules, segment_article
from herald.segment.metadata import outlet_from_url

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "eval" / "seeds"
REALNEWS = SHARED / "eval" / "realnews-dev" / "articles"
needs_shared = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/eval not present")

CUT_KINDS = {"boilerplate", "caption"}


def _article(record: dict[str, object], **overrides: object) -> Article:
    fields = {key: record.get(key) for key in ("id", "text", "url", "outlet", "published", "title")}
    fields.update(overrides)
    return Article(**fields)  # type: ignore[arg-type]


def _load(path: Path, **overrides: object) -> Article:
    return segment_article(_article(json.loads(path.read_text(encoding="utf-8")), **overrides))


def _kind_at(article: Article, offset: int) -> str | None:
    for segment in article.segments:
        if segment.start <= offset < segment.end:
            return segment.kind
    return None


def _assert_well_formed(article: Article) -> None:
    """Segments are in order, non-overlapping and inside the text."""
    previous_end = 0
    for segment in article.segments:
        assert previous_end <= segment.start < segment.end <= len(article.text)
        previous_end = segment.end


def _body(article: Article) -> str:
    return "\n".join(text for _, text in article.segment_text("body"))


def _seed_gold() -> dict[str, dict[str, object]]:
    gold = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))
    return gold["segments"]


# --- seeds --------------------------------------------------------------------------------


@needs_shared
@pytest.mark.parametrize("seed", ["s000", "s001", "s002"])
def test_seed_segments_follow_gold(seed: str) -> None:
    article = _load(SEEDS / "articles" / f"{seed}.json", outlet=None)
    expected = _seed_gold()[seed]
    _assert_well_formed(article)
    for phrase in expected.get("boilerplate", []):
        offset = article.text.index(str(phrase))
        assert _kind_at(article, offset) in CUT_KINDS, phrase
    if "body_ends_before" in expected:
        cut = article.text.index(str(expected["body_ends_before"]))
        assert max(s.end for s in article.segments if s.kind == "body") <= cut
    if "comments_start_at" in expected:
        start = article.text.index(str(expected["comments_start_at"]))
        comments = [s for s in article.segments if s.kind == "comments"]
        assert comments[0].start == start
        assert comments[-1].end == len(article.text.rstrip())


@needs_shared
def test_seed_comments_keep_nested_replies() -> None:
    article = _load(SEEDS / "articles" / "s002.json")
    comments = "\n".join(text for _, text in article.segment_text("comments"))
    assert comments.count("1. ") >= 3  # replies are numbered again under their parent
    assert "Identitarian movement have been arrested" in _body(article)


@needs_shared
def test_seed_trailer_gives_outlet_and_is_cut() -> None:
    article = _load(SEEDS / "articles" / "s001.json", outlet=None)
    assert article.outlet == "Mirror Online"
    assert not _body(article).rstrip().endswith("Mirror Online")


@needs_shared
def test_seed_metadata_outlet_wins_over_trailer() -> None:
    article = _load(SEEDS / "articles" / "s001.json", outlet="Daily Mirror")
    assert article.outlet == "Daily Mirror"


@needs_shared
def test_seed_title_segment_opens_the_text() -> None:
    article = _load(SEEDS / "articles" / "s000.json", title=None)
    assert article.segments[0] == Segment("title", 0, len(article.title or ""))
    assert article.title == "WATCH: Anti-Islam Demonstrators Take To The Streets Of France"
    assert article.language == "en"


# --- realnews-dev ---------------------------------------------------------------------------

FURNITURE = [
    re.compile(r"(?m)^\s*date \d{4}-\d{2}"),  # crawler tag
    re.compile(r"pic\.twitter\.com/|https?://t\.co/"),  # tweet embed
    re.compile(r"\(@\w+\)\s*\S+\s+\S+\s+\d{4}"),  # tweet signature
    re.compile(r"(?im)^\s*(?:\d+ shares?\b|share button|share tweet|facebook twitter)"),
    re.compile(r"(?im)^\s*skip to "),
    re.compile(r"(?m)Image: Reuters|© "),
    re.compile(r"(?m)^Play Video \d"),
    re.compile(r"(?im)^\s*(?:>> )?a lire aussi"),
]


def _realnews() -> list[Path]:
    return sorted(REALNEWS.glob("*.json")) if REALNEWS.is_dir() else []


@needs_shared
@pytest.mark.parametrize("path", _realnews(), ids=lambda p: p.stem)
def test_realnews_body_has_no_page_furniture(path: Path) -> None:
    article = _load(path)
    _assert_well_formed(article)
    body = _body(article)
    for pattern in FURNITURE:
        assert not pattern.search(body), (pattern.pattern, pattern.search(body))


# Body plus quotes (embedded posts, which report figures too) keep at least this share of a
# page's non-space characters: the dev pages' lowest is ~0.5 (a page that is half photo
# captions); a body cut much harder than that has lost article text.
MIN_KEPT_SHARE = 0.45


@needs_shared
@pytest.mark.parametrize("path", _realnews(), ids=lambda p: p.stem)
def test_realnews_body_keeps_the_article(path: Path) -> None:
    article = _load(path)
    kept = sum(
        len("".join(article.text[s.start : s.end].split()))
        for s in article.segments
        if s.kind in ("body", "quote", "title")
    )
    assert kept >= MIN_KEPT_SHARE * len("".join(article.text.split()))
    assert article.language in {"en", "fr", "de", "es", "it", "nl"}


@needs_shared
@pytest.mark.parametrize("path", _realnews(), ids=lambda p: p.stem)
def test_realnews_prose_paragraphs_are_never_cut(path: Path) -> None:
    """Conservative cutting: a long line ending like a sentence stays readable text."""
    article = _load(path)
    for match in re.finditer(r"(?m)^.{200,}[.!?»”\"]", article.text):
        assert _kind_at(article, match.end() - 1) not in CUT_KINDS, match.group()[:80]


@needs_shared
def test_realnews_dateline_and_crawler_tag() -> None:
    dw = _load(REALNEWS / "a026.json", published=None)
    assert dw.published == "2015-01-12"  # "January 12, 2015" under the byline
    guardian = _load(REALNEWS / "a061.json", published=None)
    assert guardian.published == "2019-07-01"  # the capture's date tag, its only date
    assert guardian.page_date is not None and guardian.page_date.source == "date_tag"


# --- texts of our own -----------------------------------------------------------------------


def test_crawler_tag_is_cut_and_its_month_is_no_publication_day() -> None:
    text = " date 2021-05 Police detained 40 protesters in the city centre on Friday.\n"
    article = segment_article(Article(id="t1", text=text, title="A headline elsewhere"))
    assert article.published is None
    assert article.page_date is not None and article.page_date.precision == "month"
    assert _kind_at(article, text.index("date")) == "boilerplate"
    assert _body(article).startswith("Police detained 40 protesters")


def test_dateline_fills_published_in_french() -> None:
    text = (
        "Manifestation devant la mairie\n\n12 mars 2016\n\n"
        "Quelque deux cents personnes se sont rassemblées samedi devant la mairie pour "
        "protester contre la fermeture de l'hôpital, selon les organisateurs.\n"
    )
    article = segment_article(Article(id="t2", text=text))
    assert article.published == "2016-03-12"
    assert article.language == "fr"
    assert article.title == "Manifestation devant la mairie"
    assert _kind_at(article, text.index("12 mars")) == "boilerplate"


def test_tweet_embed_becomes_quote_and_share_bar_boilerplate() -> None:
    text = (
        "Strike closes the port\n\n"
        "Dock workers walked out on Monday and blocked the main gate of the port for six hours.\n"
        "Workers at the gate this morning pic.twitter.com/abc123XYZ\n"
        "— Jane Reporter (@jreporter) May 3, 2021\n"
        "Share on Facebook\n"
        "The union said 2,000 members took part in the strike across the region.\n"
    )
    article = segment_article(Article(id="t3", text=text, title="Strike closes the port"))
    assert _kind_at(article, text.index("Workers at the gate")) == "quote"
    assert _kind_at(article, text.index("— Jane")) == "quote"
    assert _kind_at(article, text.index("Share on Facebook")) == "boilerplate"
    assert "2,000 members" in _body(article)
    assert "Dock workers walked out" in _body(article)


def test_caption_with_credit_and_alt_text() -> None:
    text = (
        "Farmers march on the capital\n\n"
        "Tractors on the ring road\n"
        "Image: Reuters/A. Photographer\n"
        "Hundreds of farmers drove their tractors into the capital on Thursday to protest "
        "against new environmental rules.\n"
    )
    article = segment_article(Article(id="t4", text=text, title="Farmers march on the capital"))
    assert _kind_at(article, text.index("Tractors on the ring road")) == "caption"
    assert _kind_at(article, text.index("Image: Reuters")) == "caption"
    assert _body(article).startswith("Hundreds of farmers")


def test_numbered_list_inside_the_body_is_not_comments() -> None:
    text = (
        "Demands of the march\n\n"
        "The organisers listed their demands at the rally in front of parliament:\n"
        "  1. Withdraw the bill.\n  2. Release the detained students.\n  3. Open talks.\n"
        "Police estimated the crowd at 3,000 while organisers said 10,000 attended.\n"
    )
    article = segment_article(Article(id="t5", text=text, title="Demands of the march"))
    assert not article.segment_text("comments")
    assert "Release the detained students" in _body(article)


def test_html_segments_keep_title_and_comments() -> None:
    text = "Title here\n\nShare on Facebook\nPolice arrested five people at the rally.\n\nNice!"
    segments = [Segment("title", 0, 10), Segment("body", 12, 71), Segment("comments", 73, 78)]
    article = Article(id="t6", text=text, segments=list(segments), title="Title here")
    segment_article(article)
    assert article.segments[0] == segments[0] and article.segments[-1] == segments[-1]
    assert _body(article) == "Police arrested five people at the rally."


def test_outlet_from_url_drops_www_and_mobile_prefixes() -> None:
    assert outlet_from_url("https://www.example.co.uk/news/1") == "example.co.uk"
    assert outlet_from_url("https://m.ru24.pro/english/1") == "ru24.pro"
    assert outlet_from_url(None) is None
    article = segment_article(Article(id="t7", text="A line of text.", url="http://www.x.org/a"))
    assert article.outlet == "x.org"


def test_missing_rule_table_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "common.json").write_text('{"boilerplate_lines": []}', encoding="utf-8")
    monkeypatch.setattr(rules, "RULES_DIR", tmp_path)
    rules._table.cache_clear()
    rules.line_rules.cache_clear()
    try:
        with pytest.raises(RulesError):
            rules.line_rules()
    finally:
        rules._table.cache_clear()
        rules.line_rules.cache_clear()


def test_one_paragraph_note_is_all_body() -> None:
    text = "On 3 May 2022, around 150 teachers protested outside the ministry in the capital."
    article = segment_article(Article(id="t8", text=text))
    assert article.segments == [Segment("body", 0, len(text))]
    assert article.title is None
    assert article.language == "en"


def test_byline_above_dateline_and_follow_prompt_are_cut() -> None:
    text = (
        "Thousands rally against pension reform\n\n"
        "Maria Lopez, Madrid\nMarch 4, 2023\n\n"
        "Thousands of people marched through Madrid on Saturday against the pension reform, "
        "police said.\n\n"
        "Tom Baker\nFollow Tom on Twitter\n"
    )
    article = segment_article(Article(id="t9", text=text))
    assert article.published == "2023-03-04"
    for line in ("Maria Lopez, Madrid", "Tom Baker", "Follow Tom"):
        assert _kind_at(article, text.index(line)) == "boilerplate", line
    assert _body(article).startswith("Thousands of people marched through Madrid")


def test_comment_header_starts_the_thread_only_late_in_the_page() -> None:
    article_text = (
        "Police clear the square\n\n3 Comments\n\n"
        "Riot police cleared the central square of protesters late on Sunday, using water "
        "cannon against several hundred people who had camped there for a week.\n"
        "The city council said the camp had blocked traffic and would not be allowed back.\n"
    )
    thread = "\n3 Comments\n\nThey should all be locked up.\nShame on the police.\n"
    article = segment_article(Article(id="t10", text=article_text + thread))
    comments = "\n".join(text for _, text in article.segment_text("comments"))
    assert comments.startswith("They should all") and comments.endswith("Shame on the police.")
    assert "Riot police cleared the central square" in _body(article)
    assert _kind_at(article, article_text.index("3 Comments")) == "boilerplate"


def test_wire_trailers_and_lone_credits_are_cut() -> None:
    text = (
        "Crowds defy ban in the capital\n\n"
        "Getty Images\n"
        "Several thousand people defied a ban on gatherings and marched to the presidential "
        "palace on Sunday, witnesses said.\n"
        "Reporting by A. Writer; Editing by B. Editor\n"
        "Copyright 2024 Example Wire. All rights reserved.\n"
    )
    article = segment_article(Article(id="t11", text=text))
    assert _body(article) == (
        "Several thousand people defied a ban on gatherings and marched to the presidential "
        "palace on Sunday, witnesses said."
    )
