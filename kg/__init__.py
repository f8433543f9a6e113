"""bilateral-kg: news about bilateral ties between countries and cities, as one RDF graph.

The public surface is :class:`KnowledgeGraph` (open a store, ingest, query, analyse,
export, show) and the records it takes and gives; docs/notebook.md walks through it.

>>> from kg import KnowledgeGraph
>>> with KnowledgeGraph.open("memory:") as kg:
...     done = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
...                           "Tiongkok di Medan, Zhang Min.", url="https://example.com/1")
...     [hit["id"] for hit in kg.search("Tiongkok")]
['country/cn']
"""

from kg.analysis.show import GraphView
from kg.errors import KGError
from kg.ingest import Failure, IngestSummary, Processed
from kg.knowledge import KnowledgeGraph, Rows
from kg.sources.model import Article

__all__ = [
    "Article",
    "Failure",
    "GraphView",
    "IngestSummary",
    "KGError",
    "KnowledgeGraph",
    "Processed",
    "Rows",
]
__version__ = "0.1.0"
