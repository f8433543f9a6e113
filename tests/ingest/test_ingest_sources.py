"""``KnowledgeGraph.ingest`` takes one path as one source, never as its characters."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import KnowledgeGraph
from kg.config import PROJECT_DIR

ARTICLES = PROJECT_DIR / "data" / "articles"


def _bundled() -> int:
    return sum(1 for p in ARTICLES.rglob("*") if p.is_file() and not p.name.startswith("."))


@pytest.mark.parametrize("source", [str(ARTICLES), ARTICLES], ids=["str", "Path"])
def test_a_single_folder_is_one_source(source: str | Path) -> None:
    with KnowledgeGraph.open("memory:") as kg:
        summary = kg.ingest(source, workers=1)
        assert summary.ok, str(summary)
        assert summary.stored > 0
        # Every bundled article, and nothing from elsewhere on the file system.
        assert kg.stats().articles == summary.stored <= _bundled()
        assert not summary.failed


def test_the_relative_path_from_the_issue(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PROJECT_DIR)
    with KnowledgeGraph.open("memory:") as kg:
        summary = kg.ingest("data/articles", workers=1)
        assert summary.stored == kg.stats().articles > 40


def test_a_single_file_is_one_source() -> None:
    first = sorted(ARTICLES.glob("*.txt"))[0]
    with KnowledgeGraph.open("memory:") as kg:
        assert kg.ingest(str(first), workers=1).stored == 1


@pytest.mark.parametrize("bad", [42, None, b"data/articles", 3.5])
def test_other_non_iterables_are_a_clear_type_error(bad: object) -> None:
    with KnowledgeGraph.open("memory:") as kg, pytest.raises(TypeError, match="ingest\\(\\) takes"):
        kg.ingest(bad)  # type: ignore[arg-type]


def test_a_bad_item_in_a_list_is_named() -> None:
    with KnowledgeGraph.open("memory:") as kg, pytest.raises(TypeError, match="item 1"):
        kg.ingest([str(ARTICLES), 7])  # type: ignore[list-item]
