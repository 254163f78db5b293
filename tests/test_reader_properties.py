"""Property tests of every reader: whatever the bytes, each bad record is one clear
error line naming its file and place, and every good record still goes in."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import zstandard
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from herald.errors import InputError
from herald.ingest import Skipped, read_inputs
from herald.model import Article
from herald.settings import Settings

LIMIT = 2000
RUNS = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
COMPRESSORS: dict[str, Callable[[bytes], bytes]] = {
    ".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress,
    ".zst": lambda data: zstandard.ZstdCompressor().compress(data),
}

texts = st.text(min_size=1, max_size=200).filter(str.strip)
# A good record, or one of the ways a record goes wrong, each tagged with its kind.
good = st.builds(lambda text: ("good", {"text": text}), texts)
malformed = st.sampled_from(['{"id": ', '{"text": "a"', "{'text': 'single quotes'}",
                             '{"text": "x"}}', "nul", "[1, 2"]).map(lambda s: ("bad", s))
truncated = st.builds(lambda text, cut: ("bad", json.dumps({"text": text})[: cut]),
                      texts, st.integers(1, 8))
nested = st.integers(2_000, 60_000).map(lambda depth: ("bad", "[" * depth + "]" * depth))
oversized = st.integers(LIMIT + 1, 3 * LIMIT).map(lambda n: ("bad", {"text": "o" * n}))
not_object = st.sampled_from(["42", '"text"', "null", "[]", "true"]).map(lambda s: ("bad", s))
wrong_types = st.sampled_from([{"text": 5}, {"text": "t", "url": 3}, {"text": "t", "id": [1]},
                               {"text": "t", "published": "yesterday"}, {"html": "   "}]
                              ).map(lambda r: ("bad", r))
mis_encoded = st.binary(min_size=1, max_size=300).filter(
    lambda b: b"\n" not in b and b"\r" not in b and b.strip()
    and not b.strip().startswith(b"{")).map(lambda b: ("bad", b))
line_kinds = st.one_of(good, malformed, truncated, nested, oversized, not_object, wrong_types,
                       mis_encoded)


def line_bytes(index: int, value: object) -> bytes:
    if isinstance(value, bytes):
        return value
    if isinstance(value, dict):
        if "text" in value and isinstance(value["text"], str) and "id" not in value:
            value = {"id": f"g{index}", **value}
        return json.dumps(value, ensure_ascii=False).encode("utf-8")
    return str(value).encode("utf-8")


@contextmanager
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def read(path: Path) -> list:
    return list(read_inputs([str(path)], Settings(max_input_bytes=LIMIT)))


def assert_one_line_each(errors: list[InputError], name: str) -> None:
    for error in errors:
        line = str(error)
        assert name in line and "\n" not in line, line


@RUNS
@given(st.lists(line_kinds, min_size=1, max_size=12), st.sampled_from(["", *COMPRESSORS]))
def test_jsonl_gives_one_result_per_line(lines: list[tuple[str, object]], compression: str
                                         ) -> None:
    data = b"".join(line_bytes(i, value) + b"\n" for i, (_, value) in enumerate(lines))
    with folder() as tmp:
        dump = tmp / f"dump.jsonl{compression}"
        dump.write_bytes(COMPRESSORS[compression](data) if compression else data)
        found = read(dump)
    assert len(found) == len(lines)
    for number, ((kind, value), item) in enumerate(zip(lines, found, strict=True), start=1):
        if kind == "good":
            assert isinstance(item, Article), item
            assert item.id == f"g{number - 1}" and item.text == value["text"]  # type: ignore[index]
        else:
            assert isinstance(item, InputError), (value, item)
            assert str(item.origin).endswith(f"dump.jsonl{compression}:{number}")
    assert_one_line_each([e for e in found if isinstance(e, InputError)], "dump.jsonl")


list_items = st.one_of(good, oversized, not_object.map(lambda kv: ("bad", json.loads(kv[1]))),
                       wrong_types, st.integers(40, 200).map(
                           lambda depth: ("bad", {"text": json.loads("[" * depth + "]" * depth)})))


@RUNS
@given(st.lists(list_items, max_size=10), st.one_of(st.none(), st.floats(0, 1)))
def test_a_json_list_keeps_every_good_item_before_any_syntax_error(
    items: list[tuple[str, object]], cut_at: float | None
) -> None:
    values = [{"id": f"g{i}", **v} if kind == "good" else v  # type: ignore[dict-item]
              for i, (kind, v) in enumerate(items)]
    document = json.dumps(values, ensure_ascii=False)
    if cut_at is not None:
        document = document[: max(1, int(len(document) * cut_at))]
    with folder() as tmp:
        dump = tmp / "list.json"
        dump.write_text(document, encoding="utf-8")
        found = read(dump)
    expected = [f"g{i}" for i, (kind, _) in enumerate(items) if kind == "good"]
    got = [a.id for a in found if isinstance(a, Article)]
    assert got == expected[: len(got)]
    if cut_at is None:
        assert got == expected and len(found) == len(items)
    assert_one_line_each([e for e in found if isinstance(e, InputError)], "list.json")


@RUNS
@given(st.binary(max_size=3000), st.sampled_from([".txt", ".html", ".json"]))
def test_any_bytes_as_a_page_are_one_article_or_one_error(data: bytes, suffix: str) -> None:
    with folder() as tmp:
        page = tmp / f"page{suffix}"
        page.write_bytes(data)
        found = read(page)
    if suffix != ".json":
        assert len(found) == 1
    assert_one_line_each([e for e in found if isinstance(e, InputError)], "page")


@RUNS
@given(st.text(min_size=1, max_size=400).filter(str.strip), st.sampled_from(
    ["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252", "latin-1", "cp1251"]))
def test_text_in_any_encoding_reads_back_as_written(text: str, encoding: str) -> None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return  # not a text this encoding can hold
    with folder() as tmp:
        page = tmp / "capture.txt"
        page.write_bytes(data)
        (item,) = read(page)
    if isinstance(item, Article) and encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-32"):
        assert item.text == text  # a Unicode encoding is never guessed wrong
    if "\x00" not in text and encoding.startswith("utf"):
        assert isinstance(item, Article), item


@RUNS
@given(st.lists(good, min_size=1, max_size=30), st.sampled_from(sorted(COMPRESSORS)),
       st.floats(0.05, 0.95))
def test_a_cut_off_compressed_dump_keeps_a_prefix_and_says_so(
    lines: list[tuple[str, dict]], compression: str, cut_at: float
) -> None:
    data = b"".join(line_bytes(i, value) + b"\n" for i, (_, value) in enumerate(lines))
    packed = COMPRESSORS[compression](data)
    with folder() as tmp:
        dump = tmp / f"dump.jsonl{compression}"
        dump.write_bytes(packed[: int(len(packed) * cut_at)])
        found = read(dump)
    got = [a.id for a in found if isinstance(a, Article)]
    assert got == [f"g{i}" for i in range(len(got))]
    errors = [e for e in found if isinstance(e, InputError)]
    assert 1 <= len(errors) <= 2  # the stream's end, and perhaps the line it cut
    assert_one_line_each(errors, "dump.jsonl")


warc_records = st.lists(st.one_of(
    st.tuples(st.just("html"), st.text("abcdefghij ", min_size=100, max_size=300)),
    st.tuples(st.sampled_from(["request", "metadata", "image", "404"]), st.just("")),
), min_size=1, max_size=8)


def write_warc(records: list[tuple[str, str]]) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for number, (kind, words) in enumerate(records):
        url = f"https://news.example/{number}"
        if kind in ("request", "metadata"):
            payload = b"GET / HTTP/1.1\r\nHost: news.example\r\n\r\n" if kind == "request" \
                else b"via: test"
            made = writer.create_warc_record(url, kind, payload=io.BytesIO(payload))
        else:
            body = (f"<html><body><article><p>Lyon {words}</p></article></body></html>"
                    if kind == "html" else "nothing")
            status = "404 Not Found" if kind == "404" else "200 OK"
            content_type = "image/png" if kind == "image" else "text/html"
            headers = StatusAndHeaders(status, [("Content-Type", content_type)],
                                       protocol="HTTP/1.1")
            made = writer.create_warc_record(url, "response", http_headers=headers,
                                             payload=io.BytesIO(body.encode()))
        writer.write_record(made)
    return out.getvalue()


@RUNS
@given(warc_records, st.one_of(st.none(), st.floats(0.05, 0.95)))
def test_a_warc_yields_an_article_per_html_response_and_counts_the_rest(
    records: list[tuple[str, str]], cut_at: float | None
) -> None:
    data = write_warc(records)
    if cut_at is not None:
        data = data[: int(len(data) * cut_at)]
    with folder() as tmp:
        capture = tmp / "crawl.warc.gz"
        capture.write_bytes(data)
        found = read(capture)
    articles = [a for a in found if isinstance(a, Article)]
    skipped = [s for s in found if isinstance(s, Skipped)]
    errors = [e for e in found if isinstance(e, InputError)]
    pages = sum(kind == "html" for kind, words in records if words.strip())
    if cut_at is None:
        assert len(articles) + len([e for e in errors if "text" in str(e)]) == pages
        assert len(skipped) == len(records) - sum(kind == "html" for kind, _ in records)
    else:
        assert len(articles) <= pages
    assert_one_line_each(errors, "crawl.warc.gz")
