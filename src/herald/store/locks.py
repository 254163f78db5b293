"""Who holds a store, said in one line, instead of DuckDB's lock traceback.

DuckDB lets one process write a file, or several read it, never both. Its error names
the process's executable and pid; `herald serve` also leaves a note beside the store
(``FILE.serve.json``: pid, address, whether it takes writes), so a command that finds
the file locked can say where to go instead.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

_PID = re.compile(r"\(PID (\d+)\)")


def is_lock_error(message: str) -> bool:
    return "lock" in message.lower() and "conflicting" in message.lower()


def note_path(db: str | Path) -> Path:
    return Path(f"{db}.serve.json")


def write_serve_note(db: str | Path, url: str, writes: bool) -> Path:
    """Say, beside the store, that this process serves it and at which address."""
    path = note_path(db)
    path.write_text(json.dumps({"pid": os.getpid(), "url": url, "writes": writes}))
    return path


def remove_serve_note(db: str | Path) -> None:
    note = _read_note(db)
    if note and note.get("pid") == os.getpid():
        note_path(db).unlink(missing_ok=True)


def locked_message(db: str | Path, duckdb_message: str, wanted_write: bool) -> str:
    """One line: who holds the store and what to do instead."""
    match = _PID.search(duckdb_message)
    pid = int(match.group(1)) if match else None
    note = _read_note(db)
    if pid is not None and note and note.get("pid") == pid:
        return _served_message(pid, note, wanted_write)
    holder = f"pid {pid}: {_command_of(pid)}" if pid is not None else "another process"
    return (f"store is locked by {holder}; wait for it to finish, or stop it"
            " (DuckDB lets one process write a store, or several read it)")


def _served_message(pid: int, note: dict[str, Any], wanted_write: bool) -> str:
    url = str(note.get("url", "the server"))
    if note.get("writes"):
        return (f"store is held by `herald serve` (pid {pid}) at {url}: read it there"
                f" ({url}/api/events), and send inputs with"
                f" `herald ingest --server {url} PATH...`")
    if wanted_write:
        return (f"store is open read-only in `herald serve` (pid {pid}) at {url}: stop it, or"
                " restart it with HERALD_TOKEN set and send inputs with"
                f" `herald ingest --server {url} PATH...`")
    return f"store is held by `herald serve` (pid {pid}): read it at {url}/api/events"


def _read_note(db: str | Path) -> dict[str, Any] | None:
    try:
        note = json.loads(note_path(db).read_text())
    except (OSError, ValueError):
        return None
    return note if isinstance(note, dict) else None


def _command_of(pid: int) -> str:
    """The holder's command line where /proc tells it (Linux), else its pid alone."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "unknown command"
    words = [part.decode(errors="replace") for part in raw.split(b"\0") if part]
    shown = [Path(words[0]).name, *words[1:]] if words else []
    if len(shown) > 1 and shown[0].startswith("python") and shown[1].endswith("herald"):
        shown = ["herald", *shown[2:]]
    return " ".join(" ".join(shown).split())[:120] or "unknown command"
