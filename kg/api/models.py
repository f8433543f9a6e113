"""Response models of the REST routes: the JSON shapes, documented in ``/openapi.json``.

The analyses build plain dicts (the CLI and notebooks use them too); each route names its
model as ``response_model`` and FastAPI validates the dict against it and serializes only
the keys the dict set (``response_model_exclude_unset``), so the JSON stays what the web UI
reads. Models allow extra keys: a node summary carries what its context adds (``date``,
``side``, ``score``), and the documented fields are the ones clients rely on. What the
fields mean is described in ``docs/api-contract.md``.

>>> Node.model_validate({"id": "city/batam", "label": "Batam", "labels": {}, "type": "City"}).type
'City'
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "AddedArticle",
    "ArticleDetail",
    "ArticleList",
    "ArticleSummary",
    "Bilateral",
    "Centrality",
    "Communities",
    "Entity",
    "EvidencePage",
    "Landing",
    "MapLayers",
    "Network",
    "Node",
    "Paths",
    "SearchResults",
    "Stats",
    "Timeline",
    "Vocabulary",
]


class Shape(BaseModel):
    """Base of the response models: extra keys pass through, in the order they came."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)


class Node(Shape):
    """A node summary: id (the IRI after ``…/id/``), label, labels per language, bkg: class.

    >>> [name for name, field in Node.model_fields.items() if field.is_required()]
    ['id', 'label', 'labels', 'type']
    """

    id: str = Field(examples=["city/batam-6295587"])
    label: str | None
    labels: dict[str, str] = Field(description="label per language tag; '' for untagged")
    type: str | None = Field(examples=["City"], description="most specific bkg: class")


class CountryNode(Node):
    iso: str | None = Field(default=None, description="ISO 3166-1 alpha-2")


class ScoredNode(Node):
    score: float | int


class SearchHit(Node):
    matched: str = Field(description="the name or alias that matched")
    score: float | int


class SearchResults(Shape):
    """The fields clients rely on; the rest pass through.

    >>> [name for name, field in SearchResults.model_fields.items() if field.is_required()]
    ['query', 'results']
    """

    query: str
    results: list[SearchHit]


class Centrality(Shape):
    """The fields clients rely on; the rest pass through.

    >>> [name for name, field in Centrality.model_fields.items() if field.is_required()]
    ['measure', 'results']
    """

    measure: str
    results: list[ScoredNode]


class Community(Shape):
    id: int
    size: int
    members: list[Node]


class Communities(Shape):
    """The fields clients rely on; the rest pass through.

    >>> [name for name, field in Communities.model_fields.items() if field.is_required()]
    ['communities']
    """

    communities: list[Community]


class ArticleRef(Shape):
    id: str
    url: str | None = None
    title: str | None = None
    published: str | None = None


class ArticleSummary(ArticleRef):
    """The fields clients rely on; the rest pass through.

    >>> [name for name, field in ArticleSummary.model_fields.items() if field.is_required()]
    ['id']
    """

    language: str | None = None
    source: str | None = None
    extracted: bool | None = None


class ArticleList(Shape):
    """The fields clients rely on; the rest pass through.

    >>> [name for name, field in ArticleList.model_fields.items() if field.is_required()]
    ['total', 'articles']
    """

    total: int
    articles: list[ArticleSummary]


class ArticleDetail(ArticleSummary):
    """The fields clients rely on; the rest pass through.

    >>> [name for name, field in ArticleDetail.model_fields.items() if field.is_required()]
    ['id', 'text', 'entities']
    """

    text: str
    entities: list[Node]


class AddedArticle(Shape):
    """The fields clients rely on; the rest pass through.

    >>> [name for name, field in AddedArticle.model_fields.items() if field.is_required()]
    ['article', 'nodes', 'relations']
    """

    article: ArticleSummary
    nodes: list[Node]
    relations: int = Field(description="relations extracted from the article")


class Evidence(Shape):
    sentence: str
    start: int
    end: int
    confidence: float | int
    article: ArticleRef


class Relation(Shape):
    predicate: str = Field(examples=["org:holds"])
    target: Node | None = None
    source: Node | None = None
    support: int | None = Field(default=None, description="source graphs stating the fact")
    evidence: list[Evidence]


class Relations(Shape):
    out: list[Relation]
    in_: list[Relation] = Field(alias="in")
    out_total: int | None = None
    in_total: int | None = None
    offset: int | None = None


class Entity(Node):
    """The fields clients rely on; the rest pass through.

    >>> len([f for f in Entity.model_fields.values() if f.is_required()])
    10
    """

    iri: str
    types: list[str]
    alt_labels: list[str]
    properties: dict[str, list[Any]] = Field(description="CURIE -> values")
    relations: Relations
    articles: list[ArticleSummary]
    articles_total: int | None = None


class EvidencePage(Shape):
    """The fields clients rely on; the rest pass through.

    >>> [name for name, field in EvidencePage.model_fields.items() if field.is_required()]
    ['subject', 'predicate', 'object', 'support', 'total', 'offset', 'evidence']
    """

    subject: str
    predicate: str
    object: str
    support: int
    total: int
    offset: int
    evidence: list[Evidence]


class Edge(Shape):
    id: str = Field(description="'<source>|<relation>|<target>'")
    source: str
    target: str
    relation: str
    weight: int | float = Field(description="number of evidence sentences")


class Network(Shape):
    """A neighbourhood or overview: nodes and the facts between them.

    >>> [name for name, field in Network.model_fields.items() if field.is_required()]
    ['center', 'nodes', 'edges', 'truncated']
    """

    center: str | None
    nodes: list[Node]
    edges: list[Edge]
    truncated: bool


class PathEdge(Shape):
    source: str
    target: str
    relation: str


class Path(Shape):
    nodes: list[str]
    edges: list[PathEdge]
    length: int


class Paths(Shape):
    """The fields clients rely on; the rest pass through.

    >>> [name for name, field in Paths.model_fields.items() if field.is_required()]
    ['from_', 'to', 'paths', 'nodes']
    """

    from_: str = Field(alias="from")
    to: str
    paths: list[Path]
    nodes: dict[str, Node]


class Stats(Shape):
    """The fields clients rely on; the rest pass through.

    >>> [name for name, field in Stats.model_fields.items() if field.is_required()]
    ['quads', 'articles', 'by_class']
    """

    quads: int
    articles: int
    by_class: dict[str, int] = Field(description="nodes per bkg: class")


class Post(Shape):
    post: Node
    role: str | None
    holder: Node | None
    side: str = Field(description="'a' or 'b'")


class Agreement(Node):
    status: str = Field(description="a status of GET /api/vocabulary")
    parties: list[Node]
    evidence_count: int


class CityPair(Shape):
    a: Node
    b: Node
    agreements: list[Agreement]


class Event(Node):
    date: str | None = None
    place: Node | None = None
    participants: list[Node] = []
    evidence_count: int | None = None


class Bilateral(Shape):
    """The fields clients rely on; the rest pass through.

    >>> [name for name, field in Bilateral.model_fields.items() if field.is_required()]
    ['a', 'b', 'posts', 'people', 'city_pairs', 'agreements', 'events', 'companies']
    """

    a: CountryNode
    b: CountryNode
    posts: list[Post]
    people: list[Node]
    city_pairs: list[CityPair]
    agreements: dict[str, list[Agreement]] = Field(description="status -> agreements")
    events: list[Event]
    companies: list[Node]


class MapPlace(Node):
    lat: float
    lon: float
    country: str | None = None
    iso: str | None = None


class MapAgreement(Node):
    status: str = Field(description="the furthest status stated")
    date: str | None = None
    history: list[dict[str, Any]] = Field(description="[{status, date}] in time order")
    parties: list[str]
    arcs: list[list[str]] = Field(description="pairs of place ids to draw")


class MapPost(Node):
    role: str | None = None
    from_: str | None = Field(default=None, alias="from")
    to: str | None = None
    holders: list[Node] = []


class MapEvent(Node):
    date: str | None = None
    place: str | None = None


class MapLayers(Shape):
    """The fields clients rely on; the rest pass through.

    >>> [name for name, field in MapLayers.model_fields.items() if field.is_required()]
    ['places', 'agreements', 'posts', 'events', 'countries']
    """

    places: list[MapPlace]
    agreements: list[MapAgreement]
    posts: list[MapPost]
    events: list[MapEvent]
    pair: list[str] | None = None
    since: str | None = None
    until: str | None = None
    countries: list[CountryNode]


class TimelineEvent(Node):
    kind: Literal["event"]
    date: str
    place: Node | None = None
    concerns: list[str] = []


class TimelineStatus(Node):
    """An agreement's status as first stated by an article (the agreement's summary)."""

    agreement: str
    kind: Literal["status"]
    status: str
    date: str


class Timeline(Shape):
    """The fields clients rely on; the rest pass through.

    >>> [name for name, field in Timeline.model_fields.items() if field.is_required()]
    ['items', 'undated']
    """

    entity: Node | None = None
    pair: list[str] | None = None
    items: list[Annotated[TimelineEvent | TimelineStatus, Field(discriminator="kind")]]
    undated: int


class PairTotals(Shape):
    a: CountryNode
    b: CountryNode
    agreements: int
    meetings: int
    visits: int
    other_events: int
    posts: int
    total: int


class Landing(Shape):
    """The fields clients rely on; the rest pass through.

    >>> [name for name, field in Landing.model_fields.items() if field.is_required()]
    ['totals', 'pairs', 'latest_events', 'people', 'places']
    """

    totals: dict[str, int]
    pairs: list[PairTotals]
    latest_events: list[Event]
    people: list[Node]
    places: list[Node]


class Status(Shape):
    id: str = Field(examples=["Signed"])
    order: int = Field(description="rank in time: an agreement moves to higher ranks")
    color: str
    labels: dict[str, str]


class Category(Shape):
    key: str
    class_: str | None = Field(alias="class", description="bkg: class; null for 'other'")
    color: str
    shape: str = Field(description="vis-network shape")
    labels: dict[str, str]


class Vocabulary(Shape):
    """The ontology's display tables (``bkg:displayOrder``, ``bkg:displayColor``, labels).

    >>> [name for name, field in Vocabulary.model_fields.items() if field.is_required()]
    ['statuses', 'categories', 'classOf', 'classes', 'relationOrder', 'relations']
    """

    statuses: list[Status]
    categories: list[Category]
    classOf: dict[str, str] = Field(description="bkg: class -> category key")  # noqa: N815
    classes: dict[str, dict[str, str]] = Field(description="bkg: class -> labels")
    relationOrder: list[str] = Field(description="relation filter order")  # noqa: N815
    relations: dict[str, dict[str, str]] = Field(description="CURIE -> labels")
