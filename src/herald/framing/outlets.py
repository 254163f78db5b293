"""summarise_outlet: how each outlet frames groups, across its articles."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

# Labels listed per group in an outlet's summary: enough to compare outlets side by
# side in a terminal table without drowning the loaded ones.
TOP_LABELS = 5


def label_key(label: dict[str, Any]) -> str:
    return " ".join(label["text"].lower().split())


def outlet_summary(framings: list[dict[str, Any]]) -> dict[str, Any]:
    """One outlet's framings folded into counts."""
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    loaded: Counter[str] = Counter()
    own_labels: Counter[str] = Counter()
    flags: dict[str, Counter[str]] = defaultdict(Counter)
    comments = Counter[str]()
    comment_kinds = Counter[str]()
    for framing in framings:
        for label in framing.get("labels", []):
            labels[label["group"]][label_key(label)] += 1
            if label.get("voice", "outlet") == "outlet":
                own_labels[label["group"]] += 1
                loaded[label["group"]] += bool(label.get("loaded"))
        for flag in framing.get("flags", []):
            flags[flag["kind"]][flag["segment"]] += 1
        seen = framing.get("comments", {})
        comments.update({key: seen.get(key, 0) for key in ("count", "flagged")})
        comment_kinds.update(seen.get("by_kind", {}))
    return {
        "articles": len(framings),
        "top_labels": {g: c.most_common(TOP_LABELS) for g, c in sorted(labels.items())},
        "loaded_share": {g: round(loaded[g] / n, 3) for g, n in sorted(own_labels.items())},
        "flags": {kind: dict(by_segment) for kind, by_segment in sorted(flags.items())},
        "comments": {
            "count": comments["count"],
            "flagged": comments["flagged"],
            "by_kind": dict(sorted(comment_kinds.items())),
        },
    }


def summarise_outlet(framings: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """Per-outlet summary for `herald outlets`.

    ``framings`` pairs an outlet with one article's framing. For each outlet: the most
    used labels per group (all voices), the share of its own-voice labels that are
    loaded, flag counts by kind and segment, and comments seen, flagged, and how many
    comments carry each kind of harmful flag.
    """
    by_outlet: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for outlet, framing in framings:
        by_outlet[outlet or "unknown"].append(framing)
    return {outlet: outlet_summary(items) for outlet, items in sorted(by_outlet.items())}
