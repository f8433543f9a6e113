"""The one settings object, read from ``BIKG_*`` environment variables and ``.env``.

Every knob of the CLI, the API and the store lives here; command-line options
override fields with :meth:`Settings.model_copy`.

>>> Settings(store="memory:").store
'memory:'
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["PROJECT_DIR", "Settings", "get_settings"]

#: The repository root: ontology/, data/ and web/ sit beside the package.
PROJECT_DIR = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Settings of bilateral-kg. Each field reads the env var ``BIKG_<FIELD>``.

    >>> settings = Settings(store="memory:", max_rows=500)
    >>> settings.store, settings.max_rows, settings.query_timeout
    ('memory:', 500, 30.0)
    """

    model_config = SettingsConfigDict(env_prefix="BIKG_", env_file=".env", extra="ignore")

    store: str = Field(
        default="var/store",
        description="A folder for the embedded Oxigraph store, 'memory:', or the "
        "http(s) URL of a SPARQL 1.1 query endpoint.",
    )
    update_url: str | None = Field(
        default=None,
        description="SPARQL 1.1 update endpoint of a remote store; defaults to the query URL "
        "with its last path segment replaced by 'update' (Oxigraph, Fuseki layout), or the "
        "query URL itself when its path is /sparql (Virtuoso).",
    )
    facts_graph: str | None = Field(
        default=None,
        description="A remote store's graph that holds the facts, for servers whose default "
        "graph is the union of all graphs; detected for Virtuoso, else the default graph.",
    )
    data_dir: Path = Field(default=PROJECT_DIR / "data" / "articles")
    max_article_bytes: int = Field(default=2_000_000, description="Larger texts are rejected.")
    workers: int = Field(default=0, description="Extraction processes; 0 means one per core.")
    ingest_batch: int = Field(
        default=512,
        ge=1,
        description="Articles written per transaction by an ingest (a kill loses at most "
        "one batch; larger batches write faster and hold more in memory).",
    )
    extract_max_chars: int = Field(
        default=200_000,
        description="Article text past this many characters is not read (a warning says so).",
    )
    extract_time_budget: float = Field(
        default=5.0,
        gt=0,
        description="Seconds the extractor may spend on one article; past it, the article is "
        "stored with what was found so far and a warning.",
    )

    host: str = "127.0.0.1"
    port: int = 8000
    write_token: SecretStr | None = Field(
        default=None, description="Bearer token for SPARQL updates and write routes."
    )
    query_timeout: float = Field(default=30.0, description="Seconds before a query is stopped.")
    max_rows: int = Field(default=100_000, description="Result rows returned at most.")
    query_workers: int = Field(
        default=3,
        description="Processes evaluating SPARQL queries of an embedded store, each killed "
        "and replaced when a query passes its timeout; 0 runs queries in threads, which "
        "answer at the timeout but cannot stop the query.",
    )
    query_workers_per_client: int = Field(
        default=0,
        description="Query workers one client may hold at once; 0 means all but one, so "
        "another client always finds one free.",
    )
    query_memory_mb: int = Field(
        default=768,
        description="Memory one query may use in its worker, in MB (RLIMIT_AS over what "
        "the worker maps once the store is open); 0: no cap.",
    )
    query_budget: float = Field(
        default=120.0,
        description="Query seconds each client may use per minute; over it, 429. 0: none.",
    )
    query_budget_localhost: bool = Field(
        default=False, description="Apply the query budget to clients on this host too."
    )
    max_body_bytes: int = Field(default=5_000_000, description="Largest request body accepted.")
    response_cache_mb: int = Field(
        default=128,
        ge=0,
        description="Memory for answers of the read-only JSON routes kept until the next "
        "write, in MB (one answer at most a quarter of it); 0: none kept.",
    )
    cors_origins: list[str] = Field(default_factory=list)
    allow_fetch: bool = Field(
        default=False, description="Let POST /api/articles fetch a URL (public hosts only)."
    )
    neighbor_limit: int = Field(default=200, description="Most nodes one expansion returns.")
    feed_state: Path = Field(
        default=Path("var/feeds.json"),
        description="What `bikg ingest --feed` and `bikg watch` have fetched from each feed.",
    )
    fetch_timeout: float = Field(default=20.0, description="Seconds to wait for a feed or page.")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings read once from the environment.

    >>> get_settings() is get_settings()
    True
    """
    return Settings()
