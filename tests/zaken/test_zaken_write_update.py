"""PUT/PATCH/DELETE /zaken/{uuid}: immutable fields, closed zaken (zrc-007), the zaak rules on update (zrc-002,
011, 013, 014), opschorting through the deadline service, and destruction with everything below (zrc-023)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select

from tests.contract.openapi import validate_response
from tests.zaken.conftest import Api, Catalogus, ZaakType, client_with, insert_zaak, zaak_body, zaak_url, zrc_rechten
from zaakwerk.core.jobs.models import Job
from zaakwerk.core.jobs.outbox import NOTIFICATIE
from zaakwerk.core.uow import UnitOfWork
from zaakwerk.core.zgw.audittrail import AuditTrail
from zaakwerk.zaken.models import ZaakBesluit

SPEC = "zaken-api-1.7.0.yaml"
OTHER_RSIN = "002220647"


async def create(api: Api, zaaktype: ZaakType, **over: Any) -> dict[str, Any]:
    r = await api.request("POST", "/zaken", zaak_body(zaaktype, **over))
    assert r.status_code == 201, r.text
    data: dict[str, Any] = r.json()
    return data


def codes(r: httpx.Response) -> dict[str, str]:
    assert r.status_code == 400, r.text
    validate_response(SPEC, r)
    return {p["name"]: p["code"] for p in r.json()["invalidParams"]}


async def zaak_notifications(app: FastAPI) -> list[tuple[str, str]]:
    async with app.state.db.reader.connect() as conn:
        rows = (await conn.execute(select(Job.payload).where(Job.kind == NOTIFICATIE).order_by(Job.id))).scalars()
        return [(p["actie"], p["resourceUrl"]) for p in rows if p["kanaal"] == "zaken"]


async def test_put_of_the_get_body_is_accepted_and_audited(app: FastAPI, api: Api, catalogus: Catalogus) -> None:
    zaak = await create(api, catalogus["VBG-KLACHT"])
    r = await api.put(zaak["url"], {**zaak, "omschrijving": "Nieuw"})
    assert r.status_code == 200, r.text
    validate_response(SPEC, r)
    assert r.json() == {**zaak, "omschrijving": "Nieuw"}
    async with app.state.db.reader.connect() as conn:
        trail = (await conn.execute(select(AuditTrail).order_by(AuditTrail.id))).all()
    assert [t.actie for t in trail] == ["create", "update"]
    assert trail[1].oud == zaak
    assert trail[1].nieuw == r.json()
    assert await zaak_notifications(app) == [("create", zaak["url"]), ("update", zaak["url"])]


async def test_patch_changes_only_what_is_sent(app: FastAPI, api: Api, catalogus: Catalogus) -> None:
    zaak = await create(api, catalogus["VBG-KLACHT"], toelichting="Oud")
    r = await api.patch(zaak["url"], {"omschrijving": "Anders", "kenmerken": [{"kenmerk": "K1", "bron": "CRM"}]})
    assert r.status_code == 200, r.text
    validate_response(SPEC, r)
    assert r.json() == {**zaak, "omschrijving": "Anders", "kenmerken": [{"kenmerk": "K1", "bron": "CRM"}]}
    assert (await zaak_notifications(app))[-1] == ("partial_update", zaak["url"])
    assert codes(await api.patch(zaak["url"], {"startdatum": "gisteren"})) == {"startdatum": "invalid"}
    assert (await api.get(zaak["url"])).json() == r.json()
    assert (await api.patch(zaak_url(uuid.uuid4()), {})).status_code == 404


async def test_zaaktype_and_identificatie_cannot_be_changed(api: Api, catalogus: Catalogus) -> None:
    zaak = await create(api, catalogus["VBG-KLACHT"])
    r = await api.patch(zaak["url"], {"zaaktype": catalogus["VBG-MOR"].url, "identificatie": "ANDERS"})
    assert codes(r) == {"zaaktype": "wijzigen-niet-toegelaten", "identificatie": "wijzigen-niet-toegelaten"}
    put = {k: v for k, v in zaak.items() if k != "identificatie"}
    assert (await api.put(zaak["url"], put)).json()["identificatie"] == zaak["identificatie"]


async def test_zrc_002_a_new_bronorganisatie_needs_the_identificatie_free_there(api: Api, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = await create(api, klacht, identificatie="Z-1")
    await create(api, klacht, identificatie="Z-1", bronorganisatie=OTHER_RSIN)
    r = await api.patch(zaak["url"], {"bronorganisatie": OTHER_RSIN})
    assert codes(r) == {"identificatie": "identificatie-niet-uniek"}
    moved = await create(api, klacht, identificatie="Z-2")
    r = await api.patch(moved["url"], {"bronorganisatie": OTHER_RSIN})
    assert r.status_code == 200, r.text
    again = await api.request("POST", "/zaken", zaak_body(klacht, identificatie="Z-2", bronorganisatie=OTHER_RSIN))
    assert codes(again) == {"identificatie": "identificatie-niet-uniek"}


async def test_zrc_007_a_closed_zaak_needs_geforceerd_bijwerken(
    app: FastAPI, client: httpx.AsyncClient, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    open_zaak = await insert_zaak(app, klacht)
    closed = await insert_zaak(app, klacht, einddatum=dt.date(2026, 12, 1))
    rechten = {"zaaktype": klacht.url, "max_vertrouwelijkheid": "zeer_geheim"}
    bijwerker = await client_with(app, client, "zrc-bij", [zrc_rechten("zaken.bijwerken", "zaken.lezen", **rechten)])
    forceer = await client_with(
        app, client, "zrc-forceer", [zrc_rechten("zaken.geforceerd-bijwerken", "zaken.lezen", **rechten)]
    )
    assert (await bijwerker.patch(zaak_url(open_zaak), {"omschrijving": "a"})).status_code == 200
    assert (await bijwerker.patch(zaak_url(closed), {"omschrijving": "b"})).status_code == 403
    assert (await forceer.patch(zaak_url(closed), {"omschrijving": "c"})).json()["omschrijving"] == "c"
    lezer = await client_with(app, client, "zrc-lezer", [zrc_rechten("zaken.lezen", **rechten)])
    assert (await lezer.patch(zaak_url(open_zaak), {"omschrijving": "d"})).status_code == 403
    assert (await lezer.delete(zaak_url(open_zaak))).status_code == 403


async def test_zrc_013_a_zaak_is_no_deelzaak_of_itself_nor_of_a_deelzaak(
    app: FastAPI, api: Api, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    hoofd = await create(api, klacht)
    deel = await create(api, klacht, hoofdzaak=hoofd["url"])
    assert codes(await api.patch(hoofd["url"], {"hoofdzaak": hoofd["url"]})) == {"hoofdzaak": "self-forbidden"}
    other = await create(api, klacht)
    assert codes(await api.patch(other["url"], {"hoofdzaak": deel["url"]})) == {"hoofdzaak": "deelzaak-als-hoofdzaak"}
    assert codes(await api.patch(hoofd["url"], {"hoofdzaak": other["url"]})) == {"hoofdzaak": "hoofdzaak-als-deelzaak"}
    assert (await api.patch(deel["url"], {"hoofdzaak": None})).json()["hoofdzaak"] is None


async def test_zrc_014_changing_to_nvt_clears_the_laatste_betaaldatum(api: Api, catalogus: Catalogus) -> None:
    zaak = await create(
        api, catalogus["VBG-KLACHT"], betalingsindicatie="geheel", laatsteBetaaldatum="2026-01-01T10:00:00Z"
    )
    r = await api.patch(zaak["url"], {"betalingsindicatie": "nvt"})
    assert r.status_code == 200, r.text
    assert r.json()["laatsteBetaaldatum"] is None
    sent = await api.patch(zaak["url"], {"laatsteBetaaldatum": "2026-01-02T10:00:00Z"})
    assert codes(sent) == {"laatsteBetaaldatum": "betaling-nvt"}


async def test_zrc_011_an_unchanged_relevante_zaak_is_not_checked_again(
    app: FastAPI, api: Api, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    other = await create(api, klacht)
    relatie = {"url": other["url"], "aardRelatie": "onderwerp"}
    zaak = await create(api, klacht, relevanteAndereZaken=[relatie])
    assert (await api.delete(other["url"])).status_code == 204
    assert (await api.patch(zaak["url"], {"omschrijving": "x"})).status_code == 200
    gone = {"url": other["url"], "aardRelatie": "vervolg"}
    fresh = await create(api, klacht)
    r = await api.patch(fresh["url"], {"relevanteAndereZaken": [gone]})
    assert codes(r) == {"relevanteAndereZaken.0": "does_not_exist"}


async def test_opschorting_goes_through_the_deadline_service(api: Api, catalogus: Catalogus) -> None:
    klacht, bezwaar = catalogus["VBG-KLACHT"], catalogus["VBG-BEZWAAR"]
    zaak = await create(api, bezwaar)
    r = await api.patch(zaak["url"], {"opschorting": {"indicatie": True, "reden": "Wacht op stukken"}})
    assert r.status_code == 200, r.text
    assert r.json()["opschorting"] == {"indicatie": True, "reden": "Wacht op stukken"}
    niet = await create(api, klacht)
    r = await api.patch(niet["url"], {"opschorting": {"indicatie": True, "reden": "x"}})
    assert codes(r) == {"opschorting": "opschorting-niet-mogelijk"}
    assert (await api.get(niet["url"])).json()["opschorting"] == {"indicatie": False, "reden": ""}


async def test_zrc_023_delete_removes_the_zaak_its_deelzaken_and_everything_below(
    app: FastAPI, api: Api, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    hoofd = await create(api, klacht)
    deel = await create(api, klacht, hoofdzaak=hoofd["url"])
    keep = await create(api, klacht)
    async with UnitOfWork(app.state.sessionmaker) as uow:
        uow.session.add(
            ZaakBesluit(rsin=hoofd["bronorganisatie"], zaak_id=uuid.UUID(hoofd["uuid"]), besluit="https://b.nl/1")
        )
    await api.patch(hoofd["url"], {"omschrijving": "x"})
    r = await api.delete(hoofd["url"])
    assert r.status_code == 204, r.text
    assert (await api.get(hoofd["url"])).status_code == 404
    assert (await api.get(deel["url"])).status_code == 404
    assert (await api.get(keep["url"])).status_code == 200
    async with app.state.db.reader.connect() as conn:
        assert (await conn.execute(select(func.count()).select_from(ZaakBesluit))).scalar_one() == 0
        trail = (await conn.execute(select(AuditTrail.hoofd_object, AuditTrail.actie, AuditTrail.oud))).all()
    left = sorted((h, a, o) for h, a, o in trail if h != keep["url"])
    assert left == sorted([(hoofd["url"], "destroy", None), (deel["url"], "destroy", None)])
    destroyed = [url for actie, url in await zaak_notifications(app) if actie == "destroy"]
    assert sorted(destroyed) == sorted([hoofd["url"], deel["url"]])
    assert (await api.delete(hoofd["url"])).status_code == 404
