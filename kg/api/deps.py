"""Route dependencies as ``Annotated`` aliases: ``KGDep``, ``SettingsDep``, ``WriteAccess``."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request

from kg.config import Settings
from kg.errors import PermissionDeniedError
from kg.knowledge import KnowledgeGraph

__all__ = ["KGDep", "SettingsDep", "WriteAccess", "check_write_access"]


def _kg(request: Request) -> KnowledgeGraph:
    kg: KnowledgeGraph = request.app.state.kg
    return kg


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


KGDep = Annotated[KnowledgeGraph, Depends(_kg)]
SettingsDep = Annotated[Settings, Depends(_settings)]


def check_write_access(settings: Settings, authorization: str | None) -> None:
    """Allow a write only with ``Authorization: Bearer <token>`` matching the configured token.

    Without a configured token the server is read-only and every write is refused
    (the problem handler answers 403 then, 401 otherwise).

    >>> settings = Settings(write_token="s3cret")
    >>> check_write_access(settings, "Bearer s3cret")
    >>> check_write_access(settings, "Bearer guess")
    Traceback (most recent call last):
    ...
    kg.errors.PermissionDeniedError: the bearer token is not valid
    """
    if settings.write_token is None:
        raise PermissionDeniedError("this server is read-only: no write token is configured")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise PermissionDeniedError("writes need an 'Authorization: Bearer <token>' header")
    expected = settings.write_token.get_secret_value().encode()
    if not hmac.compare_digest(given.strip().encode(), expected):
        raise PermissionDeniedError("the bearer token is not valid")


def _write_access(request: Request, settings: SettingsDep) -> None:
    check_write_access(settings, request.headers.get("authorization"))


#: Add ``dependencies=[WriteAccess]`` to a write route.
WriteAccess = Depends(_write_access)
