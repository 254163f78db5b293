"""The framing stage's trained classifier, loaded once per process.

Herald's own hate model (``hate_model.py``) scores reader comments as hate, offensive or
neither, and raises the score of the lexicons' flags elsewhere. It replaces the profanity
classifier used before: a model trained on profanity could not tell hate aimed at a group
from mere offensive language, which is what a monitor needs told apart.
"""

from __future__ import annotations

import gzip
import json
from functools import cache

from herald.errors import RulesError
from herald.framing.hate_model import MODEL_FILE, HateModel, read_model


@cache
def load_classifier() -> HateModel:
    """The shipped hate model; a missing or unreadable weights file is a RulesError."""
    try:
        return read_model(MODEL_FILE)
    except (OSError, EOFError, gzip.BadGzipFile, json.JSONDecodeError, KeyError,
            ValueError) as error:
        raise RulesError(f"hate model weights unreadable: {error}", str(MODEL_FILE)) from None
