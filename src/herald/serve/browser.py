"""How Herald's browser tests and `make screenshots` start a real Chromium.

Debian's ``chromium`` (installed by `make browser`, part of `make test`), driven by
Playwright for Python through ``executable_path``: no browser download. The flags keep
a headless Chromium from calling home on a closed network; Playwright gives each launch
a fresh, empty profile (``--user-data-dir`` in a new temporary folder).
Playwright is a development dependency, imported only when a browser is wanted.
"""

from __future__ import annotations

import os
import shutil
from typing import Any

CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
)


def chromium_path() -> str | None:
    """Debian's Chromium, or HERALD_CHROMIUM where it lives elsewhere."""
    configured = os.environ.get("HERALD_CHROMIUM")
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def launch(playwright: Any) -> Any:
    """A headless Chromium browser from a started ``sync_playwright()``."""
    path = chromium_path()
    if path is None:
        raise RuntimeError("no chromium: run `make browser` (apt-get install chromium)")
    return playwright.chromium.launch(executable_path=path, args=list(CHROMIUM_FLAGS))
