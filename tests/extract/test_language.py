from __future__ import annotations

import pytest

from kg.extract import extract
from kg.extract.language import identify, normalize_code
from kg.sources.model import Article


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Wali Kota Batam menerima kunjungan Konsul Jenderal di kantornya.", "id", id="id"
        ),
        pytest.param("The mayor of Surabaya met the consul general on Tuesday.", "en", id="en"),
        pytest.param(
            "Der Bürgermeister traf sich mit dem Generalkonsul in der Stadt.", "und", id="de"
        ),
        pytest.param("", "und", id="empty"),
        pytest.param("12345 !!! ???", "und", id="no-words"),
    ],
)
def test_identify(text: str, expected: str) -> None:
    assert identify(text) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        pytest.param("ID", "id", id="upper"),
        pytest.param("en-GB", "en", id="region"),
        pytest.param("Indonesian", "id", id="name"),
        pytest.param("fr", "fr", id="other"),
    ],
)
def test_normalize_code(code: str, expected: str) -> None:
    assert normalize_code(code) == expected


def test_declared_language_wins() -> None:
    x = extract(Article(text="The mayor met the consul.", language="id"))
    assert x.language == "id"


def test_unsupported_language_is_not_extracted() -> None:
    x = extract(Article(text="Le maire de Batam a rencontré le consul général.", language="fr"))
    assert not x.extracted
    assert x.language == "fr"
    assert x.warnings
