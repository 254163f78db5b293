"""JSON Lines (``.jsonl``, ``.ndjson``, ``-`` on standard input): one record per line.

Lines are read one at a time with the size limit applied to each, so a dump of
millions of records streams in constant memory; a line over the limit is skipped
without being held. Each line is decoded on its own (UTF-8, else the encoding the
file's earlier lines were read in, else what charset-normalizer finds), so one
mis-encoded record costs one error line, never the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO

from herald.errors import InputError
from herald.ingest.decode import decode_text
from herald.ingest.records import article_from_record
from herald.ingest.streams import bounded_lines
from herald.model import Article


def read_jsonl(stream: IO[bytes], origin: str, limit: int) -> Iterator[Article | InputError]:
    """Every record of the stream as an article, or an error naming its line."""
    fallback: str | None = None  # the encoding of this file's last non-UTF-8 line
    for number, line in enumerate(bounded_lines(stream, limit), start=1):
        where = f"{origin}:{number}"
        if line is None:
            yield InputError(f"record is over the {limit}-byte limit", where)
            continue
        if not line.strip():
            continue
        try:
            text, encoding = decode_text(line, where, fallback)
            if encoding != "utf-8":
                fallback = encoding
            yield article_from_record(parse_record(text, where), where, encoding=encoding)
        except InputError as error:
            yield error


def parse_record(text: str, where: str) -> object:
    """One JSON value, or one error line saying why it is not one."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"malformed JSON: {error.msg}", where) from None
    except RecursionError:
        raise InputError("record is nested too deeply", where) from None
    except ValueError as error:  # e.g. an integer of more digits than Python converts
        raise InputError(f"malformed JSON: {error}", where) from None
