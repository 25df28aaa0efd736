"""Helpers of the tests of klantcontacten, zaakcontactmomenten, zaakverzoeken, zaaknotities,
zaakinformatieobjecten and zaakbesluiten: what a write left behind (rows, audit trail, notifications); and how many
statements a list costs (every child resource's query-count test)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select

from tests.catalogi.test_query_counts import count_statements
from tests.contract.openapi import validate_response
from tests.zaken.conftest import Api, ZaakType, client_with, zrc_rechten
from zaakwerk.core.db import Database
from zaakwerk.core.jobs.models import Job
from zaakwerk.core.jobs.outbox import NOTIFICATIE
from zaakwerk.core.zgw.audittrail import AuditTrail

SPEC = "zaken-api-1.7.0.yaml"


def codes(r: httpx.Response) -> list[tuple[str, str]]:
    """The (name, code) of every invalidParam, in the response's order."""
    return [(p["name"], p["code"]) for p in r.json()["invalidParams"]]


async def rows(db: Database, model: Any) -> int:
    async with db.reader.connect() as conn:
        return int((await conn.execute(select(func.count()).select_from(model))).scalar_one())


async def messages(db: Database) -> list[dict[str, Any]]:
    async with db.reader.connect() as conn:
        result = await conn.execute(select(Job.payload).where(Job.kind == NOTIFICATIE).order_by(Job.id))
        return [dict(r[0]) for r in result if r[0]["kanaal"] == "zaken"]


async def audit(db: Database) -> list[Any]:
    async with db.reader.connect() as conn:
        query = select(AuditTrail).where(AuditTrail.bron == "zrc").order_by(AuditTrail.id)
        return list((await conn.execute(query)).all())


async def nothing_written(db: Database, *models: Any) -> bool:
    """No row of ``models``, no Zaken audit trail row and no notification on the zaken kanaal."""
    counts = [await rows(db, model) for model in models]
    return counts == [0] * len(models) and await audit(db) == [] and await messages(db) == []


async def statements_stay_fixed(
    api: Api, db: Database, path: str, grow: Callable[[int], Awaitable[None]], limit: int = 6
) -> None:
    """The number of statements of GET ``path`` does not grow with the number of rows (``grow(n)`` adds n)."""

    async def statements() -> int:
        await api.get(path)  # warm the authentication caches: only the endpoint's own statements count
        with count_statements(db) as seen:
            r = await api.get(path)
        assert r.status_code == 200, r.text
        return len(seen)

    await grow(2)
    few = await statements()
    await grow(8)
    many = await statements()
    assert many == few, f"{path}: {few} statements for a few rows, {many} for more"
    assert many <= limit, (path, many)


async def only_readable_listed(
    app: FastAPI, client: httpx.AsyncClient, zaaktype: ZaakType, collection: str, visible: str, hidden: list[str]
) -> None:
    """A reader of ``zaaktype`` up to ``intern`` lists exactly ``visible`` under ``collection`` and gets 403 on every
    ``hidden`` detail (a zaak of another zaaktype, or one above its maximum)."""
    lezer = await client_with(
        app, client, "zrc-lezer", [zrc_rechten("zaken.lezen", zaaktype=zaaktype.url, max_vertrouwelijkheid="intern")]
    )
    r = await lezer.get(f"/{collection}")
    assert r.status_code == 200, r.text
    validate_response("zaken-api-1.7.0.yaml", r)
    assert [x["url"] for x in r.json()["results"]] == [visible]
    for url in hidden:
        assert (await lezer.get(url)).status_code == 403
