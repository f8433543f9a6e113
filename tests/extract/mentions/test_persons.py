"""People (kg.extract.mentions.persons and names): cues, name boundaries, second pass."""

from __future__ import annotations

import pytest
from extract_support import article, objects

from kg.extract import extract
from kg.extract.mentions import analyse_sentence
from kg.extract.sentences import split_sentences


def _sentence(text: str, lang: str = "id"):  # type: ignore[no-untyped-def]
    (s,) = split_sentences(text, lang)
    return analyse_sentence(s, lang)


def test_name_after_speech_verb() -> None:
    sm = _sentence("“Kami siap bekerja sama dengan semua pihak,” ujar Amsakar.")
    assert [p.name for p in sm.persons] == ["Amsakar"]


def test_particles_in_a_row_stay_in_the_name() -> None:
    x = extract(article("Duta Besar Belanda, Hendrik van der Berg, berkunjung."))
    assert x.nodes["person/hendrik-van-der-berg"].labels[""] == "Hendrik van der Berg"
    assert "person/hendrik" not in x.nodes


def test_a_place_name_after_a_placed_title_is_the_holders_given_name() -> None:
    x = extract(article("Manado Mayor Frederik Lumowa attended.", "en"))
    assert "person/frederik-lumowa" in x.nodes
    assert not [k for k in x.nodes if k.startswith("city/frederick")]


def test_a_degree_after_a_name_is_no_person() -> None:
    sm = _sentence("MoU diteken Ketua Umum Kadin Sumut Khairul Anwar Nasution, S.E., dan tamu.")
    assert [p.name for p in sm.persons] == ["Khairul Anwar Nasution"]


def test_an_acronym_before_an_honorific_is_not_part_of_the_name() -> None:
    sm = _sentence("Hadir pula Presiden PUBPP Datuk Zulkifli Hamzah.")
    assert "Datuk Zulkifli Hamzah" in [p.surface for p in sm.persons]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        pytest.param(
            "Paslon itu adalah Hj. Rahmawati Yunus-Syahrul Amri yang diusung PDI.",
            ["Rahmawati Yunus", "Syahrul Amri"],
            id="honorific-ticket",
        ),
        pytest.param(
            "Satu pasangan calon perseorangan, Darmawan Effendi-Ridwan Syah, gugur.",
            ["Darmawan Effendi", "Ridwan Syah"],
            id="apposition-ticket",
        ),
    ],
)
def test_a_hyphen_between_two_full_names_makes_two_people(text: str, names: list[str]) -> None:
    assert [p.name for p in _sentence(text).persons] == names


def test_a_hyphenated_given_name_stays_one_name() -> None:
    sm = _sentence("Wali Kota Jeonju, Kim Dong-hyun, hadir.")
    assert [p.name for p in sm.persons] == ["Kim Dong-hyun"]


def test_degree_before_a_comma_title_is_no_holder() -> None:
    sm = _sentence("Hadir Kapolres Kampar AKBP Ronald Sitompul, S.I.K., dan tamu.")
    assert all("S.I" not in p.surface for p in sm.persons)


def test_a_lone_acronym_after_a_title_is_no_person() -> None:
    sm = _sentence("Menurut dia, sejumlah anggota PUBPP tertarik menanamkan modal.")
    assert sm.persons == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param(
            "Deputi Komisioner Humas dan Logistik OJK Anto Prabowo mengatakan, relaksasi "
            "diperpanjang.",
            "Anto Prabowo",
            id="acronym-before-speaker",
        ),
        pytest.param(
            "Imam Besar Masjid Istiqlal Nasaruddin Umar menuturkan, salat tetap digelar.",
            "Nasaruddin Umar",
            id="organisation-head-takes-one-word",
        ),
        pytest.param(
            "Ketua KPU Sulut Ardiles Mewoh mengatakan, surat suara dicetak.",
            "Ardiles Mewoh",
            id="region-abbreviation",
        ),
        pytest.param(
            "Direktur Layanan Aplikasi Kementerian Komunikasi dan Informatika Bambang Dwi "
            "Anggono mengatakan, layanan dibuka.",
            "Bambang Dwi Anggono",
            id="lowercase-joins-the-organisation",
        ),
        pytest.param(
            "Direktur Riset Center of Reform on Economics (CORE) Indonesia Piter Abdullah "
            "mengatakan, ekonomi melambat.",
            "Piter Abdullah",
            id="country-after-organisation",
        ),
        pytest.param(
            "Wakil Sekjen Partai Golkar Sebastian Salang menilai, partai harus berbenah.",
            "Sebastian Salang",
            id="organisation-word-before-the-run",
        ),
        pytest.param(
            "Ketua Gugus Tugas Dedie A Rachim mengatakan, satu keluarga terpapar.",
            "Dedie A Rachim",
            id="one-letter-initial",
        ),
        pytest.param(
            "Sementara itu, Rektor Unesa Prof Nurhasan mengatakan, kampus tetap dibuka.",
            "Nurhasan",
            id="honorific-inside-the-run",
        ),
        pytest.param(
            "Kepala Dinas Perhubungan DKI Jakarta Syafrin Liputo menjelaskan, jalan ditutup.",
            "Syafrin Liputo",
            id="acronym-opens-a-place",
        ),
        pytest.param(
            "Menteri Koordinator Bidang Politik dan Keamanan Mahfud MD mengatakan, rapat digelar.",
            "Mahfud MD",
            id="initials-at-the-end",
        ),
    ],
)
def test_name_after_organisation_before_speech_verb(text: str, name: str) -> None:
    sm = _sentence(text)
    assert name in [p.name for p in sm.persons]
    assert all(len(p.name.split()) <= 3 for p in sm.persons)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Polisi mengatakan, pelaku sudah ditangkap.", id="polisi"),
        pytest.param("Satlantas mengatakan, jalan ditutup sementara.", id="satlantas"),
        pytest.param("KPU menyatakan, surat suara sudah dicetak.", id="acronym"),
    ],
)
def test_common_nouns_and_unit_acronyms_are_never_people(text: str) -> None:
    assert _sentence(text).persons == []


def test_place_inside_a_name_stays_in_the_name() -> None:
    sm = _sentence("Duta Besar Korea Selatan Park Soo-yeon mengatakan, kerja sama berlanjut.")
    assert "Park Soo-yeon" in [p.name for p in sm.persons]


def test_short_name_resolves_to_its_full_form_written_without_cue() -> None:
    x = extract(
        article(
            "Pengajar sosiologi Universitas Negeri Jakarta (UNJ), Rakhmat Hidayat, mengapresiasi "
            "pembentukan tim itu.\n\n"
            "“Kalau sebatas dibubarkan, itu bisa berulang lagi,” kata Rakhmat."
        )
    )
    people = {n.key for n in x.nodes.values() if n.kind == "Person"}
    assert people == {"person/rakhmat-hidayat"}
    (st,) = [n for n in x.nodes.values() if n.kind == "Statement"]
    assert objects(x, st.key, "bkg:speaker") == ["person/rakhmat-hidayat"]


def test_abbreviated_given_name_keeps_its_dot() -> None:
    x = extract(
        article(
            "Turut hadir Asisten Bidang Perekonomian Setda Sultra, Muh. Nasir Tombili, "
            "dalam acara itu."
        )
    )
    people = {n.label for n in x.nodes.values() if n.kind == "Person"}
    assert "Muh. Nasir Tombili" in people or "Muh Nasir Tombili" in people
