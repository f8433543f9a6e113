from __future__ import annotations

import pytest
from extract_support import article, objects

from kg.extract import extract
from kg.extract.model import IRI


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        pytest.param(
            "Makassar telah memiliki hubungan kota kembar dengan Kota Songkhla, Thailand.",
            "id",
            id="id-already-has",
        ),
        pytest.param(
            "Semarang already has sister-city ties with Brisbane.", "en", id="en-already-has"
        ),
    ],
)
def test_an_existing_tie_is_signed(text: str, lang: str) -> None:
    x = extract(article(text, lang))
    statuses = [
        v for k in x.nodes if k.startswith("agreement/") for v in objects(x, k, "bkg:status")
    ]
    assert statuses
    assert all(v == IRI("bkg:Signed") for v in statuses)


def _agreement_parties(text: str, lang: str) -> dict[str, set[str]]:
    x = extract(article(text, lang))
    return {
        k: {str(p) for p in objects(x, k, "bkg:party")}
        for k in x.nodes
        if k.startswith("agreement/")
    }


@pytest.mark.parametrize(
    ("text", "lang", "parties"),
    [
        pytest.param(
            "Medan - Pemerintah Provinsi Sumatera Utara dan Pemerintah Provinsi Guangdong, "
            "China, resmi memperpanjang kerja sama provinsi bersaudara untuk lima tahun.",
            "id",
            {"province/id-su", "province/cn-gd"},
            id="id-sister-province-with-dateline-city",
        ),
        pytest.param(
            "NANNING, Sept. 18 (Xinhua) -- Guangxi and Indonesia's Lampung province on "
            "Thursday signed an agreement establishing sister-province relations in Nanning.",
            "en",
            {"province/cn-gx", "province/id-la"},
            id="en-sister-province-with-a-venue-city",
        ),
        pytest.param(
            "Johor and the Indonesian province of Riau Islands have signed a memorandum of "
            "understanding in Johor Bahru.",
            "en",
            {"province/my-01", "province/id-kr"},
            id="en-two-provinces-one-city",
        ),
    ],
)
def test_provinces_of_two_countries_are_the_parties(
    text: str, lang: str, parties: set[str]
) -> None:
    found = _agreement_parties(text, lang)
    assert parties in found.values(), found


def test_two_cities_stay_the_parties_beside_their_provinces() -> None:
    found = _agreement_parties(
        "Kota Medan di Sumatera Utara dan Kota Chengdu di Sichuan menandatangani "
        "kesepakatan sister city.",
        "id",
    )
    assert {"city/medan-1214520", "city/chengdu-1815286"} in found.values(), found


def _statuses(text: str, lang: str) -> set[IRI | str]:
    x = extract(article(text, lang))
    return {v for k in x.nodes if k.startswith("agreement/") for v in objects(x, k, "bkg:status")}


@pytest.mark.parametrize(
    ("text", "lang", "status"),
    [
        pytest.param(
            "Kota Medan, misalnya, sudah lama bersaudara dengan Kota Chengdu.",
            "id",
            "Signed",
            id="id-in-passing",
        ),
        pytest.param(
            "The City of Brisbane and Semarang also have a sister-city relationship.",
            "en",
            "Signed",
            id="en-in-passing",
        ),
        # "official" describes the residence, not the tie; "proposed" qualifies the tie
        pytest.param(
            "The governor received the consul general at his official residence to discuss "
            "a proposed sister-city partnership between Medan and George Town.",
            "en",
            "Proposed",
            id="en-proposed-before-the-word",
        ),
        pytest.param(
            "Pemkot akan menyiapkan kajian sebelum surat minat atau letter of intent (LoI) "
            "antara Sidoarjo dan Takaoka ditandatangani.",
            "id",
            "Proposed",
            id="id-before-signing",
        ),
        pytest.param(
            "The new partnership would build on the twin-city relationship between Medan and "
            "George Town, which has been in place since 1984.",
            "en",
            "Signed",
            id="en-existing-tie-beside-a-plan",
        ),
    ],
)
def test_status_as_news_states_it(text: str, lang: str, status: str) -> None:
    assert _statuses(text, lang) == {IRI(f"bkg:{status}")}


def test_the_two_sides_are_the_parties_named_before() -> None:
    found = _agreement_parties(
        "MATSUYAMA - Ehime Prefecture and the Indonesian province of South Sulawesi signed a "
        "sister-province agreement on Wednesday. The two sides also signed a memorandum on "
        "training interns, under which South Sulawesi will open a centre in Makassar.",
        "en",
    )
    memoranda = [p for k, p in found.items() if "memorandum" in k]
    assert memoranda == [{"province/jp-38", "province/id-sn"}], found


@pytest.mark.parametrize(
    ("text", "status"),
    [
        pytest.param(
            "Sarawak and West Kalimantan will resume talks on a border trade agreement that "
            "has been stalled since 2019.",
            "Proposed",
            id="stalled",
        ),
        pytest.param(
            "Queensland and Central Java signed a three-year action plan in Brisbane.",
            "Signed",
            id="action-plan",
        ),
    ],
)
def test_cooperation_documents_by_other_names(text: str, status: str) -> None:
    x = extract(article(text, "en"))
    kinds = {n.kind for n in x.nodes.values() if n.key.startswith("agreement/")}
    assert kinds == {"CooperationAgreement"}
    assert _statuses(text, "en") == {IRI(f"bkg:{status}")}
