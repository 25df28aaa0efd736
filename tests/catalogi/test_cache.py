"""The per-process cache of rendered Catalogi reads: a write shows at once, in every process, and an unauthorised
request never gets a cached body.

To see whether a response came from the cache, some tests change a row behind the service's back (plain SQL, so
no catalogi version bump): a cached read still shows the old value, a fresh one the new.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import update

from tests.catalogi.conftest import Api, register, zaaktype_body, ztc
from tests.helpers import auth_header
from zaakwerk.app import create_app
from zaakwerk.autorisaties.service import AutorisatieData
from zaakwerk.catalogi import _cache
from zaakwerk.catalogi import models as m
from zaakwerk.catalogi._cache import CATALOGI, ResponseCache
from zaakwerk.catalogi._context import Ctx
from zaakwerk.catalogusbeheer.transport import import_catalogus
from zaakwerk.config import Settings
from zaakwerk.core import clock
from zaakwerk.core.uow import UnitOfWork
from zaakwerk.demo.loader import demo_catalogus

ALLE = {"status": "alles"}


async def _behind_the_back(app: FastAPI, zaaktype_url: str, omschrijving: str) -> None:
    """Change a zaaktype's omschrijving without the service (no version bump, no invalidation)."""
    id_ = uuid.UUID(zaaktype_url.rsplit("/", 1)[1])
    async with app.state.db.writer.begin() as conn:
        await conn.execute(update(m.ZaakType).where(m.ZaakType.id == id_).values(omschrijving=omschrijving))


async def _eventually(check: Callable[[], Awaitable[bool]], seconds: float = 3.0) -> tuple[int, float]:
    """(attempts, seconds) until ``check`` holds."""
    start = time.monotonic()
    attempts = 0
    while True:
        attempts += 1
        if await check():
            return attempts, time.monotonic() - start
        assert time.monotonic() - start < seconds, "not within time"
        await asyncio.sleep(0.02)


async def test_reads_are_served_from_the_cache(app: FastAPI, api: Api, zaaktype: dict[str, Any]) -> None:
    url = zaaktype["url"]
    assert (await api.json(url))["omschrijving"] == zaaktype["omschrijving"]
    assert (await api.json("/zaaktypen", params=ALLE))["count"] == 1
    await _behind_the_back(app, url, "Achter de rug om")
    assert (await api.json(url))["omschrijving"] == zaaktype["omschrijving"]
    assert (await api.json("/zaaktypen", params=ALLE))["results"][0]["omschrijving"] == zaaktype["omschrijving"]
    # Another query string is another entry.
    assert (await api.json(url, params={"expand": "catalogus"}))["omschrijving"] == "Achter de rug om"


async def test_a_write_through_the_api_shows_at_once(app: FastAPI, api: Api, zaaktype: dict[str, Any]) -> None:
    url = zaaktype["url"]
    await api.json(url)
    await api.json("/zaaktypen", params={"status": "definitief"})
    await api.json("/zaaktypen", params={"status": "concept"})
    r = await api.patch(url, {"omschrijving": "Gewijzigd"})
    assert r.status_code == 200, r.text
    assert (await api.json(url))["omschrijving"] == "Gewijzigd"
    assert (await api.json("/zaaktypen", params=ALLE))["results"][0]["omschrijving"] == "Gewijzigd"

    await api.publish(url)
    assert (await api.json(url))["concept"] is False
    assert (await api.json("/zaaktypen", params={"status": "definitief"}))["count"] == 1
    assert (await api.json("/zaaktypen", params={"status": "concept"}))["count"] == 0

    concept = await api.create("zaaktypen", zaaktype_body(zaaktype["catalogus"], identificatie="ZT-2"))
    assert (await api.json("/zaaktypen", params=ALLE))["count"] == 2
    assert (await api.delete(concept["url"])).status_code == 204
    assert (await api.get(concept["url"])).status_code == 404
    assert (await api.json("/zaaktypen", params=ALLE))["count"] == 1


async def test_catalogus_writes_show_at_once(api: Api, catalogus: dict[str, Any]) -> None:
    assert (await api.json(catalogus["url"]))["naam"] == "Catalogus"
    assert (await api.patch(catalogus["url"], {"naam": "Andere naam"})).status_code == 200
    assert (await api.json(catalogus["url"]))["naam"] == "Andere naam"
    assert (await api.json("/catalogussen"))["results"][0]["naam"] == "Andere naam"


async def test_etag_and_head_on_a_cached_detail(api: Api, zaaktype: dict[str, Any]) -> None:
    first = await api.get(zaaktype["url"])
    cached = await api.get(zaaktype["url"])
    assert cached.content == first.content
    etag = first.headers["etag"]
    assert cached.headers["etag"] == etag
    not_modified = await api.get(zaaktype["url"], headers={"If-None-Match": etag})
    assert not_modified.status_code == 304
    assert not_modified.headers["etag"] == etag
    head = await api.request("HEAD", zaaktype["url"])
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-length"] == str(len(first.content))
    assert head.headers["etag"] == etag


async def test_unauthorised_requests_never_get_a_cached_body(
    app: FastAPI, api: Api, client: httpx.AsyncClient, zaaktype: dict[str, Any]
) -> None:
    url = zaaktype["url"]
    await api.json(url)
    await api.json("/zaaktypen", params=ALLE)
    for target in (url, "/zaaktypen"):
        full = target if target.startswith("http") else "http://testserver/catalogi/api/v1" + target
        assert (await client.get(full)).status_code == 401
        assert (await client.get(full, headers={"Authorization": "Bearer onzin"})).status_code == 401
    zonder = await register(app, "zonder-ztc", autorisaties=[AutorisatieData(component="ac", scopes=["lezen"])])
    schrijver = await register(app, "alleen-schrijven", autorisaties=[ztc("catalogi.schrijven")])
    for headers in (zonder, schrijver):
        r = await Api(client, headers).get(url)
        assert r.status_code == 403, r.text
        assert "omschrijving" not in r.json()
        assert (await Api(client, headers).get("/zaaktypen", params=ALLE)).status_code == 403
    # ztc-014: reading zaken includes reading their types, so this client shares the cached body.
    zrc = AutorisatieData(
        component="zrc", scopes=["zaken.lezen"], zaaktype=url, max_vertrouwelijkheidaanduiding="geheim"
    )
    zaken = await register(app, "zaken-lezer", autorisaties=[zrc])
    assert (await Api(client, zaken).get(url)).content == (await api.get(url)).content


async def test_the_date_is_part_of_the_key(
    app: FastAPI, client: httpx.AsyncClient, zaaktype: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    await register(app, "klok", alle=True)
    # register() derives the secret from the client id the same way.
    secret = "klok-geheim-0123456789-abcdefghijklmnop"
    url = zaaktype["url"]
    today = Api(client, auth_header("klok", secret))
    await today.json(url)
    await _behind_the_back(app, url, "Morgen anders")
    assert (await today.json(url))["omschrijving"] == zaaktype["omschrijving"]
    tomorrow = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    clock.set_clock(lambda: tomorrow)
    try:
        # The token (signed now) must stay acceptable a day later.
        monkeypatch.setattr(app.state.autorisaties, "max_age", 3 * 86400.0)
        assert (await today.json(url))["omschrijving"] == "Morgen anders"
    finally:
        clock.set_clock(None)


@pytest.fixture
async def second_app(settings: Settings) -> AsyncIterator[FastAPI]:
    """Another app instance on the same database with its own engine, listener and cache (as another process)."""
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


async def test_a_write_in_another_process_invalidates_this_cache(
    app: FastAPI, api: Api, second_app: FastAPI, zaaktype: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = zaaktype["url"]
    await api.json(url)
    await api.json("/zaaktypen", params=ALLE)
    transport = httpx.ASGITransport(app=second_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as other:
        elders = Api(other, api.headers)
        # Without this process's in-process hook: only the version row (SQLite) or NOTIFY (PostgreSQL) tells.
        monkeypatch.setattr(CATALOGI, "listeners", [])
        r = await elders.patch(url, {"omschrijving": "Elders gewijzigd"})
        assert r.status_code == 200, r.text
        monkeypatch.undo()

    async def seen() -> bool:
        detail = (await api.json(url))["omschrijving"] == "Elders gewijzigd"
        listed = (await api.json("/zaaktypen", params=ALLE))["results"][0]["omschrijving"] == "Elders gewijzigd"
        return detail and listed

    attempts, waited = await _eventually(seen)
    cache: ResponseCache = app.state.catalogi_cache
    if app.state.db.is_sqlite:
        assert attempts == 1  # the version row is read on every request
    else:
        assert cache.watcher.listening
        assert waited < 1


async def test_the_catalogus_import_invalidates(app: FastAPI, api: Api, settings: Settings) -> None:
    assert (await api.json("/catalogussen"))["count"] == 0
    assert (await api.json("/zaaktypen", params=ALLE))["count"] == 0
    async with UnitOfWork(app.state.sessionmaker) as uow:
        await import_catalogus(uow, Ctx.for_base_url(settings), demo_catalogus(), publish=True)
    assert (await api.json("/catalogussen"))["count"] == 1
    assert (await api.json("/zaaktypen", params=ALLE))["count"] == 9


def test_the_cache_is_bounded() -> None:
    cache = ResponseCache.__new__(ResponseCache)
    cache.size = 2
    cache.generation = 0
    cache._entries = _cache.OrderedDict()
    day = dt.date(2026, 1, 1)
    keys = [(f"/p{i}", "", "http://x", day) for i in range(3)]
    for key in keys:
        cache.put(key, _cache._Entry(b"{}", None), 0)
    assert len(cache) == 2
    assert keys[0] not in cache._entries
    # A response rendered before an invalidation is not stored after it.
    cache.put(("/oud", "", "http://x", day), _cache._Entry(b"{}", None), -1)
    assert len(cache) == 2
