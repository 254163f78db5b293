"""Lines of the text as offset spans: the unit the segmenter classifies."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    """A non-blank line, stripped; ``start``/``end`` index the article text."""

    start: int
    end: int
    text: str
    indent: int  # leading spaces: nested reader comments are indented lists


def split_lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """The non-blank lines of ``text[start:end]``, each trimmed of surrounding space."""
    end = len(text) if end is None else end
    lines: list[Line] = []
    position = start
    while position < end:
        newline = text.find("\n", position, end)
        stop = end if newline == -1 else newline
        raw = text[position:stop]
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            first = position + lead
            lines.append(Line(first, first + len(stripped), stripped, lead))
        position = stop + 1
    return lines
