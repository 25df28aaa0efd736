"""/klantcontacten: create with a generated or checked identificatie, list and detail under the zaak's access rule,
closed zaken (zrc-007), audit trail and notification on every write."""

from __future__ import annotations

import datetime as dt

import httpx
from fastapi import FastAPI

from tests.contract.openapi import validate_response
from tests.zaken._overig import SPEC, audit, messages, nothing_written, rows, statements_stay_fixed
from tests.zaken.conftest import BASE, Api, Catalogus, client_with, insert_zaak, zaak_url, zrc_rechten
from zaakwerk.core.db import Database
from zaakwerk.zaken.models import KlantContact


def body(zaak: str, **over: object) -> dict[str, object]:
    data: dict[str, object] = {
        "zaak": zaak,
        "datumtijd": "2026-11-03T10:15:00Z",
        "kanaal": "telefoon",
        "onderwerp": "Vraag over de klacht",
        "toelichting": "Klant belde over de voortgang.",
    }
    data.update(over)
    return data


async def test_create_generates_an_identificatie_and_renders_the_spec(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus
) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    r = await api.post("/klantcontacten", body(zaak_url(zaak)))
    assert r.status_code == 201, r.text
    validate_response(SPEC, r)
    data = r.json()
    assert r.headers["Location"] == data["url"]
    assert data["zaak"] == zaak_url(zaak)
    assert data["datumtijd"] == "2026-11-03T10:15:00Z"
    assert len(data["identificatie"]) == 14 and data["identificatie"].startswith("KC")

    got = await api.get(data["url"])
    assert got.status_code == 200
    validate_response(SPEC, got)
    assert got.json() == data
    assert (await api.get(data["url"], headers={"If-None-Match": got.headers["ETag"]})).status_code == 304

    [message] = await messages(db)
    assert (message["resource"], message["actie"], message["resourceUrl"]) == ("klantcontact", "create", data["url"])
    assert message["hoofdObject"] == zaak_url(zaak)
    [entry] = await audit(db)
    assert (entry.resource, entry.nieuw) == ("klantcontact", data)


async def test_time_without_offset_is_dutch_local_time(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    r = await api.post("/klantcontacten", body(zaak_url(zaak), datumtijd="2026-07-01T12:00:00"))
    assert r.status_code == 201, r.text
    assert r.json()["datumtijd"] == "2026-07-01T10:00:00Z"  # CEST is UTC+2


async def test_given_identificatie_is_unique_within_the_bronorganisatie(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus
) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    other = await insert_zaak(app, catalogus["VBG-BEZWAAR"])
    first = await api.post("/klantcontacten", body(zaak_url(zaak), identificatie="KC-1"))
    assert first.status_code == 201, first.text
    assert first.json()["identificatie"] == "KC-1"
    r = await api.post("/klantcontacten", body(zaak_url(other), identificatie="KC-1"))
    assert r.status_code == 400
    validate_response(SPEC, r)
    assert [(p["name"], p["code"]) for p in r.json()["invalidParams"]] == [("identificatie", "unique")]
    assert await rows(db, KlantContact) == 1
    assert len(await messages(db)) == 1


async def test_bad_input_is_400_naming_the_field_and_writes_nothing(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus
) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    cases = [
        ({k: v for k, v in body(zaak_url(zaak)).items() if k != "datumtijd"}, "datumtijd", "required"),
        (body(zaak_url(zaak), kanaal="x" * 21), "kanaal", "max_length"),
        (body(zaak_url(zaak), identificatie="x" * 15), "identificatie", "max_length"),
        (body("http://testserver/catalogi/api/v1/zaaktypen/" + str(zaak.id)), "zaak", "bad-url"),
        (body(f"{BASE}/zaken/00000000-0000-4000-8000-000000000000"), "zaak", "does_not_exist"),
        (body("geen url"), "zaak", "invalid"),
    ]
    for data, name, code in cases:
        r = await api.post("/klantcontacten", data)
        assert r.status_code == 400, (name, r.text)
        validate_response(SPEC, r)
        assert (name, code) in [(p["name"], p["code"]) for p in r.json()["invalidParams"]], r.json()
    assert await nothing_written(db, KlantContact)


async def test_list_filters_on_zaak_and_shows_only_what_the_client_may_read(
    api: Api, app: FastAPI, client: httpx.AsyncClient, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    mine = await insert_zaak(app, klacht)
    geheim = await insert_zaak(app, klacht, vertrouwelijkheidaanduiding="geheim")
    other = await insert_zaak(app, catalogus["VBG-BEZWAAR"])
    urls = {}
    for zaak in (mine, geheim, other):
        urls[zaak.id] = (await api.post("/klantcontacten", body(zaak_url(zaak)))).json()["url"]
    lezer = await client_with(
        app, client, "kc-lezer", [zrc_rechten("zaken.lezen", zaaktype=klacht.url, max_vertrouwelijkheid="intern")]
    )
    r = await lezer.get("/klantcontacten")
    assert r.status_code == 200
    validate_response(SPEC, r)
    assert [k["url"] for k in r.json()["results"]] == [urls[mine.id]]
    assert (await lezer.get(urls[geheim.id])).status_code == 403
    assert (await lezer.get(urls[other.id])).status_code == 403

    filtered = await api.get("/klantcontacten", params={"zaak": zaak_url(other)})
    assert [k["url"] for k in filtered.json()["results"]] == [urls[other.id]]
    assert (await api.get("/klantcontacten", params={"zaak": "geen-url"})).status_code == 400
    assert (await api.get("/klantcontacten", params={"onbekend": "1"})).status_code == 400


async def test_write_needs_bijwerken_on_the_zaaktype(
    app: FastAPI, client: httpx.AsyncClient, db: Database, catalogus: Catalogus
) -> None:
    klacht, bezwaar = catalogus["VBG-KLACHT"], catalogus["VBG-BEZWAAR"]
    zaak = await insert_zaak(app, klacht)
    lezer = await client_with(app, client, "kc-lezer", [zrc_rechten("zaken.lezen", zaaktype=klacht.url)])
    anders = await client_with(app, client, "kc-anders", [zrc_rechten("zaken.bijwerken", zaaktype=bezwaar.url)])
    assert (await lezer.post("/klantcontacten", body(zaak_url(zaak)))).status_code == 403
    assert (await anders.post("/klantcontacten", body(zaak_url(zaak)))).status_code == 403
    assert await nothing_written(db, KlantContact)


async def test_zrc_007_klantcontact_on_a_closed_zaak_needs_geforceerd_bijwerken(
    app: FastAPI, client: httpx.AsyncClient, db: Database, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = await insert_zaak(app, klacht, einddatum=dt.date(2026, 11, 20))
    gewoon = await client_with(app, client, "kc-gewoon", [zrc_rechten("zaken.bijwerken", zaaktype=klacht.url)])
    geforceerd = await client_with(
        app, client, "kc-forceer", [zrc_rechten("zaken.geforceerd-bijwerken", zaaktype=klacht.url)]
    )
    assert (await gewoon.post("/klantcontacten", body(zaak_url(zaak)))).status_code == 403
    assert await rows(db, KlantContact) == 0
    assert (await geforceerd.post("/klantcontacten", body(zaak_url(zaak)))).status_code == 201


async def test_list_query_count_does_not_grow(api: Api, app: FastAPI, db: Database, catalogus: Catalogus) -> None:
    async def grow(n: int) -> None:
        for _ in range(n):
            zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
            assert (await api.post("/klantcontacten", body(zaak_url(zaak)))).status_code == 201

    await statements_stay_fixed(api, db, "/klantcontacten", grow)
