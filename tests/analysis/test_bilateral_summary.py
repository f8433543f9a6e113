"""Bilateral summaries on a hand-made graph.

Indonesia (ID) and China (CN): Batam (ID) and Xiangyang (CN) propose a sister-city
agreement; Medan (ID) hosts China's consul general Zhang, who meets Batam's mayor
Amsakar in Batam; BYD sits in Xiangyang. Japan (JP) and Tokyo are noise.
"""

from __future__ import annotations

import networkx as nx
import pytest

from kg.analysis.bilateral import summarize
from kg.analysis.projection import project_rows
from kg.errors import NotFoundError


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    nodes = [
        ("country/id", "Country", "Indonesia"),
        ("country/cn", "Country", "China"),
        ("country/jp", "Country", "Japan"),
        ("province/cn-hb", "Province", "Hubei"),
        ("city/batam", "City", "Batam"),
        ("city/medan", "City", "Medan"),
        ("city/xiangyang", "City", "Xiangyang"),
        ("city/tokyo", "City", "Tokyo"),
        ("post/cg", "Post", "Consul General of China in Medan"),
        ("post/mayor-batam", "Post", "Mayor of Batam"),
        ("post/mayor-tokyo", "Post", "Governor of Tokyo"),
        ("person/zhang", "Person", "Zhang Min"),
        ("person/amsakar", "Person", "Amsakar Achmad"),
        ("person/koike", "Person", "Koike"),
        ("agreement/sc", "SisterCityAgreement", "Batam–Xiangyang"),
        ("agreement/tokyo", "SisterCityAgreement", "Batam–Tokyo"),
        ("event/meet", "Meeting", "Meeting in Batam"),
        ("event/later", "Visit", "Visit to Xiangyang"),
        ("company/byd", "Company", "BYD"),
    ]
    dates = {"event/meet": "2025-04-21", "event/later": "2025-06-01"}
    edges = [
        ("province/cn-hb", "bkg:locatedIn", "country/cn"),
        ("city/xiangyang", "bkg:locatedIn", "province/cn-hb"),
        ("city/batam", "bkg:locatedIn", "country/id"),
        ("city/medan", "bkg:locatedIn", "country/id"),
        ("city/tokyo", "bkg:locatedIn", "country/jp"),
        ("post/cg", "bkg:represents", "country/cn"),
        ("post/cg", "bkg:basedIn", "city/medan"),
        ("post/mayor-batam", "bkg:jurisdiction", "city/batam"),
        ("post/mayor-tokyo", "bkg:jurisdiction", "city/tokyo"),
        ("person/zhang", "org:holds", "post/cg"),
        ("person/amsakar", "org:holds", "post/mayor-batam"),
        ("person/koike", "org:holds", "post/mayor-tokyo"),
        ("agreement/sc", "bkg:party", "city/batam"),
        ("agreement/sc", "bkg:party", "city/xiangyang"),
        ("agreement/tokyo", "bkg:party", "city/batam"),
        ("agreement/tokyo", "bkg:party", "city/tokyo"),
        ("event/meet", "bkg:participant", "person/zhang"),
        ("event/meet", "bkg:participant", "person/amsakar"),
        ("event/meet", "bkg:place", "city/batam"),
        ("event/meet", "bkg:concerns", "agreement/sc"),
        ("event/later", "bkg:participant", "person/amsakar"),
        ("event/later", "bkg:place", "city/xiangyang"),
        ("company/byd", "bkg:locatedIn", "city/xiangyang"),
    ]
    return project_rows(
        nodes=[(n, t, label, "", dates.get(n)) for n, t, label in nodes],
        edges=[(s, p, o, 1) for s, p, o in edges],
    )


def test_summary(graph: nx.MultiDiGraph) -> None:
    found = summarize(
        graph,
        "country/id",
        "country/cn",
        statuses={"agreement/sc": "Proposed", "agreement/tokyo": "Signed"},
        roles={"post/cg": "ConsulGeneral", "post/mayor-batam": "Mayor"},
        iso={"country/id": "ID", "country/cn": "CN"},
    )
    assert (found["a"]["iso"], found["b"]["iso"]) == ("ID", "CN")
    assert [(p["a"]["id"], p["b"]["id"]) for p in found["city_pairs"]] == [
        ("city/batam", "city/xiangyang")
    ]
    assert [a["id"] for a in found["agreements"]["Proposed"]] == ["agreement/sc"]
    assert found["agreements"]["Signed"] == []  # Batam–Tokyo is not Indonesia–China
    [agreement] = found["agreements"]["Proposed"]
    assert {p["id"] for p in agreement["parties"]} == {"city/batam", "city/xiangyang"}
    assert agreement["evidence_count"] == 2
    assert [e["id"] for e in found["events"]] == ["event/meet", "event/later"]
    assert found["events"][0]["place"]["id"] == "city/batam"
    assert {p["id"] for p in found["events"][0]["participants"]} == {
        "person/zhang",
        "person/amsakar",
    }
    posts = {p["post"]["id"]: (p["role"], p["holder"]["id"], p["side"]) for p in found["posts"]}
    assert posts == {
        "post/cg": ("ConsulGeneral", "person/zhang", "b"),
        "post/mayor-batam": ("Mayor", "person/amsakar", "a"),
    }
    assert [(p["id"], p["side"]) for p in found["people"]] == [
        ("person/amsakar", "a"),
        ("person/zhang", "b"),
    ]
    assert [(c["id"], c["located_in"]["id"]) for c in found["companies"]] == [
        ("company/byd", "city/xiangyang")
    ]


def test_the_other_way_round_swaps_sides(graph: nx.MultiDiGraph) -> None:
    found = summarize(graph, "country/cn", "country/id")
    assert [(p["a"]["id"], p["b"]["id"]) for p in found["city_pairs"]] == [
        ("city/xiangyang", "city/batam")
    ]
    assert {p["id"]: p["side"] for p in found["people"]} == {
        "person/zhang": "a",
        "person/amsakar": "b",
    }


def test_no_ties(graph: nx.MultiDiGraph) -> None:
    found = summarize(graph, "country/cn", "country/jp")
    assert found["city_pairs"] == []
    assert found["events"] == []
    assert all(not v for v in found["agreements"].values())


def test_unknown_country(graph: nx.MultiDiGraph) -> None:
    with pytest.raises(NotFoundError):
        summarize(graph, "country/id", "country/zz")
