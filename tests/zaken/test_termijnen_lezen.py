"""The one deadline service: history, remaining days and a status per zaak, and SQL conditions for queues and
dashboards that agree with that status (an ongoing opschorting stops the clock)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from fastapi import FastAPI
from sqlalchemy import select

from tests.catalogi.test_query_counts import count_statements
from tests.zaken.conftest import Catalogus, insert_zaak
from tests.zaken.termijnen_support import op, wijzig
from zaakwerk.core.db import Database
from zaakwerk.core.errors import ZGWError
from zaakwerk.core.uow import UnitOfWork
from zaakwerk.zaken import termijnen
from zaakwerk.zaken.models import Opschorting, Zaak
from zaakwerk.zaken.termijnen import OpschortingPeriode, TermijnStatus, VerlengingRegel

D = dt.date
# Monday 4 May 2026; 5 May is Bevrijdingsdag, so five working days on is Tuesday 12 May.
VANDAAG = D(2026, 5, 4)


async def test_termijnen_van_shows_the_history_and_the_remaining_days(app: FastAPI, catalogus: Catalogus) -> None:
    zaak = await insert_zaak(
        app,
        catalogus["VBG-KAP"],
        startdatum=D(2026, 3, 2),
        einddatum_gepland=D(2026, 4, 13),
        uiterlijke_einddatum_afdoening=D(2026, 4, 28),
    )
    with op(D(2026, 3, 5)):
        await wijzig(app, zaak.id, verlenging={"reden": "advies", "duur": "P2W"})
    with op(D(2026, 3, 10)):
        await wijzig(app, zaak.id, opschorting={"indicatie": True, "reden": "aanvulling"})
    with op(D(2026, 3, 22)):
        await wijzig(app, zaak.id, opschorting={"indicatie": False, "reden": ""})
    with op(D(2026, 5, 11)):
        await wijzig(app, zaak.id, opschorting={"indicatie": True, "reden": "zienswijze"})

    async with app.state.db.reader.connect() as conn:
        t = await termijnen.termijnen_van(conn, zaak.id, vandaag=D(2026, 5, 20))
    assert t.startdatum == D(2026, 3, 2)
    # Nominal 27 April + 14 (verlenging) + 12 (opschorting) = Saturday 23 May → Tuesday 26 May (Pinksteren).
    assert t.uiterlijke_einddatum_afdoening == D(2026, 5, 26)
    assert t.einddatum_gepland == D(2026, 4, 28)  # 13 April + 12: the verlenging does not move the planning
    assert t.verlengingen == (VerlengingRegel(D(2026, 3, 5), "P14D", "advies"),)
    assert t.totale_verlenging == "P2W"
    assert t.opschortingen == (
        OpschortingPeriode(D(2026, 3, 10), D(2026, 3, 22), 12, "aanvulling"),
        OpschortingPeriode(D(2026, 5, 11), None, 9, "zienswijze"),
    )
    assert (t.opgeschort, t.opgeschort_sinds, t.opgeschorte_dagen) == (True, D(2026, 5, 11), 21)
    # The clock stopped on 11 May: 15 days, 9 working days (Hemelvaart 14 May, Pinksteren 25 May) remain.
    assert (t.resterende_dagen, t.resterende_werkdagen) == (15, 9)
    assert t.status is TermijnStatus.OP_TIJD


async def test_termijnen_van_an_unknown_zaak_is_404(app: FastAPI) -> None:
    async with app.state.db.reader.connect() as conn:
        with pytest.raises(ZGWError) as exc:
            await termijnen.termijnen_van(conn, uuid.uuid4())
    assert exc.value.status == 404


async def _zaak(app: FastAPI, catalogus: Catalogus, uiterlijk: dt.date | None, **over: object) -> uuid.UUID:
    zaak = await insert_zaak(app, catalogus["VBG-KAP"], uiterlijke_einddatum_afdoening=uiterlijk, **over)
    return zaak.id


async def _geschorst(app: FastAPI, catalogus: Catalogus, uiterlijk: dt.date, sinds: dt.date) -> uuid.UUID:
    zaak_id = await _zaak(app, catalogus, uiterlijk, opschorting_indicatie=True, opschorting_reden="wacht")
    async with UnitOfWork(app.state.sessionmaker) as uow:
        uow.session.add(Opschorting(rsin="812345678", zaak_id=zaak_id, begin=sinds, reden="wacht"))
        # An ended suspension does not stop the clock.
        uow.session.add(
            Opschorting(rsin="812345678", zaak_id=zaak_id, begin=D(2026, 1, 5), einde=D(2026, 1, 9), dagen=4)
        )
    return zaak_id


async def test_status_and_sql_conditions_agree(app: FastAPI, catalogus: Catalogus) -> None:
    verwacht = {
        await _zaak(app, catalogus, D(2026, 5, 1)): TermijnStatus.VERLOPEN,
        await _zaak(app, catalogus, VANDAAG): TermijnStatus.BIJNA_VERLOPEN,
        await _zaak(app, catalogus, D(2026, 5, 12)): TermijnStatus.BIJNA_VERLOPEN,
        await _zaak(app, catalogus, D(2026, 5, 13)): TermijnStatus.OP_TIJD,
        await _zaak(app, catalogus, None): TermijnStatus.GEEN_TERMIJN,
        # Suspended: judged as of the suspension's begin, never "about to expire".
        await _geschorst(app, catalogus, D(2026, 4, 27), sinds=D(2026, 4, 20)): TermijnStatus.OP_TIJD,
        await _geschorst(app, catalogus, D(2026, 4, 27), sinds=D(2026, 4, 28)): TermijnStatus.VERLOPEN,
        await _geschorst(app, catalogus, D(2026, 5, 6), sinds=D(2026, 4, 20)): TermijnStatus.OP_TIJD,
    }
    gesloten_te_laat = await _zaak(app, catalogus, D(2026, 4, 30), einddatum=D(2026, 5, 1))
    gesloten_op_tijd = await _zaak(app, catalogus, D(2026, 4, 30), einddatum=D(2026, 4, 30))
    db: Database = app.state.db
    async with db.reader.connect() as conn:
        alle = await termijnen.termijnen_van_zaken(
            conn, [*verwacht, gesloten_te_laat, gesloten_op_tijd], vandaag=VANDAAG
        )
        verlopen = set(await conn.scalars(select(Zaak.id).where(termijnen.verlopen(VANDAAG))))
        bijna = set(await conn.scalars(select(Zaak.id).where(termijnen.bijna_verlopen(VANDAAG))))
    assert {k: alle[k].status for k in verwacht} == verwacht
    # Closed zaken: whether they were done in time; the queue conditions are about open zaken only.
    assert (alle[gesloten_te_laat].status, alle[gesloten_op_tijd].status) == (
        TermijnStatus.VERLOPEN,
        TermijnStatus.OP_TIJD,
    )
    assert verlopen == {k for k, s in verwacht.items() if s is TermijnStatus.VERLOPEN}
    assert bijna == {k for k, s in verwacht.items() if s is TermijnStatus.BIJNA_VERLOPEN}


async def test_verlopen_on_the_planned_date(app: FastAPI, catalogus: Catalogus) -> None:
    te_laat = await _zaak(app, catalogus, D(2026, 6, 1), einddatum_gepland=D(2026, 5, 1))
    await _zaak(app, catalogus, D(2026, 6, 1), einddatum_gepland=D(2026, 5, 6))
    async with app.state.db.reader.connect() as conn:
        ids = set(await conn.scalars(select(Zaak.id).where(termijnen.verlopen(VANDAAG, Zaak.einddatum_gepland))))
    assert ids == {te_laat}


async def test_termijnen_van_zaken_uses_three_statements_whatever_the_number(
    app: FastAPI, catalogus: Catalogus
) -> None:
    ids = [await _geschorst(app, catalogus, D(2026, 5, 6), sinds=D(2026, 4, 20)) for _ in range(4)]
    counts = []
    for aantal in (1, 4):
        async with app.state.db.reader.connect() as conn:
            with count_statements(app.state.db) as statements:
                gevonden = await termijnen.termijnen_van_zaken(conn, ids[:aantal], vandaag=VANDAAG)
        assert len(gevonden) == aantal
        counts.append(len(statements))
    assert counts == [3, 3]
