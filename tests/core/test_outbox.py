"""The transactional outbox: notifications land with the change or not at all, in the Notificaties format."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from sqlalchemy import select

from zaakwerk.core import clock
from zaakwerk.core.db import Database
from zaakwerk.core.jobs.models import Job, JobStatus
from zaakwerk.core.jobs.outbox import NOTIFICATIE, publish
from zaakwerk.core.jobs.queue import enqueue, subscribe, unsubscribe
from zaakwerk.core.uow import UnitOfWork, make_sessionmaker

ZAAKTYPE = "http://testserver/catalogi/api/v1/zaaktypen/0b3c6a0e-6a6e-4b8a-9d2b-3b3f1d2c4e5f"


def _publish(uow: UnitOfWork, actie: str = "create") -> None:
    publish(
        uow.session,
        kanaal="zaaktypen",
        hoofd_object=ZAAKTYPE,
        resource="zaaktype",
        resource_url=ZAAKTYPE,
        actie=actie,
        kenmerken={"catalogus": "http://testserver/catalogi/api/v1/catalogussen/1"},
    )


async def _jobs(db: Database) -> list[Job]:
    async with UnitOfWork(make_sessionmaker(db.reader)) as uow:
        return list((await uow.session.scalars(select(Job).order_by(Job.id))).all())


async def test_publish_lands_on_commit(db: Database) -> None:
    moment = dt.datetime(2024, 5, 1, 12, 30, tzinfo=dt.UTC)
    clock.set_clock(lambda: moment)
    try:
        async with UnitOfWork(make_sessionmaker(db.writer)) as uow:
            _publish(uow)
    finally:
        clock.set_clock(None)
    [job] = await _jobs(db)
    assert job.kind == NOTIFICATIE
    assert job.status == JobStatus.queued
    assert job.key == ZAAKTYPE
    assert job.payload == {
        "kanaal": "zaaktypen",
        "hoofdObject": ZAAKTYPE,
        "resource": "zaaktype",
        "resourceUrl": ZAAKTYPE,
        "actie": "create",
        "aanmaakdatum": "2024-05-01T12:30:00Z",
        "kenmerken": {"catalogus": "http://testserver/catalogi/api/v1/catalogussen/1"},
    }


async def test_publish_rolled_back_leaves_nothing(db: Database) -> None:
    with pytest.raises(RuntimeError):
        async with UnitOfWork(make_sessionmaker(db.writer)) as uow:
            _publish(uow)
            await uow.session.flush()
            raise RuntimeError("de wijziging mislukt")
    assert await _jobs(db) == []


async def test_publish_refuses_a_message_notificaties_would_refuse(db: Database) -> None:
    async with UnitOfWork(make_sessionmaker(db.writer)) as uow:
        with pytest.raises(ValueError, match="kanaal"):
            publish(
                uow.session,
                kanaal="",
                hoofd_object=ZAAKTYPE,
                resource="zaaktype",
                resource_url=ZAAKTYPE,
                actie="create",
                kenmerken={},
            )
        with pytest.raises(ValueError, match="Kenmerk"):
            publish(
                uow.session,
                kanaal="zaaktypen",
                hoofd_object=ZAAKTYPE,
                resource="zaaktype",
                resource_url=ZAAKTYPE,
                actie="create",
                kenmerken={"x": "y" * 1001},
            )


async def test_commit_wakes_workers_in_this_process_rollback_does_not(db: Database) -> None:
    woken = asyncio.Event()
    subscribe(woken)
    try:
        with pytest.raises(RuntimeError):
            async with UnitOfWork(make_sessionmaker(db.writer)) as uow:
                enqueue(uow.session, "proef.wek", {})
                raise RuntimeError("terug")
        await asyncio.sleep(0)
        assert not woken.is_set()
        async with UnitOfWork(make_sessionmaker(db.writer)) as uow:
            enqueue(uow.session, "proef.wek", {})
        await asyncio.wait_for(woken.wait(), 1)
    finally:
        unsubscribe(woken)
