"""Build the FastAPI app: the SPARQL endpoint, the REST API and the web view.

``bikg serve`` calls :func:`create_app` with its settings and an open
:class:`~kg.knowledge.KnowledgeGraph`; tests call it with a ``memory:`` store.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from kg.api.budget import Budgets
from kg.api.cache import ResponseCache
from kg.api.limits import BodySizeLimit, WritesReopen
from kg.api.problems import install_problem_handlers
from kg.api.routes import (
    admin,
    analytics,
    articles,
    bilateral,
    entities,
    search,
    snapshot,
    sparql,
    vocabulary,
)
from kg.api.routes import graph as graph_routes
from kg.api.routes import map as map_routes
from kg.api.routes import overview as overview_routes
from kg.api.routes import timeline as timeline_routes
from kg.config import Settings, get_settings
from kg.graph.store import OxigraphStore
from kg.knowledge import KnowledgeGraph
from kg.query.pool import QueryPool
from kg.query.threads import ThreadRunner

__all__ = ["create_app", "query_pool"]

_DESCRIPTION = """\
Bilateral ties between countries, cities and people, from news articles, as one RDF graph.

* `/sparql`: SPARQL 1.1 Protocol (query; update with a bearer token).
* `/api/...`: JSON for search, entities, neighbourhoods, paths, analytics and articles.

Errors are `application/problem+json`. Writes need `Authorization: Bearer <token>`.
"""


def query_pool(settings: Settings, kg: KnowledgeGraph) -> QueryPool | None:
    """The worker pool for ``kg``'s store, or None where threads must do: a ``memory:``
    store (no other process can open it), a remote store (the server evaluates), or
    ``query_workers`` set to 0.

    >>> query_pool(Settings(store="memory:"), KnowledgeGraph.open("memory:")) is None
    True
    """
    store = kg.store
    if settings.query_workers <= 0 or not isinstance(store, OxigraphStore) or store.path is None:
        return None
    return QueryPool(
        store.path,
        settings.query_workers,
        memory_mb=settings.query_memory_mb,
        per_client=settings.query_workers_per_client,
        flush=lambda: store.native.flush(),
    )


def create_app(settings: Settings | None = None, kg: KnowledgeGraph | None = None) -> FastAPI:
    """The app over ``kg`` (opened from ``settings.store`` and closed at shutdown if not given).

    >>> from fastapi.testclient import TestClient
    >>> client = TestClient(create_app(Settings(store="memory:")))
    >>> client.get("/api/search", params={"q": "Batam"}).json()
    {'query': 'Batam', 'results': []}
    >>> client.get("/api/entities/person/nobody").json()["status"]
    404
    """
    settings = settings or get_settings()
    owned = kg is None
    knowledge = kg if kg is not None else KnowledgeGraph.open(settings=settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        pool = query_pool(settings, knowledge)
        if pool is not None:
            await pool.start()
            app.state.queries = pool
        try:
            yield
        finally:
            await app.state.queries.close()
            if owned:
                knowledge.close()

    app = FastAPI(
        title="bilateral-kg",
        version="0.1.0",
        description=_DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.kg = knowledge
    app.state.settings = settings
    # Threads until the lifespan starts the worker pool (an embedded store only).
    app.state.queries = ThreadRunner(knowledge.store)
    app.state.budgets = Budgets(settings.query_budget)
    install_problem_handlers(app)
    if settings.response_cache_mb:
        app.add_middleware(ResponseCache, max_bytes=settings.response_cache_mb * 1_000_000)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(WritesReopen)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "Accept"],
        )
    routers = (sparql, search, entities, graph_routes, analytics, bilateral, articles, admin)
    for module in (*routers, vocabulary):
        app.include_router(module.router)
    app.include_router(snapshot.router)
    from kg.api.routes import linked_data

    app.include_router(linked_data.router)
    for view in (map_routes, timeline_routes, overview_routes):  # issue 14: map, timeline, landing
        app.include_router(view.router)
    # Last: the web view's catch-all routes must not shadow the API.
    from kg.api.routes import views

    app.include_router(views.router)
    return app
