from __future__ import annotations

from datetime import date

import pytest

from kg.extract.dates import find_dates, in_dateline, latest_explicit_date

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


@pytest.mark.parametrize(
    ("text", "lang", "ref", "expected"),
    [
        pytest.param("Kamis (2/10/25)", "id", date(2025, 10, 3), date(2025, 10, 2), id="dmy-yy"),
        # 12 May 2025 is a Monday, 5 December 2025 a Friday: the weekday decides
        pytest.param("on Friday (12/5)", "en", date(2025, 12, 6), date(2025, 12, 5), id="m/d"),
        pytest.param(
            "Monday (12/5/2025)", "en", date(2025, 5, 13), date(2025, 5, 12), id="d/m-fits"
        ),
        pytest.param(
            "on Tuesday (July 22)", "en", date(2025, 7, 24), date(2025, 7, 22), id="no-year"
        ),
        # no year: the year of the article, unless that is more than half a year ahead
        pytest.param("Selasa (30/12)", "id", date(2026, 1, 3), date(2025, 12, 30), id="year-end"),
        pytest.param("on Dec. 30", "en", date(2026, 1, 3), date(2025, 12, 30), id="mdy-year-end"),
        # the weekday picks the year when the year is not written
        pytest.param("Rabu, 31 Desember", "id", date(2026, 1, 2), date(2025, 12, 31), id="wd-year"),
    ],
)
def test_day_month_read_the_way_that_fits(text: str, lang: str, ref: date, expected: date) -> None:
    assert [d.value for d in find_dates(text, lang, ref)] == [expected]


def test_dateline_date_is_the_filing_date() -> None:
    text = "KUCHING (Feb 12): Sarawak and West Kalimantan met here yesterday."
    found = find_dates(text, "en", date(2026, 2, 12))
    assert [(d.value, in_dateline(text, d)) for d in found] == [
        (date(2026, 2, 12), True),
        (date(2026, 2, 11), False),
    ]
    assert not in_dateline(
        "They met on Feb 12 in Kuching.",
        find_dates("They met on Feb 12 in Kuching.", "en", date(2026, 2, 13))[0],
    )
