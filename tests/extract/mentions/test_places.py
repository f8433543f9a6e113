"""Places of a sentence (kg.extract.mentions.places): gazetteer names, cues, what is no place."""

from __future__ import annotations

import pytest
from extract_support import article

from kg.extract import extract
from kg.extract.mentions import analyse_sentence
from kg.extract.sentences import split_sentences


def _sentence(text: str, lang: str = "id"):  # type: ignore[no-untyped-def]
    (s,) = split_sentences(text, lang)
    return analyse_sentence(s, lang)


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


def test_a_strait_is_not_the_city_it_is_named_after() -> None:
    x = extract(article("Kapal itu melintasi Selat Malaka menuju Batam."))
    assert "city/malacca-1734759" not in x.nodes
