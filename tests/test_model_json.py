"""Hand-written to_json methods must say everything a dataclass holds, in field order."""

from __future__ import annotations

from dataclasses import asdict, fields

import pytest

from herald.model import Claim, Evidence, Label, Location, PageDate, Segment, Source

EVIDENCE = Evidence("a1", 10, 24, "about 80 people")
RECORDS = [
    EVIDENCE,
    Segment("body", 0, 120),
    Claim("crowd_size", 80, "police", "a1", 70, 90, "about", EVIDENCE),
    Label("a1", "rioters"),
    Location("Lille", "FR", "32", 50.63, 3.06, "city", 2998324, None, "outlet"),
    Source("a2", "Outlet", "https://example.org/x", "2024-03-02", "a1"),
    PageDate("2024-03-02", "day", "published_line", "2 March 2024", 40, 52),
]


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: type(r).__name__)
def test_to_json_equals_the_dataclass_in_field_order(record: object) -> None:
    data = record.to_json()  # type: ignore[attr-defined]
    assert list(data) == [f.name for f in fields(record)]  # type: ignore[arg-type]
    assert data == asdict(record)  # type: ignore[call-overload]


def test_a_location_read_in_the_text_omits_basis() -> None:
    assert "basis" not in Location("Lille", "FR", evidence=EVIDENCE).to_json()


def test_a_source_that_is_no_copy_omits_copy_of() -> None:
    assert "copy_of" not in Source("a1", "Outlet").to_json()
