"""SPARQL results held in memory, and their standard serialisations.

Results are materialised so that a timeout and a row cap can be enforced while
they are read (Oxigraph evaluates lazily), then serialised in the SPARQL 1.1
results formats (JSON, XML, CSV, TSV) or, for graphs, in any RDF syntax.

>>> import pyoxigraph as ox
>>> rows = Solutions(["s"], [(ox.NamedNode("http://ex/a"),)])
>>> rows.serialize("csv")
b's\\r\\nhttp://ex/a\\r\\n'
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

__all__ = [
    "GRAPH_FORMATS",
    "RESULT_FORMATS",
    "BooleanResult",
    "EncodedSolutions",
    "GraphResult",
    "QueryResult",
    "Solutions",
    "term_to_json",
    "term_to_python",
]

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

#: Result formats for SELECT/ASK: short name -> media type.
RESULT_FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
#: RDF formats for CONSTRUCT/DESCRIBE and exports: short name -> (media type, pyoxigraph format).
GRAPH_FORMATS = {
    "turtle": ("text/turtle", ox.RdfFormat.TURTLE),
    "nt": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
    "xml": ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    "trig": ("application/trig", ox.RdfFormat.TRIG),
    "nquads": ("application/n-quads", ox.RdfFormat.N_QUADS),
}
_XSD = "http://www.w3.org/2001/XMLSchema#"
_RDF_LANG = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def term_to_json(term: Term) -> dict[str, Any]:
    """One RDF term in SPARQL 1.1 Query Results JSON form.

    >>> term_to_json(ox.Literal("Tiongkok", language="id"))
    {'type': 'literal', 'value': 'Tiongkok', 'xml:lang': 'id'}
    """
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD + "string":
            out["datatype"] = term.datatype.value
        return out
    # SPARQL 1.2 / SPARQL-star: a triple term's value is an object of its three terms.
    return {
        "type": "triple",
        "value": {
            "subject": term_to_json(term.subject),
            "predicate": term_to_json(term.predicate),
            "object": term_to_json(term.object),
        },
    }


def term_to_python(term: Term | None) -> Any:
    """A plain Python value: IRIs and blank nodes as strings, typed literals converted.

    >>> xsd = "http://www.w3.org/2001/XMLSchema#"
    >>> term_to_python(ox.Literal("2025-04-21", datatype=ox.NamedNode(xsd + "date")))
    datetime.date(2025, 4, 21)
    >>> term_to_python(ox.NamedNode("https://w3id.org/bilateral-kg/id/country/cn"))
    'https://w3id.org/bilateral-kg/id/country/cn'
    """
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        value = term.value
        try:
            if datatype in (_XSD + "integer", _XSD + "int", _XSD + "long"):
                return int(value)
            if datatype in (_XSD + "decimal", _XSD + "double", _XSD + "float"):
                return float(value)
            if datatype == _XSD + "boolean":
                return value in ("true", "1")
            if datatype == _XSD + "date":
                from datetime import date

                return date.fromisoformat(value)
        except ValueError:
            return value
        return value
    return term.value if hasattr(term, "value") else str(term)


def _csv_value(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value if hasattr(term, "value") else str(term)


def _tsv_value(term: Term | None) -> str:
    return "" if term is None else str(term)


@dataclass(slots=True)
class Solutions:
    """Rows of a SELECT query; each row is a tuple aligned with ``variables``.

    >>> rows = Solutions(["name"], [(ox.Literal("Batam"),), (None,)])
    >>> len(rows), rows.to_json()["results"]["bindings"]
    (2, [{'name': {'type': 'literal', 'value': 'Batam'}}, {}])
    """

    variables: list[str]
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    kind = "solutions"

    def __iter__(self) -> Iterator[tuple[Term | None, ...]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def dicts(self) -> list[dict[str, Any]]:
        """Rows as dicts of plain Python values (unbound variables left out).

        >>> Solutions(["name", "n"], [(ox.Literal("Batam"), None)]).dicts()
        [{'name': 'Batam'}]
        """
        return [
            {
                v: term_to_python(t)
                for v, t in zip(self.variables, row, strict=True)
                if t is not None
            }
            for row in self.rows
        ]

    def to_pandas(self) -> Any:
        """A pandas DataFrame with typed columns (see :mod:`kg.graph.frames`).

        >>> import pytest; _ = pytest.importorskip("pandas")
        >>> xsd = "http://www.w3.org/2001/XMLSchema#"
        >>> rows = Solutions(["n"], [(ox.Literal("7", datatype=ox.NamedNode(xsd + "integer")),)])
        >>> rows.to_pandas()["n"].dtype
        Int64Dtype()
        """
        from kg.graph.frames import to_pandas

        return to_pandas(self.variables, self.rows)

    def to_json(self) -> dict[str, Any]:
        """SPARQL 1.1 Query Results JSON, as a dict.

        >>> Solutions(["n"], [(ox.Literal("1"),)]).to_json()["head"]
        {'vars': ['n']}
        """
        bindings = [
            {v: term_to_json(t) for v, t in zip(self.variables, row, strict=True) if t is not None}
            for row in self.rows
        ]
        return {"head": {"vars": self.variables}, "results": {"bindings": bindings}}

    def serialize(self, fmt: str) -> bytes:
        """The rows in a SPARQL results format: ``json``, ``xml``, ``csv`` or ``tsv``.

        >>> Solutions(["name"], [(ox.Literal("Batam", language="en"),)]).serialize("tsv")
        b'?name\\n"Batam"@en\\n'
        """
        if fmt == "json":
            return json.dumps(self.to_json(), ensure_ascii=False).encode()
        if fmt == "xml":
            return self._xml().encode()
        if fmt == "csv":
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\r\n")
            writer.writerow(self.variables)
            writer.writerows([_csv_value(t) for t in row] for row in self.rows)
            return buffer.getvalue().encode()
        if fmt == "tsv":
            lines = ["\t".join("?" + v for v in self.variables)]
            lines += ["\t".join(_tsv_value(t) for t in row) for row in self.rows]
            return ("\n".join(lines) + "\n").encode()
        raise ValueError(f"unknown results format {fmt!r}")

    def _xml(self) -> str:
        out = [
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
            "<head>",
            *(f"<variable name={quoteattr(v)}/>" for v in self.variables),
            "</head><results>",
        ]
        for row in self.rows:
            out.append("<result>")
            for variable, term in zip(self.variables, row, strict=True):
                if term is not None:
                    out.append(f"<binding name={quoteattr(variable)}>{_xml_term(term)}</binding>")
            out.append("</result>")
        out.append("</results></sparql>\n")
        return "".join(out)


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        text = _xml_text(term.value)
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{text}</literal>"
        if term.datatype.value not in (_XSD + "string", _RDF_LANG):
            return f"<literal datatype={quoteattr(term.datatype.value)}>{text}</literal>"
        return f"<literal>{text}</literal>"
    return f"<literal>{_xml_text(str(term))}</literal>"


#: Whitespace an XML reader would change: line ends are normalised, and some readers
#: (Oxigraph's) trim a text's ends.
_XML_WHITESPACE = {"\r": "&#13;", "\n": "&#10;", "\t": "&#9;"}


def _xml_text(value: str) -> str:
    """``value`` as XML text that reads back exactly.

    >>> _xml_text(" a<b\\r\\n")
    '&#32;a&lt;b&#13;&#10;'
    """
    text = escape(value, _XML_WHITESPACE)
    core = text.strip(" ")
    if core == text:
        return text
    start = text.index(core) if core else len(text)
    return "&#32;" * start + core + "&#32;" * (len(text) - start - len(core))


@dataclass(slots=True)
class BooleanResult:
    """The answer of an ASK query.

    >>> answer = BooleanResult(True)
    >>> bool(answer), answer.serialize("json")
    (True, b'{"head": {}, "boolean": true}')
    """

    value: bool
    kind = "boolean"

    def __bool__(self) -> bool:
        return self.value

    def to_json(self) -> dict[str, Any]:
        """SPARQL 1.1 Query Results JSON, as a dict.

        >>> BooleanResult(False).to_json()
        {'head': {}, 'boolean': False}
        """
        return {"head": {}, "boolean": self.value}

    def serialize(self, fmt: str) -> bytes:
        """The answer in a SPARQL results format: ``json``, ``xml``, ``csv`` or ``tsv``.

        >>> BooleanResult(True).serialize("csv")
        b'_askResult\\ntrue\\n'
        """
        if fmt == "json":
            return json.dumps(self.to_json()).encode()
        if fmt == "xml":
            return (
                '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{str(self.value).lower()}</boolean></sparql>\n"
            ).encode()
        if fmt in ("csv", "tsv"):
            header = "_askResult" if fmt == "csv" else "?_askResult"
            return f"{header}\n{str(self.value).lower()}\n".encode()
        raise ValueError(f"unknown results format {fmt!r}")


@dataclass(slots=True)
class GraphResult:
    """The triples of a CONSTRUCT or DESCRIBE query.

    >>> triple = ox.Triple(ox.NamedNode("http://ex/a"), ox.NamedNode("http://ex/p"),
    ...                    ox.Literal("x"))
    >>> GraphResult([triple]).serialize("nt")
    b'<http://ex/a> <http://ex/p> "x" .\\n'
    """

    triples: list[ox.Triple]
    kind = "graph"

    def __iter__(self) -> Iterator[ox.Triple]:
        return iter(self.triples)

    def __len__(self) -> int:
        return len(self.triples)

    def to_pandas(self) -> Any:
        """A pandas DataFrame with the columns ``subject``, ``predicate``, ``object``.

        >>> import pytest; _ = pytest.importorskip("pandas")
        >>> triple = ox.Triple(ox.NamedNode("http://ex/a"), ox.NamedNode("http://ex/p"),
        ...                    ox.Literal("x"))
        >>> GraphResult([triple]).to_pandas().iloc[0].tolist()
        ['http://ex/a', 'http://ex/p', 'x']
        """
        from kg.graph.frames import to_pandas

        rows = [(t.subject, t.predicate, t.object) for t in self.triples]
        return to_pandas(["subject", "predicate", "object"], rows)

    def serialize(self, fmt: str, prefixes: dict[str, str] | None = None) -> bytes:
        """The triples in an RDF syntax of :data:`GRAPH_FORMATS` (``trig`` as Turtle).

        >>> triple = ox.Triple(ox.NamedNode("http://ex/a"), ox.NamedNode("http://ex/p"),
        ...                    ox.Literal("x"))
        >>> print(GraphResult([triple]).serialize("turtle", {"ex": "http://ex/"}).decode())
        @prefix ex: <http://ex/> .
        ex:a ex:p "x" .
        <BLANKLINE>
        """
        _, rdf_format = GRAPH_FORMATS["turtle" if fmt == "trig" else fmt]
        kwargs: dict[str, Any] = {}
        if prefixes and rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG):
            kwargs["prefixes"] = prefixes
        data = ox.serialize(self.triples, format=rdf_format, **kwargs)
        return data or b""


@dataclass(frozen=True, slots=True)
class EncodedSolutions:
    """Rows of a SELECT query as the store serialised them, in results format ``fmt``.

    A store that can write its results natively (Oxigraph) hands them over as bytes:
    building a Python object per value and serialising those again costs more than
    evaluating most queries (see :meth:`~kg.graph.store.GraphStore.query`'s ``encode``).

    >>> EncodedSolutions(b'{"head":{"vars":[]},"results":{"bindings":[]}}', "json").fmt
    'json'
    """

    body: bytes
    fmt: str
    kind = "encoded"

    def serialize(self, fmt: str) -> bytes:
        """The rows in ``fmt``, which must be the format they were written in.

        >>> EncodedSolutions(b"", "json").serialize("xml")
        Traceback (most recent call last):
        ...
        ValueError: these rows were written as json, not xml
        """
        if fmt != self.fmt:
            raise ValueError(f"these rows were written as {self.fmt}, not {fmt}")
        return self.body


QueryResult = Solutions | BooleanResult | GraphResult


def variables_of(solutions: Any) -> Sequence[str]:
    return [v.value for v in solutions.variables]
