"""Authorisation on ``brc`` by besluittype: a client restricted to one besluittype sees only those besluiten (and
their besluitinformatieobjecten and expands) and gets 403 on the others; every write needs its scope for the
besluit's besluittype."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from tests.besluiten.conftest import (
    KAPPEN,
    SPEC,
    Api,
    Catalogus,
    besluit_body,
    besluittype_url,
    brc_rechten,
    client_with,
    rows,
)
from tests.contract.openapi import validate_response
from zaakwerk.besluiten.models import Besluit
from zaakwerk.core.db import Database


async def test_a_client_of_one_besluittype_sees_only_those(
    api: Api, app: FastAPI, client: httpx.AsyncClient, catalogus: Catalogus
) -> None:
    eigen = await api.create("besluiten", await besluit_body(app))
    vreemd = await api.create("besluiten", await besluit_body(app, KAPPEN))
    lezer = await client_with(
        app, client, "brc-lezer", [brc_rechten("besluiten.lezen", besluittype=await besluittype_url(app))]
    )
    r = await lezer.get("/besluiten")
    assert r.status_code == 200, r.text
    validate_response(SPEC, r)
    assert (r.json()["count"], [x["url"] for x in r.json()["results"]]) == (1, [eigen["url"]])
    assert (await lezer.get(eigen["url"])).status_code == 200
    denied = await lezer.get(vreemd["url"])
    assert denied.status_code == 403
    validate_response(SPEC, denied)
    assert (await lezer.request("HEAD", vreemd["url"])).status_code == 403
    assert (await lezer.get(f"{vreemd['url']}/audittrail")).status_code == 403
    # Filtering on the other besluittype does not widen the list.
    assert (await lezer.get(f"/besluiten?besluittype={vreemd['besluittype']}")).json()["count"] == 0


async def test_writes_need_their_scope_for_the_besluittype(
    api: Api, app: FastAPI, client: httpx.AsyncClient, db: Database, catalogus: Catalogus
) -> None:
    bezwaar = await besluittype_url(app)
    vreemd = await api.create("besluiten", await besluit_body(app, KAPPEN))
    schrijver = await client_with(
        app,
        client,
        "brc-schrijver",
        [brc_rechten("besluiten.aanmaken", "besluiten.bijwerken", "besluiten.verwijderen", besluittype=bezwaar)],
    )
    assert (await schrijver.post("/besluiten", await besluit_body(app, KAPPEN))).status_code == 403
    assert (await schrijver.patch(vreemd["url"], {"toelichting": "x"})).status_code == 403
    assert (await schrijver.delete(vreemd["url"])).status_code == 403
    assert await rows(db, Besluit) == 1
    eigen = await schrijver.post("/besluiten", await besluit_body(app))
    assert eigen.status_code == 201, eigen.text
    assert (await schrijver.patch(eigen.json()["url"], {"toelichting": "x"})).status_code == 200
    assert (await schrijver.delete(eigen.json()["url"])).status_code == 204
    # Without the scope at all: 403 before anything is read.
    lezer = await client_with(app, client, "brc-alleen-lezen", [brc_rechten("besluiten.lezen", besluittype=bezwaar)])
    assert (await lezer.post("/besluiten", await besluit_body(app))).status_code == 403
    assert (await client.get("http://testserver/besluiten/api/v1/besluiten")).status_code in (401, 403)
