"""`herald serve` in a real browser: Debian's Chromium driven by Playwright.

What is asserted happens in the browser: that no payload of the hostile articles ran
(each would set a `window.__xss_*` flag or open an alert), that the Lille event shows
its two sources side by side, that filters change the list and the map, that /docs
renders offline. `make test` installs chromium first (`make browser`); these tests skip
only where it could not be installed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from herald.serve.browser import chromium_path, launch
from herald.serve.client import send_inputs
from serve_support import CORPUS, HOSTILE, SEEDS, build_store, lille_event_id, live_server

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(chromium_path() is None, reason="no chromium: `make browser` installs "
                       "Debian's chromium (needs root and apt-get); browser tests cannot run"),
]
playwright_api = pytest.importorskip("playwright.sync_api")

FLAGS_SET = "Object.keys(window).filter(k => k.startsWith('__xss'))"
# Every link or embedded source on the page, by scheme (SVG links included).
NOT_HTTP_LINKS = ("[...document.querySelectorAll('a[href], iframe, img, [src]')]"
                  ".map(e => new URL(e.getAttribute('href') ?? e.getAttribute('src'),"
                  " location.href).protocol).filter(p => p !== 'http:' && p !== 'https:')")


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = build_store(tmp_path_factory.mktemp("browser") / "ui.duckdb", SEEDS, HOSTILE)
    with live_server(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as playwright:
        started = launch(playwright)
        yield started
        started.close()


class Watched:
    """A page whose alerts, CSP reports and requests are recorded."""

    def __init__(self, browser: Any, base: str) -> None:
        self.page = browser.new_page()
        self.dialogs: list[str] = []
        self.console: list[str] = []
        self.requests: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("console", lambda m: self.console.append(m.text))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.base = base

    def open(self, path: str) -> Any:
        response = self.page.goto(self.base + path, wait_until="networkidle")
        assert response is not None and response.status == 200, path
        return self.page

    def csp_reports(self) -> list[str]:
        return [text for text in self.console if "Content Security Policy" in text]


@pytest.fixture
def watched(browser: Any, base: str) -> Iterator[Watched]:
    page = Watched(browser, base)
    yield page
    page.page.close()


def hostile_pages(base: str) -> list[str]:
    leeds = httpx.get(f"{base}/api/events", params={"country": "GB"}).json()["events"][0]["id"]
    articles = ["hostile-title", 'x"><svg onload=window.__xss_id=1>', "hostile-data-url"]
    return ["/", "/?q=leeds", f"/events/{leeds}", "/articles", "/outlets", "/map", "/timeline",
            *[f"/articles/{quote(article, safe='')}" for article in articles]]


def test_no_hostile_payload_runs_anywhere(watched: Watched, base: str) -> None:
    for path in hostile_pages(base):
        page = watched.open(path)
        if path == "/map":
            page.wait_for_selector("#map[data-shown]")
        assert page.evaluate(FLAGS_SET) == [], path
        assert page.evaluate(NOT_HTTP_LINKS) == [], path
    assert watched.dialogs == []
    assert watched.csp_reports() == []  # nothing was even attempted inline
    assert all(url.startswith(base) for url in watched.requests)


def test_hostile_strings_are_shown_as_text(watched: Watched, base: str) -> None:
    page = watched.open("/articles/hostile-title")
    title = page.locator("h1.headline").inner_text()
    assert title.startswith("<script>window.__xss_title=1;alert('title')</script>")
    assert "</textarea><script>window.__xss_break=1</script>" in title
    assert page.locator(".meta .outlet").inner_text().startswith("<img src=x onerror=")
    url = page.locator(".url .inert-url")
    assert url.inner_text() == "javascript:window.__xss_url=1;alert('url')"
    url.click()
    assert "onerror=" in page.locator("#article-text").inner_text()
    assert page.evaluate(FLAGS_SET) == [] and watched.dialogs == []
    assert page.url == base + "/articles/hostile-title"


def test_lille_event_shows_two_sources_side_by_side(watched: Watched, base: str) -> None:
    page = watched.open(f"/events/{lille_event_id(base)}")
    sources = page.locator("#sources .source")
    assert sources.count() == 2
    first, second = (sources.nth(i).bounding_box() for i in range(2))
    assert first and second and abs(first["y"] - second["y"]) < 2 and second["x"] > first["x"]
    police_words = []
    for i in range(2):
        words = sources.nth(i).locator("dt.group-police + dd .word").all_inner_texts()
        assert words, f"source {i} names the police"
        police_words.append({w.split(" ×")[0] for w in words})
    # Breitbart's page quotes "riot police"; the Mirror's says "French police", "Officers"
    assert "riot police" in police_words[0] | police_words[1]
    assert "French police" in police_words[0] | police_words[1]
    assert police_words[0] != police_words[1]
    outlets = sources.locator(".outlet").all_inner_texts()
    assert "Mirror Online" in outlets


def test_filters_change_the_list_and_the_map(watched: Watched, base: str) -> None:
    page = watched.open("/")
    assert page.locator("#events tbody tr").count() == 3
    page.select_option("select[name=type]", "Riots")
    page.click(".filters button[type=submit]")
    page.wait_for_url("**type=Riots**")
    rows = page.locator("#events tbody tr")
    assert rows.count() == 2 and "Lille" not in page.locator("#events").inner_text()
    page.fill("input[name=country]", "GB")
    page.click(".filters button[type=submit]")
    page.wait_for_url("**country=GB**")
    assert page.locator("#events tbody tr").count() == 1

    def points(path: str) -> int:
        map_page = watched.open(path)
        map_page.wait_for_selector("#map[data-shown]")
        return int(map_page.locator("#map path.point").count())

    assert points("/map") == 3
    assert points("/map?country=FR") == 2
    assert points("/map?type=Riots&country=FR") == 1
    assert points("/map?country=JP") == 0


def test_docs_load_offline_under_the_csp(watched: Watched, base: str) -> None:
    page = watched.open("/docs")
    page.wait_for_selector(".opblock", timeout=15_000)
    assert page.locator(".opblock").count() >= 8
    assert "/api/events" in page.locator("#swagger-ui").inner_text()
    assert watched.csp_reports() == []
    assert all(url.startswith(base) for url in watched.requests)


def test_readers_see_each_batch_while_the_server_ingests(
        tmp_path: Path, browser: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """One writer: the server. A browser keeps reading while `herald ingest --server`
    sends the sample corpus; every read succeeds, counts only grow, nothing is lost."""
    db = build_store(tmp_path / "live.duckdb", SEEDS)
    monkeypatch.setenv("HERALD_TOKEN", "s3cret")
    with live_server(db, token="s3cret") as url:
        page = browser.new_page()
        seen: list[int] = []
        done = threading.Event()
        sent: dict[str, Any] = {}
        writer = threading.Thread(target=lambda: sent.update(send_inputs([str(CORPUS)], url)))
        writer.start()
        threading.Thread(target=lambda: (writer.join(), done.set())).start()
        while not done.is_set():
            page.goto(url + "/")
            seen.append(int(page.locator("#event-count strong").inner_text().replace(",", "")))
            time.sleep(0.2)
        page.goto(url + "/")
        seen.append(int(page.locator("#event-count strong").inner_text()))
        page.close()
    assert sent["stored"] == 10 and sent["failed"] == 0
    assert seen == sorted(seen) and seen[0] >= 2 and seen[-1] == sent["events"] == 6
    with live_server(db) as url:
        articles = httpx.get(url + "/api/articles", params={"per_page": 100}).json()
    assert articles["total"] == 13
