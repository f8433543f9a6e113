"""The facts model: each fact once in the default graph, with how many graphs state it.

A store holds one named graph per source (an article, the ontology) with everything
that source says, and a **default graph that is the knowledge graph itself**: every
triple stated by at least one source graph, once. Evidence nodes stay in their article
graph only. The support graph ``<https://w3id.org/bilateral-kg/support>`` holds, for
each shared fact, a node ``bkgid:fact/<hash>`` with ``rdf:subject``, ``rdf:predicate``,
``rdf:object`` and ``bkg:supportCount`` (how many source graphs state the triple).

Triples are of three kinds in a source graph ``g``:

- **evidence**: about a ``bkgid:evidence/`` node; kept in ``g`` only.
- **local**: mentioning ``g`` itself (the article's metadata, ``prov:wasDerivedFrom g``)
  or a blank node; only ``g`` can state them, so they enter and leave the default graph
  with ``g`` and need no count.
- **shared**: everything else; counted, and in the default graph while the count is > 0.

:func:`plan` turns replacements and removals of source graphs into one :class:`Plan`
of additions and removals, which a store applies in one transaction (one SPARQL 1.1
update), so the default graph and the counts never drift from the source graphs.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.graph.vocab import BKGID, expand

__all__ = [
    "EVIDENCE_PREFIX",
    "FACT_PREFIX",
    "LAYOUT",
    "LAYOUT_MARKER",
    "SUPPORT_COUNT",
    "SUPPORT_GRAPH",
    "Plan",
    "fact_iri",
    "fact_key",
    "kind_of",
    "plan",
    "plan_nquads",
    "read_fill",
    "rebuild_update",
    "render_update",
    "split_evidence",
]

logger = logging.getLogger(__name__)

#: The named graph of the support counts (and the layout marker).
SUPPORT_GRAPH = "https://w3id.org/bilateral-kg/support"
#: Version of this layout, recorded in the support graph; see :mod:`kg.graph.store.layout`.
LAYOUT = 2
FACT_PREFIX = f"{BKGID}fact/"
EVIDENCE_PREFIX = f"{BKGID}evidence/"

SUPPORT_COUNT = ox.NamedNode(expand("bkg:supportCount"))
LAYOUT_MARKER = ox.NamedNode(expand("bkg:storeLayout"))
_SUPPORT = ox.NamedNode(SUPPORT_GRAPH)
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_SUBJECT = ox.NamedNode(_RDF + "subject")
_PREDICATE = ox.NamedNode(_RDF + "predicate")
_OBJECT = ox.NamedNode(_RDF + "object")
_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def fact_key(triple: ox.Triple) -> str:
    """The text a fact IRI hashes, built so SPARQL 1.1 can build it too (:func:`rebuild_update`).

    >>> a, p = ox.NamedNode("urn:a"), ox.NamedNode("urn:p")
    >>> fact_key(ox.Triple(a, p, ox.Literal("x", language="id")))
    'urn:a urn:p x http://www.w3.org/1999/02/22-rdf-syntax-ns#langString id'
    """
    obj = triple.object
    if isinstance(obj, ox.Literal):
        tail = f"{obj.value} {obj.datatype.value} {obj.language or ''}"
    else:
        tail = f"<{obj.value}>"  # type: ignore[union-attr]
    return f"{triple.subject.value} {triple.predicate.value} {tail}"  # type: ignore[union-attr]


#: Fact IRIs kept by :func:`fact_iri` (popular facts recur in batch after batch).
_FACT_IRIS: dict[str, str] = {}
_FACT_IRIS_MAX = 1 << 18


def fact_iri(triple: ox.Triple) -> ox.NamedNode:
    """The IRI of a fact in the support graph: the first 24 hex digits of a SHA-256.

    >>> t = ox.Triple(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal("x"))
    >>> fact_iri(t).value
    'https://w3id.org/bilateral-kg/id/fact/150e1ba42508828d0655b882'
    """
    # Kept by the triple's N-Triples text, not the triple: strings are not tracked by
    # Python's cycle collector, pyoxigraph's terms are, and a quarter million of them
    # made every full collection of a long ingest walk them all.
    text = str(triple)
    iri = _FACT_IRIS.get(text)
    if iri is None:
        if len(_FACT_IRIS) >= _FACT_IRIS_MAX:
            _FACT_IRIS.clear()
        digest = hashlib.sha256(fact_key(triple).encode()).hexdigest()[:24]
        iri = _FACT_IRIS[text] = FACT_PREFIX + digest
    return ox.NamedNode(iri)


def kind_of(triple: ox.Triple, graph: str) -> str:
    """``evidence``, ``local`` or ``shared``: how a triple of source ``graph`` is kept.

    >>> g = "https://w3id.org/bilateral-kg/id/article/1"
    >>> person = ox.NamedNode("https://w3id.org/bilateral-kg/id/person/zhang-min")
    >>> label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    >>> derived = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
    >>> kind_of(ox.Triple(person, label, ox.Literal("Zhang Min")), g)
    'shared'
    >>> kind_of(ox.Triple(person, derived, ox.NamedNode(g)), g)
    'local'
    """
    subject, obj = triple.subject, triple.object
    if isinstance(subject, ox.NamedNode):
        if subject.value.startswith(EVIDENCE_PREFIX):
            return "evidence"
        if subject.value == graph:
            return "local"
    else:
        return "local"  # a blank node: no stable identity to count
    if isinstance(obj, ox.BlankNode) or (isinstance(obj, ox.NamedNode) and obj.value == graph):
        return "local"
    return "shared"


@dataclass(slots=True)
class Plan:
    """What one write does to the store: graphs dropped and filled, facts added and removed.

    ``drop`` lists source graphs to empty, ``fill`` their new quads and ``create`` new
    graphs without quads; ``default_add``/``default_remove`` are triples of the default
    graph; ``support_add``/``support_remove`` triples of the support graph.

    >>> Plan().removes
    False
    """

    drop: list[str] = field(default_factory=list)
    fill: list[ox.Quad] = field(default_factory=list)
    create: list[str] = field(default_factory=list)
    default_add: list[ox.Triple] = field(default_factory=list)
    default_remove: list[ox.Triple] = field(default_factory=list)
    support_add: list[ox.Triple] = field(default_factory=list)
    support_remove: list[ox.Triple] = field(default_factory=list)
    #: More quads of the filled graphs as N-Quads (evidence, not read by the plan).
    fill_nquads: list[bytes] = field(default_factory=list)
    #: The support count of each changed fact once the plan is applied.
    counts: dict[ox.NamedNode, int] = field(default_factory=dict)

    @property
    def removes(self) -> bool:
        """True when the plan removes anything (a plain insert cannot apply it).

        >>> Plan(drop=["urn:g"]).removes
        True
        """
        return bool(self.drop or self.default_remove or self.support_remove)


def plan(
    changes: Sequence[tuple[str, Sequence[ox.Quad] | None]],
    stored: Callable[[str], set[ox.Triple] | None],
    counts: Callable[[Collection[ox.NamedNode]], dict[ox.NamedNode, int]],
    evidence: Mapping[str, bytes] | None = None,
) -> Plan:
    """Plan replacing (quads) or removing (``None``) each source graph of ``changes``.

    ``stored(graph)`` gives a graph's current triples (``None`` when absent) and
    ``counts(facts)`` the current support count of fact IRIs (absent ones: 0).
    ``evidence`` maps a graph to more of its new quads as N-Quads, all evidence (see
    :func:`split_evidence`): they go into ``fill_nquads`` unread.

    >>> g = "https://w3id.org/bilateral-kg/id/article/1"
    >>> a, p = ox.NamedNode("urn:a"), ox.NamedNode("urn:p")
    >>> quads = [ox.Quad(a, p, ox.Literal("x"), ox.NamedNode(g))]
    >>> first = plan([(g, quads)], lambda graph: None, lambda facts: {})
    >>> [str(t) for t in first.default_add], len(first.support_add)
    (['<urn:a> <urn:p> "x"'], 4)
    """
    result = Plan()
    delta: Counter[ox.Triple] = Counter()
    local_add: set[ox.Triple] = set()
    local_remove: set[ox.Triple] = set()
    evidence = evidence or {}
    for graph, quads in changes:
        old = stored(graph)
        new = None if quads is None else {q.triple for q in quads}
        unread = b"" if quads is None else evidence.get(graph, b"")
        if old is None and new is None:
            continue
        if old is not None and old == new and not unread:
            continue  # nothing changes, not even the graph
        if old is not None:
            result.drop.append(graph)
        if quads is not None:
            result.fill.extend(quads)
            if unread:
                result.fill_nquads.append(unread)
            elif not quads:
                result.create.append(graph)
        before = _split(old or set(), graph)
        after = _split(new or set(), graph)
        for triple in after["shared"] - before["shared"]:
            delta[triple] += 1
        for triple in before["shared"] - after["shared"]:
            delta[triple] -= 1
        local_add |= after["local"] - before["local"]
        local_remove |= before["local"] - after["local"]
    result.default_add.extend(local_add)
    result.default_remove.extend(local_remove - local_add)
    changed = {triple: fact_iri(triple) for triple, step in delta.items() if step}
    current = counts(list(changed.values())) if changed else {}
    for triple, fact in changed.items():
        before_count = current.get(fact, 0)
        after_count = before_count + delta[triple]
        if after_count < 0:
            logger.warning("support of %s fell below zero; the store had drifted", triple)
            after_count = 0
        _count_change(result, triple, fact, before_count, after_count)
        result.counts[fact] = after_count
    return result


def split_evidence(quads: Iterable[ox.Quad]) -> tuple[list[ox.Quad], list[ox.Quad]]:
    """Quads that may state facts, and evidence quads (an evidence node as subject).

    >>> e = ox.NamedNode(EVIDENCE_PREFIX + "1")
    >>> p, g = ox.NamedNode("urn:p"), ox.NamedNode("urn:g")
    >>> [len(part) for part in split_evidence([ox.Quad(e, p, p, g), ox.Quad(p, p, p, g)])]
    [1, 1]
    """
    stating: list[ox.Quad] = []
    evidence: list[ox.Quad] = []
    named = ox.NamedNode
    for quad in quads:
        subject = quad.subject
        if type(subject) is named and subject.value.startswith(EVIDENCE_PREFIX):
            evidence.append(quad)
        else:
            stating.append(quad)
    return stating, evidence


def read_fill(result: Plan) -> list[ox.Quad]:
    """Every quad a plan fills graphs with, its N-Quads parsed (for writers of text).

    >>> step = Plan(fill_nquads=[b"<urn:a> <urn:p> <urn:b> <urn:g> ."])
    >>> [str(quad) for quad in read_fill(step)]
    ['<urn:a> <urn:p> <urn:b> <urn:g>']
    """
    parsed = [
        quad for data in result.fill_nquads for quad in ox.parse(data, format=ox.RdfFormat.N_QUADS)
    ]
    return [*result.fill, *parsed]


def _split(triples: Iterable[ox.Triple], graph: str) -> dict[str, set[ox.Triple]]:
    # kind_of, inlined: this runs for every quad of every write.
    shared: set[ox.Triple] = set()
    local: set[ox.Triple] = set()
    evidence: set[ox.Triple] = set()
    named, blank = ox.NamedNode, ox.BlankNode
    for triple in triples:
        subject, obj = triple.subject, triple.object
        if type(subject) is named:
            value = subject.value
            if value.startswith(EVIDENCE_PREFIX):
                evidence.add(triple)
                continue
            if value == graph:
                local.add(triple)
                continue
        else:
            local.add(triple)
            continue
        kind = type(obj)
        if kind is blank or (kind is named and obj.value == graph):  # type: ignore[union-attr]
            local.add(triple)
        else:
            shared.add(triple)
    return {"shared": shared, "local": local, "evidence": evidence}


def _count_change(result: Plan, triple: ox.Triple, fact: ox.NamedNode, old: int, new: int) -> None:
    if old == new:
        return
    if old == 0:
        result.default_add.append(triple)
        result.support_add += _fact_node(fact, triple)
    elif new == 0:
        result.default_remove.append(triple)
        result.support_remove += _fact_node(fact, triple)
        result.support_remove.append(ox.Triple(fact, SUPPORT_COUNT, _integer(old)))
        return
    else:
        result.support_remove.append(ox.Triple(fact, SUPPORT_COUNT, _integer(old)))
    result.support_add.append(ox.Triple(fact, SUPPORT_COUNT, _integer(new)))


def _fact_node(fact: ox.NamedNode, triple: ox.Triple) -> list[ox.Triple]:
    return [
        ox.Triple(fact, _SUBJECT, triple.subject),
        ox.Triple(fact, _PREDICATE, triple.predicate),
        ox.Triple(fact, _OBJECT, triple.object),
    ]


_INTEGERS: dict[int, ox.Literal] = {}


def _integer(value: int) -> ox.Literal:
    # Counts are small and recur in every batch: one literal each.
    literal = _INTEGERS.get(value)
    if literal is None:
        literal = ox.Literal(str(value), datatype=_INTEGER)
        if value < 10_000:
            _INTEGERS[value] = literal
    return literal


def _block(triples: Iterable[ox.Triple | ox.Quad]) -> str:
    # Oxigraph's own N-Triples writer: several times faster than formatting in Python.
    plain = [t.triple if isinstance(t, ox.Quad) else t for t in triples]
    return (ox.serialize(plain, format=ox.RdfFormat.N_TRIPLES) or b"").decode()


def render_update(result: Plan, facts_graph: str | None = None, chunk: int | None = None) -> str:
    """The plan as one SPARQL 1.1 update (one transaction on the servers we support).

    ``facts_graph`` names the graph that plays the default graph on servers without
    a real one (Virtuoso); ``None`` writes the default graph itself. ``chunk`` caps the
    triples of one ``INSERT DATA``/``DELETE DATA`` operation (Virtuoso's parser fails
    near 5,000); the operations still go in one request.

    >>> g = "urn:g"
    >>> a, p = ox.NamedNode("urn:a"), ox.NamedNode("urn:p")
    >>> step = plan([(g, [ox.Quad(a, p, a, ox.NamedNode(g))])], lambda _: None, lambda _: {})
    >>> print(render_update(step).splitlines()[0])
    INSERT DATA {
    >>> render_update(step, chunk=2).count("INSERT DATA")  # 1 + 4 + 1 triples, 2 at a time
    3
    """
    default = None if facts_graph is None else ox.NamedNode(facts_graph)
    remove = _quads(result.default_remove, result.support_remove, [], default)
    add = _quads(result.default_add, result.support_add, read_fill(result), default)
    size = chunk or max(len(remove), len(add), 1)
    parts = [
        f"DELETE DATA {{\n{_data(remove[i : i + size])}}}" for i in range(0, len(remove), size)
    ]
    parts += [f"DROP SILENT GRAPH {ox.NamedNode(g)}" for g in result.drop]
    parts += [f"CREATE SILENT GRAPH {ox.NamedNode(g)}" for g in result.create]
    parts += [f"INSERT DATA {{\n{_data(add[i : i + size])}}}" for i in range(0, len(add), size)]
    return " ;\n".join(parts)


def _quads(
    default: Sequence[ox.Triple],
    support: Sequence[ox.Triple],
    fill: Sequence[ox.Quad],
    facts_graph: ox.NamedNode | None,
) -> list[ox.Quad]:
    target: ox.NamedNode | ox.DefaultGraph = facts_graph or ox.DefaultGraph()
    support_graph = ox.NamedNode(SUPPORT_GRAPH)
    return [
        *(ox.Quad(t.subject, t.predicate, t.object, target) for t in default),
        *(ox.Quad(t.subject, t.predicate, t.object, support_graph) for t in support),
        *fill,
    ]


def _data(quads: Sequence[ox.Quad]) -> str:
    """Quads as SPARQL quad data: default-graph triples bare, the rest in GRAPH blocks."""
    by_graph: dict[ox.NamedNode | ox.DefaultGraph, list[ox.Quad]] = {}
    for quad in quads:
        by_graph.setdefault(quad.graph_name, []).append(quad)  # type: ignore[arg-type]
    text = []
    for graph, members in by_graph.items():
        body = _block(members)
        text.append(body if isinstance(graph, ox.DefaultGraph) else f"GRAPH {graph} {{\n{body}}}\n")
    return "".join(text)


def plan_nquads(result: Plan, facts_graph: str | None = None) -> bytes:
    """Every quad a plan adds except its ``fill_nquads``, as N-Quads, for stores that can
    insert atomically without an update.

    Written by Oxigraph's serialiser straight from the plan's triples: making an
    ``ox.Quad`` of each first cost about 3 µs a quad in the default graph (pyoxigraph
    tries each kind of graph name in turn, raising an error for each miss).

    >>> g = "urn:g"
    >>> a, p = ox.NamedNode("urn:a"), ox.NamedNode("urn:p")
    >>> step = plan([(g, [ox.Quad(a, p, a, ox.NamedNode(g))])], lambda _: None, lambda _: {})
    >>> lines = plan_nquads(step).decode().splitlines()
    >>> len(lines)  # the article's quad, the fact, the fact's node and count
    6
    >>> lines[1]
    '<urn:a> <urn:p> <urn:a> .'
    """
    parts = [ox.serialize(result.fill, format=ox.RdfFormat.N_QUADS) or b""]
    for triples, graph in ((result.default_add, facts_graph), (result.support_add, SUPPORT_GRAPH)):
        text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        if graph is not None and text:
            # N-Triples escapes line breaks inside literals: " .\n" only ends a line.
            text = text.replace(b" .\n", f" <{graph}> .\n".encode())
        parts.append(text)
    return b"".join(parts)


def rebuild_update(facts_graph: str | None = None) -> str:
    """One SPARQL 1.1 update that rebuilds the default graph and the support counts from
    the source graphs a server holds (after a bulk load of article graphs, for example).

    It computes each fact IRI as :func:`fact_iri` does, so later writes find the counts.
    Source graphs are the named graphs under ``https://w3id.org/bilateral-kg/``.

    >>> "SHA256" in rebuild_update()
    True
    """
    default = "DEFAULT" if facts_graph is None else f"GRAPH <{facts_graph}>"
    into = "{ ?s ?p ?o }" if facts_graph is None else f"{{ GRAPH <{facts_graph}> {{ ?s ?p ?o }} }}"
    sources = (
        'FILTER(STRSTARTS(STR(?g), "https://w3id.org/bilateral-kg/") '
        f"&& ?g != <{SUPPORT_GRAPH}>"
        + ("" if facts_graph is None else f" && ?g != <{facts_graph}>")
        + ")"
    )
    not_evidence = f'!(isIRI(?s) && STRSTARTS(STR(?s), "{EVIDENCE_PREFIX}"))'
    shared = (
        f"FILTER({not_evidence} && !isBlank(?s) && !isBlank(?o) "
        "&& !sameTerm(?s, ?g) && !sameTerm(?o, ?g))"
    )
    key = (
        'CONCAT(STR(?s), " ", STR(?p), " ", IF(isIRI(?o), CONCAT("<", STR(?o), ">"), '
        'CONCAT(STR(?o), " ", STR(DATATYPE(?o)), " ", LANG(?o))))'
    )
    integer = "<http://www.w3.org/2001/XMLSchema#integer>"
    return f"""DROP SILENT {default} ;
DROP SILENT GRAPH <{SUPPORT_GRAPH}> ;
INSERT {into} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {sources} FILTER({not_evidence}) }} ;
INSERT {{ GRAPH <{SUPPORT_GRAPH}> {{
  ?f <{_SUBJECT.value}> ?s ; <{_PREDICATE.value}> ?p ; <{_OBJECT.value}> ?o ;
     {SUPPORT_COUNT} ?n }} }}
WHERE {{
  {{ SELECT ?s ?p ?o (COUNT(?g) AS ?n) WHERE {{
      GRAPH ?g {{ ?s ?p ?o }} {sources} {shared}
  }} GROUP BY ?s ?p ?o }}
  BIND(IRI(CONCAT("{FACT_PREFIX}", SUBSTR(SHA256({key}), 1, 24))) AS ?f)
}} ;
INSERT DATA {{ GRAPH <{SUPPORT_GRAPH}> {{
  <{SUPPORT_GRAPH}> {LAYOUT_MARKER} "{LAYOUT}"^^{integer} }} }}"""
