"""The dateline of an article (kg.extract.dateline), read by the reading stages."""

from __future__ import annotations

import pytest
from extract_support import article

from kg.extract.pipeline import analyse


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
        pytest.param(
            "Sumut-Guangdong Perpanjang Kerja Sama\n\nTim detikSumut - detikSumut\n\n"
            "Medan - Pemprov Sumut dan Guangdong memperpanjang kerja sama.",
            "id",
            "city/medan-1214520",
            id="after-headline-and-byline",
        ),
        pytest.param(
            "Sarawak, West Kalimantan to revive talks\n\nKUCHING (Feb 12): Sarawak will "
            "resume talks.",
            "en",
            "city/kuching-1735634",
            id="date-in-brackets",
        ),
        pytest.param(
            "Headline of the story\n\nBatam. Singapore's consul general met the authority.",
            "en",
            "city/batam-6295587",
            id="city-and-full-stop",
        ),
        pytest.param(
            "GEORGE TOWN, Oct 14 (Bernama) -- Penang is ready.",
            "en",
            "city/george-town-1735106",
            id="date-and-agency",
        ),
    ],
)
def test_dateline(text: str, lang: str, key: str) -> None:
    ctx = analyse(article(text, lang), lang)
    assert ctx.dateline is not None
    assert ctx.dateline.key == key


def test_a_hyphenated_headline_is_no_dateline() -> None:
    ctx = analyse(article("Sumut-Guangdong Perpanjang Kerja Sama Sister Province", "id"), "id")
    assert ctx.dateline is None
