"""Validate article metadata fields, whatever format they came in."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from kg.errors import SourceError
from kg.sources.model import Article

__all__ = ["FIELDS", "make_article"]

FIELDS = ("text", "url", "title", "published", "language", "source")
# An article dated a little ahead of the reader's clock is a time zone, not an error.
_CLOCK_SLACK = timedelta(days=2)


def _parse_date(value: Any, origin: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        parsed = value.date()
    elif isinstance(value, date):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
        except ValueError:
            raise SourceError(
                origin, f"field 'published': {value!r} is not an ISO date (YYYY-MM-DD)"
            ) from None
    else:
        raise SourceError(origin, f"field 'published': expected a date string, got {_kind(value)}")
    if parsed > date.today() + _CLOCK_SLACK:
        raise SourceError(origin, f"field 'published': {parsed.isoformat()} is in the future")
    if parsed.year < 1900:
        raise SourceError(origin, f"field 'published': {parsed.isoformat()} is implausibly old")
    return parsed


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", bool: "a boolean"}.get(
        type(value), type(value).__name__
    )


def _check_unicode(value: str, name: str, origin: str) -> None:
    # JSON can carry "\ud800": a str Python accepts but no UTF-8 store or page can hold.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise SourceError(
            origin,
            f"field {name!r}: invalid Unicode (unpaired surrogate at character {exc.start:,})",
        ) from None


def _optional_str(record: Mapping[str, Any], name: str, origin: str) -> str | None:
    value = record.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise SourceError(origin, f"field {name!r}: expected a string, got {_kind(value)}")
    _check_unicode(value, name, origin)
    return value.strip() or None


def make_article(record: Mapping[str, Any], origin: str, max_bytes: int) -> Article:
    """Build an :class:`Article` from a mapping, naming the field that is wrong.

    >>> make_article({"text": "Halo", "published": "2025-04-22"}, "a.json", 100).published
    datetime.date(2025, 4, 22)
    >>> make_article({"text": 3}, "a.jsonl:2", 100)
    Traceback (most recent call last):
    kg.errors.SourceError: a.jsonl:2: field 'text': expected a string, got int
    """
    if "text" not in record or record["text"] is None:
        raise SourceError(origin, "field 'text' is missing")
    text = record["text"]
    if not isinstance(text, str):
        raise SourceError(origin, f"field 'text': expected a string, got {_kind(text)}")
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise SourceError(origin, f"text is {size:,} bytes, over the limit of {max_bytes:,}")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise SourceError(origin, "empty text")
    _check_unicode(text, "text", origin)
    if not any(ch.isalnum() for ch in text):
        raise SourceError(
            origin, "no words in the text: only punctuation, symbols or invisible characters"
        )
    language = _optional_str(record, "language", origin)
    if language is not None:
        language = language.lower().split("-")[0]
    url = _optional_str(record, "url", origin)
    if url is not None and not url.startswith(("http://", "https://")):
        raise SourceError(origin, f"field 'url': {url!r} is not an http(s) URL")
    return Article(
        text=text,
        url=url,
        title=_optional_str(record, "title", origin),
        published=_parse_date(record.get("published"), origin),
        language=language,
        source=_optional_str(record, "source", origin),
        origin=origin,
    )
