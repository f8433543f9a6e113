"""Any SPARQL 1.1 server as the store: Oxigraph server, Fuseki, GraphDB, Virtuoso, Neptune.

Queries go to the query endpoint and writes to the update endpoint, each write batch
as one update request, which these servers run as one transaction. Queries see the
union of all graphs only if the server is set up that way (``oxigraph serve
--union-default-graph``, Fuseki's ``unionDefaultGraph``); see the README.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox

from kg.errors import QueryError, ResultTooLargeError, StoreError
from kg.graph.store.base import GraphStore, GraphWrite

__all__ = ["SERVER_GRAPHS", "RemoteStore", "default_update_url", "query_form"]

logger = logging.getLogger(__name__)

_SELECT_ACCEPT = "application/sparql-results+json"
_GRAPH_ACCEPT = "application/n-triples"

# -- Virtuoso quirks (tested against Debian's 7.2.5 in tests/graph/test_virtuoso_store.py) --
#: Graphs Virtuoso keeps for itself and lists beside ours; never ours to list or count.
SERVER_GRAPHS = (
    "http://www.openlinksw.com/schemas/virtrdf#",
    "http://www.w3.org/ns/ldp#",
    "http://localuriqaserver/sparql",
)
_NOT_SERVER_GRAPH = "FILTER(?g NOT IN ({}))".format(", ".join(f"<{g}>" for g in SERVER_GRAPHS))
#: Triples per INSERT DATA: Virtuoso's SPARQL parser runs out of stack (SP030 "memory
#: exhausted") near 5,000 triples in one block; several blocks in one request are fine.
INSERT_CHUNK = 1000
# Virtuoso ignores q-values and answers every query form in the first media type it
# knows (a CONSTRUCT as a result set, a SELECT as RDF), so ask for one type per form.
_PROLOGUE = re.compile(
    r"(?:\s+|#[^\n]*(?:\n|$)|BASE\s*<[^>]*>|PREFIX\s+[^\s:]*:\s*<[^>]*>)*", re.IGNORECASE
)
_FORM = re.compile(r"(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
# Virtuoso answers ASK with a one-row result set in a variable of this name, and writes
# xsd:boolean values as 1 and 0 in JSON results.
_ASK_VARIABLE = "__ASK_RETVAL"
# Virtuoso cuts SELECT results at its ResultSetMaxRows (default 10,000) with a 200 and
# only this header to say so.
_CUT_HEADER = "x-sparql-maxrows"
_VIRTUOSO_BOOLEAN = re.compile(
    rb'("datatype": "http://www\.w3\.org/2001/XMLSchema#boolean", "value": ")([01])"'
)


def query_form(sparql: str) -> str | None:
    """The form of a query (``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE``), if readable.

    >>> query_form("PREFIX ex: <http://ex/> # who?\\nselect * WHERE { ?s ?p ?o }")
    'SELECT'
    >>> query_form("BASE <http://ex/> CONSTRUCT WHERE { ?s ?p ?o }")
    'CONSTRUCT'
    >>> query_form("not sparql") is None
    True
    """
    start = _PROLOGUE.match(sparql)
    found = _FORM.match(sparql, start.end() if start else 0)
    return found.group(1).upper() if found else None


def _accept(sparql: str) -> str:
    form = query_form(sparql)
    if form in ("SELECT", "ASK"):
        return _SELECT_ACCEPT
    if form in ("CONSTRUCT", "DESCRIBE"):
        return _GRAPH_ACCEPT
    return f"{_SELECT_ACCEPT}, {_GRAPH_ACCEPT};q=0.9"  # the server will say what is wrong


def _virtuoso_results(content: bytes) -> ox.QuerySolutions | ox.QueryBoolean:
    """Parse Virtuoso's JSON results, mending its ASK answers and boolean values."""
    content = _VIRTUOSO_BOOLEAN.sub(
        lambda m: m.group(1) + (b"true" if m.group(2) == b"1" else b"false") + b'"', content
    )
    results = ox.parse_query_results(content, format=ox.QueryResultsFormat.JSON)
    variables = (
        [v.value for v in results.variables] if isinstance(results, ox.QuerySolutions) else []
    )
    if variables != [_ASK_VARIABLE]:
        return results
    answers = [row[_ASK_VARIABLE] for row in results]  # type: ignore[union-attr]
    value = b"true" if answers and answers[0] is not None and answers[0].value == "1" else b"false"
    return ox.parse_query_results(
        b'{"head": {}, "boolean": %s}' % value, format=ox.QueryResultsFormat.JSON
    )


def _insert_blocks(graph: str, quads: Sequence[ox.Quad]) -> list[str]:
    """INSERT DATA operations of at most `INSERT_CHUNK` triples each into ``graph``.

    Triples with blank nodes go in one ``INSERT {...} WHERE {}`` (Virtuoso refuses blank
    nodes in INSERT DATA, SP031), all together: a label names one node per operation.
    """
    plain = [q for q in quads if not _has_blank(q)]
    blank = [q for q in quads if _has_blank(q)]
    blocks = [
        f"INSERT DATA {{ GRAPH {graph} {{\n{_triples(plain[i : i + INSERT_CHUNK])}}} }}"
        for i in range(0, len(plain), INSERT_CHUNK)
    ]
    if blank:
        blocks.append(f"INSERT {{ GRAPH {graph} {{\n{_triples(blank)}}} }} WHERE {{}}")
    return blocks


def _has_blank(quad: ox.Quad) -> bool:
    return isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode)


def _triples(quads: Sequence[ox.Quad]) -> str:
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    return (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode()


def default_update_url(query_url: str) -> str:
    """Guess the update endpoint beside a query endpoint (Oxigraph and Fuseki layout).

    A bare ``/sparql`` path is Virtuoso's, which takes updates at the same URL.

    >>> default_update_url("http://127.0.0.1:7878/query")
    'http://127.0.0.1:7878/update'
    >>> default_update_url("http://127.0.0.1:3030/ds/sparql")
    'http://127.0.0.1:3030/ds/update'
    >>> default_update_url("http://127.0.0.1:8890/sparql")
    'http://127.0.0.1:8890/sparql'
    """
    if httpx.URL(query_url).path.rstrip("/") == "/sparql":
        return query_url
    head, _, _ = query_url.rstrip("/").rpartition("/")
    return f"{head}/update"


class RemoteStore(GraphStore):
    """A SPARQL 1.1 Protocol server reached over HTTP.

    >>> store = RemoteStore("http://127.0.0.1:7878/query")  # connects on first use
    >>> store.kind, store.update_url
    ('remote', 'http://127.0.0.1:7878/update')
    >>> store.close()
    """

    kind = "remote"

    def __init__(self, query_url: str, update_url: str | None = None, timeout: float = 60.0):
        self.query_url = query_url
        self.update_url = update_url or default_update_url(query_url)
        self.client = httpx.Client(timeout=timeout, follow_redirects=False)

    def _post(
        self, url: str, content: str, content_type: str, accept: str | None = None
    ) -> httpx.Response:
        headers = {"Content-Type": content_type}
        if accept:
            headers["Accept"] = accept
        try:
            response = self.client.post(url, content=content.encode("utf-8"), headers=headers)
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the SPARQL server at {url}: {exc}") from exc
        if response.status_code == 400:
            raise QueryError(response.text.strip() or "the server refused the request as malformed")
        if response.status_code >= 300:
            raise StoreError(
                f"the SPARQL server at {url} answered {response.status_code}: {response.text[:300]}"
            )
        return response

    def write(self, batch: Sequence[GraphWrite]) -> None:
        # As replacement_update, with INSERT DATA cut into blocks Virtuoso can parse.
        # Virtuoso runs the operations of one request in order but not as a transaction:
        # if one fails (a crash, a full disk) the earlier ones stay applied.
        batch = list({w.graph: w for w in batch}.values())  # the later write wins
        parts = []
        for write in batch:
            graph = str(ox.NamedNode(write.graph))  # checks the IRI: nothing can break out
            parts += [f"DROP SILENT GRAPH {graph}", *_insert_blocks(graph, write.quads)]
        if parts:
            self.update(" ;\n".join(parts))

    def drop_graphs(self, graphs: Iterable[str]) -> None:
        drops = " ;\n".join(f"DROP SILENT GRAPH {ox.NamedNode(g)}" for g in graphs)
        if drops:
            self.update(drops)

    def graph_names(self) -> list[str]:
        rows = self.select(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_NOT_SERVER_GRAPH} }}"
        )
        return [row[0].value for row in rows if isinstance(row[0], ox.NamedNode)]

    def _query(
        self,
        sparql: str,
        default_graphs: Sequence[str] | None,
        named_graphs: Sequence[str] | None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | Iterator[ox.Triple]:
        params: list[tuple[str, str]] = [("query", sparql)]
        params += [("default-graph-uri", g) for g in default_graphs or ()]
        params += [("named-graph-uri", g) for g in named_graphs or ()]
        headers = {
            "Accept": _accept(sparql),
            "Content-Type": "application/x-www-form-urlencoded",
        }
        try:
            response = self.client.post(self.query_url, content=urlencode(params), headers=headers)
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the SPARQL server at {self.query_url}: {exc}") from exc
        if response.status_code == 400:
            raise QueryError(f"malformed query: {response.text.strip()}")
        if response.status_code >= 300:
            raise StoreError(
                f"the SPARQL server answered {response.status_code}: {response.text[:300]}"
            )
        if _CUT_HEADER in response.headers:
            raise ResultTooLargeError(
                f"the server cut the results at {response.headers[_CUT_HEADER]} rows "
                "(Virtuoso's ResultSetMaxRows in virtuoso.ini); raise it, or add a LIMIT "
                "below it"
            )
        media = response.headers.get("content-type", "").split(";")[0].strip()
        if media == _SELECT_ACCEPT and response.headers.get("server", "").startswith("Virtuoso"):
            return _virtuoso_results(response.content)
        if media == _SELECT_ACCEPT:
            return ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
        fmt = ox.RdfFormat.from_media_type(media) or ox.RdfFormat.N_TRIPLES
        return (
            ox.Triple(q.subject, q.predicate, q.object)
            for q in ox.parse(response.content, format=fmt)
        )

    def update(self, sparql: str) -> None:
        self._post(self.update_url, sparql, "application/sparql-update")

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        where = (
            f"GRAPH <{graph}> {{ ?s ?p ?o }} BIND(<{graph}> AS ?g)"
            if graph
            else f"GRAPH ?g {{ ?s ?p ?o }} {_NOT_SERVER_GRAPH}"
        )
        for s, p, o, g in self.select(f"SELECT ?s ?p ?o ?g WHERE {{ {where} }}"):
            yield ox.Quad(s, p, o, g)  # type: ignore[arg-type]

    def count(self) -> int:
        rows = self.select(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_NOT_SERVER_GRAPH} }}"
        )
        return int(rows.rows[0][0].value)  # type: ignore[union-attr]

    def close(self) -> None:
        self.client.close()
