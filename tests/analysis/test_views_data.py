"""The data of the map, timeline and landing views, on the bundled articles: in Python and
through the REST routes (``/api/map``, ``/api/timeline``, ``/api/summary``,
``/api/overview/network``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kg.analysis.geo import coordinates, status_as_of
from kg.analysis.viewdata import landing_data, map_data, timeline_data
from kg.api.app import create_app
from kg.config import Settings
from kg.errors import InvalidParameterError, NotFoundError
from kg.knowledge import KnowledgeGraph
from kg.resolve.gazetteer import gazetteer

ARTICLES = Path(__file__).resolve().parents[2] / "data" / "articles"


@pytest.fixture(scope="module")
def kg() -> Iterator[KnowledgeGraph]:
    with KnowledgeGraph.open("memory:") as knowledge:
        summary = knowledge.ingest([ARTICLES], workers=1)
        assert summary.ok, str(summary)
        yield knowledge


@pytest.fixture(scope="module")
def client(kg: KnowledgeGraph) -> TestClient:
    return TestClient(create_app(Settings(store="memory:"), kg), raise_server_exceptions=False)


@pytest.mark.parametrize(
    ("key", "lat", "lon"),
    [
        pytest.param("city/batam-6295587", 1.15, 104.02, id="Batam"),
        pytest.param("city/medan-1214520", 3.58, 98.67, id="Medan"),
        pytest.param("city/xiangyang-1790587", 32.04, 112.14, id="Xiangyang"),
        pytest.param("country/id", -6.21, 106.85, id="Indonesia at Jakarta"),
        pytest.param("country/cn", 39.91, 116.40, id="China at Beijing"),
    ],
)
def test_places_sit_at_their_geonames_points(key: str, lat: float, lon: float) -> None:
    point = coordinates(key)
    assert point is not None
    assert point[0] == pytest.approx(lat, abs=0.05)
    assert point[1] == pytest.approx(lon, abs=0.05)


def test_a_province_sits_among_its_cities() -> None:
    point = coordinates("province/id-jt")  # Central Java
    assert point is not None
    cities = [c for c in gazetteer().places("City") if c.province == "ID-JT"]
    lats = [coordinates(c.key)[0] for c in cities if coordinates(c.key)]  # type: ignore[index]
    lons = [coordinates(c.key)[1] for c in cities if coordinates(c.key)]  # type: ignore[index]
    assert min(lats) <= point[0] <= max(lats)
    assert min(lons) <= point[1] <= max(lons)


def test_status_as_of_moves_forward_only() -> None:
    history = [
        {"status": "Proposed", "date": "2024-06-12"},
        {"status": "Signed", "date": "2025-04-10"},
    ]
    assert status_as_of(history, "2024-12-31") == "Proposed"
    assert status_as_of(history, "2025-04-10") == "Signed"
    assert status_as_of(history, "2024-01-01") is None


def test_map_draws_agreement_arcs_between_their_party_cities(kg: KnowledgeGraph) -> None:
    layers = map_data(kg)
    by_label = {a["label"]: a for a in layers["agreements"]}
    batam_xiangyang = by_label["Sister city agreement Batam–Xiangyang"]
    assert batam_xiangyang["status"] == "Proposed"
    assert batam_xiangyang["arcs"] == [["city/batam-6295587", "city/xiangyang-1790587"]]
    assert by_label["Sister city agreement Busan–Surabaya"]["status"] == "Signed"
    places = {p["id"]: p for p in layers["places"]}
    assert places["city/batam-6295587"]["iso"] == "ID"
    assert places["city/xiangyang-1790587"]["country"] == "country/cn"
    # Every arc end is a drawn place with a point.
    for agreement in layers["agreements"]:
        for end in (end for arc in agreement["arcs"] for end in arc):
            assert {"lat", "lon"} <= set(places[end])


def test_map_links_posts_from_the_sending_country_to_their_seat(kg: KnowledgeGraph) -> None:
    posts = {p["label"]: p for p in map_data(kg, layers=["posts"])["posts"]}
    medan = posts["Consul General of China in Medan"]
    assert (medan["from"], medan["to"], medan["role"]) == (
        "country/cn",
        "city/medan-1214520",
        "ConsulGeneral",
    )
    assert "Zhang Min" in [h["label"] for h in medan["holders"]]


def test_map_filters_by_pair_layer_and_period(kg: KnowledgeGraph) -> None:
    everything = map_data(kg)
    pair = map_data(kg, a="ID", b="CN")
    assert 0 < len(pair["agreements"]) < len(everything["agreements"])
    countries = {p["id"]: p["country"] for p in pair["places"]}
    for agreement in pair["agreements"]:
        assert {countries[p] for p in agreement["parties"]} >= {"country/id", "country/cn"}
    only_events = map_data(kg, layers=["events"], since="2025-01-01", until="2025-06-30")
    assert only_events["agreements"] == []
    assert only_events["posts"] == []
    assert only_events["events"]
    assert all("2025-01-01" <= e["date"] <= "2025-06-30" for e in only_events["events"])
    # An agreement first stated after the period is not on the map yet; its status is
    # the one stated by the end of the period.
    early = map_data(kg, layers=["agreements"], until="2024-12-31")
    labels = {a["label"]: a["status"] for a in early["agreements"]}
    assert "Sister city agreement Batam–Xiangyang" not in labels
    assert labels["Memorandum of understanding Changwon–Makassar"] == "Proposed"
    late = {a["label"]: a["status"] for a in map_data(kg, layers=["agreements"])["agreements"]}
    assert late["Memorandum of understanding Changwon–Makassar"] == "Signed"


def test_map_rejects_bad_filters(kg: KnowledgeGraph) -> None:
    with pytest.raises(InvalidParameterError, match="unknown map layer 'roads'"):
        map_data(kg, layers=["roads"])
    with pytest.raises(NotFoundError, match="'ZZ'"):
        map_data(kg, a="ID", b="ZZ")
    with pytest.raises(InvalidParameterError, match="both a and b"):
        map_data(kg, a="ID")
    with pytest.raises(InvalidParameterError, match="since must be a date"):
        map_data(kg, since="last week")


def test_timeline_orders_events_and_status_changes(kg: KnowledgeGraph) -> None:
    items = timeline_data(kg)["items"]
    dates = [i["date"] for i in items]
    assert dates == sorted(dates)
    changwon = [
        (i["date"], i["status"])
        for i in items
        if i["kind"] == "status" and i["label"] == "Memorandum of understanding Changwon–Makassar"
    ]
    assert changwon == [("2024-06-12", "Proposed"), ("2025-04-10", "Signed")]


def test_timeline_of_an_entity_and_of_a_pair(kg: KnowledgeGraph) -> None:
    zhang = timeline_data(kg, entity="Zhang Min")
    assert zhang["entity"]["id"] == "person/zhang-min"
    assert [i["place"]["label"] for i in zhang["items"] if i["kind"] == "event"][:1] == ["Batam"]
    pair = timeline_data(kg, a="ID", b="CN")["items"]
    everything = timeline_data(kg)["items"]
    assert 0 < len(pair) < len(everything)
    assert any(i.get("label") == "Sister city agreement Batam–Xiangyang" for i in pair)
    assert not any("Busan" in i["label"] for i in pair)
    period = timeline_data(kg, since="2025-01-01", until="2025-03-31")["items"]
    assert period
    assert all("2025-01-01" <= i["date"] <= "2025-03-31" for i in period)


def test_landing_counts_ties_by_country_pair(kg: KnowledgeGraph) -> None:
    page = landing_data(kg)
    assert page["totals"]["articles"] == len(
        [p for p in ARTICLES.iterdir() if p.suffix in (".txt", ".md", ".html")]
    )
    top = page["pairs"][0]
    # Every bundled story is about Indonesia and a partner: the busiest pair includes it.
    assert "ID" in {top["a"]["iso"], top["b"]["iso"]}
    assert top["total"] == sum(
        top[k] for k in ("agreements", "meetings", "visits", "other_events", "posts")
    )
    assert [p["total"] for p in page["pairs"]] == sorted(
        (p["total"] for p in page["pairs"]), reverse=True
    )
    latest = [e["date"] for e in page["latest_events"]]
    assert latest == sorted(latest, reverse=True)
    cited = [p["articles"] for p in page["people"]]
    assert cited == sorted(cited, reverse=True)
    assert cited[0] >= 2


def test_routes(client: TestClient) -> None:
    layers = client.get("/api/map", params={"a": "id", "b": "cn", "layers": "agreements,events"})
    assert layers.status_code == 200, layers.text
    assert layers.json()["posts"] == []
    assert layers.json()["agreements"]
    assert client.get("/api/map", params={"layers": "roads"}).status_code == 422
    assert client.get("/api/map", params={"since": "soon"}).status_code == 422
    timeline = client.get("/api/timeline", params={"entity": "person/zhang-min"})
    assert timeline.status_code == 200
    assert timeline.json()["items"]
    assert client.get("/api/timeline", params={"entity": "nobody at all"}).status_code == 404
    summary = client.get("/api/summary", params={"top": 3}).json()
    assert len(summary["people"]) == 3
    assert summary["pairs"]
    network = client.get("/api/overview/network", params={"limit": 400}).json()
    assert len(network["nodes"]) == 400
    assert client.get("/api/overview/network", params={"limit": 50_000}).status_code == 422
