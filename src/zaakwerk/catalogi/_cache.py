"""Rendered Catalogi read responses, kept per process until the catalogue changes anywhere.

Catalogue types are read-mostly configuration, and every reader that passes the read check sees the same body
(``access.read_predicate`` filters nothing: reading is decided by scope alone). So a 200 of a GET on a collection
or detail endpoint is stored by what determines it:

* the path and query string (filters, ``expand``, ``page``, ``datumGeldigheid``),
* the base URL (every reference in the body is a URL),
* the Dutch calendar date (references resolve to the version valid today),

and served again without touching the database, after the same authentication and scope check (an unauthorised
request never reaches the cache, so 401/403 stay what they were).

Every catalogue write bumps the catalogi version in its own transaction (``service``); the cache is emptied in
the writing process after the commit, in other processes by NOTIFY (PostgreSQL) or by reading the version row on
each request (SQLite, or while the listener is down) — :mod:`zaakwerk.core.versioncache`.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.responses import Response

from zaakwerk.autorisaties.auth import authenticate
from zaakwerk.catalogi.access import can_read
from zaakwerk.catalogi.models import CatalogiVersie
from zaakwerk.core import clock
from zaakwerk.core.db import Database
from zaakwerk.core.errors import ZGWError
from zaakwerk.core.uow import UnitOfWork
from zaakwerk.core.versioncache import VersionChannel, VersionWatcher
from zaakwerk.core.zgw.responses import JSON, matches_etag
from zaakwerk.core.zgw.urls import base_url

CATALOGI = VersionChannel(CatalogiVersie.__table__, "zaakwerk_catalogi", "zaakwerk-catalogi-listener")  # type: ignore[arg-type]
CACHE_SIZE = 2_000

Key = tuple[str, str, str, dt.date]


async def catalogue_changed(uow: UnitOfWork) -> None:
    """Mark the catalogue as changed in this transaction: every process drops its cached responses at commit."""
    await CATALOGI.bump(uow)


@dataclass(frozen=True, slots=True)
class _Entry:
    body: bytes
    # Details carry an ETag (If-None-Match → 304); lists do not.
    etag: str | None

    def response(self, request: Request) -> Response:
        headers = {"ETag": self.etag} if self.etag else {}
        inm = request.headers.get("if-none-match")
        if self.etag and inm and matches_etag(inm, self.etag):
            return Response(status_code=304, headers=headers)
        if request.method == "HEAD":
            headers["Content-Length"] = str(len(self.body))
            return Response(status_code=200, headers=headers, media_type=JSON)
        return Response(self.body, media_type=JSON, headers=headers)


class ResponseCache:
    """An LRU of rendered responses, emptied whenever the catalogi version moves (one per app)."""

    def __init__(self, db: Database, size: int = CACHE_SIZE) -> None:
        self.size = size
        self._entries: OrderedDict[Key, _Entry] = OrderedDict()
        # Bumped on every invalidation so a response rendered before it is not stored after it.
        self.generation = 0
        self.watcher = VersionWatcher(CATALOGI, db, self.invalidate)
        self._remove_hook: Callable[[], None] | None = None

    async def start(self) -> None:
        self._remove_hook = CATALOGI.on_change(self._committed_here)
        await self.watcher.start()

    async def stop(self) -> None:
        if self._remove_hook is not None:
            self._remove_hook()
            self._remove_hook = None
        await self.watcher.stop()

    def invalidate(self) -> None:
        self.generation += 1
        self._entries.clear()

    async def _committed_here(self, versie: int) -> None:
        self.watcher.changed(versie)

    async def get(self, key: Key) -> _Entry | None:
        if not self.watcher.listening:
            await self.watcher.check()
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
        return entry

    def put(self, key: Key, entry: _Entry, generation: int) -> None:
        if generation != self.generation:
            return
        self._entries[key] = entry
        self._entries.move_to_end(key)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)


async def start_cache(app: FastAPI) -> None:
    cache = ResponseCache(app.state.db)
    app.state.catalogi_cache = cache
    await cache.start()


async def stop_cache(app: FastAPI) -> None:
    cache: ResponseCache | None = getattr(app.state, "catalogi_cache", None)
    if cache is not None:
        await cache.stop()


def response_cache(request: Request) -> ResponseCache:
    cache: ResponseCache | None = getattr(request.app.state, "catalogi_cache", None)
    if cache is None:
        # An app started without the component's startup hook still caches (with a version check per request).
        cache = ResponseCache(request.app.state.db)
        request.app.state.catalogi_cache = cache
    return cache


class CachedRoute(APIRoute):
    """The route class of the Catalogi routers: GET/HEAD answers come from the cache once rendered."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        if not (self.methods or set()) & {"GET", "HEAD"}:
            return handler

        async def cached(request: Request) -> Response:
            if request.method not in ("GET", "HEAD") or not await _may_read(request):
                # The endpoint itself answers: 401/403 problems, or other methods on the same route.
                return await handler(request)
            cache = response_cache(request)
            key: Key = (request.url.path, request.url.query, base_url(request), clock.today())
            entry = await cache.get(key)
            if entry is not None:
                return entry.response(request)
            generation = cache.generation
            response = await handler(request)
            body = getattr(response, "body", None)
            # HEAD has no body to keep and a 304 only the ETag; the next full GET fills the cache.
            if request.method == "GET" and response.status_code == 200 and isinstance(body, bytes):
                etag = response.headers.get("etag")
                cache.put(key, _Entry(body, etag), generation)
            return response

        return cached


async def _may_read(request: Request) -> bool:
    try:
        principal = await authenticate(request)
    except ZGWError:
        return False
    return can_read(principal)


__all__ = ["CATALOGI", "CachedRoute", "ResponseCache", "catalogue_changed"]
