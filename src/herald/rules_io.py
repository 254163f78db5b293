"""Reading a stage's rule table: one JSON object per file, refused loudly when unusable.

Every stage keeps its heuristics as JSON tables under ``<stage>/rules/``. A table that is
missing, unreadable, not an object, empty, or without a key the stage needs is a
``RulesError`` naming the file: a language without rules is an error, never a silent
no-op. Stages add their own checks on what the keys hold.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from herald.errors import RulesError


def read_table(path: Path, required: tuple[str, ...] = ()) -> dict[str, Any]:
    """The table at ``path``, with every ``required`` key present and non-empty."""
    if not path.is_file():
        raise RulesError(f"missing rule table {path.name}", origin=str(path))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise RulesError(f"rule table unreadable: {error}", origin=str(path)) from error
    if not isinstance(data, dict) or not data:
        raise RulesError("rule table is empty", origin=str(path))
    for key in required:
        if not data.get(key):
            raise RulesError(f"rule table has no non-empty {key!r}", origin=str(path))
    return data


def phrase_before_a_name(phrases: Iterable[str]) -> re.Pattern[str]:
    """A table's phrases (regexes, longest tried first) as one pattern that matches where
    one of them, starting at a word's start, ends the text right before a name: searched
    over the window before a mention ("north of", "near the border with"), it says how
    the text introduces it."""
    alternatives = "|".join(sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![^\W\d_])(?:{alternatives})\s*$", re.IGNORECASE)
