"""Reader comments in a page's own markup: found, taken out of the page, one text per comment.

trafilatura finds comment sections by English class names and returns their text as one
block; pages that call their thread ``réactions`` or ``leserkommentare`` see the comments
read as article text. Here comment containers are found by class and id tokens (rule table
``rules/html_comments.json``), each comment item's text is read without its nested
replies (which are items of their own), and the containers are removed from the tree
before the article text is extracted, so a comment can never become the outlet's voice.
The commenter's name, time and "Reply" link stay in each item's text, one line each: the
segment stage recognises them as comment furniture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml.html import HtmlElement

from herald.rules_io import read_table

RULES = Path(__file__).with_name("rules") / "html_comments.json"
# Elements that start a new line of text; inline ones (a, span, time, b...) do not.
BLOCK_TAGS = frozenset({
    "p", "div", "li", "article", "section", "header", "footer", "aside", "blockquote",
    "h1", "h2", "h3", "h4", "h5", "h6", "ol", "ul", "dl", "dt", "dd", "tr", "pre",
    "figure", "figcaption", "table", "cite", "address",
})
SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "form", "textarea",
                          "input", "select", "button", "svg", "iframe"})
# Replies are nested in a list under their parent comment.
REPLY_LIST_TAGS = frozenset({"ol", "ul", "li"})
# A container holding the page's headline or its article body is a page wrapper whose
# class merely mentions comments ("has-comments"), never a thread.
PAGE_PARTS = ".//h1|.//*[@itemprop='articleBody']"


@dataclass(frozen=True)
class CommentMarkup:
    container: re.Pattern[str]
    item: re.Pattern[str]
    item_id: re.Pattern[str]
    item_types: tuple[str, ...]


@cache
def comment_markup() -> CommentMarkup:
    data = read_table(RULES, ("container_tokens", "item_tokens", "item_ids", "item_types"))

    def any_of(key: str) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in data[key]), re.IGNORECASE)

    return CommentMarkup(
        container=any_of("container_tokens"),
        item=any_of("item_tokens"),
        item_id=any_of("item_ids"),
        item_types=tuple(str(t).lower() for t in data["item_types"]),
    )


def take_comments(tree: HtmlElement) -> list[str]:
    """The text of each reader comment in the page's comment containers, in page order;
    the containers are removed from ``tree``."""
    markup = comment_markup()
    containers = _containers(tree, markup)
    comments: list[str] = []
    for container in containers:
        items = _items(container, markup)
        if items:
            nested = set(items)
            comments += [text for item in items if (text := _text(item, nested - {item}))]
        else:  # a thread without item markup: each paragraph is a comment
            comments += [t for p in container.iter("p") if (t := _text(p, set()))]
    for container in containers:
        _drop(container)
    return comments


def _tokens(element: HtmlElement) -> list[str]:
    return [*str(element.get("class") or "").split(), str(element.get("id") or "")]


def _containers(tree: HtmlElement, markup: CommentMarkup) -> list[HtmlElement]:
    """Outermost elements whose class or id names a comment thread."""
    found: list[HtmlElement] = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("html", "body"):
            continue
        if not any(markup.container.fullmatch(token) for token in _tokens(element) if token):
            continue
        if any(_contains(outer, element) for outer in found) or element.xpath(PAGE_PARTS):
            continue
        found.append(element)
    return found


def _items(container: HtmlElement, markup: CommentMarkup) -> list[HtmlElement]:
    """Comment items: marked elements that hold text of their own (a WordPress ``li.comment``
    only wraps its ``article.comment-body`` and replies, so the article is the item), less
    those marked inside another item's own body ("comment-content" inside "comment-body"):
    only a reply, below a list, is an item of its own."""
    marked = [e for e in container.iter() if e is not container and _is_item(e, markup)]
    inside = set(marked)
    texted = [e for e in marked if _text(e, inside - {e})]
    return [e for e in texted if not any(_part_of(e, outer) for outer in texted if outer is not e)]


def _part_of(inner: HtmlElement, outer: HtmlElement) -> bool:
    """Whether ``inner`` lies inside ``outer`` with no reply list between them."""
    for ancestor in inner.iterancestors():
        if ancestor is outer:
            return True
        if ancestor.tag in REPLY_LIST_TAGS:
            return False
    return False


def _is_item(element: HtmlElement, markup: CommentMarkup) -> bool:
    if not isinstance(element.tag, str):
        return False
    item_type = str(element.get("itemtype") or "").lower()
    if any(kind in item_type for kind in markup.item_types):
        return True
    if markup.item_id.fullmatch(str(element.get("id") or "")):
        return True
    return any(markup.item.fullmatch(token) for token in str(element.get("class") or "").split())


def _text(element: HtmlElement, nested: set[HtmlElement]) -> str:
    """The element's text, a line per block, leaving out the ``nested`` elements."""
    parts: list[str] = []
    _walk(element, nested, parts)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _walk(element: HtmlElement, nested: set[HtmlElement], parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in SKIPPED_TAGS or element in nested:
        return
    block = tag in BLOCK_TAGS or tag == "br"
    if block:
        parts.append("\n")
    if element.text and tag:
        parts.append(_inline(element.text))
    for child in element:
        _walk(child, nested, parts)
        if child.tail:
            parts.append(_inline(child.tail))
    if block:
        parts.append("\n")


def _inline(text: str) -> str:
    """Source line breaks inside a paragraph are spaces; only blocks start a line."""
    squeezed = " ".join(text.split())
    if not squeezed:
        return " "
    lead = " " if text[0].isspace() else ""
    trail = " " if text[-1].isspace() else ""
    return lead + squeezed + trail


def _contains(outer: HtmlElement, inner: HtmlElement) -> bool:
    return any(ancestor is outer for ancestor in inner.iterancestors())


def _drop(element: HtmlElement) -> None:
    """Remove the element but keep the text that follows it in its parent."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    parent.remove(element)
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail

