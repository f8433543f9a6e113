from __future__ import annotations

import pytest

from kg.extract.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Prof. Dr. Ir. H. A. Rahman, S.H., M.Si. hadir. Ia senang.",
            ["Prof. Dr. Ir. H. A. Rahman, S.H., M.Si. hadir.", "Ia senang."],
            id="academic-titles-and-initials",
        ),
        pytest.param(
            "Nilainya Rp 1,2 miliar. Lalu 6,5 persen. Pada 21/4/2025 dia datang.",
            ["Nilainya Rp 1,2 miliar.", "Lalu 6,5 persen.", "Pada 21/4/2025 dia datang."],
            id="numbers-and-dates",
        ),
        pytest.param(
            "PT Foo Co., Ltd. berinvestasi. U.S. Ambassador came. Hj. Siti tiba.",
            ["PT Foo Co., Ltd. berinvestasi.", "U.S. Ambassador came.", "Hj. Siti tiba."],
            id="company-forms-and-acronyms",
        ),
        pytest.param(
            "Kantornya di Jl. Sudirman No. 5, Batam. St. Louis juga.",
            ["Kantornya di Jl. Sudirman No. 5, Batam.", "St. Louis juga."],
            id="street-abbreviations",
        ),
        pytest.param(
            "“Kami siap. Batam kota penting,” ujar Amsakar. Ia tersenyum.",
            ["“Kami siap. Batam kota penting,” ujar Amsakar.", "Ia tersenyum."],
            id="quote-spanning-sentences",
        ),
        pytest.param(
            'He said: "We are ready. It matters." Then he left.',
            ['He said: "We are ready. It matters."', "Then he left."],
            id="straight-quotes",
        ),
        pytest.param("Judul\n\nParagraf satu.", ["Judul", "Paragraf satu."], id="line-breaks"),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    found = split_sentences(text, "id")
    assert [s.text for s in found] == expected
    for s in found:
        assert text[s.start : s.end] == s.text


def test_paragraph_numbers() -> None:
    found = split_sentences("Satu. Dua.\nTiga.", "id")
    assert [s.paragraph for s in found] == [0, 0, 1]
