"""The client's ``X-Audit-Toelichting`` reaches the audit trail of every kind of write below a zaak."""

from __future__ import annotations

from fastapi import FastAPI
from sqlalchemy import select

from tests.zaken.conftest import Api, Catalogus, insert_zaak
from tests.zaken.test_rollen import rol_body
from zaakwerk.core.zgw.audittrail import AuditTrail

HEADER = {"X-Audit-Toelichting": "Rol toegevoegd na telefonisch contact"}


async def _toelichtingen(app: FastAPI, resource_url: str) -> list[tuple[str, str]]:
    async with app.state.db.reader.connect() as conn:
        rows = await conn.execute(
            select(AuditTrail.actie, AuditTrail.toelichting)
            .where(AuditTrail.resource_url == resource_url)
            .order_by(AuditTrail.id)
        )
        return [(r.actie, r.toelichting) for r in rows]


async def test_rol_create_and_delete_carry_the_clients_toelichting(
    api: Api, app: FastAPI, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = await insert_zaak(app, klacht)
    r = await api.request("POST", "/rollen", rol_body(zaak, klacht), headers=HEADER)
    assert r.status_code == 201, r.text
    url = r.json()["url"]
    r = await api.request("DELETE", url, headers={"X-Audit-Toelichting": "Dubbel geregistreerd"})
    assert r.status_code == 204, r.text
    assert await _toelichtingen(app, url) == [
        ("create", "Rol toegevoegd na telefonisch contact"),
        ("destroy", "Dubbel geregistreerd"),
    ]


async def test_without_the_header_the_toelichting_stays_empty(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = await insert_zaak(app, klacht)
    r = await api.post("/rollen", rol_body(zaak, klacht))
    assert r.status_code == 201, r.text
    assert await _toelichtingen(app, r.json()["url"]) == [("create", "")]
