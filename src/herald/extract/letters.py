"""How rule phrases meet text written in scripts other than Latin: marks, letter variants,
clitics. Shared by numbers.py and claims.py.

Three things break plain ``\\w``-bounded, literal phrase matching outside Latin text:

- **combining marks** (Arabic short vowels and tanwin, Indic vowel signs) are no ``\\w``,
  so "شخصًا" reads as two words and a phrase may end in the middle of a word;
- **letter variants**: Arabic news writes the same word with or without hamza on alif
  (أ/إ/آ/ا), final yaa as ى or ي, taa marbuta as ة or ه, and with or without tatweel
  (ـ) and vowel marks; a table cannot list every spelling;
- **proclitics**: Arabic glues و (and), ف, ب (with), ل (for), ك to the next word, number
  or digit included ("و40 جريحا").

Tables and text are folded the same way (one spelling per letter, marks dropped) and
read as any other language; ``FoldedText`` maps offsets back, so evidence points into
the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

# Code points scanned for character classes: Latin, Greek, Cyrillic, Hebrew, Arabic,
# Indic, Thai, Georgian... CJK needs no word-internal marks.
_SCANNED = 0x3000


def _char_class(test: Callable[[str], bool]) -> str:
    """The characters below _SCANNED that pass ``test``, as the inside of a [...] class."""
    ranges: list[tuple[int, int]] = []
    for code in range(_SCANNED):
        if test(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                   for a, b in ranges)


# Combining marks: part of the word they sit on. Latin, Cyrillic, Hebrew and Arabic
# marks, and the Indic and Thai blocks whole (their vowel signs are marks; their letters
# are word characters anyway): a short class, as it sits at both edges of every phrase.
MARKS = ("\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
         "\u06d6-\u06ed\u0900-\u0963\u0966-\u0dff\u0e31-\u0e4e")
WORD_CHAR = rf"[\w{MARKS}]"
# A letter that opens a sentence: a capital, or a letter of a script without case
# (Arabic, Hebrew, Indic...), or a digit.
SENTENCE_OPENER = _char_class(lambda c: c.isdigit() or (c.isalpha() and not c.islower()))
# A capital letter of any cased script: Latin with its extensions (Ł, Ş, İ), Greek, Cyrillic.
CAPITAL = _char_class(str.isupper)

# Arabic letters with the spellings news uses interchangeably, one for one (so a folded
# text keeps its length), and what is dropped: harakat, tanwin, shadda, sukun,
# superscript alif, Quranic marks, tatweel.
_VARIANTS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي",
                           "ة": "ه", "ک": "ك"})
_DROPPED = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]+")
_FOLDABLE = re.compile("[أإآٱىیةک\u0610-\u061a\u064b-\u065f\u0670\u0640]")


def fold_letters(text: str) -> str:
    """One spelling for Arabic variants, marks and tatweel dropped."""
    if not _FOLDABLE.search(text):
        return text
    return _DROPPED.sub("", text.translate(_VARIANTS))


@dataclass(frozen=True)
class FoldedText:
    """A text with one spelling per Arabic letter and no marks, and the way back to the
    original's offsets (rule tables are folded the same way, so plain phrases match)."""

    text: str
    # Plain offset at which each dropped run sits, and the run's cumulative length.
    at: tuple[int, ...]
    shift: tuple[int, ...]

    def original(self, offset: int) -> int:
        """The original offset of folded ``offset`` (an end takes the marks before it)."""
        runs = bisect_right(self.at, offset)
        return offset + (self.shift[runs - 1] if runs else 0)


def folded_view(text: str) -> FoldedText | None:
    """The folded text, or None where nothing in it folds (most text: no copy made)."""
    if not _FOLDABLE.search(text):
        return None
    varied = text.translate(_VARIANTS)
    at: list[int] = []
    shift: list[int] = []
    dropped = 0
    for run in _DROPPED.finditer(varied):
        at.append(run.start() - dropped)
        dropped += run.end() - run.start()
        shift.append(dropped)
    return FoldedText(_DROPPED.sub("", varied), tuple(at), tuple(shift))


def clitic_start(clitics: str, plain: str = r"(?<!\w)") -> str:
    """Where a word may start: after a non-word character (``plain``), or right after a
    word-initial proclitic letter (with or without tatweel) of ``clitics``."""
    if not clitics:
        return plain
    letters = re.escape(clitics)
    return rf"(?:{plain}|(?<=(?<!\w)[{letters}])|(?<=(?<!\w)[{letters}]ـ))"
