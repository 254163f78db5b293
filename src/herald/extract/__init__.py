"""The extract stage: which events an article reports, and how each is coded."""

from herald.extract.events import extract_events

__all__ = ["extract_events"]
