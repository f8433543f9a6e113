"""``bikg serve``: the SPARQL endpoint, the REST API and the web view."""

from __future__ import annotations

from typing import Any

import click

from kg.cli.base import Context, cli, store_option


@cli.command()
@store_option
@click.option("--host", default=None, help="Interface to bind [default 127.0.0.1].")
@click.option("--port", type=int, default=None, help="Port [default 8000].")
@click.option(
    "--load", "load", multiple=True, help="Ingest these paths first if the store is empty."
)
@click.pass_obj
def serve(
    obj: Context, store: str | None, host: str | None, port: int | None, load: tuple[str, ...]
) -> None:
    """Serve the SPARQL endpoint, the REST API and the web view."""
    import uvicorn

    from kg.api.app import create_app

    updates: dict[str, Any] = {}
    if store is not None:
        updates["store"] = store
    if host is not None:
        updates["host"] = host
    if port is not None:
        updates["port"] = port
    settings = obj.settings.model_copy(update=updates)
    kg = obj.open(None, settings)
    if load and kg.stats().articles == 0:
        click.echo(str(kg.ingest(list(load), progress=True)), err=True)
    kg.prepare()  # so the first request does not wait for the projection
    app = create_app(settings, kg)
    click.echo(f"serving on http://{settings.host}:{settings.port}", err=True)
    uvicorn.run(
        app, host=settings.host, port=settings.port, log_level="info" if not obj.debug else "debug"
    )
