"""Pass Python values into SPARQL safely: as RDF terms in a VALUES clause.

Values never get pasted into the query text as strings of SPARQL: each becomes an
RDF term that pyoxigraph writes in its own escaped syntax, so quotes, braces or
``} UNION {`` in a value cannot change the query's shape.

>>> with_bindings("SELECT ?x WHERE { ?x ?p ?label }", label='x" } UNION { ?a ?b ?c')
'SELECT ?x WHERE { ?x ?p ?label }\\nVALUES (?label) { ("x\\\\" } UNION { ?a ?b ?c") }'
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import pyoxigraph as ox

from kg.errors import InvalidParameterError

__all__ = ["to_term", "with_bindings"]

_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_XSD = "http://www.w3.org/2001/XMLSchema#"


def to_term(value: Any) -> ox.NamedNode | ox.Literal:
    """An RDF term for a Python value; IRIs must be given as NamedNode or rdflib URIRef.

    >>> from datetime import date
    >>> print(to_term("Batam"), to_term(3), to_term(date(2025, 4, 21)))
    "Batam" "3"^^<http://www.w3.org/2001/XMLSchema#integer> \
"2025-04-21"^^<http://www.w3.org/2001/XMLSchema#date>
    """
    try:
        return _to_term(value)
    except ValueError as exc:  # pyoxigraph refuses a malformed IRI or language tag
        raise InvalidParameterError(f"cannot bind {value!r}: {exc}") from None


def _to_term(value: Any) -> ox.NamedNode | ox.Literal:
    if isinstance(value, ox.NamedNode | ox.Literal):
        return value
    type_name = type(value).__name__
    if type_name == "URIRef":  # rdflib, without importing it here
        return ox.NamedNode(str(value))
    if type_name == "Literal" and hasattr(value, "datatype"):
        if value.language:
            return ox.Literal(str(value), language=value.language)
        if value.datatype:
            return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)))
        return ox.Literal(str(value))
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(_XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(_XSD + "integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(_XSD + "double"))
    if isinstance(value, datetime):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(_XSD + "dateTime"))
    if isinstance(value, date):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(_XSD + "date"))
    if isinstance(value, str):
        return ox.Literal(value)
    raise InvalidParameterError(f"cannot bind a {type_name} in a SPARQL query")


def with_bindings(sparql: str, **bindings: Any) -> str:
    """Append a VALUES clause that binds each keyword to an RDF term.

    >>> print(with_bindings("SELECT ?p WHERE { ?p rdfs:label ?name }", name="Zhang Min"))
    SELECT ?p WHERE { ?p rdfs:label ?name }
    VALUES (?name) { ("Zhang Min") }
    """
    if not bindings:
        return sparql
    for name in bindings:
        if not _VARIABLE.match(name):
            raise InvalidParameterError(f"{name!r} is not a SPARQL variable name")
    names = " ".join(f"?{name}" for name in bindings)
    values = " ".join(str(to_term(v)) for v in bindings.values())
    return f"{sparql}\nVALUES ({names}) {{ ({values}) }}"
