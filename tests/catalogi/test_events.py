"""Notifications: every write queues one in the outbox, in the same transaction; a refused write queues none."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from tests.catalogi.conftest import Api, besluittype_body, iot_body, statustype_body, zaaktype_body
from zaakwerk.core.db import Database
from zaakwerk.core.jobs.models import Job
from zaakwerk.core.jobs.outbox import NOTIFICATIE


async def _messages(db: Database) -> list[dict[str, Any]]:
    async with db.reader.connect() as conn:
        rows = await conn.execute(select(Job.payload).where(Job.kind == NOTIFICATIE).order_by(Job.id))
        return [dict(r[0]) for r in rows]


async def test_zaaktype_writes_publish_on_kanaal_zaaktypen(api: Api, db: Database, catalogus: dict[str, Any]) -> None:
    zt = await api.create("zaaktypen", zaaktype_body(catalogus["url"]))
    st = await api.create("statustypen", statustype_body(zt["url"]))
    await api.patch(zt["url"], {"omschrijving": "Anders"})
    await api.publish(zt["url"])
    messages = await _messages(db)
    assert [(m["kanaal"], m["resource"], m["actie"]) for m in messages] == [
        ("zaaktypen", "zaaktype", "create"),
        ("zaaktypen", "statustype", "create"),
        ("zaaktypen", "zaaktype", "partial_update"),
        ("zaaktypen", "zaaktype", "publish"),
    ]
    assert all(m["hoofdObject"] == zt["url"] for m in messages)
    assert messages[1]["resourceUrl"] == st["url"]
    assert all(m["kenmerken"] == {"catalogus": catalogus["url"]} for m in messages)


async def test_iot_and_besluittype_kanalen(api: Api, db: Database, catalogus: dict[str, Any]) -> None:
    iot = await api.create("informatieobjecttypen", iot_body(catalogus["url"]))
    bt = await api.create("besluittypen", besluittype_body(catalogus["url"]))
    await api.delete(bt["url"])
    messages = await _messages(db)
    assert [(m["kanaal"], m["actie"], m["resourceUrl"]) for m in messages] == [
        ("informatieobjecttypen", "create", iot["url"]),
        ("besluittypen", "create", bt["url"]),
        ("besluittypen", "destroy", bt["url"]),
    ]


async def test_refused_write_queues_nothing(api: Api, db: Database, catalogus: dict[str, Any]) -> None:
    r = await api.post("/zaaktypen", zaaktype_body(catalogus["url"], besluittypen=["Bestaat niet"]))
    assert r.status_code == 400
    assert await _messages(db) == []
