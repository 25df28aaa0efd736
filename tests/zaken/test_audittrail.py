"""/zaken/{zaak_uuid}/audittrail: the zaak's history as a plain array (oldest first), one entry by uuid, and the
zaak's read rule with scope ``audittrails.lezen``."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from tests.contract.openapi import validate_response
from tests.zaken._lezen import SPEC
from tests.zaken.conftest import RSIN, Api, Catalogus, client_with, insert_zaak, zaak_url, zrc_rechten
from zaakwerk.core.uow import UnitOfWork
from zaakwerk.core.zgw.audittrail import AuditTrail, record
from zaakwerk.zaken.models import Zaak


async def _trail(app: FastAPI, zaak: Zaak, *acties: str) -> list[AuditTrail]:
    entries = []
    async with UnitOfWork(app.state.sessionmaker) as uow:
        for actie in acties:
            entries.append(
                record(
                    uow.session,
                    bron="zrc",
                    actie=actie,
                    resultaat=201 if actie == "create" else 200,
                    hoofd_object=zaak_url(zaak),
                    resource="zaak",
                    resource_url=zaak_url(zaak),
                    resource_weergave=zaak.identificatie,
                    oud=None if actie == "create" else {"omschrijving": "oud"},
                    nieuw={"omschrijving": "nieuw"},
                    rsin=RSIN,
                )
            )
    return entries


async def test_list_is_the_zaaks_trail_oldest_first(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    other = await insert_zaak(app, catalogus["VBG-KLACHT"])
    made = await _trail(app, zaak, "create", "partial_update")
    await _trail(app, other, "create")
    r = await api.get(f"{zaak_url(zaak)}/audittrail")
    assert r.status_code == 200, r.text
    validate_response(SPEC, r)
    data = r.json()
    assert isinstance(data, list)
    assert [e["uuid"] for e in data] == [str(e.uuid) for e in made]
    assert data[0]["actie"] == "create"
    assert data[0]["wijzigingen"] == {"nieuw": {"omschrijving": "nieuw"}}
    assert data[1]["wijzigingen"]["oud"] == {"omschrijving": "oud"}


async def test_detail_of_one_entry(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    other = await insert_zaak(app, catalogus["VBG-KLACHT"])
    (entry,) = await _trail(app, zaak, "create")
    r = await api.get(f"{zaak_url(zaak)}/audittrail/{entry.uuid}")
    assert r.status_code == 200, r.text
    validate_response(SPEC, r)
    assert r.json()["hoofdObject"] == zaak_url(zaak)
    assert r.headers["ETag"]
    # An entry is only found below its own zaak.
    assert (await api.get(f"{zaak_url(other)}/audittrail/{entry.uuid}")).status_code == 404
    assert (await api.get(f"{zaak_url(zaak)}/audittrail/{other.id}")).status_code == 404


async def test_unknown_zaak_is_404(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    r = await api.get("/zaken/00000000-0000-4000-8000-000000000000/audittrail")
    assert r.status_code == 404


async def test_needs_audittrails_lezen_for_the_zaaktype_and_vertrouwelijkheid(
    app: FastAPI, client: httpx.AsyncClient, catalogus: Catalogus
) -> None:
    klacht, bezwaar = catalogus["VBG-KLACHT"], catalogus["VBG-BEZWAAR"]
    zaak = await insert_zaak(app, klacht, vertrouwelijkheidaanduiding="intern")
    (entry,) = await _trail(app, zaak, "create")
    only_zaken = await client_with(app, client, "zrc-zaken", [zrc_rechten("zaken.lezen", zaaktype=klacht.url)])
    assert (await only_zaken.get(f"{zaak_url(zaak)}/audittrail")).status_code == 403
    right = zrc_rechten("audittrails.lezen", zaaktype=klacht.url, max_vertrouwelijkheid="intern")
    reader = await client_with(app, client, "zrc-audit", [right])
    assert (await reader.get(f"{zaak_url(zaak)}/audittrail")).status_code == 200
    assert (await reader.get(f"{zaak_url(zaak)}/audittrail/{entry.uuid}")).status_code == 200
    low = zrc_rechten("audittrails.lezen", zaaktype=klacht.url, max_vertrouwelijkheid="openbaar")
    too_low = await client_with(app, client, "zrc-audit-laag", [low])
    assert (await too_low.get(f"{zaak_url(zaak)}/audittrail")).status_code == 403
    assert (await too_low.get(f"{zaak_url(zaak)}/audittrail/{entry.uuid}")).status_code == 403
    other = zrc_rechten("audittrails.lezen", zaaktype=bezwaar.url)
    other_type = await client_with(app, client, "zrc-audit-ander", [other])
    r = await other_type.get(f"{zaak_url(zaak)}/audittrail")
    assert r.status_code == 403
    validate_response(SPEC, r)
