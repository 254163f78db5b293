"""The resolve stage: one event per real-world event, every report attached.

Public API: ``text_signature``, ``band_keys`` and ``find_copies`` (syndicated copies),
``block_keys`` and ``blocks_to_load`` (what the store files and loads together),
``resolve_events``.
"""

from herald.resolve.blocking import block_keys, blocks_to_load
from herald.resolve.copies import band_keys, find_copies, text_signature
from herald.resolve.resolver import resolve_events

__all__ = [
    "band_keys", "block_keys", "blocks_to_load", "find_copies", "resolve_events",
    "text_signature",
]
