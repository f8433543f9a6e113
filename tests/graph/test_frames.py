"""``to_pandas()`` on query results: one typed column per variable.

Typed values are checked on a real store (the seed article) and on literals of every
datatype the converter knows, put in with a VALUES block.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from kg.graph.results import GraphResult, Solutions
from kg.knowledge import KnowledgeGraph, Rows

VALUES = """
SELECT ?i ?f ?b ?d ?t ?s ?iri ?mixed WHERE {
  VALUES (?i ?f ?b ?d ?t ?s ?iri ?mixed) {
    (3 2.5 true "2025-04-21"^^xsd:date "2025-04-21T09:30:00"^^xsd:dateTime "Batam"@id
     <https://w3id.org/bilateral-kg/id/city/batam> 1)
    (UNDEF 1.0e3 false "2024-12-31"^^xsd:date UNDEF "Medan" UNDEF "one")
  }
}"""


def test_each_datatype_gets_its_dtype(seed_kg: KnowledgeGraph) -> None:
    rows = seed_kg.query(VALUES)
    assert isinstance(rows, Rows)
    frame = rows.to_pandas()
    assert list(frame.columns) == ["i", "f", "b", "d", "t", "s", "iri", "mixed"]
    assert {c: str(t) for c, t in frame.dtypes.items()} == {
        "i": "Int64",
        "f": "Float64",
        "b": "boolean",
        "d": "datetime64[ns]",
        "t": "datetime64[ns]",
        "s": "string",
        "iri": "string",
        "mixed": "object",
    }
    assert frame["i"].tolist() == [3, pd.NA]
    assert frame["f"].tolist() == [2.5, 1000.0]
    assert frame["b"].tolist() == [True, False]
    assert frame["d"].dt.date.tolist() == [dt.date(2025, 4, 21), dt.date(2024, 12, 31)]
    assert frame["t"].iloc[0] == pd.Timestamp("2025-04-21 09:30:00")
    assert pd.isna(frame["t"].iloc[1])
    assert frame["iri"].iloc[0] == "https://w3id.org/bilateral-kg/id/city/batam"
    assert pd.isna(frame["iri"].iloc[1])
    assert frame["mixed"].tolist() == [1, "one"]


def test_time_zones_give_utc_timestamps(seed_kg: KnowledgeGraph) -> None:
    rows = seed_kg.query(
        'SELECT ?t WHERE { VALUES ?t { "2025-04-21T09:30:00+07:00"^^xsd:dateTime '
        '"2025-04-21T00:00:00Z"^^xsd:dateTime } } ORDER BY ?t'
    )
    assert isinstance(rows, Rows)
    column = rows.to_pandas()["t"]
    assert str(column.dt.tz) == "UTC"
    assert column.tolist() == [
        pd.Timestamp("2025-04-21 00:00:00", tz="UTC"),
        pd.Timestamp("2025-04-21 02:30:00", tz="UTC"),
    ]


def test_a_competency_query_as_a_frame(seed_kg: KnowledgeGraph) -> None:
    rows = seed_kg.query(
        """SELECT ?agreement ?date (COUNT(DISTINCT ?party) AS ?parties) WHERE {
             ?a a bkg:SisterCityAgreement ; rdfs:label ?agreement ; bkg:party ?party .
             OPTIONAL { ?a schema:startDate ?date }
           } GROUP BY ?agreement ?date"""
    )
    assert isinstance(rows, Rows)
    frame = rows.to_pandas()
    assert len(frame) == len(rows) >= 1
    assert str(frame["parties"].dtype) == "Int64"
    assert (frame["parties"] >= 2).all()
    assert frame["agreement"].tolist() == [row["agreement"] for row in rows]


def test_no_rows_keeps_the_columns(seed_kg: KnowledgeGraph) -> None:
    rows = seed_kg.query("SELECT ?x ?y WHERE { ?x bkg:noSuchProperty ?y }")
    assert isinstance(rows, Rows)
    frame = rows.to_pandas()
    assert list(frame.columns) == ["x", "y"]
    assert frame.empty


def test_rows_changed_by_hand_are_framed_as_they_are(seed_kg: KnowledgeGraph) -> None:
    rows = seed_kg.query("SELECT ?n WHERE { VALUES ?n { 1 2 3 } }")
    assert isinstance(rows, Rows)
    del rows[0]
    assert rows.to_pandas()["n"].tolist() == [2, 3]
    assert rows.to_dataframe()["n"].tolist() == [2, 3]


def test_sparql_and_graph_results_too(seed_kg: KnowledgeGraph) -> None:
    solutions = seed_kg.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert isinstance(solutions, Solutions)
    assert solutions.to_pandas()["n"].iloc[0] > 0
    graph = seed_kg.query("CONSTRUCT { ?c rdfs:label ?l } WHERE { ?c a bkg:City ; rdfs:label ?l }")
    assert isinstance(graph, GraphResult)
    frame = graph.to_pandas()
    assert list(frame.columns) == ["subject", "predicate", "object"]
    assert "Batam" in set(frame["object"])
    assert str(frame["subject"].dtype) == "string"


@pytest.mark.parametrize(
    ("literal", "expected"),
    [
        pytest.param('"7"^^xsd:nonNegativeInteger', "Int64", id="integer-kin"),
        pytest.param('"7.5"^^xsd:double', "Float64", id="double"),
        pytest.param('"2025"^^xsd:gYear', "object", id="gyear-kept"),
        pytest.param("_:b", "object", id="blank"),
    ],
)
def test_other_datatypes(seed_kg: KnowledgeGraph, literal: str, expected: str) -> None:
    query = (
        "SELECT ?v WHERE { BIND(BNODE() AS ?v) }"
        if literal == "_:b"
        else f"SELECT ?v WHERE {{ VALUES ?v {{ {literal} }} }}"
    )
    rows = seed_kg.query(query)
    assert isinstance(rows, Rows)
    assert str(rows.to_pandas()["v"].dtype) == expected
