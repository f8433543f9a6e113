"""``bikg eval``: precision, recall and F1 of extraction, on gold files or PFSA-ID."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli.base import Context, cli, store_option


@cli.command(name="eval")
@store_option
@click.option("--errors", "show_errors", is_flag=True, help="List mismatches per article.")
@click.option(
    "--pfsa",
    "pfsa",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Score a local PFSA-ID file (BILOU tokens) instead: persons, titles, statements.",
)
@click.option("--limit", type=int, default=None, help="With --pfsa: only the first N articles.")
@click.argument("articles", type=click.Path(exists=True, file_okay=False), default="data/articles")
@click.argument("gold", type=click.Path(exists=True, file_okay=False), default="data/gold")
@click.pass_obj
def evaluate(
    obj: Context,
    store: str | None,
    show_errors: bool,
    pfsa: str | None,
    limit: int | None,
    articles: str,
    gold: str,
) -> None:
    """Precision, recall and F1 of extraction against gold annotations."""
    from kg.evaluate import evaluate as run

    if pfsa is not None:
        from kg.pfsa import count_articles, score_pfsa

        total = count_articles(pfsa)
        with click.progressbar(
            length=min(total, limit or total), label="PFSA-ID", file=sys.stderr
        ) as bar:
            scored = score_pfsa(pfsa, limit=limit, keep_misses=show_errors, progress=bar.update)
        click.echo(scored.format_table())
        for line in scored.misses:
            click.echo(line)
        return
    report = run(Path(articles), Path(gold))
    click.echo(report.format_table())
    if show_errors:
        for name, lines in report.errors.items():  # article -> its mismatches
            for line in lines:
                click.echo(f"{name}: {line}")
    if store is not None:
        with obj.open(store) as kg:
            click.echo(str(kg.ingest([articles], progress=True)), err=True)
