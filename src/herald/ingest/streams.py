"""Input files as byte streams: decompressed on the fly, read once, never whole.

A dump is opened as a stream whatever its compression (``.gz``, ``.bz2``, ``.xz``,
``.zst``); each reader takes what it needs from it (a line, an array item, a WARC
record), so memory follows the largest record, not the file. A stream whose bytes
are UTF-16 or UTF-32 (with their byte-order mark) is recoded to UTF-8 on the way,
so the line and JSON readers see one encoding of the characters they split on.
"""

from __future__ import annotations

import bz2
import codecs
import gzip
import io
import lzma
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, BinaryIO, TypeVar

from herald.errors import InputError

T = TypeVar("T")

COMPRESSIONS = (".gz", ".bz2", ".xz", ".zst")
# Bytes read ahead to recognise a byte-order mark or the first character of a
# document: the longest mark is four bytes.
SNIFF_BYTES = 4
# Characters recoded per read when a UTF-16/32 stream is turned into UTF-8.
RECODE_CHARS = 1 << 16
# Read-ahead of every stream: what a reader can peek at (the JSON reader's sniff).
BUFFER_BYTES = 1 << 16
# Compressed bytes handed to zstd per call: its output per call is unbounded, and
# a frame of zeros inflates ~40,000-fold, so 2 kB of input is at most ~90 MB out.
ZSTD_INPUT_BYTES = 2048
# Byte-order marks, longest first: UTF-32-LE's mark begins with UTF-16-LE's.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# What a damaged or cut-off compressed stream raises, by library.
DECOMPRESSION_ERRORS: tuple[type[BaseException], ...] = (
    EOFError, OSError, zlib.error, lzma.LZMAError,
)


def split_suffix(path: Path) -> tuple[str, str | None, str]:
    """(format suffix, compression suffix or None, stem): ``a.jsonl.gz`` -> .jsonl, .gz, a."""
    name = path.name
    compression = next((c for c in COMPRESSIONS if name.lower().endswith(c)), None)
    if compression:
        name = name[: -len(compression)]
    inner = Path(name)
    return inner.suffix.lower(), compression, inner.stem if inner.suffix else name


def open_binary(path: Path, compression: str | None) -> BinaryIO:
    """The file's bytes, decompressed when its name says it is compressed."""
    if compression == ".gz":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    if compression == ".bz2":
        return bz2.open(path, "rb")  # type: ignore[return-value]
    if compression == ".xz":
        return lzma.open(path, "rb")  # type: ignore[return-value]
    if compression == ".zst":
        return _buffered(_ZstdFrames(open(path, "rb")))  # noqa: SIM115 - closed with it
    return open(path, "rb")


def decompression_errors() -> tuple[type[BaseException], ...]:
    """The errors of every decompressor, zstandard's included when it is importable."""
    try:
        import zstandard
    except ImportError:  # pragma: no cover - a declared dependency
        return DECOMPRESSION_ERRORS
    return (*DECOMPRESSION_ERRORS, zstandard.ZstdError)


def guarded(reads: Iterator[T], origin: str, what: str) -> Iterator[T | InputError]:
    """Stop a file's reads at a damaged stream with one error; what came before stays read."""
    try:
        yield from reads
    except UnicodeDecodeError as error:  # a UTF-16/32 stream broken after its mark
        yield InputError(f"not {error.encoding} text ({error.reason})", origin)
    except decompression_errors() as error:
        yield InputError(f"{what} stream is damaged or cut off ({error})".replace("\n", " "),
                         origin)


class _Prefixed(io.RawIOBase):
    """Bytes already read from a stream, then the rest of it: a peek that works on
    every decompressor."""

    def __init__(self, prefix: bytes, rest: IO[bytes]) -> None:
        self.prefix = prefix
        self.rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self.prefix:
            size = min(len(buffer), len(self.prefix))
            buffer[:size] = self.prefix[:size]
            self.prefix = self.prefix[size:]
            return size
        data = self.rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.rest.close()
        super().close()


class _ZstdFrames(io.RawIOBase):
    """zstd frames one after another. zstandard's own stream reader ends a cut-off
    file as if it were whole; this one raises ``EOFError`` inside an unfinished frame."""

    def __init__(self, raw: IO[bytes]) -> None:
        import zstandard

        self.raw = raw
        self.decompressor = zstandard.ZstdDecompressor()
        self.frame: zstandard.ZstdDecompressionObj | None = None
        self.pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self.pending:
            chunk = self.raw.read(ZSTD_INPUT_BYTES)
            if not chunk:
                if self.frame is not None and not self.frame.eof:
                    raise EOFError("the data ends inside a zstd frame")
                return 0
            self.pending = self._decompress(chunk)
        size = min(len(buffer), len(self.pending))
        buffer[:size] = self.pending[:size]
        self.pending = self.pending[size:]
        return size

    def _decompress(self, data: bytes) -> bytes:
        out = []
        while data:
            if self.frame is None or self.frame.eof:
                self.frame = self.decompressor.decompressobj()
            out.append(self.frame.decompress(data))
            data = self.frame.unused_data if self.frame.eof else b""
        return b"".join(out)

    def close(self) -> None:
        self.raw.close()
        super().close()


class _Utf8Recoder(io.RawIOBase):
    """A text stream read back as UTF-8 bytes, a bounded chunk at a time."""

    def __init__(self, text: IO[str]) -> None:
        self.text = text
        self.pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self.pending:
            chunk = self.text.read(RECODE_CHARS)
            if not chunk:
                return 0
            self.pending = chunk.encode("utf-8", "surrogatepass")
        size = min(len(buffer), len(self.pending))
        buffer[:size] = self.pending[:size]
        self.pending = self.pending[size:]
        return size

    def close(self) -> None:
        self.text.close()
        super().close()


def utf8_stream(binary: IO[bytes]) -> tuple[io.BufferedReader, str | None]:
    """The stream as UTF-8-compatible bytes, and the encoding its byte-order mark names.

    A UTF-8 mark is dropped; UTF-16/32 streams are recoded (a byte that breaks their
    encoding raises ``UnicodeDecodeError`` where it is read). Without a mark the
    bytes pass unchanged: readers decide per record what they are.
    """
    head = binary.read(SNIFF_BYTES)
    for bom, encoding in BOMS:
        if head.startswith(bom):
            if encoding == "utf-8":
                return _buffered(_Prefixed(head[len(bom):], binary)), encoding
            text = io.TextIOWrapper(_buffered(_Prefixed(head, binary)), encoding=encoding,
                                    newline="")
            return _buffered(_Utf8Recoder(text)), encoding
    return _buffered(_Prefixed(head, binary)), None


def recoded(binary: IO[bytes], encoding: str) -> io.BufferedReader:
    """A stream in a known single- or multi-byte encoding, as UTF-8 bytes."""
    text = io.TextIOWrapper(_buffered(_Prefixed(b"", binary)), encoding=encoding, newline="")
    return _buffered(_Utf8Recoder(text))


def _buffered(raw: io.RawIOBase) -> io.BufferedReader:
    return io.BufferedReader(raw, BUFFER_BYTES)


def read_bounded(stream: IO[bytes], limit: int) -> bytes | None:
    """The whole stream, or None when it holds more than ``limit`` bytes."""
    data = stream.read(limit + 1)
    return None if len(data) > limit else data


def bounded_lines(stream: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """Lines of at most ``limit`` bytes (newline excluded); None for each longer one,
    whose bytes are skipped without being held."""
    while True:
        line = stream.readline(limit + 2)  # room for a CRLF after a line of `limit` bytes
        if not line:
            return
        if len(line.rstrip(b"\r\n")) <= limit:
            yield line
            continue
        if not line.endswith(b"\n"):
            _skip_line(stream.readline, limit)
        yield None


def _skip_line(readline: Callable[[int], bytes], chunk: int) -> None:
    while True:
        part = readline(chunk)
        if not part or part.endswith(b"\n"):
            return
