"""Any SPARQL 1.1 server as the store: Oxigraph server, Fuseki, GraphDB, Virtuoso, Neptune.

Queries go to the query endpoint and writes to the update endpoint, each write batch
as one update request, which these servers run as one transaction. Queries see the
union of all graphs only if the server is set up that way (``oxigraph serve
--union-default-graph``, Fuseki's ``unionDefaultGraph``); see the README.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox

from kg.errors import QueryError, QueryTimeoutError, StoreError
from kg.graph.store.base import GraphStore, GraphWrite
from kg.graph.store.embedded import replacement_update

__all__ = ["RemoteStore", "default_update_url"]

logger = logging.getLogger(__name__)

_SELECT_ACCEPT = "application/sparql-results+json"
_GRAPH_ACCEPT = "application/n-triples"


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
        *,
        query_timeout: float | None = None,
    ):
        self.query_url = query_url
        self.update_url = update_url or default_update_url(query_url)
        self.client = httpx.Client(timeout=timeout, follow_redirects=False)
        #: Seconds after which a query's connection is dropped (the server may go on).
        self.query_timeout = query_timeout

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
        if batch:
            self.update(replacement_update(batch))

    def drop_graphs(self, graphs: Iterable[str]) -> None:
        drops = " ;\n".join(f"DROP SILENT GRAPH {ox.NamedNode(g)}" for g in graphs)
        if drops:
            self.update(drops)

    def graph_names(self) -> list[str]:
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
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
            "Accept": f"{_SELECT_ACCEPT}, {_GRAPH_ACCEPT};q=0.9",
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
        where = (
            f"GRAPH <{graph}> {{ ?s ?p ?o }} BIND(<{graph}> AS ?g)"
            if graph
            else "GRAPH ?g { ?s ?p ?o }"
        )
        for s, p, o, g in self.select(f"SELECT ?s ?p ?o ?g WHERE {{ {where} }}"):
            yield ox.Quad(s, p, o, g)  # type: ignore[arg-type]

    def count(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows.rows[0][0].value)  # type: ignore[union-attr]

    def close(self) -> None:
        self.client.close()
