"""ontology/shapes.ttl accepts a well-formed article graph and names what is wrong in a bad one.

The shapes are applied to one article graph at a time, without inference (see
ontology/README.md); these tests do the same with hand-built graphs of the seed article.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import NamedTuple

import pyoxigraph
import pytest
from pyshacl import validate
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.query import ResultRow
from rdflib.term import Node

from kg.graph.store import GraphWrite, OxigraphStore
from kg.graph.vocab import (
    BKG,
    BKGID,
    BKGSH,
    ONTOLOGY_DIR,
    ONTOLOGY_FILE,
    ONTOLOGY_GRAPH,
    ORG,
    OWL,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
    SH,
    SHAPES_FILE,
    SKOS,
)

# Plain Namespaces: rdflib's SDO and XSD warn when pytest's doctest collector probes them.
SDO = Namespace(PREFIXES["schema"])
XSD = Namespace(PREFIXES["xsd"])

TEXT = (
    "Konsul Jenderal Tiongkok di Medan, Zhang Min, bertemu Wali Kota Batam Amsakar Achmad "
    "di Batam, Senin (21/4). "
    '"Kami melihat Batam sebagai mitra yang tepat bagi Xiangyang," kata Konjen Zhang.'
)
HOLDS_SENTENCE = (
    "Konsul Jenderal Tiongkok di Medan, Zhang Min, bertemu Wali Kota Batam Amsakar Achmad "
    "di Batam, Senin (21/4)."
)
QUOTE = "Kami melihat Batam sebagai mitra yang tepat bagi Xiangyang,"

ARTICLE = BKGID["article/0123456789abcdef01234567"]
OTHER_ARTICLE = BKGID["article/fedcba9876543210fedcba98"]
ZHANG = BKGID["person/zhang-min"]
AMSAKAR = BKGID["person/amsakar-achmad"]
CONSUL_POST = BKGID["post/consul-general-cn-medan"]
MAYOR_BATAM = BKGID["post/mayor-batam"]
MAYOR_XIANGYANG = BKGID["post/mayor-xiangyang"]
BATAM = BKGID["city/batam-1650213"]
MEDAN = BKGID["city/medan-1214520"]
XIANGYANG = BKGID["city/xiangyang-1790587"]
HUBEI = BKGID["province/hubei-1806949"]
CHINA = BKGID["country/cn"]
INDONESIA = BKGID["country/id"]
BYD = BKGID["company/byd"]
AGREEMENT = BKGID["agreement/sister-city-batam-xiangyang"]
MEETING = BKGID["event/meeting-batam-2025-04-21"]
INVITATION = BKGID["event/invitation-xiangyang-batam"]
STATEMENT = BKGID["statement/zhang-min-kami-melihat-batam"]
EVIDENCE = BKGID["evidence/0123456789abcdef01234567/1"]
EVIDENCE_MAYOR = BKGID["evidence/0123456789abcdef01234567/2"]


def build_article_graph(graph: Graph) -> Graph:
    """The seed article's facts, laid out as the graph builder writes one article graph."""
    add = graph.add

    def node(iri: URIRef, kind: URIRef, label: str) -> None:
        add((iri, RDF.type, kind))
        add((iri, RDFS.label, Literal(label, lang="en")))
        add((iri, PROV.wasDerivedFrom, ARTICLE))

    add((ARTICLE, RDF.type, BKG.Article))
    add((ARTICLE, SDO.url, Literal("https://example.org/batam-xiangyang", datatype=XSD.anyURI)))
    add((ARTICLE, BKG.contentHash, Literal(hashlib.sha256(TEXT.encode()).hexdigest())))
    add((ARTICLE, SDO.inLanguage, Literal("id")))
    add((ARTICLE, SDO.datePublished, Literal(date(2025, 4, 22))))
    add((ARTICLE, SDO.headline, Literal("Batam jajaki kota kembar dengan Xiangyang", lang="id")))
    add((ARTICLE, SDO.publisher, Literal("Example News")))
    add((ARTICLE, BKG.extracted, Literal(True)))

    for iri, name, geonames in [
        (BATAM, "Batam", 1650213),
        (MEDAN, "Medan", 1214520),
        (XIANGYANG, "Xiangyang", 1790587),
    ]:
        node(iri, BKG.City, name)
        add((iri, OWL.sameAs, URIRef(f"https://sws.geonames.org/{geonames}/")))
    node(HUBEI, BKG.Province, "Hubei")
    for iri, name, code in [(CHINA, "China", "CN"), (INDONESIA, "Indonesia", "ID")]:
        node(iri, BKG.Country, name)
        add((iri, BKG.isoCode, Literal(code)))
    add((CHINA, SKOS.altLabel, Literal("Tiongkok", lang="id")))
    add((CHINA, SKOS.altLabel, Literal("Republik Rakyat Tiongkok", lang="id")))
    add((XIANGYANG, BKG.locatedIn, HUBEI))
    add((HUBEI, BKG.locatedIn, CHINA))
    add((BATAM, BKG.locatedIn, INDONESIA))
    add((MEDAN, BKG.locatedIn, INDONESIA))

    node(BYD, BKG.Company, "BYD")
    add((BYD, BKG.locatedIn, XIANGYANG))

    node(ZHANG, BKG.Person, "Zhang Min")
    node(AMSAKAR, BKG.Person, "Amsakar Achmad")
    node(CONSUL_POST, BKG.Post, "Consul General of China in Medan")
    add((CONSUL_POST, ORG.role, BKG.ConsulGeneral))
    add((CONSUL_POST, BKG.represents, CHINA))
    add((CONSUL_POST, BKG.basedIn, MEDAN))
    add((CONSUL_POST, BKG.title, Literal("Konsul Jenderal", lang="id")))
    node(MAYOR_BATAM, BKG.Post, "Mayor of Batam")
    add((MAYOR_BATAM, ORG.role, BKG.Mayor))
    add((MAYOR_BATAM, BKG.jurisdiction, BATAM))
    node(MAYOR_XIANGYANG, BKG.Post, "Mayor of Xiangyang")
    add((MAYOR_XIANGYANG, ORG.role, BKG.Mayor))
    add((MAYOR_XIANGYANG, BKG.jurisdiction, XIANGYANG))
    add((ZHANG, ORG.holds, CONSUL_POST))
    add((AMSAKAR, ORG.holds, MAYOR_BATAM))

    node(AGREEMENT, BKG.SisterCityAgreement, "Sister-city agreement Batam–Xiangyang")
    add((AGREEMENT, BKG.party, BATAM))
    add((AGREEMENT, BKG.party, XIANGYANG))
    add((AGREEMENT, BKG.status, BKG.Proposed))

    node(MEETING, BKG.Meeting, "Meeting in Batam on 2025-04-21")
    add((MEETING, SDO.startDate, Literal(date(2025, 4, 21))))
    add((MEETING, BKG.place, BATAM))
    add((MEETING, BKG.participant, ZHANG))
    add((MEETING, BKG.participant, AMSAKAR))
    add((MEETING, BKG.concerns, AGREEMENT))

    node(INVITATION, BKG.Invitation, "Invitation from the Mayor of Xiangyang")
    add((INVITATION, BKG.inviter, MAYOR_XIANGYANG))
    add((INVITATION, BKG.invitee, AMSAKAR))

    node(STATEMENT, BKG.Statement, "Zhang Min: Kami melihat Batam…")
    add((STATEMENT, BKG.speaker, ZHANG))
    add((STATEMENT, SDO.text, Literal(QUOTE, lang="id")))

    start = TEXT.index(HOLDS_SENTENCE)
    for evidence, (subject, obj), confidence in [
        (EVIDENCE, (ZHANG, CONSUL_POST), "0.9"),
        (EVIDENCE_MAYOR, (AMSAKAR, MAYOR_BATAM), "0.8"),
    ]:
        add((evidence, RDF.type, BKG.Evidence))
        add((evidence, RDF.subject, subject))
        add((evidence, RDF.predicate, ORG.holds))
        add((evidence, RDF.object, obj))
        add((evidence, BKG.sentence, Literal(HOLDS_SENTENCE)))
        add((evidence, BKG.startOffset, Literal(start)))
        add((evidence, BKG.endOffset, Literal(start + len(HOLDS_SENTENCE))))
        add((evidence, BKG.confidence, Literal(Decimal(confidence))))
        add((evidence, PROV.wasDerivedFrom, ARTICLE))
    return graph


class Result(NamedTuple):
    focus: Node | None
    path: Node | None
    message: str


def check(shapes: Graph, data: Graph) -> tuple[bool, list[Result]]:
    conforms, report, _ = validate(data, shacl_graph=shapes, inference="none")
    assert isinstance(report, Graph)
    results = [
        Result(
            report.value(result, SH.focusNode),
            report.value(result, SH.resultPath),
            str(report.value(result, SH.resultMessage)),
        )
        # Top-level results only; pyshacl also types the nested sh:detail ones.
        for result in report.objects(None, SH.result)
    ]
    return bool(conforms), results


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


@pytest.fixture
def article_graph() -> Graph:
    return build_article_graph(Graph())


# -- the files parse, and the shapes are themselves valid SHACL -----------------------------


def test_ontology_parses() -> None:
    graph = Graph().parse(ONTOLOGY_FILE, format="turtle")
    assert (ONTOLOGY_GRAPH, RDF.type, OWL.Ontology) in graph


def test_shapes_parse(shapes: Graph) -> None:
    assert (BKGSH.PostShape, RDF.type, SH.NodeShape) in shapes
    assert SHAPES_FILE.parent == ONTOLOGY_DIR


def test_shapes_are_valid_shacl(shapes: Graph, article_graph: Graph) -> None:
    conforms, _, text = validate(article_graph, shacl_graph=shapes, meta_shacl=True)
    assert conforms, text


# -- a well-formed article graph conforms ------------------------------------------------


def test_valid_article_graph_conforms(shapes: Graph, article_graph: Graph) -> None:
    conforms, results = check(shapes, article_graph)
    assert conforms, results


def test_named_article_graph_of_a_dataset_conforms(shapes: Graph) -> None:
    """The layout: facts in the graph named by the article IRI, the ontology in its own."""
    dataset = Dataset()
    build_article_graph(dataset.graph(ARTICLE))
    dataset.graph(ONTOLOGY_GRAPH).parse(ONTOLOGY_FILE, format="turtle")
    conforms, results = check(shapes, dataset.graph(ARTICLE))
    assert conforms, results


def test_article_graph_with_the_ontology_mixed_in_conforms(shapes: Graph) -> None:
    """The ontology's own nodes (roles, statuses, schemes) trigger no shape."""
    graph = build_article_graph(Graph())
    graph.parse(ONTOLOGY_FILE, format="turtle")
    conforms, results = check(shapes, graph)
    assert conforms, results


def test_unextracted_article_conforms(shapes: Graph) -> None:
    """An article in an unsupported language: metadata only."""
    graph = Graph()
    graph.add((OTHER_ARTICLE, RDF.type, BKG.Article))
    graph.add((OTHER_ARTICLE, BKG.contentHash, Literal("0" * 64)))
    graph.add((OTHER_ARTICLE, SDO.inLanguage, Literal("zh")))
    graph.add((OTHER_ARTICLE, BKG.extracted, Literal(False)))
    conforms, results = check(shapes, graph)
    assert conforms, results


# -- broken variants ---------------------------------------------------------------------

Mutation = Callable[[Graph], None]


def replace(subject: URIRef, predicate: URIRef, value: Node) -> Mutation:
    def mutate(graph: Graph) -> None:
        graph.set((subject, predicate, value))

    return mutate


def remove(subject: URIRef, predicate: URIRef, value: Node | None = None) -> Mutation:
    def mutate(graph: Graph) -> None:
        graph.remove((subject, predicate, value))

    return mutate


def add(subject: URIRef, predicate: URIRef, value: Node) -> Mutation:
    def mutate(graph: Graph) -> None:
        graph.add((subject, predicate, value))

    return mutate


def no_url_no_hash(graph: Graph) -> None:
    graph.remove((ARTICLE, SDO.url, None))
    graph.remove((ARTICLE, BKG.contentHash, None))


def one_party_mou(graph: Graph) -> None:
    """Typed only by a sub-class: the shapes must catch it without inference."""
    mou = BKGID["agreement/mou-batam-byd"]
    graph.add((mou, RDF.type, BKG.MemorandumOfUnderstanding))
    graph.add((mou, RDFS.label, Literal("MoU Batam–BYD", lang="en")))
    graph.add((mou, PROV.wasDerivedFrom, ARTICLE))
    graph.add((mou, BKG.party, BATAM))
    graph.add((mou, BKG.status, BKG.Signed))


BROKEN = [
    pytest.param(
        add(MAYOR_BATAM, ORG.role, BKG.Regent), MAYOR_BATAM, ORG.role, id="post-two-roles"
    ),
    pytest.param(remove(MAYOR_BATAM, ORG.role), MAYOR_BATAM, ORG.role, id="post-without-role"),
    pytest.param(
        replace(MAYOR_BATAM, ORG.role, BKG.Proposed),
        MAYOR_BATAM,
        ORG.role,
        id="post-role-not-a-role",
    ),
    pytest.param(
        remove(AGREEMENT, BKG.party, XIANGYANG), AGREEMENT, BKG.party, id="agreement-one-party"
    ),
    pytest.param(
        one_party_mou,
        BKGID["agreement/mou-batam-byd"],
        BKG.party,
        id="subclass-only-agreement-one-party",
    ),
    pytest.param(remove(AGREEMENT, BKG.status), AGREEMENT, BKG.status, id="agreement-no-status"),
    pytest.param(
        add(AGREEMENT, BKG.status, BKG.Signed), AGREEMENT, BKG.status, id="agreement-two-statuses"
    ),
    pytest.param(
        replace(AGREEMENT, BKG.status, BKG.Mayor), AGREEMENT, BKG.status, id="status-not-a-status"
    ),
    pytest.param(
        add(AGREEMENT, BKG.party, ZHANG), AGREEMENT, BKG.party, id="agreement-person-party"
    ),
    pytest.param(
        replace(MEETING, SDO.startDate, Literal("2025-04-21")),
        MEETING,
        SDO.startDate,
        id="event-date-as-string",
    ),
    pytest.param(
        add(MEETING, SDO.startDate, Literal(date(2025, 4, 22))),
        MEETING,
        SDO.startDate,
        id="event-two-dates",
    ),
    pytest.param(
        remove(MEETING, BKG.participant), MEETING, BKG.participant, id="meeting-no-participant"
    ),
    pytest.param(
        remove(INVITATION, BKG.invitee), INVITATION, BKG.invitee, id="invitation-no-invitee"
    ),
    pytest.param(remove(STATEMENT, BKG.speaker), STATEMENT, BKG.speaker, id="statement-no-speaker"),
    pytest.param(
        replace(STATEMENT, BKG.speaker, MAYOR_BATAM),
        STATEMENT,
        BKG.speaker,
        id="statement-speaker-is-a-post",
    ),
    pytest.param(
        replace(STATEMENT, SDO.text, Literal(QUOTE)), STATEMENT, SDO.text, id="quote-without-lang"
    ),
    pytest.param(
        remove(BYD, PROV.wasDerivedFrom), BYD, PROV.wasDerivedFrom, id="node-without-provenance"
    ),
    pytest.param(
        replace(HUBEI, PROV.wasDerivedFrom, BKGID["article/unknown"]),
        HUBEI,
        PROV.wasDerivedFrom,
        id="provenance-not-an-article",
    ),
    pytest.param(remove(MEETING, RDFS.label), MEETING, RDFS.label, id="event-without-label"),
    pytest.param(
        replace(EVIDENCE, BKG.startOffset, Literal(500)),
        EVIDENCE,
        BKG.startOffset,
        id="evidence-start-after-end",
    ),
    pytest.param(
        replace(EVIDENCE, BKG.startOffset, Literal("0")),
        EVIDENCE,
        BKG.startOffset,
        id="evidence-offset-as-string",
    ),
    pytest.param(
        replace(EVIDENCE, BKG.confidence, Literal(Decimal("1.5"))),
        EVIDENCE,
        BKG.confidence,
        id="evidence-confidence-above-one",
    ),
    pytest.param(
        replace(EVIDENCE, BKG.confidence, Literal(0.9)),
        EVIDENCE,
        BKG.confidence,
        id="evidence-confidence-double",
    ),
    pytest.param(remove(EVIDENCE, BKG.sentence), EVIDENCE, BKG.sentence, id="evidence-no-sentence"),
    pytest.param(
        replace(EVIDENCE, RDF.object, MAYOR_BATAM),
        EVIDENCE,
        None,
        id="evidence-for-unasserted-triple",
    ),
    pytest.param(
        replace(EVIDENCE, BKG.endOffset, Literal(TEXT.index(HOLDS_SENTENCE) + 10)),
        EVIDENCE,
        None,
        id="evidence-offsets-do-not-span-sentence",
    ),
    pytest.param(
        replace(CHINA, BKG.isoCode, Literal("chn")), CHINA, BKG.isoCode, id="country-isocode-chn"
    ),
    pytest.param(remove(CHINA, BKG.isoCode), CHINA, BKG.isoCode, id="country-without-isocode"),
    pytest.param(
        replace(BATAM, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q12234")),
        BATAM,
        OWL.sameAs,
        id="sameas-not-geonames",
    ),
    pytest.param(
        replace(BATAM, OWL.sameAs, URIRef("http://sws.geonames.org/1650213/")),
        BATAM,
        OWL.sameAs,
        id="sameas-geonames-http",
    ),
    pytest.param(
        replace(CONSUL_POST, BKG.basedIn, CHINA), CONSUL_POST, BKG.basedIn, id="basedin-a-country"
    ),
    pytest.param(replace(MEETING, BKG.place, BYD), MEETING, BKG.place, id="event-place-a-company"),
    pytest.param(
        remove(ARTICLE, SDO.inLanguage), ARTICLE, SDO.inLanguage, id="article-no-language"
    ),
    pytest.param(
        no_url_no_hash,
        ARTICLE,
        None,
        id="article-no-url-no-hash",
    ),
]


@pytest.mark.parametrize(("mutate", "focus", "path"), BROKEN)
def test_broken_graph_does_not_conform(
    shapes: Graph, article_graph: Graph, mutate: Mutation, focus: URIRef, path: URIRef | None
) -> None:
    mutate(article_graph)
    conforms, results = check(shapes, article_graph)
    assert not conforms
    assert any(r.focus == focus and r.path == path for r in results), results
    # Every result carries one of our sh:messages (SPARQL ones are templates), not pyshacl's.
    ours = {str(message).split("{")[0] for message in shapes.objects(None, SH.message)}
    assert all(any(r.message.startswith(m) for m in ours) for r in results), results


def test_messages_fill_in_the_evidence_triple(shapes: Graph, article_graph: Graph) -> None:
    replace(EVIDENCE, RDF.object, MAYOR_BATAM)(article_graph)
    _, results = check(shapes, article_graph)
    (result,) = [r for r in results if r.path is None]
    assert str(MAYOR_BATAM) in result.message
    assert "{?" not in result.message


# -- per article graph, not the union ------------------------------------------------------


def test_statuses_that_differ_across_articles_only_fail_on_the_union(shapes: Graph) -> None:
    """An agreement Proposed in one article and Signed in a later one is fine per graph."""
    dataset = Dataset()
    build_article_graph(dataset.graph(ARTICLE))
    later = dataset.graph(OTHER_ARTICLE)
    later.add((OTHER_ARTICLE, RDF.type, BKG.Article))
    later.add((OTHER_ARTICLE, BKG.contentHash, Literal("f" * 64)))
    later.add((OTHER_ARTICLE, SDO.inLanguage, Literal("en")))
    later.add((AGREEMENT, RDF.type, BKG.SisterCityAgreement))
    later.add((AGREEMENT, RDFS.label, Literal("Sister-city agreement Batam–Xiangyang", lang="en")))
    later.add((AGREEMENT, PROV.wasDerivedFrom, OTHER_ARTICLE))
    for city, name in [(BATAM, "Batam"), (XIANGYANG, "Xiangyang")]:
        later.add((AGREEMENT, BKG.party, city))
        later.add((city, RDF.type, BKG.City))
        later.add((city, RDFS.label, Literal(name, lang="en")))
        later.add((city, PROV.wasDerivedFrom, OTHER_ARTICLE))
    later.add((AGREEMENT, BKG.status, BKG.Signed))

    for name in (ARTICLE, OTHER_ARTICLE):
        conforms, results = check(shapes, dataset.graph(name))
        assert conforms, (name, results)

    union = Graph()
    for name in (ARTICLE, OTHER_ARTICLE):
        union += dataset.graph(name)
    conforms, results = check(shapes, union)
    assert not conforms
    assert {(r.focus, r.path) for r in results} == {(AGREEMENT, BKG.status)}


# -- the README's queries run on the layout ----------------------------------------------


def readme_query(name: str) -> str:
    text = (ONTOLOGY_DIR / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"<!-- query: {name} -->\s*```sparql\n(.*?)```", text, re.S)
    assert match, f"query {name!r} not found in ontology/README.md"
    return match.group(1)


def test_readme_evidence_example_is_valid_trig() -> None:
    text = (ONTOLOGY_DIR / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- example: evidence -->\s*```trig\n(.*?)```", text, re.S)
    assert match, "the evidence example is missing from ontology/README.md"
    store = pyoxigraph.Store()
    store.load(match.group(1), format=pyoxigraph.RdfFormat.TRIG)
    # The supported triple is asserted in the article's graph, beside its evidence.
    query = f"""
        SELECT ?sentence ?start ?end WHERE {{
          GRAPH <{ARTICLE}> {{
            ?evidence a <{BKG.Evidence}> ;
                <{RDF.subject}> ?s ; <{RDF.predicate}> ?p ; <{RDF.object}> ?o ;
                <{BKG.sentence}> ?sentence ;
                <{BKG.startOffset}> ?start ; <{BKG.endOffset}> ?end .
            ?s ?p ?o .
          }}
        }}"""
    solutions = store.query(query)
    assert isinstance(solutions, pyoxigraph.QuerySolutions)
    ((sentence, start, end),) = [tuple(row[i].value for i in range(3)) for row in solutions]
    assert int(end) - int(start) == len(sentence)


def two_article_dataset() -> Dataset:
    """The seed article, and a second article that repeats Zhang Min's label and post."""
    dataset = Dataset()
    build_article_graph(dataset.graph(ARTICLE))
    dataset.graph(ONTOLOGY_GRAPH).parse(ONTOLOGY_FILE, format="turtle")
    later = dataset.graph(OTHER_ARTICLE)
    for triple in [
        (OTHER_ARTICLE, RDF.type, BKG.Article),
        (ZHANG, RDF.type, BKG.Person),
        (ZHANG, RDFS.label, Literal("Zhang Min", lang="en")),
        (ZHANG, PROV.wasDerivedFrom, OTHER_ARTICLE),
        (ZHANG, ORG.holds, CONSUL_POST),
    ]:
        later.add(triple)
    return dataset


def layout_store(dataset: Dataset) -> OxigraphStore:
    """The dataset's graphs written as the store writes them: facts once in the default graph."""
    store = OxigraphStore(None)
    for graph in dataset.graphs():
        if isinstance(graph.identifier, URIRef) and len(graph):
            name = pyoxigraph.NamedNode(str(graph.identifier))
            triples = pyoxigraph.parse(
                graph.serialize(format="nt"), format=pyoxigraph.RdfFormat.N_TRIPLES
            )
            quads = [pyoxigraph.Quad(t.subject, t.predicate, t.object, name) for t in triples]
            if any(
                isinstance(t, pyoxigraph.BlankNode) for q in quads for t in (q.subject, q.object)
            ):
                continue  # the ontology's lists: not needed by these queries
            store.write([GraphWrite(name.value, quads)])
    return store


def oxigraph_rows(dataset: Dataset, query: str) -> list[dict[str, str]]:
    """Run ``query`` the way the store does: Oxigraph, the default graph of facts."""
    solutions = layout_store(dataset).native.query(query)
    assert isinstance(solutions, pyoxigraph.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [
        {name: solution[name].value for name in names if solution[name] is not None}
        for solution in solutions
    ]


def test_a_fact_stated_in_two_graphs_is_one_fact() -> None:
    """Why the README needs no DISTINCT: the default graph holds each fact once."""
    query = f"SELECT ?name WHERE {{ <{ZHANG}> <{RDFS.label}> ?name }}"
    assert len(oxigraph_rows(two_article_dataset(), query)) == 1
    in_graphs = f"SELECT ?g WHERE {{ GRAPH ?g {{ <{ZHANG}> <{RDFS.label}> ?name }} }}"
    assert len(oxigraph_rows(two_article_dataset(), in_graphs)) == 2


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param(
            "mayor-of-batam",
            [{"name": "Amsakar Achmad", "sentence": HOLDS_SENTENCE, "article": str(ARTICLE)}],
            id="mayor-of-batam",
        ),
        pytest.param(
            "evidence-for-an-edge",
            [{"sentence": HOLDS_SENTENCE, "article": str(ARTICLE), "confidence": "0.9"}],
            id="evidence-for-an-edge",
        ),
    ],
)
def test_readme_query(name: str, expected: list[dict[str, str]]) -> None:
    rows = oxigraph_rows(two_article_dataset(), readme_query(name))
    assert [{key: row[key] for key in expected[0]} for row in rows] == expected
    (row,) = rows
    assert TEXT[int(row["start"]) : int(row["end"])] == row["sentence"]


def test_readme_query_runs_on_rdflib_too() -> None:
    dataset = Dataset()
    dump = layout_store(two_article_dataset()).native.dump(format=pyoxigraph.RdfFormat.N_QUADS)
    dataset.parse(data=dump, format="nquads")
    rows = dataset.query(readme_query("mayor-of-batam"))
    assert [str(row["name"]) for row in rows if isinstance(row, ResultRow)] == ["Amsakar Achmad"]


@pytest.mark.parametrize("name", ["articles-stating-a-fact", "support-count", "most-cited-facts"])
def test_provenance_queries_parse_and_run(name: str) -> None:
    rows = oxigraph_rows(two_article_dataset(), readme_query(name))
    assert rows, name
