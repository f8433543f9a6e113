"""The parts of the SPARQL 1.1 Protocol that are not HTTP plumbing.

Content negotiation (:func:`negotiate`), the protocol dataset of an update
(:func:`apply_using`: ``using-graph-uri`` and ``using-named-graph-uri`` become ``USING``
clauses, because the store's ``update()`` takes text only) and the Service Description
(:func:`service_description`).

>>> negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_MEDIA)
'application/sparql-results+xml'
>>> apply_using("INSERT { ?s a <b> } WHERE { ?s a <a> }", ["http://g"], [])
'INSERT { ?s a <b> } USING <http://g> WHERE { ?s a <a> }'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pyoxigraph as ox

from kg.errors import QueryError

__all__ = [
    "GRAPH_MEDIA",
    "RESULT_MEDIA",
    "accepts_html",
    "apply_using",
    "negotiate",
    "service_description",
]

#: SELECT/ASK result media types -> format name of :mod:`kg.graph.results`; first is the default.
RESULT_MEDIA = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
#: Common aliases clients send; answered with the canonical type.
RESULT_ALIASES = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
}
#: CONSTRUCT/DESCRIBE media types -> format name of :data:`kg.graph.results.GRAPH_FORMATS`.
GRAPH_MEDIA = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "xml",
    "application/trig": "trig",
}
GRAPH_ALIASES = {
    "application/x-turtle": "text/turtle",
    "text/plain": "application/n-triples",
    "application/json": "application/ld+json",
    "application/xml": "application/rdf+xml",
    "text/xml": "application/rdf+xml",
}


def _accept_ranges(accept: str | None) -> list[tuple[str, float]]:
    ranges = []
    for part in (accept or "*/*").split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((media, q))
    return ranges or [("*/*", 1.0)]


def _quality(media: str, ranges: list[tuple[str, float]]) -> float:
    """The q of the most specific range matching ``media`` (0 when none matches)."""
    kind = media.split("/")[0]
    best, specificity = 0.0, -1
    for pattern, q in ranges:
        level = 2 if pattern == media else 1 if pattern == f"{kind}/*" else 0
        if pattern in (media, f"{kind}/*", "*/*") and level > specificity:
            best, specificity = q, level
    return best


def negotiate(
    accept: str | None, offered: dict[str, str], aliases: dict[str, str] | None = None
) -> str | None:
    """The offered media type the client prefers; ties go to the server's order.

    Returns ``None`` when nothing offered is acceptable (answer 406).

    >>> negotiate(None, GRAPH_MEDIA)
    'text/turtle'
    >>> negotiate("application/json", RESULT_MEDIA, RESULT_ALIASES)
    'application/sparql-results+json'
    >>> negotiate("image/png", RESULT_MEDIA) is None
    True
    """
    ranges = _accept_ranges(accept)
    scores: dict[str, float] = {}
    for media in offered:
        scores[media] = _quality(media, ranges)
    for alias, media in (aliases or {}).items():
        scores[media] = max(scores[media], _quality(alias, [r for r in ranges if r[0] == alias]))
    best = max(offered, key=lambda m: scores[m])  # max keeps the first of equal scores
    return best if scores[best] > 0 else None


def accepts_html(accept: str | None) -> bool:
    """Whether the client names text/html and prefers it to Turtle (a browser does).

    >>> accepts_html("text/html,application/xhtml+xml,*/*;q=0.8"), accepts_html("*/*")
    (True, False)
    """
    ranges = _accept_ranges(accept)
    html = max(
        (q for media, q in ranges if media in ("text/html", "application/xhtml+xml")), default=0
    )
    return html > 0 and html >= _quality("text/turtle", ranges)


# -- using-graph-uri / using-named-graph-uri -------------------------------------------

_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+)
    | (?P<word>[A-Za-z0-9_\u00c0-\uffff][A-Za-z0-9_:.\-\u00b7\u00c0-\uffff]*|:[A-Za-z0-9_.\-]*)
    | (?P<punct>[{}();])
    | (?P<other>\S)
    """,
    re.VERBOSE | re.DOTALL,
)


def _tokens(text: str) -> list[tuple[str, str, int]]:
    """(kind, text, offset) of each token that matters; comments dropped."""
    out = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind != "comment":
            out.append((kind, match.group(), match.start()))
    return out


def apply_using(update: str, using: Sequence[str], using_named: Sequence[str]) -> str:
    """Give every ``DELETE``/``INSERT ... WHERE`` operation the protocol's dataset.

    ``USING <g>`` and ``USING NAMED <g>`` clauses are inserted before each ``WHERE``;
    ``DELETE WHERE { P }`` becomes ``DELETE { P } USING ... WHERE { P }``. An update that
    already names its dataset with ``USING`` or ``WITH`` is refused, as the protocol says.

    >>> apply_using("DELETE WHERE { ?s ?p ?o }", [], ["http://n"])
    'DELETE { ?s ?p ?o } USING NAMED <http://n> WHERE { ?s ?p ?o }'
    >>> apply_using("WITH <http://a> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", ["http://b"], [])
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: the update names its dataset (WITH) and ... use one or the other
    """
    if not using and not using_named:
        return update
    clauses = " ".join(
        [f"USING {ox.NamedNode(g)}" for g in using]
        + [f"USING NAMED {ox.NamedNode(g)}" for g in using_named]
    )
    tokens = _tokens(update)
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement)
    depth = 0
    op_start = True  # at the first keyword of an operation
    in_modify = False
    delete_where: tuple[int, int] | None = None  # (offset of DELETE, offset of its "{")
    for index, (kind, text, offset) in enumerate(tokens):
        upper = text.upper() if kind == "word" else ""
        if kind == "punct" and text == "{":
            depth += 1
            continue
        if kind == "punct" and text == "}":
            depth -= 1
            if depth == 0 and delete_where is not None:
                # close of a DELETE WHERE pattern: DELETE { P } USING ... WHERE { P }
                start, body_start = delete_where
                body = update[body_start : offset + 1]
                edits.append((start, offset + 1, f"DELETE {body} {clauses} WHERE {body}"))
                delete_where = None
            continue
        if depth:
            continue
        if kind == "punct" and text == ";":
            op_start, in_modify = True, False
            continue
        if upper in ("USING", "WITH") and (op_start or in_modify):
            raise QueryError(
                f"the update names its dataset ({upper}) and using-graph-uri/"
                "using-named-graph-uri are given too; use one or the other"
            )
        if op_start and upper in ("PREFIX", "BASE"):
            continue
        if op_start and kind in ("word", "iri") and upper not in ("DELETE", "INSERT"):
            if (kind == "word" and upper.endswith(":")) or kind == "iri":
                continue  # the prefix name and IRI of a PREFIX declaration
            op_start = False
            continue
        if op_start and upper in ("DELETE", "INSERT"):
            op_start = False
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            next_word = following[1].upper() if following and following[0] == "word" else ""
            if next_word == "DATA":
                continue
            if upper == "DELETE" and next_word == "WHERE":
                brace = tokens[index + 2] if index + 2 < len(tokens) else None
                if brace is None or brace[1] != "{":
                    raise QueryError("malformed update: DELETE WHERE needs a pattern in braces")
                delete_where = (offset, brace[2])
                continue
            in_modify = True
            continue
        if in_modify and upper == "WHERE":
            edits.append((offset, offset, f"{clauses} "))
            in_modify = False
    for start, end, replacement in sorted(edits, reverse=True):
        update = update[:start] + replacement + update[end:]
    return update


# -- service description ---------------------------------------------------------------

_SD = "http://www.w3.org/ns/sparql-service-description#"
_FORMATS = "http://www.w3.org/ns/formats/"
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_RESULT_FORMAT_IRIS = [
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
    "TriG",
]


def _sd(name: str) -> ox.NamedNode:
    return ox.NamedNode(_SD + name)


def service_description(
    endpoint: str, *, update: bool, named_graphs: Sequence[str] = ()
) -> list[ox.Triple]:
    """The SPARQL 1.1 Service Description of the endpoint at ``endpoint``.

    >>> triples = service_description("http://127.0.0.1:8000/sparql", update=False)
    >>> ox.NamedNode("http://127.0.0.1:8000/sparql") in {t.object for t in triples}
    True
    """
    service = ox.BlankNode("service")
    dataset = ox.BlankNode("dataset")
    default = ox.BlankNode("defaultGraph")
    out = [
        ox.Triple(service, _RDF_TYPE, _sd("Service")),
        ox.Triple(service, _sd("endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        ox.Triple(
            service,
            _sd("defaultEntailmentRegime"),
            ox.NamedNode("http://www.w3.org/ns/entailment/Simple"),
        ),
        ox.Triple(service, _sd("defaultDataset"), dataset),
        ox.Triple(dataset, _RDF_TYPE, _sd("Dataset")),
        ox.Triple(dataset, _sd("defaultGraph"), default),
        ox.Triple(default, _RDF_TYPE, _sd("Graph")),
    ]
    if update:
        out.append(ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Update")))
    out += [
        ox.Triple(service, _sd("resultFormat"), ox.NamedNode(_FORMATS + name))
        for name in _RESULT_FORMAT_IRIS
    ]
    for index, name in enumerate(named_graphs):
        node = ox.BlankNode(f"namedGraph{index}")
        out += [
            ox.Triple(dataset, _sd("namedGraph"), node),
            ox.Triple(node, _RDF_TYPE, _sd("NamedGraph")),
            ox.Triple(node, _sd("name"), ox.NamedNode(name)),
        ]
    return out
