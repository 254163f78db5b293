"""Reader comments in captured page text: where the thread starts, where each comment lies.

A thread is recognised in one of four ways, strongest first:

1. a thread header ("10 Responses to “…”", "Leserkommentare (3)", "3 réflexions sur « … »");
2. a plain comment header ("Comments", "Réactions", "Kommentare") late in the page, or
   followed at once by comment furniture;
3. no header, but comment-shaped blocks: commenters' heads ("Jane says:" over a timestamp,
   "jdoe • 3 years ago", a name over a timestamp) or "Reply"/"Like · Reply" links,
   at least twice;
4. an indented numbered list running to the end of the page.

Every way needs a body paragraph before the thread: a page never opens with comments, so a
share bar's "12 Comments" link above the article cannot swallow it. Furniture (names,
stamps, action links, form prompts) becomes boilerplate; each comment is one span, so
comments are counted one by one. The line shapes are data, in the ``comment_*`` and
``thread_headers`` keys of ``rules/<lang>.json``, merged across languages.
"""

from __future__ import annotations

import re
from typing import Literal

from herald.model import SegmentKind
from herald.segment.classify import classify_lines, looks_like_byline
from herald.segment.lines import Line
from herald.segment.rules import comment_rules, line_rules

Mark = Literal[
    "thread_header", "header", "author", "stamp", "named_stamp", "action", "item", "text"
]
Span = tuple[int, int, SegmentKind]

# Furniture lines are short: "Jane Doe says:", "March 12, 2016 at 3:10 pm", "Reply · Report".
# The longest seen in the layouts we write tests for is ~60 chars; longer lines are text.
MAX_FURNITURE_CHARS = 100
# "Reply · Report · Like · 3 years ago" has eight words; stamps without a digit ("il y a
# une heure", "yesterday") are short.
MAX_ACTION_WORDS = 10
MAX_WORDY_STAMP_CHARS = 30
# A handle before a stamp is one word ("jdoe 3 years ago"); a name with a separator mark
# is a few ("Anna Weber | 12.03.2016").
MAX_HANDLE_CHARS = 40
MAX_NAME_CHARS = 50
DIGIT = re.compile(r"\d")
WORD = re.compile(r"[^\W\d_][\w'’]*")
# The body paragraph a thread must follow: one sentence (the shortest neutral body of a
# commented page we have seen is one ~130-char sentence; menu entries are under ~40).
MIN_BODY_LINE_CHARS = 60
SENTENCE_END = re.compile(r"[.!?\u2026\u201d\"\u00bb]\s*$|[.!?]\s")
# A plain header opens a thread when its furniture follows within this many lines
# ("Comments" / name / stamp: the stamp is the second line after the header).
HEADER_EVIDENCE_LINES = 3
# ... and when the page shows at least this many furniture lines after it in all: one
# date line under a "Comments" link in a share bar is not a thread.
MIN_HEADER_FURNITURE = 2
# A plain header with no furniture after it is believed only past this share of the text
# (the dev pages' thread headers sit at 60-80% of the text; a share bar's at the top).
MIN_COMMENT_HEADER_POSITION = 0.5
# A thread without a header needs this many commenters' heads, or action links.
MIN_HEADLESS_COMMENTS = 2
# An indented numbered list is a thread when it has this many items and starts past this
# share of the text (a numbered list of demands in a body is not).
MIN_COMMENT_ITEMS = 3
MIN_COMMENTS_POSITION = 0.3
NUMBERED_ITEM = re.compile(r"^\d{1,3}\.\s+\S")
# Where a thread shows only action links, its first comment is the text above the first
# link, reaching back to the commenter's name at most this many lines.
MAX_FIRST_COMMENT_LINES = 3
HEAD_MARKS = frozenset({"author", "named_stamp"})
FURNITURE_MARKS = frozenset({"author", "stamp", "named_stamp", "action", "item"})


def line_marks(lines: list[Line]) -> list[Mark]:
    """What each line is to a comment thread; long lines are always text."""
    return [_mark(line.text) for line in lines]


def _mark(text: str) -> Mark:
    """The line's mark; the cheap tests (length, digits, last word) run before each regex,
    which keeps a page's marks under a tenth of a millisecond."""
    rules = comment_rules()
    if rules.item.match(text):
        return "item"
    if len(text) > MAX_FURNITURE_CHARS:
        return "text"
    if rules.thread_headers.match(text):  # the header patterns are anchored: match, not search
        return "thread_header"
    if line_rules().comment_headers.match(text):
        return "header"
    words = WORD.findall(text.casefold())
    short = len(words) <= MAX_ACTION_WORDS
    if short and not rules.action_words.isdisjoint(words) and rules.action.fullmatch(text):
        return "action"
    who = _stamp_name(text)
    if who is not None:
        return "named_stamp" if who else "stamp"
    last = words[-1] if words else ""
    if (text.endswith(":") or last in rules.author_last_words) and rules.author.match(text):
        return "author"
    return "text"


def _stamp_name(text: str) -> str | None:
    """The name before a stamp ('' when the stamp stands alone), None if no stamp.

    The time is tried only where a stamp can start: at the line's start, after a one-word
    handle, and after each separator mark; stamps hold a digit unless short ("a year ago").
    """
    if len(text) > MAX_WORDY_STAMP_CHARS and not DIGIT.search(text):
        return None
    rules = comment_rules()
    starts = [0]
    first_space = text.find(" ")
    if 0 < first_space <= MAX_HANDLE_CHARS and text[first_space - 1] not in ",.:;!?":
        starts.append(first_space + 1)
    starts += [m.end() for m in rules.name_separator.finditer(text, 0, MAX_NAME_CHARS + 5)]
    for start in starts:
        if rules.stamp_time.fullmatch(text, start):
            who = text[:start].strip()
            first = who.split(maxsplit=1)[0].casefold() if who else ""
            return "" if first in rules.stamp_prefixes else who
    return None


def find_thread(lines: list[Line], text_length: int) -> int | None:
    """The index of the thread's first line (its header or first comment), or None."""
    marks = line_marks(lines)
    for index, mark in enumerate(marks):
        if mark in ("thread_header", "header") and _header_opens_thread(
            lines, marks, index, text_length
        ):
            return index
    headless = _headless_thread(lines, marks)
    return headless if headless is not None else _numbered_thread(lines, text_length)


def _header_opens_thread(lines: list[Line], marks: list[Mark], index: int, length: int) -> bool:
    if not _body_before(lines, marks, index):
        return False  # "12 Comments" in the share bar above the article
    if marks[index] == "thread_header":
        return True
    if lines[index].start >= length * MIN_COMMENT_HEADER_POSITION:
        return True
    after = marks[index + 1 :]
    near = any(mark in FURNITURE_MARKS for mark in after[:HEADER_EVIDENCE_LINES])
    return near and sum(mark in FURNITURE_MARKS for mark in after) >= MIN_HEADER_FURNITURE


def _body_before(lines: list[Line], marks: list[Mark], index: int) -> bool:
    """A sentence of article text above the line: the thread follows an article."""
    return any(
        mark == "text" and len(line.text) >= MIN_BODY_LINE_CHARS and SENTENCE_END.search(line.text)
        for line, mark in zip(lines[:index], marks[:index], strict=True)
    )


def _headless_thread(lines: list[Line], marks: list[Mark]) -> int | None:
    """The first comment of a thread shown without a header, by its heads or its links."""
    heads = _heads(lines, marks)
    actions = [index for index, mark in enumerate(marks) if mark == "action"]
    strong = [index for index, strength in heads if strength >= 2]
    if len(strong) >= MIN_HEADLESS_COMMENTS or (
        len(heads) >= MIN_HEADLESS_COMMENTS and actions
    ):
        start = heads[0][0]
    elif len(actions) >= MIN_HEADLESS_COMMENTS:
        start = _first_comment_above(lines, marks, actions[0])
    else:
        return None
    return start if _body_before(lines, marks, start) else None


def _heads(lines: list[Line], marks: list[Mark]) -> list[tuple[int, int]]:
    """(index, strength) of each commenter's head: a name with "says:" (1), with a stamp
    on its line or the next (2), or a name-like line over a stamp (2)."""
    heads: list[tuple[int, int]] = []
    for index, mark in enumerate(marks):
        following = marks[index + 1] if index + 1 < len(marks) else "text"
        name_over_stamp = mark == "text" and following == "stamp" and _is_name(lines[index].text)
        if mark == "author":
            heads.append((index, 2 if following == "stamp" else 1))
        elif mark == "named_stamp" or name_over_stamp:
            heads.append((index, 2))
    return heads


def _is_name(text: str) -> bool:
    """A commenter's name or handle on a line of its own."""
    return looks_like_byline(text) or re.fullmatch(r"@?[\w.\-]{2,30}", text) is not None


def _first_comment_above(lines: list[Line], marks: list[Mark], action: int) -> int:
    """The first comment of a links-only thread: the name line above it, else one line."""
    for back in range(1, MAX_FIRST_COMMENT_LINES + 1):
        index = action - back
        if index < 0 or marks[index] != "text":
            break
        if _is_name(lines[index].text):
            return index
    return max(action - 1, 0)


def _numbered_thread(lines: list[Line], text_length: int) -> int | None:
    """An indented list "1. ... 2. ..." running to the end of the page, after the article."""
    for index, line in enumerate(lines):
        if not line.text.startswith("1.") or not NUMBERED_ITEM.match(line.text):
            continue
        if line.start < text_length * MIN_COMMENTS_POSITION:
            continue
        thread = lines[index:]
        items = sum(1 for item in thread if NUMBERED_ITEM.match(item.text))
        if items >= MIN_COMMENT_ITEMS and all(item.indent > 0 for item in thread):
            return index
    return None


def comment_parts(lines: list[Line], single: bool = False) -> list[Span]:
    """One 'comments' span per comment, furniture and form prompts as boilerplate.

    Where the thread has furniture, a comment runs from the text after a head to the next
    furniture line (so a comment of several paragraphs stays one); a numbered item always
    opens a new one (a nested reply). Where it has none, each paragraph is a comment.
    ``single``: the lines are one comment already (an HTML page's comment item), so only
    its furniture, and a commenter's name above its text, are set apart.
    """
    marks = line_marks(lines)
    kinds = classify_lines(lines)
    structured = single or any(mark in FURNITURE_MARKS for mark in marks)
    furniture = [_is_furniture(lines, marks, kinds, index) for index in range(len(lines))]
    spans: list[Span] = []
    current: tuple[int, int] | None = None
    for index, line in enumerate(lines):
        name = _is_name_over_text(lines, furniture, structured, index, current, single)
        if furniture[index] or name:
            if current is not None and not single:
                spans.append((*current, "comments"))
                current = None
            spans.append((line.start, line.end, "boilerplate"))
            continue
        opens = current is None or not single and (marks[index] == "item" or not structured)
        if opens:
            if current is not None:
                spans.append((*current, "comments"))
            current = (line.start, line.end)
        elif current is not None:
            current = (current[0], line.end)
    if current is not None:
        spans.append((*current, "comments"))
    return _without_overlaps(spans)


def _without_overlaps(spans: list[Span]) -> list[Span]:
    """A single comment's furniture may sit inside its text span ("Reply" between two
    paragraphs): the comment keeps the whole stretch and the furniture inside it goes."""
    comments = [span for span in spans if span[2] == "comments"]
    return [
        span for span in spans
        if span[2] == "comments" or not any(c[0] <= span[0] < c[1] for c in comments)
    ]


def _is_furniture(lines: list[Line], marks: list[Mark], kinds: list[SegmentKind], i: int) -> bool:
    if marks[i] in ("thread_header", "header", "author", "stamp", "named_stamp", "action"):
        return True
    if kinds[i] == "boilerplate":
        return True
    following = marks[i + 1] if i + 1 < len(marks) else "text"
    return marks[i] == "text" and following == "stamp" and _is_name(lines[i].text)


def _is_name_over_text(
    lines: list[Line],
    furniture: list[bool],
    structured: bool,
    index: int,
    current: tuple[int, int] | None,
    single: bool,
) -> bool:
    """A commenter's name alone above the comment's text ("Jane Doe" / text / "Like · Reply");
    in an HTML comment item a one-word handle too ("Marie" / text)."""
    if not structured or current is not None or index + 1 >= len(lines):
        return False
    text = lines[index].text
    named = _is_name(text) if single else looks_like_byline(text)
    return not furniture[index + 1] and named
