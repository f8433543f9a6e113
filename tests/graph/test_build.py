"""The builder: one article's extraction becomes exactly the expected named graph."""

from __future__ import annotations

from datetime import date

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, URIRef
from rdflib.compare import isomorphic

from kg.extract.model import IRI, Evidence, Extraction, LangText, Value
from kg.graph.build import article_iri, build_article, literal
from kg.graph.vocab import BKG, BKGID, sparql_prefixes
from kg.sources import Article

TEXT = "Wali Kota Batam, Amsakar Achmad, menerima Zhang Min. “Kami siap,” kata Amsakar."
SENTENCE = "Wali Kota Batam, Amsakar Achmad, menerima Zhang Min."
QUOTE_SENTENCE = "“Kami siap,” kata Amsakar."
ARTICLE = Article(
    text=TEXT,
    url="https://example.com/news/1",
    title="Amsakar terima Zhang Min",
    published=date(2025, 4, 22),
    language="id",
    source="Contoh News",
    origin="test",
)
EVIDENCE = Evidence(SENTENCE, 0, len(SENTENCE), 0.9)
QUOTE_EVIDENCE = Evidence(QUOTE_SENTENCE, TEXT.index("“"), len(TEXT), 0.75)


def extraction() -> Extraction:
    ex = Extraction(language="id")
    amsakar = ex.node("person/amsakar-achmad", "Person")
    amsakar.labels[""] = "Amsakar Achmad"
    amsakar.alt_labels |= {"Amsakar", "Amsakar Achmad"}
    amsakar.evidence.append(EVIDENCE)
    post = ex.node("post/mayor-batam", "Post")
    post.labels["en"] = "Mayor of Batam"
    post.add("bkg:title", LangText("Wali Kota", "id"))
    batam = ex.node("city/batam-6295587", "City")
    batam.labels[""] = "Batam"
    batam.add("owl:sameAs", IRI("https://sws.geonames.org/6295587/"))
    quote = ex.node("statement/1", "Statement")
    quote.labels[""] = "Kami siap"
    quote.add("schema:text", LangText("Kami siap", "id"))
    ex.relate("person/amsakar-achmad", "org:holds", "post/mayor-batam", EVIDENCE)
    ex.relate("post/mayor-batam", "org:role", IRI("bkg:Mayor"), EVIDENCE)
    ex.relate("post/mayor-batam", "bkg:jurisdiction", "city/batam-6295587", EVIDENCE)
    ex.relate("statement/1", "bkg:speaker", "person/amsakar-achmad", QUOTE_EVIDENCE)
    return ex


GRAPH = article_iri(ARTICLE)
# Evidence nodes are blank here; their IRIs are digests, checked separately below.
EXPECTED = f"""
{sparql_prefixes()}
PREFIX a: <{GRAPH}>
PREFIX id: <{BKGID}>

a: a bkg:Article ;
    bkg:contentHash "{ARTICLE.content_hash}" ;
    schema:inLanguage "id" ;
    bkg:extracted true ;
    schema:articleBody "{TEXT}" ;
    rdfs:label "Amsakar terima Zhang Min" ;
    schema:url "https://example.com/news/1"^^xsd:anyURI ;
    schema:headline "Amsakar terima Zhang Min" ;
    schema:datePublished "2025-04-22"^^xsd:date ;
    schema:publisher "Contoh News" .

<{BKGID}person/amsakar-achmad> a bkg:Person ;
    rdfs:label "Amsakar Achmad" ;
    skos:altLabel "Amsakar" ;
    prov:wasDerivedFrom a: ;
    org:holds <{BKGID}post/mayor-batam> .

<{BKGID}post/mayor-batam> a bkg:Post ;
    rdfs:label "Mayor of Batam"@en ;
    bkg:title "Wali Kota"@id ;
    prov:wasDerivedFrom a: ;
    org:role bkg:Mayor ;
    bkg:jurisdiction <{BKGID}city/batam-6295587> .

<{BKGID}city/batam-6295587> a bkg:City ;
    rdfs:label "Batam" ;
    owl:sameAs <https://sws.geonames.org/6295587/> ;
    prov:wasDerivedFrom a: .

<{BKGID}statement/1> a bkg:Statement ;
    rdfs:label "Kami siap" ;
    schema:text "Kami siap"@id ;
    prov:wasDerivedFrom a: ;
    bkg:speaker <{BKGID}person/amsakar-achmad> .
"""


def evidence_turtle(subject: str, predicate: str, obj: str, ev: Evidence) -> str:
    return f"""
[] a bkg:Evidence ;
    rdf:subject {subject} ; rdf:predicate {predicate} ; rdf:object {obj} ;
    bkg:sentence "{ev.sentence}" ;
    bkg:startOffset {ev.start} ; bkg:endOffset {ev.end} ;
    bkg:confidence "{ev.confidence:.3f}"^^xsd:decimal ;
    prov:wasDerivedFrom <{GRAPH}> .
"""


AMSAKAR = f"<{BKGID}person/amsakar-achmad>"
POST = f"<{BKGID}post/mayor-batam>"
EVIDENCES = [
    (AMSAKAR, "rdf:type", "bkg:Person", EVIDENCE),  # a node's first sentence backs its type
    (AMSAKAR, "org:holds", POST, EVIDENCE),
    (POST, "org:role", "bkg:Mayor", EVIDENCE),
    (POST, "bkg:jurisdiction", f"<{BKGID}city/batam-6295587>", EVIDENCE),
    (f"<{BKGID}statement/1>", "bkg:speaker", AMSAKAR, QUOTE_EVIDENCE),
]


def to_rdflib(quads: list[ox.Quad], *, blank_evidence: bool = False) -> Graph:
    """The quads' triples as an rdflib graph; evidence IRIs optionally made blank."""
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    graph = Graph().parse(data=data, format="nt")
    if blank_evidence:
        for node in {s for s in graph.subjects() if str(s).startswith(f"{BKGID}evidence/")}:
            blank = BNode()
            for p, o in list(graph.predicate_objects(node)):
                graph.remove((node, p, o))
                graph.add((blank, p, o))
    return graph


def test_graph_is_exactly_the_expected_one() -> None:
    graph_iri, quads = build_article(ARTICLE, extraction())
    assert graph_iri == GRAPH
    assert {q.graph_name for q in quads} == {ox.NamedNode(GRAPH)}
    expected = Graph().parse(
        data=EXPECTED + "".join(evidence_turtle(*e) for e in EVIDENCES), format="turtle"
    )
    actual = to_rdflib(quads, blank_evidence=True)
    missing, extra = expected - actual, actual - expected
    assert isomorphic(actual, expected), (
        f"missing: {sorted(map(str, missing))[:8]}, extra: {sorted(map(str, extra))[:8]}"
    )


def test_evidence_iris_are_stable_and_per_article() -> None:
    _, first = build_article(ARTICLE, extraction())
    _, again = build_article(ARTICLE, extraction())
    other = Article(TEXT, url="https://example.com/news/2", origin="test")
    _, elsewhere = build_article(other, extraction())

    def evidence_nodes(quads: list[ox.Quad]) -> set[str]:
        return {q.subject.value for q in quads if q.subject.value.startswith(f"{BKGID}evidence/")}

    assert evidence_nodes(first) == evidence_nodes(again)
    assert len(evidence_nodes(first)) == len(EVIDENCES)
    assert not evidence_nodes(first) & evidence_nodes(elsewhere)


def test_minimal_article_metadata() -> None:
    bare = Article("Teks saja.", origin="memo.txt")
    graph_iri, quads = build_article(bare, Extraction(language="id", extracted=False))
    actual = to_rdflib(quads)
    subject = URIRef(graph_iri)
    expected = Graph().parse(
        data=f"""{sparql_prefixes()}
        <{graph_iri}> a bkg:Article ; bkg:contentHash "{bare.content_hash}" ;
            schema:inLanguage "id" ; bkg:extracted false ;
            schema:articleBody "Teks saja." ; rdfs:label "memo.txt" .""",
        format="turtle",
    )
    assert isomorphic(actual, expected)
    assert graph_iri == f"{BKGID}article/{bare.identity}"
    assert (subject, None, None) in actual


XSD = "http://www.w3.org/2001/XMLSchema#"


def typed(text: str, datatype: str) -> ox.Literal:
    return ox.Literal(text, datatype=ox.NamedNode(XSD + datatype))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(3, typed("3", "integer"), id="int"),
        pytest.param(True, typed("true", "boolean"), id="bool"),
        pytest.param(0.5, typed("0.5", "decimal"), id="float"),
        pytest.param(0.1234567, typed("0.1234567", "decimal"), id="float-keeps-digits"),
        pytest.param(1e-7, typed("0.0000001", "decimal"), id="small-float"),
        pytest.param(2.5e9, typed("2500000000.0", "decimal"), id="large-float"),
        pytest.param(float("nan"), typed("NaN", "double"), id="nan"),
        pytest.param(float("-inf"), typed("-INF", "double"), id="minus-infinity"),
        pytest.param(date(2025, 4, 21), typed("2025-04-21", "date"), id="date"),
        pytest.param(LangText("Kota", "id"), ox.Literal("Kota", language="id"), id="lang"),
        pytest.param(LangText("Kota", ""), ox.Literal("Kota"), id="no-lang"),
        pytest.param(IRI("bkg:Proposed"), ox.NamedNode(str(BKG.Proposed)), id="curie"),
        pytest.param("Batam", ox.Literal("Batam"), id="str"),
    ],
)
def test_literal(value: Value, expected: ox.Literal | ox.NamedNode) -> None:
    assert literal(value) == expected
