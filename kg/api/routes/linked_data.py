"""Linked Data: ``/id/{path}``, ``/ontology``, ``/shapes`` and ``/.well-known/void``.

The IRIs we mint (``https://w3id.org/bilateral-kg/id/...``) dereference here, with content
negotiation as the W3C "Cool URIs for the Semantic Web" note describes: an RDF client gets
the description directly (200, ``Vary: Accept``, ``Content-Location`` naming the file it
could have asked for); a browser is sent on with a 303 to the explorer's entity page.
A file extension (``.ttl``, ``.jsonld``, ``.nt``, ``.rdf``, ``.html``) picks the format
without negotiation. Unknown IRIs answer 404.

>>> sorted(route.path for route in router.routes)  # doctest: +NORMALIZE_WHITESPACE
['/.well-known/void', '/.well-known/void', '/id/{path:path}', '/id/{path:path}',
 '/ontology', '/ontology', '/ontology.{ext}', '/ontology.{ext}', '/shapes', '/shapes',
 '/shapes.{ext}', '/shapes.{ext}']
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import quote

import anyio
import pyoxigraph as ox
from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from kg.api.deps import KGDep
from kg.api.ontology_page import ontology_html
from kg.api.routes.views import CONTENT_SECURITY_POLICY
from kg.errors import NotFoundError
from kg.graph.linked_data import (
    describe,
    entity_iri,
    ontology_triples,
    shapes_triples,
    void_triples,
)
from kg.graph.results import GraphResult
from kg.graph.vocab import PREFIXES
from kg.query import protocol

__all__ = ["EXTENSIONS", "MEDIA", "router"]

_HTML = "text/html"
#: The media types offered, the first the default for ``*/*`` -> format of GraphResult.
MEDIA = {
    "text/turtle": "turtle",
    "application/ld+json": "jsonld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    _HTML: "html",
}
_ALIASES = {**protocol.GRAPH_ALIASES, "application/xhtml+xml": _HTML}
#: File extension -> media type, for links that must not depend on the Accept header.
EXTENSIONS = {
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
    "rdf": "application/rdf+xml",
    "html": _HTML,
}
_EXTENSION_OF = {media: ext for ext, media in EXTENSIONS.items()}

router = APIRouter(tags=["linked data"])

_Route = TypeVar("_Route", bound=Callable[..., Any])


def _get(path: str, **kwargs: Any) -> Callable[[_Route], _Route]:
    """``router.get`` that answers HEAD too (Linked Data clients probe with it)."""

    def register(func: _Route) -> _Route:
        router.head(path, include_in_schema=False)(func)
        return router.get(path, **kwargs)(func)

    return register


def _choose(request: Request) -> str:
    media = protocol.negotiate(request.headers.get("accept"), MEDIA, _ALIASES)
    if media is None:
        offered = ", ".join(MEDIA)
        raise HTTPException(406, f"cannot answer in any accepted type; offered: {offered}")
    return media


def _split_extension(path: str) -> tuple[str, str | None]:
    stem, dot, ext = path.rpartition(".")
    if dot and ext in EXTENSIONS and stem and not stem.endswith("/"):
        return stem, EXTENSIONS[ext]
    return path, None


def _rdf(triples: list[ox.Triple], media: str, location: str, negotiated: bool) -> Response:
    body = GraphResult(triples).serialize(MEDIA[media], prefixes=dict(PREFIXES))
    headers = {"Content-Location": f"{location}.{_EXTENSION_OF[media]}"}
    if negotiated:
        headers["Vary"] = "Accept"
    return Response(body, media_type=media, headers=headers)


@_get("/id/{path:path}", summary="Dereference an IRI")
async def entity(path: str, request: Request, kg: KGDep) -> Response:
    """The description of ``https://w3id.org/bilateral-kg/id/{path}`` in the accepted syntax."""
    stem, media = _split_extension(path)
    iri = entity_iri(stem)
    triples = await anyio.to_thread.run_sync(describe, kg, iri) if iri else []
    if not triples and media is not None:
        # A dot that belongs to the IRI itself, not a format.
        stem, media, iri = path, None, entity_iri(path)
        triples = await anyio.to_thread.run_sync(describe, kg, iri) if iri else []
    if not triples:
        raise NotFoundError(f"nothing is known about {iri or 'bkgid:' + path}")
    negotiated = media is None
    media = media or _choose(request)
    if media == _HTML:
        # The explorer's entity page; 303: the page is about the thing, it is not the thing.
        return RedirectResponse(
            f"/network#node={quote(stem, safe='/')}", status_code=303, headers={"Vary": "Accept"}
        )
    return _rdf(triples, media, f"/id/{stem}", negotiated)


def _document(
    request: Request,
    ext: str | None,
    name: str,
    triples: Callable[[], list[ox.Triple]],
    html: Callable[[], str] | None,
) -> Response:
    if ext is not None and ext not in EXTENSIONS:
        raise NotFoundError(f"no /{name}.{ext}; try one of: {', '.join(EXTENSIONS)}")
    media = EXTENSIONS[ext] if ext else _choose(request)
    if media == _HTML:
        if html is None:
            media = "text/turtle"
        else:
            headers = {"Content-Security-Policy": CONTENT_SECURITY_POLICY}
            if ext is None:
                headers["Vary"] = "Accept"
            return HTMLResponse(html(), headers=headers)
    return _rdf(triples(), media, f"/{name}", ext is None)


@_get("/ontology", summary="The ontology (OWL)")
def ontology(request: Request) -> Response:
    """``https://w3id.org/bilateral-kg/ontology``: OWL in RDF, or its HTML documentation."""
    return _document(request, None, "ontology", ontology_triples, ontology_html)


@_get("/ontology.{ext}", include_in_schema=False)
def ontology_file(ext: str, request: Request) -> Response:
    return _document(request, ext, "ontology", ontology_triples, ontology_html)


@_get("/shapes", summary="The SHACL shapes")
def shapes(request: Request) -> Response:
    """``https://w3id.org/bilateral-kg/shapes``: the SHACL shapes the data is checked against."""
    return _document(request, None, "shapes", shapes_triples, None)


@_get("/shapes.{ext}", include_in_schema=False)
def shapes_file(ext: str, request: Request) -> Response:
    return _document(request, ext, "shapes", shapes_triples, None)


@_get("/.well-known/void", summary="VoID description")
async def void(request: Request, kg: KGDep) -> Response:
    """The dataset's VoID description: counts, vocabularies, SPARQL endpoint and dump."""
    media = _choose(request)
    if media == _HTML:
        media = "text/turtle"
    base = str(request.base_url).rstrip("/")
    triples = await anyio.to_thread.run_sync(void_triples, kg, base)
    body = GraphResult(triples).serialize(
        MEDIA[media], prefixes={**PREFIXES, "void": "http://rdfs.org/ns/void#"}
    )
    return Response(body, media_type=media, headers={"Vary": "Accept"})
