"""``POST /api/snapshot``: the current view of the explorer as one standalone HTML page.

The page is drawn by pyvis/vis-network with everything inlined (see
:mod:`kg.analysis.snapshot`), so it can be mailed or archived and opened offline.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from kg.analysis.snapshot import snapshot_html
from kg.api.deps import KGDep
from kg.errors import NotFoundError

__all__ = ["SnapshotRequest", "router"]

router = APIRouter(prefix="/api", tags=["export"])

#: The view never holds more; a bigger request is a mistake or an abuse.
MAX_NODES = 5000


class SnapshotRequest(BaseModel):
    """The body of ``POST /api/snapshot``: node ids and an optional title.

    >>> SnapshotRequest(nodes=["city/batam-6295587"]).title
    'bilateral-kg snapshot'
    """

    nodes: Annotated[
        list[Annotated[str, Field(max_length=500)]],
        Field(min_length=1, max_length=MAX_NODES, description="Ids of the nodes in the view"),
    ]
    title: Annotated[str, Field(max_length=200)] = "bilateral-kg snapshot"


@router.post(
    "/snapshot",
    response_class=HTMLResponse,
    summary="A standalone HTML snapshot of the given nodes and the edges between them",
)
def snapshot(request: SnapshotRequest, kg: KGDep) -> HTMLResponse:
    graph = kg.to_networkx()
    wanted = [node for node in dict.fromkeys(request.nodes) if node in graph]
    if not wanted:
        raise NotFoundError("none of the requested nodes is in the graph")
    page = snapshot_html(graph.subgraph(wanted).copy(), request.title or "bilateral-kg snapshot")
    return HTMLResponse(
        page,
        headers={
            "Content-Disposition": 'inline; filename="bilateral-kg-snapshot.html"',
            "X-Content-Type-Options": "nosniff",
        },
    )
