"""/statussen: setting statussen, closing (zrc-007) and reopening (zrc-008) a zaak, zrc-016, the list under the zaak
access rule, and what every write leaves behind (audit trail + notification)."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select

from tests.contract.openapi import validate_response
from tests.zaken.conftest import BASE, Api, Catalogus, ZaakType, client_with, insert_zaak, zaak_url, zrc_rechten
from zaakwerk.core.jobs.models import Job
from zaakwerk.core.uow import UnitOfWork
from zaakwerk.core.zgw.audittrail import AuditTrail
from zaakwerk.zaken import models as zrc

SPEC = "zaken-api-1.7.0.yaml"


def status_body(zaak: zrc.Zaak, statustype: str, when: str = "2026-11-03T10:00:00Z", **over: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"zaak": zaak_url(zaak), "statustype": statustype, "datumStatusGezet": when}
    body.update(over)
    return body


async def set_status(api: Api, zaak: zrc.Zaak, statustype: str, when: str = "2026-11-03T10:00:00Z") -> dict[str, Any]:
    r = await api.post("/statussen", status_body(zaak, statustype, when))
    assert r.status_code == 201, r.text
    data: dict[str, Any] = r.json()
    return data


async def set_resultaat(api: Api, zaak: zrc.Zaak, resultaattype: str) -> dict[str, Any]:
    r = await api.post("/resultaten", {"zaak": zaak_url(zaak), "resultaattype": resultaattype})
    assert r.status_code == 201, r.text
    data: dict[str, Any] = r.json()
    return data


async def close(api: Api, zaak: zrc.Zaak, zaaktype: ZaakType, when: str = "2026-11-20T10:00:00Z") -> dict[str, Any]:
    """Give the zaak a resultaat (its zaaktype's first) and its eindstatus."""
    await set_resultaat(api, zaak, zaaktype.resultaattypen[0])
    return await set_status(api, zaak, zaaktype.statustypen[-1], when)


async def get_zaak(api: Api, zaak: zrc.Zaak) -> dict[str, Any]:
    r = await api.get(zaak_url(zaak))
    assert r.status_code == 200, r.text
    data: dict[str, Any] = r.json()
    return data


async def trail(app: FastAPI, zaak: zrc.Zaak) -> list[tuple[str, str]]:
    """(resource, actie) of the zaak's audit trail, oldest first."""
    async with app.state.db.reader.connect() as conn:
        rows = await conn.execute(
            select(AuditTrail.resource, AuditTrail.actie)
            .where(AuditTrail.hoofd_object_uuid == zaak.id)
            .order_by(AuditTrail.id)
        )
        return [(r.resource, r.actie) for r in rows]


async def notificaties(app: FastAPI, zaak: zrc.Zaak) -> list[tuple[str, str]]:
    """(resource, actie) of the notifications queued about the zaak, oldest first."""
    async with app.state.db.reader.connect() as conn:
        rows = await conn.execute(select(Job.payload).where(Job.key == zaak_url(zaak)).order_by(Job.id))
        return [(p["resource"], p["actie"]) for (p,) in rows]


async def count(app: FastAPI, model: Any) -> int:
    async with app.state.db.reader.connect() as conn:
        return int((await conn.execute(select(func.count()).select_from(model))).scalar_one())


async def test_first_status_renders_the_spec_and_becomes_the_zaaks_status(
    api: Api, app: FastAPI, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = await insert_zaak(app, klacht)
    r = await api.post("/statussen", status_body(zaak, klacht.statustypen[0], statustoelichting="Ontvangen"))
    assert r.status_code == 201, r.text
    validate_response(SPEC, r)
    status = r.json()
    assert r.headers["Location"] == status["url"]
    assert status["indicatieLaatstGezetteStatus"] is True
    assert status["datumStatusGezet"] == "2026-11-03T10:00:00Z"
    assert status["statustoelichting"] == "Ontvangen"
    assert status["gezetdoor"] == ""
    assert status["zaakinformatieobjecten"] == []
    assert (await get_zaak(api, zaak))["status"] == status["url"]
    assert (await get_zaak(api, zaak))["einddatum"] is None


async def test_detail_has_etag_head_and_304(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    status = await set_status(api, await insert_zaak(app, klacht), klacht.statustypen[0])
    r = await api.get(status["url"])
    assert r.status_code == 200
    validate_response(SPEC, r)
    etag = r.headers["ETag"]
    head = await api.request("HEAD", status["url"])
    assert head.status_code == 200 and head.headers["ETag"] == etag and not head.content
    assert (await api.get(status["url"], headers={"If-None-Match": etag})).status_code == 304
    assert (await api.get(f"{BASE}/statussen/{uuid.uuid4()}")).status_code == 404


async def test_zrc_016_statustype_of_other_zaaktype_is_refused(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    r = await api.post("/statussen", status_body(zaak, catalogus["VBG-BEZWAAR"].statustypen[0]))
    assert r.status_code == 400, r.text
    validate_response(SPEC, r)
    assert [(p["name"], p["code"]) for p in r.json()["invalidParams"]] == [("statustype", "zaaktype-mismatch")]
    assert await count(app, zrc.Status) == 0
    assert await trail(app, zaak) == []


async def test_bad_input_names_the_field_and_writes_nothing(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = await insert_zaak(app, klacht)
    cases = [
        ({"zaak": zaak_url(zaak), "statustype": klacht.statustypen[0]}, "datumStatusGezet"),
        (status_body(zaak, klacht.statustypen[0], "gisteren"), "datumStatusGezet"),
        (status_body(zaak, "http://elders.example/catalogi/api/v1/statustypen/1"), "statustype"),
        (status_body(zaak, f"http://testserver/catalogi/api/v1/statustypen/{uuid.uuid4()}"), "statustype"),
        ({**status_body(zaak, klacht.statustypen[0]), "zaak": f"{BASE}/zaken/{uuid.uuid4()}"}, "zaak"),
        (status_body(zaak, klacht.statustypen[0], gezetdoor=f"{BASE}/rollen/{uuid.uuid4()}"), "gezetdoor"),
        (status_body(zaak, klacht.statustypen[0], statustoelichting="x" * 1001), "statustoelichting"),
    ]
    for body, field in cases:
        r = await api.post("/statussen", body)
        assert r.status_code == 400, (field, r.text)
        validate_response(SPEC, r)
        assert field in [p["name"] for p in r.json()["invalidParams"]], (field, r.text)
    assert await count(app, zrc.Status) == 0
    assert (await get_zaak(api, zaak))["status"] is None


async def test_gezetdoor_must_be_a_rol_of_the_same_zaak(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak, andere = await insert_zaak(app, klacht), await insert_zaak(app, klacht)
    roltype = uuid.UUID(klacht.roltypen["behandelaar"].rsplit("/", 1)[1])
    rollen = []
    async with UnitOfWork(app.state.sessionmaker) as uow:
        for z in (zaak, andere):
            rol = zrc.Rol(
                rsin=z.bronorganisatie,
                zaak_id=z.id,
                betrokkene_type="medewerker",
                roltype_id=roltype,
                omschrijving="Klachtbehandelaar",
                omschrijving_generiek="behandelaar",
            )
            uow.session.add(rol)
            rollen.append(rol)
    eigen, vreemd = (f"{BASE}/rollen/{rol.id}" for rol in rollen)
    r = await api.post("/statussen", status_body(zaak, klacht.statustypen[0], gezetdoor=vreemd))
    assert r.status_code == 400, r.text
    assert [(p["name"], p["code"]) for p in r.json()["invalidParams"]] == [("gezetdoor", "zaak-mismatch")]
    r = await api.post("/statussen", status_body(zaak, klacht.statustypen[0], gezetdoor=eigen))
    assert r.status_code == 201, r.text
    validate_response(SPEC, r)
    assert r.json()["gezetdoor"] == eigen


async def test_zaakinformatieobjecten_registered_at_a_status_are_listed(
    api: Api, app: FastAPI, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = await insert_zaak(app, klacht)
    status = await set_status(api, zaak, klacht.statustypen[0])
    async with UnitOfWork(app.state.sessionmaker) as uow:
        zio = zrc.ZaakInformatieObject(
            rsin=zaak.bronorganisatie,
            zaak_id=zaak.id,
            informatieobject="http://testserver/documenten/api/v1/enkelvoudiginformatieobjecten/1",
            status_id=uuid.UUID(status["uuid"]),
        )
        uow.session.add(zio)
    r = await api.get(status["url"])
    assert r.json()["zaakinformatieobjecten"] == [f"{BASE}/zaakinformatieobjecten/{zio.id}"]
    validate_response(SPEC, r)


async def test_a_backdated_status_is_history_and_not_the_zaaks_status(
    api: Api, app: FastAPI, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = await insert_zaak(app, klacht)
    later = await set_status(api, zaak, klacht.statustypen[1], "2026-11-05T10:00:00Z")
    eerder = await set_status(api, zaak, klacht.statustypen[0], "2026-11-04T10:00:00Z")
    assert eerder["indicatieLaatstGezetteStatus"] is False
    assert (await get_zaak(api, zaak))["status"] == later["url"]
    r = await api.get("/statussen", params={"zaak": zaak_url(zaak), "indicatieLaatstGezetteStatus": "true"})
    assert [s["url"] for s in r.json()["results"]] == [later["url"]]
    r = await api.get("/statussen", params={"zaak": zaak_url(zaak), "indicatieLaatstGezetteStatus": "false"})
    assert [s["url"] for s in r.json()["results"]] == [eerder["url"]]
    # An eindstatus dated before the current status does not close the zaak.
    await set_resultaat(api, zaak, klacht.resultaattypen[0])
    await set_status(api, zaak, klacht.statustypen[-1], "2026-11-01T10:00:00Z")
    assert (await get_zaak(api, zaak))["einddatum"] is None


async def test_zrc_007_eindstatus_without_resultaat_is_refused(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = await insert_zaak(app, klacht)
    r = await api.post("/statussen", status_body(zaak, klacht.statustypen[-1]))
    assert r.status_code == 400, r.text
    validate_response(SPEC, r)
    assert [(p["name"], p["code"]) for p in r.json()["invalidParams"]] == [("statustype", "resultaat-does-not-exist")]
    assert await count(app, zrc.Status) == 0
    assert (await get_zaak(api, zaak))["einddatum"] is None


async def test_zrc_007_eindstatus_closes_the_zaak_on_the_dutch_date(
    api: Api, app: FastAPI, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = await insert_zaak(app, klacht)
    await set_status(api, zaak, klacht.statustypen[0])
    # 23:30 UTC on 20 November is 00:30 on 21 November in the Netherlands.
    eind = await close(api, zaak, klacht, "2026-11-20T23:30:00Z")
    data = await get_zaak(api, zaak)
    assert data["status"] == eind["url"]
    assert data["einddatum"] == "2026-11-21"
    assert data["archiefnominatie"] == "vernietigen"
    assert data["archiefactiedatum"] is not None


async def test_zrc_007_closed_zaak_changes_only_with_geforceerd_bijwerken(
    app: FastAPI, client: httpx.AsyncClient, api: Api, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = await insert_zaak(app, klacht)
    await close(api, zaak, klacht)
    gewoon = await client_with(
        app,
        client,
        "zrc-gewoon",
        [zrc_rechten("zaken.lezen", "zaken.bijwerken", "zaken.statussen.toevoegen", zaaktype=klacht.url)],
    )
    r = await gewoon.post("/statussen", status_body(zaak, klacht.statustypen[-1], "2026-11-21T10:00:00Z"))
    assert r.status_code == 403, r.text
    validate_response(SPEC, r)
    geforceerd = await client_with(
        app, client, "zrc-geforceerd", [zrc_rechten("zaken.geforceerd-bijwerken", zaaktype=klacht.url)]
    )
    r = await geforceerd.post("/statussen", status_body(zaak, klacht.statustypen[-1], "2026-11-21T10:00:00Z"))
    assert r.status_code == 201, r.text
    assert (await get_zaak(api, zaak))["einddatum"] == "2026-11-21"


async def test_zrc_008_reopening_needs_heropenen_and_clears_the_closing(
    app: FastAPI, client: httpx.AsyncClient, api: Api, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = await insert_zaak(app, klacht)
    await close(api, zaak, klacht)
    gesloten = await get_zaak(api, zaak)
    assert gesloten["einddatum"] and gesloten["archiefactiedatum"] and gesloten["startdatumBewaartermijn"]
    body = status_body(zaak, klacht.statustypen[1], "2026-11-25T10:00:00Z")
    zonder = await client_with(
        app,
        client,
        "zrc-zonder-heropenen",
        [
            zrc_rechten(
                "zaken.statussen.toevoegen", "zaken.bijwerken", "zaken.geforceerd-bijwerken", zaaktype=klacht.url
            )
        ],
    )
    assert (await zonder.post("/statussen", body)).status_code == 403
    heropenaar = await client_with(app, client, "zrc-heropenen", [zrc_rechten("zaken.heropenen", zaaktype=klacht.url)])
    r = await heropenaar.post("/statussen", body)
    assert r.status_code == 201, r.text
    validate_response(SPEC, r)
    data = await get_zaak(api, zaak)
    assert data["status"] == r.json()["url"]
    assert data["einddatum"] is None
    assert data["archiefactiedatum"] is None
    assert data["archiefnominatie"] is None
    assert data["startdatumBewaartermijn"] is None


async def test_statussen_scope_per_zaak_and_aanmaken_only_for_the_first(
    app: FastAPI, client: httpx.AsyncClient, catalogus: Catalogus
) -> None:
    klacht, bezwaar = catalogus["VBG-KLACHT"], catalogus["VBG-BEZWAAR"]
    mijn, ander = await insert_zaak(app, klacht), await insert_zaak(app, bezwaar)
    toevoeger = await client_with(
        app, client, "zrc-toevoeger", [zrc_rechten("zaken.statussen.toevoegen", zaaktype=klacht.url)]
    )
    assert (await toevoeger.post("/statussen", status_body(mijn, klacht.statustypen[0]))).status_code == 201
    r = await toevoeger.post("/statussen", status_body(ander, bezwaar.statustypen[0]))
    assert r.status_code == 403
    lezer = await client_with(app, client, "zrc-alleen-lezen", [zrc_rechten("zaken.lezen", zaaktype=klacht.url)])
    assert (await lezer.post("/statussen", status_body(mijn, klacht.statustypen[1]))).status_code == 403
    maker = await client_with(app, client, "zrc-maker", [zrc_rechten("zaken.aanmaken", zaaktype=klacht.url)])
    nieuw = await insert_zaak(app, klacht)
    assert (await maker.post("/statussen", status_body(nieuw, klacht.statustypen[0]))).status_code == 201
    r = await maker.post("/statussen", status_body(nieuw, klacht.statustypen[1], "2026-11-04T10:00:00Z"))
    assert r.status_code == 403, r.text
    assert await count(app, zrc.Status) == 2


async def test_every_status_write_is_audited_and_notified(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = await insert_zaak(app, klacht)
    await set_status(api, zaak, klacht.statustypen[0])
    await close(api, zaak, klacht)
    await set_status(api, zaak, klacht.statustypen[1], "2026-11-25T10:00:00Z")
    expected = [
        ("status", "create"),
        ("resultaat", "create"),
        ("status", "create"),
        ("zaak", "partial_update"),  # closed
        ("status", "create"),
        ("zaak", "partial_update"),  # reopened
    ]
    assert await trail(app, zaak) == expected
    assert await notificaties(app, zaak) == expected


async def test_audit_toelichting_header_is_recorded(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = await insert_zaak(app, klacht)
    r = await api.request(
        "POST", "/statussen", status_body(zaak, klacht.statustypen[0]), headers={"X-Audit-Toelichting": "Correctie"}
    )
    assert r.status_code == 201, r.text
    async with app.state.db.reader.connect() as conn:
        toelichting = (await conn.execute(select(AuditTrail.toelichting))).scalar_one()
    assert toelichting == "Correctie"
