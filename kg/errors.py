"""The one exception hierarchy of bilateral-kg.

::

    KGError                      anything this package raises on purpose
    ├── ConfigError              a setting is missing or malformed
    ├── VocabularyError          code names a bkg: term the ontology does not declare
    ├── SourceError              an input cannot be read as an article (file, line, reason)
    ├── ExtractionError          the extractor failed on an article
    ├── StoreError               the graph store cannot be opened, read or written
    │   ├── StoreFullError       the disk or quota is full
    │   └── StoreLayoutError     the store was written in an older layout: migrate it
    ├── QueryError               a SPARQL query or update is malformed or refused
    │   ├── QueryTimeoutError    it ran past the configured timeout
    │   ├── QueryMemoryError     it needed more memory than a query worker may take
    │   └── ResultTooLargeError  it returned more rows than the configured cap
    ├── RateLimitedError         a client used up its query seconds for the minute
    ├── NotFoundError            an entity, article or path does not exist
    ├── InvalidParameterError    a request or command parameter is out of range
    └── PermissionDeniedError    a write without a valid token

The API maps these to HTTP status codes in one handler (:mod:`kg.api.problems`), and
the CLI to exit codes in one place (:func:`kg.cli.main`).
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "ExtractionError",
    "InvalidParameterError",
    "KGError",
    "NotFoundError",
    "PermissionDeniedError",
    "QueryError",
    "QueryMemoryError",
    "QueryTimeoutError",
    "RateLimitedError",
    "ResultTooLargeError",
    "SourceError",
    "StoreError",
    "StoreFullError",
    "StoreLayoutError",
    "VocabularyError",
]


class KGError(Exception):
    """Base class of every error bilateral-kg raises on purpose.

    >>> from kg import KnowledgeGraph
    >>> with KnowledgeGraph.open("memory:") as kg:
    ...     try:
    ...         kg.entity("Atlantis")
    ...     except KGError as error:
    ...         print(type(error).__name__, error)
    NotFoundError no entity 'Atlantis'
    """


class ConfigError(KGError):
    """A setting is missing or malformed.

    >>> issubclass(ConfigError, KGError)
    True
    """


class VocabularyError(KGError, AttributeError):
    """Code names a ``bkg:`` term that ``ontology/bilateral.ttl`` does not declare.

    Also an :class:`AttributeError`, so ``BKG.Mayr`` and ``hasattr(BKG, "Mayr")`` behave
    as for any closed namespace.

    >>> issubclass(VocabularyError, AttributeError)
    True
    """


class SourceError(KGError):
    """An input cannot be read as an article.

    ``origin`` names the file (and line, for JSON Lines) so the user can find it.

    >>> error = SourceError("feed.jsonl:12", "field 'text' is missing")
    >>> error.origin, error.reason, str(error)
    ('feed.jsonl:12', "field 'text' is missing", "feed.jsonl:12: field 'text' is missing")
    """

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class ExtractionError(KGError):
    """The extractor failed on an article.

    >>> str(ExtractionError("sentence splitter gave up"))
    'sentence splitter gave up'
    """


class StoreError(KGError):
    """The graph store cannot be opened, read or written.

    >>> issubclass(StoreFullError, StoreError)
    True
    """


class StoreFullError(StoreError):
    """The disk or quota under the store is full; nothing of the failed write was kept.

    >>> isinstance(StoreFullError("disk full"), KGError)
    True
    """


class StoreLayoutError(StoreError):
    """The store was written by an earlier bilateral-kg; ``bikg migrate`` brings it over.

    >>> issubclass(StoreLayoutError, StoreError)
    True
    """


class QueryError(KGError):
    """A SPARQL query or update is malformed or refused.

    >>> from kg import KnowledgeGraph
    >>> with KnowledgeGraph.open("memory:") as kg:
    ...     kg.query("SELEC ?x")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: malformed query: ...
    """


class QueryTimeoutError(QueryError):
    """A query ran past the configured timeout.

    >>> issubclass(QueryTimeoutError, QueryError)
    True
    """


class QueryMemoryError(QueryError):
    """A query needed more memory than the cap of the worker process evaluating it.

    >>> issubclass(QueryMemoryError, QueryError)
    True
    """


class RateLimitedError(KGError):
    """A client used up its budget of query seconds; ``retry_after`` says when to retry.

    >>> RateLimitedError("over budget", retry_after=12).retry_after
    12
    """

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ResultTooLargeError(QueryError):
    """A query returned more rows than the configured cap.

    >>> issubclass(ResultTooLargeError, QueryError)
    True
    """


class NotFoundError(KGError):
    """An entity, article or path does not exist.

    >>> from kg import KnowledgeGraph
    >>> with KnowledgeGraph.open("memory:") as kg:
    ...     kg.delete_article("article/00")
    Traceback (most recent call last):
    ...
    kg.errors.NotFoundError: no article 'article/00'
    """


class InvalidParameterError(KGError):
    """A request or command parameter is out of range or malformed.

    >>> from kg import KnowledgeGraph
    >>> with KnowledgeGraph.open("memory:") as kg:
    ...     kg.centrality("fame")
    Traceback (most recent call last):
    ...
    kg.errors.InvalidParameterError: measure must be one of degree, betweenness, pagerank
    """


class PermissionDeniedError(KGError):
    """A write was attempted without a valid token.

    >>> issubclass(PermissionDeniedError, KGError)
    True
    """
