"""The resolve stage: one event per real-world event, every report attached.

Public API: ``sign_article`` (a per-article step: ``body_text``'s ``text_signature``),
``band_keys`` and ``find_copies`` (syndicated copies),
``block_keys`` and ``blocks_to_load`` (what the store files and loads together),
``resolve_events``.
"""

from herald.resolve.blocking import block_keys, blocks_to_load
from herald.resolve.copies import band_keys, body_text, find_copies, sign_article, text_signature
from herald.resolve.resolver import resolve_events

__all__ = [
    "band_keys", "block_keys", "blocks_to_load", "body_text", "find_copies", "resolve_events",
    "sign_article", "text_signature",
]
