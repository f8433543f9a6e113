from __future__ import annotations

from datetime import date

from extract_support import article, objects

from kg.extract import extract


def _invitations(text: str, lang: str = "id") -> list[tuple[str, str]]:
    x = extract(article(text, lang))
    out = []
    for key, node in x.nodes.items():
        if node.kind == "Invitation":
            (inviter,) = objects(x, key, "bkg:inviter")
            (invitee,) = objects(x, key, "bkg:invitee")
            out.append((str(inviter), str(invitee)))
    return out


def test_received_invitation_with_the_inviter_in_the_next_sentence() -> None:
    text = (
        "Wali Kota Solo, Agus Santosa, mendapat undangan resmi untuk menghadiri festival. "
        "Surat undangan dari Wali Kota Jeonju, Kim Dong-hyun, itu diserahkan langsung oleh "
        "Duta Besar Korea Selatan, Lee Sang-woo, Selasa (20/8/2024)."
    )
    assert _invitations(text) == [("person/kim-dong-hyun", "person/agus-santosa")]


def test_invitation_from_x_so_that_y_attends() -> None:
    text = (
        "Wali Kota Pekanbaru, Rudi Siregar, menerima rombongan Melaka, Senin (3/6/2024). "
        "Ia membawa surat undangan dari Wali Kota Melaka agar Wali Kota Pekanbaru hadir."
    )
    ((inviter, invitee),) = _invitations(text)
    assert invitee == "person/rudi-siregar"
    assert inviter.startswith("post/mayor/")


def test_the_governor_is_the_governor_named_before() -> None:
    text = (
        "Consul General Ravi Menon met Aceh Governor Teuku Ridwan in Banda Aceh on "
        "Wednesday, March 26, 2025. Menon invited the governor to visit New Delhi."
    )
    assert _invitations(text, "en") == [("person/ravi-menon", "person/teuku-ridwan")]


def test_a_reception_sentence_adds_its_people_to_the_event_before() -> None:
    text = (
        "Delegasi Braunschweig dipimpin Wali Kota Thomas Kruger berkunjung ke Balai Kota "
        "Bandung, Selasa (17/6/2025). Rombongan diterima Wali Kota Bandung Arif Hakim, "
        "didampingi Wakil Wali Kota Dedi Kurniawan."
    )
    x = extract(article(text, "id", date(2025, 6, 18)))
    (visit,) = [k for k, n in x.nodes.items() if n.kind == "Visit"]
    people = set(map(str, objects(x, visit, "bkg:participant")))
    assert {"person/arif-hakim", "person/dedi-kurniawan"} <= people


def test_a_referring_sentence_names_the_city_inside_a_vague_venue() -> None:
    text = (
        "Quanzhou and Manado signed a sister-city agreement in China's Fujian Province on "
        "Thursday, October 26, 2023. The agreement was signed in Quanzhou by Mayor Wang "
        "Yongkang."
    )
    x = extract(article(text, "en"))
    (signing,) = [k for k, n in x.nodes.items() if n.kind == "Signing"]
    assert objects(x, signing, "bkg:place") == ["city/quanzhou-1797353"]


def test_an_undated_reception_soon_after_a_visit_adds_its_people() -> None:
    text = (
        "Ambon (ANTARA) - The Lord Mayor of Darwin, Helen Partridge, led a delegation to "
        "Ambon on Sunday, December 3, 2023.\n\n"
        "The relationship was first signed in 1988.\n\n"
        "Partridge was received by Ambon Mayor Bodewin Latuheru at the city hall."
    )
    x = extract(article(text, "en"))
    (visit,) = [k for k, n in x.nodes.items() if n.kind == "Visit"]
    assert "person/bodewin-latuheru" in set(map(str, objects(x, visit, "bkg:participant")))
    assert not [k for k, n in x.nodes.items() if n.kind == "Meeting"]


def test_an_invitation_x_sent_goes_to_the_previous_subject() -> None:
    text = (
        "Jeonju Mayor Kim Dong-hyun met Surakarta Mayor Agus Santosa in Jeonju on "
        "Friday, October 4, 2024. Agus arrived on Thursday for a visit. The visit followed "
        "an invitation Kim sent in August, which Korean Ambassador Lee Sang-woo delivered."
    )
    assert _invitations(text, "en") == [("person/kim-dong-hyun", "person/agus-santosa")]


def test_the_invitation_itself_is_no_new_invitation() -> None:
    text = (
        "Duta Besar Jepang Kazuhiro Ito bertemu Gubernur Kepri Syahrul Effendi di Tanjungpinang, "
        "Rabu (17/1/2024). Undangan itu disambut positif oleh gubernur."
    )
    assert _invitations(text) == []


def _event_dates(text: str, lang: str, published: date) -> list[date]:
    x = extract(article(text, lang, published))
    return sorted(
        v
        for n in x.nodes.values()
        if n.kind in ("Meeting", "Visit", "Signing")
        for v in n.props.get("schema:startDate", [])
        if isinstance(v, date)
    )


def test_the_dateline_date_does_not_date_the_event() -> None:
    text = (
        "NANNING, Sept. 18 (Xinhua) -- Guangxi and Lampung on Thursday signed an agreement "
        "establishing sister-province relations in Nanning."
    )
    assert _event_dates(text, "en", date(2026, 9, 18)) == [date(2026, 9, 17)]


def test_byline_and_date_lines_do_not_date_the_event() -> None:
    text = (
        "Kapolda Riau Terima Kunjungan Konsul Malaysia\n\n"
        "Diposting oleh Humas Polda Riau | Jumat, 3 Oktober 2025\n\n"
        "PEKANBARU - Kapolda Riau Irjen Pol Bambang Heru Sasongko menerima kunjungan Konsul "
        "Malaysia di Pekanbaru, Khairul Anuar, di Mapolda Riau, Kamis (2/10/25)."
    )
    # the headline and the lead may each report the visit; neither is dated by the byline
    assert set(_event_dates(text, "id", date(2025, 10, 3))) == {date(2025, 10, 2)}


def _participants(text: str, lang: str = "id") -> dict[str, set[str]]:
    x = extract(article(text, lang))
    return {
        k: {str(p) for p in objects(x, k, "bkg:participant")}
        for k, n in x.nodes.items()
        if n.kind in ("Meeting", "Visit", "Signing")
    }


def test_attendee_list_at_the_end_of_the_report_joins_the_event() -> None:
    paragraphs = [
        "MAKASSAR - Gubernur Sulawesi Selatan Andi Irwan Paturusi menerima kunjungan Duta "
        "Besar Korea Selatan Choi Dong-wook di Makassar, Selasa (21/4/2025).",
        "Pertemuan membahas investasi pengolahan rumput laut.",
        "Menurut Choi, sejumlah perusahaan sedang mencari pemasok bahan baku.",
        "Ia menilai peluang di kawasan timur masih besar.",
        "Petani membutuhkan kepastian harga.",
        "Hadir mendampingi gubernur, Kepala Dinas Kelautan Nurhidayah Rasyid serta Sekda "
        "Jufri Rahman.",
    ]
    events = _participants("\n\n".join(paragraphs))
    assert any(
        {"person/jufri-rahman", "person/nurhidayah-rasyid"} <= people for people in events.values()
    ), events


def test_a_distant_cue_word_alone_does_not_join_the_event() -> None:
    paragraphs = [
        "MEDAN - Wali Kota Medan Rico Waas menerima Konsul Jenderal Jepang Kenji Morikawa di "
        "Medan, Senin (20/4/2025).",
        "Pertemuan membahas pendidikan.",
        "Kerja sama ini dinilai penting.",
        "Program beasiswa juga dibahas.",
        "Sebelumnya, usulan dari Bupati Deli Serdang Asri Ludin Tambunan diterima pemerintah "
        "pusat.",
    ]
    events = _participants("\n\n".join(paragraphs))
    assert events
    assert all("person/asri-ludin-tambunan" not in people for people in events.values())


def _events(text: str, lang: str, published: date) -> list[tuple[str, date | None, set[str]]]:
    x = extract(article(text, lang, published))
    out = []
    for k, n in x.nodes.items():
        if n.kind in ("Meeting", "Visit", "Signing"):
            dates = [v for v in n.props.get("schema:startDate", []) if isinstance(v, date)]
            people = {str(p) for p in objects(x, k, "bkg:participant")}
            out.append((n.kind, dates[0] if dates else None, people))
    return out


def test_a_lead_without_people_and_its_full_report_are_one_occasion() -> None:
    text = (
        "JOHOR BARU: Johor and Riau Islands have signed a memorandum of understanding on "
        "ferry services on Tuesday (Feb 3).\n\n"
        "Governor Ansori Harun and Johor Chief Minister Onn Hafiz Ghazi signed the "
        "document in Iskandar Puteri on Tuesday (Feb 3)."
    )
    found = _events(text, "en", date(2026, 2, 4))
    assert len(found) == 1, found
    kind, when, people = found[0]
    assert (kind, when) == ("Signing", date(2026, 2, 3))
    assert {"person/onn-hafiz-ghazi", "person/ansori-harun"} <= people


def test_an_expected_signing_is_no_event() -> None:
    text = (
        "KOTA KINABALU: Sabah and North Kalimantan are expected to sign a memorandum of "
        "understanding on cross-border trade by September."
    )
    assert _events(text, "en", date(2026, 6, 30)) == []


def test_an_agreement_signed_in_a_past_year_is_history() -> None:
    text = (
        "DARWIN - Lord Mayor Catherine Walsh met Kupang Mayor Ahmad Fauzi in Darwin on Friday."
        "\n\nThe two cities signed a sister-city agreement in 1994, but the relationship faded."
    )
    found = _events(text, "en", date(2024, 7, 20))
    assert [(k, d) for k, d, _ in found] == [("Meeting", date(2024, 7, 19))]


def _event_places(text: str, lang: str, published: date = date(2026, 3, 12)) -> set[str]:
    x = extract(article(text, lang, published))
    return {
        str(p)
        for k, n in x.nodes.items()
        if n.kind in ("Meeting", "Visit", "Signing")
        for p in objects(x, k, "bkg:place")
    }


def test_an_officials_province_is_no_venue_when_a_dateline_names_the_city() -> None:
    text = (
        "KOTA KINABALU: Chief Minister Jamawi Ansau met North Kalimantan Governor Hasanuddin "
        "Tidung at Menara Kinabalu on Monday."
    )
    assert _event_places(text, "en") == {"city/kota-kinabalu-1733432"}


def test_a_building_named_like_a_city_is_no_venue() -> None:
    text = (
        "SIDOARJO, KOMPAS.com - Konsul Jenderal Jepang di Surabaya, Kenji Morikawa, bertemu "
        "Bupati Sidoarjo Fathul Mubarok di Pendopo Delta Wibawa, Rabu (11/3/2026)."
    )
    assert _event_places(text, "id") == {"city/sidoarjo-1627253"}


def test_after_the_meeting_refers_back_to_it() -> None:
    text = (
        "Kapolda Riau Terima Kunjungan Konsul Malaysia\n\n"
        "PEKANBARU - Kapolda Riau Irjen Pol Bambang Heru Sasongko menerima kunjungan "
        "kehormatan Konsul Malaysia di Pekanbaru, Khairul Anuar, di Mapolda Riau, "
        "Kamis (2/10/25).\n\n"
        "Dalam pertemuan tersebut, Kapolda didampingi Direktur Reserse Kriminal Umum Kombes "
        "Pol Asep Darmawan.\n\n"
        "Pertemuan membahas pencegahan perdagangan orang.\n\n"
        '"Laut kita luas, tidak bisa dijaga satu instansi saja," katanya kepada awak media '
        "usai pertemuan, Kamis (2/10/25)."
    )
    found = _events(text, "id", date(2025, 10, 3))
    assert len(found) == 1, found


def test_a_month_without_a_day_places_the_event_away_from_the_article() -> None:
    text = (
        "SURABAYA - Sekda Surabaya Ikhsan Maulana Rachman menerima Konsul Jenderal Jepang "
        "Kenji Morikawa di Balai Kota Surabaya, Selasa (21/7/2026).\n\n"
        "Pertemuan membahas nota kesepahaman pengelolaan sampah yang ditandatangani di "
        "Kitakyushu pada Mei."
    )
    found = _events(text, "id", date(2026, 7, 22))
    assert [k for k, _, _ in found] == ["Meeting"], found


def test_a_future_marker_right_after_the_event_word() -> None:
    text = (
        "BRISBANE - Governor Hartanto Sulistyo signed the action plan in Brisbane on "
        "Thursday.\n\nGovernor Hartanto's delegation will visit a solar farm near Toowoomba on "
        "Sunday."
    )
    found = _events(text, "en", date(2026, 5, 8))
    assert [k for k, _, _ in found] == ["Signing"], found


def test_an_invitation_is_dated_by_its_occasion_not_by_what_it_invites_to() -> None:
    text = (
        "GEORGE TOWN, Oct 14 (Bernama) -- Penang Chief Minister Tan Boon Kiat received "
        "Indonesian Consul General Dicky Ardiansyah on Tuesday.\n\n"
        "Dicky also invited Tan to attend a health tourism forum in Medan on November 20."
    )
    x = extract(article(text, "en", date(2025, 10, 14)))
    invitations = [n for n in x.nodes.values() if n.kind == "Invitation"]
    assert invitations
    assert all(
        v == date(2025, 10, 14) for n in invitations for v in n.props.get("schema:startDate", [])
    )


def test_an_event_dated_after_the_article_is_a_plan() -> None:
    text = (
        "MEDAN - Wali Kota Medan Rico Waas menerima Konsul Jenderal Jepang Kenji Morikawa di "
        "Medan, Senin (13/10/2025).\n\n"
        "Pertemuan berikutnya berlangsung dalam forum investasi di Medan, Kamis (20/11/2025)."
    )
    found = _events(text, "id", date(2025, 10, 14))
    assert [(k, d) for k, d, _ in found] == [("Meeting", date(2025, 10, 13))]
