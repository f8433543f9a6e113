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
from collections.abc import Collection, Iterator, Sequence
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox

from kg.errors import QueryError, StoreError
from kg.graph.store.base import GraphStore
from kg.graph.store.facts import SUPPORT_COUNT, SUPPORT_GRAPH

__all__ = ["RemoteStore", "default_update_url"]

logger = logging.getLogger(__name__)

_SELECT_ACCEPT = "application/sparql-results+json"
_GRAPH_ACCEPT = "application/n-triples"
#: Fact IRIs per support-count query (keeps each request well under URL/body limits).
_VALUES_PER_QUERY = 500
#: The graph that holds the facts on servers whose default graph is the union of all.
FACTS_GRAPH = "https://w3id.org/bilateral-kg/facts"
#: Graphs a server keeps for itself (Virtuoso's), never ours.
_SYSTEM_GRAPHS = frozenset(
    {
        "http://www.openlinksw.com/schemas/virtrdf#",
        "http://www.w3.org/ns/ldp#",
        "http://localhost:8890/sparql",
        "http://localhost:8890/DAV/",
        "http://www.w3.org/2002/07/owl#",
        "urn:activitystreams-owl:map",
        "urn:core:services:sparql",
    }
)


def default_update_url(query_url: str) -> str:
    """Guess the update endpoint beside a query endpoint (Oxigraph and Fuseki layout).

    >>> default_update_url("http://127.0.0.1:7878/query")
    'http://127.0.0.1:7878/update'
    >>> default_update_url("http://127.0.0.1:3030/ds/sparql")
    'http://127.0.0.1:3030/ds/update'
    """
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
    ):
        self.query_url = query_url
        self.update_url = update_url or default_update_url(query_url)
        self.client = httpx.Client(timeout=timeout, follow_redirects=False)
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
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        hidden = {SUPPORT_GRAPH, self.facts_graph, *_SYSTEM_GRAPHS}
        return [
            row[0].value
            for row in rows
            if isinstance(row[0], ox.NamedNode) and row[0].value not in hidden
        ]

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
        params: list[tuple[str, str]] = [("query", sparql)]
        params += [("default-graph-uri", g) for g in default_graphs or ()]
        params += [("named-graph-uri", g) for g in named_graphs or ()]
        headers = {
            "Accept": f"{_SELECT_ACCEPT}, {_GRAPH_ACCEPT};q=0.9",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        try:
            response = self.client.post(self.query_url, content=urlencode(params), headers=headers)
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the SPARQL server at {self.query_url}: {exc}") from exc
        self._probe(response)
        if response.status_code == 400:
            raise QueryError(f"malformed query: {response.text.strip()}")
        if response.status_code >= 300:
            raise StoreError(
                f"the SPARQL server answered {response.status_code}: {response.text[:300]}"
            )
        media = response.headers.get("content-type", "").split(";")[0].strip()
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
            if g.value in _SYSTEM_GRAPHS:  # type: ignore[union-attr]
                continue
            yield ox.Quad(s, p, o, ox.DefaultGraph() if g.value == default else g)  # type: ignore[arg-type,union-attr]
        if default is None:
            for s, p, o in self.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }"):
                yield ox.Quad(s, p, o, ox.DefaultGraph())  # type: ignore[arg-type]

    def count(self) -> int:
        system = ", ".join(f"<{g}>" for g in sorted(_SYSTEM_GRAPHS))
        named = f"GRAPH ?g {{ ?s ?p ?o }} FILTER(?g NOT IN ({system}))"
        where = named if self.facts_graph is not None else f"{{ ?s ?p ?o }} UNION {{ {named} }}"
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
        return int(rows.rows[0][0].value)  # type: ignore[union-attr]

    def close(self) -> None:
        self.client.close()
