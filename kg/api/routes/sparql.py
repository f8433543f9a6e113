"""``/sparql``: the SPARQL 1.1 Protocol endpoint (query and update).

Queries are evaluated by the app's query runner (:mod:`kg.query.pool`): worker
processes over an embedded store, killed at the deadline, or threads for a ``memory:``
or remote store. Each query is charged to its client's budget (:mod:`kg.api.budget`);
a client over budget gets 429. Updates run here, in the process holding the store,
and never wait behind queries.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from urllib.parse import parse_qsl

import anyio
from fastapi import APIRouter, HTTPException, Request, Response

from kg.api.budget import Budgets, is_local
from kg.api.deps import KGDep, SettingsDep, check_write_access
from kg.errors import QueryError, QueryTimeoutError, ResultTooLargeError
from kg.graph.results import GraphResult
from kg.query import protocol
from kg.query.pool import QueryRunner, evaluate
from kg.query.worker import Job, NotAcceptableError

__all__ = ["router"]

router = APIRouter(tags=["sparql"])

_POSITION = re.compile(r"error at (\d+):(\d+)")
_FORM = "application/x-www-form-urlencoded"
_QUERY = "application/sparql-query"
_UPDATE = "application/sparql-update"


def _bad(detail: str, status: int = 400, headers: dict[str, str] | None = None) -> HTTPException:
    return HTTPException(status_code=status, detail=detail, headers=headers)


def _one(params: list[tuple[str, str]], name: str) -> str | None:
    values = [v for k, v in params if k == name]
    if len(values) > 1:
        raise _bad(f"give exactly one '{name}' parameter, not {len(values)}")
    return values[0] if values else None


def _all(params: list[tuple[str, str]], name: str) -> list[str]:
    values = [v for k, v in params if k == name]
    for value in values:
        if not value or any(c in value for c in '<>" {}|\\^`\n'):
            raise _bad(f"{name} must be an absolute IRI, not {value!r}")
    return values


def _media_type(request: Request) -> tuple[str, str | None]:
    header = request.headers.get("content-type")
    if not header:
        raise _bad(f"a POST needs a Content-Type: {_FORM}, {_QUERY} or {_UPDATE}", status=415)
    media, *params = (p.strip() for p in header.split(";"))
    charset = None
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media.lower(), charset


async def _text_body(request: Request, charset: str | None) -> str:
    if charset not in (None, "utf-8", "utf8"):
        raise _bad(f"the body must be UTF-8, not {charset}", status=415)
    try:
        return (await request.body()).decode("utf-8")
    except UnicodeDecodeError:
        raise _bad("the body is not valid UTF-8") from None


@router.get(
    "/sparql",
    summary="SPARQL query by GET; the Service Description without a query",
    response_class=Response,
    responses={200: {"content": {m: {} for m in [*protocol.RESULT_MEDIA, *protocol.GRAPH_MEDIA]}}},
)
async def sparql_get(request: Request, kg: KGDep, settings: SettingsDep) -> Response:
    params = list(request.query_params.multi_items())
    if any(k == "update" for k, _ in params):
        raise _bad("updates are only accepted by POST", status=405, headers={"Allow": "POST"})
    query = _one(params, "query")
    if query is None:
        return await _service_description(request, kg, settings)
    if protocol.accepts_html(request.headers.get("accept")):
        # A browser following a query link: the query page runs it and shows a table.
        from kg.api.routes import views

        return views.sparql_page()
    return await _run_query(request, kg, settings, query, params)


@router.post(
    "/sparql",
    summary="SPARQL query or update by POST (form, or direct with its media type)",
    response_class=Response,
    responses={200: {"content": {m: {} for m in [*protocol.RESULT_MEDIA, *protocol.GRAPH_MEDIA]}}},
)
async def sparql_post(request: Request, kg: KGDep, settings: SettingsDep) -> Response:
    media, charset = _media_type(request)
    params = list(request.query_params.multi_items())
    if media == _FORM:
        text = await _text_body(request, charset)
        params += parse_qsl(text, keep_blank_values=True)
        query, update = _one(params, "query"), _one(params, "update")
        if query is not None and update is not None:
            raise _bad("give either 'query' or 'update', not both")
        if query is not None:
            return await _run_query(request, kg, settings, query, params)
        if update is not None:
            return await _run_update(request, kg, settings, update, params)
        raise _bad("the form has neither a 'query' nor an 'update' parameter")
    if media in (_QUERY, _UPDATE):
        if any(k in ("query", "update") for k, _ in params):
            raise _bad(f"with {media} the operation goes in the body, not the URL")
        text = await _text_body(request, charset)
        if media == _QUERY:
            return await _run_query(request, kg, settings, text, params)
        return await _run_update(request, kg, settings, text, params)
    raise _bad(f"unsupported media type {media}; use {_FORM}, {_QUERY} or {_UPDATE}", status=415)


@router.api_route("/sparql", methods=["PUT", "DELETE", "PATCH"], include_in_schema=False)
async def sparql_other() -> Response:
    # Without this, the router's 405 would name only the first of the GET and POST routes.
    raise _bad("the SPARQL protocol uses GET and POST", status=405, headers={"Allow": "GET, POST"})


async def _run_query(
    request: Request, kg: KGDep, settings: SettingsDep, query: str, params: list[tuple[str, str]]
) -> Response:
    if any(k in ("using-graph-uri", "using-named-graph-uri") for k, _ in params):
        raise _bad("using-graph-uri and using-named-graph-uri belong to updates")
    default_graphs = _all(params, "default-graph-uri")
    named_graphs = _all(params, "named-graph-uri")
    base = _base(request)
    job = Job(
        base + query,
        accept=request.headers.get("accept"),
        default_graphs=tuple(default_graphs),
        named_graphs=tuple(named_graphs),
        timeout=settings.query_timeout,
        max_rows=settings.max_rows,
    )
    runner: QueryRunner = request.app.state.queries
    budgets: Budgets = request.app.state.budgets
    address = request.client.host if request.client else None
    client = address or "local"
    budgeted = budgets.enabled and (settings.query_budget_localhost or not is_local(address))

    def admit() -> None:
        if budgeted:
            budgets.check(client)

    def charge(seconds: float) -> None:
        if budgeted:
            budgets.charge(client, seconds)

    admit()  # refuse at once when over budget; checked again when a worker is free
    try:
        with _positions_after(base):
            found = await evaluate(runner, job, client, charge=charge, admit=admit)
    except NotAcceptableError as exc:
        raise _bad(str(exc), status=406) from None
    return Response(found.body, media_type=found.media, headers={"Vary": "Accept"})


def _not_acceptable(offered: dict[str, str]) -> HTTPException:
    return _bad(f"cannot answer in any accepted type; offered: {', '.join(offered)}", status=406)


async def _run_update(
    request: Request, kg: KGDep, settings: SettingsDep, update: str, params: list[tuple[str, str]]
) -> Response:
    check_write_access(settings, request.headers.get("authorization"))
    if any(k in ("default-graph-uri", "named-graph-uri") for k, _ in params):
        raise _bad("default-graph-uri and named-graph-uri belong to queries")
    text = protocol.apply_using(
        update, _all(params, "using-graph-uri"), _all(params, "using-named-graph-uri")
    )
    base = _base(request)

    def run() -> None:
        with _positions_after(base):
            kg.update(base + text)

    try:
        await anyio.to_thread.run_sync(run)
    finally:
        request.app.state.queries.bump()  # query workers reopen the store to see it
    return Response(status_code=204)


def _base(request: Request) -> str:
    # Relative IRIs resolve against the endpoint, which the protocol allows as the base;
    # the declaration shares the first line so the parser's line numbers stay right.
    return f"BASE <{_endpoint(request)}> "


@contextlib.contextmanager
def _positions_after(prefix: str) -> Iterator[None]:
    """Report parse errors at positions in the text the client sent, not ours."""
    try:
        yield
    except QueryError as exc:
        if isinstance(exc, QueryTimeoutError | ResultTooLargeError):
            raise

        def shift(match: re.Match[str]) -> str:
            line, column = int(match.group(1)), int(match.group(2))
            if line == 1:
                column = max(1, column - len(prefix))
            return f"error at {line}:{column}"

        raise type(exc)(_POSITION.sub(shift, str(exc))) from None


def _endpoint(request: Request) -> str:
    return str(request.url.replace(query="", fragment=""))


async def _service_description(request: Request, kg: KGDep, settings: SettingsDep) -> Response:
    accept = request.headers.get("accept")
    if protocol.accepts_html(accept):
        from kg.api.routes import views

        return views.sparql_page()
    media = protocol.negotiate(accept, protocol.GRAPH_MEDIA, protocol.GRAPH_ALIASES)
    if media is None:
        raise _not_acceptable(protocol.GRAPH_MEDIA)

    def describe() -> bytes:
        graphs = sorted(kg.store.graph_names())[:1000]
        triples = protocol.service_description(
            _endpoint(request), update=settings.write_token is not None, named_graphs=graphs
        )
        prefixes = {"sd": "http://www.w3.org/ns/sparql-service-description#"}
        return GraphResult(triples).serialize(protocol.GRAPH_MEDIA[media], prefixes=prefixes)

    body = await anyio.to_thread.run_sync(describe)
    return Response(body, media_type=media, headers={"Vary": "Accept"})
