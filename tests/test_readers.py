"""Dumps of any size: streamed JSONL and JSON lists, compression, WARC, encodings, URLs."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import random
import tracemalloc
from collections import Counter
from pathlib import Path

import pytest
import zstandard
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from herald.errors import InputError
from herald.ingest import Skipped, iter_input_files, read_inputs, url_identity
from herald.model import Article
from herald.settings import Settings

COMPRESSORS = {
    ".gz": gzip.compress,
    ".bz2": bz2.compress,
    ".xz": lzma.compress,
    ".zst": lambda data: zstandard.ZstdCompressor().compress(data),
}
FRENCH_PAGE = (
    "Grève à Besançon\n\n"
    "Environ 800 enseignants ont manifesté jeudi à Besançon contre la réforme des "
    "retraites, selon la préfecture. Les syndicats ont compté 2 000 manifestants.\n"
)


def read(*paths: Path, limit: int | None = None) -> list:
    settings = Settings(max_input_bytes=limit) if limit else Settings()
    return list(read_inputs([str(p) for p in paths], settings))


def record(i: int, **extra: object) -> dict:
    return {"id": f"r{i}", "text": f"Record {i}: dockers marched in Port Examplestadt.",
            **extra}


def jsonl(records: list[dict]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()


# -- compression ------------------------------------------------------------------------


@pytest.mark.parametrize("compression", sorted(COMPRESSORS))
def test_every_compression_reads_like_the_plain_file(tmp_path: Path, compression: str) -> None:
    records = [record(i) for i in range(5)]
    plain = tmp_path / "dump.jsonl"
    plain.write_bytes(jsonl(records))
    packed = tmp_path / f"dump.jsonl{compression}"
    packed.write_bytes(COMPRESSORS[compression](jsonl(records)))
    page = tmp_path / f"march.txt{compression}"
    page.write_bytes(COMPRESSORS[compression](FRENCH_PAGE.encode()))
    expected = [(a.id, a.text) for a in read(plain)]
    assert [(a.id, a.text) for a in read(packed)] == expected
    (article,) = read(page)
    assert article.id == "march" and article.text == FRENCH_PAGE


def test_a_folder_mixes_formats_and_compressions(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(jsonl([record(1)])))
    (tmp_path / "b.json.zst").write_bytes(COMPRESSORS[".zst"](json.dumps([record(2)]).encode()))
    (tmp_path / "c.txt.bz2").write_bytes(bz2.compress(FRENCH_PAGE.encode()))
    (tmp_path / "notes.pdf.gz").write_bytes(gzip.compress(b"%PDF"))
    assert [Path(p).name for p in iter_input_files([str(tmp_path)])] == [
        "a.jsonl.gz", "b.json.zst", "c.txt.bz2"]
    assert sorted(a.id for a in read(tmp_path)) == ["c", "r1", "r2"]


def test_a_cut_off_gzip_keeps_what_came_before_and_says_so(tmp_path: Path) -> None:
    data = gzip.compress(jsonl([record(i, pad="x" * 3000) for i in range(200)]))
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(data[: len(data) // 2])
    found = read(cut)
    good = [a for a in found if isinstance(a, Article)]
    errors = [str(e) for e in found if isinstance(e, InputError)]
    assert good and len(good) < 200 and [a.id for a in good] == [f"r{i}" for i in range(len(good))]
    assert len(errors) == 1 and "cut.jsonl.gz" in errors[0] and "cut off" in errors[0]


# -- JSON Lines -----------------------------------------------------------------------


def test_the_limit_applies_to_one_record_not_the_file(tmp_path: Path) -> None:
    """The issue's case: a 7.8 MB JSONL of 4,000 articles was refused whole."""
    rng = random.Random(7)
    words = ["protest", "march", "police", "union", "city", "workers", "strike", "square"]
    records = [{"id": f"a{i:04d}", "published": "2024-05-01",
                "text": " ".join(rng.choices(words, k=320))} for i in range(4000)]
    dump = tmp_path / "export.jsonl"
    dump.write_bytes(jsonl(records))
    assert dump.stat().st_size > 7_800_000 > Settings().max_input_bytes
    found = read(dump)
    assert len(found) == 4000 and all(isinstance(a, Article) for a in found)


def test_an_oversized_line_is_one_error_and_the_next_line_still_reads(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    dump.write_bytes(jsonl([record(1), record(2, text="y" * 5000), record(3)]))
    found = read(dump, limit=1000)
    assert [a.id for a in found if isinstance(a, Article)] == ["r1", "r3"]
    (error,) = [e for e in found if isinstance(e, InputError)]
    assert "dump.jsonl:2" in str(error) and "1000-byte limit" in str(error)


def test_a_deeply_nested_line_is_one_error(tmp_path: Path) -> None:
    dump = tmp_path / "deep.jsonl"
    dump.write_bytes(b"[" * 100_000 + b"\n" + jsonl([record(1)]))
    first, second = read(dump)
    assert isinstance(first, InputError) and "deep.jsonl:1" in str(first)
    assert isinstance(second, Article)


def test_reading_a_big_compressed_dump_holds_one_record_at_a_time(tmp_path: Path) -> None:
    """A 50 MB .jsonl.gz (incompressible-enough text) reads with flat memory."""
    rng = random.Random(11)
    vocabulary = ["".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=7)) for _ in range(50_000)]
    dump = tmp_path / "big.jsonl.gz"
    count = 0
    with gzip.open(dump, "wb", compresslevel=1) as out:
        while dump.stat().st_size < 50_000_000:
            lines = [json.dumps({"id": f"b{count + i}",
                                 "text": " ".join(rng.choices(vocabulary, k=300))})
                     for i in range(2000)]
            out.write(("\n".join(lines) + "\n").encode())
            count += len(lines)
            out.flush()
    tracemalloc.start()
    read_count = 0
    for item in read_inputs([str(dump)], Settings()):
        assert isinstance(item, Article)
        read_count += 1
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert read_count == count
    assert peak < 5_000_000, f"reading held {peak} bytes at once"


# -- JSON lists -----------------------------------------------------------------------


def test_a_json_list_streams_and_each_bad_item_is_one_error(tmp_path: Path) -> None:
    deep: object = "x"
    for _ in range(50):
        deep = [deep]
    items = [record(1), 42, record(2, text="z" * 5000), {"id": "deep", "text": deep}, record(3)]
    dump = tmp_path / "list.json"
    dump.write_text(json.dumps(items))
    found = read(dump, limit=1000)
    assert [a.id for a in found if isinstance(a, Article)] == ["r1", "r3"]
    errors = [str(e) for e in found if isinstance(e, InputError)]
    assert len(errors) == 3
    assert "list.json[1]" in errors[0] and "JSON object" in errors[0]
    assert "list.json[2]" in errors[1] and "limit" in errors[1]
    assert "list.json[3]" in errors[2] and "nested" in errors[2]


def test_a_json_list_bigger_than_the_limit_is_read(tmp_path: Path) -> None:
    dump = tmp_path / "list.json"
    dump.write_text(json.dumps([record(i) for i in range(100)]))
    found = read(dump, limit=200)
    assert len(found) == 100 and all(isinstance(a, Article) for a in found)


def test_a_syntax_error_inside_a_list_keeps_the_records_before_it(tmp_path: Path) -> None:
    dump = tmp_path / "broken.json"
    dump.write_text(json.dumps([record(1), record(2)])[:-1] + ', {"id": oops}]')
    found = read(dump)
    assert [a.id for a in found if isinstance(a, Article)] == ["r1", "r2"]
    (error,) = [e for e in found if isinstance(e, InputError)]
    assert "broken.json" in str(error) and "after record 2" in str(error)


# -- encodings ------------------------------------------------------------------------


def test_a_windows_1252_capture_is_decoded_and_its_encoding_kept(tmp_path: Path) -> None:
    page = tmp_path / "greve.txt"
    page.write_bytes(FRENCH_PAGE.replace("Besançon", "Besançon – “centre”").encode("cp1252"))
    (article,) = read(page)
    assert isinstance(article, Article), article
    assert "Besançon – “centre”" in article.text and article.encoding == "cp1252"


def test_an_html_page_declaring_its_charset_is_read_in_it(tmp_path: Path) -> None:
    html = ('<html><head><meta charset="windows-1251"><title>Протест</title></head><body>'
            '<article><p>' + "Тысячи людей вышли на улицы Москвы в субботу. " * 4
            + '</p></article></body></html>')
    page = tmp_path / "moscow.html"
    page.write_bytes(html.encode("cp1251"))
    (article,) = read(page)
    assert isinstance(article, Article), article
    assert "Тысячи людей" in article.text and article.encoding == "cp1251"


@pytest.mark.parametrize("suffix", [".jsonl", ".json"])
def test_a_utf16_export_with_its_bom_is_read(tmp_path: Path, suffix: str) -> None:
    records = [record(1, title="Grève"), record(2, text=FRENCH_PAGE)]
    text = jsonl(records).decode() if suffix == ".jsonl" else json.dumps(records)
    dump = tmp_path / f"export{suffix}"
    dump.write_bytes(text.encode("utf-16"))  # Python writes the BOM, little-endian here
    found = read(dump)
    assert [a.id for a in found] == ["r1", "r2"], found
    assert found[0].title == "Grève" and found[1].text == FRENCH_PAGE
    assert {a.encoding for a in found} == {"utf-16"}


def test_one_mis_encoded_line_is_decoded_alone(tmp_path: Path) -> None:
    dump = tmp_path / "mixed.jsonl"
    latin = json.dumps(record(2, text=FRENCH_PAGE), ensure_ascii=False).encode("cp1252")
    dump.write_bytes(jsonl([record(1)]) + latin + b"\n" + jsonl([record(3)]))
    found = read(dump)
    assert [(a.id, a.encoding) for a in found] == [
        ("r1", "utf-8"), ("r2", "cp1252"), ("r3", "utf-8")]
    assert found[1].text == FRENCH_PAGE


def test_bytes_no_encoding_explains_are_refused(tmp_path: Path) -> None:
    page = tmp_path / "noise.txt"
    page.write_bytes(bytes(range(1, 256)) * 40)
    (error,) = read(page)
    assert isinstance(error, InputError) and "noise.txt" in str(error)


# -- WARC -----------------------------------------------------------------------------


def warc_page(title: str, body: str) -> bytes:
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>{body}</p></article></body></html>").encode()


def write_warc(path: Path, records: list[tuple[str, str, str, bytes]]) -> None:
    """(type, url, content type or status line, payload) records, gzipped per record."""
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for kind, url, content_type, payload in records:
            if kind == "response":
                status = "404 Not Found" if content_type == "404" else "200 OK"
                headers = StatusAndHeaders(status, [("Content-Type", content_type)],
                                           protocol="HTTP/1.1")
                made = writer.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                                 http_headers=headers,
                                                 warc_headers_dict={"WARC-Date":
                                                                    "2024-05-02T08:00:00Z"})
            else:
                made = writer.create_warc_record(url, kind, payload=io.BytesIO(payload))
            writer.write_record(made)


def test_a_warc_gz_yields_its_html_responses_and_counts_the_rest(tmp_path: Path) -> None:
    body = ("Several thousand farmers drove tractors into Lyon on Tuesday to protest "
            "against fuel taxes, police said. ") * 3
    capture = tmp_path / "CC-NEWS-20240502.warc.gz"
    write_warc(capture, [
        ("warcinfo", "", "", b"software: test"),
        ("request", "https://news.example/farmers", "", b"GET /farmers HTTP/1.1\r\n\r\n"),
        ("response", "https://news.example/farmers?utm_source=rss#top",
         "text/html; charset=utf-8", warc_page("Farmers block Lyon", body)),
        ("response", "https://news.example/logo.png", "image/png", b"\x89PNG"),
        ("response", "https://news.example/gone", "404", b"not here"),
        ("response", "https://news.example/farmers?fbclid=xyz", "text/html",
         warc_page("Farmers block Lyon", body)),
    ])
    found = read(capture)
    articles = [a for a in found if isinstance(a, Article)]
    skipped = Counter(s.kind for s in found if isinstance(s, Skipped))
    assert not [e for e in found if isinstance(e, InputError)]
    assert len(articles) == 2 and articles[0].id == articles[1].id, "one page, two crawls"
    assert articles[0].url == "https://news.example/farmers?utm_source=rss#top"
    assert articles[0].published == "2024-05-02" and "tractors into Lyon" in articles[0].text
    assert skipped == {"warc warcinfo": 1, "warc request": 1, "response image/png": 1,
                       "response status 404": 1}


def test_a_file_that_is_not_warc_is_one_error(tmp_path: Path) -> None:
    fake = tmp_path / "fake.warc"
    fake.write_text("this is not a web archive\n")
    (error,) = read(fake)
    assert isinstance(error, InputError) and "fake.warc" in str(error)


# -- URL identity ---------------------------------------------------------------------


@pytest.mark.parametrize(("first", "second"), [
    ("https://News.example/a/story.html?utm_source=x&utm_medium=y",
     "https://news.example/a/story.html"),
    ("https://news.example/story?id=7&fbclid=abc#comments", "https://news.example/story?id=7"),
    ("https://news.example:443/story?gclid=1", "https://news.example/story"),
])
def test_tracking_parameters_and_fragments_do_not_make_another_article(
    first: str, second: str
) -> None:
    assert url_identity(first) == url_identity(second)


def test_different_pages_keep_different_identities() -> None:
    assert url_identity("https://news.example/story?id=7") != url_identity(
        "https://news.example/story?id=8")
    assert url_identity(None) is None and url_identity("  ") is None


def test_anonymous_records_with_one_url_are_one_article(tmp_path: Path) -> None:
    dump = tmp_path / "crawl.jsonl"
    dump.write_bytes(jsonl([
        {"url": "https://news.example/story?utm_campaign=a", "text": "First crawl."},
        {"url": "https://news.example/story#top", "text": "Second crawl, edited."},
    ]))
    first, second = read(dump)
    assert first.id == second.id


def test_a_home_page_address_names_no_article() -> None:
    """Exports that give every record its outlet's address must not fold them into one."""
    assert url_identity("https://www.lemonde.fr/") is None
    assert url_identity("https://www.lemonde.fr/?utm_source=x") is None
    assert url_identity("https://www.lemonde.fr/?page=2") is not None


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16"])
def test_a_capture_in_another_encoding_yields_its_event(tmp_path: Path, encoding: str) -> None:
    """Decoded, not refused: the Besançon strike comes out as an event with its figures."""
    from herald.pipeline import ingest
    from herald.store import Store

    page = tmp_path / "greve.txt"
    page.write_bytes(FRENCH_PAGE.encode(encoding))
    settings = Settings(db=tmp_path / "x.duckdb")
    report = ingest([str(page)], settings)
    assert report.stored == 1
    with Store(settings.db, read_only=True) as store:
        (event,) = store.events()
    assert event.location.name == "Besançon"
    assert {claim.value for claim in event.claims} >= {800, 2000}
