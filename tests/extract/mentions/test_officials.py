"""Other officials' long titles (kg.extract.mentions.officials): unit, organisation,
rank, holder."""

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
