"""Derived data kept under the Herald cache folder: written atomically, read back only
when current.

Several stages keep what they derive from installed packages (the gazetteer index,
compiled patterns, a model's decompressed arrays, the capitals table) so that later
processes skip the work. Every such file follows the same rules: written to a temporary
name and renamed, so a crash or a second process never leaves half a file; stamped with
what it was made from, so an upgrade rebuilds it; and any failure to read or write only
means deriving again, never an error.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any

# What a corrupt, truncated or foreign file can raise while unpickling.
UNREADABLE = (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError,
              TypeError, ImportError, IndexError)


def write_atomically(path: Path, payload: bytes) -> bool:
    """``payload`` at ``path`` through a temporary file; False when it could not be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        partial.write_bytes(payload)
        partial.replace(path)
    except OSError:
        return False
    return True


def save_stamped(path: Path, stamp: str, value: Any) -> bool:
    """Pickle ``value`` with the stamp of what it was derived from."""
    try:
        payload = pickle.dumps((stamp, value), protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError):
        return False
    return write_atomically(path, payload)


def load_stamped(path: Path, stamp: str) -> Any | None:
    """The value saved with this stamp, or None (absent, unreadable, or stale)."""
    try:
        with path.open("rb") as handle:
            record = pickle.load(handle)
    except UNREADABLE:
        return None
    if not (isinstance(record, tuple) and len(record) == 2 and record[0] == stamp):
        return None
    return record[1]
