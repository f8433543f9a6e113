"""``bikg stats``, ``bikg validate`` and ``bikg migrate``: the store itself."""

from __future__ import annotations

import sys

import click

from kg.cli.base import Context, cli, store_option


@cli.command()
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def stats(obj: Context, store: str | None, as_json: bool) -> None:
    """Counts by class and by article."""
    import dataclasses
    import json

    with obj.open(store) as kg:
        found = kg.stats()
    if as_json:
        click.echo(json.dumps(dataclasses.asdict(found), indent=2))
        return
    click.echo(f"{found.quads:,} quads, {found.articles} articles")
    for name, n in found.by_class.items():
        click.echo(f"  {name:<28}{n:>8}")
    click.echo("largest articles:")
    for row in found.by_article[:10]:
        click.echo(f"  {row['triples']:>6}  {row['title']}")


@cli.command()
@store_option
@click.pass_obj
def validate(obj: Context, store: str | None) -> None:
    """Check every article graph against the SHACL shapes in ontology/shapes.ttl."""
    with obj.open(store) as kg:
        report = kg.validate()
    for violation in report.violations:
        click.echo(str(violation))
    click.echo(f"{report.graphs} graphs checked, {len(report.violations)} violations", err=True)
    if not report.conforms:
        sys.exit(1)


@cli.command()
@store_option
@click.pass_obj
def migrate(obj: Context, store: str | None) -> None:
    """Bring a store written by an earlier bilateral-kg over to the current layout.

    Builds the default graph (each fact once) and the support counts from the article
    graphs the store holds; the articles themselves are kept as they are.
    """
    from kg.knowledge import KnowledgeGraph

    summary = KnowledgeGraph.migrate(store, settings=obj.settings, progress=True)
    click.echo(str(summary) if summary.graphs else "the store is in the current layout", err=True)
