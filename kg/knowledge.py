"""``KnowledgeGraph``: the one layer the CLI, the REST API and notebooks all call.

>>> with KnowledgeGraph.open("memory:") as kg:
...     summary = kg.ingest([Article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul "
...                                  "Jenderal Tiongkok di Medan, Zhang Min, Senin (21/4/2025).",
...                                  url="https://example.com/1")])
...     rows = kg.query("SELECT DISTINCT ?name WHERE { ?p a bkg:Person ; rdfs:label ?name } "
...                     "ORDER BY ?name")
>>> summary.stored, [row["name"] for row in rows]
(1, ['Amsakar Achmad', 'Zhang Min'])
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

import networkx as nx

from kg.analysis.filters import filter_graph
from kg.analysis.projection import project, write_network
from kg.config import Settings, get_settings
from kg.errors import NotFoundError, SourceError
from kg.graph.bindings import with_bindings
from kg.graph.export import export_rdf
from kg.graph.ontology import ensure_ontology
from kg.graph.results import BooleanResult, GraphResult, QueryResult, Solutions
from kg.graph.stats import StoreStats, store_stats
from kg.graph.store import GraphStore, QueryLimits, open_store
from kg.graph.validate import ValidationReport, validate_store
from kg.graph.vocab import BKGID, sparql_prefixes
from kg.ingest import IngestSummary, Processed, ingest, process_article
from kg.sources import Article, read_paths
from kg.sources.fields import make_article

__all__ = ["KnowledgeGraph", "Rows"]

logger = logging.getLogger(__name__)


class Rows(list[dict[str, Any]]):
    """SELECT results as a list of dicts of Python values, with the variable names."""

    def __init__(self, variables: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
        super().__init__(rows)
        self.variables = list(variables)

    def to_dataframe(self) -> Any:
        """A pandas DataFrame (needs the optional ``notebook`` extra)."""
        try:
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - depends on the extra
            raise ImportError(
                "to_dataframe() needs pandas: pip install 'bilateral-kg[notebook]'"
            ) from exc
        return pd.DataFrame(list(self), columns=self.variables)


class KnowledgeGraph:
    """A knowledge graph over one store: ingest, query, analyse, export."""

    def __init__(self, store: GraphStore, settings: Settings | None = None) -> None:
        self.store = store
        self.settings = settings or get_settings()
        self._projection: Any = None
        ensure_ontology(store)

    @classmethod
    def open(cls, store: str | None = None, *, settings: Settings | None = None) -> KnowledgeGraph:
        """Open a store: a folder (default ``var/store``), ``memory:`` or an http(s) URL."""
        settings = settings or get_settings()
        if store is not None:
            settings = settings.model_copy(update={"store": store})
        return cls(open_store(settings.store, settings.update_url), settings)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------

    def ingest(
        self,
        sources: Iterable[str | Path | Article],
        *,
        progress: bool = False,
        workers: int | None = None,
        force: bool = False,
    ) -> IngestSummary:
        """Ingest files, folders (recursively) and :class:`Article` objects.

        Returns a summary of what was stored, unchanged and failed (with reasons);
        one bad input never stops the rest.
        """
        items = list(sources)
        paths = [s for s in items if not isinstance(s, Article)]
        articles = [s for s in items if isinstance(s, Article)]
        stream: list[Article | SourceError] = list(articles)
        stream.extend(read_paths(paths, self.settings.max_article_bytes))
        bar = None
        if progress:
            from tqdm import tqdm

            bar = tqdm(total=len(stream), unit="article", desc="ingest", disable=None)
        try:
            summary = ingest(
                self.store,
                stream,
                workers=self.settings.workers if workers is None else workers,
                force=force,
                progress=bar.update if bar is not None else None,
            )
        finally:
            if bar is not None:
                bar.close()
        self._changed()
        return summary

    def add_article(
        self,
        text: str,
        *,
        url: str | None = None,
        title: str | None = None,
        published: date | str | None = None,
        language: str | None = None,
        source: str | None = None,
    ) -> Processed:
        """Extract and store one article at once; returns what was extracted."""
        record = {
            "text": text,
            "url": url,
            "title": title,
            "published": published,
            "language": language,
            "source": source,
        }
        article = make_article(record, "<add_article>", self.settings.max_article_bytes)
        result = process_article(article)
        if not isinstance(result, Processed):
            raise SourceError(result.origin, result.reason)
        summary = ingest(self.store, [article], workers=1, force=True)
        if summary.failed:
            raise SourceError(article.origin, summary.failed[0].reason)
        self._changed()
        return result

    def delete_article(self, article_id: str) -> None:
        """Remove an article and every fact only it supported."""
        graph = self._article_graph(article_id)
        self.store.drop_graphs([graph])
        self._changed()

    def _article_graph(self, article_id: str) -> str:
        graph = article_id if article_id.startswith("http") else f"{BKGID}article/{article_id}"
        if graph not in set(self.store.graph_names()):
            raise NotFoundError(f"no article {article_id!r}")
        return graph

    def _changed(self) -> None:
        self._projection = None

    # -- reading -----------------------------------------------------------------------

    def sparql(
        self,
        query: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        limits: QueryLimits | None = None,
    ) -> QueryResult:
        """Run a SPARQL query as written (no prefixes added) with the configured limits."""
        if limits is None:
            limits = QueryLimits(self.settings.query_timeout, self.settings.max_rows)
        return self.store.query(
            query, default_graphs=default_graphs, named_graphs=named_graphs, limits=limits
        )

    def query(self, query: str, **bindings: Any) -> Rows | bool | GraphResult:
        """Run a query with the project's prefixes declared and ``bindings`` bound safely.

        SELECT gives :class:`Rows` (dicts of Python values), ASK a bool, CONSTRUCT and
        DESCRIBE a :class:`~kg.graph.results.GraphResult`.
        """
        result = self.sparql(sparql_prefixes() + with_bindings(query, **bindings))
        if isinstance(result, Solutions):
            return Rows(result.variables, result.dicts())
        if isinstance(result, BooleanResult):
            return result.value
        return result

    def update(self, update: str) -> None:
        """Run a SPARQL update as written."""
        self.store.update(update)
        self._changed()

    def rdflib_dataset(self) -> Any:
        """The same store as an rdflib ``Dataset`` (union default graph), for rdflib tools.

        Embedded stores are wrapped by oxrdflib without copying; a remote store becomes
        a ``SPARQLUpdateStore`` on its endpoints. Pass queries to ``Dataset.query`` as
        strings: oxrdflib sends strings to Oxigraph's engine, but prepared queries to
        rdflib's own, which is far slower.
        """
        from rdflib import Dataset

        from kg.graph.store import OxigraphStore, RemoteStore

        if isinstance(self.store, OxigraphStore):
            from oxrdflib import OxigraphStore as RdflibOxigraphStore

            return Dataset(store=RdflibOxigraphStore(store=self.store.native), default_union=True)
        if isinstance(self.store, RemoteStore):
            from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

            remote = SPARQLUpdateStore(self.store.query_url, self.store.update_url)
            return Dataset(store=remote, default_union=True)
        raise TypeError(f"no rdflib view of a {type(self.store).__name__}")

    # -- whole-store operations --------------------------------------------------------

    def stats(self) -> StoreStats:
        """Quads, nodes per class and triples per article."""
        return store_stats(self.store)

    def validate(self) -> ValidationReport:
        """SHACL-validate every article graph against ``ontology/shapes.ttl``."""
        return validate_store(self.store)

    def export(self, target: str | Path | BinaryIO, format: str = "trig") -> None:
        """Write the graph to a path or binary stream.

        ``trig``/``nquads`` keep each article's graph; ``turtle``, ``nt``, ``jsonld`` and
        ``xml`` write the union; ``graphml`` and ``gexf`` write the networkx projection.
        """
        if isinstance(target, str | Path):
            with open(target, "wb") as handle:
                self.export(handle, format)
            return
        if format in ("graphml", "gexf"):
            write_network(self.to_networkx(), target, format)
        else:
            export_rdf(self.store, target, format)

    # -- analysis ----------------------------------------------------------------------

    def to_networkx(
        self,
        *,
        types: Iterable[str] | None = None,
        relations: Iterable[str] | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
    ) -> nx.MultiDiGraph:
        """The networkx projection, optionally filtered (see :mod:`kg.analysis.filters`).

        Nodes are keyed by id with ``type``, ``label``, ``labels`` and ``date``; edges by
        relation CURIE with ``weight`` (evidence sentences). Unfiltered, this is the cached
        projection (kept until the next write): copy it before changing it.

        >>> with KnowledgeGraph.open("memory:") as kg:
        ...     _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
        ...                        "Tiongkok di Medan, Zhang Min, Senin (21/4/2025).",
        ...                        url="https://example.com/1", published="2025-04-22")
        ...     people = kg.to_networkx(types=["Person"])
        ...     holds = kg.to_networkx(relations=["org:holds"])
        ...     events = kg.to_networkx(types=["Event"], since="2025-04-01", until="2025-04-30")
        >>> sorted(people.nodes)
        ['person/amsakar-achmad', 'person/zhang-min']
        >>> sorted(holds.edges(keys=True))  # doctest: +NORMALIZE_WHITESPACE
        [('person/amsakar-achmad', 'post/mayor/batam-6295587', 'org:holds'),
         ('person/zhang-min', 'post/consul-general/cn/medan-1214520', 'org:holds')]
        >>> [date for _, date in events.nodes(data="date")]
        ['2025-04-21']
        """
        if self._projection is None:
            self._projection = project(self.store)
        return filter_graph(
            self._projection, types=types, relations=relations, since=since, until=until
        )
