from __future__ import annotations

import pytest
from extract_support import article

from kg.extract.context import analyse


@pytest.mark.parametrize(
    ("text", "lang", "key"),
    [
        pytest.param("MEDAN - Wali Kota hadir.", "id", "city/medan-1214520", id="plain"),
        pytest.param(
            "Ambon, Maluku (ANTARA) - The mayor attended.",
            "en",
            "city/ambon-1651531",
            id="city-province-agency",
        ),
        pytest.param(
            "Padang (ANTARA) - The governor attended.", "en", "city/padang-1633419", id="agency"
        ),
    ],
)
def test_dateline(text: str, lang: str, key: str) -> None:
    ctx = analyse(article(text, lang), lang)
    assert ctx.dateline is not None
    assert ctx.dateline.key == key
