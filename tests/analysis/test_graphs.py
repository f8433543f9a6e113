"""Neighbourhoods, paths, centrality and communities on tiny graphs checked by hand.

The graph (arrows as stored; articles and provenance dashed)::

    person/a --org:holds--> post/m --bkg:jurisdiction--> city/x --bkg:locatedIn--> country/i
    event/e --bkg:participant--> person/a
    event/e --bkg:participant--> person/b
    person/b --org:holds--> post/c --bkg:basedIn--> city/x
    person/a - - prov:wasDerivedFrom - -> article/1 <- - - person/b
"""

from __future__ import annotations

import networkx as nx
import pytest

from kg.analysis.centrality import centrality, pagerank
from kg.analysis.communities import communities
from kg.analysis.neighbors import neighborhood
from kg.analysis.nodes import fact_graph
from kg.analysis.paths import k_shortest_paths
from kg.analysis.projection import project_rows
from kg.errors import InvalidParameterError, NotFoundError


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    return project_rows(
        nodes=[
            ("person/a", "Person", "A", "", None),
            ("person/b", "Person", "B", "", None),
            ("post/m", "Post", "Mayor of X", "en", None),
            ("post/c", "Post", "Consul in X", "en", None),
            ("city/x", "City", "X", "", None),
            ("country/i", "Country", "I", "", None),
            ("event/e", "Meeting", "Meeting in X", "en", "2025-04-21"),
            ("article/1", "Article", "News", "", "2025-04-22"),
        ],
        edges=[
            ("person/a", "org:holds", "post/m", 3),
            ("post/m", "bkg:jurisdiction", "city/x", 1),
            ("city/x", "bkg:locatedIn", "country/i", 1),
            ("event/e", "bkg:participant", "person/a", 2),
            ("event/e", "bkg:participant", "person/b", 1),
            ("person/b", "org:holds", "post/c", 1),
            ("post/c", "bkg:basedIn", "city/x", 1),
            ("person/a", "prov:wasDerivedFrom", "article/1", 1),
            ("person/b", "prov:wasDerivedFrom", "article/1", 1),
        ],
    )


def ids(found: dict[str, object]) -> set[str]:
    return {n["id"] for n in found["nodes"]}  # type: ignore[index, union-attr]


def test_fact_graph_drops_articles_and_provenance(graph: nx.MultiDiGraph) -> None:
    facts = fact_graph(graph)
    assert "article/1" not in facts
    assert facts.number_of_edges() == 7
    assert facts["person/a"]["post/m"]["weight"] == 3
    assert facts["person/a"]["post/m"]["relations"] == [("person/a", "org:holds", "post/m", 3)]


def test_neighbors_depth_one_both_directions(graph: nx.MultiDiGraph) -> None:
    found = neighborhood(graph, "person/a")
    assert ids(found) == {"person/a", "post/m", "event/e"}
    assert {e["id"] for e in found["edges"]} == {
        "person/a|org:holds|post/m",
        "event/e|bkg:participant|person/a",
    }
    # the heaviest edge is followed first
    assert [n["id"] for n in found["nodes"]] == ["person/a", "post/m", "event/e"]
    assert found["nodes"][2]["date"] == "2025-04-21"


def test_neighbors_depth_two(graph: nx.MultiDiGraph) -> None:
    assert ids(neighborhood(graph, "person/a", depth=2)) == {
        "person/a",
        "post/m",
        "event/e",
        "city/x",
        "person/b",
    }


def test_neighbors_articles_only_when_asked(graph: nx.MultiDiGraph) -> None:
    assert "article/1" in ids(neighborhood(graph, "person/a", types=["Person", "Article"]))
    assert ids(neighborhood(graph, "article/1")) == {"article/1", "person/a", "person/b"}


def test_neighbors_filters(graph: nx.MultiDiGraph) -> None:
    assert ids(neighborhood(graph, "city/x", depth=3, relations=["org:holds", "bkg:basedIn"])) == {
        "city/x",
        "post/c",
        "person/b",
    }
    assert ids(neighborhood(graph, "person/a", until="2025-04-20")) == {"person/a", "post/m"}
    # the centre stays even when its own type is filtered out
    assert ids(neighborhood(graph, "person/a", types=["Post"])) == {"person/a", "post/m"}


def test_neighbors_limit_truncates(graph: nx.MultiDiGraph) -> None:
    found = neighborhood(graph, "city/x", limit=2)
    assert len(found["nodes"]) == 2
    assert found["truncated"] is True


@pytest.mark.parametrize("kwargs", [{"depth": 0}, {"depth": 9}, {"limit": 0}])
def test_neighbors_bad_parameters(graph: nx.MultiDiGraph, kwargs: dict[str, int]) -> None:
    with pytest.raises(InvalidParameterError):
        neighborhood(graph, "person/a", **kwargs)  # type: ignore[arg-type]


def test_neighbors_unknown_node(graph: nx.MultiDiGraph) -> None:
    with pytest.raises(NotFoundError):
        neighborhood(graph, "person/z")


def test_paths_go_through_facts_not_articles(graph: nx.MultiDiGraph) -> None:
    found = k_shortest_paths(graph, "person/a", "person/b", k=5)
    assert [p["nodes"] for p in found] == [
        ["person/a", "event/e", "person/b"],
        ["person/a", "post/m", "city/x", "post/c", "person/b"],
    ]
    assert found[1]["edges"] == [
        {"source": "person/a", "target": "post/m", "relation": "org:holds"},
        {"source": "post/m", "target": "city/x", "relation": "bkg:jurisdiction"},
        {"source": "post/c", "target": "city/x", "relation": "bkg:basedIn"},
        {"source": "person/b", "target": "post/c", "relation": "org:holds"},
    ]
    assert [p["length"] for p in found] == [2, 4]


def test_paths_max_hops(graph: nx.MultiDiGraph) -> None:
    assert len(k_shortest_paths(graph, "person/a", "person/b", max_hops=3)) == 1
    with pytest.raises(NotFoundError):
        k_shortest_paths(graph, "person/a", "country/i", max_hops=2)


def test_paths_between_disconnected_nodes(graph: nx.MultiDiGraph) -> None:
    graph.add_node("person/z", type="Person", label="Z", labels={})
    with pytest.raises(NotFoundError):
        k_shortest_paths(graph, "person/a", "person/z")


@pytest.mark.parametrize("kwargs", [{"k": 0}, {"max_hops": 0}, {"max_hops": 99}])
def test_paths_bad_parameters(graph: nx.MultiDiGraph, kwargs: dict[str, int]) -> None:
    with pytest.raises(InvalidParameterError):
        k_shortest_paths(graph, "person/a", "person/b", **kwargs)  # type: ignore[arg-type]


def test_degree_centrality_by_hand(graph: nx.MultiDiGraph) -> None:
    # city/x touches post/m, country/i and post/c: 3 of the 6 other fact nodes
    ranked = centrality(fact_graph(graph), "degree", top=1)
    assert ranked == [("city/x", 0.5)]


def test_betweenness_by_hand() -> None:
    # a path a-b-c: b lies on the only shortest path between a and c (normalised: 1.0)
    assert centrality(nx.Graph([("a", "b"), ("b", "c")]), "betweenness") == [
        ("b", 1.0),
        ("a", 0.0),
        ("c", 0.0),
    ]


def test_pagerank_matches_networkx_on_a_weighted_graph() -> None:
    graph = nx.Graph()
    graph.add_weighted_edges_from([("a", "b", 3), ("b", "c", 1), ("c", "a", 1), ("c", "d", 2)])
    graph.add_node("alone")
    ours = pagerank(graph)
    assert sum(ours.values()) == pytest.approx(1.0)
    # networkx's pure-Python reference (no SciPy needed)
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

    theirs = _pagerank_python(graph, weight="weight")
    assert ours == pytest.approx(theirs, abs=1e-6)


def test_centrality_filter_and_errors(graph: nx.MultiDiGraph) -> None:
    facts = fact_graph(graph)
    people = centrality(facts, "pagerank", accept=lambda n: n.startswith("person/"))
    assert {n for n, _ in people} == {"person/a", "person/b"}
    with pytest.raises(InvalidParameterError):
        centrality(facts, "closeness")
    assert centrality(nx.Graph(), "degree") == []


def test_communities_by_hand() -> None:
    # two triangles joined by one bridge split at the bridge; the isolated node is dropped
    graph = nx.Graph(
        [("a", "b"), ("b", "c"), ("c", "a"), ("x", "y"), ("y", "z"), ("z", "x"), ("c", "x")]
    )
    graph.add_node("alone")
    assert communities(graph) == [["a", "b", "c"], ["x", "y", "z"]]
    assert communities(nx.Graph()) == []
