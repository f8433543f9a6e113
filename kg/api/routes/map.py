"""``/api/map``: places with their coordinates, agreement arcs, diplomatic posts and events."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query

from kg.analysis.viewdata import map_data
from kg.api.deps import KGDep
from kg.api.models import MapLayers

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["views"])

_ISO = Query(pattern="^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2 of one country of a pair")


@router.get(
    "/map",
    summary="The map's layers: places, agreement arcs, posts, events",
    response_model=MapLayers,
    response_model_exclude_unset=True,
)
def map_view(
    kg: KGDep,
    a: Annotated[str | None, _ISO] = None,
    b: Annotated[str | None, _ISO] = None,
    layers: Annotated[
        str | None, Query(description="comma-separated: agreements, posts, events")
    ] = None,
    since: date | None = None,
    until: date | None = None,
) -> dict[str, Any]:
    chosen = [x.strip() for x in layers.split(",") if x.strip()] if layers else None
    return map_data(kg, a=a, b=b, layers=chosen, since=since, until=until)
