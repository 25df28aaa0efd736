"""Klantcontact identificatie unique within the organisation by a database constraint (rsin, identificatie): two
writers checking at the same moment still end with one row, and the loser gets the same 400 as from the check."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from tests.zaken.conftest import Api, Catalogus, insert_zaak, zaak_url
from tests.zaken.test_klantcontacten import body
from zaakwerk.zaken import _service_koppelingen
from zaakwerk.zaken.models import KlantContact


async def _rows(app: FastAPI, identificatie: str) -> int:
    async with app.state.db.reader.connect() as conn:
        query = select(func.count()).select_from(KlantContact).where(KlantContact.identificatie == identificatie)
        return int((await conn.execute(query)).scalar_one())


def _unique_400(r: httpx.Response) -> None:
    assert r.status_code == 400, r.text
    assert [(p["name"], p["code"]) for p in r.json()["invalidParams"]] == [("identificatie", "unique")]


async def test_concurrent_creates_with_the_same_identificatie(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    # Two zaken of one bronorganisatie: each create locks only its own zaak, so both may pass the check together.
    zaken = [await insert_zaak(app, catalogus["VBG-KLACHT"]) for _ in range(2)]
    responses = await asyncio.gather(
        *(api.post("/klantcontacten", body(zaak_url(z), identificatie="KC-GELIJK")) for z in zaken)
    )
    assert sorted(r.status_code for r in responses) == [201, 400], [r.text for r in responses]
    _unique_400(next(r for r in responses if r.status_code == 400))
    assert await _rows(app, "KC-GELIJK") == 1


async def test_the_constraint_gives_the_400_when_the_check_missed_it(
    api: Api, app: FastAPI, catalogus: Catalogus, monkeypatch: pytest.MonkeyPatch
) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    assert (await api.post("/klantcontacten", body(zaak_url(zaak), identificatie="KC-RACE"))).status_code == 201

    # As if a concurrent writer committed between the check and the insert: the check sees nothing.
    async def never_taken(*_: object) -> bool:
        return False

    monkeypatch.setattr(_service_koppelingen, "_identificatie_taken", never_taken)
    r = await api.post("/klantcontacten", body(zaak_url(zaak), identificatie="KC-RACE"))
    _unique_400(r)
    assert await _rows(app, "KC-RACE") == 1
