"""Who is speaking: the outlet, someone it quotes, or a reader in the comments.

Quotation is read two ways: quotation marks of the major European conventions
(“…”, "…", «…», »…«, „…“), scoped to a paragraph because an unclosed opening mark
in news copy runs to the paragraph's end; and reported speech, where a speech verb
or an attribution prefix hands the rest of the sentence to someone else.
"""

from __future__ import annotations

import re

from herald.framing.rules import Rules

# Opening mark -> the marks that may close it. German closes „ with “ and opens »…«;
# British copy quotes with single marks ('…', ‘…’), which double as apostrophes.
QUOTE_PAIRS = {
    "“": "”“",
    "„": "“”",
    "«": "»",
    "»": "«",
    '"': '"',
    "‘": "’",
    "‚": "‘’",
    "'": "'",
    "‹": "›",
    "›": "‹",
}
# Single marks are apostrophes too: they open only before a word and after a non-word,
# close only before a non-word, and an unclosed one quotes nothing.
SINGLE_MARKS = frozenset("‘‚'’")
# Jump from mark to mark instead of testing every character in Python.
ANY_MARK = re.compile(f"[{re.escape(''.join(QUOTE_PAIRS))}]")
CLOSING_MARKS = {closers: re.compile(f"[{re.escape(closers)}]") for closers in QUOTE_PAIRS.values()}
PARAGRAPH_BREAK = "\n\n"
LINE = re.compile(r"[^\n]+")
# A sentence ends after . ! ? … where the next one opens with a capital, digit or quote.
SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+(?=[\"“„«»A-ZÀ-ÖØ-Þ0-9])")
# "According to X, …" hands over the sentence when the prefix opens it; an opening
# quotation mark or dash and a space may come first.
MAX_PREFIX_START = 2
# A trailing attribution ("…, the mayor said.") names its speaker in at most this many
# words after the comma; longer tails are a new clause, not an attribution.
MAX_TRAILING_SPEAKER_WORDS = 6

Span = tuple[int, int]


def quote_mark_spans(text: str, start: int, end: int) -> list[Span]:
    """Spans (absolute offsets) inside quotation marks between start and end.

    A mark closes at its partner within the same paragraph (hard-wrapped copy breaks
    lines inside quotes); with no partner there, a double mark's quote runs to the
    line's end, as a multi-paragraph quotation in news copy reopens on each paragraph.
    """
    spans: list[Span] = []
    index = start
    while (found := ANY_MARK.search(text, index, end)) is not None:
        index = found.start()
        closers = QUOTE_PAIRS[text[index]]
        if not can_open(text, index, end):
            index += 1
            continue
        paragraph_end = find_or(text, PARAGRAPH_BREAK, index, end)
        close = closing_mark(text, index + 1, paragraph_end, end, closers)
        if close is None and text[index] in SINGLE_MARKS:
            index += 1
            continue
        stop = close + 1 if close is not None else find_or(text, "\n", index, end)
        spans.append((index, stop))
        index = stop
    return spans


def closing_mark(text: str, first: int, stop: int, end: int, closers: str) -> int | None:
    """The first mark in text[first:stop] that closes a quote opened with ``closers``."""
    for found in CLOSING_MARKS[closers].finditer(text, first, stop):
        if closes(text, found.start(), end, closers):
            return found.start()
    return None


def can_open(text: str, index: int, end: int) -> bool:
    if text[index] not in SINGLE_MARKS:
        return True
    before_ok = index == 0 or not text[index - 1].isalnum()
    return before_ok and index + 1 < end and text[index + 1].isalnum()


def closes(text: str, index: int, end: int, closers: str) -> bool:
    if text[index] not in closers:
        return False
    if text[index] not in SINGLE_MARKS:
        return True
    return index + 1 >= end or not text[index + 1].isalnum()


def find_or(text: str, needle: str, start: int, end: int) -> int:
    """Position of needle in text[start:end], else end."""
    found = text.find(needle, start, end)
    return end if found < 0 else found


def reported_speech_span(sentence: str, offset: int, rules: Rules) -> Span | None:
    """The part of a sentence that reports someone else's words, if any.

    "According to X, …" hands over the whole sentence; "X said (that) …" the part
    after the verb; "…, X said." the part before the comma.
    """
    if opens_with_prefix(sentence, rules):
        return offset, offset + len(sentence)
    trailing = trailing_attribution(sentence, rules)
    if trailing is not None:
        return offset, offset + trailing
    verb = rules.speech_verb.search(sentence)
    if verb is None:
        return None
    return offset + verb.end(), offset + len(sentence)


def opens_with_prefix(sentence: str, rules: Rules) -> bool:
    """An attribution prefix starts within the sentence's first few characters: tried
    at those positions only, rather than searched for through the whole sentence."""
    return any(rules.speech_prefix.match(sentence, at) for at in range(MAX_PREFIX_START + 1))


def trailing_attribution(sentence: str, rules: Rules) -> int | None:
    """End of the reported part of "…, the mayor said." style sentences, else None."""
    comma = max(sentence.rfind(","), sentence.rfind("—"))
    if comma <= 0:
        return None
    tail = sentence[comma + 1 :]
    if len(tail.split()) > MAX_TRAILING_SPEAKER_WORDS + 1:
        return None
    return comma if rules.speech_verb.search(tail) else None


def sentence_spans(text: str, start: int, end: int) -> list[Span]:
    """Sentences of one segment: split after . ! ? … and at line breaks."""
    spans = []
    for match in LINE.finditer(text[start:end]):
        line_start = start + match.start()
        pieces = SENTENCE_BREAK.split(match.group())
        cursor = line_start
        for piece in pieces:
            piece_start = text.index(piece, cursor)
            if piece.strip():
                spans.append((piece_start, piece_start + len(piece)))
            cursor = piece_start + len(piece)
    return spans


def quoted_spans(
    text: str, start: int, end: int, rules: Rules, sentences: list[Span] | None = None
) -> tuple[list[Span], list[Span]]:
    """The quoted stretches of one segment: (inside quotation marks, reported speech).

    ``sentences`` are the segment's ``sentence_spans`` when the caller has them already.
    """
    marks = quote_mark_spans(text, start, end)
    reported = []
    for s_start, s_end in sentence_spans(text, start, end) if sentences is None else sentences:
        sentence = masked(text, s_start, s_end, marks)
        span = reported_speech_span(sentence, s_start, rules)
        if span is not None:
            reported.append(span)
    return marks, reported


def masked(text: str, start: int, end: int, spans: list[Span]) -> str:
    """The sentence with quoted stretches blanked, so verbs inside quotes don't count."""
    blanks = [
        (max(a, start) - start, min(b, end) - start) for a, b in spans if a < end and b > start
    ]
    if not blanks:
        return text[start:end]  # most sentences quote nothing: no copy through a list
    chars = list(text[start:end])
    for first, stop in blanks:
        chars[first:stop] = " " * (stop - first)
    return "".join(chars)


def inside(position: int, spans: list[Span]) -> bool:
    return any(s_start <= position < s_end for s_start, s_end in spans)
