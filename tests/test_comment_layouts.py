"""Reader comments in the layouts pages show them in, and article text that only looks like them.

Every page here is written for this test: a short article, then its readers' comments in one
common layout (WordPress lists and "says:" heads, Disqus, a Facebook plugin, a newspaper's own
thread, French and German sites, none with a header at all). Each comment must be one
'comments' segment of its own, and the article must stay body. The negative pages are
articles whose lines have a comment's shape (an interview's "The minister says:", a live
blog's times, a timeline's dates, a share bar's "12 Comments").
"""

from __future__ import annotations

import re

import pytest

from herald.model import Article
from herald.segment import segment_article
from herald.segment.comments import line_marks
from herald.segment.lines import split_lines

BODY = (
    "Council approves new bus lanes\n\n"
    "The city council approved two new bus lanes on Tuesday after a year of consultation "
    "with residents. Work starts in May, the transport office said.\n\n"
)
BODY_SENTENCE = "The city council approved two new bus lanes on Tuesday"
EN = [
    "They should have done this years ago, the traffic is awful.",
    "Another waste of our money by people who never take the bus.",
    "Finally some good news for cyclists too!",
]
FR = [
    "Encore une dépense inutile, personne ne prend le bus ici.",
    "Enfin une bonne nouvelle pour le quartier.",
    "Il était temps, la circulation est infernale.",
]
DE = [
    "Wieder eine Verschwendung von Steuergeld.",
    "Endlich tut sich etwas in der Stadt.",
    "Das hätte man schon vor Jahren machen sollen.",
]


def _numbered() -> str:
    items = "".join(f"  {n}. {c}\n\n" for n, c in enumerate(EN, 1))
    return "3 Responses to “Council approves new bus lanes”\n\n" + items


def _says(header: str) -> str:
    heads = [f"Reader{i} says:\nMarch {i + 3}, 2021 at 9:1{i} am\n\n{c}\n\nReply\n\n"
             for i, c in enumerate(EN)]
    return header + "".join(heads)


def _disqus() -> str:
    parts = ["3 Comments\nSort by Best\n\n"]
    for i, comment in enumerate(EN):
        pad = "    " if i == 1 else ""  # the second is a nested reply
        parts.append(f"{pad}user_{i} • {i + 2} years ago\n{pad}{comment}\n{pad}Reply • Share ›\n\n")
    return "".join(parts)


def _facebook() -> str:
    names = ["Jane Doe", "Tom Smith", "Ana Brown"]
    return "".join(f"{n}\n{c}\nLike · Reply · {i + 1}y\n\n"
                   for i, (n, c) in enumerate(zip(names, EN, strict=True)))


def _newspaper() -> str:
    heads = [f"reader{i}\n1{i} Mar 2021 15:0{i}\n{c}\nReply\nReport\n\n" for i, c in enumerate(EN)]
    prompt = "Sign in or create your account to join the discussion.\n\n"
    return "Comments (3)\n\n" + prompt + "".join(heads)


def _french() -> str:
    heads = [f"Pierre7{i} - 1{i}/03/2021 à 15h1{i}\n{c}\nRépondre · Signaler\n\n"
             for i, c in enumerate(FR)]
    return "Réactions (3)\n\n" + "".join(heads)


def _german() -> str:
    heads = [f"Max Muster{i} schrieb am 1{i}.03.2021 um 15:1{i} Uhr:\n{c}\nAntworten\n\n"
             for i, c in enumerate(DE)]
    return "Leserkommentare\n\n" + "".join(heads)


def _french_wordpress() -> str:
    heads = [f"Claire{i} dit :\n{i + 2} mars 2021 à 10 h 0{i}\n{c}\nRépondre\n\n"
             for i, c in enumerate(FR)]
    return "3 réflexions sur « Le conseil approuve les couloirs de bus »\n\n" + "".join(heads)


def _handles() -> str:
    return "".join(f"@user{i} · {i + 2}h\n{c}\n\n" for i, c in enumerate(EN))


LAYOUTS = {
    "wordpress-numbered": (_numbered(), EN),
    "wordpress-says": (_says("3 thoughts on “Council approves new bus lanes”\n\n"), EN),
    "says-without-header": (_says(""), EN),
    "disqus-nested": (_disqus(), EN),
    "facebook-plugin": (_facebook(), EN),
    "newspaper-thread": (_newspaper(), EN),
    "french-reactions": (_french(), FR),
    "french-wordpress": (_french_wordpress(), FR),
    "german-leserkommentare": (_german(), DE),
    "handles-without-header": (_handles(), EN),
}


def _comments(article: Article) -> list[str]:
    return [article.text[s.start : s.end] for s in article.segments if s.kind == "comments"]


def _body(article: Article) -> str:
    return " ".join(article.text[s.start : s.end] for s in article.segments if s.kind == "body")


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_each_comment_is_one_comments_segment(layout: str) -> None:
    tail, comments = LAYOUTS[layout]
    article = segment_article(Article(id=layout, text=BODY + tail))
    found = _comments(article)
    assert len(found) == len(comments), found
    for comment, segment in zip(comments, found, strict=True):
        assert re.sub(r"^\d+\. ", "", segment) == comment  # an item keeps its "1. "
    assert BODY_SENTENCE in _body(article)
    assert all(BODY_SENTENCE not in segment for segment in found)


def test_a_comment_of_several_paragraphs_stays_one_comment() -> None:
    tail = (
        "2 thoughts on “Council approves new bus lanes”\n\n"
        "Reader0 says:\nMarch 3, 2021 at 9:10 am\n\n"
        "First paragraph of a long comment about the lanes.\n\n"
        "Second paragraph of the same comment.\n\nReply\n\n"
        "Reader1 says:\nMarch 3, 2021 at 9:12 am\n\nA short reply.\n\nReply\n"
    )
    found = _comments(segment_article(Article(id="long", text=BODY + tail)))
    assert len(found) == 2
    assert "Second paragraph" in found[0] and found[0].startswith("First paragraph")


def test_nested_numbered_replies_are_comments_of_their_own() -> None:
    tail = (
        "Leave a Reply\n\n"
        "  1. The lanes will slow down every delivery van in the centre.\n"
        "      1. No, the vans get their own loading bays.\n"
        "  2. Good decision.\n"
        "  3. About time.\n"
    )
    found = _comments(segment_article(Article(id="nested", text=BODY + tail)))
    assert [text[:5] for text in found] == ["1. Th", "1. No", "2. Go", "3. Ab"]


ARTICLES_SHAPED_LIKE_THREADS = {
    "interview": (
        "Minister defends budget\n\nThe finance minister defended the budget in parliament on "
        "Tuesday against sharp criticism from the opposition.\n\nThe minister says:\n\n“We have "
        "balanced the books for the first time in a decade.”\n\nThe opposition leader says:\n\n"
        "“This budget hurts the poorest families in the country.”\n\nThe vote is due next week.\n"
    ),
    "live-blog": (
        "Live: storm hits the coast\n\nA powerful storm made landfall on the northern coast on "
        "Sunday, cutting power to thousands of homes across the region.\n\n15:10\nWinds of 120 "
        "km/h were recorded at the harbour.\n\n2 hours ago\nThe coast guard rescued two "
        "fishermen.\n\n16:05\nSchools will stay closed on Monday, officials said.\n"
    ),
    "timeline": (
        "Timeline of the dispute\n\nThe dispute between the union and the port operator has "
        "lasted more than a year, with several strikes.\n\nMarch 12, 2021\nThe union called its "
        "first strike over automation plans.\n\nJune 3, 2021\nTalks broke down after the operator "
        "refused a pay offer.\n\nJanuary 5, 2022\nA court ordered both sides back to mediation.\n"
    ),
    "share-bar": (
        "Police clear the square\n\n12 Comments\nShare\n\nRiot police cleared the central square "
        "of protesters late on Sunday, using water cannon against several hundred people.\n\n"
        "The city council said the camp had blocked traffic and would not be allowed back.\n\n"
        "Protest leaders said they would return next weekend.\n"
    ),
    "comments-as-a-word": (
        "Mayor criticised over remarks\n\nThe mayor faced calls to resign on Monday after "
        "comments he made about the protests.\n\nComments\n\nHis comments were hurtful to many "
        "residents, a council member said at the meeting on Monday evening.\n\nThe mayor "
        "apologised later that night in a statement.\n"
    ),
}


@pytest.mark.parametrize("page", sorted(ARTICLES_SHAPED_LIKE_THREADS))
def test_articles_shaped_like_threads_stay_articles(page: str) -> None:
    article = segment_article(Article(id=page, text=ARTICLES_SHAPED_LIKE_THREADS[page]))
    assert _comments(article) == []


def test_line_marks_name_the_furniture() -> None:
    text = (
        "Jane says:\nMarch 12, 2016 at 3:10 pm\njdoe • 3 years ago\nReply • Share ›\n"
        "Share\nIt happened 3 years ago\nAnna Weber | 12.03.2016, 15:10 Uhr\nil y a 2 jours\n"
        "Leserkommentare (3)\nKommentare\n"
    )
    assert line_marks(split_lines(text)) == [
        "author", "stamp", "named_stamp", "action", "text", "text", "named_stamp", "stamp",
        "thread_header", "header",
    ]
