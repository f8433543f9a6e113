"""Keep the ontology in its own named graph of the store, current with ontology/."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import pyoxigraph as ox

from kg.graph.store import GraphStore, GraphWrite
from kg.graph.vocab import ONTOLOGY_FILE, ONTOLOGY_GRAPH, expand

__all__ = ["ensure_ontology"]

logger = logging.getLogger(__name__)


def ensure_ontology(store: GraphStore, path: Path = ONTOLOGY_FILE) -> bool:
    """Load the ontology into its graph if it is missing or has changed; True if loaded.

    >>> from kg.graph.store import open_store
    >>> store = open_store("memory:")
    >>> ensure_ontology(store), ensure_ontology(store)
    (True, False)
    """
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    graph = str(ONTOLOGY_GRAPH)
    marker = expand("schema:sha256")
    found = store.query(f'ASK {{ GRAPH <{graph}> {{ <{graph}> <{marker}> "{digest}" }} }}')
    if found:
        return False
    named = ox.NamedNode(graph)
    quads = [
        ox.Quad(t.subject, t.predicate, t.object, named)
        for t in ox.parse(
            data, format=ox.RdfFormat.TURTLE, base_iri=graph, without_named_graphs=True
        )
    ]
    quads.append(ox.Quad(named, ox.NamedNode(marker), ox.Literal(digest), named))
    store.write([GraphWrite(graph, quads)])
    logger.info("loaded the ontology (%d triples) into <%s>", len(quads), graph)
    return True
