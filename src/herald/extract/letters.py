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

Matching stays on the original text (evidence offsets point into it): phrases become
patterns tolerant of the variants, and lookups fold both sides the same way.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from herald.extract.rules import phrase_alternation

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


# Combining marks (Mn, Mc, Me): part of the word they sit on.
MARKS = _char_class(lambda c: unicodedata.category(c).startswith("M"))
WORD_CHAR = rf"[\w{MARKS}]"
# A letter that opens a sentence: a capital, or a letter of a script without case
# (Arabic, Hebrew, Indic...), or a digit.
SENTENCE_OPENER = _char_class(lambda c: c.isdigit() or (c.isalpha() and not c.islower()))
# A capital letter of any cased script: Latin with its extensions (Ł, Ş, İ), Greek, Cyrillic.
CAPITAL = _char_class(str.isupper)

# Arabic letters with the spellings news uses interchangeably.
_ARABIC_VARIANTS = {
    **dict.fromkeys("اأإآٱ", "اأإآٱ"),
    **dict.fromkeys("يىی", "يىی"),
    **dict.fromkeys("ةه", "ةه"),
    **dict.fromkeys("كک", "كک"),
}
# Harakat, tanwin, shadda, sukun, superscript alif and tatweel may follow any letter.
_ARABIC_MARKS = "[\u0610-\u061a\u064b-\u065f\u0670\u0640]*"
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")
_FOLD_TABLE = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي",
                             "ة": "ه", "ک": "ك", "ـ": None,
                             **{chr(c): None for c in range(0x064B, 0x0660)}, "\u0670": None,
                             **{chr(c): None for c in range(0x0610, 0x061B)}})


def fold_letters(text: str) -> str:
    """One spelling for Arabic variants, marks and tatweel dropped (for table lookups)."""
    if not _ARABIC_LETTER.search(text):
        return text
    return text.translate(_FOLD_TABLE)


def has_arabic(text: str) -> bool:
    return bool(_ARABIC_LETTER.search(text))


def tolerant(escaped: str) -> str:
    """An escaped phrase that matches every Arabic spelling of it (unchanged otherwise)."""
    if not _ARABIC_LETTER.search(escaped):
        return escaped
    parts = []
    for char in escaped:
        if _ARABIC_LETTER.match(char):
            variants = _ARABIC_VARIANTS.get(char)
            parts.append(f"[{variants}]" if variants else char)
            parts.append(_ARABIC_MARKS)
        else:
            parts.append(char)
    return "".join(parts)


def tolerant_alternation(escaped: list[str]) -> str:
    """``phrase_alternation`` of escaped phrases, each tolerant of Arabic spellings.

    Phrases without Arabic letters give exactly ``phrase_alternation``'s pattern. Arabic
    ones are grouped by their first letter's variants behind a lookahead on all of them,
    so the engine still skips a group where the text starts otherwise.
    """
    if not any(has_arabic(p) for p in escaped):
        return phrase_alternation(escaped)
    groups: dict[str, list[str]] = {}
    for phrase in escaped:
        first = phrase[:1]
        key = fold_letters(first).upper() if first.isalnum() else ""
        groups.setdefault(key, []).append(phrase)
    alternatives = [tolerant(p) for p in groups.pop("", [])]
    for group in groups.values():
        letters = sorted({v for p in group for v in _ARABIC_VARIANTS.get(p[0], p[0])})
        body = "|".join(tolerant(p) for p in group)
        alternatives.append(f"(?=[{re.escape(''.join(letters))}])(?:{body})")
    return "|".join(alternatives)


def clitic_start(clitics: str, plain: str = r"(?<!\w)") -> str:
    """Where a word may start: after a non-word character (``plain``), or right after a
    word-initial proclitic letter (with or without tatweel) of ``clitics``."""
    if not clitics:
        return plain
    letters = re.escape(clitics)
    return rf"(?:{plain}|(?<=(?<!\w)[{letters}])|(?<=(?<!\w)[{letters}]ـ))"
