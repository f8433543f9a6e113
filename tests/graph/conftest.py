"""A knowledge graph holding the seed article, shared by the graph tests of one module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.knowledge import KnowledgeGraph


@pytest.fixture(scope="module")
def seed_kg(seed_path: Path) -> Iterator[KnowledgeGraph]:
    with KnowledgeGraph.open("memory:") as kg:
        summary = kg.ingest([seed_path], workers=1)
        assert summary.stored == 1, str(summary)
        yield kg
