"""A verbatim copy under another outlet and URL always lands in its original's event.

Every dev news page is ingested twice: as captured, and as a mirror on a foreign
domain with no publication date (what a scraper's repost looks like). The copy's own
metadata points elsewhere (another country's domain, no date); its text says what the
original says, so it must join exactly the events its original is in.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from herald.pipeline import ingest
from herald.settings import Settings
from herald.store import Store

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
SETS = ["realnews-dev", "realnews-us", "realnews-world-dev"]

pytestmark = pytest.mark.skipif(not EVAL.is_dir(), reason="../shared/eval not present")


def mirrored(source: Path, target: Path) -> None:
    for path in sorted(source.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        (target / path.name).write_text(json.dumps(record), encoding="utf-8")
        copy = record | {"id": f"copy-{record['id']}", "outlet": "mirror.example.ru",
                         "url": f"https://mirror.example.ru/news/{record['id']}",
                         "published": None}
        (target / f"copy-{path.name}").write_text(json.dumps(copy), encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("name", SETS)
def test_a_copy_lands_in_its_originals_events(name: str, tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    mirrored(EVAL / name / "articles", pages)
    settings = Settings(db=tmp_path / "copies.duckdb")
    ingest([str(pages)], settings)
    with Store(settings.db, read_only=True) as store:
        events = store.events()
    homes: dict[str, set[str]] = {}
    for event in events:
        for source in event.sources:
            homes.setdefault(source.article, set()).add(event.id)
    originals = [article for article in homes if not article.startswith("copy-")]
    assert originals, "the set produced no events"
    astray = {a: (homes[a], homes.get(f"copy-{a}")) for a in originals
              if homes[a] != homes.get(f"copy-{a}")}
    assert not astray
