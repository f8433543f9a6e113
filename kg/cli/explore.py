"""``bikg search``, ``entity``, ``path``, ``bilateral``, ``central``: the graph explored."""

from __future__ import annotations

import sys
from typing import Any

import click

from kg.cli.base import Context, cli, store_option


def _print_json(value: Any) -> None:
    import json

    click.echo(json.dumps(value, indent=2, ensure_ascii=False, default=str))


def _print_nodes(rows: list[dict[str, Any]], score: str) -> None:
    for row in rows:
        extra = f"  ({row['matched']})" if row.get("matched") not in (None, row["label"]) else ""
        click.echo(f"{row[score]:>8.3f}  {row['type']:<22}{row['id']:<44}{row['label']}{extra}")


@cli.command()
@store_option
@click.option(
    "--type", "-t", "types", multiple=True, help="Only these node types (City, Person...)."
)
@click.option("--limit", "-n", default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.argument("text")
@click.pass_obj
def search(
    obj: Context, store: str | None, types: tuple[str, ...], limit: int, as_json: bool, text: str
) -> None:
    """Find entities by name or alias, in Indonesian or English (as /api/search)."""
    with obj.open(store) as kg:
        found = kg.search(text, type=list(types) or None, limit=limit)
    _print_json(found) if as_json else _print_nodes(found, "score")


@cli.command()
@store_option
@click.argument("id_or_name")
@click.pass_obj
def entity(obj: Context, store: str | None, id_or_name: str) -> None:
    """An entity's labels, properties, relations and evidence, as JSON (as /api/entities)."""
    with obj.open(store) as kg:
        _print_json(kg.entity(id_or_name))


@cli.command()
@store_option
@click.option("-k", default=3, show_default=True, help="How many shortest paths.")
@click.option("--max-hops", default=6, show_default=True)
@click.argument("source")
@click.argument("target")
@click.pass_obj
def path(obj: Context, store: str | None, k: int, max_hops: int, source: str, target: str) -> None:
    """Shortest paths between two entities (ids or names), as /api/path."""
    with obj.open(store) as kg:
        found = kg.paths(source, target, k=k, max_hops=max_hops)
    names = {node: data["label"] for node, data in found["nodes"].items()}
    if not found["paths"]:
        click.echo("no path", err=True)
        sys.exit(1)
    for number, route in enumerate(found["paths"], start=1):
        steps = [names.get(route["nodes"][0], route["nodes"][0])]
        for edge, node in zip(route["edges"], route["nodes"][1:], strict=True):
            steps.append(f"-[{edge['relation']}]- {names.get(node, node)}")
        click.echo(f"{number}. " + " ".join(steps))


@cli.command()
@store_option
@click.argument("a")
@click.argument("b")
@click.pass_obj
def bilateral(obj: Context, store: str | None, a: str, b: str) -> None:
    """What the graph knows between two countries (ISO codes or names), as JSON."""
    with obj.open(store) as kg:
        _print_json(kg.bilateral(a, b))


@cli.command()
@store_option
@click.option(
    "--measure", "-m", type=click.Choice(["degree", "betweenness", "pagerank"]), default="degree"
)
@click.option("--type", "-t", "types", multiple=True, help="Only these node types.")
@click.option("--top", "-n", default=20, show_default=True)
@click.pass_obj
def central(
    obj: Context, store: str | None, measure: str, types: tuple[str, ...], top: int
) -> None:
    """The most central entities (as /api/analytics/centrality)."""
    with obj.open(store) as kg:
        _print_nodes(kg.centrality(measure, type=list(types) or None, top=top), "score")
