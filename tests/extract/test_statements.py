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


def _statements(text: str, lang: str = "id") -> list[tuple[str, str, str, str]]:
    """(speaker, mode, cue, text) of every statement, in the order of the text."""
    x = extract(article(text, lang))
    out = []
    for n in sorted(
        (n for n in x.nodes.values() if n.kind == "Statement"),
        key=lambda n: n.props["bkg:spanStart"][0],  # type: ignore[arg-type,return-value]
    ):
        mode_iri = objects(x, n.key, "bkg:speechMode")[0]
        mode = str(getattr(mode_iri, "value", mode_iri)).removeprefix("bkg:")
        cue = str(n.props.get("bkg:cue", [""])[0])
        said = getattr(n.props["schema:text"][0], "text", "")
        out.append((str(objects(x, n.key, "bkg:speaker")[0]), mode, cue, said))
    return out


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        pytest.param(
            "Kepala Dinas Pariwisata, Ratna Sari, hadir.\n"
            "”Kami siap menerima wisatawan dari Penang,” kata Ratna kepada wartawan, "
            "Senin (21/2/2022).",
            "id",
            ("person/ratna-sari", "DirectSpeech", "kata"),
            id="kompas-closing-mark-opens",
        ),
        pytest.param(
            "Wali Kota Batam Amsakar Achmad mengatakan, pelabuhan baru akan dibuka tahun depan.",
            "id",
            ("person/amsakar-achmad", "IndirectSpeech", "mengatakan"),
            id="indirect-mengatakan",
        ),
        pytest.param(
            "Menurut Amsakar Achmad, pelabuhan baru akan dibuka tahun depan.",
            "id",
            ("person/amsakar-achmad", "IndirectSpeech", "Menurut"),
            id="indirect-menurut",
        ),
        pytest.param(
            "Wali Kota Batam Amsakar Achmad hadir.\n"
            "Pelabuhan baru itu akan dibuka tahun depan, katanya.",
            "id",
            ("person/amsakar-achmad", "IndirectSpeech", "katanya"),
            id="indirect-katanya",
        ),
        pytest.param(
            "Wagub Aminuddin Syarifuddin hadir.\n"
            "Wagub Aminuddin mengatakan kedua provinsi memiliki kemiripan yang besar.",
            "id",
            ("person/aminuddin-syarifuddin", "IndirectSpeech", "mengatakan"),
            id="indirect-without-comma",
        ),
        pytest.param(
            "Korean Ambassador Park Soo-yeon visited Makassar.\n"
            "The ambassador told the governor that Korean investors were ready to come.",
            "en",
            ("person/park-soo-yeon", "IndirectSpeech", "told"),
            id="bare-title-told-that",
        ),
        pytest.param(
            "Surabaya Mayor Eri Cahyadi said the new port would open next year.",
            "en",
            ("person/eri-cahyadi", "IndirectSpeech", "said"),
            id="en-said-that-clause",
        ),
        pytest.param(
            "According to Eri Cahyadi, the new port would open next year.",
            "en",
            ("person/eri-cahyadi", "IndirectSpeech", "According to"),
            id="en-according-to",
        ),
        pytest.param(
            "Surabaya Mayor Eri Cahyadi met the delegation.\n"
            "«We are ready to work with Busan on ports,» he said.",
            "en",
            ("person/eri-cahyadi", "DirectSpeech", "said"),
            id="guillemets",
        ),
        pytest.param(
            "Surabaya Mayor Eri Cahyadi met the delegation.\n"
            "‘We are ready to work with Busan on ports,’ he said.",
            "en",
            ("person/eri-cahyadi", "DirectSpeech", "said"),
            id="single-curly",
        ),
    ],
)
def test_statement_mode_cue_and_speaker(
    text: str, lang: str, expected: tuple[str, str, str]
) -> None:
    (found,) = _statements(text, lang)
    assert found[:3] == expected


def test_split_quote_gives_both_halves_one_speaker() -> None:
    found = _statements(
        "Wali Kota Batam Amsakar Achmad menyambut delegasi.\n"
        "“Kami membuka kerja sama ini,” kata Amsakar, “untuk semua pelaku usaha di Batam.”"
    )
    assert [f[0] for f in found] == ["person/amsakar-achmad"] * 2
    assert all(f[1] == "DirectSpeech" for f in found)


def test_quote_continued_in_next_paragraph_keeps_its_speaker() -> None:
    found = _statements(
        "Surabaya Mayor Eri Cahyadi met the delegation.\n\n"
        '"We are ready to work with Busan on ports and on schools.\n\n'
        '"And we will send students next year," Eri said.',
        "en",
    )
    assert [f[0] for f in found] == ["person/eri-cahyadi"] * 2


def test_span_offsets_locate_the_words() -> None:
    text = "Menurut Amsakar Achmad, pelabuhan baru akan dibuka tahun depan."
    x = extract(article(text))
    (st,) = [n for n in x.nodes.values() if n.kind == "Statement"]
    start, end = st.props["bkg:spanStart"][0], st.props["bkg:spanEnd"][0]
    assert isinstance(start, int)
    assert isinstance(end, int)
    assert text[start:end] == "pelabuhan baru akan dibuka tahun depan"


def test_sentence_with_quote_is_not_also_indirect() -> None:
    found = _statements(
        "Amsakar Achmad mengatakan, “Kami membuka lebar kerja sama ini untuk semua.”"
    )
    assert [f[1] for f in found] == ["DirectSpeech"]


def test_reported_speech_needs_a_speaker() -> None:
    assert _statements("Pemerintah mengatakan, pelabuhan baru akan dibuka tahun depan.") == []
