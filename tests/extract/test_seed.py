"""The seed article must yield everything ONTOLOGY-CORE.md lists for it."""

from __future__ import annotations

from datetime import date

from extract_support import objects, subjects

from kg.extract.model import IRI, Extraction, LangText

ZHANG = "person/zhang-min"
AMSAKAR = "person/amsakar-achmad"
BATAM = "city/batam-6295587"
MEDAN = "city/medan-1214520"
XIANGYANG = "city/xiangyang-1790587"
HUBEI = "province/cn-hb"
CHINA = "country/cn"


def _post_of(x: Extraction, person: str, role: str) -> str:
    posts = [
        p
        for p in objects(x, person, "org:holds")
        if IRI(f"bkg:{role}") in objects(x, str(p), "org:role")
    ]
    assert len(set(posts)) == 1, posts
    return str(posts[0])


def test_consul_general(seed: Extraction) -> None:
    post = _post_of(seed, ZHANG, "ConsulGeneral")
    assert objects(seed, post, "bkg:represents") == [CHINA] or CHINA in objects(
        seed, post, "bkg:represents"
    )
    assert MEDAN in objects(seed, post, "bkg:basedIn")
    assert seed.nodes[post].label == "Consul General of China in Medan"


def test_mayor_of_batam(seed: Extraction) -> None:
    post = _post_of(seed, AMSAKAR, "Mayor")
    assert post == "post/mayor/batam-6295587"
    assert BATAM in objects(seed, post, "bkg:jurisdiction")


def test_mayor_of_xiangyang_without_holder(seed: Extraction) -> None:
    post = "post/mayor/xiangyang-1790587"
    assert seed.nodes[post].kind == "Post"
    assert seed.nodes[post].label == "Mayor of Xiangyang"
    assert subjects(seed, "org:holds", post) == []
    assert XIANGYANG in objects(seed, post, "bkg:jurisdiction")


def test_cities_with_geonames(seed: Extraction) -> None:
    for key, geonames in ((BATAM, 6295587), (MEDAN, 1214520), (XIANGYANG, 1790587)):
        node = seed.nodes[key]
        assert node.kind == "City"
        assert IRI(f"https://sws.geonames.org/{geonames}/") in node.props["owl:sameAs"]
        assert node.evidence


def test_containment(seed: Extraction) -> None:
    assert HUBEI in objects(seed, XIANGYANG, "bkg:locatedIn")
    assert seed.nodes[HUBEI].kind == "Province"
    assert CHINA in objects(seed, HUBEI, "bkg:locatedIn")
    located = [e for e in seed.edges if e.subject == XIANGYANG and e.predicate == "bkg:locatedIn"]
    assert all(e.evidence is None for e in located)


def test_china_alt_labels(seed: Extraction) -> None:
    china = seed.nodes[CHINA]
    assert {"Tiongkok", "Republik Rakyat Tiongkok"} <= china.alt_labels
    assert china.props["bkg:isoCode"] == ["CN"]


def test_byd_in_xiangyang(seed: Extraction) -> None:
    assert seed.nodes["company/byd"].kind == "Company"
    assert XIANGYANG in objects(seed, "company/byd", "bkg:locatedIn")


def test_sister_city_proposed(seed: Extraction) -> None:
    agreements = [n for n in seed.nodes.values() if n.kind == "SisterCityAgreement"]
    assert len(agreements) == 1
    key = agreements[0].key
    assert set(objects(seed, key, "bkg:party")) == {BATAM, XIANGYANG}
    assert objects(seed, key, "bkg:status") == [IRI("bkg:Proposed")]
    assert not [e for e in seed.edges if e.predicate == "bkg:twinnedWith"]


def test_meeting(seed: Extraction) -> None:
    meetings = [n for n in seed.nodes.values() if n.kind == "Meeting"]
    assert len(meetings) == 1
    m = meetings[0]
    assert m.props["schema:startDate"] == [date(2025, 4, 21)]
    assert objects(seed, m.key, "bkg:place") == [BATAM]
    assert {ZHANG, AMSAKAR} <= set(objects(seed, m.key, "bkg:participant"))
    agreement = next(n.key for n in seed.nodes.values() if n.kind == "SisterCityAgreement")
    assert agreement in objects(seed, m.key, "bkg:concerns")


def test_invitation(seed: Extraction) -> None:
    (inv,) = [n for n in seed.nodes.values() if n.kind == "Invitation"]
    assert objects(seed, inv.key, "bkg:inviter") == ["post/mayor/xiangyang-1790587"]
    assert objects(seed, inv.key, "bkg:invitee") == [AMSAKAR]


def test_statements(seed: Extraction) -> None:
    statements = [n for n in seed.nodes.values() if n.kind == "Statement"]
    modes = {n.key: objects(seed, n.key, "bkg:speechMode") for n in statements}
    direct = [n for n in statements if modes[n.key] == [IRI("bkg:DirectSpeech")]]
    assert len(direct) == 2
    speakers = {str(objects(seed, n.key, "bkg:speaker")[0]) for n in statements}
    assert speakers == {ZHANG, AMSAKAR}
    # the rest is reported speech ("Zhang mengatakan, …")
    assert all(modes[n.key] == [IRI("bkg:IndirectSpeech")] for n in statements if n not in direct)
    for n in statements:
        (text,) = n.props["schema:text"]
        assert isinstance(text, LangText)
        assert text.lang == "id"


def test_konjen_zhang_is_zhang_min(seed: Extraction) -> None:
    people = {n.key for n in seed.nodes.values() if n.kind == "Person"}
    assert people == {ZHANG, AMSAKAR}
    assert "Zhang" in seed.nodes[ZHANG].alt_labels


def test_every_mentioned_node_and_text_edge_has_evidence(seed_article, seed: Extraction) -> None:  # type: ignore[no-untyped-def]
    text = seed_article.text
    for node in seed.nodes.values():
        for ev in node.evidence:
            assert text[ev.start : ev.end] == ev.sentence
            assert 0 <= ev.confidence <= 1
    for edge in seed.edges:
        if edge.evidence is not None:
            assert text[edge.evidence.start : edge.evidence.end] == edge.evidence.sentence
    text_edges = [e for e in seed.edges if e.predicate not in ("bkg:locatedIn",)]
    assert all(e.evidence is not None for e in text_edges)
