"""The domain tables every view shares, read from ``ontology/bilateral.ttl``.

The order of agreement statuses, a colour and shape per class, the order of the relation
filters and the words for classes, statuses and relations are annotations of the ontology
(``bkg:displayOrder``, ``bkg:displayColor``, ``bkg:displayShape``, ``bkg:displayAs``,
``rdfs:label`` and, for terms of other vocabularies, ``bkg:displayLabel``). This module
reads them once; Python uses the tables below and the browser gets the same ones from
``GET /api/vocabulary`` (:func:`vocabulary`), so there is no second copy to drift.

>>> STATUSES
('Proposed', 'Signed', 'Ended')
>>> STATUS_ORDER["Signed"] > STATUS_ORDER["Proposed"]
True
>>> category_of("SisterCityAgreement"), category_of("Place"), category_of("Role")
('agreement', 'city', 'other')
>>> RELATIONS[0], RELATIONS[-1]
('org:holds', 'prov:wasDerivedFrom')
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Any

import pyoxigraph as ox

from kg.graph.vocab import ONTOLOGY_FILE, PREFIXES

__all__ = [
    "CATEGORIES",
    "CATEGORY_OF",
    "CATEGORY_STYLE",
    "RELATIONS",
    "STATUSES",
    "STATUS_COLORS",
    "STATUS_ORDER",
    "Category",
    "category_of",
    "vocabulary",
]

_BKG = PREFIXES["bkg"]
_RDF_TYPE = PREFIXES["rdf"] + "type"
_LABEL = PREFIXES["rdfs"] + "label"
_SUBCLASS = PREFIXES["rdfs"] + "subClassOf"
_CLASS = PREFIXES["owl"] + "Class"
_THING = PREFIXES["owl"] + "Thing"
_STATUS = _BKG + "AgreementStatus"
_PROPERTY_TYPES = {PREFIXES["owl"] + "ObjectProperty", PREFIXES["owl"] + "DatatypeProperty"}
#: The category of anything no coloured class covers.
OTHER = "other"


@dataclass(frozen=True)
class Category:
    """One legend entry: the nodes of ``cls`` (a bkg: local name) and its sub-classes.

    >>> CATEGORIES[0].key, CATEGORIES[0].cls, CATEGORIES[0].labels["id"]
    ('person', 'Person', 'Orang')
    """

    key: str
    cls: str | None
    color: str
    shape: str
    labels: dict[str, str]


class _Ontology:
    """The ontology's triples as ``subject -> predicate -> [objects]`` of plain values."""

    def __init__(self) -> None:
        self.facts: dict[str, dict[str, list[ox.NamedNode | ox.Literal]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for quad in ox.parse(path=ONTOLOGY_FILE, format=ox.RdfFormat.TURTLE):
            if isinstance(quad.subject, ox.NamedNode) and isinstance(
                quad.object, ox.NamedNode | ox.Literal
            ):
                self.facts[quad.subject.value][quad.predicate.value].append(quad.object)

    def value(self, subject: str, local: str) -> str | None:
        found = self.facts.get(subject, {}).get(_BKG + local)
        return found[0].value if found else None

    def iris(self, subject: str, predicate: str) -> list[str]:
        objects = self.facts.get(subject, {}).get(predicate, [])
        return [o.value for o in objects if isinstance(o, ox.NamedNode)]

    def labels(self, subject: str, predicate: str = _LABEL) -> dict[str, str]:
        return {
            o.language: o.value
            for o in self.facts.get(subject, {}).get(predicate, [])
            if isinstance(o, ox.Literal) and o.language
        }

    def ordered(self, subjects: list[str]) -> list[str]:
        ranked = [(int(self.value(s, "displayOrder") or 0), s) for s in subjects]
        return [s for rank, s in sorted(ranked) if rank]

    def typed(self, rdf_type: str) -> list[str]:
        return [s for s, p in self.facts.items() if rdf_type in self.iris(s, _RDF_TYPE)]


def _curie(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and prefix != "bkgid":
            return f"{prefix}:{iri.removeprefix(namespace)}"
    return iri


@cache
def _tables() -> dict[str, Any]:
    onto = _Ontology()
    classes = [s for s in onto.typed(_CLASS) if s.startswith(_BKG)]
    coloured = onto.ordered([s for s in classes if onto.value(s, "displayColor")])
    categories = [
        Category(
            key=iri.removeprefix(_BKG).lower(),
            cls=iri.removeprefix(_BKG),
            color=str(onto.value(iri, "displayColor")),
            shape=str(onto.value(iri, "displayShape")),
            labels=onto.labels(iri),
        )
        for iri in coloured
    ]
    categories.append(
        Category(
            OTHER,
            None,
            str(onto.value(_THING, "displayColor")),
            str(onto.value(_THING, "displayShape")),
            onto.labels(_THING, _BKG + "displayLabel"),
        )
    )

    def nearest(iri: str) -> str | None:
        """The nearest coloured class: itself, a super-class (breadth first), its displayAs."""
        queue, seen = [iri], set()
        while queue:
            current = queue.pop(0)
            if current in coloured:
                return current
            seen.add(current)
            queue += [c for c in onto.iris(current, _SUBCLASS) if c not in seen]
        shown_as = onto.iris(iri, _BKG + "displayAs")
        return nearest(shown_as[0]) if shown_as else None

    category_of: dict[str, str] = {}
    for iri in classes:
        found = nearest(iri)
        if found is not None:
            category_of[iri.removeprefix(_BKG)] = found.removeprefix(_BKG).lower()
    statuses = onto.ordered(onto.typed(_STATUS))
    relation_terms = [
        s
        for s in onto.facts
        if (s.startswith(_BKG) and _PROPERTY_TYPES & set(onto.iris(s, _RDF_TYPE)))
        or (not s.startswith(_BKG) and s != _THING and onto.labels(s, _BKG + "displayLabel"))
    ]

    def words(iri: str) -> dict[str, str]:
        return onto.labels(iri) if iri.startswith(_BKG) else onto.labels(iri, _BKG + "displayLabel")

    return {
        "statuses": [
            {
                "id": s.removeprefix(_BKG),
                "color": onto.value(s, "displayColor"),
                "labels": onto.labels(s),
            }
            for s in statuses
        ],
        "categories": categories,
        "category_of": dict(sorted(category_of.items())),
        "classes": {c.removeprefix(_BKG): onto.labels(c) for c in sorted(classes)},
        "relations": [_curie(r) for r in onto.ordered(relation_terms)],
        "relation_labels": {_curie(r): words(r) for r in sorted(relation_terms)},
    }


_TABLES = _tables()

#: Agreement statuses in their order in time (``bkg:displayOrder``).
STATUSES: tuple[str, ...] = tuple(s["id"] for s in _TABLES["statuses"])
#: Status -> rank in time: the status of an agreement as of a date is the highest stated.
STATUS_ORDER: dict[str, int] = {status: rank for rank, status in enumerate(STATUSES)}
#: Status -> the CSS colour of an agreement's links.
STATUS_COLORS: dict[str, str] = {s["id"]: s["color"] for s in _TABLES["statuses"]}
#: Legend entries in legend order; the last is :data:`OTHER`.
CATEGORIES: tuple[Category, ...] = tuple(_TABLES["categories"])
#: Category key -> (colour, vis-network shape).
CATEGORY_STYLE: dict[str, tuple[str, str]] = {c.key: (c.color, c.shape) for c in CATEGORIES}
#: bkg: class local name -> category key, for every class a coloured class covers.
CATEGORY_OF: dict[str, str] = _TABLES["category_of"]
#: Relation CURIEs in the order of the relation filters.
RELATIONS: tuple[str, ...] = tuple(_TABLES["relations"])


def category_of(kind: str) -> str:
    """The legend category of a node's most specific bkg: class, :data:`OTHER` if none.

    >>> category_of("GovernmentBody"), category_of("Company"), category_of("Fact")
    ('organization', 'company', 'other')
    """
    return CATEGORY_OF.get(kind, OTHER)


def vocabulary() -> dict[str, Any]:
    """The tables as JSON for ``GET /api/vocabulary``; labels per language (``en``, ``id``).

    >>> v = vocabulary()
    >>> [s["id"] for s in v["statuses"]], v["statuses"][1]["labels"]["id"]
    (['Proposed', 'Signed', 'Ended'], 'Ditandatangani')
    >>> v["categories"][-1]["key"], v["classOf"]["Meeting"], v["relations"]["bkg:twinnedWith"]
    ('other', 'event', {'en': 'twinned with', 'id': 'kota kembar dengan'})
    """
    return {
        "statuses": [
            {"id": s["id"], "order": rank, "color": s["color"], "labels": s["labels"]}
            for rank, s in enumerate(_TABLES["statuses"])
        ],
        "categories": [
            {"key": c.key, "class": c.cls, "color": c.color, "shape": c.shape, "labels": c.labels}
            for c in CATEGORIES
        ],
        "classOf": CATEGORY_OF,
        "classes": _TABLES["classes"],
        "relationOrder": list(RELATIONS),
        "relations": _TABLES["relation_labels"],
    }
