"""``/api/entities/{id}``: one node with its properties, relations, evidence and articles;
``/api/evidence``: the sentences behind one fact, page by page."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from kg.api.deps import KGDep
from kg.api.models import Entity, EvidencePage

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["explore"])


@router.get(
    "/entities/{id:path}",
    summary="One entity, with the evidence for each relation",
    response_model=Entity,
    response_model_exclude_unset=True,
)
def entity(
    kg: KGDep,
    id: Annotated[str, Path(max_length=500, description="e.g. person/zhang-min")],
    limit: Annotated[int, Query(ge=1, le=200, description="Relations per direction")] = 25,
    offset: Annotated[int, Query(ge=0, le=1_000_000, description="Skip this many")] = 0,
    evidence: Annotated[int, Query(ge=0, le=20, description="Sentences per relation")] = 3,
) -> dict[str, Any]:
    return kg.entity(id, limit=limit, offset=offset, evidence=evidence)


@router.get(
    "/evidence",
    summary="The sentences stating one fact, newest first, page by page",
    response_model=EvidencePage,
    response_model_exclude_unset=True,
)
def evidence(
    kg: KGDep,
    subject: Annotated[str, Query(max_length=500, description="e.g. person/zhang-min")],
    predicate: Annotated[str, Query(max_length=500, description="e.g. org:holds")],
    object: Annotated[str, Query(max_length=500, description="an id, CURIE or IRI")],
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 20,
) -> dict[str, Any]:
    return kg.evidence(subject, predicate, object, offset=offset, limit=limit)
