"""A disk cache of compiled regular expressions: Herald's rule tables and spaCy French.

Python's ``re`` compiles in pure Python, and every process compiles again. Importing
``spacy.lang.fr`` compiles one case-insensitive pattern of 1.4 million characters (its
hyphenated-word exceptions): ~5 CPU-seconds in every process that loads French (each
ingest worker, each ``herald ingest`` of a French page). Herald's own per-language
alternations (triggers, number words, attribution phrases, lexicons) add ~1.2 s more
over ~250 patterns of 200 to 25,000 characters.

While ``cached_compilation()`` is active (or after ``install()``), patterns of at least
``MIN_CACHED_CHARS`` are
compiled once per interpreter and kept as ``re``'s own compiled program (the list of
opcodes ``_sre`` executes) under the Herald cache folder; later processes rebuild the
pattern object from it in milliseconds. The program is ``re``'s internal format, so the
cache is keyed by the exact interpreter version and the ``_sre`` magic number, and
``_sre.compile`` validates a program before using it. Anything unexpected (another Python
whose ``re`` is laid out differently, an unreadable or unwritable folder) falls back to
compiling as usual: the cache can make loading faster, never different.
"""

from __future__ import annotations

import _sre
import hashlib
import pickle
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Any

from herald.cachefiles import UNREADABLE, write_atomically

# Only long patterns are worth a file. Measured over a worker's start and first 256 bench
# articles: 1,635 compilations took 1.67 CPU-s, the 246 of 200+ characters 1.40 s of it
# (a cached one loads in ~0.1 ms); the rest take ~0.2 ms each.
MIN_CACHED_CHARS = 200
CACHE_FOLDER = "regex"
# A worker meets ~250 long patterns (and spaCy French's one). Far more files means some
# pattern text changes from process to process: stop writing rather than fill the disk.
MAX_CACHED_PATTERNS = 1_000

Compile = Callable[[Any, int], re.Pattern[Any]]


@contextmanager
def cached_compilation(folder: Path) -> Iterator[None]:
    """Serve ``re.compile`` of long string patterns from ``folder`` while active."""
    uninstall = install(folder)
    try:
        yield
    finally:
        uninstall()


def install(folder: Path) -> Callable[[], None]:
    """Serve long patterns from ``folder`` until the returned function is called.

    A worker process installs it for its whole life; elsewhere prefer the context manager.
    Two threads installing and removing it out of order can leave it installed, which is
    harmless: it hands out the same pattern objects ``re`` would compile.
    """
    compiler = getattr(re, "_compiler", None)
    original: Compile | None = getattr(compiler, "compile", None)
    if compiler is None or original is None or not _internals_available(compiler):
        return lambda: None
    compiler.compile = _caching(original, folder / CACHE_FOLDER)

    def uninstall() -> None:
        compiler.compile = original

    return uninstall


def _internals_available(compiler: Any) -> bool:
    return hasattr(compiler, "_code") and hasattr(getattr(re, "_parser", None), "parse")


def _caching(original: Compile, folder: Path) -> Compile:
    def compile_pattern(pattern: Any, flags: int = 0) -> re.Pattern[Any]:
        if not isinstance(pattern, str) or len(pattern) < MIN_CACHED_CHARS:
            return original(pattern, flags)
        path = folder / f"{_key(pattern, flags)}.pickle"
        program = _read(path)
        if program is None:
            program = _program(pattern, flags)
            _write(path, program)
        try:
            return _sre.compile(pattern, *program)
        except (TypeError, ValueError, RuntimeError):
            return original(pattern, flags)

    return compile_pattern


def _program(pattern: str, flags: int) -> tuple[Any, ...]:
    """What ``re._compiler.compile`` hands to ``_sre.compile`` after the pattern."""
    parsed = re._parser.parse(pattern, flags)  # type: ignore[attr-defined]
    # opcodes are named int constants that refuse to pickle; _sre reads plain ints
    code = [int(op) for op in re._compiler._code(parsed, flags)]  # type: ignore[attr-defined]
    groupindex = parsed.state.groupdict
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, number in groupindex.items():
        indexgroup[number] = name
    return (flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex,
            tuple(indexgroup))


def _key(pattern: str, flags: int) -> str:
    identity = f"{sys.version}\0{_sre.MAGIC}\0{flags}\0{pattern}"
    return hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _read(path: Path) -> tuple[Any, ...] | None:
    try:
        with path.open("rb") as handle:
            program = pickle.load(handle)
    except UNREADABLE:
        return None
    return program if isinstance(program, tuple) and len(program) == 5 else None


def _is_full(folder: Path) -> bool:
    return next(islice(folder.iterdir(), MAX_CACHED_PATTERNS - 1, None), None) is not None


def _write(path: Path, program: tuple[Any, ...]) -> None:
    """An unwritable or full folder only means compiling again next time."""
    try:
        if path.parent.is_dir() and _is_full(path.parent):
            return
        payload = pickle.dumps(program, protocol=pickle.HIGHEST_PROTOCOL)
    except (OSError, pickle.PicklingError, TypeError):
        return
    write_atomically(path, payload)
