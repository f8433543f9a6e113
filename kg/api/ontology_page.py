"""The ontology as an HTML page: what a browser gets at ``/ontology``.

One section per kind of term (classes, object properties, datatype properties, other
terms), one entry per ``bkg:`` term with its label, comment and an anchor named by its
local name, so ``https://w3id.org/bilateral-kg/ontology#Mayor`` lands on the entry.

>>> page = ontology_html()
>>> '<section id="Mayor"' in page and "<h2>Classes</h2>" in page
True
"""

from __future__ import annotations

from html import escape

import pyoxigraph as ox

from kg.graph.linked_data import ontology_triples
from kg.graph.vocab import ONTOLOGY_GRAPH, PREFIXES

__all__ = ["ontology_html"]

_NS = PREFIXES["bkg"]
_RDF_TYPE = PREFIXES["rdf"] + "type"
_OWL = PREFIXES["owl"]
_KINDS = [
    (_OWL + "Class", "Classes"),
    (_OWL + "ObjectProperty", "Object properties"),
    (_OWL + "DatatypeProperty", "Datatype properties"),
]
_SHOWN = {
    PREFIXES["rdfs"] + "label": "label",
    PREFIXES["rdfs"] + "comment": "comment",
    PREFIXES["rdfs"] + "subClassOf": "subclass of",
    PREFIXES["rdfs"] + "domain": "domain",
    PREFIXES["rdfs"] + "range": "range",
    PREFIXES["skos"] + "altLabel": "also called",
}


def _short(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
    if isinstance(term, ox.Literal):
        return term.value + (f" @{term.language}" if term.language else "")
    if isinstance(term, ox.BlankNode):
        return "(an anonymous class)"
    for prefix, namespace in PREFIXES.items():
        if term.value.startswith(namespace):
            return f"{prefix}:{term.value[len(namespace) :]}"
    return term.value


def _value(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
    text = escape(_short(term))
    if isinstance(term, ox.NamedNode) and term.value.startswith(_NS):
        return f'<a href="#{escape(term.value[len(_NS) :])}">{text}</a>'
    return text


def ontology_html() -> str:
    """The page, built from ``ontology/bilateral.ttl``; every value is escaped.

    >>> page = ontology_html()
    >>> page.startswith("<!doctype html>"), page.count("<h2>")
    (True, 4)
    """
    about: dict[str, list[ox.Triple]] = {}
    for triple in ontology_triples():
        subject = triple.subject
        if isinstance(subject, ox.NamedNode) and subject.value.startswith(_NS):
            about.setdefault(subject.value[len(_NS) :], []).append(triple)
    sections: dict[str, list[str]] = {title: [] for _, title in [*_KINDS, ("", "Other terms")]}
    for name in sorted(about, key=str.lower):
        triples = about[name]
        types = {t.object.value for t in triples if t.predicate.value == _RDF_TYPE}  # type: ignore[union-attr]
        title = next((title for kind, title in _KINDS if kind in types), "Other terms")
        rows = [
            f"<dt>{label}</dt><dd>{_value(t.object)}</dd>"  # type: ignore[arg-type]
            for predicate, label in _SHOWN.items()
            for t in triples
            if t.predicate.value == predicate
        ]
        sections[title].append(
            f'<section id="{escape(name)}" class="term"><h3>bkg:{escape(name)}</h3>'
            f"<dl>{''.join(rows)}</dl></section>"
        )
    body = "".join(
        f"<h2>{title}</h2>{''.join(entries)}" for title, entries in sections.items() if entries
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>bilateral-kg ontology</title>"
        '<link rel="icon" href="data:,"><link rel="stylesheet" href="/static/css/app.css">'
        '<link rel="alternate" type="text/turtle" href="/ontology.ttl">'
        '</head><body class="ontology-page"><main class="doc">'
        f"<h1>bilateral-kg ontology</h1><p><code>{escape(str(ONTOLOGY_GRAPH))}</code> · "
        '<a href="/ontology.ttl">Turtle</a> · <a href="/ontology.jsonld">JSON-LD</a> · '
        '<a href="/ontology.nt">N-Triples</a> · <a href="/ontology.rdf">RDF/XML</a> · '
        f'<a href="/sparql.html">SPARQL</a></p>{body}</main></body></html>'
    )
