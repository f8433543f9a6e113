"""``/api/analytics/...``: centrality and communities over the fact graph."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from kg.api.deps import KGDep
from kg.api.models import Centrality, Communities

__all__ = ["router"]

router = APIRouter(prefix="/api/analytics", tags=["analytics"])


@router.get(
    "/centrality",
    summary="Most central nodes by degree, betweenness or PageRank",
    response_model=Centrality,
    response_model_exclude_unset=True,
)
def centrality(
    kg: KGDep,
    measure: Annotated[Literal["degree", "betweenness", "pagerank"], Query()] = "degree",
    type: Annotated[str | None, Query(description="node types, comma-separated")] = None,
    top: Annotated[int, Query(ge=1, le=1000)] = 20,
) -> dict[str, Any]:
    return {"measure": measure, "results": kg.centrality(measure, type=type, top=top)}


@router.get(
    "/communities",
    summary="Louvain communities, largest first",
    response_model=Communities,
    response_model_exclude_unset=True,
)
def communities(kg: KGDep) -> dict[str, Any]:
    return {"communities": kg.communities()}
