from __future__ import annotations

import pytest

from kg.resolve.names import canonical_name, name_tokens, slug


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        pytest.param("H. Amsakar Achmad, S.Sos., M.Si.", "Amsakar Achmad", id="hajj-and-degrees"),
        pytest.param("Prof. Dr. Ir. H. Rahmat Effendi, M.Si.", "Rahmat Effendi", id="academic"),
        pytest.param("Dato' Sri Ahmad Zahid", "Ahmad Zahid", id="malay-honorific"),
        pytest.param("Bapak AMSAKAR ACHMAD", "Amsakar Achmad", id="capitals"),
        pytest.param("Hj. Siti Aisyah, S.H., M.M.", "Siti Aisyah", id="hajjah"),
        pytest.param("Mr. John Smith Ph.D.", "John Smith", id="english"),
        pytest.param("Arifin Purba", "Arifin Purba", id="degree-letters-inside-a-name"),
        pytest.param("Irwan Hermawan", "Irwan Hermawan", id="honorific-letters-inside-a-name"),
        pytest.param("Encik Azlan bin Omar", "Azlan bin Omar", id="encik-bin"),
    ],
)
def test_canonical_name(surface: str, expected: str) -> None:
    assert canonical_name(surface) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Zhang Min", "zhang-min", id="plain"),
        pytest.param("Xanana Gusmão", "xanana-gusmao", id="accents"),
        pytest.param("Park Soo-yeon", "park-soo-yeon", id="hyphen"),
        pytest.param("!!!", "x", id="empty"),
    ],
)
def test_slug(text: str, expected: str) -> None:
    assert slug(text) == expected


def test_name_tokens() -> None:
    assert name_tokens("Park Soo-yeon") == ("park", "soo", "yeon")
