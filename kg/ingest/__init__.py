"""Ingest: articles in, article graphs out, on one machine or as a map over partitions.

- :mod:`kg.ingest.pipeline`: read, extract in a process pool, one writer (``bikg ingest``).
- :mod:`kg.ingest.partition`: extraction as independent tasks writing N-Quads parts
  (``bikg ingest --partitions N``), on local processes or a Dask cluster.
- :mod:`kg.ingest.load`: those parts into a store, and the facts built from them
  (``bikg load``).
"""

from kg.ingest.load import LoadSummary, load_parts, part_files
from kg.ingest.partition import MapSummary, Part, map_partitions
from kg.ingest.pipeline import Failure, IngestSummary, Processed, ingest, process_article

__all__ = [
    "Failure",
    "IngestSummary",
    "LoadSummary",
    "MapSummary",
    "Part",
    "Processed",
    "ingest",
    "load_parts",
    "map_partitions",
    "part_files",
    "process_article",
]
