"""``bikg query`` and ``bikg export``: SPARQL over the store, and the whole graph out."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from kg.cli.base import Context, cli, store_option
from kg.config import Settings
from kg.errors import InvalidParameterError


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
