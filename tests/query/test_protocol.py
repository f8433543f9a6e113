"""Protocol helpers: USING clauses from using-graph-uri, content negotiation."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.errors import QueryError
from kg.query.protocol import (
    GRAPH_ALIASES,
    GRAPH_MEDIA,
    RESULT_ALIASES,
    RESULT_MEDIA,
    accepts_html,
    apply_using,
    negotiate,
)

G = ["http://g/1"]
N = ["http://n/1"]


@pytest.mark.parametrize(
    ("update", "expected"),
    [
        pytest.param(
            "INSERT { ?s a <http://b> } WHERE { ?s a <http://a> }",
            "INSERT { ?s a <http://b> } USING <http://g/1> USING NAMED <http://n/1> "
            "WHERE { ?s a <http://a> }",
            id="modify",
        ),
        pytest.param(
            "PREFIX w: <http://w/> DELETE { ?s w:where ?o } INSERT { ?s w:x ?o } "
            "where { ?s w:where ?o }",
            "PREFIX w: <http://w/> DELETE { ?s w:where ?o } INSERT { ?s w:x ?o } "
            "USING <http://g/1> USING NAMED <http://n/1> where { ?s w:where ?o }",
            id="prefixed-names-and-lower-case",
        ),
        pytest.param(
            "DELETE WHERE { ?s ?p ?o }",
            "DELETE { ?s ?p ?o } USING <http://g/1> USING NAMED <http://n/1> WHERE { ?s ?p ?o }",
            id="delete-where",
        ),
        pytest.param(
            "INSERT DATA { <s> <p> 'WHERE' } ; CLEAR ALL ; DROP SILENT GRAPH <http://x>",
            "INSERT DATA { <s> <p> 'WHERE' } ; CLEAR ALL ; DROP SILENT GRAPH <http://x>",
            id="no-pattern-no-change",
        ),
        pytest.param(
            '# WHERE in a comment\nINSERT { ?s <p> "} WHERE {" } WHERE { ?s ?p ?o FILTER(?o < 3) }',
            '# WHERE in a comment\nINSERT { ?s <p> "} WHERE {" } '
            "USING <http://g/1> USING NAMED <http://n/1> WHERE { ?s ?p ?o FILTER(?o < 3) }",
            id="strings-comments-and-less-than",
        ),
    ],
)
def test_apply_using(update: str, expected: str) -> None:
    assert apply_using(update, G, N) == expected
    ox.Store().update(expected.replace("<s>", "<http://s>").replace("<p>", "<http://p>"))


def test_apply_using_to_every_operation() -> None:
    update = "INSERT { ?s a <http://b> } WHERE { ?s a <http://a> } ; DELETE WHERE { ?s ?p 1 }"
    rewritten = apply_using(update, G, [])
    assert rewritten.count("USING <http://g/1>") == 2
    ox.Store().update(rewritten)


@pytest.mark.parametrize(
    "update",
    [
        "WITH <http://a> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "DELETE { ?s ?p ?o } USING <http://a> WHERE { ?s ?p ?o }",
        "CLEAR ALL ; INSERT { ?s a <http://b> } USING NAMED <http://a> WHERE { ?s a <http://a> }",
    ],
)
def test_a_dataset_in_the_update_conflicts(update: str) -> None:
    with pytest.raises(QueryError, match="use one or the other"):
        apply_using(update, G, [])
    assert apply_using(update, [], []) == update


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("text/csv, */*;q=0.1", "text/csv"),
        ("application/xml", "application/sparql-results+xml"),
        ("application/sparql-results+json;q=0, */*", "application/sparql-results+xml"),
        ("image/png", None),
        ("text/csv;q=oops", None),
    ],
)
def test_negotiate_results(accept: str | None, expected: str | None) -> None:
    assert negotiate(accept, RESULT_MEDIA, RESULT_ALIASES) == expected


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "text/turtle"),
        ("application/n-triples, text/turtle;q=0.5", "application/n-triples"),
        ("text/plain", "application/n-triples"),
        ("application/json", "application/ld+json"),
        ("application/*", "application/n-triples"),
    ],
)
def test_negotiate_graphs(accept: str | None, expected: str) -> None:
    assert negotiate(accept, GRAPH_MEDIA, GRAPH_ALIASES) == expected


@pytest.mark.parametrize(
    ("accept", "html"),
    [
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", True),
        ("text/turtle, text/html;q=0.5", False),
        ("*/*", False),
        (None, False),
    ],
)
def test_accepts_html(accept: str | None, html: bool) -> None:
    assert accepts_html(accept) is html
