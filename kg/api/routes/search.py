"""``/api/search``: find nodes by name or alias."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from kg.api.deps import KGDep
from kg.api.models import SearchResults

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["explore"])


@router.get(
    "/search",
    summary="Find nodes by name or alias (accents and case ignored)",
    response_model=SearchResults,
    response_model_exclude_unset=True,
)
def search(
    kg: KGDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="a name or part of one")],
    type: Annotated[
        str | None, Query(description="node types, comma-separated: City,Person")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> dict[str, Any]:
    return {"query": q, "results": kg.search(q, type=type, limit=limit)}
