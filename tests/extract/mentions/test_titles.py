"""Titles and posts (kg.extract.mentions.titles): word orders, regional, diplomatic and
minister titles."""

from __future__ import annotations

import pytest
from extract_support import article, objects

from kg.extract import extract
from kg.extract.mentions import analyse_sentence
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


def test_a_title_right_after_a_dateline_dash_is_a_title() -> None:
    text = "Padang (ANTARA) - Consul General of Japan in Medan Kenji Watanabe met the governor."
    x = extract(article(text, "en"))
    assert "person/kenji-watanabe" in x.nodes
    assert objects(x, "person/kenji-watanabe", "org:holds")


def test_ambassador_to_the_country_then_the_name() -> None:
    x = extract(article("Indonesian Ambassador to the Netherlands Rizal Pohan attended.", "en"))
    (post,) = objects(x, "person/rizal-pohan", "org:holds")
    assert objects(x, str(post), "bkg:accreditedTo") == ["country/nl"]


def test_name_comma_demonym_title() -> None:
    text = "Sigit Pramono Adi, Indonesian consul general in Guangzhou, attended."
    x = extract(article(text, "en"))
    assert objects(x, "person/sigit-pramono-adi", "org:holds")


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


@pytest.mark.parametrize(
    "text",
    [
        "Pengamat hubungan internasional menilai diplomasi kota semakin penting.",
        "Para pakar menilai kerja sama itu menguntungkan kedua kota.",
    ],
)
def test_a_bare_title_names_no_office(text: str) -> None:
    # Without a holder or a place the title is a description ("an observer"), and one
    # node for it would join every unnamed observer of every article.
    x = extract(article(text))
    assert not [key for key in x.nodes if key.startswith("post/")]


_MANADO, _HANOI = "post/mayor/manado-1636544", "post/mayor/hanoi-1581130"
_BALI, _JATIM = "post/governor/id-ba", "post/governor/id-ji"


@pytest.mark.parametrize(
    ("text", "lang", "held"),
    [
        pytest.param(
            "Wali Kota Manado dan Hanoi, Fitri Susanto dan Hoang Lan, menandatangani "
            "perjanjian di Manado.",
            "id",
            {"fitri-susanto": _MANADO, "hoang-lan": _HANOI},
            id="id-title-places-names",
        ),
        pytest.param(
            "The mayors of Manado and Hanoi, Fitri Susanto and Hoang Lan, signed the pact.",
            "en",
            {"fitri-susanto": _MANADO, "hoang-lan": _HANOI},
            id="en-plural-title",
        ),
        pytest.param(
            "Gubernur Bali dan Jawa Timur, masing-masing Wayan Koster dan Khofifah Indar "
            "Parawansa, bertemu di Denpasar.",
            "id",
            {"wayan-koster": _BALI, "khofifah-indar-parawansa": _JATIM},
            id="id-masing-masing",
        ),
        pytest.param(
            "The governors of Bali and East Java, Wayan Koster and Khofifah Indar Parawansa, "
            "respectively, met in Denpasar.",
            "en",
            {"wayan-koster": _BALI, "khofifah-indar-parawansa": _JATIM},
            id="en-respectively",
        ),
        pytest.param(
            "Fitri Susanto and Hoang Lan, the mayors of Manado and Hanoi, signed the pact.",
            "en",
            {"fitri-susanto": _MANADO, "hoang-lan": _HANOI},
            id="en-names-before",
        ),
    ],
)
def test_one_title_over_two_places_gives_each_name_its_post(
    text: str, lang: str, held: dict[str, str]
) -> None:
    x = extract(article(text, lang))
    assert {p: objects(x, f"person/{p}", "org:holds") for p in held} == {
        p: [post] for p, post in held.items()
    }


def test_one_title_over_two_places_without_names_gives_two_posts() -> None:
    x = extract(article("The mayors of Manado and Hanoi met in Manado on Monday.", "en"))
    assert {_MANADO, _HANOI} <= set(x.nodes)
    assert not [e for e in x.edges if e.predicate == "org:holds"]


@pytest.mark.parametrize(
    "text",
    [
        # a name after the first place: which post the second place has is not said
        "Wali Kota Manado Fitri Susanto dan Hanoi menandatangani perjanjian.",
        # a city and a country are not two places of one title
        "Wali Kota Manado dan Vietnam, Fitri Susanto dan Hoang Lan, bertemu.",
    ],
)
def test_no_second_post_when_the_places_do_not_pair(text: str) -> None:
    x = extract(article(text))
    assert _HANOI not in x.nodes
    assert not objects(x, "person/hoang-lan", "org:holds")
