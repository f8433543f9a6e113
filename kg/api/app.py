"""Build the FastAPI app: the SPARQL endpoint, the REST API and the web view.

``bikg serve`` calls :func:`create_app` with its settings and an open
:class:`~kg.knowledge.KnowledgeGraph`; tests call it with a ``memory:`` store.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from kg.api.limits import BodySizeLimit
from kg.api.problems import install_problem_handlers
from kg.api.routes import admin, analytics, articles, bilateral, entities, search, snapshot, sparql
from kg.api.routes import graph as graph_routes
from kg.api.routes import map as map_routes
from kg.api.routes import overview as overview_routes
from kg.api.routes import timeline as timeline_routes
from kg.config import Settings, get_settings
from kg.knowledge import KnowledgeGraph

__all__ = ["create_app"]

_DESCRIPTION = """\
Bilateral ties between countries, cities and people, from news articles, as one RDF graph.

* `/sparql`: SPARQL 1.1 Protocol (query; update with a bearer token).
* `/api/...`: JSON for search, entities, neighbourhoods, paths, analytics and articles.

Errors are `application/problem+json`. Writes need `Authorization: Bearer <token>`.
"""


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
        yield
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
    install_problem_handlers(app)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "Accept"],
        )
    for module in (sparql, search, entities, graph_routes, analytics, bilateral, articles, admin):
        app.include_router(module.router)
    app.include_router(snapshot.router)
    for view in (map_routes, timeline_routes, overview_routes):  # issue 14: map, timeline, landing
        app.include_router(view.router)
    # Last: the web view's catch-all routes must not shadow the API.
    from kg.api.routes import views

    app.include_router(views.router)
    return app
