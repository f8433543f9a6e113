"""Result serialisations: exactly the SPARQL 1.1 results formats, checked against Oxigraph's own."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest

from kg.graph.results import BooleanResult, GraphResult, Solutions, term_to_python

XSD = "http://www.w3.org/2001/XMLSchema#"
EX = "http://example.org/"

DATA = f"""
<{EX}a> <{EX}name> "Zhang Min" , "Konjen \\"Zhang\\"\\tMin\\nMedan"@id ;
        <{EX}age> 52 ;
        <{EX}score> "0.9"^^<{XSD}decimal> ;
        <{EX}ok> true ;
        <{EX}born> "1973-05-01"^^<{XSD}date> ;
        <{EX}knows> _:b1 , <{EX}b&c<d> .
_:b1 <{EX}name> "<tag> & 'amp'" .
"""
QUERY = f"SELECT ?s ?p ?o ?missing WHERE {{ ?s ?p ?o OPTIONAL {{ ?s <{EX}none> ?missing }} }}"


@pytest.fixture(scope="module")
def native() -> ox.Store:
    store = ox.Store()
    store.load(DATA.replace("<d>", "d>"), format=ox.RdfFormat.TURTLE)
    return store


@pytest.fixture(scope="module")
def solutions(native: ox.Store) -> Solutions:
    raw = native.query(QUERY)
    assert isinstance(raw, ox.QuerySolutions)
    names = [v.value for v in raw.variables]
    return Solutions(names, [tuple(row[v] for v in names) for row in raw])


def oxigraph_serialized(native: ox.Store, fmt: ox.QueryResultsFormat) -> bytes:
    raw = native.query(QUERY)
    return raw.serialize(format=fmt) or b""  # type: ignore[union-attr]


def canonical_json(data: bytes) -> dict:
    parsed = json.loads(data)
    # Row order is not part of the format; blank node labels are local to the document.
    for row in parsed["results"]["bindings"]:
        for term in row.values():
            if term["type"] == "bnode":
                term["value"] = "b"
    parsed["results"]["bindings"].sort(key=lambda r: json.dumps(r, sort_keys=True))
    return parsed


def test_json_is_exactly_the_sparql_json_format(native: ox.Store, solutions: Solutions) -> None:
    ours = solutions.serialize("json")
    theirs = oxigraph_serialized(native, ox.QueryResultsFormat.JSON)
    assert canonical_json(ours) == canonical_json(theirs)
    parsed = json.loads(ours)
    assert set(parsed) == {"head", "results"}
    assert parsed["head"] == {"vars": ["s", "p", "o", "missing"]}
    assert all("missing" not in row for row in parsed["results"]["bindings"])
    terms = [row["o"] for row in parsed["results"]["bindings"]]
    assert {"type": "literal", "value": "52", "datatype": XSD + "integer"} in terms
    assert {"type": "literal", "value": "Zhang Min"} in terms  # xsd:string: no datatype
    assert {"type": "literal", "value": 'Konjen "Zhang"\tMin\nMedan', "xml:lang": "id"} in terms


@pytest.mark.parametrize(
    ("fmt", "ox_format"),
    [
        pytest.param("json", ox.QueryResultsFormat.JSON, id="json"),
        pytest.param("xml", ox.QueryResultsFormat.XML, id="xml"),
        pytest.param("tsv", ox.QueryResultsFormat.TSV, id="tsv"),
    ],
)
def test_round_trip_through_oxigraph_parser(
    solutions: Solutions, fmt: str, ox_format: ox.QueryResultsFormat
) -> None:
    parsed = ox.parse_query_results(solutions.serialize(fmt), format=ox_format)
    assert isinstance(parsed, ox.QuerySolutions)
    assert [v.value for v in parsed.variables] == solutions.variables

    def key(row: tuple) -> tuple:
        return tuple("_:b" if isinstance(t, ox.BlankNode) else str(t) for t in row)

    rows = [tuple(r[v] for v in solutions.variables) for r in parsed]
    assert sorted(map(key, rows)) == sorted(map(key, solutions.rows))


def test_xml_parses_and_escapes(solutions: Solutions) -> None:
    root = ET.fromstring(solutions.serialize("xml"))
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert [v.get("name") for v in root.findall("r:head/r:variable", ns)] == solutions.variables
    literals = [e.text for e in root.iter("{http://www.w3.org/2005/sparql-results#}literal")]
    assert "<tag> & 'amp'" in literals
    assert len(root.findall("r:results/r:result", ns)) == len(solutions)


def test_csv(solutions: Solutions) -> None:
    data = solutions.serialize("csv").decode()
    assert data.startswith("s,p,o,missing\r\n")
    rows = list(csv.reader(io.StringIO(data)))
    assert len(rows) == len(solutions) + 1
    values = {row[2] for row in rows[1:]}
    assert {"52", "Zhang Min", 'Konjen "Zhang"\tMin\nMedan', "true"} <= values
    assert any(v.startswith("_:") for v in values)
    assert all(row[3] == "" for row in rows[1:])


def test_tsv_keeps_one_line_per_row(solutions: Solutions) -> None:
    lines = solutions.serialize("tsv").decode().split("\n")
    assert lines[0] == "?s\t?p\t?o\t?missing"
    assert lines[-1] == ""
    assert len(lines) == len(solutions) + 2
    assert all(line.count("\t") == 3 for line in lines[:-1])


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        pytest.param("json", '{"head": {}, "boolean": true}', id="json"),
        pytest.param("csv", "_askResult\ntrue\n", id="csv"),
    ],
)
def test_boolean(fmt: str, text: str) -> None:
    assert BooleanResult(True).serialize(fmt).decode() == text


def test_boolean_xml_parses() -> None:
    parsed = ox.parse_query_results(
        BooleanResult(False).serialize("xml"), format=ox.QueryResultsFormat.XML
    )
    assert isinstance(parsed, ox.QueryBoolean)
    assert not bool(parsed)


@pytest.mark.parametrize("fmt", ["turtle", "nt", "jsonld", "xml", "trig", "nquads"])
def test_graph_result_parses_back(native: ox.Store, fmt: str) -> None:
    triples = list(native.query("CONSTRUCT WHERE { ?s ?p ?o }"))  # type: ignore[arg-type]
    data = GraphResult(triples).serialize(fmt, prefixes={"ex": EX})
    rdf_format = {
        "turtle": ox.RdfFormat.TURTLE,
        "nt": ox.RdfFormat.N_TRIPLES,
        "jsonld": ox.RdfFormat.JSON_LD,
        "xml": ox.RdfFormat.RDF_XML,
        "trig": ox.RdfFormat.TRIG,
        "nquads": ox.RdfFormat.N_QUADS,
    }[fmt]
    back = list(ox.parse(data, format=rdf_format))
    assert len(back) == len(triples)


@pytest.mark.parametrize(
    ("term", "value"),
    [
        pytest.param(ox.Literal("7", datatype=ox.NamedNode(XSD + "integer")), 7, id="int"),
        pytest.param(ox.Literal("0.5", datatype=ox.NamedNode(XSD + "decimal")), 0.5, id="dec"),
        pytest.param(ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean")), True, id="bool"),
        pytest.param(ox.Literal("x", datatype=ox.NamedNode(XSD + "integer")), "x", id="bad-int"),
        pytest.param(ox.NamedNode(EX + "a"), EX + "a", id="iri"),
        pytest.param(None, None, id="unbound"),
    ],
)
def test_term_to_python(term: ox.Literal | ox.NamedNode | None, value: object) -> None:
    assert term_to_python(term) == value


def test_triple_terms_in_json_match_oxigraph() -> None:
    store = ox.Store()
    query = f'SELECT ?t WHERE {{ BIND(TRIPLE(<{EX}a>, <{EX}b>, "c"@id) AS ?t) }}'
    theirs = store.query(query).serialize(format=ox.QueryResultsFormat.JSON)  # type: ignore[union-attr]
    ours = Solutions(["t"], [(row["t"],) for row in store.query(query)])  # type: ignore[union-attr]
    assert json.loads(ours.serialize("json")) == json.loads(theirs or b"")
