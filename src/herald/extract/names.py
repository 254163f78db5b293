"""The names a report uses: what lets two reports of one event meet without a date or place.

Outlets disagree on dates, drop them, or place an event at the nearest town they know,
but reports of one event name the same people, groups and places: "Rached Ghannouchi",
"Abu Sayyaf", "Finote Selam". The resolver compares these names (and the figures) when a
date or a place is missing. They are read from the headline, the lead and the event's
own sentences (with the sentences near the top that go on telling it: "The house
belongs to Rahim Uddin Sarkar"), where a report says who and where; a name deep in the
background ("last year's attack in X") would tie the event to another.

Two sources: the annotator's people and organisations, and runs of two or more
capitalised words ("Zakaria Zubeidi", "White Army"), which are names in every alphabet
with capitals, also in the languages whose pipeline has no statistical NER. Places are
left to the place comparison: the towns and regions a lead names around its event are
geography that neighbouring events share (every shelling near Kharkiv names Kharkiv),
not the event's identity.
"""

from __future__ import annotations

import re

from herald.model import Article, Mention

# The lead is where a report says who, where and when: the headline and this many body
# sentences (news writing's "five Ws" paragraph is one to three sentences).
LEAD_SENTENCES = 3
NAME_KINDS = ("person", "org")
# A capitalised run of this many words or more is a name; one capitalised word is as
# often a sentence opener or a common noun (German) as a name.
MIN_RUN_WORDS = 2
MAX_RUN_WORDS = 5
# Lowercase words that may sit inside a name: "Abu Bakr al Baghdadi", "Port of Spain".
# Not German's "von", "der": German capitalises every noun, and "Küste von Venezuela"
# is no name.
NAME_PARTICLES = frozenset({
    "al", "el", "bin", "ibn", "abu", "de", "da", "do", "dos", "del", "della", "di", "du",
    "des", "la", "le", "of", "y",
})
_WORD = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)


def report_names(article: Article, spans: list[tuple[int, int]]) -> list[str]:
    """Names read in the article's lead and in ``spans`` (the event's sentences and, for
    the main event, those that go on telling it)."""
    windows = _lead_spans(article) + spans
    found: dict[str, None] = {}
    for mention in article.mentions:
        if mention.kind in NAME_KINDS and _inside(mention.start, windows):
            name = _mention_name(mention)
            if name:
                found[name] = None
    for start, end in windows:
        for name in capitalised_runs(article.text[start:end]):
            found[name] = None
    return sorted(found)


def _lead_spans(article: Article) -> list[tuple[int, int]]:
    titles = [(s.start, s.end) for s in article.sentences if s.segment == "title"]
    body = [(s.start, s.end) for s in article.sentences if s.segment == "body"]
    return titles + body[:LEAD_SENTENCES]


def _inside(position: int, windows: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in windows)


def _mention_name(mention: Mention) -> str | None:
    return mention.text.strip() or None


def capitalised_runs(text: str) -> list[str]:
    """Runs of MIN_RUN_WORDS+ capitalised words (particles allowed inside), not the
    first word of the text, which is capitalised whatever it is."""
    runs: list[str] = []
    current: list[str] = []
    previous_end = 0
    for position, match in enumerate(_WORD.finditer(text)):
        word = match.group(0)
        if text[previous_end : match.start()].strip():  # punctuation ends a name
            _close_run(current, runs)
            current = []
        previous_end = match.end()
        capital = word[0].isupper() and position > 0 and not _after_stop(text, match.start())
        if capital or (current and word.lower() in NAME_PARTICLES):
            current.append(word)
            continue
        _close_run(current, runs)
        current = []
    _close_run(current, runs)
    return runs


def _after_stop(text: str, start: int) -> bool:
    """Whether the word opens a sentence (after '.', '!', '?', ':' or a line break)."""
    before = text[max(0, start - 8) : start].rstrip(" \t\"'“”«»(")
    return (not before and start < 8) or bool(before) and before[-1] in ".!?:\n"


def _close_run(words: list[str], runs: list[str]) -> None:
    while words and words[-1].lower() in NAME_PARTICLES:
        words.pop()
    if MIN_RUN_WORDS <= len(words) <= MAX_RUN_WORDS:
        runs.append(" ".join(word.strip(".") for word in words))
