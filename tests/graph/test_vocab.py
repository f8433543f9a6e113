"""The ontology defines the core vocabulary, and kg.graph.vocab agrees with the ontology."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.term import Node

from kg.graph.vocab import (
    BKG,
    BKGID,
    DCTERMS,
    ONTOLOGY_DIR,
    ONTOLOGY_FILE,
    ONTOLOGY_GRAPH,
    ORG,
    OWL,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
    SHAPES_FILE,
    SKOS,
    expand,
    sparql_prefixes,
)
from kg.graph.vocab import (
    term as bkg_term,
)

CORE_MD = Path(__file__).resolve().parents[3] / "shared" / "ONTOLOGY-CORE.md"

#: rdf:type values that declare a term in the bkg: namespace.
DECLARING_TYPES = {
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    OWL.SymmetricProperty,
    OWL.NamedIndividual,
    SKOS.ConceptScheme,
    BKG.Role,
    BKG.AgreementStatus,
}
PROPERTY_TYPES = {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}

BKG_NS = PREFIXES["bkg"]
# A plain Namespace, not rdflib's SDO: pytest's doctest collector probes module globals for
# mock attributes, and SDO warns on every unknown name it is asked for.
SDO = Namespace(PREFIXES["schema"])
ALL_BKG_TERMS: list[URIRef] = sorted(URIRef(t) for t in dir(BKG))


def local(iri: Node) -> str:
    return str(iri).removeprefix(BKG_NS)


#: Parsed once at import: the concept parameters below are read from it.
ONTOLOGY = Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return ONTOLOGY


def declared_bkg_terms(graph: Graph) -> set[URIRef]:
    return {
        s
        for s, o in graph.subject_objects(RDF.type)
        if isinstance(s, URIRef) and str(s).startswith(BKG_NS) and o in DECLARING_TYPES
    }


# -- the core document --------------------------------------------------------------------


def core_text() -> str:
    if not CORE_MD.is_file():
        pytest.skip(f"the shared core vocabulary {CORE_MD} is not present in this checkout")
    return CORE_MD.read_text(encoding="utf-8")


def section(text: str, heading: str) -> str:
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"section {heading!r} not found in {CORE_MD}"
    return match.group(1)


def table_terms(text: str, heading: str, *, all_columns: bool = False) -> list[str]:
    """The CURIEs in the first column (or every column) of the section's table."""
    terms: list[str] = []
    rows = [line for line in section(text, heading).splitlines() if line.startswith("|")]
    for row in rows[2:]:  # header and separator
        cells = row if all_columns else row.split("|")[1]
        terms += re.findall(r"`([a-z]+:\w+)`", cells)
    return terms


def paragraph_terms(text: str, starts_with: str) -> list[str]:
    """The backticked bkg: terms of the paragraph that starts with ``starts_with``."""
    for paragraph in re.split(r"\n\s*\n", text):
        if paragraph.startswith(starts_with):
            return re.findall(r"`(bkg:\w+)`", paragraph)
    raise AssertionError(f"no paragraph starting {starts_with!r} in {CORE_MD}")


def title_mapping(text: str) -> list[tuple[str, str]]:
    """(Indonesian title, role local name) pairs: 'Konjen = Consul General' -> ConsulGeneral."""
    match = re.search(r"map onto them:(.*?);", text, re.S)
    assert match, "title mapping sentence not found"
    pairs = []
    for item in " ".join(match.group(1).split()).split(", "):
        titles, role = item.split(" = ")
        role_name = role.title().replace(" ", "")
        pairs += [(title.strip(), role_name) for title in titles.split(" / ")]
    return pairs


def test_core_classes_are_owl_classes(ontology: Graph) -> None:
    # Every column: bkg:Place is named in the meaning column, super-classes in the last one.
    terms = [
        t for t in table_terms(core_text(), "Classes", all_columns=True) if t.startswith("bkg:")
    ]
    assert "bkg:Place" in terms
    assert len(set(terms)) >= 24
    missing = [t for t in terms if (URIRef(expand(t)), RDF.type, OWL.Class) not in ontology]
    assert missing == []


def test_core_bkg_properties_are_defined(ontology: Graph) -> None:
    terms = [t for t in table_terms(core_text(), "Properties") if t.startswith("bkg:")]
    assert len(terms) >= 14
    missing = [
        t for t in terms if not PROPERTY_TYPES & set(ontology.objects(URIRef(expand(t)), RDF.type))
    ]
    assert missing == []


def test_core_external_properties_are_declared(ontology: Graph) -> None:
    """org:holds, schema:startDate, prov:wasDerivedFrom, ... are declared in the ontology."""
    terms = [t for t in table_terms(core_text(), "Properties") if not t.startswith("bkg:")]
    assert {"org:holds", "org:role", "schema:startDate", "prov:wasDerivedFrom"} <= set(terms)
    missing = [t for t in terms if (URIRef(expand(t)), None, None) not in ontology]
    assert missing == []


def test_core_roles_are_role_instances_in_the_scheme(ontology: Graph) -> None:
    terms = paragraph_terms(core_text(), "Role instances")
    assert len(terms) >= 12
    for term in map(URIRef, map(expand, terms)):
        assert (term, RDF.type, BKG.Role) in ontology, term
        assert (term, RDF.type, SKOS.Concept) in ontology, term
        assert (term, SKOS.inScheme, BKG.Roles) in ontology, term


def test_core_statuses_are_status_instances_in_the_scheme(ontology: Graph) -> None:
    terms = paragraph_terms(core_text(), "Status instances")
    assert len(terms) >= 3
    for term in map(URIRef, map(expand, terms)):
        assert (term, RDF.type, BKG.AgreementStatus) in ontology, term
        assert (term, RDF.type, SKOS.Concept) in ontology, term
        assert (term, SKOS.inScheme, BKG.AgreementStatuses) in ontology, term


def test_indonesian_titles_label_their_roles(ontology: Graph) -> None:
    """Every 'Wali Kota = Mayor' of the core is a prefLabel or altLabel of the role."""
    pairs = title_mapping(core_text())
    assert ("Konjen", "ConsulGeneral") in pairs
    for title, role_name in pairs:
        role = bkg_term(role_name)
        labels = {
            str(label).casefold()
            for prop in (SKOS.prefLabel, SKOS.altLabel)
            for label in ontology.objects(role, prop)
        }
        assert title.casefold() in labels, (title, role_name)


# -- vocab.py agrees with the ontology ----------------------------------------------------


def test_defined_namespace_matches_the_ontology(ontology: Graph) -> None:
    assert declared_bkg_terms(ontology) == set(ALL_BKG_TERMS)


def test_every_bkg_iri_used_in_the_ontology_is_declared(ontology: Graph) -> None:
    """Catches a typo such as bkg:Mayr in a triple: it would be a new, undefined term."""
    used = {
        term
        for triple in ontology
        for term in triple
        if isinstance(term, URIRef) and str(term).startswith(BKG_NS)
    }
    assert used - declared_bkg_terms(ontology) == set()


def test_unknown_term_fails() -> None:
    with pytest.raises(AttributeError):
        _ = BKG.Mayr
    with pytest.raises(AttributeError):
        bkg_term("Mayr")


def test_term_looks_up_a_local_name() -> None:
    assert bkg_term("SisterCityAgreement") == BKG.SisterCityAgreement


def test_ontology_header(ontology: Graph) -> None:
    assert (ONTOLOGY_GRAPH, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_GRAPH, OWL.versionInfo) is not None
    titles = {
        t.language
        for t in ontology.objects(ONTOLOGY_GRAPH, DCTERMS.title)
        if isinstance(t, Literal)
    }
    assert titles >= {"en", "id"}


@pytest.mark.parametrize("term", [pytest.param(t, id=local(t)) for t in ALL_BKG_TERMS])
def test_term_has_label_and_comment_in_english_and_indonesian(
    ontology: Graph, term: URIRef
) -> None:
    for prop in (RDFS.label, RDFS.comment):
        languages = [
            str(value.language)
            for value in ontology.objects(term, prop)
            if isinstance(value, Literal)
        ]
        assert sorted(languages) == ["en", "id"], (prop, languages)


@pytest.mark.parametrize(
    ("subject", "predicate", "obj"),
    [
        pytest.param(BKG.Person, RDFS.subClassOf, SDO.Person, id="Person-schema"),
        pytest.param(BKG.Post, RDFS.subClassOf, ORG.Post, id="Post-org"),
        pytest.param(BKG.Role, RDFS.subClassOf, ORG.Role, id="Role-org"),
        pytest.param(BKG.Role, RDFS.subClassOf, SKOS.Concept, id="Role-skos"),
        pytest.param(BKG.Country, RDFS.subClassOf, BKG.Place, id="Country-Place"),
        pytest.param(BKG.Country, RDFS.subClassOf, SDO.Country, id="Country-schema"),
        pytest.param(BKG.Province, RDFS.subClassOf, SDO.AdministrativeArea, id="Province-schema"),
        pytest.param(BKG.City, RDFS.subClassOf, SDO.City, id="City-schema"),
        pytest.param(BKG.Organization, RDFS.subClassOf, ORG.Organization, id="Org-org"),
        pytest.param(BKG.Company, RDFS.subClassOf, BKG.Organization, id="Company-Org"),
        pytest.param(BKG.Company, RDFS.subClassOf, SDO.Corporation, id="Company-schema"),
        pytest.param(
            BKG.GovernmentBody,
            RDFS.subClassOf,
            SDO.GovernmentOrganization,
            id="GovernmentBody-schema",
        ),
        pytest.param(BKG.DiplomaticMission, RDFS.subClassOf, BKG.Organization, id="Mission-Org"),
        pytest.param(BKG.Agreement, RDFS.subClassOf, SDO.CreativeWork, id="Agreement-schema"),
        pytest.param(
            BKG.SisterCityAgreement, RDFS.subClassOf, BKG.Agreement, id="SisterCity-Agreement"
        ),
        pytest.param(BKG.AgreementStatus, RDFS.subClassOf, SKOS.Concept, id="Status-skos"),
        pytest.param(BKG.Event, RDFS.subClassOf, SDO.Event, id="Event-schema"),
        pytest.param(BKG.Invitation, RDFS.subClassOf, BKG.Event, id="Invitation-Event"),
        pytest.param(BKG.Statement, RDFS.subClassOf, SDO.Quotation, id="Statement-schema"),
        pytest.param(BKG.Article, RDFS.subClassOf, SDO.NewsArticle, id="Article-schema"),
        pytest.param(BKG.Article, RDFS.subClassOf, PROV.Entity, id="Article-prov"),
        pytest.param(BKG.Evidence, RDFS.subClassOf, RDF.Statement, id="Evidence-rdf"),
        pytest.param(BKG.Evidence, RDFS.subClassOf, PROV.Entity, id="Evidence-prov"),
        pytest.param(BKG.twinnedWith, RDF.type, OWL.SymmetricProperty, id="twinned-symmetric"),
        pytest.param(BKG.place, RDFS.subPropertyOf, SDO.location, id="place-schema"),
        pytest.param(BKG.participant, RDFS.subPropertyOf, SDO.attendee, id="participant-schema"),
        pytest.param(
            BKG.locatedIn, RDFS.subPropertyOf, SDO.containedInPlace, id="locatedIn-schema"
        ),
        pytest.param(BKG.speaker, RDFS.subPropertyOf, SDO.spokenByCharacter, id="speaker-schema"),
        pytest.param(BKG.status, RDFS.subPropertyOf, SDO.creativeWorkStatus, id="status-schema"),
        pytest.param(BKG.Mayor, RDF.type, BKG.Role, id="Mayor-Role"),
        pytest.param(BKG.Signed, RDF.type, BKG.AgreementStatus, id="Signed-Status"),
    ],
)
def test_alignment(ontology: Graph, subject: URIRef, predicate: URIRef, obj: URIRef) -> None:
    assert (subject, predicate, obj) in ontology


@pytest.mark.parametrize(
    "prop",
    [
        pytest.param(t, id=local(t))
        for t in ALL_BKG_TERMS
        if t[len(BKG_NS)].islower()  # properties start lower-case
    ],
)
def test_property_has_domain_and_range(ontology: Graph, prop: URIRef) -> None:
    assert ontology.value(prop, RDFS.domain) is not None
    assert ontology.value(prop, RDFS.range) is not None


CONCEPTS = [
    *[(role, BKG.Roles) for role in ONTOLOGY.subjects(RDF.type, BKG.Role)],
    *[
        (status, BKG.AgreementStatuses)
        for status in ONTOLOGY.subjects(RDF.type, BKG.AgreementStatus)
    ],
]


@pytest.mark.parametrize(
    ("concept", "scheme"),
    [pytest.param(c, s, id=local(c)) for c, s in sorted(CONCEPTS)],
)
def test_concept_has_one_pref_label_per_language(
    ontology: Graph, concept: URIRef, scheme: URIRef
) -> None:
    """SKOS: one prefLabel per language, and no label both preferred and alternative."""
    assert (concept, SKOS.inScheme, scheme) in ontology
    assert (scheme, SKOS.hasTopConcept, concept) in ontology
    pref = list(ontology.objects(concept, SKOS.prefLabel))
    languages = sorted(str(label.language) for label in pref if isinstance(label, Literal))
    assert languages == ["en", "id"]
    assert set(pref).isdisjoint(ontology.objects(concept, SKOS.altLabel))
    assert set(pref) == set(ontology.objects(concept, RDFS.label))


def test_concept_list_is_complete() -> None:
    assert len(CONCEPTS) == 15


# -- kg.graph.vocab helpers ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("curie", "iri"),
    [
        pytest.param("bkg:Mayor", "https://w3id.org/bilateral-kg/ontology#Mayor", id="bkg"),
        pytest.param("org:holds", "http://www.w3.org/ns/org#holds", id="org"),
        pytest.param("schema:startDate", "https://schema.org/startDate", id="schema-https"),
        pytest.param(
            "bkgid:person/zhang-min",
            "https://w3id.org/bilateral-kg/id/person/zhang-min",
            id="bkgid-with-slash",
        ),
        pytest.param(
            "https://sws.geonames.org/1795565/",
            "https://sws.geonames.org/1795565/",
            id="full-iri-unchanged",
        ),
        pytest.param("urn:uuid:1234", "urn:uuid:1234", id="urn-unchanged"),
    ],
)
def test_expand(curie: str, iri: str) -> None:
    assert expand(curie) == iri


def test_expand_unknown_prefix_raises_key_error() -> None:
    with pytest.raises(KeyError, match="foaf"):
        expand("foaf:name")


def test_expand_rejects_a_bare_name() -> None:
    with pytest.raises(ValueError, match="Mayor"):
        expand("Mayor")


@pytest.mark.parametrize("term", [pytest.param(t, id=local(t)) for t in ALL_BKG_TERMS])
def test_expand_agrees_with_the_namespace(term: URIRef) -> None:
    assert expand(f"bkg:{local(term)}") == str(term)


def test_prefixes() -> None:
    assert set(PREFIXES) == {
        "bkg",
        "bkgid",
        "org",
        "schema",
        "prov",
        "skos",
        "rdfs",
        "rdf",
        "owl",
        "xsd",
        "dct",
        "sh",
    }
    assert PREFIXES["schema"] == "https://schema.org/"
    assert PREFIXES["bkgid"] == str(BKGID)
    assert str(ONTOLOGY_GRAPH) + "#" == PREFIXES["bkg"]


def test_sparql_prefixes_parse() -> None:
    query = sparql_prefixes() + "SELECT ?post WHERE { ?post org:role bkg:Mayor ; a schema:Thing }"
    prepareQuery(query)
    assert sparql_prefixes().count("PREFIX ") == len(PREFIXES)


def test_ontology_files_are_found() -> None:
    assert ONTOLOGY_DIR.name == "ontology"
    assert ONTOLOGY_FILE.is_file()
    assert SHAPES_FILE.is_file()
