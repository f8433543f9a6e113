"""A standalone HTML snapshot of a view: one file that opens offline anywhere.

pyvis builds the node, edge and option data; the page is our own template because
pyvis' templates link Bootstrap and vis-network from CDNs. vis-network's JavaScript
and CSS (the copy pyvis ships) are inlined, the data is embedded as JSON with ``<``,
``>`` and ``&`` escaped, and labels and tooltips are plain strings, which vis-network
draws on the canvas or shows with ``innerText``: text from articles never becomes
markup. A Content-Security-Policy forbids every network request.

>>> g = nx.MultiDiGraph()
>>> g.add_node("person/a", type="Person", label="<script>alert(1)</script>", labels={})
>>> g.add_node("city/b", type="City", label="Batam", labels={"": "Batam"})
>>> _ = g.add_edge("person/a", "city/b", key="bkg:basedIn", relation="bkg:basedIn", weight=1)
>>> page = snapshot_html(g, "A <b>view</b>")
>>> "<script>alert" in page, "\\\\u003cscript\\\\u003ealert(1)" in page, "://cdn" in page
(False, True, False)
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from importlib.metadata import version
from typing import Any

import networkx as nx
from jinja2 import Environment
from pyvis.network import Network

from kg.graph.domain import CATEGORY_STYLE, category_of

__all__ = ["CATEGORY_STYLE", "snapshot_html"]

# Colours and shapes per category come from the ontology (kg.graph.domain), like the web's.

_SIZE = {"country": 22, "city": 16, "province": 16, "person": 14, "post": 12, "agreement": 15}

_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data: blob:; font-src data:; base-uri 'none'; form-action 'none'"
)

_TEMPLATE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{ csp }}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="bilateral-kg (pyvis {{ pyvis_version }}, vis-network 9.1.2)">
<title>{{ title }}</title>
<style>{{ vis_css | safe }}</style>
<style>
  html, body { margin: 0; height: 100%; font-family: system-ui, sans-serif; color: #1e293b; }
  body { display: flex; flex-direction: column; }
  header { padding: 8px 14px; border-bottom: 1px solid #e2e8f0; display: flex; gap: 16px;
           align-items: baseline; flex-wrap: wrap; }
  h1 { font-size: 16px; margin: 0; }
  .meta { color: #64748b; font-size: 12px; }
  .legend { display: flex; gap: 10px; flex-wrap: wrap; font-size: 12px; }
  .legend span::before { content: ""; display: inline-block; width: 10px; height: 10px;
                         margin-right: 4px; background: var(--c); border-radius: 2px; }
  #network { flex: 1; min-height: 400px; }
</style>
</head>
<body>
<header>
  <h1>{{ title }}</h1>
  <span class="meta">{{ node_count }} nodes · {{ edge_count }} edges</span>
  <div class="legend">{% for name, color in legend -%}
    <span style="--c: {{ color }}">{{ name }}</span>
  {%- endfor %}</div>
</header>
<div id="network"></div>
<script>{{ vis_js | safe }}</script>
<script>
(function () {
  "use strict";
  var nodes = new vis.DataSet({{ nodes_json | safe }});
  var edges = new vis.DataSet({{ edges_json | safe }});
  var options = {{ options_json | safe }};
  var network = new vis.Network(document.getElementById("network"),
                                {nodes: nodes, edges: edges}, options);
  window.__snapshot = {ready: false, nodes: nodes.length, edges: edges.length, network: network};
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({physics: {enabled: false}});
    window.__snapshot.ready = true;
  });
})();
</script>
</body>
</html>
"""


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    lib = resources.files("pyvis") / "templates" / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    # Inlined text must not be able to end its own element.
    if "</script" in js.lower() or "</style" in css.lower():  # pragma: no cover - vendor check
        raise RuntimeError("vis-network assets cannot be inlined safely")
    return js, css


def _json(value: Any) -> str:
    """JSON safe inside a <script> element: no tag can open or close in it."""
    text = json.dumps(value, ensure_ascii=False)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _label(data: dict[str, Any], node: str) -> str:
    labels = data.get("labels") or {}
    text = labels.get("") or labels.get("en") or labels.get("id") or data.get("label") or node
    return str(text)


def _network(graph: nx.MultiDiGraph) -> Network:
    net = Network(directed=True, cdn_resources="in_line", height="100%", width="100%")
    big = graph.number_of_nodes() > 400
    for node, data in graph.nodes(data=True):
        category = category_of(str(data.get("type")))
        color, shape = CATEGORY_STYLE[category]
        label = _label(data, node)
        tooltip = "\n".join(str(x) for x in (label, data.get("type"), data.get("date"), node) if x)
        net.add_node(
            node,
            label=label if len(label) <= 42 else label[:41] + "…",
            title=tooltip,
            shape=shape,
            color=color,
            size=_SIZE.get(category, 10),
        )
    for source, target, key, data in graph.edges(keys=True, data=True):
        relation = str(data.get("relation", key))
        weight = int(data.get("weight", 1) or 1)
        net.add_edge(
            source,
            target,
            title=f"{relation} ({weight})",
            width=min(1 + weight, 5),
            dashes=relation == "prov:wasDerivedFrom",
        )
    net.set_options(
        json.dumps(
            {
                "nodes": {"font": {"size": 12, "strokeWidth": 3, "strokeColor": "#ffffff"}},
                "edges": {
                    "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
                    "color": {"color": "#94a3b8", "inherit": False},
                    "smooth": False if big else {"type": "continuous"},
                },
                "interaction": {"hover": not big, "hideEdgesOnDrag": big, "tooltipDelay": 200},
                "layout": {"improvedLayout": graph.number_of_nodes() <= 150},
                "physics": {
                    "solver": "barnesHut",
                    "barnesHut": {"gravitationalConstant": -5000, "springLength": 100},
                    "minVelocity": 1.5,
                    "stabilization": {"iterations": 60 if big else 200, "fit": True},
                },
            }
        )
    )
    return net


def snapshot_html(graph: nx.MultiDiGraph, title: str) -> str:
    """A standalone HTML page drawing ``graph`` (a projection or a part of one).

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("city/b", type="City", label="Batam", labels={"en": "Batam"})
    >>> page = snapshot_html(g, "Batam")
    >>> page.startswith("<!doctype html>"), "<title>Batam</title>" in page
    (True, True)
    """
    net = _network(graph)
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    js, css = _vis_assets()
    categories = {category_of(str(d.get("type"))) for _, d in graph.nodes(data=True)}
    legend = [(name, CATEGORY_STYLE[name][0]) for name in CATEGORY_STYLE if name in categories]
    env = Environment(autoescape=True)
    return env.from_string(_TEMPLATE).render(
        csp=_CSP,
        title=title,
        vis_js=js,
        vis_css=css,
        nodes_json=_json(nodes),
        edges_json=_json(edges),
        options_json=_json(json.loads(options) if isinstance(options, str) else options),
        node_count=len(nodes),
        edge_count=len(edges),
        legend=legend,
        pyvis_version=version("pyvis"),
    )
