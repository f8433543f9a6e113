"""The ``bikg`` command: one module per group of commands, each a thin layer over the core.

- :mod:`kg.cli.base`: the group, ``--store``, opening a store, errors to exit codes (``main``)
- :mod:`kg.cli.ingest`: ``ingest`` (one machine, or ``--partitions N``), ``watch``, ``load``
- :mod:`kg.cli.query`: ``query``, ``export``
- :mod:`kg.cli.store`: ``stats``, ``validate``, ``migrate``
- :mod:`kg.cli.explore`: ``search``, ``entity``, ``path``, ``bilateral``, ``central``
- :mod:`kg.cli.evaluate`: ``eval``
- :mod:`kg.cli.serve`: ``serve``
- ``bench``: the benchmark's own commands (:mod:`kg.bench.cli`)

Commands parse their arguments and call :class:`kg.knowledge.KnowledgeGraph` or
:mod:`kg.ingest`; ``python -m kg.cli`` runs the same ``main`` as the ``bikg`` script.
"""

from kg.bench.cli import bench
from kg.cli import evaluate, explore, ingest, query, serve, store
from kg.cli.base import EXIT_CODES, cli, main

cli.add_command(bench)

__all__ = ["EXIT_CODES", "cli", "main"]

# The command modules register themselves on ``cli`` when imported.
del evaluate, explore, ingest, query, serve, store
