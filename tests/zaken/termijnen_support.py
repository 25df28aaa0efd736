"""Helpers for the deadline service tests: a moved clock, and opschorting/verlenging applied in one unit of work."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import FastAPI
from sqlalchemy import select

from zaakwerk.autorisaties.auth import Principal
from zaakwerk.catalogi.models import ZaakType
from zaakwerk.core import clock
from zaakwerk.core.errors import Invalid
from zaakwerk.core.uow import UnitOfWork
from zaakwerk.zaken import termijnen
from zaakwerk.zaken._context import Ctx
from zaakwerk.zaken.models import Opschorting, Verlenging, Zaak

PRINCIPAL = Principal(
    client_id="termijnen-test",
    applicatie=uuid.uuid4(),
    label="Termijnen test",
    user_id="",
    user_representation="",
    heeft_alle_autorisaties=True,
    autorisaties=(),
)


@contextmanager
def op(dag: dt.date) -> Iterator[None]:
    """The clock says ``dag`` (noon in the Netherlands)."""
    moment = dt.datetime.combine(dag, dt.time(12), clock.NL).astimezone(dt.UTC)
    clock.set_clock(lambda: moment)
    try:
        yield
    finally:
        clock.set_clock(None)


async def wijzig(
    app: FastAPI,
    zaak_id: uuid.UUID,
    *,
    opschorting: dict[str, Any] | None = None,
    verlenging: dict[str, Any] | None = None,
) -> tuple[str, Invalid]:
    """Call the service as the zaak update does: one unit of work, raise when ``inv`` collected errors."""
    inv = Invalid()
    tekst = ""
    ctx = Ctx.for_principal(app.state.settings, PRINCIPAL)
    async with UnitOfWork(app.state.sessionmaker) as uow:
        zaak = await uow.session.get(Zaak, zaak_id)
        assert zaak is not None
        zaaktype = await uow.session.get(ZaakType, zaak.zaaktype_id)
        assert zaaktype is not None
        tekst = await termijnen.wijzig_opschorting_verlenging(
            uow.session, ctx, zaak, zaaktype, opschorting=opschorting, verlenging=verlenging, inv=inv
        )
        inv.raise_if_any()
    return tekst, inv


async def lees(app: FastAPI, zaak_id: uuid.UUID) -> tuple[Zaak, list[Opschorting], list[Verlenging]]:
    async with UnitOfWork(app.state.sessionmaker) as uow:
        zaak = await uow.session.get(Zaak, zaak_id)
        assert zaak is not None
        opschortingen = (
            await uow.session.scalars(
                select(Opschorting).where(Opschorting.zaak_id == zaak_id).order_by(Opschorting.begin)
            )
        ).all()
        verlengingen = (
            await uow.session.scalars(
                select(Verlenging).where(Verlenging.zaak_id == zaak_id).order_by(Verlenging.datum)
            )
        ).all()
    return zaak, list(opschortingen), list(verlengingen)
