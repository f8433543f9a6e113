"""The benchmark reads the example queries users see from where they live."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.bench.queries import (
    README,
    SPARQL_PAGE_EXAMPLES,
    example_queries,
    readme_examples,
    sparql_page_examples,
)
from kg.errors import ConfigError
from kg.graph.store import open_store


def test_every_readme_block_is_read() -> None:
    text = README.read_text(encoding="utf-8")
    names = re.findall(r"<!-- query: ([\w-]+) -->", text)
    examples = readme_examples()
    assert list(examples) == names
    for query in examples.values():
        assert query.startswith("PREFIX")


def test_every_sparql_page_example_is_read() -> None:
    keys = re.findall(r'key:\s*"([^"]+)"', SPARQL_PAGE_EXAMPLES.read_text(encoding="utf-8"))
    examples = sparql_page_examples()
    assert list(examples) == keys
    for query in examples.values():
        assert "${" not in query


def test_the_examples_parse_as_sparql() -> None:
    store = open_store("memory:")
    for name, query in example_queries().items():
        store.query(query)  # raises QueryError on a malformed query
        assert name.startswith(("README ", "SPARQL page "))


def test_the_page_examples_can_be_read_from_elsewhere(tmp_path: Path) -> None:
    module = tmp_path / "examples.js"
    module.write_text(
        "const PREFIXES = `PREFIX ex: <http://ex/>\n`;\n"
        "export const EXAMPLES = [\n"
        '  { key: "one", query: `${PREFIXES}SELECT * WHERE { ?s ex:p \\`x\\` }` },\n'
        "];\n",
        encoding="utf-8",
    )
    assert sparql_page_examples(module) == {
        "one": "PREFIX ex: <http://ex/>\nSELECT * WHERE { ?s ex:p `x` }"
    }


def test_unreadable_example_sources_name_the_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.js"
    empty.write_text("export const EXAMPLES = [];\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"empty\.js: no examples"):
        sparql_page_examples(empty)
    other = tmp_path / "other.js"
    other.write_text('{ key: "x", query: `${OTHER} SELECT * {}` }', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"other\.js: example 'x' uses a template value"):
        sparql_page_examples(other)
    readme = tmp_path / "README.md"
    readme.write_text("# nothing here\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"README\.md: no PREFIX block"):
        readme_examples(readme)
