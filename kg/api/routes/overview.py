"""``/api/summary`` (the landing page) and ``/api/overview/network`` (large network views)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from kg.analysis.viewdata import landing_data
from kg.api.deps import KGDep
from kg.api.models import Landing, Network

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["views"])

#: Past this the browser's WebGL view still draws, but nobody reads it: aggregate instead.
LARGE_LIMIT = 20_000


@router.get(
    "/summary",
    summary="Totals, ties by country pair, latest events, most cited",
    response_model=Landing,
    response_model_exclude_unset=True,
)
def summary(kg: KGDep, top: Annotated[int, Query(ge=1, le=100)] = 10) -> dict[str, Any]:
    return landing_data(kg, top)


@router.get(
    "/overview/network",
    summary="The best-connected nodes, for large (WebGL) views",
    response_model=Network,
    response_model_exclude_unset=True,
)
def large_overview(
    kg: KGDep, limit: Annotated[int, Query(ge=1, le=LARGE_LIMIT)] = 5000
) -> dict[str, Any]:
    return kg.overview(limit)
