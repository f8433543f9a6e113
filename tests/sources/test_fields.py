"""Article fields: each wrong field is named; good values are normalised."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest

from kg.errors import SourceError
from kg.sources.fields import make_article

LIMIT = 2_000_000


def test_all_fields() -> None:
    article = make_article(
        {
            "text": "Isi\r\nberita\rini",
            "url": " https://example.com/a ",
            "title": "  Judul ",
            "published": "2025-04-22T10:00:00Z",
            "language": "ID-id",
            "source": "Contoh",
        },
        "a.json",
        LIMIT,
    )
    assert article.text == "Isi\nberita\nini"
    assert article.url == "https://example.com/a"
    assert article.title == "Judul"
    assert article.published == date(2025, 4, 22)
    assert article.language == "id"
    assert article.source == "Contoh"
    assert article.origin == "a.json"


@pytest.mark.parametrize(
    "published",
    [
        pytest.param(date(2025, 4, 22), id="date"),
        pytest.param(datetime(2025, 4, 22, 23, 0), id="datetime"),
        pytest.param("2025-04-22", id="iso"),
    ],
)
def test_published_forms(published: Any) -> None:
    assert make_article({"text": "x", "published": published}, "o", LIMIT).published == date(
        2025, 4, 22
    )


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        pytest.param({}, "field 'text' is missing", id="missing-text"),
        pytest.param({"text": None}, "field 'text' is missing", id="null-text"),
        pytest.param({"text": ["a"]}, "field 'text': expected a string, got a list", id="list"),
        pytest.param({"text": " \n\t"}, "empty text", id="blank-text"),
        pytest.param({"text": "x", "url": "ftp://x"}, "field 'url'", id="non-http-url"),
        pytest.param({"text": "x", "url": 5}, "field 'url': expected a string", id="int-url"),
        pytest.param({"text": "x", "title": {}}, "got an object", id="object-title"),
        pytest.param({"text": "x", "published": "22/04/2025"}, "not an ISO date", id="not-iso"),
        pytest.param({"text": "x", "published": 2025}, "expected a date string", id="int-date"),
        pytest.param({"text": "x", "published": "1850-01-01"}, "implausibly old", id="old"),
    ],
)
def test_bad_fields_are_named(record: dict[str, Any], reason: str) -> None:
    with pytest.raises(SourceError) as caught:
        make_article(record, "feed.jsonl:7", LIMIT)
    assert caught.value.origin == "feed.jsonl:7"
    assert reason in caught.value.reason


def test_future_date_is_refused_but_a_time_zone_ahead_is_not() -> None:
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    assert make_article({"text": "x", "published": tomorrow}, "o", LIMIT).published
    later = (date.today() + timedelta(days=30)).isoformat()
    with pytest.raises(SourceError, match="in the future"):
        make_article({"text": "x", "published": later}, "o", LIMIT)


def test_size_limit_counts_utf8_bytes() -> None:
    text = "é" * 600  # 1,200 bytes in UTF-8
    assert make_article({"text": text}, "o", 1_200).text == text
    with pytest.raises(SourceError, match=r"1,200 bytes, over the limit of 1,199"):
        make_article({"text": text}, "o", 1_199)


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        pytest.param(
            {"text": "a", "url": "https://x.id/1"},
            {"text": "b", "url": "https://x.id/1"},
            True,
            id="same-url-new-text",
        ),
        pytest.param({"text": "a"}, {"text": "a", "title": "t"}, True, id="same-text-no-url"),
        pytest.param({"text": "a"}, {"text": "b"}, False, id="different-text"),
        pytest.param(
            {"text": "a", "url": "https://x.id/1"},
            {"text": "a", "url": "https://x.id/2"},
            False,
            id="different-url",
        ),
    ],
)
def test_identity(first: dict[str, Any], second: dict[str, Any], same: bool) -> None:
    a, b = make_article(first, "o", LIMIT), make_article(second, "o", LIMIT)
    assert (a.identity == b.identity) is same
    assert len(a.identity) == 24
