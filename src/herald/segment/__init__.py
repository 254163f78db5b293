"""The segment stage: split an article's text into title, body, captions, quotes,
boilerplate and reader comments, and fill the metadata the page states about itself.

``segment_article`` reads the model and returns it. Offsets index ``article.text``; the
text itself is never changed. Plain-text pages are framed first (crawler tag, title,
comments, trailer, dateline), then the body's lines are classified by the rule tables in
``rules/``. Pages that came from HTML keep their title and comments and only have their
body refined. Each reader comment is a segment of its own.
"""

from __future__ import annotations

from herald.model import Article, Segment, SegmentKind
from herald.segment.classify import classify_lines, looks_like_byline
from herald.segment.comments import comment_parts, find_thread
from herald.segment.frame import cut_crawler_tag, find_title, find_trailer, title_repeats
from herald.segment.lines import Line, split_lines
from herald.segment.metadata import detect_language, find_dateline, outlet_from_url
from herald.segment.page_date import read_page_date

__all__ = ["segment_article"]

Span = tuple[int, int, SegmentKind]

# Below this many body chars the language is read from title, body and quotes together:
# one short sentence (~100 chars) is where py3langid starts agreeing with the dev pages.
MIN_LANGUAGE_SAMPLE_CHARS = 100


def segment_article(article: Article) -> Article:
    """Fill ``segments``, ``language``, ``page_date`` and, when missing,
    ``outlet``/``published``/``title`` (``published`` from the page date, with a day)."""
    has_body = any(segment.kind == "body" for segment in article.segments)
    spans = _refine_html_segments(article) if has_body else _segment_plain(article)
    article.segments = _merge(spans)
    language = detect_language(_language_sample(article))
    if language != "und" or article.language in ("", "und"):
        article.language = language
    if article.outlet is None:
        article.outlet = outlet_from_url(article.url)
    article.page_date = read_page_date(article)
    if article.published is None and article.page_date and article.page_date.precision == "day":
        article.published = article.page_date.value
    return article


def _language_sample(article: Article) -> str:
    """The body, or the title and quotes too when the body alone is too short to tell."""
    body = " ".join(text for _, text in article.segment_text("body"))
    if len(body) >= MIN_LANGUAGE_SAMPLE_CHARS:
        return body
    readable = [s for s in article.segments if s.kind in ("title", "body", "quote")]
    return " ".join(article.text[s.start : s.end] for s in readable) or article.text


def _segment_plain(article: Article) -> list[Span]:
    tag, lines = cut_crawler_tag(article.text, split_lines(article.text))
    title_index = find_title(lines, article.title)
    if title_index is None and _headline_into_text(article, lines):
        tag, lines = cut_crawler_tag(article.text, split_lines(article.text))
        title_index = find_title(lines, article.title)
    spans: list[Span] = [(*tag, "boilerplate")] if tag is not None else []
    if title_index is not None:
        spans += [(line.start, line.end, "boilerplate") for line in lines[:title_index]]
        title_line = lines[title_index]
        spans.append((title_line.start, title_line.end, "title"))
        if article.title is None:
            article.title = title_line.text
    first_body = 0 if title_index is None else title_index + 1
    return spans + _segment_body(article, lines[first_body:], first_page_lines=True)


def _headline_into_text(article: Article, lines: list[Line]) -> bool:
    """A record whose headline is a field of its own ("title") and not a line of its
    text gets it as the text's first line: a dump's record often holds the body alone,
    and the headline is where a report names its event ("Dijon : rassemblement tendu
    contre les violences policières"). The evidence spans then point into the text as
    stored, headline included. A title in lower case throughout is a URL's slug
    ("generation identitaire manifeste sans autorisation calais"), no headline as
    written: it stays metadata. ``lines`` are the text's, after any crawler tag, among
    which the title was not found; says whether the text changed."""
    if not article.title or not article.title.strip() or article.title.islower() or not lines:
        return False
    at = lines[0].start
    article.text = f"{article.text[:at]}{article.title.strip()}\n\n{article.text[at:]}"
    return True


def _refine_html_segments(article: Article) -> list[Span]:
    """Keep the extractor's title; read each body segment line by line, and split the
    extractor's comments into one span per comment."""
    spans: list[Span] = []
    for segment in article.segments:
        lines = split_lines(article.text, segment.start, segment.end)
        if segment.kind == "body":
            spans += _segment_body(article, lines, first_page_lines=False)
        elif segment.kind == "comments" and lines:
            spans += comment_parts(lines, single=True)  # the extractor gives one per comment
        else:
            spans.append((segment.start, segment.end, segment.kind))
    return spans


def _segment_body(article: Article, lines: list[Line], first_page_lines: bool) -> list[Span]:
    """Comments, trailer and dateline by position, then every other line by the rules."""
    spans: list[Span] = []
    comments = find_thread(lines, len(article.text))
    if comments is not None:
        spans += comment_parts(lines[comments:])
        lines = lines[:comments]
    trailer, outlet = find_trailer(lines, len(lines) - 1)
    if trailer is not None:
        spans.append((lines[trailer].start, lines[trailer].end, "boilerplate"))
        lines = lines[:trailer]
        if article.outlet is None and not article.url:
            article.outlet = outlet
    kinds = classify_lines(lines)
    _mark_title_repeats(article, lines, kinds)
    if first_page_lines:
        _mark_dateline(lines, kinds)
    spans += [(line.start, line.end, kind) for line, kind in zip(lines, kinds, strict=True)]
    return spans


def _mark_title_repeats(article: Article, lines: list[Line], kinds: list[SegmentKind]) -> None:
    body = [index for index, kind in enumerate(kinds) if kind == "body"]
    repeats = title_repeats([lines[index] for index in body], article.title)
    for index, repeated in zip(body, repeats, strict=True):
        if repeated:
            kinds[index] = "boilerplate"


def _mark_dateline(lines: list[Line], kinds: list[SegmentKind]) -> None:
    """A line near the top that is only a date is page furniture, not body text (its
    date is read, with the page's other dates, by ``read_page_date``)."""
    index, _iso = find_dateline(lines, lambda: detect_language(" ".join(x.text for x in lines)))
    if index is None:
        return
    kinds[index] = "boilerplate"
    if index > 0 and kinds[index - 1] == "body" and looks_like_byline(lines[index - 1].text):
        kinds[index - 1] = "boilerplate"  # "Kate Brady, Dresden" above "January 12, 2015"


def _merge(spans: list[Span]) -> list[Segment]:
    """Sorted, non-overlapping segments; neighbours of one kind become one segment, except
    reader comments: each is its own segment, so they can be counted and flagged one by one."""
    segments: list[Segment] = []
    for start, end, kind in sorted(spans):
        if end <= start:
            continue
        if segments and segments[-1].kind == kind and kind != "comments":
            last = segments[-1]
            segments[-1] = Segment(kind, last.start, max(last.end, end))
            continue
        if segments and start < segments[-1].end:
            start = segments[-1].end
        segments.append(Segment(kind, start, end))
    return segments
