"""/zaken/{zaak_uuid}/besluiten: the zaak side of a besluit, with the Besluiten API faked through ``koppelvlak``
(the real one comes with the Besluiten component). The besluit must exist, belong to this zaak and have a
besluittype of the zaaktype (brc-007 seen from the zaak); without a Besluiten API a link is refused."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tests.contract.openapi import validate_response
from tests.zaken._overig import SPEC, audit, codes, messages, nothing_written, rows, statements_stay_fixed
from tests.zaken.conftest import HOST, Api, Catalogus, client_with, insert_zaak, zaak_url, zrc_rechten
from zaakwerk.catalogi.models import BesluitType
from zaakwerk.core.db import Database
from zaakwerk.zaken import koppelvlak
from zaakwerk.zaken.models import Zaak, ZaakBesluit

BRC = f"{HOST}/besluiten/api/v1/besluiten"


class FakeBesluiten:
    def __init__(self) -> None:
        self.besluiten: dict[str, koppelvlak.Besluit] = {}

    def add(self, besluittype: str, zaak: str | None) -> str:
        url = f"{BRC}/{uuid.uuid4()}"
        self.besluiten[url] = koppelvlak.Besluit(url=url, besluittype=besluittype, zaak=zaak)
        return url

    async def besluit(self, session: AsyncSession, url: str) -> koppelvlak.Besluit | None:
        return self.besluiten.get(url)


@pytest.fixture
def zonder_brc() -> Iterator[None]:
    """As an installation without the Besluiten component."""
    previous = koppelvlak.registreer_besluiten(None)
    yield
    koppelvlak.registreer_besluiten(previous)


@pytest.fixture
def brc() -> Iterator[FakeBesluiten]:
    fake = FakeBesluiten()
    previous = koppelvlak.registreer_besluiten(fake)
    yield fake
    koppelvlak.registreer_besluiten(previous)


async def besluittype_url(app: FastAPI, omschrijving: str = "Beslissing op bezwaar") -> str:
    async with app.state.db.reader.connect() as conn:
        query = select(BesluitType.id).where(BesluitType.omschrijving == omschrijving)
        return f"{HOST}/catalogi/api/v1/besluittypen/{(await conn.execute(query)).scalar_one()}"


async def bezwaar_besluit(app: FastAPI, brc: FakeBesluiten, zaak: Zaak) -> str:
    return brc.add(await besluittype_url(app), zaak_url(zaak))


async def test_create_list_detail_delete(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus, brc: FakeBesluiten
) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-BEZWAAR"])
    besluit = await bezwaar_besluit(app, brc, zaak)
    r = await api.post(f"{zaak_url(zaak)}/besluiten", {"besluit": besluit})
    assert r.status_code == 201, r.text
    validate_response(SPEC, r)
    data = r.json()
    assert data["besluit"] == besluit and data["url"].startswith(f"{zaak_url(zaak)}/besluiten/")
    got = await api.get(data["url"])
    validate_response(SPEC, got)
    assert got.json() == data
    assert (await api.get(data["url"], headers={"If-None-Match": got.headers["ETag"]})).status_code == 304
    listed = await api.get(f"{zaak_url(zaak)}/besluiten")
    validate_response(SPEC, listed)
    assert listed.json() == [data]

    other = await insert_zaak(app, catalogus["VBG-BEZWAAR"])
    assert (await api.get(data["url"].replace(str(zaak.id), str(other.id)))).status_code == 404
    assert (await api.delete(data["url"].replace(str(zaak.id), str(other.id)))).status_code == 404
    assert (await api.delete(data["url"])).status_code == 204
    assert (await api.get(data["url"])).status_code == 404
    assert [(m["resource"], m["actie"], m["resourceUrl"]) for m in await messages(db)] == [
        ("zaakbesluit", "create", data["url"]),
        ("zaakbesluit", "destroy", data["url"]),
    ]
    assert (await audit(db))[-1].oud == data


async def test_without_a_besluiten_api_a_link_is_refused(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus, zonder_brc: None
) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-BEZWAAR"])
    r = await api.post(f"{zaak_url(zaak)}/besluiten", {"besluit": f"{BRC}/{uuid.uuid4()}"})
    assert r.status_code == 400
    validate_response(SPEC, r)
    [param] = r.json()["invalidParams"]
    assert (param["name"], param["code"]) == ("besluit", "geen-besluiten-api")
    assert "geen Besluiten API" in param["reason"]
    assert await nothing_written(db, ZaakBesluit)


async def test_besluit_must_exist_belong_to_the_zaak_and_be_linked_once(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus, brc: FakeBesluiten
) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-BEZWAAR"])
    other = await insert_zaak(app, catalogus["VBG-BEZWAAR"])
    linked = await bezwaar_besluit(app, brc, zaak)
    assert (await api.post(f"{zaak_url(zaak)}/besluiten", {"besluit": linked})).status_code == 201
    cases = [
        ({"besluit": f"{BRC}/{uuid.uuid4()}"}, ("besluit", "bad-url")),
        ({"besluit": await bezwaar_besluit(app, brc, other)}, ("besluit", "zaak-mismatch")),
        ({"besluit": linked}, ("nonFieldErrors", "unique")),
        ({"besluit": "geen url"}, ("besluit", "invalid")),
        ({}, ("besluit", "required")),
    ]
    for body, expected in cases:
        r = await api.post(f"{zaak_url(zaak)}/besluiten", body)
        assert r.status_code == 400, (expected, r.text)
        validate_response(SPEC, r)
        assert codes(r) == [expected]
    assert await rows(db, ZaakBesluit) == 1
    assert (await api.post(f"{zaak_url(uuid.uuid4())}/besluiten", {"besluit": linked})).status_code == 404


async def test_brc_007_besluittype_must_belong_to_the_zaaktype(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus, brc: FakeBesluiten
) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-BEZWAAR"])
    kap = brc.add(await besluittype_url(app, "Omgevingsvergunning kappen"), zaak_url(zaak))
    r = await api.post(f"{zaak_url(zaak)}/besluiten", {"besluit": kap})
    assert r.status_code == 400
    assert codes(r) == [("besluit", "zaaktype-mismatch")]
    assert await nothing_written(db, ZaakBesluit)
    without_zaak = brc.add(await besluittype_url(app), None)
    assert (await api.post(f"{zaak_url(zaak)}/besluiten", {"besluit": without_zaak})).status_code == 201


async def test_access_and_zrc_007_closed_zaak(
    api: Api, app: FastAPI, client: httpx.AsyncClient, db: Database, catalogus: Catalogus, brc: FakeBesluiten
) -> None:
    bezwaar = catalogus["VBG-BEZWAAR"]
    gesloten = await insert_zaak(app, bezwaar, einddatum=dt.date(2026, 11, 20))
    geheim = await insert_zaak(app, bezwaar, vertrouwelijkheidaanduiding="geheim")
    hidden = (
        await api.post(f"{zaak_url(geheim)}/besluiten", {"besluit": await bezwaar_besluit(app, brc, geheim)})
    ).json()
    gewoon = await client_with(
        app,
        client,
        "gewoon",
        [zrc_rechten("zaken.bijwerken", "zaken.lezen", zaaktype=bezwaar.url, max_vertrouwelijkheid="intern")],
    )
    assert (await gewoon.get(f"{zaak_url(geheim)}/besluiten")).json() == []
    assert (await gewoon.get(hidden["url"])).status_code == 403
    assert (await gewoon.delete(hidden["url"])).status_code == 403
    body = {"besluit": await bezwaar_besluit(app, brc, gesloten)}
    assert (await gewoon.post(f"{zaak_url(gesloten)}/besluiten", body)).status_code == 403
    assert await rows(db, ZaakBesluit) == 1
    geforceerd = await client_with(
        app, client, "forceer", [zrc_rechten("zaken.geforceerd-bijwerken", zaaktype=bezwaar.url)]
    )
    assert (await geforceerd.post(f"{zaak_url(gesloten)}/besluiten", body)).status_code == 201


async def test_list_query_count_does_not_grow(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus, brc: FakeBesluiten
) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-BEZWAAR"])

    async def grow(n: int) -> None:
        for _ in range(n):
            body = {"besluit": await bezwaar_besluit(app, brc, zaak)}
            assert (await api.post(f"{zaak_url(zaak)}/besluiten", body)).status_code == 201

    await statements_stay_fixed(api, db, f"{zaak_url(zaak)}/besluiten", grow)
