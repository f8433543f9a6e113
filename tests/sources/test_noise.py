"""Page furniture of news sites is recognised; article prose is not."""

from __future__ import annotations

import pytest

from kg.sources.noise import is_noise, noise_lines


@pytest.mark.parametrize(
    "line",
    [
        "Baca juga: Wali Kota Batam bertemu Konsul Jenderal Tiongkok",
        "Read also: West Java to add electric buses",
        "Editor: Zaenal Abidin",
        "Pewarta: Nur Afni",
        "Foto: Wakil Gubernur menerima cendera mata dari Konsul Jenderal (dok. Pemprov)",
        "ADVERTISEMENT",
        "SCROLL TO CONTINUE WITH CONTENT",
        "By Felicia Anak Jonas",
        "Thursday, February 12, 2026",
        "Rabu, 20 Mei 2026 08:41 WIB",
        "14/10/2025 06:52 PM",
        "Kompas.com - 12/03/2026, 10:15 WIB",
        "Diposting oleh Humas Polda Riau | Jumat, 3 Oktober 2025",
        "PTI | Banda Aceh | Updated: 05-03-2026 11:48 IST",
        "CNN Indonesia",
        "Tim detikSumut - detikSumut",
        "Nina Kartikasari (The Jakarta Post)",
        'Simak Video "Suasana Penandatanganan di Medan"',
        "(ant/rda)",
        "(Xinhua/Zhang Long)",
        "KOMPAS.com/DIMAS WAHYU",
        "Artikel ini telah tayang di Tribun-Medan.com",
        "Follow us on Google News",
        "Pengunjung berdiri di halaman masjid di Padang, Rabu. ANTARA FOTO/Iggoy el Fitra.",
        "Wali Kota menerima cendera mata. (Foto: Humas Pemkot Medan)",
        "Baca berita dengan sedikit iklan, klik di sini",
        "Advertising",
    ],
)
def test_furniture(line: str) -> None:
    assert is_noise(line)


@pytest.mark.parametrize(
    "line",
    [
        "Kota Medan memiliki hubungan sister city dengan Kota Chengdu sejak 2002.",
        "Konjen Jepang Temui Bupati Sidoarjo, Bahas Investasi dan Peluang Kota Kembar",
        "Penang ready to partner North Sumatra on health tourism, says CM",
        "By 2030, the two cities plan to open a direct ferry route.",
        "Oleh karena itu, kedua kota sepakat memperpanjang kerja sama.",
        "Editorial boards of both papers met in Medan on Monday (21/7/2025).",
        "MEDAN - Wali Kota Medan Rico Waas menerima Konsul Jenderal Tiongkok, Senin (21/7/2025).",
        "Makassar (ANTARA) - Gubernur Sulawesi Selatan menerima Duta Besar Korea Selatan.",
        "(Pemkot Medan dan Pemkot Ichikawa menandatangani nota kesepahaman)",
        "The mayor said the photo/video exhibition would open on Monday.",
        "",
    ],
)
def test_prose(line: str) -> None:
    assert not is_noise(line)


def test_headlines_listed_under_a_bare_link_label() -> None:
    text = "\n".join(
        [
            "Wali Kota menerima tamu.",
            "Baca juga:",
            "Bandara Kualanamu Tambah Rute ke Guangzhou",
            "",
            "Kerja sama berjalan sejak 2002.",
        ]
    )
    assert noise_lines(text) == {1, 2}


def test_furniture_is_not_read_by_the_extractor() -> None:
    from datetime import date

    from kg.extract import extract
    from kg.sources.model import Article

    text = (
        "Kerja sama Medan dan Ichikawa\n"
        "Baca juga: Wali Kota Surabaya Eri Cahyadi bertemu Konsul Jenderal Jepang\n"
        "MEDAN - Wali Kota Medan Rico Waas menerima kunjungan Wali Kota Ichikawa."
    )
    x = extract(Article(text=text, language="id", published=date(2025, 7, 22)))
    assert "person/rico-waas" in x.nodes
    assert "person/eri-cahyadi" not in x.nodes
