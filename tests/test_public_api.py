"""The names ``kg`` exports are exactly the documented ones, and each is usable."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import kg

NOTEBOOK_DOC = Path(__file__).resolve().parents[1] / "docs" / "notebook.md"

#: The public surface of the package; docs/notebook.md documents each name.
PUBLIC = {
    "Article",
    "Failure",
    "GraphView",
    "IngestSummary",
    "KGError",
    "KnowledgeGraph",
    "Processed",
    "Rows",
}


def test_all_is_exactly_the_documented_names() -> None:
    assert set(kg.__all__) == PUBLIC
    assert len(kg.__all__) == len(PUBLIC), "a name is listed twice in kg.__all__"


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_each_name_is_importable_and_documented(name: str) -> None:
    namespace: dict[str, object] = {}
    exec(f"from kg import {name}", namespace)
    obj = namespace[name]
    assert obj is getattr(kg, name)
    assert inspect.getdoc(obj), f"kg.{name} has no docstring"
    assert f"`{name}`" in NOTEBOOK_DOC.read_text(encoding="utf-8"), f"docs/notebook.md: {name}"


def test_star_import_gives_the_public_names_only() -> None:
    namespace: dict[str, object] = {}
    exec("from kg import *", namespace)
    assert set(namespace) - {"__builtins__"} == PUBLIC


def _public_methods() -> list[str]:
    return sorted(
        name
        for name, value in vars(kg.KnowledgeGraph).items()
        if not name.startswith("_") and callable(getattr(kg.KnowledgeGraph, name))
    )


def test_the_notebook_methods_are_there() -> None:
    assert set(_public_methods()) >= {
        "open", "close", "ingest", "add_article", "query", "search", "entity", "neighbors",
        "paths", "bilateral", "to_networkx", "rdflib_dataset", "export", "show",
    }  # fmt: skip


@pytest.mark.parametrize("name", _public_methods())
def test_every_public_method_has_a_runnable_example(name: str) -> None:
    doc = inspect.getdoc(getattr(kg.KnowledgeGraph, name)) or ""
    assert ">>>" in doc, f"KnowledgeGraph.{name}: no docstring example (doctests run in make test)"


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_every_public_record_has_a_runnable_example(name: str) -> None:
    obj = getattr(kg, name)
    doc = inspect.getdoc(obj) or ""
    if name == "KGError":  # the hierarchy is drawn in kg.errors' docstring
        return
    assert ">>>" in doc, f"kg.{name}: no docstring example"


# -- every public function of kg/ has a runnable example --------------------------------

#: Packages whose public functions do not all have examples yet (extraction internals,
#: the gazetteer, the benchmark); every other module of kg/ is held to the rule.
NOT_YET = ("kg.extract", "kg.resolve", "kg.bench")


def _public_callables() -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = []
    for info in pkgutil.walk_packages(kg.__path__, "kg."):
        if info.name.startswith(NOT_YET):
            continue
        module = importlib.import_module(info.name)
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if not (inspect.isfunction(obj) or inspect.isclass(obj)):
                continue
            if obj.__module__ != module.__name__:
                continue  # re-exported: checked where it is defined
            found.append((f"{info.name}.{name}", obj))
            if inspect.isclass(obj):
                for attr, value in vars(obj).items():
                    if attr.startswith("_"):
                        continue
                    if isinstance(value, property):
                        value = value.fget
                    value = getattr(value, "__func__", value)
                    if inspect.isfunction(value):
                        found.append((f"{info.name}.{name}.{attr}", getattr(obj, attr)))
    return found


def test_every_public_function_has_a_runnable_example() -> None:
    checked = _public_callables()
    assert len(checked) > 150, "the walk over kg/ found too little"
    missing = [name for name, obj in checked if ">>>" not in (inspect.getdoc(obj) or "")]
    assert not missing, "no docstring example (pytest runs them as doctests):\n" + "\n".join(
        missing
    )
