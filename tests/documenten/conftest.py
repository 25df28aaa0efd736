"""Fixtures for the Documenten tests: the demo catalogue (published informatieobjecttypen), API clients with
chosen rights on ``drc``, builders of valid request bodies, and what a write left behind."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from tests.catalogi.conftest import Api as _CatalogiApi
from tests.catalogi.conftest import register
from tests.zaken.conftest import Catalogus, catalogus
from zaakwerk.autorisaties.service import AutorisatieData
from zaakwerk.catalogi.models import InformatieObjectType
from zaakwerk.core.db import Database
from zaakwerk.core.jobs.models import Job
from zaakwerk.core.jobs.outbox import NOTIFICATIE
from zaakwerk.core.zgw.audittrail import AuditTrail

__all__ = ["Catalogus", "catalogus"]

HOST = "http://testserver"
BASE = f"{HOST}/documenten/api/v1"
DOCUMENTEN = f"{BASE}/enkelvoudiginformatieobjecten"
ZTC = f"{HOST}/catalogi/api/v1"
RSIN = "812345678"
SPEC = "documenten-api-1.7.0.yaml"
PDF = b"%PDF-1.7\n" + b"inhoud van een brief\n" * 50


class Api(_CatalogiApi):
    """The test client with a token; relative URLs are under the Documenten API."""

    async def request(self, method: str, url: str, json: Any = None, **kwargs: Any) -> httpx.Response:
        if not url.startswith("http"):
            url = BASE + url
        return await super().request(method, url, json, **kwargs)


def drc_rechten(*scopes: str, informatieobjecttype: str, max_vertrouwelijkheid: str = "zeer_geheim") -> AutorisatieData:
    """One autorisatie on the Documenten API for one informatieobjecttype (ac-003 requires naming it)."""
    return AutorisatieData(
        component="drc",
        scopes=list(scopes),
        informatieobjecttype=informatieobjecttype,
        max_vertrouwelijkheidaanduiding=max_vertrouwelijkheid,
    )


async def client_with(
    app: FastAPI, client: httpx.AsyncClient, name: str, autorisaties: Sequence[AutorisatieData] = (), alle: bool = False
) -> Api:
    return Api(client, await register(app, name, alle=alle, autorisaties=autorisaties))


@pytest.fixture
async def api(app: FastAPI, client: httpx.AsyncClient) -> Api:
    """A client with every right (heeftAlleAutorisaties)."""
    return await client_with(app, client, "drc-alles", alle=True)


async def iot_url(app: FastAPI, omschrijving: str) -> str:
    async with app.state.db.reader.connect() as conn:
        query = select(InformatieObjectType.id).where(InformatieObjectType.omschrijving == omschrijving)
        return f"{ZTC}/informatieobjecttypen/{(await conn.execute(query)).scalar_one()}"


def b64(content: bytes) -> str:
    return base64.b64encode(content).decode()


def document_body(informatieobjecttype: str, **over: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "bronorganisatie": RSIN,
        "creatiedatum": "2026-11-02",
        "titel": "Klaagschrift over de stoep",
        "auteur": "J. Jansen",
        "taal": "dut",
        "informatieobjecttype": informatieobjecttype,
        "bestandsnaam": "klacht.pdf",
        "inhoud": b64(PDF),
    }
    body.update(over)
    return body


async def create_document(api: Api, informatieobjecttype: str, **over: Any) -> dict[str, Any]:
    r = await api.post("/enkelvoudiginformatieobjecten", document_body(informatieobjecttype, **over))
    assert r.status_code == 201, r.text
    data: dict[str, Any] = r.json()
    return data


async def lock(api: Api, url: str) -> str:
    r = await api.post(f"{url}/lock")
    assert r.status_code == 200, r.text
    value: str = r.json()["lock"]
    return value


def codes(r: httpx.Response) -> list[tuple[str, str]]:
    return [(p["name"], p["code"]) for p in r.json()["invalidParams"]]


async def rows(db: Database, model: Any) -> int:
    async with db.reader.connect() as conn:
        return int((await conn.execute(select(func.count()).select_from(model))).scalar_one())


async def messages(db: Database) -> list[dict[str, Any]]:
    async with db.reader.connect() as conn:
        result = await conn.execute(select(Job.payload).where(Job.kind == NOTIFICATIE).order_by(Job.id))
        return [dict(r[0]) for r in result if r[0]["kanaal"] == "documenten"]


async def audit(db: Database) -> list[Any]:
    async with db.reader.connect() as conn:
        query = select(AuditTrail).where(AuditTrail.bron == "drc").order_by(AuditTrail.id)
        return list((await conn.execute(query)).all())
