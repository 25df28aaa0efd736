"""A new version of a zaaktype with all its types (ztc-011a): the way to change a published zaaktype."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.catalogi import events
from zaakwerk.catalogi import models as m
from zaakwerk.catalogi._context import Ctx
from zaakwerk.catalogi._service_common import get_or_404, recompute_object_dates
from zaakwerk.core.errors import validation_error
from zaakwerk.core.uow import UnitOfWork

_LINKS = (m.ZaakTypeBesluitType, m.ZaakTypeDeelzaaktype, m.ZaakTypeRelatie, m.ZaakTypeTrefwoord)


def _values(obj: Any, **changes: Any) -> dict[str, Any]:
    values = {c.key: getattr(obj, c.key) for c in type(obj).__table__.columns}
    values.update(changes)
    return values


async def _rows(session: AsyncSession, model: Any, column: Any, value: Any) -> list[Any]:
    return list((await session.execute(select(model).where(column == value))).scalars())


async def new_zaaktype_version(uow: UnitOfWork, ctx: Ctx, id_: uuid.UUID, begin_geldigheid: dt.date) -> m.ZaakType:
    """Copy a zaaktype version (published or not) into a new concept version starting on ``begin_geldigheid``,
    with copies of its statustypen, roltypen, eigenschappen, resultaattypen, zaakobjecttypen and
    zaaktype-informatieobjecttypen and its relations by name.

    The caller then changes the concept, ends the previous version (``eindeGeldigheid`` the day before) and
    publishes the new one; until then zaken keep using the old version.
    """
    session = uow.session
    old: m.ZaakType = await get_or_404(session, m.ZaakType, id_)
    if begin_geldigheid <= old.begin_geldigheid:
        raise validation_error(
            "beginGeldigheid", "date-mismatch", "Een nieuwe versie begint na de beginGeldigheid van de vorige."
        )
    new = m.ZaakType(
        **_values(
            old,
            id=uuid.uuid4(),
            concept=True,
            begin_geldigheid=begin_geldigheid,
            einde_geldigheid=None,
            versiedatum=begin_geldigheid,
        )
    )
    session.add(new)
    await session.flush()
    for link in _LINKS:
        for row in await _rows(session, link, link.zaaktype_id, id_):
            session.add(link(**_values(row, zaaktype_id=new.id)))
    statustypen: dict[uuid.UUID, uuid.UUID] = {}
    for row in await _rows(session, m.StatusType, m.StatusType.zaaktype_id, id_):
        statustypen[row.id] = uuid.uuid4()
        session.add(m.StatusType(**_values(row, id=statustypen[row.id], zaaktype_id=new.id)))
    await session.flush()
    for model in (m.RolType, m.ZaakObjectType, m.Eigenschap, m.ZaakTypeInformatieObjectType):
        for row in await _rows(session, model, model.zaaktype_id, id_):
            changes: dict[str, Any] = {"id": uuid.uuid4(), "zaaktype_id": new.id}
            if hasattr(row, "statustype_id"):
                changes["statustype_id"] = statustypen.get(row.statustype_id) if row.statustype_id else None
            session.add(model(**_values(row, **changes)))
    for row in await _rows(session, m.ResultaatType, m.ResultaatType.zaaktype_id, id_):
        copy = m.ResultaatType(**_values(row, id=uuid.uuid4(), zaaktype_id=new.id))
        session.add(copy)
        for rlink in (m.ResultaatTypeBesluitType, m.ResultaatTypeInformatieObjectType):
            for link_row in await _rows(session, rlink, rlink.resultaattype_id, row.id):
                session.add(rlink(**_values(link_row, resultaattype_id=copy.id)))
    await session.flush()
    await recompute_object_dates(session, m.ZaakType, new.catalogus_id, "identificatie", new.identificatie)
    events.zaaktype_changed(session, ctx, new.id, new.catalogus_id, "create")
    return new
