"""The competency queries the benchmark times, as plain SPARQL strings.

The same strings go to Oxigraph and to rdflib's engine, so the comparison is of engines, not
of queries. Parameters (a city, an edge, two countries) are picked from the store being
measured by :func:`pick_parameters`, so each query has real answers at every store size.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.config import PROJECT_DIR
from kg.errors import ConfigError
from kg.graph.vocab import sparql_prefixes

__all__ = [
    "JOIN_HEAVY",
    "README",
    "SPARQL_PAGE_EXAMPLES",
    "Parameters",
    "competency_queries",
    "example_queries",
    "pick_parameters",
    "readme_examples",
    "sparql_page_examples",
]

#: Where the user-facing example queries live; the benchmark reads them from there.
README = PROJECT_DIR / "README.md"
SPARQL_PAGE_EXAMPLES = PROJECT_DIR / "web" / "js" / "sparql-examples.js"

_ID = "https://w3id.org/bilateral-kg/id/"

#: Relations walked by the neighbourhood query (not types, labels or provenance).
_RELATIONS = (
    "org:holds org:role bkg:jurisdiction bkg:represents bkg:basedIn bkg:accreditedTo "
    "bkg:party bkg:twinnedWith bkg:participant bkg:place bkg:concerns bkg:speaker "
    "bkg:locatedIn bkg:inviter bkg:invitee"
)

#: Queries with three or more joined patterns, where the target is 100x rdflib.
JOIN_HEAVY = ("posts", "agreements", "meetings", "neighbours", "bilateral")


@dataclass(frozen=True, slots=True)
class Parameters:
    """Real nodes of the store under test that the queries ask about."""

    city: str
    subject: str
    predicate: str
    object: str
    since: str
    until: str
    country_a: str = _ID + "country/id"
    country_b: str = _ID + "country/cn"


def pick_parameters(select: Callable[[str], list[dict[str, Any]]]) -> Parameters:
    """The busiest city, one held post and a month with meetings, from ``select``.

    ``select`` runs a SELECT query (with the project's prefixes already declared) and returns
    rows as dicts of strings.
    """
    city = select(
        "SELECT ?c (COUNT(*) AS ?n) WHERE { ?e bkg:place ?c } GROUP BY ?c ORDER BY DESC(?n) ?c "
        "LIMIT 1"
    )
    edge = select(
        "SELECT ?s ?o WHERE { ?s org:holds ?o . ?o org:role bkg:Mayor } ORDER BY ?s ?o LIMIT 1"
    )
    month = select("SELECT ?d WHERE { ?m a bkg:Meeting ; schema:startDate ?d } ORDER BY ?d LIMIT 1")
    first = str(month[0]["d"]) if month else "2024-01-01"
    year, mon = int(first[:4]), int(first[5:7])
    until = f"{year + (mon == 12)}-{mon % 12 + 1:02d}-01"
    return Parameters(
        city=str(city[0]["c"]) if city else _ID + "city/batam-6295587",
        subject=str(edge[0]["s"]) if edge else _ID + "person/none",
        predicate="http://www.w3.org/ns/org#holds",
        object=str(edge[0]["o"]) if edge else _ID + "post/none",
        since=f"{year}-{mon:02d}-01",
        until=until,
    )


def competency_queries(p: Parameters) -> dict[str, str]:
    """Name -> full query text (prefixes included) for the parameters ``p``."""
    # Written as an analyst would: the default graph holds each fact once, so plain
    # joins need no de-duplicating sub-selects.
    queries = {
        # Who holds which post: every holder, the kind of post and its label.
        "posts": """
SELECT ?name ?role ?postName WHERE {
  ?person org:holds ?post ; rdfs:label ?name .
  ?post org:role ?role ; rdfs:label ?postName .
}
ORDER BY ?name LIMIT 500""",
        # Sister-city agreements by status, with how many there are and how many cities.
        "agreements": """
SELECT ?status (COUNT(DISTINCT ?agreement) AS ?n) (COUNT(DISTINCT ?party) AS ?cities) WHERE {
  ?agreement a bkg:SisterCityAgreement ; bkg:status ?status ; bkg:party ?party .
  ?party a bkg:City .
}
GROUP BY ?status ORDER BY ?status""",
        # Meetings in a date range, where and with whom.
        "meetings": f"""
SELECT ?meeting ?date ?placeName ?who WHERE {{
  ?meeting a bkg:Meeting ; schema:startDate ?date ; bkg:place ?place ; bkg:participant ?p .
  FILTER (?date >= "{p.since}"^^xsd:date && ?date < "{p.until}"^^xsd:date)
  ?place rdfs:label ?placeName . ?p rdfs:label ?who .
}}
ORDER BY ?date ?meeting""",
        # Everything within two relations of a city.
        "neighbours": f"""
SELECT DISTINCT ?n1 ?n2 WHERE {{
  VALUES ?r1 {{ {_RELATIONS} }}
  {{ <{p.city}> ?r1 ?n1 }} UNION {{ ?n1 ?r1 <{p.city}> }}
  FILTER (isIRI(?n1))
  OPTIONAL {{
    VALUES ?r2 {{ {_RELATIONS} }}
    {{ ?n1 ?r2 ?n2 }} UNION {{ ?n2 ?r2 ?n1 }}
    FILTER (isIRI(?n2) && ?n2 != <{p.city}>)
  }}
}}
LIMIT 5000""",
        # The evidence of one edge: sentences, offsets and articles (in the article graphs).
        "evidence": f"""
SELECT ?sentence ?start ?end ?confidence ?article ?url WHERE {{
  GRAPH ?article {{
    ?evidence rdf:subject <{p.subject}> ; rdf:predicate <{p.predicate}> ;
              rdf:object <{p.object}> ; bkg:sentence ?sentence ; bkg:startOffset ?start ;
              bkg:endOffset ?end ; bkg:confidence ?confidence .
  }}
  OPTIONAL {{ ?article schema:url ?url }}
}}
ORDER BY DESC(?confidence) ?article""",
        # Bilateral summary: agreements between places of two countries, by kind and status.
        "bilateral": f"""
SELECT ?kind ?status (COUNT(DISTINCT ?agreement) AS ?n) WHERE {{
  VALUES ?kind {{ bkg:SisterCityAgreement bkg:MemorandumOfUnderstanding bkg:LetterOfIntent
                 bkg:CooperationAgreement }}
  ?agreement a ?kind ; bkg:status ?status ; bkg:party ?x , ?y .
  ?x bkg:locatedIn <{p.country_a}> .
  ?y bkg:locatedIn <{p.country_b}> .
}}
GROUP BY ?kind ?status ORDER BY ?kind ?status""",
    }
    prefixes = sparql_prefixes()
    return {name: prefixes + text.strip() for name, text in queries.items()}


# -- the examples users see ----------------------------------------------------------------

_README_BLOCK = re.compile(r"<!-- query: ([\w-]+) -->\s*```sparql\n(.*?)```", re.DOTALL)
_README_PREFIXES = re.compile(r"```sparql\n(PREFIX.*?)```", re.DOTALL)
_JS_PREFIXES = re.compile(r"const PREFIXES = `((?:[^`\\]|\\.)*)`")
_JS_EXAMPLE = re.compile(r'key:\s*"([^"]+)",\s*query:\s*`((?:[^`\\]|\\.)*)`', re.DOTALL)


def readme_examples(path: Path = README) -> dict[str, str]:
    """The README's example queries (``<!-- query: name -->`` blocks) with its PREFIX block.

    >>> examples = readme_examples()
    >>> "who-holds-which-post" in examples, examples["who-holds-which-post"].startswith("PREFIX")
    (True, True)
    """
    text = path.read_text(encoding="utf-8")
    prefixes = _README_PREFIXES.search(text)
    found = _README_BLOCK.findall(text)
    if prefixes is None or not found:
        raise ConfigError(f"{path}: no PREFIX block or no <!-- query: name --> sparql blocks")
    return {name: prefixes.group(1) + body for name, body in found}


def sparql_page_examples(path: Path = SPARQL_PAGE_EXAMPLES) -> dict[str, str]:
    """The SPARQL page's example queries: ``key``/``query`` pairs of its JavaScript module.

    ``${PREFIXES}`` in a query is replaced by the module's ``PREFIXES`` constant.

    >>> examples = sparql_page_examples()
    >>> len(examples) >= 4, all("SELECT" in q for q in examples.values())
    (True, True)
    """
    text = path.read_text(encoding="utf-8")
    prefixes = _JS_PREFIXES.search(text)
    out = {}
    for key, raw in _JS_EXAMPLE.findall(text):
        query = raw.replace("${PREFIXES}", prefixes.group(1) if prefixes else "")
        if "${" in query:
            raise ConfigError(f"{path}: example {key!r} uses a template value other than PREFIXES")
        out[key] = query.replace("\\`", "`").replace("\\\\", "\\")
    if not out:
        raise ConfigError(f'{path}: no examples (objects with key: "..." and query: `...`)')
    return out


#: The edge an example asks about: ``VALUES (?s ?p ?o) { (<subject> org:holds <post>) }``.
_ONE_EDGE = re.compile(r"(VALUES\s*\(\?s \?p \?o\)\s*\{\s*\(\s*)<[^>]+>(\s+org:holds\s+)<[^>]+>")


def example_queries(holding: tuple[str, str] | None = None) -> dict[str, str]:
    """Every example a user is shown, named ``README <name>`` and ``SPARQL page <key>``.

    The examples about one edge name a holding of the bundled articles; ``holding``
    (person IRI, post IRI) puts one of the store under test in its place, so the
    benchmark times an edge with real evidence, not an empty answer.

    >>> person, post = "https://w3id.org/bilateral-kg/id/person/x", "urn:post"
    >>> edges = [q for q in example_queries((person, post)).values() if "<urn:post>" in q]
    >>> len(edges)  # the README's and the SPARQL page's
    2
    """
    examples = {
        **{f"README {k}": q for k, q in readme_examples().items()},
        **{f"SPARQL page {k}": q for k, q in sparql_page_examples().items()},
    }
    if holding is None:
        return examples
    person, post = holding
    return {
        name: _ONE_EDGE.sub(lambda m: f"{m[1]}<{person}>{m[2]}<{post}>", query)
        for name, query in examples.items()
    }
