"""`make screenshots`: the list, map, timeline, event and article pages of the sample store.

Starts `herald serve` on examples/sample.duckdb (built by `make run`), opens each page in
Debian's Chromium and writes PNGs to docs/screenshots/.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

import httpx
from playwright.sync_api import sync_playwright

from herald.serve.browser import launch

PORT = 8791


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit(f"herald serve did not answer at {url}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="examples/sample.duckdb")
    parser.add_argument("--out", default="docs/screenshots")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    base = f"http://127.0.0.1:{PORT}"
    herald = Path(sys.executable).parent / "herald"
    server = subprocess.Popen([str(herald), "serve", "--db", args.db, "--port", str(PORT)])
    try:
        wait_for(base + "/api/events")
        most_sourced = httpx.get(base + "/api/events", params={"sort": "-sources"}).json()
        event_id = most_sourced["events"][0]["id"] if most_sourced["events"] else None
        shoot(base, out, event_id)
    finally:
        server.terminate()
        server.wait()


def shoot(base: str, out: Path, event_id: str | None) -> None:
    pages = {"list": "/", "map": "/map", "timeline": "/timeline", "outlets": "/outlets"}
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        for name, path in pages.items():
            page.goto(base + path)
            if name == "map":
                page.wait_for_selector("#map[data-shown]")
            page.screenshot(path=str(out / f"{name}.png"), full_page=name != "map")
        if event_id:
            page.goto(f"{base}/events/{event_id}")
            page.screenshot(path=str(out / "event.png"), full_page=True)
            article = page.locator(".source .headline a").first.get_attribute("href")
            page.goto(base + str(article))
            page.screenshot(path=str(out / "article.png"), full_page=True)
        browser.close()
    print(f"screenshots in {out}/")


if __name__ == "__main__":
    main()
