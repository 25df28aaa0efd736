"""Helpers of the rollen, zaakobjecten and zaakeigenschappen tests: rows in the database, statements counted,
what a write left behind (audit trail, notification)."""

from __future__ import annotations

from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select

from tests.contract.openapi import validate_response
from zaakwerk.core.jobs.models import Job
from zaakwerk.core.uow import UnitOfWork
from zaakwerk.core.zgw.audittrail import AuditTrail


async def count_rows(app: FastAPI, model: Any) -> int:
    async with app.state.db.reader.connect() as conn:
        return int((await conn.execute(select(func.count()).select_from(model))).scalar_one())


async def add_rows(app: FastAPI, *rows: Any) -> None:
    async with UnitOfWork(app.state.sessionmaker) as uow:
        uow.session.add_all(rows)


async def audit_acties(app: FastAPI, resource_url: str) -> list[str]:
    async with app.state.db.reader.connect() as conn:
        query = select(AuditTrail.actie).where(AuditTrail.resource_url == resource_url).order_by(AuditTrail.id)
        return list((await conn.execute(query)).scalars())


async def notificaties(app: FastAPI, resource_url: str) -> list[str]:
    """The ``actie`` of every queued notification about ``resource_url``."""
    async with app.state.db.reader.connect() as conn:
        payloads = (await conn.execute(select(Job.payload).order_by(Job.id))).scalars()
        return [p["actie"] for p in payloads if p.get("resourceUrl") == resource_url]


def invalid(r: httpx.Response) -> list[tuple[str, str]]:
    """The sorted (name, code) of the invalidParams of a 400 (contract-validated)."""
    assert r.status_code == 400, r.text
    validate_response("zaken-api-1.7.0.yaml", r)
    return sorted((p["name"], p["code"]) for p in r.json()["invalidParams"])
