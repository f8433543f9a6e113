from __future__ import annotations

import pytest
from extract_support import article, objects

from kg.extract import extract
from kg.extract.mentions import analyse_sentence
from kg.extract.model import IRI
from kg.extract.sentences import split_sentences


def _sentence(text: str, lang: str = "id"):  # type: ignore[no-untyped-def]
    (s,) = split_sentences(text, lang)
    return analyse_sentence(s, lang)


@pytest.mark.parametrize(
    ("text", "lang", "person", "post"),
    [
        pytest.param(
            "Wali Kota Batam, Amsakar Achmad, hadir.",
            "id",
            "Amsakar Achmad",
            "post/mayor/batam-6295587",
            id="title-comma-name",
        ),
        pytest.param(
            "Wali Kota Batam Amsakar Achmad hadir.",
            "id",
            "Amsakar Achmad",
            "post/mayor/batam-6295587",
            id="title-name",
        ),
        pytest.param(
            "Amsakar Achmad, Wali Kota Batam, hadir.",
            "id",
            "Amsakar Achmad",
            "post/mayor/batam-6295587",
            id="name-comma-title",
        ),
        pytest.param(
            "Batam Mayor Amsakar Achmad attended.",
            "en",
            "Amsakar Achmad",
            "post/mayor/batam-6295587",
            id="en-place-title-name",
        ),
        pytest.param(
            "Eri Cahyadi, the mayor of Surabaya, said so.",
            "en",
            "Eri Cahyadi",
            "post/mayor/surabaya-1625822",
            id="en-apposition",
        ),
        pytest.param(
            "Gubernur Sumatera Utara, Dr. H. Rahmat Siregar, M.Si., hadir.",
            "id",
            "Rahmat Siregar",
            "post/governor/id-su",
            id="honorifics-stripped",
        ),
    ],
)
def test_title_and_name_orders(text: str, lang: str, person: str, post: str) -> None:
    sm = _sentence(text, lang)
    holders = [(tm.holder.name if tm.holder else None) for tm in sm.titles]
    assert person in holders
    x = extract(article(text, lang))
    key = "person/" + person.lower().replace(" ", "-")
    assert post in objects(x, key, "org:holds")


def test_possessive_consul_general() -> None:
    sm = _sentence(
        "Republik Rakyat Tiongkok melalui Konsul Jenderalnya di Medan, Zhang Min, "
        "menjajaki kerja sama."
    )
    (tm,) = sm.titles
    assert tm.role == "ConsulGeneral"
    assert tm.represents is not None
    assert tm.represents.key == "country/cn"
    assert tm.based_in is not None
    assert tm.based_in.key == "city/medan-1214520"
    assert tm.holder is not None
    assert tm.holder.name == "Zhang Min"


def test_name_after_speech_verb() -> None:
    sm = _sentence("“Kami siap bekerja sama dengan semua pihak,” ujar Amsakar.")
    assert [p.name for p in sm.persons] == ["Amsakar"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Kantor itu di Jalan Medan Merdeka nomor lima.", id="street"),
        pytest.param("Ia kuliah di Universitas Indonesia sejak lama.", id="university"),
    ],
)
def test_non_places(text: str) -> None:
    sm = _sentence(text)
    assert not [
        p
        for p in sm.places
        if p.place.kind in ("Country", "City") and p.surface in ("Medan", "Indonesia")
    ]


def test_balai_kota_keeps_the_city() -> None:
    sm = _sentence("Pertemuan berlangsung di Balai Kota Makassar kemarin.")
    assert [p.place.key for p in sm.places] == ["city/makassar-1622786"]


def test_place_does_not_swallow_a_name() -> None:
    sm = _sentence("Wakil Wali Kota Kitakyushu, Hiroshi Nakamura, hadir.")
    assert [p.name for p in sm.persons] == ["Hiroshi Nakamura"]
    assert all(p.surface != "Nakamura" for p in sm.places)


def test_company_patterns() -> None:
    x = extract(
        article(
            "Investor seperti PT Sinar Mas Tbk, Hibiki Environmental Co., Ltd. dan Camel Group "
            "menanam modal. Perusahaan BYD juga hadir."
        )
    )
    companies = {n.label for n in x.nodes.values() if n.kind == "Company"}
    assert {"Sinar Mas", "Hibiki Environmental", "Camel", "BYD"} <= companies


@pytest.mark.parametrize(
    ("text", "lang", "person", "post"),
    [
        pytest.param(
            "Bupati Badung, I Wayan Adi Arnawa, hadir.",
            "id",
            "I Wayan Adi Arnawa",
            "post/regent/badung-id-ba",
            id="regent-of-a-regency",
        ),
        pytest.param(
            "Gubernur Australia Barat, Roger Cook, hadir.",
            "id",
            "Roger Cook",
            "post/governor/au-wa",
            id="compass-last-province",
        ),
        pytest.param(
            "Deputy Mayor of Perth Jane Smith attended.",
            "en",
            "Jane Smith",
            "post/vice-mayor/perth-2063523",
            id="deputy-mayor",
        ),
        pytest.param(
            "Chief Minister of Penang Chow Kon Yeow attended.",
            "en",
            "Chow Kon Yeow",
            "post/official/chief-minister/my-07",
            id="chief-minister-of-a-state",
        ),
    ],
)
def test_regional_titles(text: str, lang: str, person: str, post: str) -> None:
    x = extract(article(text, lang))
    key = "person/" + person.lower().replace(" ", "-")
    assert x.nodes[key].labels[""] == person
    assert post in objects(x, key, "org:holds")


@pytest.mark.parametrize(
    ("text", "person"),
    [
        pytest.param(
            "Ambassador-designate Kenji Sato attended.", "person/kenji-sato", id="designate"
        ),
        pytest.param(
            "Deputy Chief of Mission Rachel Green attended.", "person/rachel-green", id="dcm"
        ),
        pytest.param("Chargé d'affaires John Doe attended.", "person/john-doe", id="charge"),
    ],
)
def test_diplomatic_titles_introduce_people(text: str, person: str) -> None:
    x = extract(article(text, "en"))
    assert person in x.nodes
    assert not [k for k in x.nodes if k.startswith("city/")]


def test_consul_general_in_a_state_sits_in_its_city() -> None:
    x = extract(article("Konsul Jenderal RI di Penang, Dicky Ardiansyah, hadir."))
    (post,) = objects(x, "person/dicky-ardiansyah", "org:holds")
    assert objects(x, str(post), "bkg:basedIn") == ["city/george-town-1735106"]


def test_a_strait_is_not_the_city_it_is_named_after() -> None:
    x = extract(article("Kapal itu melintasi Selat Malaka menuju Batam."))
    assert "city/malacca-1734759" not in x.nodes


def test_particles_in_a_row_stay_in_the_name() -> None:
    x = extract(article("Duta Besar Belanda, Hendrik van der Berg, berkunjung."))
    assert x.nodes["person/hendrik-van-der-berg"].labels[""] == "Hendrik van der Berg"
    assert "person/hendrik" not in x.nodes


def test_a_title_right_after_a_dateline_dash_is_a_title() -> None:
    text = "Padang (ANTARA) - Consul General of Japan in Medan Kenji Watanabe met the governor."
    x = extract(article(text, "en"))
    assert "person/kenji-watanabe" in x.nodes
    assert objects(x, "person/kenji-watanabe", "org:holds")


def test_a_place_name_after_a_placed_title_is_the_holders_given_name() -> None:
    x = extract(article("Manado Mayor Frederik Lumowa attended.", "en"))
    assert "person/frederik-lumowa" in x.nodes
    assert not [k for k in x.nodes if k.startswith("city/frederick")]


def test_ambassador_to_the_country_then_the_name() -> None:
    x = extract(article("Indonesian Ambassador to the Netherlands Rizal Pohan attended.", "en"))
    (post,) = objects(x, "person/rizal-pohan", "org:holds")
    assert objects(x, str(post), "bkg:accreditedTo") == ["country/nl"]


def test_name_comma_demonym_title() -> None:
    text = "Sigit Pramono Adi, Indonesian consul general in Guangzhou, attended."
    x = extract(article(text, "en"))
    assert objects(x, "person/sigit-pramono-adi", "org:holds")


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


# -- ranks, long official titles, organisations before names (issue 12) -------------------


@pytest.mark.parametrize(
    ("text", "title", "organisation", "holder", "rank"),
    [
        pytest.param(
            "Kepala Unit Reserse Kriminal Kepolisian Sektor Tamansari Ajun Komisaris "
            "Roland Manurung mengatakan, pelaku sudah ditangkap.",
            "Kepala Unit Reserse Kriminal",
            "Kepolisian Sektor Tamansari",
            "Roland Manurung",
            "Ajun Komisaris",
            id="unit-title-org-rank",
        ),
        pytest.param(
            "Kepala Bidang Humas Polda Riau Kombes Pol Novita Sari Hasibuan hadir.",
            "Kepala Bidang Humas",
            "Polda Riau",
            "Novita Sari Hasibuan",
            "Kombes Pol",
            id="abbreviated-rank-with-pol",
        ),
        pytest.param(
            "Kepala Kepolisian Daerah (Kapolda) Riau Irjen Pol Dr. Bambang Heru Sasongko hadir.",
            "Kepala Kepolisian Daerah",
            "Riau",
            "Bambang Heru Sasongko",
            "Irjen Pol",
            id="bracketed-short-form-and-honorific",
        ),
        pytest.param(
            "Presiden Direktur Bank OCBC NISP Parwati Surjaudaja menyampaikan, kinerja membaik.",
            "Presiden Direktur",
            "Bank OCBC NISP",
            "Parwati Surjaudaja",
            "",
            id="company-acronyms-before-name",
        ),
    ],
)
def test_official_title_organisation_rank_and_holder(
    text: str, title: str, organisation: str, holder: str, rank: str
) -> None:
    sm = _sentence(text)
    tm = next(t for t in sm.titles if t.holder is not None)
    assert tm.role == "OtherOfficial"
    assert tm.title == title
    assert tm.organisation == organisation
    assert tm.holder is not None
    assert tm.holder.name == holder
    assert tm.holder.rank == rank


def test_rank_is_no_title_and_no_part_of_the_name() -> None:
    sm = _sentence("Hal itu disampaikan Ajun Komisaris Besar Budi Santoso kepada wartawan.")
    assert [p.name for p in sm.persons] == ["Budi Santoso"]
    assert [t.title for t in sm.titles] == []


def test_military_rank_with_corps_and_retired() -> None:
    sm = _sentence("Acara dibuka Mayjen TNI (Purn) Agus Salim di Medan.")
    assert [p.name for p in sm.persons] == ["Agus Salim"]


def test_street_named_after_a_general_is_no_person() -> None:
    sm = _sentence("Kemacetan terjadi di Jalan Jenderal Sudirman sejak pagi.")
    assert sm.persons == []


def test_acting_prefix_keeps_the_title() -> None:
    sm = _sentence("Plt. Kepala Dinas Kesehatan Rina Wulandari mengatakan, vaksin tiba.")
    (tm,) = sm.titles
    assert tm.acting
    assert tm.title.startswith("Kepala Dinas Kesehatan")
    assert tm.holder is not None
    assert tm.holder.name == "Rina Wulandari"


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


def test_official_post_is_in_its_organisation_and_rank_stays_on_the_person() -> None:
    x = extract(
        article(
            "Kepala Unit Reserse Kriminal Kepolisian Sektor Tamansari Ajun Komisaris "
            "Roland Manurung mengatakan, pelaku sudah ditangkap."
        )
    )
    person = x.nodes["person/roland-manurung"]
    assert person.props["bkg:rank"] == ["Ajun Komisaris"]
    (post,) = objects(x, "person/roland-manurung", "org:holds")
    assert objects(x, str(post), "org:role") == [IRI("bkg:OtherOfficial")]
    (org,) = objects(x, str(post), "org:postIn")
    assert x.nodes[str(org)].label == "Kepolisian Sektor Tamansari"
    assert "Kepala Unit Reserse Kriminal" in x.nodes[str(post)].alt_labels
    assert not any("Komisaris" in n.label for n in x.nodes.values() if n.kind == "Post")


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


@pytest.mark.parametrize(
    ("text", "post"),
    [
        pytest.param(
            "Menteri Sosial Juliari Batubara meninjau gudang bantuan.",
            "post/minister/id/menteri-sosial",
            id="indonesian-minister-defaults-to-indonesia",
        ),
        pytest.param(
            "Delegasi dipimpin Menteri Perdagangan dan Investasi Australia Selatan, "
            "Michael Harrison.",
            "post/minister/au-sa/menteri-perdagangan-dan-investasi",
            id="state-minister-governs-a-province",
        ),
    ],
)
def test_minister_posts(text: str, post: str) -> None:
    x = extract(article(text))
    assert post in x.nodes


def test_company_commissioner_is_a_title_not_a_rank() -> None:
    sm = _sentence("Komisaris Utama PT Sinar Laut, Budi Hartono, hadir dalam rapat.")
    assert sm.titles[0].title.startswith("Komisaris Utama")
    (person,) = [p for p in sm.persons if p.name == "Budi Hartono"]
    assert person.rank == ""


def test_abbreviated_given_name_keeps_its_dot() -> None:
    x = extract(
        article(
            "Turut hadir Asisten Bidang Perekonomian Setda Sultra, Muh. Nasir Tombili, "
            "dalam acara itu."
        )
    )
    people = {n.label for n in x.nodes.values() if n.kind == "Person"}
    assert "Muh. Nasir Tombili" in people or "Muh Nasir Tombili" in people
