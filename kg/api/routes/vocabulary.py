"""``/api/vocabulary``: the ontology's display tables, the one copy the browser reads."""

from __future__ import annotations

import hashlib
import json
from functools import cache

from fastapi import APIRouter, Request, Response

from kg.api.models import Vocabulary
from kg.graph.domain import vocabulary as _vocabulary

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["explore"])


@cache
def _body() -> tuple[bytes, str]:
    """The JSON once per process (the ontology file does not change while serving)."""
    body = json.dumps(_vocabulary(), ensure_ascii=False, separators=(",", ":")).encode()
    return body, '"' + hashlib.sha256(body).hexdigest()[:20] + '"'


@router.get(
    "/vocabulary",
    summary="Status order, class colours and shapes, relation order and labels (en, id)",
    response_model=Vocabulary,
)
def vocabulary(request: Request) -> Response:
    body, etag = _body()
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)
