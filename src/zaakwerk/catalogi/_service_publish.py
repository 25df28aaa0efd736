"""Publishing a zaaktype: ztc-012 (its besluittypen and informatieobjecttypen are published) and ztc-016."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.catalogi import events
from zaakwerk.catalogi import models as m
from zaakwerk.catalogi._context import Ctx
from zaakwerk.catalogi._service_common import check_overlap, get_or_404
from zaakwerk.core.errors import Invalid
from zaakwerk.core.uow import UnitOfWork


async def publish_zaaktype(uow: UnitOfWork, ctx: Ctx, id_: uuid.UUID) -> m.ZaakType:
    """Publish a concept zaaktype: ztc-012 (related besluittypen and informatieobjecttypen are published)
    and ztc-016 (no overlap with another published version). Publishing twice changes nothing."""
    session = uow.session
    zaaktype: m.ZaakType = await get_or_404(session, m.ZaakType, id_)
    if not zaaktype.concept:
        return zaaktype
    inv = Invalid()
    for collection, names in (
        ("besluittypen", await _linked_names(session, m.ZaakTypeBesluitType, id_)),
        ("informatieobjecttypen", await _linked_names(session, m.ZaakTypeInformatieObjectType, id_)),
    ):
        model: Any = m.BesluitType if collection == "besluittypen" else m.InformatieObjectType
        published = (
            set(
                (
                    await session.execute(
                        select(model.omschrijving).where(
                            model.catalogus_id == zaaktype.catalogus_id,
                            model.omschrijving.in_(names),
                            model.concept.is_(False),
                        )
                    )
                ).scalars()
            )
            if names
            else set()
        )
        for name in names:
            if name not in published:
                inv.add(
                    collection,
                    "concept-relation",
                    f"Het gerelateerde {collection[:-1]} '{name}' is nog niet gepubliceerd.",
                )
    inv.raise_if_any()
    zaaktype.concept = False
    await session.flush()
    await check_overlap(session, zaaktype, "identificatie")
    events.zaaktype_changed(session, ctx, zaaktype.id, zaaktype.catalogus_id, "publish")
    return zaaktype


async def _linked_names(session: AsyncSession, model: Any, zaaktype_id: uuid.UUID) -> list[str]:
    column = model.omschrijving if hasattr(model, "omschrijving") else model.informatieobjecttype
    rows = await session.execute(select(column).where(model.zaaktype_id == zaaktype_id))
    return list(dict.fromkeys(rows.scalars()))
