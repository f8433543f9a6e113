"""bilateral-kg: news about bilateral ties between countries and cities, as one RDF graph.

The public surface is :class:`KnowledgeGraph` (open a store, ingest, query, analyse,
export, show) and the records it takes and gives.
"""

from kg.errors import KGError
from kg.knowledge import KnowledgeGraph, Rows
from kg.sources.model import Article

__all__ = ["Article", "KGError", "KnowledgeGraph", "Rows"]
__version__ = "0.1.0"
