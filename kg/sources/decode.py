"""Bytes to text: UTF-8 first, then a detected charset, else a clear refusal."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from kg.errors import SourceError

__all__ = ["decode_bytes"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
# A well-formed multi-byte UTF-8 sequence (2 to 4 bytes).
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def decode_bytes(data: bytes, origin: str) -> str:
    """Decode an article's bytes, refusing binary data.

    >>> decode_bytes("Wali Kota".encode("utf-16"), "a.txt")
    'Wali Kota'
    >>> decode_bytes(b"\\x00\\x01\\x02\\xff" * 8, "b.txt")
    Traceback (most recent call last):
    kg.errors.SourceError: b.txt: binary data, not text (NUL bytes)
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise SourceError(origin, f"invalid {encoding} text: {exc.reason}") from exc
    if b"\x00" in data:
        raise SourceError(origin, "binary data, not text (NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Mostly valid UTF-8 with a few bad bytes is damaged UTF-8, not a legacy charset:
        # guessing one would turn every accented letter and curly quote into mojibake.
        bad = data.decode("utf-8", "replace").count("\ufffd")
        if len(_UTF8_MULTIBYTE.findall(data)) > bad:
            raise SourceError(
                origin, f"undecodable bytes: invalid UTF-8 at byte {exc.start:,}"
            ) from None
        best = from_bytes(data).best()
        if best is None or best.encoding is None:
            raise SourceError(origin, "undecodable bytes: not UTF-8 and no charset fits") from None
        text = str(best)
    controls = len(_CONTROL.findall(text))  # a regex: a Python loop takes seconds on 50 MB
    if controls > max(8, len(text) // 100):
        raise SourceError(origin, f"binary data, not text ({controls} control characters)")
    return text
