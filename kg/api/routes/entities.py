"""``/api/entities/{id}``: one node with its properties, relations, evidence and articles."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from kg.api.deps import KGDep

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["explore"])


@router.get("/entities/{id:path}", summary="One entity, with the evidence for each relation")
def entity(
    kg: KGDep,
    id: Annotated[str, Path(max_length=500, description="e.g. person/zhang-min")],
) -> dict[str, Any]:
    return kg.entity(id)
