"""The resolve stage: one event per real-world event, every report attached.

Public API: ``text_signature`` and ``find_copies`` (syndicated copies),
``block_keys`` (what the store loads together) and ``resolve_events``.
"""

from herald.resolve.blocking import block_keys
from herald.resolve.copies import find_copies, text_signature
from herald.resolve.resolver import resolve_events

__all__ = ["block_keys", "find_copies", "resolve_events", "text_signature"]
