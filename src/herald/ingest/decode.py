"""Bytes to text in whatever encoding explains them, and the name of that encoding.

The cascade, each step tried only when the one before does not explain the bytes:

1. a byte-order mark (UTF-8, UTF-16, UTF-32) names the encoding;
2. bytes with NULs and no mark are binary, refused;
3. UTF-8, strict: non-ASCII bytes that happen to form valid UTF-8 are almost never
   anything else, and pages often declare latin-1 while being UTF-8;
4. an encoding the input declares (an HTTP ``Content-Type`` charset, an HTML
   ``<meta charset>``) or that the file's earlier records were read in;
5. charset-normalizer's detection. On a short text several legacy code pages
   decode the bytes equally cleanly (a French sentence reads as cp1250 or cp1252,
   differing in one letter); among those tied for the least mess, windows-1252 is
   chosen, the WHATWG Encoding Standard's default for undeclared Western pages.

Only bytes that no encoding explains are refused.
"""

from __future__ import annotations

import codecs

from herald.errors import InputError
from herald.ingest.streams import BOMS

# Bytes looked at for NULs before calling a stream binary (as `file` and git do).
BINARY_SNIFF_BYTES = 8192
# The web's default legacy encoding (WHATWG Encoding Standard, "windows-1252").
WESTERN_DEFAULT = "cp1252"
# Declared labels that browsers read as windows-1252 (WHATWG Encoding Standard): a page
# declaring latin-1 and using curly quotes means cp1252's, not C1 control codes.
WHATWG_AS_WESTERN = frozenset({"ascii", "iso8859-1"})


def encoding_name(name: str) -> str:
    """Python's canonical name of an encoding: 'UTF8' and 'utf_8' are 'utf-8'."""
    return codecs.lookup(name).name


def decode_text(data: bytes, origin: str, declared: str | None = None) -> tuple[str, str]:
    """The text and the canonical name of its encoding; ``InputError`` when none fits."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            # UTF-16/32 codecs read their mark to learn the byte order; UTF-8's is dropped.
            body = data[len(bom):] if encoding == "utf-8" else data
            return _strict(body, encoding, origin), encoding_name(encoding)
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        raise InputError("binary data, not text", origin)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        first_bad = error.start
    label = _label(declared)
    if label:
        decoded = _try(data, label)
        if decoded is not None:
            return decoded, label
    detected = detect_encoding(data)
    if detected is None:
        raise InputError(f"not text in any known encoding (not UTF-8 from byte {first_bad})",
                         origin)
    return data.decode(detected), detected


def detect_encoding(data: bytes) -> str | None:
    """charset-normalizer's reading, windows-1252 on a tie (see the module's note)."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    least_mess = min(match.chaos for match in matches)
    tied = [match for match in matches if match.chaos == least_mess]
    if any(WESTERN_DEFAULT in (match.could_be_from_charset or [match.encoding])
           for match in tied):
        return WESTERN_DEFAULT
    return encoding_name(tied[0].encoding)


def _label(declared: str | None) -> str | None:
    """A declared encoding's canonical name, as browsers read it; None when unknown."""
    if not declared:
        return None
    try:
        name = encoding_name(declared)
    except LookupError:
        return None
    return WESTERN_DEFAULT if name in WHATWG_AS_WESTERN else name


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _strict(data: bytes, encoding: str, origin: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(f"not {encoding} text despite its byte-order mark "
                         f"(byte {error.start})", origin) from None
