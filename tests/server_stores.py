"""Live SPARQL servers shared by a test session: empty one between tests."""

from __future__ import annotations

from kg.graph.store import RemoteStore
from kg.graph.store.remote import SERVER_GRAPHS

__all__ = ["reset"]


def reset(store: RemoteStore) -> None:
    """Drop every graph of ours (and the default graph where it is real), whatever wrote it.

    Not ``DROP ALL``: on Virtuoso that would drop the server's own graphs as well.
    """
    rows = store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    drops = [f"DROP SILENT GRAPH <{row[0].value}>" for row in rows]  # type: ignore[union-attr]
    drops = [d for d in drops if d[len("DROP SILENT GRAPH <") : -1] not in SERVER_GRAPHS]
    if store.facts_graph is None:
        drops.append("DROP SILENT DEFAULT")
    if drops:
        store.update(" ;\n".join(drops))
    store._layout_checked = False
