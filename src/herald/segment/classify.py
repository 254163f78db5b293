"""Line-level reading of a body region: what is article text, what is page furniture.

Each line first gets a kind from the rule tables alone; then a few neighbourhood passes fix
what one line cannot show (the alt text above an image credit, the tweet text above its
signature, teasers printed twice, everything after a "Related articles" header).
"""

from __future__ import annotations

from herald.model import SegmentKind
from herald.segment.frame import normalise
from herald.segment.lines import Line
from herald.segment.rules import common_rules, line_rules, matches

# Alt text / headline of a picture sits on the line above its credit; it is short and
# carries no sentence punctuation. 120 chars covers every such line in realnews-dev (longest
# ~70) while staying below the shortest one-sentence body paragraph seen there (~130).
MAX_ALT_TEXT_CHARS = 120
# Teasers and share bars are printed twice in a row; body paragraphs never are. Lines longer
# than this are not treated as teasers even when repeated (a pasted paragraph stays body).
MAX_REPEATED_LINE_CHARS = 200
# A "Related articles" header ends the article only past this share of the region's lines:
# near the top it is a menu entry, not the start of the page's tail.
MIN_TAIL_POSITION = 0.3
SENTENCE_END = (".", "!", "?", "\u201d", '"', "\u00bb", ":")
# A byline is a name, maybe with a place: "Kate Brady, Dresden". Longer lines are headings.
MAX_BYLINE_CHARS = 50
MAX_BYLINE_WORDS = 5


def classify_lines(lines: list[Line]) -> list[SegmentKind]:
    """One kind per line: body, boilerplate, caption or quote (embedded posts)."""
    kinds = [_line_kind(line.text) for line in lines]
    _mark_tweet_text(lines, kinds)
    _mark_caption_neighbours(lines, kinds)
    _mark_repeated_lines(lines, kinds)
    _mark_bylines(lines, kinds)
    _mark_tail(lines, kinds)
    return kinds


def looks_like_byline(text: str) -> bool:
    """A few capitalised words, no digits, no sentence punctuation."""
    words = text.replace(",", " ").split()
    return (
        len(text) <= MAX_BYLINE_CHARS
        and 2 <= len(words) <= MAX_BYLINE_WORDS
        and all(word[0].isupper() for word in words)
        and not any(c.isdigit() for c in text)
        and not text.endswith(SENTENCE_END)
    )


def _line_kind(text: str) -> SegmentKind:
    common, rules = common_rules(), line_rules()
    if common.tweet_signature.search(text) or common.tweet_link.search(text):
        return "boilerplate" if matches(rules.boilerplate, text) else "quote"
    if matches(rules.boilerplate, text) or matches(rules.comment_headers, text):
        return "boilerplate"  # a comment header that opens no thread is a link in a menu
    if matches(rules.caption, text) or common.credit_line.search(text):
        return "caption"
    return "body"


def _mark_tweet_text(lines: list[Line], kinds: list[SegmentKind]) -> None:
    """A signature line ("— Name (@handle) date") quotes the tweet text just above it."""
    signature = common_rules().tweet_signature
    for index in range(1, len(lines)):
        text = lines[index].text
        starts_with_dash = text[:1] in "\u2014\u2013-"
        if starts_with_dash and signature.search(text) and kinds[index - 1] == "body":
            kinds[index - 1] = "quote"


def _mark_caption_neighbours(lines: list[Line], kinds: list[SegmentKind]) -> None:
    """Alt text above a credit, and a caption repeated below its "PHOTO:" line."""
    for index, line in enumerate(lines):
        if kinds[index] != "caption":
            continue
        if index > 0 and kinds[index - 1] == "body" and _looks_like_alt_text(lines[index - 1]):
            kinds[index - 1] = "caption"
        following = index + 1
        if following < len(lines) and kinds[following] == "body":
            below = lines[following].text
            if len(below) >= 10 and below in line.text:
                kinds[following] = "caption"


def _looks_like_alt_text(line: Line) -> bool:
    return len(line.text) <= MAX_ALT_TEXT_CHARS and not line.text.endswith(SENTENCE_END)


def _mark_repeated_lines(lines: list[Line], kinds: list[SegmentKind]) -> None:
    keys = [normalise(line.text) for line in lines]  # once per line, not once per neighbour
    for index in range(1, len(lines)):
        same = keys[index] == keys[index - 1]
        if same and len(lines[index].text) <= MAX_REPEATED_LINE_CHARS:
            for position in (index - 1, index):
                if kinds[position] == "body":
                    kinds[position] = "boilerplate"


def _mark_bylines(lines: list[Line], kinds: list[SegmentKind]) -> None:
    """A name just above page furniture that names it again ("Jane Doe" / "Follow Jane")."""
    for index in range(len(lines) - 1):
        below = lines[index + 1]
        if kinds[index] != "body" or kinds[index + 1] != "boilerplate":
            continue
        name_words = set(lines[index].text.replace(",", " ").split())
        if looks_like_byline(lines[index].text) and name_words & set(below.text.split()):
            kinds[index] = "boilerplate"


def _mark_tail(lines: list[Line], kinds: list[SegmentKind]) -> None:
    markers = line_rules().tail_markers
    first = int(len(lines) * MIN_TAIL_POSITION)
    for index in range(max(first, 1), len(lines)):
        if matches(markers, lines[index].text):
            for position in range(index, len(lines)):
                kinds[position] = "boilerplate"
            return
