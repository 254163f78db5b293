"""Reading captured HTML pages: pages written for these tests, not copied from anywhere."""

from __future__ import annotations

import pytest

from herald.errors import InputError
from herald.ingest.html import HtmlPage, parse_html_page
from herald.model import Article
from herald.segment import segment_article

ARTICLE_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<title>Dockers block the harbour - Harbour Gazette</title>
<meta property="og:site_name" content="Harbour Gazette">
<meta property="og:title" content="Dockers block the harbour">
<meta property="article:published_time" content="2021-05-03T10:00:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<article>
<h1>Dockers block the harbour</h1>
<p>About 300 dock workers blocked the main gate of the harbour on Monday morning, halting
lorries for six hours in protest against a plan to automate the container terminal.</p>
<p>Police said four people were arrested after scuffles near the gate, while the union
said the blockade had been peaceful and that 500 members had taken part.</p>
<p>The port authority said traffic resumed in the afternoon and that talks with the union
would continue next week.</p>
</article>
<section id="comments" class="comments">
<h2>Comments</h2>
<div class="comment"><p>Good on them, the automation plan will cost hundreds of jobs in
this town.</p></div>
<div class="comment"><p>Blocking the port hurts everyone who needs those deliveries.</p></div>
</section>
<footer><p>Copyright Harbour Gazette. All rights reserved.</p></footer>
</body></html>
"""


@pytest.fixture(scope="module")
def page() -> HtmlPage:
    return parse_html_page(ARTICLE_PAGE, url="https://www.harbour-gazette.example/news/1")


def _part(page: HtmlPage, kind: str) -> str:
    return "\n".join(page.text[s.start : s.end] for s in page.segments if s.kind == kind)


def test_page_metadata(page: HtmlPage) -> None:
    assert page.title == "Dockers block the harbour"
    assert page.outlet == "Harbour Gazette"
    assert page.published == "2021-05-03"
    assert page.url == "https://www.harbour-gazette.example/news/1"


def test_page_text_is_title_body_comments(page: HtmlPage) -> None:
    assert [s.kind for s in page.segments] == ["title", "body", "comments", "comments"]
    assert page.text.startswith("Dockers block the harbour\n\n")
    body = _part(page, "body")
    assert "About 300 dock workers blocked the main gate" in body
    assert "talks with the union" in body
    assert "Sport" not in body and "Copyright" not in body
    assert not body.startswith("Dockers block the harbour")  # the <h1> is kept once
    assert "automation plan will cost hundreds" in _part(page, "comments")


def test_segments_are_ordered_and_inside_the_text(page: HtmlPage) -> None:
    end = 0
    for segment in page.segments:
        assert end <= segment.start < segment.end <= len(page.text)
        end = segment.end


def test_segment_stage_keeps_html_parts(page: HtmlPage) -> None:
    article = Article(
        id="h1",
        text=page.text,
        url=page.url,
        title=page.title,
        outlet=page.outlet,
        segments=list(page.segments),
    )
    segment_article(article)
    kinds = [s.kind for s in article.segments]
    assert kinds[0] == "title" and kinds[-1] == "comments"
    assert article.language == "en"
    assert article.outlet == "Harbour Gazette"


def test_fallback_reads_a_page_without_article_markup() -> None:
    html = (
        "<html><body><div><div>"
        + "".join(
            f"<div>Line {n}: the strikers marched from the station to the town hall "
            "and handed over a petition signed by several thousand residents.</div>"
            for n in range(3)
        )
        + "</div></div></body></html>"
    )
    page = parse_html_page(html)
    assert "handed over a petition" in page.text
    assert [s.kind for s in page.segments if s.kind == "body"] == ["body"]


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n ",
        "just some words, no markup at all",
        "<html><head><script>var x = 1;</script></head><body></body></html>",
        "<html><body><nav><a href='/'>Home</a></nav></body></html>",
    ],
)
def test_pages_without_text_raise_input_error(html: str) -> None:
    with pytest.raises(InputError, match="malformed HTML"):
        parse_html_page(html)


# --- reader comments in the page's own markup ---------------------------------------------

ARTICLE = """<article><h1>Dockers block the harbour</h1>
<p>About 300 dock workers blocked the main gate of the harbour on Monday morning, halting
lorries for six hours in protest against a plan to automate the container terminal.</p>
<p>Police said four people were arrested after scuffles near the gate.</p></article>"""

WORDPRESS_THREAD = """<div id="comments" class="comments-area">
<h2 class="comments-title">2 thoughts on &ldquo;Dockers block the harbour&rdquo;</h2>
<ol class="comment-list"><li id="comment-1" class="comment">
<article class="comment-body"><footer class="comment-meta"><b class="fn">Jane</b>
<span class="says">says:</span><div class="comment-metadata"><time>May 3, 2021 at 10:12 am</time>
</div></footer><div class="comment-content"><p>Good on them, the plan will cost jobs.</p>
<p>And the town needs them.</p></div><div class="reply"><a>Reply</a></div></article>
<ol class="children"><li id="comment-2" class="comment"><article class="comment-body">
<footer class="comment-meta"><b class="fn">Tom</b> <span class="says">says:</span></footer>
<div class="comment-content"><p>Blocking the port hurts everyone.</p></div></article></li></ol>
</li></ol><div id="respond"><h3>Leave a Reply</h3><form><textarea></textarea></form></div></div>"""

FRENCH_THREAD = """<section class="reactions"><h2>Réactions (2)</h2>
<div class="reaction"><span class="auteur">Pierre75</span> <span>03/05/2021 à 10h12</span>
<p>Encore une grève inutile.</p></div>
<div class="reaction"><span class="auteur">Marie</span><p>Courage aux dockers !</p></div>
</section>"""

GERMAN_THREAD = """<div id="leserkommentare"><h3>Leserkommentare</h3>
<div itemtype="https://schema.org/Comment" itemscope><p>Max schrieb am 03.05.2021 um 10:12 Uhr:</p>
<p>Die Hafenarbeiter haben recht.</p><p>Antworten</p></div></div>"""


def _page(thread: str) -> HtmlPage:
    head = "<html><head><title>Dockers</title></head>"
    return parse_html_page(f"{head}<body>{ARTICLE}{thread}</body></html>")


def _comments(page: HtmlPage) -> list[str]:
    article = Article(id="h", text=page.text, segments=list(page.segments), title=page.title)
    segment_article(article)
    return [article.text[s.start : s.end] for s in article.segments if s.kind == "comments"]


@pytest.mark.parametrize(
    ("thread", "expected"),
    [
        (WORDPRESS_THREAD, ["Good on them, the plan will cost jobs.\nAnd the town needs them.",
                            "Blocking the port hurts everyone."]),
        (FRENCH_THREAD, ["Encore une grève inutile.", "Courage aux dockers !"]),
        (GERMAN_THREAD, ["Die Hafenarbeiter haben recht."]),
    ],
)
def test_page_comment_containers_give_one_comment_each_and_leave_the_body(
    thread: str, expected: list[str]
) -> None:
    page = _page(thread)
    assert _comments(page) == expected
    body = _part(page, "body")
    assert "About 300 dock workers" in body
    assert all(comment.splitlines()[0] not in body for comment in expected)


def test_a_wrapper_whose_class_mentions_comments_is_not_a_thread() -> None:
    html = ("<html><body><div class='comments'><h1>Dockers block the harbour</h1>"
            "<p>About 300 dock workers blocked the main gate of the harbour on Monday, halting "
            "lorries for six hours in protest against automation.</p></div></body></html>")
    page = parse_html_page(html)
    assert "About 300 dock workers" in _part(page, "body")
    assert _part(page, "comments") == ""
