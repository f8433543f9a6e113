"""The RDF vocabulary of bilateral-kg, declared once.

:class:`BKG` lists every term of ``ontology/bilateral.ttl`` in the ``bkg:`` namespace, the
way rdflib declares FOAF; ``tests/graph/test_vocab.py`` checks the two agree. The ontology
is the one authority: every way code names a term - :func:`term`, ``BKG.<name>``, ``BKG["<name>"]``,
:func:`expand` of ``"bkg:<local>"`` and :func:`checked` SPARQL text - is checked against the
terms the ontology file declares (:data:`DECLARED`, read once at import with pyoxigraph),
and a typo such as ``bkg:twinedWith`` raises :class:`~kg.errors.VocabularyError` naming the
term and the file, instead of producing a silent new IRI. Modules name their terms in
module-level constants, so the error comes when the module is imported.

Instance IRIs live under :data:`BKGID` (``bkgid:person/zhang-min``,
``bkgid:article/<24 hex digits>``). Each article's facts are stored in the named graph
whose name is the article IRI; the ontology itself in :data:`ONTOLOGY_GRAPH`.

The ontology files are not Python package data: they sit in the top-level
``ontology/`` folder of the repository (where analysts and OWL tools look for them),
and :data:`ONTOLOGY_DIR` finds them relative to this file. That works from a checkout
and from an editable install (``pip install -e .``); a wheel does not carry them.

>>> BKG.Mayor
rdflib.term.URIRef('https://w3id.org/bilateral-kg/ontology#Mayor')
>>> expand("org:holds")
'http://www.w3.org/ns/org#holds'
"""

# ruff: noqa: N815  -- attribute names are the ontology's local names (twinnedWith, isoCode)

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import (
    DCTERMS,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SH,
    SKOS,
    XSD,
    DefinedNamespace,
    Namespace,
)
from rdflib.namespace import DefinedNamespaceMeta as _DefinedNamespaceMeta

from kg.errors import VocabularyError

__all__ = [
    "BKG",
    "BKGID",
    "BKGSH",
    "DCTERMS",
    "DECLARED",
    "ONTOLOGY_DIR",
    "ONTOLOGY_FILE",
    "ONTOLOGY_GRAPH",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SDO",
    "SH",
    "SHAPES_FILE",
    "SKOS",
    "XSD",
    "checked",
    "expand",
    "sparql_prefixes",
    "term",
]


_BKG_NS = "https://w3id.org/bilateral-kg/ontology#"

#: The repository's top-level ``ontology/`` folder (see the module docstring).
ONTOLOGY_DIR: Path = Path(__file__).resolve().parents[2] / "ontology"
ONTOLOGY_FILE: Path = ONTOLOGY_DIR / "bilateral.ttl"
SHAPES_FILE: Path = ONTOLOGY_DIR / "shapes.ttl"

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
#: rdf:type values that declare a term in the bkg: namespace.
_DECLARING_TYPES = frozenset(
    {
        "http://www.w3.org/2002/07/owl#Class",
        "http://www.w3.org/2002/07/owl#ObjectProperty",
        "http://www.w3.org/2002/07/owl#DatatypeProperty",
        "http://www.w3.org/2002/07/owl#AnnotationProperty",
        "http://www.w3.org/2002/07/owl#SymmetricProperty",
        "http://www.w3.org/2002/07/owl#NamedIndividual",
        "http://www.w3.org/2004/02/skos/core#ConceptScheme",
        _BKG_NS + "Role",
        _BKG_NS + "AgreementStatus",
    }
)


def _declared_terms(path: Path) -> frozenset[str]:
    """The local names of the ``bkg:`` terms the ontology file declares (typed subjects)."""
    return frozenset(
        quad.subject.value.removeprefix(_BKG_NS)
        for quad in ox.parse(path=path, format=ox.RdfFormat.TURTLE)
        if isinstance(quad.subject, ox.NamedNode)
        and quad.subject.value.startswith(_BKG_NS)
        and quad.predicate.value == _RDF_TYPE
        and isinstance(quad.object, ox.NamedNode)
        and quad.object.value in _DECLARING_TYPES
    )


#: Local names of every ``bkg:`` term ``ontology/bilateral.ttl`` declares.
DECLARED: frozenset[str] = _declared_terms(ONTOLOGY_FILE)


def _where() -> str:
    try:
        return str(ONTOLOGY_FILE.relative_to(ONTOLOGY_DIR.parent))
    except ValueError:  # pragma: no cover - the file always sits under the repository
        return str(ONTOLOGY_FILE)


def _unknown(local: str) -> VocabularyError:
    return VocabularyError(f"unknown vocabulary term 'bkg:{local}': not declared in {_where()}")


def _check(local: str) -> str:
    """``local`` if the ontology declares ``bkg:<local>``, else :class:`VocabularyError`."""
    if local not in DECLARED:
        raise _unknown(local)
    return local


class _CheckedNamespaceMeta(_DefinedNamespaceMeta):
    """rdflib's closed namespace, whose unknown names fail naming the ontology file."""

    def __getitem__(cls, name: str, default: object = None) -> URIRef:  # type: ignore[override]  # noqa: N805
        name = str(name)
        if not name.startswith("_") and name not in DECLARED:
            raise _unknown(name)
        return super().__getitem__(name, default)


class BKG(DefinedNamespace, metaclass=_CheckedNamespaceMeta):
    """The bilateral-kg ontology, ``https://w3id.org/bilateral-kg/ontology#``.

    Generated from and checked against ``ontology/bilateral.ttl``. Unknown names raise
    :class:`~kg.errors.VocabularyError`, an :class:`AttributeError`.

    >>> BKG.SisterCityAgreement
    rdflib.term.URIRef('https://w3id.org/bilateral-kg/ontology#SisterCityAgreement')
    """

    _fail = True
    _NS = Namespace("https://w3id.org/bilateral-kg/ontology#")

    # Classes
    Person: URIRef  # a named human being
    Post: URIRef  # a position that exists whether or not someone holds it
    Role: URIRef  # the kind of a post; instances below
    Place: URIRef  # super-class of Country, Province, City
    Country: URIRef  # a sovereign state, with bkg:isoCode
    Province: URIRef  # a first-level administrative division
    City: URIRef  # a city or regency seat
    Organization: URIRef  # any organisation
    Company: URIRef  # a business
    GovernmentBody: URIRef  # a city government, ministry, agency
    DiplomaticMission: URIRef  # an embassy or consulate
    Agreement: URIRef  # a cooperation agreement between two or more parties
    SisterCityAgreement: URIRef  # kind of agreement
    MemorandumOfUnderstanding: URIRef  # kind of agreement
    LetterOfIntent: URIRef  # kind of agreement
    CooperationAgreement: URIRef  # kind of agreement
    AgreementStatus: URIRef  # status concept; instances below
    Event: URIRef  # something that happened on a date
    Meeting: URIRef  # kind of event
    Visit: URIRef  # kind of event
    Signing: URIRef  # kind of event
    Invitation: URIRef  # kind of event, with inviter and invitee
    Statement: URIRef  # what a speaker said, quoted or reported
    SpeechMode: URIRef  # direct or indirect speech; instances below
    Article: URIRef  # a source news article; its IRI names its graph
    Evidence: URIRef  # the sentence behind one extracted relation (an rdf:Statement)
    Fact: URIRef  # a triple of the default graph, with its support count (an rdf:Statement)

    # Object properties
    jurisdiction: URIRef  # Post -> Place governed
    represents: URIRef  # Post -> Country, the sending state
    basedIn: URIRef  # Post -> City where a diplomatic post sits
    accreditedTo: URIRef  # Post -> Country, the receiving state
    locatedIn: URIRef  # Place/Organization -> Place
    party: URIRef  # Agreement -> City/Province/Country/Organization
    status: URIRef  # Agreement -> AgreementStatus, as of the article
    twinnedWith: URIRef  # City -> City, symmetric
    participant: URIRef  # Event -> Person/Organization
    place: URIRef  # Event -> Place
    concerns: URIRef  # Event -> Agreement
    inviter: URIRef  # Invitation -> Person/Post/Organization
    invitee: URIRef  # Invitation -> Person/Post/Organization
    speaker: URIRef  # Statement -> Person
    speechMode: URIRef  # Statement -> SpeechMode

    # Datatype properties
    isoCode: URIRef  # Country -> ISO 3166-1 alpha-2
    title: URIRef  # Post -> the title as written ("Kepala Dinas Pariwisata")
    contentHash: URIRef  # Article -> sha256 of the text
    extracted: URIRef  # Article -> false when the language is not supported
    sentence: URIRef  # Evidence -> the sentence text
    startOffset: URIRef  # Evidence -> character offset where the sentence starts
    endOffset: URIRef  # Evidence -> character offset just past its end
    confidence: URIRef  # Evidence -> xsd:decimal in [0, 1]
    supportCount: URIRef  # Fact -> how many source graphs state it
    storeLayout: URIRef  # the support graph -> layout version of the store
    pendingCounts: URIRef  # the support graph -> set while a write's old counts remain
    cue: URIRef  # Statement -> the speech cue as written
    spanStart: URIRef  # Statement -> character offset where its words start
    spanEnd: URIRef  # Statement -> character offset just past their end
    rank: URIRef  # Person -> police or military rank

    # Annotation properties: how views show terms (the tables of kg.graph.domain)
    displayOrder: URIRef  # status order in time, legend order, relation filter order
    displayColor: URIRef  # CSS colour of a class's nodes or a status's links
    displayShape: URIRef  # vis-network shape of a class's nodes
    displayAs: URIRef  # Class -> the class it is drawn as when it has no colour of its own
    displayLabel: URIRef  # words for a term of another vocabulary, per language

    # Concept schemes
    Roles: URIRef  # scheme of the bkg:Role instances
    AgreementStatuses: URIRef  # scheme of the bkg:AgreementStatus instances
    SpeechModes: URIRef  # scheme of the bkg:SpeechMode instances

    # Roles
    HeadOfState: URIRef  # Presiden
    HeadOfGovernment: URIRef  # Perdana Menteri
    Minister: URIRef  # Menteri
    Ambassador: URIRef  # Duta Besar, Dubes
    ConsulGeneral: URIRef  # Konsul Jenderal, Konjen
    Consul: URIRef  # Konsul
    Governor: URIRef  # Gubernur
    ViceGovernor: URIRef  # Wakil Gubernur
    Mayor: URIRef  # Wali Kota
    ViceMayor: URIRef  # Wakil Wali Kota
    Regent: URIRef  # Bupati
    OtherOfficial: URIRef  # any other title, kept as the post's label

    # Agreement statuses
    Proposed: URIRef  # being explored or proposed
    Signed: URIRef  # signed, or already in force
    Ended: URIRef  # ended, expired or terminated

    # Speech modes
    DirectSpeech: URIRef  # quoted words
    IndirectSpeech: URIRef  # reported words


#: Instance IRIs: ``BKGID["person/zhang-min"]``, ``BKGID["article/<24 hex digits>"]``.
BKGID = Namespace("https://w3id.org/bilateral-kg/id/")

#: The SHACL shapes in ``ontology/shapes.ttl``.
BKGSH = Namespace("https://w3id.org/bilateral-kg/shapes#")

#: The ontology IRI, also the name of the named graph that holds the ontology.
ONTOLOGY_GRAPH = URIRef("https://w3id.org/bilateral-kg/ontology")

# An annotation of BKG the ontology does not declare is a typo in this file: fail at import.
for _local in BKG.__annotations__:
    _check(_local)

#: Prefix -> namespace IRI, for binding in graphs, SPARQL and JSON-LD contexts.
PREFIXES: dict[str, str] = {
    "bkg": str(BKG._NS),
    "bkgid": str(BKGID),
    "org": str(ORG._NS),
    "schema": str(SDO._NS),
    "prov": str(PROV._NS),
    "skos": str(SKOS._NS),
    "rdfs": str(RDFS._NS),
    "rdf": str(RDF._NS),
    "owl": str(OWL._NS),
    "xsd": str(XSD._NS),
    "dct": str(DCTERMS._NS),
    "sh": str(SH._NS),
}

_FULL_IRI_SCHEMES = ("http://", "https://", "urn:")


def expand(curie: str) -> str:
    """Turn a CURIE of a known prefix into the full IRI; return full IRIs unchanged.

    A ``bkg:`` CURIE must name a term the ontology declares (``"bkg:"`` alone is the
    namespace).

    >>> expand("bkg:Mayor")
    'https://w3id.org/bilateral-kg/ontology#Mayor'
    >>> expand("bkgid:person/zhang-min")
    'https://w3id.org/bilateral-kg/id/person/zhang-min'
    >>> expand("https://sws.geonames.org/1795565/")
    'https://sws.geonames.org/1795565/'
    >>> expand("foaf:name")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    KeyError: "unknown prefix 'foaf' in 'foaf:name'; known: bkg, bkgid, org, schema, ..."
    >>> expand("bkg:twinedWith")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.VocabularyError: ...term 'bkg:twinedWith': not declared in ontology/bilateral.ttl
    """
    if curie.startswith(_FULL_IRI_SCHEMES):
        return curie
    prefix, colon, local = curie.partition(":")
    if not colon:
        raise ValueError(f"not a CURIE or absolute IRI: {curie!r}")
    try:
        namespace = PREFIXES[prefix]
    except KeyError:
        known = ", ".join(PREFIXES)
        raise KeyError(f"unknown prefix {prefix!r} in {curie!r}; known: {known}") from None
    if prefix == "bkg" and local:
        _check(local)
    return namespace + local


def term(name: str) -> URIRef:
    """The :class:`BKG` term with local name ``name`` (or ``bkg:<name>``), e.g. a node's ``kind``.

    Prefer this to ``BKG[name]``, which type checkers read as a generic alias.

    >>> term("SisterCityAgreement")
    rdflib.term.URIRef('https://w3id.org/bilateral-kg/ontology#SisterCityAgreement')
    >>> term("Mayr")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.VocabularyError: ...term 'bkg:Mayr': not declared in ontology/bilateral.ttl
    """
    return URIRef(_BKG_NS + _check(name.removeprefix("bkg:")))


_BKG_CURIE = re.compile(r"(?<![\w/#:.-])bkg:([A-Za-z_][\w-]*)")


def checked(sparql: str) -> str:
    """Return SPARQL (or any text) unchanged once every ``bkg:<local>`` in it is declared.

    Wrap module-level query text in it so a misspelt term fails when the module is
    imported, not when the query silently matches nothing.

    >>> checked("SELECT ?a ?b WHERE { ?a bkg:twinnedWith ?b }")[-20:]
    'bkg:twinnedWith ?b }'
    >>> checked("SELECT ?a ?b WHERE { ?a bkg:twinedWith ?b }")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.VocabularyError: ...term 'bkg:twinedWith': not declared in ontology/bilateral.ttl
    """
    for match in _BKG_CURIE.finditer(sparql):
        _check(match.group(1))
    return sparql


def sparql_prefixes() -> str:
    """The ``PREFIX`` lines for every entry of :data:`PREFIXES`, one per line.

    >>> print(sparql_prefixes().splitlines()[0])
    PREFIX bkg: <https://w3id.org/bilateral-kg/ontology#>
    """
    return "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())
