"""SPARQL results as pandas DataFrames with typed columns.

Each column's type follows the RDF datatypes of its values: ``xsd:integer`` and its kin
become nullable ``Int64``, ``xsd:decimal``/``double``/``float`` ``Float64``, ``xsd:boolean``
``boolean``, ``xsd:date`` and ``xsd:dateTime`` ``datetime64``; IRIs and strings become
``string``. Unbound values are missing (``<NA>``/``NaT``). A column whose values do not
share one type keeps them as Python objects (see :func:`~kg.graph.results.term_to_python`).

pandas is an optional extra (``pip install 'bilateral-kg[notebook]'``).

>>> import pytest; _ = pytest.importorskip("pandas")
>>> xsd = "http://www.w3.org/2001/XMLSchema#"
>>> rows = [(ox.Literal("Batam"), ox.Literal("2", datatype=ox.NamedNode(xsd + "integer")),
...          ox.Literal("2025-04-21", datatype=ox.NamedNode(xsd + "date"))),
...         (ox.Literal("Medan"), None, None)]
>>> frame = to_pandas(["city", "n", "day"], rows)
>>> [str(t) for t in frame.dtypes]
['string', 'Int64', 'datetime64[ns]']
>>> frame["day"].dt.year.tolist(), frame["n"].isna().tolist()
([2025.0, nan], [False, True])
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pyoxigraph as ox

from kg.graph.results import Term, term_to_python

__all__ = ["column_kind", "to_pandas"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {
    _XSD + name
    for name in [
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    ]
}
_FLOATS = {_XSD + "decimal", _XSD + "double", _XSD + "float"}
_STRINGS = {_XSD + "string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}


def _kind(term: Term) -> str:
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype in _INTEGERS:
            return "integer"
        if datatype in _FLOATS:
            return "float"
        if datatype == _XSD + "boolean":
            return "boolean"
        if datatype == _XSD + "date":
            return "date"
        if datatype == _XSD + "dateTime":
            return "datetime"
        if datatype in _STRINGS:
            return "string"
        return "other"
    if isinstance(term, ox.NamedNode):
        return "string"
    return "other"


def column_kind(values: Sequence[Term | None]) -> str:
    """What a column holds: ``integer``, ``float``, ``boolean``, ``date``, ``datetime``,
    ``string``, or ``object`` when its bound values disagree (or are blank nodes or
    literals of other datatypes). Integers and floats together are ``float``.

    >>> xsd = "http://www.w3.org/2001/XMLSchema#"
    >>> column_kind([ox.Literal("1", datatype=ox.NamedNode(xsd + "integer")),
    ...              ox.Literal("1.5", datatype=ox.NamedNode(xsd + "decimal")), None])
    'float'
    >>> column_kind([ox.Literal("x"), ox.Literal("1", datatype=ox.NamedNode(xsd + "integer"))])
    'object'
    >>> column_kind([None])
    'object'
    """
    kinds = {_kind(v) for v in values if v is not None}
    if kinds == {"integer", "float"}:
        return "float"
    if len(kinds) == 1:
        [kind] = kinds
        return "object" if kind == "other" else kind
    return "object"


def _column(values: list[Term | None], pd: Any) -> Any:
    kind = column_kind(values)
    if kind == "string":
        return pd.array([None if v is None else v.value for v in values], dtype="string")  # type: ignore[union-attr]
    python = [term_to_python(v) for v in values]
    if kind == "integer":
        return pd.array(python, dtype="Int64")
    if kind == "float":
        return pd.array([None if x is None else float(x) for x in python], dtype="Float64")
    if kind == "boolean":
        return pd.array(python, dtype="boolean")
    if kind in ("date", "datetime"):
        texts = [None if v is None else v.value for v in values]  # type: ignore[union-attr]
        try:
            if kind == "date":
                return pd.to_datetime(texts, format="%Y-%m-%d").as_unit("ns")
            aware = any(t is not None and (t.endswith("Z") or "+" in t[10:]) for t in texts)
            return pd.to_datetime(texts, format="ISO8601", utc=aware).as_unit("ns")
        except (ValueError, TypeError):
            # A date with a time zone or a malformed value: keep what term_to_python made.
            return pd.Series(python, dtype=object)
    return pd.Series(python, dtype=object)


def to_pandas(variables: Sequence[str], rows: Sequence[Sequence[Term | None]]) -> Any:
    """A ``pandas.DataFrame``, one column per variable in order, typed as described above.

    >>> import pytest; _ = pytest.importorskip("pandas")
    >>> frame = to_pandas(["iri", "x"], [(ox.NamedNode("http://ex/a"), None)])
    >>> frame["iri"].tolist(), [str(t) for t in frame.dtypes]
    (['http://ex/a'], ['string', 'object'])
    """
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the extra
        raise ImportError("DataFrames need pandas: pip install 'bilateral-kg[notebook]'") from exc
    columns = {name: _column([row[i] for row in rows], pd) for i, name in enumerate(variables)}
    return pd.DataFrame(columns, columns=list(variables), index=pd.RangeIndex(len(rows)))
