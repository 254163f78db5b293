"""The framing stage: how outlets name the people involved, and hate in comments.

``frame_article(article)`` sets ``article.framing`` (labels, flags, comment tally) as
``article.schema.json`` describes it; ``summarise_outlet`` folds many framings into a
per-outlet comparison. Word lists live in ``rules/<lang>.json``.
"""

from herald.framing.frame import frame_article
from herald.framing.outlets import summarise_outlet
from herald.framing.rules import load_rules, supported_languages

__all__ = ["frame_article", "load_rules", "summarise_outlet", "supported_languages"]
