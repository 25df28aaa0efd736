"""Fixtures for the Zaken tests: the demo catalogue (published) as the zaaktypen, API clients with chosen rights,
and builders of valid request bodies (every test changes only what it is about)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import Table, select

from tests.catalogi.conftest import Api as _CatalogiApi
from tests.catalogi.conftest import register
from zaakwerk.autorisaties.service import AutorisatieData
from zaakwerk.catalogi import models as ztc
from zaakwerk.catalogi._context import Ctx as CatalogiCtx
from zaakwerk.catalogusbeheer.transport import import_catalogus
from zaakwerk.config import Settings
from zaakwerk.core.db import Base
from zaakwerk.core.uow import UnitOfWork
from zaakwerk.demo.loader import demo_catalogus
from zaakwerk.zaken import models as zrc

HOST = "http://testserver"
BASE = f"{HOST}/zaken/api/v1"
ZTC = f"{HOST}/catalogi/api/v1"
RSIN = "812345678"  # Gemeente Voorbeeld (demo catalogue)


@dataclass
class ZaakType:
    """One published zaaktype of the demo catalogue, with the URLs of its types (in catalogue order)."""

    id: uuid.UUID
    identificatie: str
    url: str
    doorlooptijd: str
    servicenorm: str | None
    statustypen: list[str] = field(default_factory=list)  # by volgnummer; the last is the eindstatus
    roltypen: dict[str, str] = field(default_factory=dict)  # omschrijvingGeneriek → url (first of each)
    resultaattypen: list[str] = field(default_factory=list)
    eigenschappen: dict[str, str] = field(default_factory=dict)  # naam → url


@dataclass
class Catalogus:
    zaaktypen: dict[str, ZaakType]

    def __getitem__(self, identificatie: str) -> ZaakType:
        return self.zaaktypen[identificatie]


@pytest.fixture
async def catalogus(app: FastAPI, settings: Settings) -> Catalogus:
    """The demo catalogue (Gemeente Voorbeeld, nine published zaaktypen), imported for this test."""
    await _load_demo_catalogus(app, settings)
    out: dict[str, ZaakType] = {}
    async with app.state.db.reader.connect() as conn:
        for row in await conn.execute(select(ztc.ZaakType)):
            out[row.identificatie] = ZaakType(
                row.id, row.identificatie, f"{ZTC}/zaaktypen/{row.id}", row.doorlooptijd, row.servicenorm
            )
        by_id = {z.id: z for z in out.values()}
        st = await conn.execute(select(ztc.StatusType).order_by(ztc.StatusType.volgnummer))
        for row in st:
            by_id[row.zaaktype_id].statustypen.append(f"{ZTC}/statustypen/{row.id}")
        for row in await conn.execute(select(ztc.RolType).order_by(ztc.RolType.omschrijving)):
            by_id[row.zaaktype_id].roltypen.setdefault(row.omschrijving_generiek, f"{ZTC}/roltypen/{row.id}")
        for row in await conn.execute(select(ztc.ResultaatType).order_by(ztc.ResultaatType.omschrijving)):
            by_id[row.zaaktype_id].resultaattypen.append(f"{ZTC}/resultaattypen/{row.id}")
        for row in await conn.execute(select(ztc.Eigenschap).order_by(ztc.Eigenschap.naam)):
            by_id[row.zaaktype_id].eigenschappen[row.naam] = f"{ZTC}/eigenschappen/{row.id}"
    return Catalogus(out)


# The catalogue rows per test database: the first test imports through the Catalogi service (every ztc rule), later
# tests insert the same rows in one statement per table — the import costs over a second, the insert milliseconds.
_SNAPSHOTS: dict[str, list[tuple[Table, list[dict[str, Any]]]]] = {}


async def _load_demo_catalogus(app: FastAPI, settings: Settings) -> None:
    snapshot = _SNAPSHOTS.get(settings.database_url)
    if snapshot is not None:
        async with app.state.db.writer.begin() as conn:
            for table, rows in snapshot:
                await conn.execute(table.insert(), rows)
        return
    async with UnitOfWork(app.state.sessionmaker) as uow:
        await import_catalogus(uow, CatalogiCtx.for_base_url(settings, HOST), demo_catalogus(), publish=True)
    snapshot = []
    async with app.state.db.reader.connect() as conn:
        for table in Base.metadata.sorted_tables:
            if table.name.startswith("ztc_"):
                rows = [dict(row._mapping) for row in await conn.execute(table.select())]
                if rows:
                    snapshot.append((table, rows))
    _SNAPSHOTS[settings.database_url] = snapshot


def zrc_rechten(
    *scopes: str, zaaktype: str | None = None, max_vertrouwelijkheid: str | None = "zeer_geheim"
) -> AutorisatieData:
    """One autorisatie on the Zaken API (for every zaaktype when ``zaaktype`` is None)."""
    return AutorisatieData(
        component="zrc",
        scopes=list(scopes),
        zaaktype=zaaktype,
        max_vertrouwelijkheidaanduiding=max_vertrouwelijkheid if zaaktype else None,
    )


class Api(_CatalogiApi):
    """The test client with a token; relative URLs are under the Zaken API."""

    async def request(self, method: str, url: str, json: Any = None, **kwargs: Any) -> httpx.Response:
        if not url.startswith("http"):
            url = BASE + url
        return await super().request(method, url, json, **kwargs)


async def client_with(
    app: FastAPI, client: httpx.AsyncClient, name: str, autorisaties: Sequence[AutorisatieData] = (), alle: bool = False
) -> Api:
    return Api(client, await register(app, name, alle=alle, autorisaties=autorisaties))


@pytest.fixture
async def api(app: FastAPI, client: httpx.AsyncClient) -> Api:
    """A client with every right (heeftAlleAutorisaties)."""
    return await client_with(app, client, "zrc-alles", alle=True)


def zaak_body(zaaktype: ZaakType, **over: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "bronorganisatie": RSIN,
        "verantwoordelijkeOrganisatie": RSIN,
        "zaaktype": zaaktype.url,
        "startdatum": "2026-11-02",
        "omschrijving": "Testzaak",
    }
    body.update(over)
    return body


async def insert_zaak(app: FastAPI, zaaktype: ZaakType, **over: Any) -> zrc.Zaak:
    """A zaak written straight into the database (for tests of resources below a zaak, independent of POST /zaken)."""
    values: dict[str, Any] = {
        "identificatie": f"TEST-{uuid.uuid4().hex[:12]}",
        "bronorganisatie": RSIN,
        "verantwoordelijke_organisatie": RSIN,
        "zaaktype_id": zaaktype.id,
        "startdatum": dt.date(2026, 11, 2),
        "vertrouwelijkheidaanduiding": "openbaar",
    }
    values.update(over)
    async with UnitOfWork(app.state.sessionmaker) as uow:
        zaak = zrc.Zaak(**values)
        uow.session.add(zaak)
    return zaak


def zaak_url(zaak: zrc.Zaak | uuid.UUID) -> str:
    return f"{BASE}/zaken/{zaak if isinstance(zaak, uuid.UUID) else zaak.id}"
