"""The web view: the overview at ``/``, the map, the timeline and the network
explorer, their assets under ``/static/`` and the SPARQL page a browser sees at
``/sparql``.

Every asset the pages need (vis-network, sigma, d3-geo, vis-timeline, the world map
included) is served from ``web/`` so the views work without any network beyond this
server.

>>> sorted(route.path for route in router.routes)
['/', '/map', '/network', '/sparql.html', '/static/{path:path}', '/timeline']
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, Response

from kg.config import PROJECT_DIR

__all__ = ["CONTENT_SECURITY_POLICY", "WEB_DIR", "router", "sparql_page"]

#: The browser app: overview.html, map.html, timeline.html, network.html, sparql.html,
#: js/, css/, i18n/, vendor/.
WEB_DIR: Path = PROJECT_DIR / "web"

# Modules must be served as JavaScript whatever the host's mime.types says.
_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".html": "text/html; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".txt": "text/plain; charset=utf-8",
}

# The files change with the code; revalidating keeps a reload honest and is cheap locally.
_NO_CACHE = {"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}

#: The pages may load and fetch only from this server: a second wall, behind inserting
#: article text as text only, against markup smuggled in through an article.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
_PAGE_HEADERS = {
    **_NO_CACHE,
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "no-referrer",
}

router = APIRouter(tags=["web view"])


def _page(name: str) -> Response:
    return FileResponse(WEB_DIR / name, media_type=_TYPES[".html"], headers=_PAGE_HEADERS)


@router.get("/", include_in_schema=False)
def index() -> Response:
    """The landing page: what is in the graph, each part a way into a focused view."""
    return _page("overview.html")


@router.get("/map", include_in_schema=False)
def map_page() -> Response:
    """Agreements, posts and events on a world map (offline: Natural Earth shapes)."""
    return _page("map.html")


@router.get("/timeline", include_in_schema=False)
def timeline_page() -> Response:
    """Events and agreement status changes on a time axis."""
    return _page("timeline.html")


@router.get("/network", include_in_schema=False)
def network_page() -> Response:
    """The network explorer (vis-network; sigma.js WebGL for large views)."""
    return _page("network.html")


@router.get("/sparql.html", include_in_schema=False)
def sparql_page() -> Response:
    """The SPARQL editor; the ``/sparql`` route returns it to a browser without a query.

    >>> sparql_page().path.name
    'sparql.html'
    """
    return _page("sparql.html")


# A plain route rather than a StaticFiles mount: mounts on an APIRouter are not
# carried over by include_router in every FastAPI version.
@router.get("/static/{path:path}", include_in_schema=False)
def static(path: str) -> Response:
    """A file under ``web/``; nothing outside it, no directory listings."""
    root = WEB_DIR.resolve()
    target = (root / path).resolve()
    if not target.is_relative_to(root) or not target.is_file():
        raise HTTPException(status_code=404, detail=f"no asset {path!r}")
    media = _TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0]
    return FileResponse(target, media_type=media or "application/octet-stream", headers=_NO_CACHE)
