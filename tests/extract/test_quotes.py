from __future__ import annotations

import pytest
from extract_support import article, objects

from kg.extract import extract


def _speakers(text: str, lang: str = "id") -> list[str]:
    x = extract(article(text, lang))
    statements = [n for n in x.nodes.values() if n.kind == "Statement"]
    return [str(objects(x, n.key, "bkg:speaker")[0]) for n in statements]


@pytest.mark.parametrize(
    ("text", "lang", "speaker"),
    [
        pytest.param(
            "Wali Kota Batam, Amsakar Achmad, hadir.\n"
            "“Kami membuka lebar kerja sama ini,” ujar Amsakar.",
            "id",
            "person/amsakar-achmad",
            id="curly-after-short-name",
        ),
        pytest.param(
            "Wali Kota Batam, Amsakar Achmad, hadir.\n"
            '"Kami membuka lebar kerja sama ini," kata Amsakar Achmad.',
            "id",
            "person/amsakar-achmad",
            id="straight-after",
        ),
        pytest.param(
            "Amsakar Achmad mengatakan, “Kami membuka lebar kerja sama ini untuk semua.”",
            "id",
            "person/amsakar-achmad",
            id="attribution-before",
        ),
        pytest.param(
            "Wali Kota Batam, Amsakar Achmad, menyambut baik.\n"
            "“Kami membuka lebar kerja sama ini,” ujarnya.",
            "id",
            "person/amsakar-achmad",
            id="pronoun-suffix",
        ),
        pytest.param(
            "Surabaya Mayor Eri Cahyadi met the delegation.\n"
            '"We are ready to work with Busan," he said.',
            "en",
            "person/eri-cahyadi",
            id="en-he-said",
        ),
        pytest.param(
            '"We are ready to work with Busan," said Eri Cahyadi, the mayor of Surabaya.',
            "en",
            "person/eri-cahyadi",
            id="en-said-name",
        ),
    ],
)
def test_speaker(text: str, lang: str, speaker: str) -> None:
    assert _speakers(text, lang) == [speaker]


def test_short_scare_quotes_are_not_statements() -> None:
    assert (
        _speakers("Wali Kota Batam, Amsakar Achmad, menyebut program “green city” penting.") == []
    )


def test_quote_text_is_language_tagged() -> None:
    x = extract(
        article(
            "Wali Kota Batam, Amsakar Achmad, hadir.\n"
            "“Kami membuka lebar kerja sama ini,” ujar Amsakar."
        )
    )
    (st,) = [n for n in x.nodes.values() if n.kind == "Statement"]
    (text,) = st.props["schema:text"]
    assert getattr(text, "lang", None) == "id"
    assert getattr(text, "text", "").startswith("Kami membuka")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        pytest.param(
            "Wali Kota Batam, Amsakar Achmad, hadir.\n“Kami membuka kerja sama ini,” tandasnya.",
            "id",
            id="tandasnya",
        ),
        pytest.param(
            "Wali Kota Batam, Amsakar Achmad, hadir.\n“Kami membuka kerja sama ini,” kata dia.",
            "id",
            id="kata-dia",
        ),
        pytest.param(
            "Batam Mayor Amsakar Achmad attended.\n"
            "“We are opening this cooperation to everyone,” Amsakar revealed.",
            "en",
            id="revealed",
        ),
        pytest.param(
            "Batam Mayor Amsakar Achmad attended.\n"
            "“We are opening this cooperation to everyone,” Amsakar emphasised.",
            "en",
            id="emphasised",
        ),
    ],
)
def test_more_speech_verbs(text: str, lang: str) -> None:
    assert _speakers(text, lang) == ["person/amsakar-achmad"]
