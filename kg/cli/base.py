"""The ``bikg`` command: ingest, watch, query, export, stats, validate, eval, serve, explore.

Every command is a thin layer over :class:`kg.knowledge.KnowledgeGraph`. Errors are
printed as one line (a traceback only with ``--debug``) and mapped to exit codes in
:data:`EXIT_CODES`.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

import click

from kg.config import Settings, get_settings
from kg.errors import (
    ConfigError,
    InvalidParameterError,
    KGError,
    NotFoundError,
    PermissionDeniedError,
    QueryError,
    SourceError,
    StoreError,
)

__all__ = ["EXIT_CODES", "cli", "main"]

logger = logging.getLogger(__name__)

#: Exit codes by error class (the first matching class wins).
EXIT_CODES: list[tuple[type[KGError], int]] = [
    (QueryError, 2),
    (InvalidParameterError, 2),
    (ConfigError, 2),
    (SourceError, 1),
    (NotFoundError, 4),
    (PermissionDeniedError, 5),
    (StoreError, 3),
    (KGError, 1),
]

_STORE_HELP = (
    "Store: a folder, 'memory:' or an http(s) SPARQL endpoint [env BIKG_STORE; default var/store]."
)


#: Commands that only read: beside a running server they open the store read-only.
READING_COMMANDS = frozenset(
    {"search", "entity", "query", "stats", "export", "path", "bilateral", "central", "validate"}
)


class Context:
    def __init__(self, settings: Settings, debug: bool) -> None:
        self.settings = settings
        self.debug = debug

    def open(self, store: str | None, settings: Settings | None = None) -> Any:
        """The knowledge graph of ``store``; when another process (``bikg serve``) holds
        it, a read-only view for reading commands, else one line naming the holder."""
        from kg.graph.lock import is_lock_error, lock_holder
        from kg.knowledge import KnowledgeGraph

        settings = settings or self.settings
        try:
            return KnowledgeGraph.open(store, settings=settings)
        except StoreError as exc:
            if not is_lock_error(exc):
                raise
            command = click.get_current_context().info_name or ""
            if command in READING_COMMANDS:
                logger.debug("the store is held by another process: opening it read-only")
                return KnowledgeGraph.open(store, settings=settings, read_only=True)
            path = store or settings.store
            holder = lock_holder(path)
            who = str(holder) if holder else "another process"
            if command == "serve":
                instead = "use that server, or stop it"
            elif holder is None or holder.is_server:
                instead = (
                    "send the articles to it (POST /api/articles with the write token) or stop it"
                )
            else:
                instead = "wait for it to finish or stop it"
            raise StoreError(
                f"the store {path} is in use by {who}; {instead}, then run 'bikg {command}' again"
            ) from None


store_option = click.option("--store", "-s", default=None, help=_STORE_HELP)
_STATE_HELP = "Feed state file [env BIKG_FEED_STATE; default var/feeds.json]."


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logging.")
@click.option("--quiet", "-q", is_flag=True, help="Only warnings and errors.")
@click.version_option(package_name="bilateral-kg")
@click.pass_context
def cli(ctx: click.Context, debug: bool, quiet: bool) -> None:
    """bilateral-kg: news about bilateral ties, as one RDF knowledge graph."""
    level = logging.DEBUG if debug else logging.WARNING if quiet else logging.INFO
    logging.basicConfig(
        level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    ctx.obj = Context(get_settings(), debug)


@cli.command()
@store_option
@click.option(
    "--workers", "-j", type=int, default=None, help="Extraction processes (0: one per core)."
)
@click.option("--force", is_flag=True, help="Re-extract articles even if unchanged.")
@click.option("--feed", "feeds", multiple=True, help="An RSS/Atom feed URL: ingest its new items.")
@click.option("--state", type=click.Path(dir_okay=False, path_type=Path), help=_STATE_HELP)
@click.argument("paths", nargs=-1)
@click.pass_obj
def ingest(
    obj: Context,
    store: str | None,
    workers: int | None,
    force: bool,
    feeds: tuple[str, ...],
    state: Path | None,
    paths: tuple[str, ...],
) -> None:
    """Ingest articles from files, folders (recursive), '-' (stdin) and news feeds.

    Formats: .txt and .md (optional front matter), .html, .json (one article) and
    .jsonl (one per line) with fields text, url, title, published, language, source.
    With --feed, each new item's page is fetched and read (docs/feeds.md).
    """
    if not paths and not feeds:
        raise click.UsageError("give files or folders to ingest, or --feed URL")
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


@cli.command()
@store_option
@click.option(
    "--format",
    "-f",
    "fmt",
    default="table",
    type=click.Choice(["table", "json", "xml", "csv", "tsv", "turtle", "nt", "jsonld"]),
    help="SELECT/ASK: table or a SPARQL results format; CONSTRUCT/DESCRIBE: an RDF syntax.",
)
@click.argument("query")
@click.pass_obj
def query(obj: Context, store: str | None, fmt: str, query: str) -> None:
    """Run a SPARQL query: QUERY, @FILE or - (stdin). The default graph is the union."""
    from kg.graph.results import GraphResult
    from kg.graph.vocab import PREFIXES

    text = _read_query(query)
    with obj.open(store) as kg:
        result = _evaluate(kg, text, fmt, obj.settings)
    if isinstance(result, bytes):  # serialised by a query worker in the asked format
        sys.stdout.buffer.write(result)
        if fmt == "json":
            sys.stdout.buffer.write(b"\n")
        return
    if isinstance(result, GraphResult):
        rdf = "turtle" if fmt in ("table", "json", "csv", "tsv") else fmt
        sys.stdout.buffer.write(result.serialize(rdf, prefixes=dict(PREFIXES)))
    elif fmt == "table":
        click.echo(_table(result))
    elif fmt in ("turtle", "nt", "jsonld"):
        raise InvalidParameterError(f"--format {fmt} needs a CONSTRUCT or DESCRIBE query")
    else:
        sys.stdout.buffer.write(result.serialize(fmt))
        if fmt == "json":
            sys.stdout.buffer.write(b"\n")


def _evaluate(kg: Any, text: str, fmt: str, settings: Settings) -> Any:
    """Run the query where BIKG_QUERY_TIMEOUT really stops it: in a worker process over
    an embedded store (its bytes in ``fmt``, or its result for a table); in this process
    for ``memory:`` and remote stores (the store's own deadline checks)."""
    from kg.graph.results import BooleanResult, Solutions
    from kg.graph.store import OxigraphStore
    from kg.query.oneshot import run_once
    from kg.query.worker import Job

    store = kg.store
    if not isinstance(store, OxigraphStore) or store.path is None or settings.query_workers <= 0:
        return kg.sparql(text)
    results = fmt if fmt in ("json", "xml", "csv", "tsv") else "json"
    graph = "turtle" if fmt in ("table", "json", "csv", "tsv") else fmt
    if not store.read_only:
        store.close()  # the worker opens it read-only; this process need not hold it
    body, media = run_once(
        store.path,
        Job(
            text,
            timeout=settings.query_timeout,
            max_rows=settings.max_rows,
            results_format=results,
            graph_format=graph,
        ),
        memory_mb=settings.query_memory_mb,
    )
    is_graph = media.startswith("graph:")
    if not is_graph and fmt in ("turtle", "nt", "jsonld"):
        raise InvalidParameterError(f"--format {fmt} needs a CONSTRUCT or DESCRIBE query")
    if is_graph or fmt != "table":
        return body
    import pyoxigraph as ox

    parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    if isinstance(parsed, ox.QueryBoolean):
        return BooleanResult(bool(parsed))
    names = [v.value for v in parsed.variables]
    return Solutions(names, [tuple(row[n] for n in names) for row in parsed])


def _read_query(arg: str) -> str:
    if arg == "-":
        return sys.stdin.read()
    if arg.startswith("@"):
        path = Path(arg[1:])
        try:
            return path.read_text(encoding="utf-8")
        except OSError as exc:
            raise InvalidParameterError(
                f"{path}: cannot read the query file: {exc.strerror}"
            ) from exc
    return arg


def _table(result: Any) -> str:
    from kg.analysis.projection import curie
    from kg.graph.results import BooleanResult

    if isinstance(result, BooleanResult):
        return "true" if result.value else "false"
    header = list(result.variables)
    rows = [
        ["" if t is None else curie(t.value) if hasattr(t, "value") else str(t) for t in row]
        for row in result.rows
    ]
    widths = [min(60, max([len(h), *(len(r[i]) for r in rows)])) for i, h in enumerate(header)]

    def line(cells: list[str]) -> str:
        return "  ".join(c[:60].ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    out = [line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


@cli.command()
@store_option
@click.option(
    "--format",
    "-f",
    "fmt",
    default="trig",
    type=click.Choice(["trig", "nquads", "turtle", "nt", "jsonld", "xml", "graphml", "gexf"]),
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    default="-",
    help="File to write; '-' for stdout.",
)
@click.pass_obj
def export(obj: Context, store: str | None, fmt: str, output: str) -> None:
    """Export the graph: TriG/N-Quads keep article graphs; GraphML/GEXF via networkx."""
    with obj.open(store) as kg:
        if output == "-":
            kg.export(sys.stdout.buffer, fmt)
        else:
            kg.export(output, fmt)


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


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, turning our errors into one line and an exit code.

    >>> main(["--version"])
    bikg, version 0.1.0
    >>> main(["query", "--store", "memory:", "--format", "nope", "ASK {}"])
    Traceback (most recent call last):
    ...
    SystemExit: 2
    """
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        cli.main(args=argv, prog_name="bikg", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except KGError as exc:
        if debug:
            raise
        # One line, even when a server's error page spans several.
        click.echo("error: " + " ".join(str(exc).split("\n")), err=True)
        sys.exit(next(code for cls, code in EXIT_CODES if isinstance(exc, cls)))
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except OSError as exc:
        if debug:
            raise
        click.echo(f"error: {exc}", err=True)
        sys.exit(3)


from kg.bench.cli import bench  # noqa: E402 - attached last, like a plugin

cli.add_command(bench)


if __name__ == "__main__":
    main()
