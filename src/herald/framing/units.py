"""The sentences the framing stage reads, each with its segment and its quoted stretches."""

from __future__ import annotations

from dataclasses import dataclass

from herald.framing.rules import Rules
from herald.framing.voice import Span, inside, quoted_spans, sentence_spans
from herald.model import Article

# Segment kinds framing reads, and the flag segment each maps to. Boilerplate is
# navigation and trailers: nobody's voice. A caption is the outlet writing.
READ_KINDS = {
    "title": "title",
    "body": "body",
    "caption": "body",
    "quote": "quote",
    "comments": "comments",
}


@dataclass(frozen=True)
class Unit:
    """One sentence: where it is, which segment holds it, what of it is quoted."""

    start: int
    end: int
    segment: str  # title | body | quote | comments
    quoted: tuple[Span, ...] = ()  # quotation marks and reported speech
    marks: tuple[Span, ...] = ()  # quotation marks only: words shown, not just reported
    hints: frozenset[str] = frozenset()  # the lexicons' literal hints its text contains

    def voice(self, position: int) -> str:
        """outlet, quoted or comment: who speaks at this offset."""
        if self.segment == "comments":
            return "comment"
        if self.segment == "quote" or inside(position, list(self.quoted)):
            return "quoted"
        return "outlet"

    def flag_segment(self, position: int) -> str:
        """The schema's flag segment: a quotation inside a body or title is 'quote'."""
        if self.segment in ("comments", "quote"):
            return self.segment
        return "quote" if self.voice(position) == "quoted" else self.segment


def segments_to_read(article: Article) -> list[tuple[int, int, str]]:
    """(start, end, kind) of the segments to read; the whole text as body if unsegmented."""
    if not article.segments:
        return [(0, len(article.text), "body")]
    return [
        (segment.start, segment.end, READ_KINDS[segment.kind])
        for segment in article.segments
        if segment.kind in READ_KINDS
    ]


def overlapping(spans: list[Span], start: int, end: int) -> tuple[Span, ...]:
    return tuple(span for span in spans if span[0] < end and span[1] > start)


def article_units(article: Article, rules: Rules) -> list[Unit]:
    """Every sentence of the readable segments, in text order."""
    units = []
    for start, end, kind in segments_to_read(article):
        sentences = sentence_spans(article.text, start, end)
        marks, reported = (
            ([], [])
            if kind == "comments"
            else quoted_spans(article.text, start, end, rules, sentences)
        )
        for s_start, s_end in sentences:
            units.append(
                Unit(
                    s_start,
                    s_end,
                    kind,
                    overlapping(marks + reported, s_start, s_end),
                    overlapping(marks, s_start, s_end),
                    rules.present_hints(article.text[s_start:s_end]),
                )
            )
    return sorted(units, key=lambda unit: unit.start)
