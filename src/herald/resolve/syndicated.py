"""Syndicated copies join their original's event, whatever their date evidence.

``find_copies`` groups near-duplicate texts into a Story. A repost often lost
its publication date (a blog, a scraped page), so its candidate is undated while
the original's is dated, and a mirror's domain can point the gazetteer to another
country. But one text tells one event: the copy's candidate belongs with the
original's candidate of a compatible type family, and the date and place the
original gives are the event's. These pairs are tried before any evidence-backed
pair, under the clusterer's usual constraints (one article never holds two of them,
other reports must agree with the original).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations

from herald.resolve.compare import content_similarity, place_relation, relation, same_story
from herald.resolve.features import Features

# Content-word Jaccard from which two candidates were read from one sentence: a copy
# repeats the sentence (1.0) or edits a word or two; two sentences of one template
# about two events differ in their names and places (acled-notes-dev: below 0.7).
VERBATIM_WORDS = 0.8


def _story_groups(feats: list[Features]) -> list[list[Features]]:
    """Candidates by story, for stories with candidates from two articles or more."""
    groups: dict[str, list[Features]] = defaultdict(list)
    for f in feats:
        groups[f.story].append(f)
    return [group for group in groups.values() if len({f.article for f in group}) > 1]


def _affinity(a: Features, b: Features) -> float:
    """Which copy candidate goes with which original one when an article has several."""
    return content_similarity(a, b) + (a.sub_event_type == b.sub_event_type)


def story_pairs(feats: list[Features], focus: set[int] | None = None
                ) -> list[tuple[int, int]]:
    """Same-story pairs of compatible types that tell one event, best match first; with
    ``focus``, only those with one of its candidates (a batch's new ones: two stored
    copies were paired when the later of them arrived)."""
    scored = []
    for group in _story_groups(feats):
        for a, b in _group_pairs(group, focus):
            if not same_story(a, b) or not _one_report(a, b):
                continue
            i, j = min(a.index, b.index), max(a.index, b.index)
            scored.append((-_affinity(a, b), feats[i].id, feats[j].id, i, j))
    return [(i, j) for *_, i, j in sorted(scored)]


def _group_pairs(group: list[Features], focus: set[int] | None
                 ) -> Iterable[tuple[Features, Features]]:
    """Every pair of a story's candidates (lower index first), or with ``focus`` those
    with a focus one: each focus candidate against the others, not every pair filtered
    (a long-running story's event holds hundreds of copies, and a batch brings a few)."""
    if focus is None:
        return combinations(group, 2)
    pairs = []
    for a in (f for f in group if f.index in focus):
        for b in group:
            if b.index in focus and b.index <= a.index:
                continue  # two focus candidates pair once; none pairs with itself
            pairs.append((a, b) if a.index < b.index else (b, a))
    return pairs


def _one_report(a: Features, b: Features) -> bool:
    """Two candidates of one story that tell one event: read from the same sentence
    (then the copy's own date and place are only its page's metadata), or at one place.

    Texts written from one template (an agency's notes, a police blotter) can look
    like copies of each other; their candidates come from sentences that differ in
    the very names and places that make them different events.
    """
    if relation(a, b, metadata_known=False) is None:
        return False
    return verbatim(a, b) or place_relation(a, b) == "near"


def verbatim(a: Features, b: Features) -> bool:
    """Whether two candidates were read from one sentence, as a copy repeats it."""
    return bool(a.words) and content_similarity(a, b) >= VERBATIM_WORDS


def metadata_waived(member: Features, union: Iterable[Features]) -> bool:
    """A copy whose story has another article in the union: the original's date (and,
    when both read one sentence, its place) stand."""
    return member.story != member.article and any(
        same_story(member, other) and (verbatim(member, other)
                                       or place_relation(member, other) == "near")
        for other in union)
