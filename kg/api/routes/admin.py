"""``/api/stats`` and ``/api/export``."""

from __future__ import annotations

import io
from typing import Annotated, Any, Literal

import anyio
from fastapi import APIRouter, Query, Response

from kg.api.deps import KGDep
from kg.api.models import Stats

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["admin"])

#: Export format -> (media type, file extension).
EXPORTS = {
    "trig": ("application/trig", "trig"),
    "nquads": ("application/n-quads", "nq"),
    "turtle": ("text/turtle", "ttl"),
    "jsonld": ("application/ld+json", "jsonld"),
    "graphml": ("application/graphml+xml", "graphml"),
    "gexf": ("application/gexf+xml", "gexf"),
}


@router.get(
    "/stats",
    summary="Quads, articles and nodes per class",
    response_model=Stats,
    response_model_exclude_unset=True,
)
def stats(kg: KGDep) -> dict[str, Any]:
    found = kg.stats()
    return {"quads": found.quads, "articles": found.articles, "by_class": found.by_class}


@router.get(
    "/export",
    summary="The whole graph as a file",
    response_class=Response,
    responses={200: {"content": {media: {} for media, _ in EXPORTS.values()}}},
)
async def export(
    kg: KGDep,
    format: Annotated[
        Literal["trig", "nquads", "turtle", "jsonld", "graphml", "gexf"], Query()
    ] = "trig",
) -> Response:
    def write() -> bytes:
        buffer = io.BytesIO()
        kg.export(buffer, format)
        return buffer.getvalue()

    body = await anyio.to_thread.run_sync(write)
    media, extension = EXPORTS[format]
    return Response(
        body,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="bilateral-kg.{extension}"'},
    )
