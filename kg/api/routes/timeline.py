"""``/api/timeline``: dated events and agreement status changes."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query

from kg.analysis.viewdata import timeline_data
from kg.api.deps import KGDep
from kg.api.models import Timeline

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["views"])

_ISO = Query(pattern="^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2 of one country of a pair")


@router.get(
    "/timeline",
    summary="Events and status changes: all, one entity or a country pair",
    response_model=Timeline,
    response_model_exclude_unset=True,
)
def timeline_view(
    kg: KGDep,
    entity: Annotated[str | None, Query(description="an entity id or exact name")] = None,
    a: Annotated[str | None, _ISO] = None,
    b: Annotated[str | None, _ISO] = None,
    since: date | None = None,
    until: date | None = None,
) -> dict[str, Any]:
    return timeline_data(kg, entity=entity, a=a, b=b, since=since, until=until)
