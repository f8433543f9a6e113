"""``bikg ingest``, ``bikg watch`` and ``bikg load``: articles and parts into a store."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Any

import click

from kg.cli.base import Context, cli, store_option

_STATE_HELP = "Feed state file [env BIKG_FEED_STATE; default var/feeds.json]."


@cli.command()
@store_option
@click.option(
    "--workers", "-j", type=int, default=None, help="Extraction processes (0: one per core)."
)
@click.option("--force", is_flag=True, help="Re-extract articles even if unchanged.")
@click.option("--feed", "feeds", multiple=True, help="An RSS/Atom feed URL: ingest its new items.")
@click.option("--state", type=click.Path(dir_okay=False, path_type=Path), help=_STATE_HELP)
@click.option(
    "--partitions",
    "-p",
    type=click.IntRange(min=1),
    default=None,
    help="Extract as N independent tasks writing N-Quads parts, then load them (docs/scaling.md).",
)
@click.option(
    "--dask",
    "dask",
    metavar="ADDRESS",
    help="With --partitions: run the tasks on this Dask scheduler.",
)
@click.option(
    "--parts",
    type=click.Path(file_okay=False, path_type=Path),
    help="With --partitions: keep the parts in this folder [default: a temporary one].",
)
@click.option("--no-load", is_flag=True, help="With --partitions: write the parts only.")
@click.argument("paths", nargs=-1)
@click.pass_obj
def ingest(
    obj: Context,
    store: str | None,
    workers: int | None,
    force: bool,
    feeds: tuple[str, ...],
    state: Path | None,
    partitions: int | None,
    dask: str | None,
    parts: Path | None,
    no_load: bool,
    paths: tuple[str, ...],
) -> None:
    """Ingest articles from files, folders (recursive), '-' (stdin) and news feeds.

    Formats: .txt and .md (optional front matter), .html, .json (one article) and
    .jsonl (one per line) with fields text, url, title, published, language, source.
    With --feed, each new item's page is fetched and read (docs/feeds.md). With
    --partitions, extraction is a map over N slices of the inputs, each writing
    part-<n>.nq, and the parts are then loaded as `bikg load` does.
    """
    if not paths and not feeds:
        raise click.UsageError("give files or folders to ingest, or --feed URL")
    if partitions is not None:
        _partitioned(obj, store, workers, feeds, partitions, dask, parts, no_load, paths)
        return
    if dask or parts or no_load:
        raise click.UsageError("--dask, --parts and --no-load go with --partitions N")
    with obj.open(store) as kg:
        if paths:
            summary = kg.ingest(list(paths), progress=True, workers=workers, force=force)
            click.echo(str(summary), err=True)
        ok = not paths or summary.ok
        if feeds:
            from kg.feeds import ingest_feeds
            from kg.sources.feed import FeedState

            run = ingest_feeds(
                kg,
                feeds,
                FeedState.load(state or obj.settings.feed_state),
                timeout=obj.settings.fetch_timeout,
                progress=True,
            )
            click.echo(str(run), err=True)
            ok = ok and run.summary.ok
    if not ok:
        sys.exit(1)


def _partitioned(
    obj: Context,
    store: str | None,
    workers: int | None,
    feeds: tuple[str, ...],
    partitions: int,
    dask: str | None,
    parts: Path | None,
    no_load: bool,
    paths: tuple[str, ...],
) -> None:
    """``bikg ingest --partitions``: map the inputs to parts, then load them (unless told not)."""
    import tempfile

    from kg.ingest import Part, map_partitions

    if feeds:
        raise click.UsageError("--partitions reads files and folders, not --feed")
    if (dask or no_load) and parts is None:
        raise click.UsageError("--dask and --no-load need --parts DIR (for --dask: shared storage)")
    with contextlib.ExitStack() as stack:
        kg = None if no_load else stack.enter_context(obj.open(store))  # fails before the map
        out = parts or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bikg-parts-")))
        total = partitions

        def report(part: Part) -> None:
            click.echo(
                f"part {part.index + 1}/{total}: {part.articles} articles, {part.quads:,} quads"
                + (f", {len(part.failed)} failed" if part.failed else ""),
                err=True,
            )

        run = map_partitions(
            list(paths),
            out,
            partitions,
            dask=dask,
            workers=workers if workers is not None else obj.settings.workers or None,
            progress=report,
        )
        click.echo(str(run), err=True)
        ok = run.ok
        if kg is not None and run.parts:
            written = [p.path for p in run.parts if p.path.exists()]  # not a crashed task's
            ok = _load(kg, written, None) and ok
        elif parts is not None:
            click.echo(f"load them with: bikg load {out} --store URL", err=True)
    if not ok:
        sys.exit(1)


def _load(kg: Any, files: list[Any], graph_store: str | None) -> bool:
    """Load part files into ``kg``'s store, one line per part; True when all went in."""
    from kg.ingest import Failure, load_parts
    from kg.ingest.load import default_graph_store_url

    url = graph_store or default_graph_store_url(kg.store)

    def report(origin: str, failure: Failure | None) -> None:
        click.echo(f"loaded {origin}" if failure is None else f"failed: {failure}", err=True)

    summary = load_parts(files, kg.store, graph_store_url=url, progress=report)
    click.echo(str(summary).splitlines()[0], err=True)  # the failures are printed above
    return summary.ok


@cli.command()
@store_option
@click.option(
    "--graph-store",
    metavar="URL",
    help="A server's Graph Store endpoint that takes N-Quads [default: /store beside "
    "an Oxigraph /query URL; else each article graph is written by SPARQL update].",
)
@click.argument("parts", nargs=-1, required=True)
@click.pass_obj
def load(obj: Context, store: str | None, graph_store: str | None, parts: tuple[str, ...]) -> None:
    """Load N-Quads parts (files, or folders of *.nq) written by `bikg ingest --partitions`.

    Each part is checked first: a broken one is reported with its file and line, and the
    rest still go in. Afterwards the store's facts and support counts are those of the
    articles it holds.
    """
    from kg.ingest import part_files

    with obj.open(store) as kg:
        ok = _load(kg, part_files(parts), graph_store)
    if not ok:
        sys.exit(1)


@cli.command()
@store_option
@click.option("--every", default="15m", show_default=True, help="Time between runs: 90s, 15m, 2h.")
@click.option("--runs", type=click.IntRange(min=1), help="Stop after this many runs.")
@click.option("--state", type=click.Path(dir_okay=False, path_type=Path), help=_STATE_HELP)
@click.argument("feeds", nargs=-1, required=True)
@click.pass_obj
def watch(
    obj: Context,
    store: str | None,
    every: str,
    runs: int | None,
    state: Path | None,
    feeds: tuple[str, ...],
) -> None:
    """Follow RSS/Atom feeds: ingest new items now and every --every until stopped.

    A state file remembers what was fetched, so nothing is fetched twice (docs/feeds.md).
    """
    from kg.feeds import parse_interval
    from kg.feeds import watch as follow

    interval = parse_interval(every)

    def report(n: int, run: Any) -> None:
        click.echo(f"run {n}:\n{run}", err=True)

    with obj.open(store) as kg:
        follow(
            kg,
            feeds,
            state or obj.settings.feed_state,
            every=interval,
            runs=runs,
            timeout=obj.settings.fetch_timeout,
            on_run=report,
        )
