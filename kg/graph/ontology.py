"""Keep the ontology in its own named graph of the store, current with ontology/.

Like an article, the ontology graph is a source: its triples are also facts of the
default graph, so role and status labels are there for every query. Its blank nodes
(OWL lists and restrictions) are skolemized to IRIs under the ontology's
``.well-known/genid/``, so they have an identity the store can count and remove.
"""

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
    if store.query(f'ASK {{ <{graph}> <{marker}> "{digest}" }}'):
        return False
    named = ox.NamedNode(graph)
    skolem: dict[str, ox.NamedNode] = {}

    def fixed(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> ox.NamedNode | ox.Literal:
        if isinstance(term, ox.BlankNode):
            name = f"{graph}/.well-known/genid/{digest[:12]}-{len(skolem)}"
            return skolem.setdefault(term.value, ox.NamedNode(name))
        return term

    quads = [
        ox.Quad(fixed(t.subject), t.predicate, fixed(t.object), named)  # type: ignore[arg-type]
        for t in ox.parse(
            data, format=ox.RdfFormat.TURTLE, base_iri=graph, without_named_graphs=True
        )
    ]
    quads.append(ox.Quad(named, ox.NamedNode(marker), ox.Literal(digest), named))
    store.write([GraphWrite(graph, quads)])
    logger.info("loaded the ontology (%d triples) into <%s>", len(quads), graph)
    return True
