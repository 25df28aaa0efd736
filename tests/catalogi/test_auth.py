"""Authorisation of the Catalogi API: no token, missing scopes, and ztc-014."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from tests.catalogi._contract import check
from tests.catalogi.conftest import BASE, Api, catalogus_body, register, statustype_body, zaaktype_body
from zaakwerk.autorisaties.service import AutorisatieData

ZAAKTYPE_URL = "http://testserver/catalogi/api/v1/zaaktypen/00000000-0000-4000-8000-000000000001"

READ_PATHS = [
    "/catalogussen",
    "/zaaktypen",
    "/statustypen",
    "/roltypen",
    "/eigenschappen",
    "/resultaattypen",
    "/informatieobjecttypen",
    "/besluittypen",
    "/zaaktype-informatieobjecttypen",
    "/zaakobjecttypen",
]


@pytest.mark.parametrize("path", READ_PATHS)
async def test_no_token_is_401(client: httpx.AsyncClient, path: str) -> None:
    r = await client.get(BASE + path)
    assert r.status_code == 401
    check(r)


async def test_bad_token_is_401(client: httpx.AsyncClient) -> None:
    r = await client.get(BASE + "/zaaktypen", headers={"Authorization": "Bearer niet-een-jwt"})
    assert r.status_code == 401


async def test_no_token_on_writes_is_401_and_nothing_written(client: httpx.AsyncClient, api: Api) -> None:
    r = await client.post(BASE + "/catalogussen", json=catalogus_body())
    assert r.status_code == 401
    assert (await api.json("/catalogussen"))["count"] == 0


async def test_reader_cannot_write(lezer: Api, api: Api, catalogus: dict[str, Any], zaaktype: dict[str, Any]) -> None:
    assert (await lezer.get("/zaaktypen")).status_code == 200
    r = await lezer.post("/zaaktypen", zaaktype_body(catalogus["url"], identificatie="X"))
    assert r.status_code == 403
    check(r)
    assert (await lezer.patch(zaaktype["url"], {"omschrijving": "X"})).status_code == 403
    assert (await lezer.post(f"{zaaktype['url']}/publish")).status_code == 403
    assert (await lezer.delete(zaaktype["url"])).status_code == 403
    assert (await lezer.post("/statustypen", statustype_body(zaaktype["url"]))).status_code == 403
    assert (await api.json(zaaktype["url"]))["concept"] is True
    assert (await api.json("/zaaktypen?status=alles"))["count"] == 1


async def test_writer_without_read_scope_cannot_read(app: FastAPI, client: httpx.AsyncClient) -> None:
    headers = await register(app, "alleen-schrijven", autorisaties=[AutorisatieData("ztc", ["catalogi.schrijven"])])
    assert (await client.get(BASE + "/zaaktypen", headers=headers)).status_code == 403
    assert (await client.post(BASE + "/catalogussen", json=catalogus_body(), headers=headers)).status_code == 201


async def test_scope_on_another_component_does_not_count(app: FastAPI, client: httpx.AsyncClient) -> None:
    headers = await register(app, "verkeerd", autorisaties=[AutorisatieData("ac", ["catalogi.lezen"])])
    assert (await client.get(BASE + "/zaaktypen", headers=headers)).status_code == 403


@pytest.mark.parametrize(
    ("component", "scope", "extra"),
    [
        ("zrc", "zaken.lezen", {"zaaktype": ZAAKTYPE_URL, "max_vertrouwelijkheidaanduiding": "openbaar"}),
        (
            "drc",
            "documenten.lezen",
            {
                "informatieobjecttype": ZAAKTYPE_URL.replace("zaaktypen", "informatieobjecttypen"),
                "max_vertrouwelijkheidaanduiding": "openbaar",
            },
        ),
        ("brc", "besluiten.lezen", {"besluittype": ZAAKTYPE_URL.replace("zaaktypen", "besluittypen")}),
    ],
)
async def test_ztc_014_reading_zaken_documenten_besluiten_includes_catalogi(
    app: FastAPI,
    client: httpx.AsyncClient,
    api: Api,
    zaaktype: dict[str, Any],
    component: str,
    scope: str,
    extra: dict[str, Any],
) -> None:
    headers = await register(app, f"lezer-{component}", autorisaties=[AutorisatieData(component, [scope], **extra)])
    for path in READ_PATHS:
        assert (await client.get(BASE + path, headers=headers)).status_code == 200, path
    assert (await client.get(zaaktype["url"], headers=headers)).status_code == 200
    # Reading is all it gives.
    assert (
        await client.post(BASE + "/catalogussen", json=catalogus_body(domein="X"), headers=headers)
    ).status_code == 403


async def test_ztc_014_expand_uses_the_same_read_rule(
    app: FastAPI, client: httpx.AsyncClient, zaaktype: dict[str, Any]
) -> None:
    headers = await register(
        app,
        "zaken-lezer",
        autorisaties=[
            AutorisatieData("zrc", ["zaken.lezen"], zaaktype=ZAAKTYPE_URL, max_vertrouwelijkheidaanduiding="geheim")
        ],
    )
    r = await client.get(zaaktype["url"], params={"expand": "catalogus"}, headers=headers)
    assert r.status_code == 200
    assert r.json()["_expand"]["catalogus"]["url"] == zaaktype["catalogus"]


async def test_delete_needs_schrijven_or_geforceerd_verwijderen(
    app: FastAPI, client: httpx.AsyncClient, api: Api, catalogus: dict[str, Any]
) -> None:
    only_forced = await register(
        app,
        "verwijderaar",
        autorisaties=[AutorisatieData("ztc", ["catalogi.lezen", "catalogi.geforceerd-verwijderen"])],
    )
    zt = await api.create("zaaktypen", zaaktype_body(catalogus["url"], identificatie="WEG"))
    assert (await client.delete(zt["url"], headers=only_forced)).status_code == 204
    only_forced_write = await register(
        app, "corrigeerder", autorisaties=[AutorisatieData("ztc", ["catalogi.lezen", "catalogi.geforceerd-schrijven"])]
    )
    zt2 = await api.create("zaaktypen", zaaktype_body(catalogus["url"], identificatie="BLIJFT"))
    assert (await client.delete(zt2["url"], headers=only_forced_write)).status_code == 403
    assert (await client.patch(zt2["url"], json={"omschrijving": "X"}, headers=only_forced_write)).status_code == 200
