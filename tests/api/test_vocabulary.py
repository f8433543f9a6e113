"""GET /api/vocabulary: the ontology's display tables, and no second copy of them.

The expected values are read from ontology/bilateral.ttl here with rdflib and SPARQL,
independently of kg.graph.domain, so the endpoint, the Python tables and the ontology must
agree; and the Python and JavaScript sources must not hold their own copy.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal

from kg.analysis import bilateral, geo, snapshot, viewdata
from kg.graph import domain
from kg.graph.vocab import ONTOLOGY_FILE, sparql_prefixes

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "web"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def answer(client: TestClient) -> dict[str, Any]:
    response = client.get("/api/vocabulary")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    return body


def _select(graph: Graph, query: str) -> list[tuple[str, ...]]:
    return [tuple(str(v) for v in row) for row in graph.query(sparql_prefixes() + query)]  # type: ignore[union-attr]


def _labels(graph: Graph, iri: str, prop: str = "rdfs:label") -> dict[str, str]:
    rows = graph.query(sparql_prefixes() + f"SELECT ?l WHERE {{ <{iri}> {prop} ?l }}")
    return {str(r[0].language): str(r[0]) for r in rows if isinstance(r[0], Literal)}  # type: ignore[index]


def test_statuses_are_the_ontologys_in_order(answer: dict[str, Any], ontology: Graph) -> None:
    rows = _select(
        ontology,
        "SELECT ?s ?color WHERE { ?s a bkg:AgreementStatus ; bkg:displayOrder ?o ; "
        "bkg:displayColor ?color } ORDER BY ?o",
    )
    expected = [(iri.rsplit("#", 1)[1], color) for iri, color in rows]
    assert expected[0][0] == "Proposed"
    assert [(s["id"], s["color"]) for s in answer["statuses"]] == expected
    assert [s["order"] for s in answer["statuses"]] == list(range(len(expected)))
    assert list(domain.STATUSES) == [status for status, _ in expected]
    for status, (iri, _) in zip(answer["statuses"], rows, strict=True):
        assert status["labels"] == _labels(ontology, iri)
        assert set(status["labels"]) == {"en", "id"}


def test_categories_are_the_coloured_classes(answer: dict[str, Any], ontology: Graph) -> None:
    rows = _select(
        ontology,
        "SELECT ?c ?color ?shape WHERE { ?c a owl:Class ; bkg:displayOrder ?o ; "
        "bkg:displayColor ?color ; bkg:displayShape ?shape } ORDER BY ?o",
    )
    expected = [(c.rsplit("#", 1)[1].lower(), color, shape) for c, color, shape in rows]
    other = _select(
        ontology, "SELECT ?c ?s WHERE { owl:Thing bkg:displayColor ?c ; bkg:displayShape ?s }"
    )
    expected.append(("other", *other[0]))
    assert [(c["key"], c["color"], c["shape"]) for c in answer["categories"]] == expected
    assert {k: v for k, (v, _) in domain.CATEGORY_STYLE.items()} == {k: c for k, c, _ in expected}
    assert answer["classOf"]["GovernmentBody"] == "organization"
    assert answer["classOf"]["Place"] == "city"  # bkg:displayAs bkg:City
    assert "Role" not in answer["classOf"]


def test_relation_labels_are_the_ontologys(answer: dict[str, Any], ontology: Graph) -> None:
    relations = answer["relations"]
    bkg_properties = _select(
        ontology,
        "SELECT ?p WHERE { ?p a ?kind FILTER(?kind IN (owl:ObjectProperty, owl:DatatypeProperty)) "
        "FILTER(STRSTARTS(STR(?p), STR(bkg:))) }",
    )
    for (iri,) in bkg_properties:
        assert relations["bkg:" + iri.rsplit("#", 1)[1]] == _labels(ontology, iri)
    assert relations["bkg:twinnedWith"] == {"en": "twinned with", "id": "kota kembar dengan"}
    assert relations["org:holds"] == _labels(
        ontology, "http://www.w3.org/ns/org#holds", "bkg:displayLabel"
    )
    order = _select(
        ontology,
        "SELECT ?p WHERE { ?p bkg:displayOrder ?o FILTER(?p != owl:Thing) "
        "FILTER NOT EXISTS { ?p a owl:Class } FILTER NOT EXISTS { ?p a bkg:AgreementStatus } } "
        "ORDER BY ?o",
    )
    prefixes = {"http://www.w3.org/ns/org#": "org:", "http://www.w3.org/ns/prov#": "prov:"}
    prefixes["https://w3id.org/bilateral-kg/ontology#"] = "bkg:"
    curies = [
        next(c + iri.removeprefix(ns) for ns, c in prefixes.items() if iri.startswith(ns))
        for (iri,) in order
    ]
    assert answer["relationOrder"] == curies == list(domain.RELATIONS)
    assert len(curies) == 18
    assert set(answer["relationOrder"]) <= set(relations)


def test_classes_carry_the_ontology_labels(answer: dict[str, Any], ontology: Graph) -> None:
    sister = "https://w3id.org/bilateral-kg/ontology#SisterCityAgreement"
    assert answer["classes"]["SisterCityAgreement"] == _labels(ontology, sister)


def test_answer_is_cached_and_revalidated(client: TestClient) -> None:
    first = client.get("/api/vocabulary")
    etag = first.headers["etag"]
    assert first.headers["cache-control"] == "no-cache"
    again = client.get("/api/vocabulary", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""


# -- no second copy ---------------------------------------------------------------------

STATUS_COPY = re.compile(r"""["']Proposed["']\s*[:,]\s*(?:0|["']Signed["'])""")
#: A table of colours per status or per category, or a class-to-category table.
TABLE_COPY = re.compile(
    r"""\b(?:Proposed|Signed|Ended)["']?\s*:\s*["']#|key:\s*["']person["']|Person["']?\s*:\s*["']person"""
)


def _files(folder: Path, pattern: str) -> list[Path]:
    return sorted(p for p in folder.rglob(pattern) if "vendor" not in p.parts)


@pytest.mark.parametrize(
    "path", [*_files(ROOT / "kg", "*.py"), *_files(WEB / "js", "*.js")], ids=str
)
def test_no_source_keeps_its_own_status_list(path: Path) -> None:
    if path.name == "domain.py":
        return
    assert not STATUS_COPY.search(path.read_text(encoding="utf-8")), path


def test_the_javascript_reads_the_endpoint() -> None:
    loader = (WEB / "js" / "vocabulary.js").read_text(encoding="utf-8")
    assert 'fetch("/api/vocabulary"' in loader
    for name in ("types.js", "i18n.js"):
        assert 'from "./vocabulary.js"' in (WEB / "js" / name).read_text(encoding="utf-8")
    for path in _files(WEB / "js", "*.js"):
        assert not TABLE_COPY.search(path.read_text(encoding="utf-8")), path


def test_python_views_use_the_ontology_tables() -> None:
    assert snapshot.CATEGORY_STYLE is domain.CATEGORY_STYLE
    assert bilateral.STATUSES is domain.STATUSES
    assert geo.STATUS_ORDER is viewdata.STATUS_ORDER is domain.STATUS_ORDER


def test_the_i18n_files_leave_ontology_words_to_the_ontology() -> None:
    for lang in ("en", "id"):
        keys = json.loads((WEB / "i18n" / f"{lang}.json").read_text(encoding="utf-8"))
        assert [k for k in keys if k.startswith(("rel.", "class.", "status.", "type."))] == []
