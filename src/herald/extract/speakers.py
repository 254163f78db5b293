"""Who says it: words followed by a report verb ("police said", "Baku has announced",
"on Monday claimed") or preceded by one ("said police").

A name or a date read in a sentence may be the statement's, not the event's: the police
who said it are the source, not a side of the harm; a capital that announced is its
government, not where anything happened; a day right before the verb dates the saying.
The three readings share one test, here.
"""

from __future__ import annotations

import re

_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d_]+")
_SPACES_AND_ARTICLE = re.compile(r"\s+(?:[^\W\d_]+\s+)?")

# A speaker's title may stand between a force's word and its report verb: "police
# spokesman Gambo Isah said".
SPEAKER_GAP_WORDS = 3
# How far before a force's word a report verb is looked for ("said the police").
SPEAKER_VERB_WINDOW_CHARS = 40


def verb_ahead(text: str, position: int, verbs: re.Pattern[str], max_words: int = 0) -> bool:
    """Whether a report verb follows ``position`` after a space, with at most
    ``max_words`` words and no punctuation between."""
    for _ in range(max_words + 1):
        gap = _SPACES.match(text, position)
        if gap is None:
            return False
        if verbs.match(text, gap.end()):
            return True
        word = _WORD.match(text, gap.end())
        if word is None:
            return False
        position = word.end()
    return False


def is_speaker(text: str, named: re.Match[str], verbs: re.Pattern[str]) -> bool:
    """Whether the words matched are who says it: a report verb a few words after them,
    with no punctuation between ("police spokesman Gambo Isah said"), or right before
    them, at most an article between ("said police", "a annoncé le ministère malien de
    la Défense")."""
    if verb_ahead(text, named.end(), verbs, SPEAKER_GAP_WORDS):
        return True
    window_start = max(0, named.start() - SPEAKER_VERB_WINDOW_CHARS)
    return any(_SPACES_AND_ARTICLE.fullmatch(text, verb.end(), named.start())
               for verb in verbs.finditer(text, window_start, named.start()))
