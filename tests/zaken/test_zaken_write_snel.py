"""The fast write path keeps its promises: POST /zaken and POST /statussen answer with exactly what a GET gives,
cost a fixed small number of statements, and the process's cache of catalogue types drops on a catalogue write."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import FastAPI
from sqlalchemy import event, update

from tests.contract.openapi import validate_response
from tests.zaken.conftest import Api, Catalogus, zaak_body
from zaakwerk.catalogi import models as ztc
from zaakwerk.catalogi._cache import catalogue_changed
from zaakwerk.core.uow import UnitOfWork

SPEC = "zaken-api-1.7.0.yaml"


@contextmanager
def statements(app: FastAPI) -> Iterator[list[str]]:
    db = app.state.db
    # On PostgreSQL the reader (and the one-statement writes) is an option view of the writer's engine, whose
    # listeners it shares: listening on the writer alone sees every statement once.
    engines = {id(e.sync_engine): e.sync_engine for e in ((db.writer, db.reader) if db.is_sqlite else (db.writer,))}
    seen: list[str] = []

    def listener(*args: Any) -> None:
        if not args[2].startswith("BEGIN"):  # SQLite's BEGIN IMMEDIATE; PostgreSQL's is not a statement here
            seen.append(args[2])

    for engine in engines.values():
        event.listen(engine, "before_cursor_execute", listener)
    try:
        yield seen
    finally:
        for engine in engines.values():
            event.remove(engine, "before_cursor_execute", listener)


def status_body(zaak_url: str, statustype: str, datum: str = "2026-11-03T10:00:00Z") -> dict[str, Any]:
    return {"zaak": zaak_url, "statustype": statustype, "datumStatusGezet": datum}


async def test_a_new_status_is_answered_as_a_get_shows_it(api: Api, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = (await api.post("/zaken", zaak_body(klacht))).json()
    for datum, statustype in (("2026-11-03T10:00:00+01:00", 0), ("2026-11-02T09:00:00Z", 1)):
        r = await api.post("/statussen", status_body(zaak["url"], klacht.statustypen[statustype], datum))
        assert r.status_code == 201, r.text
        validate_response(SPEC, r)
        got = await api.get(r.json()["url"])
        assert r.json() == got.json()
        assert r.headers["ETag"] == got.headers["ETag"]
        assert r.headers["Location"] == r.json()["url"]
    # The backdated second status is history: the first stays the zaak's latest.
    assert r.json()["indicatieLaatstGezetteStatus"] is False


async def test_a_new_zaak_is_answered_as_a_get_shows_it(api: Api, catalogus: Catalogus) -> None:
    r = await api.post("/zaken", zaak_body(catalogus["VBG-KLACHT"]))
    assert r.status_code == 201, r.text
    got = await api.get(r.json()["url"])
    assert r.json() == got.json()
    assert r.headers["ETag"] == got.headers["ETag"]
    assert r.headers["Content-Crs"] == "EPSG:4326"


async def test_writes_cost_a_fixed_small_number_of_statements(app: FastAPI, api: Api, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    first = (await api.post("/zaken", zaak_body(klacht))).json()
    await api.post("/statussen", status_body(first["url"], klacht.statustypen[0]))
    with statements(app) as seen:
        zaak = (await api.post("/zaken", zaak_body(klacht))).json()
    # zaak, identificatie record, audit trail and outbox job: one statement on PostgreSQL (the identificatie comes
    # from the process's supply, filled by the first create), one each on SQLite after taking the identificatie
    # (sequence + taken check); the zaaktype comes from the process's cache and the response from what was written.
    assert len(seen) == (6 if app.state.db.is_sqlite else 1), seen
    with statements(app) as seen:
        r = await api.post("/statussen", status_body(zaak["url"], klacht.statustypen[0]))
        assert r.status_code == 201, r.text
    # the zaak locked (with its current status's date); then the status, audit trail, outbox job and the zaak's
    # status: one statement on PostgreSQL, one each on SQLite.
    assert len(seen) == (5 if app.state.db.is_sqlite else 2), seen


async def test_the_zaaktype_cache_drops_on_a_catalogue_write(app: FastAPI, api: Api, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    assert (await api.post("/zaken", zaak_body(klacht))).status_code == 201  # now cached

    async def change(**values: Any) -> None:
        async with UnitOfWork(app.state.sessionmaker) as uow:
            await uow.session.execute(update(ztc.ZaakType).where(ztc.ZaakType.id == klacht.id).values(**values))
            await catalogue_changed(uow)

    await change(concept=True)
    r = await api.post("/zaken", zaak_body(klacht))
    assert r.status_code == 400
    assert r.json()["invalidParams"][0]["code"] == "not-published"
    await change(concept=False, vertrouwelijkheidaanduiding="geheim")
    r = await api.post("/zaken", zaak_body(klacht))
    assert r.status_code == 201
    assert r.json()["vertrouwelijkheidaanduiding"] == "geheim"


async def test_the_statustype_cache_drops_on_a_catalogue_write(app: FastAPI, api: Api, catalogus: Catalogus) -> None:
    """zrc-007 follows a changed catalogue at once: a statustype that became the eindstatus needs a resultaat."""
    klacht = catalogus["VBG-KLACHT"]
    zaak = (await api.post("/zaken", zaak_body(klacht))).json()
    statustype = klacht.statustypen[0]
    assert (await api.post("/statussen", status_body(zaak["url"], statustype))).status_code == 201
    async with UnitOfWork(app.state.sessionmaker) as uow:
        id_ = uuid.UUID(statustype.rsplit("/", 1)[1])
        await uow.session.execute(update(ztc.StatusType).where(ztc.StatusType.id == id_).values(volgnummer=99))
        await catalogue_changed(uow)
    r = await api.post("/statussen", status_body(zaak["url"], statustype, "2026-11-04T10:00:00Z"))
    assert r.status_code == 400
    assert r.json()["invalidParams"][0]["code"] == "resultaat-does-not-exist"
