"""``.json`` files: one record, or a list of records read item by item.

A list is parsed as a stream of events by ijson (yajl's C parser) and each item is
built only while it stays under the size limit and a sane depth; one that does not
is skipped as it streams past and reported alone. A JSON syntax error inside a list
ends the file with one error (no parser can know where the next record starts),
and every record before it is kept. A single record is read whole, within the limit.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import IO, Any

from herald.errors import InputError
from herald.ingest.decode import decode_text, detect_encoding
from herald.ingest.jsonl import parse_record
from herald.ingest.records import article_from_record
from herald.ingest.streams import read_bounded, recoded, utf8_stream
from herald.model import Article

# An article record is flat: a few strings at depth 1. Deeper items are refused
# before they are built (and before anything recurses over them).
MAX_RECORD_DEPTH = 32
# Bytes read to tell a list from a single record, and to guess the encoding of a list
# that is not UTF-8.
SNIFF_BYTES = 1 << 16
_WHITESPACE = b" \t\r\n"


def read_json_document(
    stream: IO[bytes], origin: str, stem: str, limit: int
) -> Iterator[Article | InputError]:
    """The record (id defaulting to the file's stem) or the list's records."""
    utf8, bom = utf8_stream(stream)
    head = utf8.peek(SNIFF_BYTES)[:SNIFF_BYTES]
    if head.lstrip(_WHITESPACE)[:1] == b"[":
        encoding = bom or "utf-8"
        if bom is None:
            utf8, encoding = _as_utf8(utf8, head)
        yield from _list_records(utf8, origin, limit, encoding)
        return
    data = read_bounded(utf8, limit)
    if data is None:
        raise InputError(f"file is over the {limit}-byte limit", origin)
    if not data.strip():
        raise InputError("empty file", origin)
    text, encoding = decode_text(data, origin)
    document = parse_record(text, origin)
    if isinstance(document, list | str | int | float | bool) or document is None:
        raise InputError("JSON must be an article record or a list of records", origin)
    yield article_from_record(document, origin, default_id=stem, encoding=bom or encoding)


def _as_utf8(
    stream: io.BufferedReader, head: bytes
) -> tuple[io.BufferedReader, str]:
    """A list whose first bytes are not UTF-8 is recoded from what they look like."""
    try:
        head.decode("utf-8")
        return stream, "utf-8"
    except UnicodeDecodeError as error:
        if error.start >= len(head) - 3:  # a character cut by the sniff window
            return stream, "utf-8"
    encoding = detect_encoding(head)
    return (recoded(stream, encoding), encoding) if encoding else (stream, "utf-8")


def _list_records(
    stream: IO[bytes], origin: str, limit: int, encoding: str
) -> Iterator[Article | InputError]:
    import ijson

    index = 0
    try:
        for item in _items(ijson.basic_parse(stream, use_float=True), limit):
            where = f"{origin}[{index}]"
            index += 1
            if isinstance(item, InputError):
                yield InputError(item.message, where)
                continue
            try:
                yield article_from_record(item, where, encoding=encoding)
            except InputError as error:
                yield error
    except ijson.JSONError as error:
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        yield InputError(f"malformed JSON after record {index}: {message}", origin)
    except UnicodeDecodeError as error:
        yield InputError(f"not {error.encoding} text after record {index}", origin)


def _items(events: Iterator[tuple[str, Any]], limit: int) -> Iterator[Any]:
    """The items of a top-level list, each an object or an InputError saying why not."""
    import ijson

    first = next(events, None)
    if first is None or first[0] != "start_array":
        raise ijson.JSONError("not a list")
    builder: Any = None
    depth = size = 0
    problem: str | None = None
    for event, value in events:
        if depth == 0:
            if event == "end_array":
                return
            builder, size, problem = ijson.ObjectBuilder(), 0, None
        depth += event in ("start_map", "start_array")
        depth -= event in ("end_map", "end_array")
        size += len(value) if isinstance(value, str) else 8
        if problem is None and depth > MAX_RECORD_DEPTH:
            problem = f"record is nested deeper than {MAX_RECORD_DEPTH} levels"
        elif problem is None and size > limit:
            problem = f"record is over the {limit}-byte limit"
        if problem is None:
            builder.event(event, value)
        if depth == 0:
            yield InputError(problem) if problem else builder.value

