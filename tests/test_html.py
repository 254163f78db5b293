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
    assert [s.kind for s in page.segments] == ["title", "body", "comments"]
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
