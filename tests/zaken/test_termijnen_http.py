"""Deadlines over the Zaken API: a zaak gets its dates from the zaaktype, and opschorting/verlenging sent with
PATCH move them once, with the explanation in the audit trail."""

from __future__ import annotations

import datetime as dt
import uuid

from fastapi import FastAPI
from sqlalchemy import select, update

from tests.contract.openapi import validate_response
from tests.zaken.conftest import Api, Catalogus, zaak_body
from zaakwerk.core import clock
from zaakwerk.core.uow import UnitOfWork
from zaakwerk.core.zgw.audittrail import AuditTrail
from zaakwerk.zaken.models import Opschorting

SPEC = "zaken-api-1.7.0.yaml"


async def test_opschorting_and_verlenging_over_http_move_the_deadlines(
    api: Api, app: FastAPI, catalogus: Catalogus
) -> None:
    r = await api.post("/zaken", zaak_body(catalogus["VBG-KAP"], startdatum="2026-03-02"))
    assert r.status_code == 201, r.text
    zaak = r.json()
    assert (zaak["einddatumGepland"], zaak["uiterlijkeEinddatumAfdoening"]) == ("2026-04-13", "2026-04-28")
    url = zaak["url"]
    zaak_id = uuid.UUID(url.rsplit("/", 1)[1])

    r = await api.patch(url, {"opschorting": {"indicatie": True, "reden": "wacht op aanvulling"}})
    assert r.status_code == 200, r.text
    assert r.json()["opschorting"] == {"indicatie": True, "reden": "wacht op aanvulling"}
    # The token only lives minutes around the real clock, so the suspension is made to have begun 12 days ago.
    async with UnitOfWork(app.state.sessionmaker) as uow:
        await uow.session.execute(
            update(Opschorting).where(Opschorting.zaak_id == zaak_id).values(begin=clock.today() - dt.timedelta(12))
        )
    r = await api.patch(url, {"opschorting": {"indicatie": False, "reden": ""}})
    assert r.status_code == 200, r.text
    validate_response(SPEC, r)
    assert (r.json()["einddatumGepland"], r.json()["uiterlijkeEinddatumAfdoening"]) == ("2026-04-28", "2026-05-11")

    r = await api.patch(url, {"verlenging": {"reden": "advies", "duur": "P2W"}})
    assert r.status_code == 200, r.text
    assert r.json()["verlenging"] == {"reden": "advies", "duur": "P2W"}
    assert r.json()["uiterlijkeEinddatumAfdoening"] == "2026-05-26"  # nominal 9 May + 14 = 23 May → after Pinksteren
    # PUT of the zaak as read changes nothing.
    body = {k: v for k, v in r.json().items() if v is not None}
    r = await api.put(url, body)
    assert r.status_code == 200, r.text
    assert r.json()["uiterlijkeEinddatumAfdoening"] == "2026-05-26"

    r = await api.patch(url, {"verlenging": {"reden": "te lang", "duur": "P7W"}})
    assert r.status_code == 400, r.text
    assert [p["name"] for p in r.json()["invalidParams"]] == ["verlenging"]

    # The explanation lands in the zaak's audit trail (read from the table: /audittrail is another module).
    async with app.state.db.reader.connect() as conn:
        toelichtingen = list(
            await conn.scalars(select(AuditTrail.toelichting).where(AuditTrail.hoofd_object_uuid == zaak_id))
        )
    assert any("termijnen 12 dagen verschoven" in t for t in toelichtingen), toelichtingen
    assert any(t.startswith("Verlengd met P14D (advies)") for t in toelichtingen), toelichtingen


async def test_a_zaak_created_suspended_opens_its_opschorting(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    opschorting = {"indicatie": True, "reden": "wacht op aanvulling"}
    r = await api.post("/zaken", zaak_body(catalogus["VBG-KAP"], opschorting=opschorting))
    assert r.status_code == 201, r.text
    assert r.json()["opschorting"] == opschorting
    zaak_id = uuid.UUID(r.json()["url"].rsplit("/", 1)[1])
    async with app.state.db.reader.connect() as conn:
        begins = list(await conn.scalars(select(Opschorting.begin).where(Opschorting.zaak_id == zaak_id)))
    assert begins == [clock.today()]

    r = await api.post("/zaken", zaak_body(catalogus["VBG-KLACHT"], opschorting=opschorting))
    assert r.status_code == 400, r.text
    assert [(p["name"], p["code"]) for p in r.json()["invalidParams"]] == [("opschorting", "opschorting-niet-mogelijk")]
