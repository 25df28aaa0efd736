"""Fixtures for the Besluiten tests: the demo catalogue (published) from the Zaken tests, API clients with chosen
rights on ``brc`` (and ``zrc`` where a test links a zaak), and a builder of valid besluit bodies."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from tests.catalogi.conftest import Api as _CatalogiApi
from tests.catalogi.conftest import register
from tests.zaken.conftest import HOST, RSIN, Catalogus, catalogus, insert_zaak, zaak_url
from zaakwerk.autorisaties.service import AutorisatieData
from zaakwerk.catalogi.models import BesluitType
from zaakwerk.core.db import Database
from zaakwerk.core.jobs.models import Job
from zaakwerk.core.jobs.outbox import NOTIFICATIE
from zaakwerk.core.zgw.audittrail import AuditTrail

__all__ = ["HOST", "RSIN", "Catalogus", "catalogus", "insert_zaak", "zaak_url"]

BASE = f"{HOST}/besluiten/api/v1"
SPEC = "besluiten-api-1.1.0.yaml"
BEZWAAR = "Beslissing op bezwaar"  # the besluittype of zaaktype VBG-BEZWAAR
KAPPEN = "Omgevingsvergunning kappen"  # the besluittype of zaaktype VBG-KAP


class Api(_CatalogiApi):
    """The test client with a token; relative URLs are under the Besluiten API."""

    async def request(self, method: str, url: str, json: Any = None, **kwargs: Any) -> httpx.Response:
        if not url.startswith("http"):
            url = BASE + url
        return await super().request(method, url, json, **kwargs)


def brc_rechten(*scopes: str, besluittype: str | None = None) -> AutorisatieData:
    """One autorisatie on the Besluiten API (for every besluittype when ``besluittype`` is None)."""
    return AutorisatieData(component="brc", scopes=list(scopes), besluittype=besluittype)


async def client_with(
    app: FastAPI, client: httpx.AsyncClient, name: str, autorisaties: Sequence[AutorisatieData] = (), alle: bool = False
) -> Api:
    return Api(client, await register(app, name, alle=alle, autorisaties=autorisaties))


@pytest.fixture
async def api(app: FastAPI, client: httpx.AsyncClient) -> Api:
    """A client with every right (heeftAlleAutorisaties)."""
    return await client_with(app, client, "brc-alles", alle=True)


async def besluittype_url(app: FastAPI, omschrijving: str = BEZWAAR) -> str:
    async with app.state.db.reader.connect() as conn:
        query = select(BesluitType.id).where(BesluitType.omschrijving == omschrijving)
        return f"{HOST}/catalogi/api/v1/besluittypen/{(await conn.execute(query)).scalar_one()}"


async def besluit_body(app: FastAPI, omschrijving: str = BEZWAAR, **over: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "verantwoordelijkeOrganisatie": RSIN,
        "besluittype": await besluittype_url(app, omschrijving),
        "datum": "2026-11-20",
        "ingangsdatum": "2026-12-01",
    }
    body.update(over)
    return body


def codes(r: httpx.Response) -> list[tuple[str, str]]:
    """The (name, code) of every invalidParam, in the response's order."""
    return [(p["name"], p["code"]) for p in r.json()["invalidParams"]]


async def rows(db: Database, model: Any) -> int:
    async with db.reader.connect() as conn:
        return int((await conn.execute(select(func.count()).select_from(model))).scalar_one())


async def messages(db: Database, kanaal: str = "besluiten") -> list[dict[str, Any]]:
    async with db.reader.connect() as conn:
        result = await conn.execute(select(Job.payload).where(Job.kind == NOTIFICATIE).order_by(Job.id))
        return [dict(r[0]) for r in result if r[0]["kanaal"] == kanaal]


async def audit(db: Database, bron: str = "brc") -> list[Any]:
    async with db.reader.connect() as conn:
        query = select(AuditTrail).where(AuditTrail.bron == bron).order_by(AuditTrail.id)
        return list((await conn.execute(query)).all())
