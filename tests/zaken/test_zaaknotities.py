"""/zaaknotities (Zaken API 1.7): create, change while concept, final once definitief, every list filter of the
spec, pagination with pageSize, under the zaak's access rule."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import update

from tests.contract.openapi import validate_response
from tests.zaken._overig import SPEC, audit, codes, messages, nothing_written, rows, statements_stay_fixed
from tests.zaken.conftest import Api, Catalogus, client_with, insert_zaak, zaak_url, zrc_rechten
from zaakwerk.core.db import Database
from zaakwerk.core.uow import UnitOfWork
from zaakwerk.zaken.models import ZaakNotitie


def body(zaak: str, **over: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"gerelateerdAan": zaak, "onderwerp": "Terugbelverzoek", "tekst": "Klant graag terugbellen."}
    data.update(over)
    return data


async def test_create_fills_defaults_and_renders_the_spec(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus
) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    r = await api.post("/zaaknotities", body(zaak_url(zaak)))
    assert r.status_code == 201, r.text
    validate_response(SPEC, r)
    data = r.json()
    assert (data["notitieType"], data["status"], data["gerelateerdAan"]) == ("intern", "concept", zaak_url(zaak))
    assert data["aangemaaktDoor"]  # who wrote it, from the token
    assert data["aanmaakdatum"] == data["wijzigingsdatum"]
    got = await api.get(data["url"])
    validate_response(SPEC, got)
    assert got.json() == data
    assert (await api.get(data["url"], headers={"If-None-Match": got.headers["ETag"]})).status_code == 304
    [message] = await messages(db)
    assert (message["resource"], message["actie"], message["resourceUrl"]) == ("zaaknotitie", "create", data["url"])
    assert (await audit(db))[0].nieuw == data


async def test_bad_input_is_400_naming_the_field_and_writes_nothing(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus
) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    cases = [
        ({"gerelateerdAan": zaak_url(zaak), "tekst": "x"}, ("onderwerp", "required")),
        (body(zaak_url(zaak), tekst=""), ("tekst", "min_length")),
        (body(zaak_url(zaak), onderwerp="x" * 256), ("onderwerp", "max_length")),
        (body(zaak_url(zaak), notitieType="geheim"), ("notitieType", "invalid_choice")),
        (body(zaak_url(zaak), status="klaar"), ("status", "invalid_choice")),
        (body(zaak_url(uuid.uuid4())), ("gerelateerdAan", "does_not_exist")),
        (body("https://elders.example.nl/zaken/api/v1/zaken/" + str(zaak.id)), ("gerelateerdAan", "bad-url")),
    ]
    for data, expected in cases:
        r = await api.post("/zaaknotities", data)
        assert r.status_code == 400, (expected, r.text)
        validate_response(SPEC, r)
        assert expected in codes(r), r.json()
    assert await nothing_written(db, ZaakNotitie)


async def test_concept_is_changed_by_put_and_patch(api: Api, app: FastAPI, db: Database, catalogus: Catalogus) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    created = (await api.post("/zaaknotities", body(zaak_url(zaak), aangemaaktDoor="J. de Vries"))).json()
    r = await api.patch(created["url"], {"tekst": "Teruggebeld, geen gehoor."})
    assert r.status_code == 200, r.text
    validate_response(SPEC, r)
    patched = r.json()
    assert (patched["tekst"], patched["onderwerp"], patched["aangemaaktDoor"]) == (
        "Teruggebeld, geen gehoor.",
        "Terugbelverzoek",
        "J. de Vries",
    )
    assert patched["wijzigingsdatum"] >= created["wijzigingsdatum"]
    assert patched["aanmaakdatum"] == created["aanmaakdatum"]
    r = await api.put(created["url"], body(zaak_url(zaak), onderwerp="Klacht", notitieType="extern"))
    assert r.status_code == 200, r.text
    validate_response(SPEC, r)
    assert (r.json()["onderwerp"], r.json()["notitieType"], r.json()["tekst"]) == (
        "Klacht",
        "extern",
        "Klant graag terugbellen.",
    )
    assert [m["actie"] for m in await messages(db)] == ["create", "partial_update", "update"]
    entries = await audit(db)
    assert (entries[1].oud, entries[1].nieuw) == (created, patched)

    bad = await api.patch(created["url"], {"onderwerp": ""})
    assert bad.status_code == 400
    assert codes(bad) == [("onderwerp", "min_length")]


async def test_definitief_notitie_cannot_be_changed_or_deleted(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus
) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    url = (await api.post("/zaaknotities", body(zaak_url(zaak)))).json()["url"]
    r = await api.patch(url, {"status": "definitief"})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "definitief"
    for response in (
        await api.patch(url, {"tekst": "Anders"}),
        await api.put(url, body(zaak_url(zaak), status="concept")),
    ):
        assert response.status_code == 400
        validate_response(SPEC, response)
        assert codes(response) == [("status", "notitie-definitief")]
    refused = await api.delete(url)
    assert (refused.status_code, refused.json()["code"]) == (409, "notitie-definitief")
    validate_response(SPEC, refused)
    assert (await api.get(url)).json()["tekst"] == "Klant graag terugbellen."
    assert len(await messages(db)) == 2


async def test_notitie_stays_on_its_zaak_and_delete_removes_it(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus
) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    other = await insert_zaak(app, catalogus["VBG-KLACHT"])
    url = (await api.post("/zaaknotities", body(zaak_url(zaak)))).json()["url"]
    r = await api.patch(url, {"gerelateerdAan": zaak_url(other)})
    assert r.status_code == 400
    assert codes(r) == [("gerelateerdAan", "wijzigen-niet-toegelaten")]
    assert (await api.delete(url)).status_code == 204
    assert (await api.get(url)).status_code == 404
    assert await rows(db, ZaakNotitie) == 0
    assert [m["actie"] for m in await messages(db)] == ["create", "destroy"]


async def test_every_list_filter(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    other = await insert_zaak(app, catalogus["VBG-KLACHT"])
    a = (await api.post("/zaaknotities", body(zaak_url(zaak), aangemaaktDoor="Piet 50% Jansen"))).json()
    b = (
        await api.post(
            "/zaaknotities",
            body(zaak_url(zaak), onderwerp="Adreswijziging", tekst="Nieuw ADRES doorgegeven", notitieType="extern"),
        )
    ).json()
    c = (await api.post("/zaaknotities", body(zaak_url(other), status="definitief", aangemaaktDoor="Els"))).json()
    moments = {
        a["url"]: dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC),
        b["url"]: dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC),
        c["url"]: dt.datetime(2026, 11, 3, 9, tzinfo=dt.UTC),
    }
    async with UnitOfWork(app.state.sessionmaker) as uow:
        for url, moment in moments.items():
            id_ = uuid.UUID(url.rsplit("/", 1)[1])
            await uow.session.execute(
                update(ZaakNotitie).where(ZaakNotitie.id == id_).values(aanmaakdatum=moment, wijzigingsdatum=moment)
            )

    async def found(**params: str) -> list[str]:
        r = await api.get("/zaaknotities", params=params)
        assert r.status_code == 200, (params, r.text)
        validate_response(SPEC, r)
        return [n["url"] for n in r.json()["results"]]

    assert await found() == [c["url"], b["url"], a["url"]]  # newest first
    assert await found(gerelateerdAan=zaak_url(zaak)) == [b["url"], a["url"]]
    assert await found(aangemaaktDoor="Els") == [c["url"]]
    assert await found(aangemaaktDoor__icontains="50%") == [a["url"]]
    assert await found(onderwerp="Adreswijziging") == [b["url"]]
    assert await found(onderwerp__icontains="TERUGBEL") == [c["url"], a["url"]]
    assert await found(tekst="Nieuw ADRES doorgegeven") == [b["url"]]
    assert await found(tekst__icontains="adres") == [b["url"]]
    assert await found(notitieType="extern") == [b["url"]]
    assert await found(status="definitief") == [c["url"]]
    assert await found(aanmaakdatum="2026-11-02T09:00:00Z") == [b["url"]]
    assert await found(aanmaakdatum__gt="2026-11-02T09:00:00Z") == [c["url"]]
    assert await found(aanmaakdatum__gte="2026-11-02T10:00:00+01:00") == [c["url"], b["url"]]
    assert await found(aanmaakdatum__lt="2026-11-02T09:00:00Z") == [a["url"]]
    assert await found(aanmaakdatum__lte="2026-11-02") == [a["url"]]
    assert await found(wijzigingsdatum__gte="2026-11-03") == [c["url"]]
    assert await found(wijzigingsdatum__lt="2026-11-03", wijzigingsdatum__gt="2026-11-01T12:00:00Z") == [b["url"]]
    assert await found(wijzigingsdatum="2026-11-01T09:00:00Z") == [a["url"]]

    for params, name in (
        ({"notitieType": "geheim"}, "notitieType"),
        ({"aanmaakdatum__gt": "gisteren"}, "aanmaakdatum__gt"),
        ({"gerelateerdAan": "12"}, "gerelateerdAan"),
        ({"pageSize": "0"}, "pageSize"),
        ({"onbekend": "x"}, "nonFieldErrors"),
    ):
        r = await api.get("/zaaknotities", params=params)
        assert r.status_code == 400, params
        validate_response(SPEC, r)
        assert [p["name"] for p in r.json()["invalidParams"]] == [name]


async def test_page_size_and_no_leaks(api: Api, app: FastAPI, client: httpx.AsyncClient, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    mine = await insert_zaak(app, klacht)
    geheim = await insert_zaak(app, klacht, vertrouwelijkheidaanduiding="geheim")
    for _ in range(3):
        assert (await api.post("/zaaknotities", body(zaak_url(mine)))).status_code == 201
    hidden = (await api.post("/zaaknotities", body(zaak_url(geheim)))).json()["url"]
    lezer = await client_with(
        app, client, "notitie-lezer", [zrc_rechten("zaken.lezen", zaaktype=klacht.url, max_vertrouwelijkheid="intern")]
    )
    first = await lezer.get("/zaaknotities", params={"pageSize": "2"})
    assert first.status_code == 200
    validate_response(SPEC, first)
    assert (first.json()["count"], len(first.json()["results"])) == (3, 2)
    assert "pageSize=2" in first.json()["next"]
    second = await lezer.get(first.json()["next"])
    assert len(second.json()["results"]) == 1 and second.json()["next"] is None
    assert hidden not in [n["url"] for n in first.json()["results"] + second.json()["results"]]
    assert (await lezer.get(hidden)).status_code == 403


async def test_zrc_007_notitie_on_a_closed_zaak_needs_geforceerd_bijwerken(
    api: Api, app: FastAPI, client: httpx.AsyncClient, db: Database, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = await insert_zaak(app, klacht, einddatum=dt.date(2026, 11, 20))
    url = (await api.post("/zaaknotities", body(zaak_url(zaak)))).json()["url"]
    gewoon = await client_with(app, client, "gewoon", [zrc_rechten("zaken.bijwerken", zaaktype=klacht.url)])
    assert (await gewoon.post("/zaaknotities", body(zaak_url(zaak)))).status_code == 403
    assert (await gewoon.patch(url, {"tekst": "Anders"})).status_code == 403
    assert (await gewoon.delete(url)).status_code == 403
    assert len(await messages(db)) == 1
    geforceerd = await client_with(
        app, client, "forceer", [zrc_rechten("zaken.geforceerd-bijwerken", zaaktype=klacht.url)]
    )
    assert (await geforceerd.patch(url, {"tekst": "Correctie"})).status_code == 200


async def test_list_query_count_does_not_grow(api: Api, app: FastAPI, db: Database, catalogus: Catalogus) -> None:
    async def grow(n: int) -> None:
        for _ in range(n):
            zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
            assert (await api.post("/zaaknotities", body(zaak_url(zaak)))).status_code == 201

    await statements_stay_fixed(api, db, "/zaaknotities", grow)
