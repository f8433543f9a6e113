"""Any SPARQL 1.1 server as the store: Oxigraph server, Fuseki, GraphDB, Virtuoso, Neptune.

Queries go to the query endpoint and writes to the update endpoint, each write batch
as one update request, which these servers run as one transaction. The store needs
only standard SPARQL 1.1 Query and Update: the knowledge graph is the server's default
graph (:mod:`kg.graph.store.facts`), so no union-default-graph setting is needed.
Servers whose default graph is the union of all graphs (Virtuoso) keep the facts in a
named graph instead, which every query then names as its default graph.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection, Iterator, Sequence
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox

from kg.errors import QueryError, QueryTimeoutError, ResultTooLargeError, StoreError
from kg.graph.store.base import GraphStore
from kg.graph.store.facts import SUPPORT_COUNT, SUPPORT_GRAPH, Plan, render_update

__all__ = ["SERVER_GRAPHS", "RemoteStore", "default_update_url", "query_form"]

logger = logging.getLogger(__name__)

_SELECT_ACCEPT = "application/sparql-results+json"
_GRAPH_ACCEPT = "application/n-triples"
#: Fact IRIs per support-count query (keeps each request well under URL/body limits).
_VALUES_PER_QUERY = 500
#: The graph that holds the facts on servers whose default graph is the union of all.
FACTS_GRAPH = "https://w3id.org/bilateral-kg/facts"
# -- Virtuoso quirks (tested against Debian's 7.2.5 in tests/graph/test_virtuoso_store.py) --
#: Graphs Virtuoso keeps for itself and lists beside ours; never ours to list or count.
SERVER_GRAPHS = (
    "http://www.openlinksw.com/schemas/virtrdf#",
    "http://www.w3.org/ns/ldp#",
    "http://localuriqaserver/sparql",
    "http://localhost:8890/sparql",
    "http://localhost:8890/DAV/",
    "urn:activitystreams-owl:map",
    "urn:core:services:sparql",
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


_GRAPH_CONSTANT = re.compile(r"\bGRAPH\s*<([^>]*)>", re.IGNORECASE)
_GRAPH_VARIABLE = re.compile(r"\bGRAPH\s*[?$]", re.IGNORECASE)


def _constant_graphs(sparql: str) -> list[str] | None:
    """The graphs a query names in ``GRAPH <...>``, when it names no ``GRAPH ?g``.

    Virtuoso, given a default graph (``default-graph-uri``), matches ``GRAPH ?g`` over
    every graph but ``GRAPH <iri>`` only over graphs passed as ``named-graph-uri``.

    >>> _constant_graphs("ASK { GRAPH <urn:a> { ?s ?p ?o } GRAPH <urn:b> {} }")
    ['urn:a', 'urn:b']
    >>> _constant_graphs("SELECT * { GRAPH ?g { ?s ?p ?o } GRAPH <urn:a> {} }") is None
    True
    """
    if _GRAPH_VARIABLE.search(sparql):
        return None
    return list(dict.fromkeys(_GRAPH_CONSTANT.findall(sparql))) or None


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

    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        timeout: float = 60.0,
        facts_graph: str | None = None,
        *,
        query_timeout: float | None = None,
    ):
        self.query_url = query_url
        self.update_url = update_url or default_update_url(query_url)
        self.client = httpx.Client(timeout=timeout, follow_redirects=False)
        #: Seconds after which a query's connection is dropped (the server may go on).
        self.query_timeout = query_timeout
        self.facts_graph = facts_graph
        self._probed = facts_graph is not None

    def _ask_server(self) -> None:
        try:
            self._probe(self.client.get(self.query_url, params={"query": "ASK {}"}))
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the SPARQL server at {self.query_url}: {exc}") from exc

    def _probe(self, response: httpx.Response) -> None:
        # Virtuoso's default graph is the union of every graph it holds, so the facts
        # live in a named graph that each query names as its default graph.
        if not self._probed:
            self._probed = True
            if response.headers.get("server", "").lower().startswith("virtuoso"):
                self.facts_graph = FACTS_GRAPH
                logger.info("Virtuoso at %s: the facts live in <%s>", self.query_url, FACTS_GRAPH)

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
        self._probe(response)
        if response.status_code == 400:
            raise QueryError(response.text.strip() or "the server refused the request as malformed")
        if response.status_code >= 300:
            raise StoreError(
                f"the SPARQL server at {url} answered {response.status_code}: {response.text[:300]}"
            )
        return response

    def graph_names(self) -> list[str]:
        rows = self.select(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_NOT_SERVER_GRAPH} }}"
        )
        hidden = {SUPPORT_GRAPH, self.facts_graph, *SERVER_GRAPHS}
        return [
            row[0].value
            for row in rows
            if isinstance(row[0], ox.NamedNode) and row[0].value not in hidden
        ]

    def _has_graph(self, node: ox.NamedNode) -> bool:
        # One ASK, not a listing of every graph on the server.
        return bool(self.query(f"ASK {{ GRAPH {node} {{ ?s ?p ?o }} }}"))

    def _stored(self, graph: str) -> set[ox.Triple] | None:
        iri = ox.NamedNode(graph)
        rows = self.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH {iri} {{ ?s ?p ?o }} }}")
        if not rows.rows and not self.query(f"ASK {{ GRAPH {iri} {{ }} }}"):
            return None
        return {ox.Triple(s, p, o) for s, p, o in rows}  # type: ignore[arg-type]

    def _support(self, facts: Collection[ox.NamedNode]) -> dict[ox.NamedNode, int]:
        found: dict[ox.NamedNode, int] = {}
        facts = list(facts)
        for start in range(0, len(facts), _VALUES_PER_QUERY):
            values = " ".join(str(f) for f in facts[start : start + _VALUES_PER_QUERY])
            rows = self.select(
                f"SELECT ?f ?n WHERE {{ VALUES ?f {{ {values} }} "
                f"GRAPH <{SUPPORT_GRAPH}> {{ ?f {SUPPORT_COUNT} ?n }} }}"
            )
            for fact, count in rows:
                if isinstance(fact, ox.NamedNode) and count is not None:
                    found[fact] = int(count.value)  # type: ignore[union-attr]
        return found

    def _apply(self, step: Plan) -> None:
        # One request; INSERT DATA and DELETE DATA cut into blocks Virtuoso can parse.
        # Oxigraph server and Fuseki run the request as one transaction; Virtuoso runs
        # its operations in order but not as a transaction (docs/virtuoso.md).
        text = render_update(step, self.facts_graph, chunk=INSERT_CHUNK)
        if text:
            self.update(text)

    def _query(
        self,
        sparql: str,
        default_graphs: Sequence[str] | None,
        named_graphs: Sequence[str] | None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | Iterator[ox.Triple]:
        if not self._probed:
            self._ask_server()
            if not default_graphs and self.facts_graph is not None:
                default_graphs = [self.facts_graph]
        if (
            self.facts_graph is not None
            and list(default_graphs or ()) == [self.facts_graph]
            and not named_graphs
        ):
            named_graphs = _constant_graphs(sparql)
        params: list[tuple[str, str]] = [("query", sparql)]
        params += [("default-graph-uri", g) for g in default_graphs or ()]
        params += [("named-graph-uri", g) for g in named_graphs or ()]
        headers = {
            "Accept": _accept(sparql),
            "Content-Type": "application/x-www-form-urlencoded",
        }
        # A second past the deadline, so a server that stops queries itself answers first.
        timeout = (
            httpx.Timeout(self.query_timeout + 1) if self.query_timeout else self.client.timeout
        )
        try:
            response = self.client.post(
                self.query_url, content=urlencode(params), headers=headers, timeout=timeout
            )
        except httpx.TimeoutException:
            raise QueryTimeoutError(
                f"the query ran longer than the {self.query_timeout:g} s timeout and was "
                "stopped (the connection to the SPARQL server was dropped)"
            ) from None
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the SPARQL server at {self.query_url}: {exc}") from exc
        self._probe(response)
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
        if graph is not None:
            iri = ox.NamedNode(graph)
            for s, p, o in self.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH {iri} {{ ?s ?p ?o }} }}"):
                yield ox.Quad(s, p, o, iri)  # type: ignore[arg-type]
            return
        default = self.facts_graph
        for s, p, o, g in self.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"):
            if g.value in SERVER_GRAPHS:  # type: ignore[union-attr]
                continue
            yield ox.Quad(s, p, o, ox.DefaultGraph() if g.value == default else g)  # type: ignore[arg-type,union-attr]
        if default is None:
            for s, p, o in self.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }"):
                yield ox.Quad(s, p, o, ox.DefaultGraph())  # type: ignore[arg-type]

    def count(self) -> int:
        named = f"GRAPH ?g {{ ?s ?p ?o }} {_NOT_SERVER_GRAPH}"
        where = named if self.facts_graph is not None else f"{{ ?s ?p ?o }} UNION {{ {named} }}"
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
        return int(rows.rows[0][0].value)  # type: ignore[union-attr]

    def close(self) -> None:
        self.client.close()
