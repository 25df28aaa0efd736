"""The audit trail: rows land with the change or not at all, and a hoofdObject's trail renders exactly as the
Zaken API 1.7.0 ``AuditTrail`` schema (checked by serving it from a test component and validating the response)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import Response

from tests.contract.openapi import validate_response
from zaakwerk.app import create_app
from zaakwerk.config import Settings
from zaakwerk.core import clock
from zaakwerk.core.db import Database
from zaakwerk.core.errors import not_found
from zaakwerk.core.uow import UnitOfWork, make_sessionmaker
from zaakwerk.core.zgw.audittrail import get_trail_entry, list_trail, record
from zaakwerk.core.zgw.component import Component
from zaakwerk.core.zgw.http import reader
from zaakwerk.core.zgw.responses import json_response

BASE = "http://testserver/zaken/api/v1"
ZAAK = uuid.UUID("5b1d1c3e-8f0a-4a57-9a57-0c1c4c5b2a11")
ANDERE_ZAAK = uuid.UUID("0c7f1e2d-3b4a-4c5d-8e9f-a0b1c2d3e4f5")


def zaak_url(id_: uuid.UUID) -> str:
    return f"{BASE}/zaken/{id_}"


def _component() -> Component:
    comp = Component("proefzaken", "/proefzaken/api/v1", "1.7.0", "zaken-api-1.7.0.yaml")

    @comp.router.get("/zaken/{zaak_uuid}/audittrail")
    async def trail(request: Request, zaak_uuid: uuid.UUID) -> Response:
        async with reader(request).connect() as conn:
            return json_response(await list_trail(conn, zaak_uuid))

    @comp.router.get("/zaken/{zaak_uuid}/audittrail/{entry}")
    async def entry(request: Request, zaak_uuid: uuid.UUID, entry: uuid.UUID) -> Response:
        async with reader(request).connect() as conn:
            found = await get_trail_entry(conn, zaak_uuid, entry)
        if found is None:
            raise not_found()
        return json_response(found)

    return comp


@pytest.fixture
async def proef_client(settings: Settings, db: Database) -> AsyncIterator[tuple[httpx.AsyncClient, Database]]:
    # Depends on ``db`` so the standard app fixture empties the database afterwards.
    application: FastAPI = create_app(settings, extra=[_component()])
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            yield c, application.state.db


def uow(db: Database) -> UnitOfWork:
    return UnitOfWork(make_sessionmaker(db.writer))


def write_history(u: UnitOfWork, zaak: uuid.UUID) -> None:
    url = zaak_url(zaak)
    record(
        u.session,
        bron="zrc",
        actie="create",
        resultaat=201,
        hoofd_object=url,
        resource="zaak",
        resource_url=url,
        resource_weergave="ZAAK-2024-0000000001",
        nieuw={"url": url, "omschrijving": "Kapvergunning"},
        applicatie_id="werkplek",
        applicatie_weergave="Zaakwerk werkplek",
        gebruikers_id="j.jansen",
        gebruikers_weergave="Jan Jansen",
        rsin="002220647",
    )
    status_url = f"{BASE}/statussen/{uuid.uuid4()}"
    record(
        u.session,
        bron="zrc",
        actie="create",
        resultaat=201,
        hoofd_object=url,
        resource="status",
        resource_url=status_url,
        resource_weergave="Intake afgerond",
        nieuw={"url": status_url},
        toelichting="Aanvraag is compleet.",
    )
    record(
        u.session,
        bron="zrc",
        actie="partial_update",
        resultaat=200,
        hoofd_object=url,
        resource="zaak",
        resource_url=url,
        resource_weergave="ZAAK-2024-0000000001",
        oud={"url": url, "omschrijving": "Kapvergunning"},
        nieuw={"url": url, "omschrijving": "Kapvergunning Dorpsstraat 1"},
    )


async def test_trail_is_written_with_the_change_and_listed_in_order(
    proef_client: tuple[httpx.AsyncClient, Database],
) -> None:
    client, db = proef_client
    moment = dt.datetime(2024, 3, 4, 9, 15, 30, tzinfo=dt.UTC)
    clock.set_clock(lambda: moment)
    try:
        async with uow(db) as u:
            write_history(u, ZAAK)
            write_history(u, ANDERE_ZAAK)
    finally:
        clock.set_clock(None)

    response = await client.get(f"/proefzaken/api/v1/zaken/{ZAAK}/audittrail")
    assert response.status_code == 200
    validate_response("zaken-api-1.7.0.yaml", response)
    rows = response.json()
    # Same timestamp for all three: the write order decides.
    assert [(r["resource"], r["actie"]) for r in rows] == [
        ("zaak", "create"),
        ("status", "create"),
        ("zaak", "partial_update"),
    ]
    first, second, third = rows
    assert first == {
        "uuid": first["uuid"],
        "bron": "zrc",
        "applicatieId": "werkplek",
        "applicatieWeergave": "Zaakwerk werkplek",
        "gebruikersId": "j.jansen",
        "gebruikersWeergave": "Jan Jansen",
        "actie": "create",
        "actieWeergave": "Object aangemaakt",
        "resultaat": 201,
        "hoofdObject": zaak_url(ZAAK),
        "resource": "zaak",
        "resourceUrl": zaak_url(ZAAK),
        "toelichting": "",
        "resourceWeergave": "ZAAK-2024-0000000001",
        "aanmaakdatum": "2024-03-04T09:15:30Z",
        "wijzigingen": {"nieuw": {"url": zaak_url(ZAAK), "omschrijving": "Kapvergunning"}},
    }
    assert second["toelichting"] == "Aanvraag is compleet."
    assert third["actieWeergave"] == "Object deels bijgewerkt"
    assert third["wijzigingen"]["oud"]["omschrijving"] == "Kapvergunning"
    assert third["wijzigingen"]["nieuw"]["omschrijving"] == "Kapvergunning Dorpsstraat 1"

    detail = await client.get(f"/proefzaken/api/v1/zaken/{ZAAK}/audittrail/{third['uuid']}")
    assert detail.status_code == 200 and detail.json() == third
    validate_response("zaken-api-1.7.0.yaml", detail)
    # A row of another zaak is not found under this one.
    other = await client.get(f"/proefzaken/api/v1/zaken/{ANDERE_ZAAK}/audittrail/{third['uuid']}")
    assert other.status_code == 404

    empty = await client.get(f"/proefzaken/api/v1/zaken/{uuid.uuid4()}/audittrail")
    assert empty.json() == []


async def test_rolled_back_change_leaves_no_trail(db: Database) -> None:
    with pytest.raises(RuntimeError):
        async with uow(db) as u:
            write_history(u, ZAAK)
            await u.session.flush()
            raise RuntimeError("wijziging mislukt")
    async with db.reader.connect() as conn:
        assert await list_trail(conn, ZAAK) == []


async def test_listing_with_a_session_and_later_rows_after_earlier(db: Database) -> None:
    times = iter([dt.datetime(2024, 1, 1, 12, tzinfo=dt.UTC), dt.datetime(2024, 1, 1, 11, tzinfo=dt.UTC)])
    url = zaak_url(ZAAK)
    for actie in ("update", "create"):
        moment = next(times)
        clock.set_clock(lambda m=moment: m)  # type: ignore[misc]
        try:
            async with uow(db) as u:
                record(
                    u.session,
                    bron="zrc",
                    actie=actie,
                    resultaat=200,
                    hoofd_object=url,
                    resource="zaak",
                    resource_url=url,
                )
        finally:
            clock.set_clock(None)
    async with uow(db) as u:
        rows = await list_trail(u.session, ZAAK)
    # Ordered by aanmaakdatum, not by insertion.
    assert [r["actie"] for r in rows] == ["create", "update"]
    assert [r["aanmaakdatum"] for r in rows] == ["2024-01-01T11:00:00Z", "2024-01-01T12:00:00Z"]


async def test_record_checks_and_fits_its_input(db: Database) -> None:
    url = zaak_url(ZAAK)
    async with uow(db) as u:
        with pytest.raises(ValueError, match="bron"):
            record(
                u.session,
                bron="xyz",
                actie="create",
                resultaat=201,
                hoofd_object=url,
                resource="zaak",
                resource_url=url,
            )
        with pytest.raises(ValueError, match="HTTP-statuscode"):
            record(
                u.session, bron="zrc", actie="create", resultaat=42, hoofd_object=url, resource="zaak", resource_url=url
            )
        with pytest.raises(ValueError, match="uuid"):
            record(
                u.session,
                bron="zrc",
                actie="create",
                resultaat=201,
                hoofd_object="http://x/zaken",
                resource="zaak",
                resource_url=url,
            )
        entry = record(
            u.session,
            bron="drc",
            actie="create",
            resultaat=201,
            hoofd_object=url,
            resource="zaak",
            resource_url=url,
            resource_weergave="x" * 500,
            actie_weergave="Eigen actie",
        )
        assert entry.hoofd_object_uuid == ZAAK
        assert len(entry.resource_weergave) == 200 and entry.actie_weergave == "Eigen actie"
    async with db.reader.connect() as conn:
        [row] = await list_trail(conn, ZAAK)
    assert row["bron"] == "drc" and row["wijzigingen"] == {}
