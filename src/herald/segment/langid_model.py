"""py3langid's identifier, from an uncompressed copy of its model when there is one.

py3langid ships its model LZMA-compressed; decompressing it cost ~0.6 CPU-s in every
process that detects a language (each ingest worker, each CLI run), where unpickling the
decompressed arrays takes ~0.1 s. The copy (~68 MB) is kept under the Herald cache
folder, keyed by the package version; the identifier is built with py3langid's own
constructor from the same arrays, so it classifies exactly as ``py3langid.classify``.
"""

from __future__ import annotations

from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from py3langid import langid

from herald.cachefiles import load_stamped, save_stamped
from herald.settings import cache_dir

CACHE_FILE = "py3langid-model.pickle"


@cache
def language_identifier() -> langid.LanguageIdentifier:
    """The identifier ``py3langid.classify`` uses by default (full language set)."""
    ptc, pc, classes, nextmove, row, output = _model(cache_dir() / CACHE_FILE)
    return langid.LanguageIdentifier(ptc, pc, classes, nextmove, output, tk_row=row)


def _model(path: Path) -> tuple[Any, ...]:
    stamp = metadata.version("py3langid")
    model = load_stamped(path, stamp)
    if isinstance(model, tuple) and len(model) == 6:
        return model
    model = tuple(langid._load_model_file(langid.MODEL_DIR / langid.MODEL_FILE))
    save_stamped(path, stamp, model)  # an unwritable folder: decompress again next time
    return model
