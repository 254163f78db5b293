"""Typed, coded errors. The CLI turns each into one red line naming the file and the problem."""

from __future__ import annotations


class HeraldError(Exception):
    """Base of every error Herald raises on purpose."""

    code = "E000"

    def __init__(self, message: str, origin: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.origin = origin

    def __reduce__(self) -> tuple[type[HeraldError], tuple[str, str | None]]:
        """Keep the origin when an error crosses a process boundary (parallel ingest)."""
        return (type(self), (self.message, self.origin))

    def __str__(self) -> str:
        where = f"{self.origin}: " if self.origin else ""
        return f"{where}{self.message} [{self.code}]"


class InputError(HeraldError):
    """An input file that cannot be read as an article (binary, empty, malformed...)."""

    code = "E100"


class StoreError(HeraldError):
    """The database cannot be opened or written (wrong file, newer schema, locked)."""

    code = "E200"


class RulesError(HeraldError):
    """A rule table is missing or empty: a language without rules is an error, not a no-op."""

    code = "E300"


class GoldError(HeraldError):
    """A gold set does not follow ../shared/eval/FORMAT.md."""

    code = "E400"
