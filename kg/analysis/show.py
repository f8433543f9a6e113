"""Show a subgraph in Jupyter: an interactive pyvis view that works offline.

The page is the web view's standalone snapshot (vis-network inlined, no CDN, labels
escaped); a notebook embeds it in an ``<iframe srcdoc=...>`` so that Jupyter and
JupyterLab render it inline, without loading anything from the network and without
the page's scripts reaching the notebook (the frame is sandboxed).

>>> from kg.analysis.projection import project_rows
>>> g = project_rows(nodes=[("city/b", "City", "<b>Batam</b>", "", None)], edges=[])
>>> view = GraphView(g, title="Batam")
>>> view
<GraphView 'Batam': 1 nodes, 0 edges>
>>> "<b>Batam" in view._repr_html_()
False
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping
from functools import cached_property
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import InvalidParameterError

__all__ = ["GraphView", "subgraph_of", "view_title"]


class GraphView:
    """An interactive view of a graph: inline in Jupyter, or saved as a standalone page.

    ``graph`` is a networkx projection (or part of one) whose nodes carry ``label`` and
    ``type``; ``height`` is the height of the inline frame in pixels.

    >>> from kg.analysis.projection import project_rows
    >>> g = project_rows(
    ...     nodes=[("city/b", "City", "Batam", "", None), ("city/x", "City", "X", "", None)],
    ...     edges=[("city/b", "bkg:twinnedWith", "city/x", 1)],
    ... )
    >>> page = GraphView(g, title="Twins").html
    >>> page.lstrip().lower().startswith("<!doctype html") or page.lstrip().startswith("<html")
    True
    """

    def __init__(self, graph: nx.MultiDiGraph, title: str = "bilateral-kg", height: int = 600):
        self.graph = graph
        self.title = title
        self.height = height

    @cached_property
    def html(self) -> str:
        """The standalone HTML page (vis-network inlined; opens offline in any browser)."""
        from kg.analysis.snapshot import snapshot_html

        return snapshot_html(self.graph, self.title)

    def save(self, path: str | Path) -> Path:
        """Write the standalone page to ``path`` and return the path.

        >>> import tempfile
        >>> from kg.analysis.projection import project_rows
        >>> g = project_rows(nodes=[("city/b", "City", "Batam", "", None)], edges=[])
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     saved = GraphView(g).save(Path(tmp) / "batam.html")
        ...     saved.stat().st_size > 10_000
        True
        """
        target = Path(path)
        target.write_text(self.html, encoding="utf-8")
        return target

    def _repr_html_(self) -> str:
        # srcdoc keeps the page self-contained; escaping it makes it one attribute value,
        # so no label can close the frame. Sandboxed: scripts run, but in their own origin.
        return (
            f'<iframe title="{html.escape(self.title)}" srcdoc="{html.escape(self.html)}" '
            f'style="width: 100%; height: {int(self.height) + 20}px; border: 0" '
            'sandbox="allow-scripts allow-popups"></iframe>'
        )

    def __repr__(self) -> str:
        return (
            f"<GraphView {self.title!r}: {self.graph.number_of_nodes()} nodes, "
            f"{self.graph.number_of_edges()} edges>"
        )


Neighbors = Callable[[str], Mapping[str, Any]]


def subgraph_of(graph: nx.MultiDiGraph, target: Any, neighbors: Neighbors) -> nx.MultiDiGraph:
    """The part of ``graph`` that ``target`` names, for :meth:`KnowledgeGraph.show`.

    ``target`` is a node id or name (its neighbourhood, from ``neighbors``), a result of
    ``neighbors()`` or ``paths()`` (its nodes and edges), any other result (every node
    id in it, with the edges between them) or a list of these (their union).

    >>> from kg.analysis.projection import project_rows
    >>> from kg.analysis.neighbors import neighborhood
    >>> g = project_rows(
    ...     nodes=[("person/a", "Person", "A", "", None), ("post/m", "Post", "M", "", None),
    ...            ("city/x", "City", "X", "", None)],
    ...     edges=[("person/a", "org:holds", "post/m", 1),
    ...            ("post/m", "bkg:jurisdiction", "city/x", 1)],
    ... )
    >>> around = lambda node: neighborhood(g, node)
    >>> sorted(subgraph_of(g, "person/a", around))
    ['person/a', 'post/m']
    >>> sorted(subgraph_of(g, ["person/a", "city/x"], around).edges(keys=True))
    [('person/a', 'post/m', 'org:holds'), ('post/m', 'city/x', 'bkg:jurisdiction')]
    >>> sorted(subgraph_of(g, {"a": {"id": "person/a"}, "b": [{"id": "city/x"}]}, around))
    ['city/x', 'person/a']
    """
    nodes: set[str] = set()
    edges: set[tuple[str, str, str]] = set()
    induced: set[str] = set()

    def take_edges(items: Iterable[Mapping[str, Any]]) -> None:
        for edge in items:
            edges.add((edge["source"], edge["target"], edge["relation"]))

    def visit(item: Any, top: bool = False) -> None:
        # Strings name entities only at the top (or in a top-level list): inside a
        # result they are labels, dates and IRIs.
        if isinstance(item, str):
            if top:
                visit(neighbors(item))
        elif isinstance(item, Mapping) and isinstance(item.get("paths"), list):
            visit(item["paths"])
            induced.update(k for k in (item.get("from"), item.get("to")) if isinstance(k, str))
        elif isinstance(item, Mapping) and isinstance(item.get("edges"), list):
            for node in item.get("nodes") or ():
                nodes.add(node["id"] if isinstance(node, Mapping) else node)
            take_edges(item["edges"])
        elif isinstance(item, Mapping):
            if isinstance(item.get("id"), str):
                induced.add(item["id"])
            for value in item.values():
                visit(value)
        elif isinstance(item, Iterable):
            for value in item:
                visit(value, top)

    if isinstance(target, nx.Graph):
        return target
    visit(target, top=True)
    nodes = {n for n in nodes | induced if n in graph}
    if not nodes:
        raise InvalidParameterError("nothing to show: no node of the graph in the target")
    result: nx.MultiDiGraph = graph.subgraph(nodes).copy()
    if edges:
        # Given edges (a neighbourhood, a path) are what to draw; edges only between two
        # induced nodes (of a summary) stay as well.
        result.remove_edges_from(
            [
                (s, o, key)
                for s, o, key in result.edges(keys=True)
                if (s, o, key) not in edges and not (s in induced and o in induced)
            ]
        )
    return result


def view_title(graph: nx.MultiDiGraph, target: Any) -> str:
    """A view's default title: the labels of the nodes it was asked for.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("city/batam", label="Batam")
    >>> view_title(g, ["city/batam", "city/xy"]), view_title(g, None)
    ('Batam – city/xy', 'bilateral-kg')
    """
    names = [target] if isinstance(target, str) else target
    if isinstance(names, list | tuple) and names and all(isinstance(n, str) for n in names):
        labels = [graph.nodes[n]["label"] if n in graph else n for n in names]
        return " – ".join(labels)
    return "bilateral-kg"
