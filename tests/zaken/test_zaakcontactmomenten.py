"""/zaakcontactmomenten: zrc-025 (the first of the two zrc-025 rules: synchronising contactmomenten) here means
the contactmoment URL is checked for form and stored (the legacy API it should be mirrored in is not run by this
installation); list, detail and delete under the zaak's access rule."""

from __future__ import annotations

import datetime as dt

import httpx
from fastapi import FastAPI

from tests.contract.openapi import validate_response
from tests.zaken._overig import SPEC, audit, messages, nothing_written, rows, statements_stay_fixed
from tests.zaken.conftest import Api, Catalogus, client_with, insert_zaak, zaak_url, zrc_rechten
from zaakwerk.core.db import Database
from zaakwerk.zaken.models import ZaakContactMoment

REMOTE = "https://klanten.example.nl/contactmomenten/api/v1/contactmomenten/5f1c0d3e-8a51-4a3e-9f43-0a4c7a1c6b21"


async def test_zrc_025a_contactmoment_url_is_stored_as_given(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus
) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    r = await api.post("/zaakcontactmomenten", {"zaak": zaak_url(zaak), "contactmoment": REMOTE})
    assert r.status_code == 201, r.text
    validate_response(SPEC, r)
    data = r.json()
    assert (data["zaak"], data["contactmoment"], r.headers["Location"]) == (zaak_url(zaak), REMOTE, data["url"])
    got = await api.get(data["url"])
    validate_response(SPEC, got)
    assert got.json() == data
    assert (await api.get(data["url"], headers={"If-None-Match": got.headers["ETag"]})).status_code == 304
    [message] = await messages(db)
    assert (message["resource"], message["actie"], message["resourceUrl"]) == (
        "zaakcontactmoment",
        "create",
        data["url"],
    )


async def test_zrc_025a_malformed_contactmoment_url_is_400_and_writes_nothing(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus
) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    for value in ("geen url", "ftp://klanten.example.nl/x", "https://klanten.example.nl/" + "x" * 1000, None):
        r = await api.post("/zaakcontactmomenten", {"zaak": zaak_url(zaak), "contactmoment": value})
        assert r.status_code == 400, (value, r.text)
        validate_response(SPEC, r)
        assert [p["name"] for p in r.json()["invalidParams"]] == ["contactmoment"]
    r = await api.post("/zaakcontactmomenten", {"contactmoment": REMOTE})
    assert [(p["name"], p["code"]) for p in r.json()["invalidParams"]] == [("zaak", "required")]
    assert await nothing_written(db, ZaakContactMoment)


async def test_list_filters_and_shows_only_what_the_client_may_read(
    api: Api, app: FastAPI, client: httpx.AsyncClient, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    mine = await insert_zaak(app, klacht)
    other = await insert_zaak(app, catalogus["VBG-BEZWAAR"])
    a = (await api.post("/zaakcontactmomenten", {"zaak": zaak_url(mine), "contactmoment": REMOTE})).json()
    b = (await api.post("/zaakcontactmomenten", {"zaak": zaak_url(mine), "contactmoment": REMOTE + "0"})).json()
    c = (await api.post("/zaakcontactmomenten", {"zaak": zaak_url(other), "contactmoment": REMOTE})).json()
    everything = await api.get("/zaakcontactmomenten")
    assert everything.status_code == 200
    validate_response(SPEC, everything)
    assert {x["url"] for x in everything.json()} == {a["url"], b["url"], c["url"]}
    by_zaak = await api.get("/zaakcontactmomenten", params={"zaak": zaak_url(mine)})
    assert {x["url"] for x in by_zaak.json()} == {a["url"], b["url"]}
    by_contactmoment = await api.get("/zaakcontactmomenten", params={"contactmoment": REMOTE})
    assert {x["url"] for x in by_contactmoment.json()} == {a["url"], c["url"]}

    lezer = await client_with(app, client, "lezer", [zrc_rechten("zaken.lezen", zaaktype=klacht.url)])
    assert {x["url"] for x in (await lezer.get("/zaakcontactmomenten")).json()} == {a["url"], b["url"]}
    assert (await lezer.get(c["url"])).status_code == 403
    assert (await api.get("/zaakcontactmomenten", params={"zaak": "geen url"})).status_code == 400
    assert (await api.get("/zaakcontactmomenten", params={"page": "1"})).status_code == 400  # not paginated


async def test_delete_records_the_change(api: Api, app: FastAPI, db: Database, catalogus: Catalogus) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    data = (await api.post("/zaakcontactmomenten", {"zaak": zaak_url(zaak), "contactmoment": REMOTE})).json()
    r = await api.delete(data["url"])
    assert r.status_code == 204, r.text
    assert (await api.get(data["url"])).status_code == 404
    assert (await api.delete(data["url"])).status_code == 404
    assert await rows(db, ZaakContactMoment) == 0
    assert [(m["actie"], m["resourceUrl"]) for m in await messages(db)] == [
        ("create", data["url"]),
        ("destroy", data["url"]),
    ]
    assert (await audit(db))[-1].oud == data


async def test_zrc_007_changes_on_a_closed_zaak_need_geforceerd_bijwerken(
    api: Api, app: FastAPI, client: httpx.AsyncClient, db: Database, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = await insert_zaak(app, klacht, einddatum=dt.date(2026, 11, 20))
    data = (await api.post("/zaakcontactmomenten", {"zaak": zaak_url(zaak), "contactmoment": REMOTE})).json()
    gewoon = await client_with(
        app, client, "gewoon", [zrc_rechten("zaken.bijwerken", "zaken.lezen", zaaktype=klacht.url)]
    )
    assert (
        await gewoon.post("/zaakcontactmomenten", {"zaak": zaak_url(zaak), "contactmoment": REMOTE})
    ).status_code == 403
    assert (await gewoon.delete(data["url"])).status_code == 403
    assert await rows(db, ZaakContactMoment) == 1
    geforceerd = await client_with(
        app, client, "forceer", [zrc_rechten("zaken.geforceerd-bijwerken", zaaktype=klacht.url)]
    )
    assert (await geforceerd.delete(data["url"])).status_code == 204


async def test_list_query_count_does_not_grow(api: Api, app: FastAPI, db: Database, catalogus: Catalogus) -> None:
    async def grow(n: int) -> None:
        for _ in range(n):
            zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
            assert (
                await api.post("/zaakcontactmomenten", {"zaak": zaak_url(zaak), "contactmoment": REMOTE})
            ).status_code == 201

    await statements_stay_fixed(api, db, "/zaakcontactmomenten", grow)
