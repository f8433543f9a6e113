"""The README's SPARQL examples run and answer on the development corpus."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg import KnowledgeGraph
from kg.graph.results import Solutions

README = Path(__file__).resolve().parents[1] / "README.md"
DATA = README.parent / "data" / "articles"
_BLOCK = re.compile(r"<!-- query: ([\w-]+) -->\s*```sparql\n(.*?)```", re.DOTALL)


def readme_queries() -> dict[str, str]:
    text = README.read_text(encoding="utf-8")
    prefixes = re.search(r"```sparql\n(PREFIX.*?)```", text, re.DOTALL)
    assert prefixes is not None, "the README lost its PREFIX block"
    return {name: prefixes.group(1) + body for name, body in _BLOCK.findall(text)}


@pytest.fixture(scope="module")
def corpus_kg() -> Iterator[KnowledgeGraph]:
    with KnowledgeGraph.open("memory:") as kg:
        kg.ingest([DATA], workers=1)
        yield kg


def test_readme_has_the_four_examples() -> None:
    assert set(readme_queries()) >= {
        "who-holds-which-post",
        "sister-cities-by-status",
        "meetings-in-range",
        "evidence-of-an-edge",
        "support-of-posts",
    }


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("who-holds-which-post", "Amsakar Achmad", id="posts"),
        pytest.param("sister-cities-by-status", "Xiangyang", id="sister-cities"),
        pytest.param("meetings-in-range", "Zhang Min", id="meetings"),
        pytest.param("evidence-of-an-edge", "Wali Kota Batam", id="evidence"),
        pytest.param("support-of-posts", "Amsakar Achmad", id="support"),
    ],
)
def test_readme_query_answers(corpus_kg: KnowledgeGraph, name: str, expected: str) -> None:
    result = corpus_kg.sparql(readme_queries()[name])
    assert isinstance(result, Solutions)
    cells = {str(t.value) for row in result.rows for t in row if t is not None}
    assert any(expected in cell for cell in cells), f"{name}: no row mentions {expected!r}"


def test_each_row_is_one_fact(corpus_kg: KnowledgeGraph) -> None:
    """Written without DISTINCT, the examples still give each post holding once."""
    result = corpus_kg.sparql(readme_queries()["who-holds-which-post"])
    assert isinstance(result, Solutions)
    rows = [tuple(row) for row in result.rows]
    assert len(rows) == len(set(rows))


def test_support_counts_articles(corpus_kg: KnowledgeGraph) -> None:
    result = corpus_kg.sparql(readme_queries()["support-of-posts"])
    assert isinstance(result, Solutions)
    counts = {(row[0].value, row[1].value): int(row[2].value) for row in result.rows}  # type: ignore[union-attr]
    # Amsakar Achmad is Mayor of Batam in several bundled articles: each one counts.
    assert counts[("Amsakar Achmad", "Mayor of Batam")] >= 2
    assert all(n >= 1 for n in counts.values())
