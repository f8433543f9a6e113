"""``/api/overview``, ``/api/neighbors/{id}`` and ``/api/path``: walking the graph."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from kg.api.deps import KGDep, SettingsDep
from kg.api.models import Network, Paths
from kg.errors import InvalidParameterError

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["explore"])


def _split(value: str | None) -> list[str] | None:
    parts = [p.strip() for p in (value or "").split(",") if p.strip()]
    return parts or None


@router.get(
    "/neighbors/{id:path}",
    summary="The neighbourhood of a node (nodes and edges)",
    response_model=Network,
    response_model_exclude_unset=True,
)
def neighbors(
    kg: KGDep,
    settings: SettingsDep,
    id: Annotated[str, Path(max_length=500)],
    depth: Annotated[int, Query(ge=1, le=4)] = 1,
    types: Annotated[str | None, Query(description="node types to keep: Person,City")] = None,
    relations: Annotated[str | None, Query(description="relations to keep: org:holds")] = None,
    since: Annotated[date | None, Query(description="dated nodes from this day")] = None,
    until: Annotated[date | None, Query(description="dated nodes up to this day")] = None,
    limit: Annotated[int | None, Query(ge=1, le=5000)] = None,
) -> dict[str, Any]:
    if limit is not None and limit > max(settings.neighbor_limit, 200):
        raise InvalidParameterError(f"limit must be at most {max(settings.neighbor_limit, 200)}")
    return kg.neighbors(
        id,
        depth=depth,
        types=_split(types),
        relations=_split(relations),
        since=since,
        until=until,
        limit=limit,
    )


@router.get(
    "/overview",
    summary="The best-connected nodes and the facts between them",
    response_model=Network,
    response_model_exclude_unset=True,
)
def overview(kg: KGDep, limit: Annotated[int, Query(ge=1, le=2000)] = 300) -> dict[str, Any]:
    return kg.overview(limit)


@router.get(
    "/path",
    summary="The k shortest paths between two nodes, through facts",
    response_model=Paths,
    response_model_exclude_unset=True,
)
def path(
    kg: KGDep,
    source: Annotated[str, Query(alias="from", min_length=1, max_length=500)],
    target: Annotated[str, Query(alias="to", min_length=1, max_length=500)],
    max_hops: Annotated[int, Query(ge=1, le=10)] = 6,
    k: Annotated[int, Query(ge=1, le=20)] = 3,
) -> dict[str, Any]:
    return kg.paths(source, target, k=k, max_hops=max_hops)
