"""``KnowledgeGraph``: the one layer the CLI, the REST API and notebooks all call.

A facade: each method checks its arguments and delegates to the module that owns the
work (``kg.ingest``, ``kg.graph.*``, ``kg.analysis.*``); what it keeps itself is the
cache of the networkx projection and name index (rebuilt after a write, under a lock) and
the plumbing of sources and progress bars for :meth:`KnowledgeGraph.ingest` and
:meth:`KnowledgeGraph.migrate`. It is longer than 500 lines because every public method
carries a runnable example: they are the notebook reference (``help(kg.search)`` in
Jupyter shows them; docs/notebook.md is the walkthrough) and ``--doctest-modules`` keeps
them true. The code itself is about half the file.

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
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

import networkx as nx

from kg.analysis import articles as _articles
from kg.analysis import bilateral as _bilateral
from kg.analysis.centrality import ranked
from kg.analysis.communities import community_summaries
from kg.analysis.entity import entity_details
from kg.analysis.evidence import evidence_page, fact_term
from kg.analysis.filters import accept_types, filter_graph
from kg.analysis.neighbors import neighborhood
from kg.analysis.nodes import fact_graph, summary
from kg.analysis.overview import overview
from kg.analysis.paths import paths_between
from kg.analysis.projection import project, write_network
from kg.analysis.search import NameIndex, name_index, resolve, search_hits
from kg.analysis.show import GraphView, subgraph_of, view_title
from kg.analysis.standalone import MapView, TimelineView
from kg.analysis.viewdata import map_data, timeline_data
from kg.config import Settings, get_settings
from kg.errors import InvalidParameterError, NotFoundError, SourceError
from kg.graph.bindings import with_bindings
from kg.graph.export import export_rdf
from kg.graph.ontology import ensure_ontology
from kg.graph.results import BooleanResult, GraphResult, QueryResult, Solutions
from kg.graph.stats import StoreStats, store_stats
from kg.graph.store import GraphStore, QueryLimits, open_store
from kg.graph.store.facts import LAYOUT
from kg.graph.store.layout import MigrationSummary, check_layout, layout_of, migrate
from kg.graph.validate import ValidationReport, validate_store
from kg.graph.vocab import BKGID, sparql_prefixes
from kg.ingest import IngestSummary, Processed, ingest, process_article
from kg.sources import Article, discover, read_path
from kg.sources.fields import make_article

__all__ = ["KnowledgeGraph", "Rows"]

logger = logging.getLogger(__name__)


class Rows(list[dict[str, Any]]):
    """SELECT results as a list of dicts of Python values, with the variable names.

    >>> rows = Rows(["name", "n"], [{"name": "Batam", "n": 2}, {"name": "Medan"}])
    >>> rows.variables, rows[0]["n"], rows[1].get("n")
    (['name', 'n'], 2, None)
    """

    def __init__(
        self,
        variables: Sequence[str],
        rows: Iterable[dict[str, Any]],
        solutions: Solutions | None = None,
    ) -> None:
        super().__init__(rows)
        self.variables = list(variables)
        # The RDF terms behind the values: their datatypes type the DataFrame's columns.
        self._solutions = solutions

    def to_pandas(self) -> Any:
        """A pandas DataFrame with typed columns (needs the optional ``notebook`` extra).

        Query results keep their RDF datatypes: integers become ``Int64``, decimals
        ``Float64``, dates ``datetime64``, IRIs and text ``string`` (:mod:`kg.graph.frames`).
        Rows built by hand are typed by pandas from their Python values.

        >>> import pytest; pd = pytest.importorskip("pandas")  # only with the extra
        >>> with KnowledgeGraph.open("memory:") as kg:
        ...     _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
        ...                        "Tiongkok di Medan, Zhang Min, Senin (21/4/2025).",
        ...                        url="https://example.com/1")
        ...     frame = kg.query("SELECT DISTINCT ?d (COUNT(?p) AS ?n) WHERE { ?m "
        ...                      "schema:startDate ?d ; bkg:participant ?p } GROUP BY ?d"
        ...                      ).to_pandas()
        >>> [str(t) for t in frame.dtypes], frame["d"].dt.strftime("%Y-%m-%d").tolist()
        (['datetime64[ns]', 'Int64'], ['2025-04-21'])
        >>> Rows(["name"], [{"name": "Batam"}]).to_pandas()["name"].tolist()
        ['Batam']
        """
        if self._solutions is not None and len(self._solutions) == len(self):
            return self._solutions.to_pandas()
        try:
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - depends on the extra
            raise ImportError(
                "to_pandas() needs pandas: pip install 'bilateral-kg[notebook]'"
            ) from exc
        return pd.DataFrame(list(self), columns=self.variables)

    def to_dataframe(self) -> Any:
        """The same as :meth:`to_pandas` (its earlier name).

        >>> import pytest; _ = pytest.importorskip("pandas")
        >>> Rows(["n"], [{"n": 1}]).to_dataframe()["n"].tolist()
        [1]
        """
        return self.to_pandas()


@dataclass(slots=True)
class _Analysis:
    """What the analyses share, built once per state of the store."""

    projection: nx.MultiDiGraph
    facts: nx.Graph | None = None
    names: NameIndex | None = None


class KnowledgeGraph:
    """A knowledge graph over one store: ingest, query, analyse, export, show.

    The CLI, the REST API and notebooks all call these methods; the analyses return
    the REST contract's shapes (docs/api-contract.md) as dicts and lists.

    >>> kg = KnowledgeGraph.open("memory:")
    >>> _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
    ...                    "Tiongkok di Medan, Zhang Min, Senin (21/4/2025).",
    ...                    url="https://example.com/1", published="2025-04-22")
    >>> [hit["label"] for hit in kg.search("Tiongkok")]
    ['China']
    >>> kg.close()
    """

    def __init__(self, store: GraphStore, settings: Settings | None = None) -> None:
        self.store = store
        self.settings = settings or get_settings()
        self._projection: Any = None
        #: Goes up with every change made through this object (caches key on it).
        self.version = 0
        # The API reads the cache from a thread pool while writes invalidate it.
        self._lock = threading.RLock()
        self._analysis: _Analysis | None = None
        read_only = bool(getattr(store, "read_only", False))
        check_layout(store, f" at {self.settings.store}", record=not read_only)
        if not read_only:  # a read-only store has what it has
            ensure_ontology(store)

    @classmethod
    def open(
        cls, store: str | None = None, *, settings: Settings | None = None, read_only: bool = False
    ) -> KnowledgeGraph:
        """Open a store: a folder (default ``var/store``), ``memory:`` or an http(s) URL.

        An http(s) URL is the query endpoint of a SPARQL 1.1 server; updates go to its
        sibling ``/update`` unless ``BIKG_UPDATE_URL`` says otherwise. ``read_only`` opens
        a folder beside the process writing to it (``bikg serve``), as of now: writes
        made later are not seen.

        >>> with KnowledgeGraph.open("memory:") as kg:
        ...     kg.stats().articles
        0
        """
        settings = settings or get_settings()
        if store is not None:
            settings = settings.model_copy(update={"store": store})
        store_ = open_store(
            settings.store,
            settings.update_url,
            settings.facts_graph,
            read_only=read_only,
            query_timeout=settings.query_timeout or None,
        )
        return cls(store_, settings)

    @classmethod
    def migrate(
        cls, store: str | None = None, *, settings: Settings | None = None, progress: bool = False
    ) -> MigrationSummary:
        """Bring a store written by an earlier bilateral-kg over to the current layout.

        Builds the default graph (each fact once) and the support counts from the
        article graphs the store holds; the article graphs are kept as they are. A
        store already in the current layout is left alone.

        >>> KnowledgeGraph.migrate("memory:").graphs
        0
        """
        settings = settings or get_settings()
        opened = open_store(store or settings.store, settings.update_url, settings.facts_graph)
        try:
            if layout_of(opened) in (None, LAYOUT):
                return MigrationSummary()
            bar = None
            if progress:
                from tqdm import tqdm

                bar = tqdm(total=len(opened.graph_names()), unit="graph", desc="migrate")
            try:
                summary = migrate(opened, progress=bar.update if bar is not None else None)
            finally:
                if bar is not None:
                    bar.close()
            ensure_ontology(opened)
            return summary
        finally:
            opened.close()

    def close(self) -> None:
        """Flush and close the store (a context manager does it on exit).

        >>> kg = KnowledgeGraph.open("memory:")
        >>> kg.close()
        """
        self.store.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------

    def ingest(
        self,
        sources: str | Path | Article | Iterable[str | Path | Article],
        *,
        progress: bool = False,
        workers: int | None = None,
        force: bool = False,
    ) -> IngestSummary:
        """Ingest files, folders (recursively) and :class:`Article` objects.

        ``sources`` is one of those or an iterable of them: ``kg.ingest("data/articles")``
        ingests that folder. Anything else is a :class:`TypeError`. Returns a summary of
        what was stored, skipped (unchanged) and failed (with reasons); one bad input never
        stops the rest. ``progress`` shows a progress bar.

        >>> seed = Article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal Tiongkok "
        ...                "di Medan, Zhang Min, Senin (21/4/2025).", url="https://example.com/1")
        >>> with KnowledgeGraph.open("memory:") as kg:
        ...     first = kg.ingest([seed, "no/such/file.txt"])
        ...     again = kg.ingest([seed])
        >>> first.stored, [(f.origin, f.reason) for f in first.failed], again.skipped
        (1, [('no/such/file.txt', 'no such file or folder')], 1)
        >>> KnowledgeGraph.open("memory:").ingest(42)
        Traceback (most recent call last):
        ...
        TypeError: ingest() takes a path (str or Path), an Article or an iterable of them, not int
        """
        items = _source_list(sources)
        articles = [s for s in items if isinstance(s, Article)]
        # Files are found up front (cheap) but read lazily, so memory stays bounded
        # however large the batch; the bar counts files unless JSON Lines hold more.
        found = list(discover(s for s in items if not isinstance(s, Article)))
        many = any(isinstance(f, Path) and f.suffix.lower() in (".jsonl", ".ndjson") for f in found)
        limit = self.settings.max_article_bytes

        def stream() -> Iterator[Article | SourceError]:
            yield from articles
            for item in found:
                if isinstance(item, SourceError):
                    yield item
                else:
                    yield from read_path(item, limit)

        bar = None
        if progress:
            from tqdm import tqdm

            total = None if many else len(articles) + len(found)
            bar = tqdm(total=total, unit="article", desc="ingest", disable=None)
        try:
            summary = ingest(
                self.store,
                stream(),
                workers=self.settings.workers if workers is None else workers,
                batch=self.settings.ingest_batch,
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
        """Extract and store one article at once; returns what was extracted.

        >>> with KnowledgeGraph.open("memory:") as kg:
        ...     done = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
        ...                           "Tiongkok di Medan, Zhang Min, Senin (21/4/2025).",
        ...                           url="https://example.com/1", title="Konjen ke Batam",
        ...                           published="2025-04-22", language="id")
        >>> sorted(n.label for n in done.extraction.nodes.values() if n.kind in ("Person", "Post"))
        ['Amsakar Achmad', 'Consul General of China in Medan', 'Mayor of Batam', 'Zhang Min']
        """
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
        """Remove an article and every fact only it supported.

        >>> kg = KnowledgeGraph.open("memory:")
        >>> _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
        ...                    "Tiongkok di Medan, Zhang Min, Senin (21/4/2025).",
        ...                    url="https://example.com/1", published="2025-04-22")
        >>> kg.delete_article(kg.articles()["articles"][0]["id"])
        >>> kg.stats().articles, kg.search("Zhang Min")
        (0, [])
        """
        graph = self._article_graph(article_id)
        self.store.drop_graphs([graph])
        self._changed()

    def _article_graph(self, article_id: str) -> str:
        # Accept the article's IRI, its id (article/<hex>) or the bare hex digits.
        local = article_id.removeprefix("article/")
        graph = article_id if article_id.startswith("http") else f"{BKGID}article/{local}"
        if not self.store.has_graph(graph):  # a lookup, not a listing of every article
            raise NotFoundError(f"no article {article_id!r}")
        return graph

    def _changed(self) -> None:
        with self._lock:
            self.version += 1
            self._projection = None
            self._analysis = None

    # -- reading -----------------------------------------------------------------------

    def sparql(
        self,
        query: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        limits: QueryLimits | None = None,
    ) -> QueryResult:
        """Run a SPARQL query as written (no prefixes added) with the configured limits.

        Returns the store's result (:class:`~kg.graph.results.Solutions`, a boolean or a
        graph result), ready to serialise in the SPARQL results formats.

        >>> kg = KnowledgeGraph.open("memory:")
        >>> _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
        ...                    "Tiongkok di Medan, Zhang Min, Senin (21/4/2025).",
        ...                    url="https://example.com/1", published="2025-04-22")
        >>> result = kg.sparql("SELECT ?name WHERE { ?p a <https://w3id.org/bilateral-kg/"
        ...                    "ontology#Person> ; <http://www.w3.org/2000/01/rdf-schema#label> "
        ...                    "?name } ORDER BY ?name")
        >>> print(result.serialize("csv").decode(), end="")
        name\r
        Amsakar Achmad\r
        Zhang Min\r
        """
        if limits is None:
            limits = QueryLimits(self.settings.query_timeout, self.settings.max_rows)
        return self.store.query(
            query,
            default_graphs=default_graphs,
            named_graphs=named_graphs,
            limits=limits,
        )

    def query(self, query: str, **bindings: Any) -> Rows | bool | GraphResult:
        """Run a query with the project's prefixes declared and ``bindings`` bound safely.

        SELECT gives :class:`Rows` (dicts of Python values), ASK a bool, CONSTRUCT and
        DESCRIBE a :class:`~kg.graph.results.GraphResult`. Each keyword binds a variable
        to an RDF term (a ``str`` is a plain literal; an IRI is a ``pyoxigraph.NamedNode``
        or an rdflib ``URIRef``); values never become query text: they go in a ``VALUES``
        block at the head of the WHERE clause, so FILTERs and GROUP BY see them.

        >>> kg = KnowledgeGraph.open("memory:")
        >>> _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
        ...                    "Tiongkok di Medan, Zhang Min, Senin (21/4/2025).",
        ...                    url="https://example.com/1", published="2025-04-22")
        >>> kg.query("SELECT DISTINCT ?post WHERE { ?person rdfs:label ?name ; org:holds ?p . "
        ...          "?p rdfs:label ?post }", name="Zhang Min")
        [{'post': 'Consul General of China in Medan'}]
        >>> kg.query("ASK { ?p rdfs:label ?name }", name='x" } UNION { ?s ?p ?o')
        False
        >>> kg.query("SELECT DISTINCT ?d WHERE { ?m schema:startDate ?d FILTER(?d >= ?since) }",
        ...          since=date(2025, 1, 1))
        [{'d': datetime.date(2025, 4, 21)}]
        """
        result = self.sparql(sparql_prefixes() + with_bindings(query, **bindings))
        if isinstance(result, Solutions):
            return Rows(result.variables, result.dicts(), result)
        if isinstance(result, BooleanResult):
            return result.value
        return result

    def update(self, update: str) -> None:
        """Run a SPARQL update as written.

        The default graph is the knowledge graph: what is inserted there is queried at
        once. Article graphs are kept by ingest (with the default graph and the support
        counts in step); an update that writes into them by hand changes only them.

        >>> with KnowledgeGraph.open("memory:") as kg:
        ...     kg.update("INSERT DATA { <urn:a> <urn:says> 'hi' }")
        ...     kg.query("SELECT ?what WHERE { <urn:a> <urn:says> ?what }")
        [{'what': 'hi'}]
        """
        self.store.update(update)
        self._changed()

    def rdflib_dataset(self) -> Any:
        """The same store as an rdflib ``Dataset`` (default graph: the facts), for rdflib tools.

        Embedded stores are wrapped by oxrdflib without copying; a remote store becomes
        a ``SPARQLUpdateStore`` on its endpoints. Pass queries to ``Dataset.query`` as
        strings: oxrdflib sends strings to Oxigraph's engine, but prepared queries to
        rdflib's own, which is far slower.

        >>> kg = KnowledgeGraph.open("memory:")
        >>> _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
        ...                    "Tiongkok di Medan, Zhang Min, Senin (21/4/2025).",
        ...                    url="https://example.com/1", published="2025-04-22")
        >>> dataset = kg.rdflib_dataset()
        >>> rows = dataset.query("SELECT ?name WHERE { ?p a <https://w3id.org/bilateral-kg/"
        ...                      "ontology#Person> ; <http://www.w3.org/2000/01/rdf-schema#label>"
        ...                      " ?name } ORDER BY ?name")
        >>> [str(row[0]) for row in rows]
        ['Amsakar Achmad', 'Zhang Min']
        """
        from rdflib import Dataset

        from kg.graph.store import OxigraphStore, RemoteStore

        if isinstance(self.store, OxigraphStore):
            from oxrdflib import OxigraphStore as RdflibOxigraphStore

            return Dataset(store=RdflibOxigraphStore(store=self.store.native))
        if isinstance(self.store, RemoteStore):
            from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

            remote = SPARQLUpdateStore(self.store.query_url, self.store.update_url)
            return Dataset(store=remote)
        raise TypeError(f"no rdflib view of a {type(self.store).__name__}")

    # -- whole-store operations --------------------------------------------------------

    def stats(self) -> StoreStats:
        """Quads, nodes per class and triples per article.

        >>> kg = KnowledgeGraph.open("memory:")
        >>> _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
        ...                    "Tiongkok di Medan, Zhang Min, Senin (21/4/2025).",
        ...                    url="https://example.com/1", published="2025-04-22")
        >>> stats = kg.stats()
        >>> stats.articles, stats.by_class["Person"], stats.by_class["City"]
        (1, 2, 2)
        """
        return store_stats(self.store)

    def validate(self) -> ValidationReport:
        """SHACL-validate every article graph against ``ontology/shapes.ttl``.

        >>> kg = KnowledgeGraph.open("memory:")
        >>> _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
        ...                    "Tiongkok di Medan, Zhang Min, Senin (21/4/2025).",
        ...                    url="https://example.com/1", published="2025-04-22")
        >>> report = kg.validate()
        >>> report.graphs, report.conforms
        (1, True)
        """
        return validate_store(self.store)

    def export(self, target: str | Path | BinaryIO, format: str = "trig") -> None:
        """Write the graph to a path or binary stream.

        ``trig``/``nquads`` keep each article's graph; ``turtle``, ``nt``, ``jsonld`` and
        ``xml`` write the union; ``graphml`` and ``gexf`` write the networkx projection.

        >>> import io
        >>> kg = KnowledgeGraph.open("memory:")
        >>> _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
        ...                    "Tiongkok di Medan, Zhang Min, Senin (21/4/2025).",
        ...                    url="https://example.com/1", published="2025-04-22")
        >>> buffer = io.BytesIO()
        >>> kg.export(buffer, format="graphml")
        >>> sorted(nx.read_graphml(io.BytesIO(buffer.getvalue())).nodes)[:2]
        ['article/87b0bccd0b1595bbd2eb9a12', 'city/batam-6295587']
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
        return filter_graph(
            self._cached().projection, types=types, relations=relations, since=since, until=until
        )

    # -- exploration (shared by the CLI, the REST API and notebooks) -------------------

    def prepare(self) -> None:
        """Build the networkx projection and the name index now rather than on the first
        request that needs them (the server calls this before it starts answering).

        >>> with KnowledgeGraph.open("memory:") as kg:
        ...     kg.prepare()
        """
        self._names()
        self._facts()

    def _cached(self) -> _Analysis:
        """The projection and what is derived from it, built under the lock."""
        with self._lock:
            if self._analysis is None or self._analysis.projection is not self._projection:
                if self._projection is None:
                    self._projection = project(self.store)
                self._analysis = _Analysis(self._projection)
            return self._analysis

    def _facts(self) -> nx.Graph:
        with self._lock:
            state = self._cached()
            if state.facts is None:
                state.facts = fact_graph(state.projection)
            return state.facts

    def _names(self) -> NameIndex:
        with self._lock:
            state = self._cached()
            if state.names is None:
                state.names = name_index(self.store, state.projection)
            return state.names

    def _resolve(self, id_or_name: str) -> str:
        """A node id from an id, a ``bkgid:`` IRI or an exact name."""
        return resolve(self._cached().projection, self._names(), id_or_name)

    def summary(self, node: str) -> dict[str, Any]:
        """``{"id", "label", "labels", "type"}`` of one node.

        >>> kg = KnowledgeGraph.open("memory:")
        >>> _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
        ...                    "Tiongkok di Medan, Zhang Min, Senin (21/4/2025).",
        ...                    url="https://example.com/1", published="2025-04-22")
        >>> kg.summary("Batam")
        {'id': 'city/batam-6295587', 'label': 'Batam', 'labels': {'en': 'Batam'}, 'type': 'City'}
        """
        return summary(self._cached().projection, self._resolve(node))

    def search(
        self, q: str, type: str | Iterable[str] | None = None, limit: int = 10
    ) -> list[dict[str, Any]]:
        """Nodes whose name or alias matches ``q``, best first (exact > prefix > word
        prefix > fuzzy), as summaries with ``matched`` and ``score``.

        >>> kg = KnowledgeGraph.open("memory:")
        >>> _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
        ...                    "Tiongkok di Medan, Zhang Min, Senin (21/4/2025).",
        ...                    url="https://example.com/1", published="2025-04-22")
        >>> [(hit["id"], hit["matched"], hit["score"]) for hit in kg.search("Tiongkok")]
        [('country/cn', 'Tiongkok', 1.0)]
        >>> [hit["label"] for hit in kg.search("Medan", type="Place")]
        ['Medan']
        """
        graph = self._cached().projection
        accept = accept_types(graph, type)
        return search_hits(graph, self._names(), q, limit=limit, accept=accept)

    def entity(
        self, id_or_name: str, *, limit: int = 25, offset: int = 0, evidence: int = 3
    ) -> dict[str, Any]:
        """Everything about one node: properties, relations with evidence, articles.

        Bounded however often the node is cited: per direction the ``limit`` relations
        stated by most articles (from ``offset``), each with its ``support`` (how many
        articles state it) and up to ``evidence`` sentences; :meth:`evidence` pages
        through the rest.

        >>> kg = KnowledgeGraph.open("memory:")
        >>> _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
        ...                    "Tiongkok di Medan, Zhang Min, Senin (21/4/2025).",
        ...                    url="https://example.com/1", published="2025-04-22")
        >>> zhang = kg.entity("Zhang Min")  # or its id, "person/zhang-min"
        >>> [(r["predicate"], r["target"]["label"]) for r in zhang["relations"]["out"]]
        [('org:holds', 'Consul General of China in Medan')]
        >>> zhang["relations"]["out"][0]["evidence"][0]["sentence"][:40]
        'Wali Kota Batam, Amsakar Achmad, bertemu'
        """
        node = self._resolve(id_or_name)
        return entity_details(
            self.store,
            self._cached().projection,
            node,
            limit=limit,
            offset=offset,
            evidence=evidence,
        )

    def evidence(
        self, subject: str, predicate: str, object: str, *, offset: int = 0, limit: int = 20
    ) -> dict[str, Any]:
        """The sentences stating one fact, newest article first, with how many there are.

        >>> kg = KnowledgeGraph.open("memory:")
        >>> _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
        ...                    "Tiongkok di Medan, Zhang Min, Senin (21/4/2025).",
        ...                    url="https://example.com/1", published="2025-04-22")
        >>> page = kg.evidence("person/zhang-min", "org:holds",
        ...                    "post/consul-general/cn/medan-1214520")
        >>> page["support"], page["total"], page["evidence"][0]["article"]["published"]
        (1, 1, '2025-04-22')
        """
        if not 0 <= offset <= 1_000_000 or not 0 < limit <= 500:
            raise InvalidParameterError("offset must be 0..1000000 and limit 1..500")
        for name, given in (("subject", subject), ("predicate", predicate), ("object", object)):
            try:
                fact_term(given)
            except (ValueError, KeyError) as exc:  # not an IRI (a quote), an unknown prefix
                raise InvalidParameterError(f"{name}: {exc.args[0]}") from None
        return evidence_page(self.store, subject, predicate, object, offset, limit)

    def neighbors(
        self,
        id: str,
        depth: int = 1,
        types: Iterable[str] | None = None,
        relations: Iterable[str] | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        limit: int | None = None,
    ) -> dict[str, Any]:
        """The neighbourhood of a node, as the explorer shows it.

        >>> kg = KnowledgeGraph.open("memory:")
        >>> _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
        ...                    "Tiongkok di Medan, Zhang Min, Senin (21/4/2025).",
        ...                    url="https://example.com/1", published="2025-04-22")
        >>> around = kg.neighbors("Zhang Min", depth=2, types=["Person", "Post", "City"])
        >>> sorted(node["label"] for node in around["nodes"])
        ['Consul General of China in Medan', 'Medan', 'Zhang Min']
        """
        return neighborhood(
            self._cached().projection,
            self._resolve(id),
            depth=depth,
            types=types,
            relations=relations,
            since=since,
            until=until,
            limit=self.settings.neighbor_limit if limit is None else limit,
        )

    def overview(self, limit: int = 300) -> dict[str, Any]:
        """The best-connected ``limit`` nodes and the facts between them: the explorer's
        opening view, in the ``neighbors()`` shape without a centre.

        >>> kg = KnowledgeGraph.open("memory:")
        >>> _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
        ...                    "Tiongkok di Medan, Zhang Min, Senin (21/4/2025).",
        ...                    url="https://example.com/1", published="2025-04-22")
        >>> view = kg.overview(limit=3)
        >>> len(view["nodes"]), view["truncated"]
        (3, True)
        """
        return overview(self._cached().projection, limit)

    def paths(self, a: str, b: str, k: int = 3, max_hops: int = 6) -> dict[str, Any]:
        """The ``k`` shortest paths through facts (undirected, no articles).

        >>> kg = KnowledgeGraph.open("memory:")
        >>> _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
        ...                    "Tiongkok di Medan, Zhang Min, Senin (21/4/2025).",
        ...                    url="https://example.com/1", published="2025-04-22")
        >>> found = kg.paths("Zhang Min", "Amsakar Achmad", k=1)
        >>> [found["nodes"][n]["label"] for n in found["paths"][0]["nodes"]]
        ['Zhang Min', 'Meeting in Batam on 2025-04-21', 'Amsakar Achmad']
        """
        source, target = self._resolve(a), self._resolve(b)
        return paths_between(
            self._cached().projection, source, target, k=k, max_hops=max_hops, facts=self._facts()
        )

    def centrality(
        self, measure: str = "degree", type: str | Iterable[str] | None = None, top: int = 20
    ) -> list[dict[str, Any]]:
        """The ``top`` nodes by degree, betweenness or PageRank over the fact graph.

        >>> kg = KnowledgeGraph.open("memory:")
        >>> _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
        ...                    "Tiongkok di Medan, Zhang Min, Senin (21/4/2025).",
        ...                    url="https://example.com/1", published="2025-04-22")
        >>> [row["label"] for row in kg.centrality("degree", type="City", top=1)]
        ['Batam']
        """
        graph = self._cached().projection
        return ranked(graph, self._facts(), measure, top=top, accept=accept_types(graph, type))

    def communities(self) -> list[dict[str, Any]]:
        """Louvain communities of the fact graph, largest first.

        >>> kg = KnowledgeGraph.open("memory:")
        >>> _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
        ...                    "Tiongkok di Medan, Zhang Min, Senin (21/4/2025).",
        ...                    url="https://example.com/1", published="2025-04-22")
        >>> groups = kg.communities()
        >>> sum(group["size"] for group in groups) >= 10, groups[0]["id"]
        (True, 0)
        """
        return community_summaries(self._cached().projection, self._facts())

    def bilateral(self, a: str, b: str) -> dict[str, Any]:
        """Posts, people, city pairs, agreements, events and companies between two
        countries given by ISO 3166-1 alpha-2 code (``"ID"``, ``"CN"``).

        >>> kg = KnowledgeGraph.open("memory:")
        >>> _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
        ...                    "Tiongkok di Medan, Zhang Min, Senin (21/4/2025).",
        ...                    url="https://example.com/1", published="2025-04-22")
        >>> id_cn = kg.bilateral("ID", "CN")
        >>> [(p["post"]["label"], p["holder"]["label"], p["side"])
        ...  for p in id_cn["posts"]]  # doctest: +NORMALIZE_WHITESPACE
        [('Consul General of China in Medan', 'Zhang Min', 'b'),
         ('Mayor of Batam', 'Amsakar Achmad', 'a')]
        >>> [(e["label"], e["date"]) for e in id_cn["events"]]
        [('Meeting in Batam on 2025-04-21', '2025-04-21')]
        """
        return _bilateral.between(self.store, self._cached().projection, a, b)

    def articles(self, limit: int = 50, offset: int = 0) -> dict[str, Any]:
        """``{"total", "articles"}``: the stored articles, newest first.

        >>> kg = KnowledgeGraph.open("memory:")
        >>> _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
        ...                    "Tiongkok di Medan, Zhang Min, Senin (21/4/2025).",
        ...                    url="https://example.com/1", published="2025-04-22")
        >>> listing = kg.articles(limit=10)
        >>> listing["total"], listing["articles"][0]["url"], listing["articles"][0]["published"]
        (1, 'https://example.com/1', '2025-04-22')
        """
        return _articles.list_articles(self.store, limit, offset)

    def article(self, id: str) -> dict[str, Any]:
        """One article with its text and the nodes taken from it.

        >>> kg = KnowledgeGraph.open("memory:")
        >>> _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
        ...                    "Tiongkok di Medan, Zhang Min, Senin (21/4/2025).",
        ...                    url="https://example.com/1", published="2025-04-22")
        >>> article = kg.article(kg.articles()["articles"][0]["id"])
        >>> article["text"][:15], len(article["entities"])
        ('Wali Kota Batam', 11)
        """
        return _articles.article_with_entities(self.store, self._cached().projection, id)

    # -- notebooks ---------------------------------------------------------------------

    def show(
        self,
        target: Any = None,
        *,
        depth: int = 1,
        types: Iterable[str] | None = None,
        relations: Iterable[str] | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        limit: int | None = None,
        title: str | None = None,
        height: int = 600,
    ) -> GraphView:
        """An interactive view (pyvis, vis-network inlined) that renders inline in Jupyter.

        ``target`` is an entity id or name, or a list of them (their neighbourhoods, as
        :meth:`neighbors` finds them with ``depth``, ``types``, ``relations``, ``since``,
        ``until`` and ``limit``); a networkx graph (drawn as it is); any result of
        :meth:`neighbors`, :meth:`paths`, :meth:`bilateral`, :meth:`entity`... (the nodes
        in it); or None for the whole graph, filtered. Works offline; labels are escaped.

        >>> with KnowledgeGraph.open("memory:") as kg:
        ...     _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
        ...                        "Tiongkok di Medan, Zhang Min, Senin (21/4/2025).",
        ...                        url="https://example.com/1", published="2025-04-22")
        ...     view = kg.show("Zhang Min", depth=2, types=["Person", "Post", "City"])
        >>> view
        <GraphView 'Zhang Min': 3 nodes, 2 edges>
        >>> sorted(view.graph)
        ['city/medan-1214520', 'person/zhang-min', 'post/consul-general/cn/medan-1214520']
        >>> view._repr_html_().startswith("<iframe"), 'src="http' in view.html
        (True, False)
        """
        if target is None or isinstance(target, nx.Graph):
            graph = self.to_networkx(types=types, relations=relations, since=since, until=until)
            chosen = graph if target is None else target
        else:

            def around(node: str) -> dict[str, Any]:
                return self.neighbors(
                    node, depth, types, relations, since=since, until=until, limit=limit
                )

            chosen = subgraph_of(self._cached().projection, target, around)
            if not isinstance(target, str | list | tuple):
                chosen = filter_graph(
                    chosen, types=types, relations=relations, since=since, until=until
                )
        return GraphView(chosen, title=title or view_title(chosen, target), height=height)

    def map(
        self,
        a: str | None = None,
        b: str | None = None,
        *,
        layers: Iterable[str] | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        title: str | None = None,
        height: int = 560,
    ) -> MapView:
        """The map view inline (offline): agreement arcs by status, diplomatic posts,
        events; for the country pair ``a``–``b`` (ISO codes) if given. See
        :func:`kg.analysis.viewdata.map_data`; ``.data`` holds the layers.

        >>> with KnowledgeGraph.open("memory:") as kg:
        ...     _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
        ...                        "Tiongkok di Medan, Zhang Min, Senin (21/4/2025).",
        ...                        url="https://example.com/1", published="2025-04-22")
        ...     kg.map("ID", "CN")
        <MapView 'ID – CN': 0 agreements, 1 posts, 1 events>
        """
        data = map_data(self, a=a, b=b, layers=layers, since=since, until=until)
        name = title or (f"{a.upper()} – {b.upper()}" if a and b else "bilateral-kg map")
        return MapView(data, title=name, height=height)

    def timeline(
        self,
        entity: str | None = None,
        *,
        a: str | None = None,
        b: str | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        title: str | None = None,
        height: int = 420,
    ) -> TimelineView:
        """The timeline inline (offline): events and agreement status changes of the
        whole graph, one ``entity`` or the pair ``a``–``b``. See
        :func:`kg.analysis.viewdata.timeline_data`; ``.data`` holds the items.

        >>> with KnowledgeGraph.open("memory:") as kg:
        ...     _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
        ...                        "Tiongkok di Medan, Zhang Min, Senin (21/4/2025).",
        ...                        url="https://example.com/1", published="2025-04-22")
        ...     kg.timeline("Zhang Min")
        <TimelineView 'Zhang Min': 1 items>
        """
        data = timeline_data(self, entity=entity, a=a, b=b, since=since, until=until)
        focus = data["entity"]["label"] if data["entity"] else None
        return TimelineView(data, title=title or focus or "bilateral-kg timeline", height=height)


def _source_list(sources: object) -> list[str | Path | Article]:
    """One source as a list of one; an iterable as a list of its items, each checked.

    A single string is one path, never its characters (one of which may be "/").

    >>> _source_list("data/articles"), _source_list(iter(["a.txt", "b.txt"]))
    (['data/articles'], ['a.txt', 'b.txt'])
    >>> _source_list(["a.txt", 3])
    Traceback (most recent call last):
    ...
    TypeError: ingest() takes paths (str or Path) and Articles; item 1 is of type int
    """
    if isinstance(sources, str | Path | Article):
        return [sources]
    if isinstance(sources, bytes) or not isinstance(sources, Iterable):
        raise TypeError(
            "ingest() takes a path (str or Path), an Article or an iterable of them, "
            f"not {type(sources).__name__}"
        )
    items = list(sources)
    for index, item in enumerate(items):
        if not isinstance(item, str | Path | Article):
            raise TypeError(
                "ingest() takes paths (str or Path) and Articles; "
                f"item {index} is of type {type(item).__name__}"
            )
    return items
