"""What the extractor hands to the graph builder: plain, picklable Python objects.

The extractor knows nothing about RDF stores; :mod:`kg.graph.build` turns an
:class:`Extraction` into quads in the article's named graph. Keeping this boundary
plain lets extraction run in a process pool and be tested without a store.

Identity lives in :attr:`Node.key`: the part of the instance IRI after
``https://w3id.org/bilateral-kg/id/``, e.g. ``person/zhang-min`` or
``city/batam-6295587``. Two articles that produce the same key describe the same
node, which is how one real-world thing becomes one node across articles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

__all__ = [
    "IRI",
    "Edge",
    "Evidence",
    "Extraction",
    "LangText",
    "Node",
    "Value",
]


@dataclass(frozen=True, slots=True)
class IRI:
    """An absolute IRI or a CURIE of a known prefix (``bkg:Mayor``, ``org:Post``)."""

    value: str


@dataclass(frozen=True, slots=True)
class LangText:
    """A language-tagged string, e.g. a quote in Indonesian."""

    text: str
    lang: str


#: Literal or IRI values a node property may take.
Value = str | int | float | bool | date | LangText | IRI


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where in the article a fact was read.

    ``start`` and ``end`` are character offsets of ``sentence`` in the article text
    (``text[start:end] == sentence``); ``confidence`` is in [0, 1].
    """

    sentence: str
    start: int
    end: int
    confidence: float = 1.0


@dataclass(slots=True)
class Node:
    """One thing the article mentions.

    ``kind`` is the local name of its most specific class in the ``bkg:``
    vocabulary (``Person``, ``Post``, ``City``, ``SisterCityAgreement``,
    ``Meeting``, ``Statement``...). ``labels`` maps a language tag (``""`` for
    none) to the canonical name; ``alt_labels`` holds other names seen or known.
    ``props`` maps a property CURIE (``schema:startDate``, ``owl:sameAs``,
    ``bkg:isoCode``, ``schema:text``) to its values.
    """

    key: str
    kind: str
    labels: dict[str, str] = field(default_factory=dict)
    alt_labels: set[str] = field(default_factory=set)
    props: dict[str, list[Value]] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The label without language tag, else English, else any."""
        for lang in ("", "en"):
            if lang in self.labels:
                return self.labels[lang]
        return next(iter(self.labels.values()), self.key)

    def add(self, prop: str, value: Value) -> None:
        values = self.props.setdefault(prop, [])
        if value not in values:
            values.append(value)


@dataclass(frozen=True, slots=True)
class Edge:
    """A relation between two nodes of the same extraction, with its evidence.

    ``subject`` and ``object`` are node keys, or for ``object`` an :class:`IRI`
    (``org:role`` -> ``IRI("bkg:Mayor")``, ``bkg:status`` -> ``IRI("bkg:Proposed")``).
    ``evidence`` is ``None`` only for facts that come from a gazetteer rather than
    from the text (``bkg:locatedIn`` of a city).
    """

    subject: str
    predicate: str
    object: str | IRI
    evidence: Evidence | None = None


@dataclass(slots=True)
class Extraction:
    """Everything extracted from one article."""

    language: str
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    extracted: bool = True

    def node(self, key: str, kind: str) -> Node:
        """Return the node with ``key``, creating it with ``kind`` if new."""
        found = self.nodes.get(key)
        if found is None:
            found = self.nodes[key] = Node(key=key, kind=kind)
        return found

    def relate(
        self, subject: str, predicate: str, obj: str | IRI, evidence: Evidence | None = None
    ) -> None:
        edge = Edge(subject, predicate, obj, evidence)
        if edge not in self.edges:
            self.edges.append(edge)
