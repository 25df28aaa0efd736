"""The business rules of a besluit, each by its code: brc-001 (besluittype), brc-002 (identificatie), brc-006 (the
zaakbesluit mirror, also when the zaak changes) and brc-007 (besluittype of the zaak's zaaktype)."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid

import httpx
import pytest
from fastapi import FastAPI
from pydantic import ValidationError
from sqlalchemy import select

from tests.besluiten.conftest import (
    BEZWAAR,
    KAPPEN,
    SPEC,
    Api,
    Catalogus,
    audit,
    besluit_body,
    besluittype_url,
    brc_rechten,
    client_with,
    codes,
    insert_zaak,
    messages,
    rows,
    zaak_url,
)
from tests.contract.openapi import validate_response
from tests.zaken.conftest import zrc_rechten
from zaakwerk.besluiten.models import Besluit
from zaakwerk.catalogi.models import BesluitType
from zaakwerk.config import Settings
from zaakwerk.core.db import Database
from zaakwerk.core.uow import UnitOfWork
from zaakwerk.zaken.models import ZaakBesluit


async def _zaakbesluiten(db: Database) -> list[tuple[uuid.UUID, str]]:
    async with db.reader.connect() as conn:
        return [(r.zaak_id, r.besluit) for r in await conn.execute(select(ZaakBesluit).order_by(ZaakBesluit.zaak_id))]


async def _concept_besluittype(app: FastAPI) -> str:
    async with UnitOfWork(app.state.sessionmaker) as uow:
        query = select(BesluitType).where(BesluitType.omschrijving == BEZWAAR)
        published = (await uow.session.execute(query)).scalar_one()
        concept = BesluitType(
            catalogus_id=published.catalogus_id, rsin=published.rsin, omschrijving="Concept",
            publicatie_indicatie=False, begin_geldigheid=dt.date(2026, 1, 1), concept=True,
        )  # fmt: skip
        uow.session.add(concept)
        await uow.session.flush()
        return f"http://testserver/catalogi/api/v1/besluittypen/{concept.id}"


async def test_brc_001_besluittype_must_exist_and_be_published(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus
) -> None:
    cases = [
        (f"http://testserver/catalogi/api/v1/besluittypen/{uuid.uuid4()}", "does_not_exist"),
        (f"https://elders.nl/catalogi/api/v1/besluittypen/{uuid.uuid4()}", "bad-url"),
        (f"http://testserver/catalogi/api/v1/zaaktypen/{catalogus['VBG-BEZWAAR'].id}", "bad-url"),
        (await _concept_besluittype(app), "not-published"),
        ("geen url", "invalid"),
    ]
    for url, code in cases:
        r = await api.post("/besluiten", await besluit_body(app, besluittype=url))
        assert r.status_code == 400, r.text
        validate_response(SPEC, r)
        assert codes(r) == [("besluittype", code)], url
    assert await rows(db, Besluit) == 0


async def test_brc_001_besluittype_cannot_change(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    data = await api.create("besluiten", await besluit_body(app))
    r = await api.patch(data["url"], {"besluittype": await besluittype_url(app, KAPPEN)})
    assert r.status_code == 400
    assert codes(r) == [("besluittype", "wijzigen-niet-toegelaten")]
    assert (await api.get(data["url"])).json() == data


async def test_brc_002_identificatie_unique_per_organisatie_and_generated(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus
) -> None:
    await api.create("besluiten", await besluit_body(app, identificatie="BOB-1"))
    r = await api.post("/besluiten", await besluit_body(app, identificatie="BOB-1"))
    assert r.status_code == 400 and codes(r) == [("identificatie", "identificatie-niet-uniek")]
    # The same identificatie at another organisation is another besluit.
    elders = await besluit_body(app, identificatie="BOB-1", verantwoordelijkeOrganisatie="002220647")
    await api.create("besluiten", elders)
    jaar = dt.date.today().year
    generated = [(await api.create("besluiten", await besluit_body(app)))["identificatie"] for _ in range(2)]
    assert generated == [f"BESLUIT-{jaar}-0000000001", f"BESLUIT-{jaar}-0000000002"]
    # A number a client took by hand is skipped.
    await api.create("besluiten", await besluit_body(app, identificatie=f"BESLUIT-{jaar}-0000000003"))
    assert (await api.create("besluiten", await besluit_body(app)))["identificatie"] == f"BESLUIT-{jaar}-0000000004"
    assert await rows(db, Besluit) == 6


async def test_brc_002_concurrent_creates_get_distinct_identificaties(
    api: Api, app: FastAPI, catalogus: Catalogus
) -> None:
    body = await besluit_body(app)
    responses = await asyncio.gather(*(api.post("/besluiten", body) for _ in range(12)))
    assert [r.status_code for r in responses] == [201] * 12
    jaar = dt.date.today().year
    assert sorted(r.json()["identificatie"] for r in responses) == [f"BESLUIT-{jaar}-{n:010d}" for n in range(1, 13)]


async def test_brc_002_identificatie_pattern_is_a_setting(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    settings = app.state.settings
    patroon = "{rsin}-B{jaar}-{volgnummer:03d}"
    app.state.settings = settings.model_copy(update={"besluit_identificatie_patroon": patroon})
    try:
        data = await api.create("besluiten", await besluit_body(app))
    finally:
        app.state.settings = settings
    assert data["identificatie"] == f"812345678-B{dt.date.today().year}-001"


async def test_brc_002_identificatie_and_organisatie_cannot_change(
    api: Api, app: FastAPI, catalogus: Catalogus
) -> None:
    data = await api.create("besluiten", await besluit_body(app))
    r = await api.patch(data["url"], {"identificatie": "ANDERS", "verantwoordelijkeOrganisatie": "002220647"})
    assert r.status_code == 400
    assert codes(r) == [
        ("identificatie", "wijzigen-niet-toegelaten"),
        ("verantwoordelijkeOrganisatie", "wijzigen-niet-toegelaten"),
    ]
    # A PUT without identificatie keeps it.
    body = await besluit_body(app, toelichting="x")
    assert (await api.put(data["url"], body)).json()["identificatie"] == data["identificatie"]


async def test_brc_006_the_zaakbesluit_mirror_follows_the_besluit(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus
) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-BEZWAAR"])
    other = await insert_zaak(app, catalogus["VBG-BEZWAAR"])
    data = await api.create("besluiten", await besluit_body(app, zaak=zaak_url(zaak)))
    assert data["zaak"] == zaak_url(zaak)
    assert await _zaakbesluiten(db) == [(zaak.id, data["url"])]
    # The Zaken API shows it and recorded it as its own write.
    listed = (await api.get(f"{zaak_url(zaak)}/besluiten")).json()
    assert [x["besluit"] for x in listed] == [data["url"]]
    assert [(m["resource"], m["actie"]) for m in await messages(db, "zaken")] == [("zaakbesluit", "create")]
    assert [a.resource for a in await audit(db, "zrc")] == ["zaakbesluit"]

    # The zaak of a besluit cannot change (moving or removing it is refused, the mirror stays).
    for zaak_waarde in (zaak_url(other), None):
        r = await api.patch(data["url"], {"zaak": zaak_waarde})
        assert r.status_code == 400, r.text
        assert codes(r) == [("zaak", "wijzigen-niet-toegelaten")]
    assert await _zaakbesluiten(db) == [(zaak.id, data["url"])]
    assert (await api.patch(data["url"], {"toelichting": "anders"})).status_code == 200
    # Destroying the besluit removes it.
    assert (await api.delete(data["url"])).status_code == 204
    assert await _zaakbesluiten(db) == []
    assert [m["actie"] for m in await messages(db, "zaken")] == ["create", "destroy"]


async def test_brc_006_zaak_must_be_local_existing_and_readable(
    api: Api, app: FastAPI, client: httpx.AsyncClient, db: Database, catalogus: Catalogus
) -> None:
    bezwaar = catalogus["VBG-BEZWAAR"]
    cases = [
        (f"https://elders.nl/zaken/api/v1/zaken/{uuid.uuid4()}", "bad-url"),
        (zaak_url(uuid.uuid4()), "does_not_exist"),
    ]
    for url, code in cases:
        r = await api.post("/besluiten", await besluit_body(app, zaak=url))
        assert r.status_code == 400 and codes(r) == [("zaak", code)], url
    assert await rows(db, Besluit) == 0 and await _zaakbesluiten(db) == []
    # A client without read rights on the zaak may not link a besluit to it.
    geheim = await insert_zaak(app, bezwaar, vertrouwelijkheidaanduiding="geheim")
    beide = await client_with(
        app,
        client,
        "brc-en-zrc",
        [
            brc_rechten("besluiten.aanmaken", besluittype=await besluittype_url(app)),
            zrc_rechten("zaken.lezen", zaaktype=bezwaar.url, max_vertrouwelijkheid="intern"),
        ],
    )
    r = await beide.post("/besluiten", await besluit_body(app, zaak=zaak_url(geheim)))
    assert r.status_code == 403, r.text
    assert await rows(db, Besluit) == 0
    gewoon = await insert_zaak(app, bezwaar)
    assert (await beide.post("/besluiten", await besluit_body(app, zaak=zaak_url(gewoon)))).status_code == 201


async def test_brc_007_besluittype_must_belong_to_the_zaaktype(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus
) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-BEZWAAR"])
    r = await api.post("/besluiten", await besluit_body(app, KAPPEN, zaak=zaak_url(zaak)))
    assert r.status_code == 400
    validate_response(SPEC, r)
    assert codes(r) == [("besluittype", "zaaktype-mismatch")]
    assert await rows(db, Besluit) == 0 and await _zaakbesluiten(db) == []
    # A besluit without a zaak cannot be given one later (brc-006), whatever its type.
    kap = await api.create("besluiten", await besluit_body(app, KAPPEN))
    r = await api.patch(kap["url"], {"zaak": zaak_url(zaak)})
    assert codes(r) == [("zaak", "wijzigen-niet-toegelaten")]
    assert await _zaakbesluiten(db) == []


@pytest.mark.parametrize("patroon", ["BESLUIT-{jaar}", "B-{volgnummer}-{onbekend}"])
def test_an_unusable_besluit_identificatie_pattern_stops_the_start(patroon: str) -> None:
    with pytest.raises(ValidationError, match=r"(?i)identificatiepatroon"):
        Settings(_env_file=None, besluit_identificatie_patroon=patroon)  # type: ignore[call-arg]
