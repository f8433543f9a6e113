"""The query phases: the competency queries on stores cut from the ingested data, on
Oxigraph (p50/p95) and, as the baseline, on rdflib's engine over the same N-Quads."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.bench.measure import timing_stats
from kg.bench.queries import Parameters, competency_queries, pick_parameters

if TYPE_CHECKING:
    from kg.bench.run import BenchConfig

__all__ = ["cut_dataset", "phase_queries_oxigraph", "phase_queries_rdflib"]


_ONTOLOGY_GRAPH = "<https://w3id.org/bilateral-kg/ontology>"


def cut_dataset(source: Path, target: Path, triples: int) -> dict[str, Any]:
    """Copy whole article graphs of ``source`` (N-Quads, grouped by graph) until ``triples``.

    The ontology graph is always kept; the default graph and the support counts are left
    out (they are rebuilt after loading, :func:`~kg.graph.store.facts.rebuild_update`).
    Returns the quads and article graphs written.
    """
    import pyoxigraph as ox

    from kg.graph.store.facts import SUPPORT_GRAPH

    quads = graphs = 0
    current = None
    kept: list[ox.Quad] = []
    for quad in ox.parse(path=str(source), format=ox.RdfFormat.N_QUADS):
        graph = quad.graph_name
        if not isinstance(graph, ox.NamedNode) or graph.value == SUPPORT_GRAPH:
            continue
        is_ontology = f"<{graph.value}>" == _ONTOLOGY_GRAPH
        if graph != current and not is_ontology:
            if quads >= triples:
                continue
            current = graph
            graphs += 1
        kept.append(quad)
        quads += 1
    with target.open("wb") as out:
        ox.serialize(kept, out, format=ox.RdfFormat.N_QUADS)
    return {"quads": quads, "article_graphs": graphs}


def _oxigraph_select(store: Any) -> Callable[[str], list[dict[str, Any]]]:
    from kg.graph.vocab import sparql_prefixes

    def select(query: str) -> list[dict[str, Any]]:
        result = store.query(sparql_prefixes() + query)
        return [
            {
                v: (t.value if t is not None else None)
                for v, t in zip(result.variables, row, strict=True)
            }
            for row in result.rows
        ]

    return select


def phase_queries_oxigraph(cfg: BenchConfig, dataset: str, triples: int) -> dict[str, Any]:
    import pyoxigraph as ox

    from kg.graph.store import OxigraphStore
    from kg.graph.store.facts import rebuild_update

    cut = cfg.workdir / f"dataset-{triples}.nq"
    info = cut_dataset(Path(dataset), cut, triples)
    path = cfg.workdir / f"store-{triples}"
    shutil.rmtree(path, ignore_errors=True)
    store = OxigraphStore(path)
    started = time.perf_counter()
    store.native.bulk_load(path=str(cut), format=ox.RdfFormat.N_QUADS)
    store.update(rebuild_update())  # the default graph of facts and the support counts
    store.native.optimize()
    load = time.perf_counter() - started
    params = pick_parameters(_oxigraph_select(store))
    timings: dict[str, Any] = {}
    for name, query in competency_queries(params).items():
        rows = len(store.select(query).rows)  # warm-up, and the answer size
        seconds: list[float] = []
        budget = time.perf_counter() + cfg.query_seconds
        while len(seconds) < cfg.query_repeats and (
            len(seconds) < 3 or time.perf_counter() < budget
        ):
            t = time.perf_counter()
            store.query(query)
            seconds.append(time.perf_counter() - t)
        timings[name] = {"rows": rows, **timing_stats(seconds)}
    quads = store.count()
    store.close()
    return {
        "store": str(path),
        "dataset": str(cut),
        "quads": quads,
        **info,
        "load_seconds": round(load, 2),
        "parameters": asdict(params),
        "queries": timings,
    }


def phase_queries_rdflib(cfg: BenchConfig, dataset: str, params: dict[str, Any]) -> dict[str, Any]:
    from kg.bench.baseline import load_nquads, timed_query

    started = time.perf_counter()
    data = load_nquads(dataset)
    load = time.perf_counter() - started
    timings: dict[str, Any] = {}
    for name, query in competency_queries(Parameters(**params)).items():
        seconds: list[float] = []
        rows = 0
        capped = False
        for _ in range(cfg.rdflib_repeats):
            took, rows = timed_query(data, query, cfg.rdflib_cap)
            if took is None:
                capped = True
                break
            seconds.append(took)
        timings[name] = {"rows": rows, **timing_stats(seconds)}
        if capped:
            timings[name].update({"capped_at_s": cfg.rdflib_cap, "p50_ms": None, "p95_ms": None})
    return {"quads": len(data), "load_seconds": round(load, 2), "queries": timings}
