"""``/api/bilateral``: the ties between two countries."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from kg.api.deps import KGDep
from kg.api.models import Bilateral

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["explore"])

_ISO = Query(min_length=2, max_length=2, pattern="^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2")


@router.get(
    "/bilateral",
    summary="Posts, people, city pairs, agreements, events, companies",
    response_model=Bilateral,
    response_model_exclude_unset=True,
)
def bilateral(
    kg: KGDep, a: Annotated[str, _ISO] = "ID", b: Annotated[str, _ISO] = "CN"
) -> dict[str, Any]:
    return kg.bilateral(a, b)
