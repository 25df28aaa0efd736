"""/zaakverzoeken (zrc-024) and /zaakcontactmomenten (zrc-025, the first of the two zrc-025 rules: synchronising
contactmomenten): the verzoek or contactmoment URL is checked for form and stored (the legacy API it should be
mirrored in is not run by this installation); list, detail and delete under the zaak's access rule.

Both resources have the same shape and rules, so every test runs for each of them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from tests.contract.openapi import validate_response
from tests.zaken._overig import SPEC, audit, messages, nothing_written, rows, statements_stay_fixed
from tests.zaken.conftest import Api, Catalogus, client_with, insert_zaak, zaak_url, zrc_rechten
from zaakwerk.core.db import Database
from zaakwerk.zaken.models import ZaakContactMoment, ZaakVerzoek


@dataclass(frozen=True)
class Link:
    path: str
    field: str
    resource: str
    model: type[ZaakContactMoment] | type[ZaakVerzoek]
    remote: str

    def body(self, zaak: Any, value: str | None) -> dict[str, Any]:
        return {"zaak": zaak_url(zaak), self.field: value}


VERZOEK = Link(
    "/zaakverzoeken",
    "verzoek",
    "zaakverzoek",
    ZaakVerzoek,
    "https://klanten.example.nl/verzoeken/api/v1/verzoeken/5f1c0d3e-8a51-4a3e-9f43-0a4c7a1c6b21",
)
CONTACTMOMENT = Link(
    "/zaakcontactmomenten",
    "contactmoment",
    "zaakcontactmoment",
    ZaakContactMoment,
    "https://klanten.example.nl/contactmomenten/api/v1/contactmomenten/5f1c0d3e-8a51-4a3e-9f43-0a4c7a1c6b21",
)


@pytest.fixture(params=[VERZOEK, CONTACTMOMENT], ids=["zrc_024_verzoek", "zrc_025a_contactmoment"])
def link(request: pytest.FixtureRequest) -> Link:
    value: Link = request.param
    return value


async def test_zrc_024_025a_url_is_stored_as_given(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus, link: Link
) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    r = await api.post(link.path, link.body(zaak, link.remote))
    assert r.status_code == 201, r.text
    validate_response(SPEC, r)
    data = r.json()
    assert (data["zaak"], data[link.field], r.headers["Location"]) == (zaak_url(zaak), link.remote, data["url"])
    got = await api.get(data["url"])
    validate_response(SPEC, got)
    assert got.json() == data
    assert (await api.get(data["url"], headers={"If-None-Match": got.headers["ETag"]})).status_code == 304
    [message] = await messages(db)
    assert (message["resource"], message["actie"], message["resourceUrl"]) == (link.resource, "create", data["url"])


async def test_zrc_024_025a_malformed_url_is_400_and_writes_nothing(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus, link: Link
) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    for value in ("geen url", "ftp://klanten.example.nl/x", "https://klanten.example.nl/" + "x" * 1000, None):
        r = await api.post(link.path, link.body(zaak, value))
        assert r.status_code == 400, (value, r.text)
        validate_response(SPEC, r)
        assert [p["name"] for p in r.json()["invalidParams"]] == [link.field]
    r = await api.post(link.path, {link.field: link.remote})
    assert [(p["name"], p["code"]) for p in r.json()["invalidParams"]] == [("zaak", "required")]
    assert await nothing_written(db, link.model)


async def test_list_filters_and_shows_only_what_the_client_may_read(
    api: Api, app: FastAPI, client: httpx.AsyncClient, catalogus: Catalogus, link: Link
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    mine = await insert_zaak(app, klacht)
    other = await insert_zaak(app, catalogus["VBG-BEZWAAR"])
    a = (await api.post(link.path, link.body(mine, link.remote))).json()
    b = (await api.post(link.path, link.body(mine, link.remote + "0"))).json()
    c = (await api.post(link.path, link.body(other, link.remote))).json()
    everything = await api.get(link.path)
    assert everything.status_code == 200
    validate_response(SPEC, everything)
    assert {x["url"] for x in everything.json()} == {a["url"], b["url"], c["url"]}
    by_zaak = await api.get(link.path, params={"zaak": zaak_url(mine)})
    assert {x["url"] for x in by_zaak.json()} == {a["url"], b["url"]}
    by_url = await api.get(link.path, params={link.field: link.remote})
    assert {x["url"] for x in by_url.json()} == {a["url"], c["url"]}

    lezer = await client_with(app, client, "lezer", [zrc_rechten("zaken.lezen", zaaktype=klacht.url)])
    assert {x["url"] for x in (await lezer.get(link.path)).json()} == {a["url"], b["url"]}
    assert (await lezer.get(c["url"])).status_code == 403
    assert (await api.get(link.path, params={"zaak": "geen url"})).status_code == 400
    assert (await api.get(link.path, params={"page": "1"})).status_code == 400  # not paginated


async def test_delete_records_the_change(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus, link: Link
) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    data = (await api.post(link.path, link.body(zaak, link.remote))).json()
    r = await api.delete(data["url"])
    assert r.status_code == 204, r.text
    assert (await api.get(data["url"])).status_code == 404
    assert (await api.delete(data["url"])).status_code == 404
    assert await rows(db, link.model) == 0
    assert [(m["actie"], m["resourceUrl"]) for m in await messages(db)] == [
        ("create", data["url"]),
        ("destroy", data["url"]),
    ]
    assert (await audit(db))[-1].oud == data


async def test_zrc_007_changes_on_a_closed_zaak_need_geforceerd_bijwerken(
    api: Api, app: FastAPI, client: httpx.AsyncClient, db: Database, catalogus: Catalogus, link: Link
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = await insert_zaak(app, klacht, einddatum=dt.date(2026, 11, 20))
    data = (await api.post(link.path, link.body(zaak, link.remote))).json()
    gewoon = await client_with(
        app, client, "gewoon", [zrc_rechten("zaken.bijwerken", "zaken.lezen", zaaktype=klacht.url)]
    )
    assert (await gewoon.post(link.path, link.body(zaak, link.remote))).status_code == 403
    assert (await gewoon.delete(data["url"])).status_code == 403
    assert await rows(db, link.model) == 1
    geforceerd = await client_with(
        app, client, "forceer", [zrc_rechten("zaken.geforceerd-bijwerken", zaaktype=klacht.url)]
    )
    assert (await geforceerd.delete(data["url"])).status_code == 204


async def test_list_query_count_does_not_grow(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus, link: Link
) -> None:
    async def grow(n: int) -> None:
        for _ in range(n):
            zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
            assert (await api.post(link.path, link.body(zaak, link.remote))).status_code == 201

    await statements_stay_fixed(api, db, link.path, grow)
