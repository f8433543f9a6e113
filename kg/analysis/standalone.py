"""The map and the timeline as standalone pages, for notebooks: ``KnowledgeGraph.map()``
and ``KnowledgeGraph.timeline()`` show them inline, offline, like ``show()``.

Each page inlines what the web view serves from ``web/``: the vendored libraries, the
Natural Earth shapes and the drawing modules ``web/js/geomap.js`` and
``web/js/timeaxis.js`` (the same code as the browser app, with its ``export``
keywords dropped), plus the data as JSON that cannot close its ``<script>``.

>>> page = MapView({"places": [], "agreements": [], "posts": [], "events": []}).html
>>> "geoNaturalEarth1" in page and "<script src=" not in page
True
>>> TimelineView({"items": [{"id": "x", "label": "</script><b>", "kind": "event",
...               "date": "2025-01-02", "type": "Meeting"}]}).html.count("</script><b>")
0
"""

from __future__ import annotations

import html
import json
import re
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from kg.config import PROJECT_DIR
from kg.graph.domain import STATUS_COLORS, STATUS_ORDER

__all__ = ["MapView", "TimelineView"]

WEB = PROJECT_DIR / "web"


@cache
def _asset(relative: str) -> str:
    return (WEB / relative).read_text(encoding="utf-8")


def _module(relative: str) -> str:
    """A web/js module as a classic script: its ``export`` keywords dropped."""
    return re.sub(r"^export ", "", _asset(relative), flags=re.MULTILINE)


def _json(value: Any) -> str:
    # "<" escaped, so no label can end the script element it sits in.
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")


def _script(code: str) -> str:
    return "<script>" + code.replace("</script", "<\\/script") + "</script>"


class _Standalone:
    """What both views share: ``html``, ``save()`` and the inline notebook frame."""

    kind = "view"

    def __init__(self, data: dict[str, Any], title: str = "bilateral-kg", height: int = 560):
        self.data = data
        self.title = title
        self.height = height

    @cached_property
    def html(self) -> str:
        raise NotImplementedError

    def save(self, path: str | Path) -> Path:
        """Write the standalone page to ``path`` and return the path."""
        target = Path(path)
        target.write_text(self.html, encoding="utf-8")
        return target

    def _repr_html_(self) -> str:
        # As GraphView: srcdoc keeps the page whole and offline, the sandbox keeps its
        # scripts away from the notebook.
        return (
            f'<iframe title="{html.escape(self.title)}" srcdoc="{html.escape(self.html)}" '
            f'style="width: 100%; height: {int(self.height) + 20}px; border: 0" '
            'sandbox="allow-scripts allow-popups"></iframe>'
        )

    def _page(self, head: str, body: str) -> str:
        return (
            "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>{html.escape(self.title)}</title>{head}"
            "<style>body{margin:0;font:13px system-ui,sans-serif;color:#0f172a}"
            "h1{font-size:15px;margin:6px 10px}.legend{margin:0 10px 4px;color:#475569}"
            ".legend span{margin-right:14px}</style></head>"
            f"<body><h1>{html.escape(self.title)}</h1>{body}</body></html>"
        )


class MapView(_Standalone):
    """The map (:func:`kg.analysis.viewdata.map_data`) as a page: arcs coloured by status,
    posts from sending country to seat, event marks; pan with the mouse, zoom with the
    wheel. ``window.__snapshot.ready`` turns true once it is drawn.

    >>> MapView({"agreements": [], "posts": [], "events": []}, title="Empty")
    <MapView 'Empty': 0 agreements, 0 posts, 0 events>
    """

    kind = "map"

    @cached_property
    def html(self) -> str:
        # Statuses in their order and colours from the ontology; an ended tie is dashed.
        statuses = "".join(
            f"<span style='color:{color}'>{'┅' if status == 'Ended' else '━'} "
            f"{status.lower()}</span>"
            for status, color in STATUS_COLORS.items()
        )
        legend = (
            "<p class='legend'>" + statuses + "<span style='color:#7c3aed'>┄ diplomatic post</span>"
            "<span style='color:#dc2626'>● events</span></p>"
        )
        boot = f"""
const data = {_json(self.data)};
const topology = {_asset("vendor/world-atlas/countries-50m.json")};
const svg = document.getElementById("map");
window.__snapshot = {{ ready: false }};
window.__snapshot.map = drawMap(svg, data, {{ d3geo: window.d3geo, topology, width: 1100,
  height: {int(self.height) - 60}, statusColors: {_json(STATUS_COLORS)},
  statusOrder: {_json(STATUS_ORDER)} }});
window.__snapshot.ready = true;
"""
        body = (
            legend + f"<svg id='map' role='img' aria-label='{html.escape(self.title)}' "
            f"style='width:100%;height:{int(self.height) - 60}px'></svg>"
            + _script(_asset("vendor/d3-geo/d3-geo-topojson.min.js"))
            + _script(_module("js/geomap.js"))
            + _script(boot)
        )
        return self._page("", body)

    def __repr__(self) -> str:
        d = self.data
        return (
            f"<MapView {self.title!r}: {len(d.get('agreements', []))} agreements, "
            f"{len(d.get('posts', []))} posts, {len(d.get('events', []))} events>"
        )


class TimelineView(_Standalone):
    """The timeline (:func:`kg.analysis.viewdata.timeline_data`) as a page: events and
    agreement status changes on a vis-timeline. ``window.__snapshot.ready`` turns true
    once it is drawn.

    >>> TimelineView({"items": []}, title="Empty")
    <TimelineView 'Empty': 0 items>
    """

    kind = "timeline"

    @cached_property
    def html(self) -> str:
        css = (
            "<style>"
            + _asset("vendor/vis-timeline/vis-timeline-graph2d.min.css")
            + "".join(
                f".vis-item.vis-dot.tl-{status}{{border-color:{color}}}"
                for status, color in STATUS_COLORS.items()
            )
            + ".vis-item.vis-dot.tl-event{border-color:#dc2626}</style>"
        )
        boot = f"""
const data = {_json(self.data)};
window.__snapshot = {{ ready: false }};
window.__snapshot.timeline = buildTimeline(document.getElementById("timeline"), data,
  {{ vis: window.vis, height: "{int(self.height) - 50}px" }});
window.__snapshot.ready = true;
"""
        body = (
            "<div id='timeline'></div>"
            + _script(_asset("vendor/vis-timeline/vis-timeline-graph2d.min.js"))
            + _script(_module("js/timeaxis.js"))
            + _script(boot)
        )
        return self._page(css, body)

    def __repr__(self) -> str:
        return f"<TimelineView {self.title!r}: {len(self.data.get('items', []))} items>"
