"""Graph stores: embedded Oxigraph (default), in memory, or a remote SPARQL 1.1 server."""

from __future__ import annotations

from kg.graph.store.base import GraphStore, GraphWrite, QueryLimits
from kg.graph.store.embedded import OxigraphStore
from kg.graph.store.remote import RemoteStore

__all__ = ["GraphStore", "GraphWrite", "OxigraphStore", "QueryLimits", "RemoteStore", "open_store"]


def open_store(
    spec: str,
    update_url: str | None = None,
    facts_graph: str | None = None,
    *,
    read_only: bool = False,
    query_timeout: float | None = None,
) -> GraphStore:
    """Open a store from its spec: a folder, ``memory:``, or an ``http(s)://`` query URL.

    ``memory`` alone also means in memory (write ``./memory`` for a folder of that name).
    ``read_only`` opens a folder without its lock, beside a process writing to it;
    ``query_timeout`` drops a remote server's connection when a query takes longer.

    >>> open_store("memory:").kind
    'memory'
    >>> open_store("memory").kind
    'memory'
    """
    if spec in ("memory:", "memory"):
        return OxigraphStore(None)
    if spec.startswith(("http://", "https://")):
        return RemoteStore(spec, update_url, facts_graph=facts_graph, query_timeout=query_timeout)
    return OxigraphStore(spec, read_only=read_only)
