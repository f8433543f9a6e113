from __future__ import annotations

from datetime import date

import pytest

from kg.extract.dates import find_dates, latest_explicit_date

REF = date(2025, 4, 23)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        pytest.param("pada Senin (21/4/2025) lalu", "id", date(2025, 4, 21), id="weekday-numeric"),
        pytest.param("pada 21/4/2025", "id", date(2025, 4, 21), id="numeric"),
        pytest.param("pada 21 April 2025", "id", date(2025, 4, 21), id="day-month-year-id"),
        pytest.param("on 5 March 2025", "en", date(2025, 3, 5), id="day-month-year-en"),
        pytest.param("on March 5, 2025", "en", date(2025, 3, 5), id="month-day-year"),
        pytest.param("pada 3 Maret", "id", date(2025, 3, 3), id="no-year"),
        pytest.param("on Tuesday", "en", date(2025, 4, 22), id="weekday-en"),
        pytest.param("Senin lalu", "id", date(2025, 4, 21), id="weekday-id"),
        pytest.param("kemarin", "id", date(2025, 4, 22), id="kemarin"),
        pytest.param("yesterday", "en", date(2025, 4, 22), id="yesterday"),
        pytest.param("Rabu", "id", date(2025, 4, 23), id="weekday-same-day"),
    ],
)
def test_forms(text: str, lang: str, expected: date) -> None:
    found = find_dates(text, lang, REF)
    assert found, text
    assert found[0].value == expected
    assert all(d.value == expected for d in found)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        pytest.param("pekan lalu", "id", id="pekan-lalu"),
        pytest.param("last week", "en", id="last-week"),
    ],
)
def test_approximate(text: str, lang: str) -> None:
    (found,) = find_dates(text, lang, REF)
    assert found.approximate
    assert found.value == date(2025, 4, 16)


def test_relative_needs_reference() -> None:
    assert find_dates("kemarin", "id", None) == []


def test_invalid_dates_are_ignored() -> None:
    assert find_dates("31/2/2025 dan 99/99/2025", "id", REF) == []


def test_latest_explicit_date() -> None:
    assert latest_explicit_date("Senin (21/4/2025) dan 5 Mei 2025", "id") == date(2025, 5, 5)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        pytest.param("pada Jumat (18/4) malam", "id", date(2025, 4, 18), id="bracket-day-month"),
        pytest.param("Senin (30/12)", "id", date(2024, 12, 30), id="bracket-last-year"),
        pytest.param("pada Kamis pekan lalu", "id", date(2025, 4, 17), id="weekday-pekan-lalu"),
        pytest.param("on Thursday last week", "en", date(2025, 4, 17), id="weekday-last-week"),
        pytest.param("pada 14/4/2025", "id", date(2025, 4, 14), id="numeric-slash"),
        pytest.param("on 3 April", "en", date(2025, 4, 3), id="day-month-en"),
        pytest.param("last Thursday", "en", date(2025, 4, 17), id="last-weekday"),
    ],
)
def test_regional_news_forms(text: str, lang: str, expected: date) -> None:
    assert find_dates(text, lang, REF)[0].value == expected
