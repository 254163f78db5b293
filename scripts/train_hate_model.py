"""Train Herald's hate-speech classifier, or report Herald's comment flags on held-out tweets.

    .venv/bin/python scripts/train_hate_model.py            # writes framing/data/hate_model.json.gz
    .venv/bin/python scripts/train_hate_model.py --report   # flag rates and dialect bias, held out

Data: ``../shared/eval/comments-dev/labelled.jsonl``, the labelled tweets of Davidson,
Warmsley, Macy & Weber (2017), "Automated Hate Speech Detection and the Problem of Offensive
Language", ICWSM (MIT licence; github.com/t-davidson/hate-speech-and-offensive-language).
Every text that also appears (after normalising case, punctuation and spacing) among the
comments of the comments-dev gold pages is dropped, so the dev set measures a model that
never saw it; duplicates are kept once.

Splits are fixed by a hash of the normalised text (the same text always lands in the same
split): 70 % train, 10 % validation (hyper-parameters and operating points), 20 % held out
(reported only, never used to choose anything). The fit is deterministic (lbfgs, no
shuffling), and the file is written with a fixed gzip timestamp, so re-running the script
with the pinned scikit-learn writes the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.feature_selection import SelectKBest, chi2
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

from herald.framing.hate_model import (
    CLASSES,
    MODEL_FILE,
    HateModel,
    features,
    from_fitted,
    read_model,
    write_model,
)

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "eval" / "comments-dev"
# Hyper-parameters swept on the validation split (log loss, which rewards calibration):
# vocabulary size after chi-squared selection, inverse regularisation strength.
VOCABULARY_SIZES = (5000, 10000, 20000)
C_VALUES = (0.5, 1.0, 2.0, 4.0)
MIN_DOCUMENT_FREQUENCY = 3
# Operating points, chosen on the validation split: the hate threshold is the lowest
# P(hate) at which at most this share of 'neither' texts would be flagged by the model
# alone; the abuse gate (for lexicon words that are slurs only when used abusively) is the
# highest P(neither) at which at most this share of 'neither' texts pass it.
MODEL_NEITHER_BUDGET = 0.01
GATE_NEITHER_BUDGET = 0.02
GRID = [round(0.01 * step, 2) for step in range(1, 100)]
# A comment counts as written in African-American English when it holds one of these
# markers of AAE grammar and spelling (habitual "be", copula deletion spelled out, "finna",
# "ion", "dat"/"dis"/"dey", "ain't", "y'all", "tryna", "bruh"...), after Blodgett, Green &
# O'Connor (2016) and the lexical markers listed by Davidson, Bhattacharya & Weber (2019).
# A rough proxy (their own measure was a demographic language model), used only to report.
AAE_MARKERS = re.compile(
    r"\b(?:finna|ion|dat|dis|dey|dem|ain't|aint|y'all|yall|tryna|bruh|homie|lil|"
    r"nah|wit|wat|dawg|bout|trippin|talmbout|aye|ima|imma|gon|gonna|boutta|"
    r"nigga|niggas|nigguh|niggah|thang|yo)\b",
    re.IGNORECASE,
)
# Davidson's n-word spellings with final -a/-ah are AAE in-group address in most of the
# data; the report gives the bias with and without texts that hold them.
IN_GROUP_NWORD = re.compile(r"\bnigg(?:a|as|ah|uh|az)\b", re.IGNORECASE)


def normalised(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def split_of(text: str) -> str:
    bucket = int(hashlib.sha256(normalised(text).encode("utf-8")).hexdigest(), 16) % 10
    return "heldout" if bucket < 2 else "validation" if bucket == 2 else "train"


def dev_gold_texts() -> set[str]:
    gold = json.loads((DATA / "gold.json").read_text(encoding="utf-8"))
    return {normalised(c["text"]) for page in gold["comments"] for c in page["comments"]}


def load_rows() -> dict[str, list[dict[str, Any]]]:
    """The labelled texts by split, without the dev pages' comments and without repeats."""
    excluded = dev_gold_texts()
    seen: set[str] = set()
    splits: dict[str, list[dict[str, Any]]] = {"train": [], "validation": [], "heldout": []}
    dropped = Counter[str]()
    with (DATA / "labelled.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            key = normalised(row["text"])
            if key in excluded or key in seen or not key:
                dropped["in comments-dev gold" if key in excluded else "repeat"] += 1
                continue
            seen.add(key)
            splits[split_of(row["text"])].append(row)
    print(f"dropped: {dict(dropped)}", file=sys.stderr)
    for name, rows in splits.items():
        print(f"{name}: {len(rows)} {dict(Counter(r['class'] for r in rows))}", file=sys.stderr)
    return splits


def labels(rows: list[dict[str, Any]]) -> np.ndarray:
    return np.array([CLASSES.index(row["class"]) for row in rows])


def fit(texts: list[str], y: np.ndarray, size: int, c: float) -> tuple[Any, Any]:
    """Chi-squared-selected vocabulary, then TF-IDF over it and a logistic regression."""
    counting = TfidfVectorizer(analyzer=features, min_df=MIN_DOCUMENT_FREQUENCY, sublinear_tf=True)
    matrix = counting.fit_transform(texts)
    keep = SelectKBest(chi2, k=min(size, matrix.shape[1])).fit(matrix, y).get_support()
    terms = counting.get_feature_names_out()
    vocabulary = sorted(term for term, kept in zip(terms, keep, strict=True) if kept)
    vectorizer = TfidfVectorizer(analyzer=features, vocabulary=vocabulary, sublinear_tf=True)
    model = LogisticRegression(C=c, max_iter=5000).fit(vectorizer.fit_transform(texts), y)
    return vectorizer, model


def sweep(train: list[dict[str, Any]], validation: list[dict[str, Any]]) -> tuple[int, float]:
    texts, y = [r["text"] for r in train], labels(train)
    held, y_held = [r["text"] for r in validation], labels(validation)
    best: tuple[float, int, float] | None = None
    for size in VOCABULARY_SIZES:
        for c in C_VALUES:
            vectorizer, model = fit(texts, y, size, c)
            loss = log_loss(y_held, model.predict_proba(vectorizer.transform(held)))
            print(f"vocabulary {size:>6}  C {c:<4} validation log loss {loss:.4f}", file=sys.stderr)
            if best is None or loss < best[0] - 1e-9:
                best = (loss, size, c)
    assert best is not None
    return best[1], best[2]


def operating_points(model: HateModel, validation: list[dict[str, Any]]) -> dict[str, float]:
    harmless = [model.probabilities(r["text"]) for r in validation if r["class"] == "neither"]
    def share(passing: int) -> float:
        return passing / len(harmless) if harmless else 0.0

    hate = next(t for t in GRID
                if share(sum(p["hate"] >= t for p in harmless)) <= MODEL_NEITHER_BUDGET)
    gate = max((q for q in GRID
                if share(sum(p["neither"] <= q for p in harmless)) <= GATE_NEITHER_BUDGET),
               default=GRID[0])
    return {"hate": hate, "abusive_max_neither": gate}


def check_against_sklearn(
    model: HateModel, vectorizer: Any, fitted: Any, texts: list[str]
) -> float:
    """Largest difference between the plain-Python scores and scikit-learn's."""
    expected = fitted.predict_proba(vectorizer.transform(texts))
    worst = 0.0
    for text, row in zip(texts, expected, strict=True):
        got = model.probabilities(text)
        gaps = [abs(got[name] - float(p)) for name, p in zip(CLASSES, row, strict=True)]
        worst = max(worst, *gaps)
    return worst


def train(out: Path, chosen: tuple[int, float] | None) -> None:
    splits = load_rows()
    size, c = chosen or sweep(splits["train"], splits["validation"])
    texts, y = [r["text"] for r in splits["train"]], labels(splits["train"])
    vectorizer, fitted = fit(texts, y, size, c)
    about = {
        "data": "Davidson, Warmsley, Macy & Weber (2017), ICWSM; MIT licence; "
                "comments-dev gold texts excluded",
        "model": f"multinomial logistic regression, C={c}; "
                 f"TF-IDF (sublinear) over {size} chi2-selected terms",
        "trained_on": {name: len(rows) for name, rows in splits.items()},
        "script": "scripts/train_hate_model.py",
    }
    draft = from_fitted(vectorizer, fitted, {}, about)
    thresholds = operating_points(draft, splits["validation"])
    model = from_fitted(vectorizer, fitted, thresholds, about)
    checks = [r["text"] for r in splits["validation"]]
    worst = check_against_sklearn(model, vectorizer, fitted, checks)
    if worst > 1e-5:
        sys.exit(f"plain-Python scores differ from scikit-learn's by {worst:.2e}")
    write_model(model, out)
    print(f"wrote {out} ({out.stat().st_size} bytes); thresholds {thresholds}; "
          f"largest difference from scikit-learn {worst:.1e}", file=sys.stderr)
    print(json.dumps(model_report(model, splits["heldout"]), indent=1))


def model_report(model: HateModel, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The model alone on held-out texts: flag rates per class at the hate threshold,
    precision against the natural mix, and calibration (expected calibration error)."""
    scored = [(row["class"], model.probabilities(row["text"])) for row in rows]
    threshold = model.thresholds["hate"]
    flagged = Counter(label for label, p in scored if p["hate"] >= threshold)
    totals = Counter(label for label, _ in scored)
    report: dict[str, Any] = {
        "heldout_texts": dict(totals),
        "model_hate_flag_rate": {k: round(flagged[k] / totals[k], 3) for k in CLASSES},
        "model_hate_precision": round(flagged["hate"] / max(1, sum(flagged.values())), 3),
    }
    report["expected_calibration_error"] = round(_calibration_error(scored), 4)
    return report


def _calibration_error(scored: list[tuple[str, dict[str, float]]]) -> float:
    """Mean over classes of the expected calibration error with ten equal-width bins."""
    total = 0.0
    for name in CLASSES:
        bins: dict[int, list[tuple[float, bool]]] = {}
        for label, p in scored:
            bins.setdefault(min(int(p[name] * 10), 9), []).append((p[name], label == name))
        total += sum(
            len(items) / len(scored) * abs(sum(p for p, _ in items) / len(items)
                                           - sum(hit for _, hit in items) / len(items))
            for items in bins.values()
        )
    return total / len(CLASSES)


def framing_report() -> dict[str, Any]:
    """Herald's whole framing stage on held-out texts, each framed as a reader comment."""
    from herald.framing import frame_article
    from herald.framing.frame import HARMFUL_KINDS
    from herald.model import Article, Segment

    rows = load_rows()["heldout"]
    results = []
    for number, row in enumerate(rows):
        article = Article(id=f"h{number}", text=row["text"], language="en",
                          segments=[Segment("comments", 0, len(row["text"]))])
        flags = frame_article(article).framing["flags"]
        kinds = sorted({f["kind"] for f in flags if f["kind"] in HARMFUL_KINDS})
        results.append((row, kinds))
    return {
        "heldout_texts": dict(Counter(row["class"] for row, _ in results)),
        "flag_rate": _rates(results),
        "flag_rate_by_kind": {
            kind: _rates(results, kind) for kind in sorted({k for _, ks in results for k in ks})
        },
        "balanced_like_the_eval": _balanced(results),
        "dialect": _dialect(results),
    }


Result = tuple[dict[str, Any], list[str]]


def _rates(results: list[Result], kind: str | None = None) -> dict[str, float]:
    totals, hits = Counter[str](), Counter[str]()
    for row, kinds in results:
        totals[row["class"]] += 1
        hits[row["class"]] += bool(kinds) if kind is None else kind in kinds
    return {label: round(hits[label] / totals[label], 3) for label in CLASSES if totals[label]}


def _balanced(results: list[tuple[dict[str, Any], list[str]]]) -> dict[str, float]:
    """Precision against 'neither' as FORMAT.md computes it on equal numbers per class."""
    rates = _rates(results)
    hits, false = rates["hate"], rates["neither"]
    return {"hate_recall": hits, "neither_flag_rate": false,
            "precision_vs_neither": round(hits / (hits + false), 3) if hits + false else 0.0}


def _dialect(results: list[Result]) -> dict[str, Any]:
    """Flag rates (any harmful flag, and the model's own 'hate' flag) of each class, for
    texts with and without AAE markers, and AAE-marked texts without the in-group n-word."""
    groups = {
        "aae_marked": lambda text: bool(AAE_MARKERS.search(text)),
        "unmarked": lambda text: not AAE_MARKERS.search(text),
        "aae_marked_without_in_group_nword": lambda text: bool(
            AAE_MARKERS.search(text) and not IN_GROUP_NWORD.search(text)
        ),
    }
    out: dict[str, Any] = {}
    for label in CLASSES:
        for name, test in groups.items():
            group = [kinds for row, kinds in results if row["class"] == label and test(row["text"])]
            size = max(1, len(group))
            out[f"{label}/{name}"] = {
                "texts": len(group),
                "any_flag": round(sum(map(bool, group)) / size, 3),
                "hate_flag": round(sum("hate" in kinds for kinds in group) / size, 3),
            }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    parser.add_argument("--report", action="store_true",
                        help="measure Herald's comment flags on the held-out split instead")
    parser.add_argument("--vocabulary", type=int, help="skip the sweep: this vocabulary size")
    parser.add_argument("--c", type=float, help="skip the sweep: this C")
    args = parser.parse_args()
    if args.report:
        report = framing_report()
        report["model"] = model_report(read_model(), load_rows()["heldout"])
        print(json.dumps(report, indent=1))
        return
    train(args.out, (args.vocabulary, args.c) if args.vocabulary and args.c else None)


if __name__ == "__main__":
    main()
