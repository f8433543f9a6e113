"""Bound values are RDF terms: nothing a caller passes can change the shape of a query."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef

from kg.errors import InvalidParameterError
from kg.graph.bindings import to_term, with_bindings

XSD = "http://www.w3.org/2001/XMLSchema#"
STORE = ox.Store()
STORE.add(ox.Quad(ox.NamedNode("http://ex/a"), ox.NamedNode("http://ex/p"), ox.Literal("secret")))
ECHO = "SELECT ?v WHERE { }"  # the trailing VALUES clause binds ?v

HOSTILE = [
    'x" } UNION { ?s ?p ?x } #',
    "x' } ; DROP ALL ; #",
    '"""\n} UNION { ?s ?p ?x }',
    '\\" } UNION { ?s ?p ?x } \\',
    "\u0000\r\n\t}",
    ')} VALUES (?v) { ("y") }',
]


def echo(value: Any) -> list[Any]:
    rows = STORE.query(with_bindings(ECHO, v=value))
    return [row["v"] for row in rows]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "value", [pytest.param(v, id=f"hostile-{i}") for i, v in enumerate(HOSTILE)]
)
def test_hostile_strings_stay_one_literal(value: str) -> None:
    assert echo(value) == [ox.Literal(value)]


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_string_is_one_literal(value: str) -> None:
    assert echo(value) == [ox.Literal(value)]


@settings(max_examples=50, deadline=None)
@given(st.text(min_size=1), st.sampled_from(["id", "en", "zh-Hans"]))
def test_any_language_string_is_one_literal(value: str, lang: str) -> None:
    assert echo(Literal(value, lang=lang)) == [ox.Literal(value, language=lang)]


@pytest.mark.parametrize(
    ("value", "term"),
    [
        pytest.param(3, ox.Literal("3", datatype=ox.NamedNode(XSD + "integer")), id="int"),
        pytest.param(False, ox.Literal("false", datatype=ox.NamedNode(XSD + "boolean")), id="bool"),
        pytest.param(0.5, ox.Literal("0.5", datatype=ox.NamedNode(XSD + "double")), id="float"),
        pytest.param(
            date(2025, 4, 21),
            ox.Literal("2025-04-21", datatype=ox.NamedNode(XSD + "date")),
            id="date",
        ),
        pytest.param(
            datetime(2025, 4, 21, 9, 30),
            ox.Literal("2025-04-21T09:30:00", datatype=ox.NamedNode(XSD + "dateTime")),
            id="datetime",
        ),
        pytest.param(URIRef("http://ex/a"), ox.NamedNode("http://ex/a"), id="uriref"),
        pytest.param(
            Literal(5), ox.Literal("5", datatype=ox.NamedNode(XSD + "integer")), id="rdflib-typed"
        ),
        pytest.param(ox.NamedNode("http://ex/b"), ox.NamedNode("http://ex/b"), id="named-node"),
    ],
)
def test_python_values(value: Any, term: ox.NamedNode | ox.Literal) -> None:
    assert to_term(value) == term
    assert echo(value) == [term]


def test_a_bound_iri_selects_only_its_subject() -> None:
    query = "SELECT ?o WHERE { ?s ?p ?o }"
    assert [r["o"].value for r in STORE.query(with_bindings(query, s=URIRef("http://ex/a")))] == [  # type: ignore[union-attr]
        "secret"
    ]
    assert list(STORE.query(with_bindings(query, s=URIRef("http://ex/other")))) == []


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(URIRef("http://ex/a> } UNION { ?s ?p ?o } <http://ex/b"), id="iri-breakout"),
        pytest.param(URIRef("http://ex/a b"), id="iri-space"),
        pytest.param(object(), id="object"),
        pytest.param(b"bytes", id="bytes"),
    ],
)
def test_unbindable_values_are_refused(value: Any) -> None:
    with pytest.raises(InvalidParameterError):
        with_bindings(ECHO, v=value)


@pytest.mark.parametrize("name", ["x y", "x}", "1x", "", "x) } UNION { ("])
def test_variable_names_are_checked(name: str) -> None:
    with pytest.raises(InvalidParameterError, match="not a SPARQL variable name"):
        with_bindings(ECHO, **{name: "v"})


def test_no_bindings_leaves_the_query_alone() -> None:
    assert with_bindings(ECHO) == ECHO


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param(
            "SELECT ?o WHERE { GRAPH ?g { ?n ?p ?o } }",
            "SELECT ?o WHERE { GRAPH ?g { <urn:x> ?p ?o } }",
            id="in-a-graph-pattern",
        ),
        pytest.param(
            'SELECT ?o WHERE { ?n ?p ?o FILTER(?o != "?n") } # ?n',
            'SELECT ?o WHERE { <urn:x> ?p ?o FILTER(?o != "?n") } # ?n',
            id="not-in-strings-or-comments",
        ),
        pytest.param(
            "SELECT ?o WHERE { ?n ?p ?o . ?name ?p ?o }",
            "SELECT ?o WHERE { <urn:x> ?p ?o . ?name ?p ?o }",
            id="whole-names-only",
        ),
    ],
)
def test_a_bound_iri_is_written_in_place(query: str, expected: str) -> None:
    assert with_bindings(query, n=ox.NamedNode("urn:x")) == expected


@pytest.mark.parametrize(
    "query",
    [
        pytest.param("SELECT ?n ?o WHERE { ?n ?p ?o }", id="projected"),
        pytest.param("SELECT ?o WHERE { ?s ?p ?o BIND(?s AS ?n) }", id="assigned"),
        pytest.param("SELECT ?o WHERE { { SELECT ?o WHERE { ?n ?p ?o } } }", id="sub-query"),
        pytest.param("CONSTRUCT { ?n ?p ?o } WHERE { ?n ?p ?o }", id="template"),
    ],
)
def test_a_bound_iri_goes_in_values_where_writing_it_would_change_the_meaning(
    query: str,
) -> None:
    bound = with_bindings(query, n=ox.NamedNode("urn:x"))
    assert "VALUES (?n) { (<urn:x>) }" in bound
    assert bound.replace(" VALUES (?n) { (<urn:x>) }", "") == query


def test_written_in_place_or_bound_the_answers_agree() -> None:
    store = ox.Store()
    store.update("INSERT DATA { <urn:x> <urn:p> 1 , 2 . <urn:y> <urn:p> 3 }")
    query = "SELECT ?o WHERE { ?n <urn:p> ?o } ORDER BY ?o"
    inline = with_bindings(query, n=ox.NamedNode("urn:x"))
    values = "SELECT ?o WHERE { VALUES ?n { <urn:x> } ?n <urn:p> ?o } ORDER BY ?o"
    assert "<urn:x> <urn:p>" in inline
    assert [r["o"] for r in store.query(inline)] == [r["o"] for r in store.query(values)]
