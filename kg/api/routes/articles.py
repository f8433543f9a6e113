"""``/api/articles``: list, read, add (JSON or file upload) and delete articles."""

from __future__ import annotations

import json
from datetime import date
from pathlib import PurePath
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import BaseModel, Field

from kg.api.deps import KGDep, SettingsDep, WriteAccess
from kg.api.models import AddedArticle, ArticleDetail, ArticleList
from kg.errors import InvalidParameterError, SourceError
from kg.sources.model import Article
from kg.sources.reader import read_bytes

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["articles"])


class ArticleIn(BaseModel):
    """An article to extract and store; ``url`` alone is fetched only if the server allows."""

    text: str | None = Field(default=None, description="the article text")
    url: str | None = None
    title: str | None = None
    published: date | None = None
    language: str | None = Field(default=None, description="id or en; detected when absent")
    source: str | None = Field(default=None, description="the publisher's name")


@router.get(
    "/articles",
    summary="Stored articles, newest first",
    response_model=ArticleList,
    response_model_exclude_unset=True,
)
def list_articles(
    kg: KGDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    return kg.articles(limit=limit, offset=offset)


@router.get(
    "/articles/{id:path}",
    summary="One article, its text and the nodes taken from it",
    response_model=ArticleDetail,
    response_model_exclude_unset=True,
)
def get_article(kg: KGDep, id: Annotated[str, Path(max_length=300)]) -> dict[str, Any]:
    return kg.article(id)


@router.post(
    "/articles",
    status_code=201,
    dependencies=[WriteAccess],
    response_model=AddedArticle,
    response_model_exclude_unset=True,
    summary="Extract and store an article now (JSON body or multipart 'file')",
    openapi_extra={
        "requestBody": {
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/ArticleIn"}},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {"file": {"type": "string", "format": "binary"}},
                        "required": ["file"],
                    }
                },
            },
            "required": True,
        }
    },
)
async def add_article(request: Request, kg: KGDep, settings: SettingsDep) -> dict[str, Any]:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "multipart/form-data":
        article = await _uploaded(request, settings.max_article_bytes)
    elif media in ("application/json", ""):
        try:
            payload = ArticleIn.model_validate(json.loads(await request.body() or b"null"))
        except (ValueError, TypeError) as exc:
            raise InvalidParameterError(f"the body is not an article: {_first_line(exc)}") from None
        article = await _from_json(payload, settings.allow_fetch, settings.max_article_bytes)
    else:
        raise InvalidParameterError(
            f"send application/json or multipart/form-data with a 'file', not {media}"
        )

    def store() -> dict[str, Any]:
        processed = kg.add_article(
            article.text,
            url=article.url,
            title=article.title,
            published=article.published,
            language=article.language,
            source=article.source,
        )
        record = kg.article(processed.graph)
        nodes = record.pop("entities")
        record.pop("text", None)
        return {"article": record, "nodes": nodes, "relations": len(processed.extraction.edges)}

    return await anyio.to_thread.run_sync(store)


@router.delete(
    "/articles/{id:path}",
    status_code=204,
    dependencies=[WriteAccess],
    summary="Remove an article and the facts only it supported",
)
def delete_article(kg: KGDep, id: Annotated[str, Path(max_length=300)]) -> Response:
    kg.delete_article(id.removeprefix("article/"))
    return Response(status_code=204)


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


async def _uploaded(request: Request, max_bytes: int) -> Article:
    form = await request.form()
    upload = form.get("file")
    if upload is None or isinstance(upload, str):
        raise InvalidParameterError("the form needs a 'file' field with the article")
    data = await upload.read()
    name = PurePath(upload.filename or "upload.txt").name
    found = next(iter(read_bytes(data, name, PurePath(name).suffix.lower() or ".txt", max_bytes)))
    if isinstance(found, SourceError):
        raise found
    return found


async def _from_json(payload: ArticleIn, allow_fetch: bool, max_bytes: int) -> Article:
    fields = payload.model_dump(exclude={"text"})
    if payload.text and payload.text.strip():
        return Article(text=payload.text, **fields)
    if not payload.url:
        raise InvalidParameterError("give the article's 'text' (or a 'url' if fetching is on)")
    if not allow_fetch:
        raise InvalidParameterError(
            "this server does not fetch URLs (BIKG_ALLOW_FETCH is off); send the text"
        )
    from kg.sources.fetch import fetch_url

    url = payload.url
    body, content_type = await anyio.to_thread.run_sync(lambda: fetch_url(url, max_bytes=max_bytes))
    kind = ".html" if "html" in content_type or not content_type else ".txt"
    found = next(iter(read_bytes(body, url, kind, max_bytes)))
    if isinstance(found, SourceError):
        raise found
    given = {k: v for k, v in fields.items() if v is not None}
    return Article(
        text=found.text,
        url=given.get("url", found.url),
        title=given.get("title", found.title),
        published=given.get("published", found.published),
        language=given.get("language", found.language),
        source=given.get("source", found.source),
    )
