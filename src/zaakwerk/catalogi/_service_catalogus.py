"""Catalogussen: create and change (the standard has no delete); the owning RSIN follows into every type."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.catalogi import models as m
from zaakwerk.catalogi._context import Ctx
from zaakwerk.catalogi._service_common import get_or_404
from zaakwerk.catalogi.schemas import CatalogusIn
from zaakwerk.core.errors import validation_error
from zaakwerk.core.uow import UnitOfWork
from zaakwerk.core.zgw.body import merge_patch

_RSIN_TABLES: tuple[type[Any], ...] = (
    m.ZaakType,
    m.StatusType,
    m.RolType,
    m.Eigenschap,
    m.ResultaatType,
    m.ZaakObjectType,
    m.ZaakTypeInformatieObjectType,
    m.InformatieObjectType,
    m.BesluitType,
)


async def _check_unique(session: AsyncSession, data: CatalogusIn, own_id: uuid.UUID | None) -> None:
    query = select(m.Catalogus.id).where(m.Catalogus.domein == data.domein, m.Catalogus.rsin == data.rsin)
    if own_id is not None:
        query = query.where(m.Catalogus.id != own_id)
    if (await session.execute(query.limit(1))).first() is not None:
        raise validation_error("nonFieldErrors", "unique", "Er bestaat al een catalogus met dit domein en RSIN.")


def _values(data: CatalogusIn) -> dict[str, Any]:
    return data.model_dump()


async def create_catalogus(uow: UnitOfWork, ctx: Ctx, data: CatalogusIn) -> m.Catalogus:
    """Create a catalogus; (domein, rsin) is unique. Returns the new row (flushed, not committed)."""
    await _check_unique(uow.session, data, None)
    catalogus = m.Catalogus(id=uuid.uuid4(), **_values(data))
    uow.session.add(catalogus)
    await uow.session.flush()
    return catalogus


def catalogus_input(ctx: Ctx, catalogus: m.Catalogus) -> dict[str, Any]:
    """The current state in input shape (the base a PATCH is laid over)."""
    return CatalogusIn.model_validate({k: getattr(catalogus, k) for k in CatalogusIn.model_fields}).model_dump(
        by_alias=True, mode="json"
    )


async def update_catalogus(uow: UnitOfWork, ctx: Ctx, id_: uuid.UUID, data: CatalogusIn) -> m.Catalogus:
    """Replace a catalogus's fields (PUT); a changed RSIN is carried into all its types."""
    catalogus: m.Catalogus = await get_or_404(uow.session, m.Catalogus, id_)
    await _check_unique(uow.session, data, id_)
    old_rsin = catalogus.rsin
    for key, value in _values(data).items():
        setattr(catalogus, key, value)
    if catalogus.rsin != old_rsin:
        await _move_rsin(uow.session, id_, catalogus.rsin)
    await uow.session.flush()
    return catalogus


async def patch_catalogus(uow: UnitOfWork, ctx: Ctx, id_: uuid.UUID, patch: dict[str, Any]) -> m.Catalogus:
    catalogus: m.Catalogus = await get_or_404(uow.session, m.Catalogus, id_)
    data = merge_patch(CatalogusIn, catalogus_input(ctx, catalogus), patch)
    return await update_catalogus(uow, ctx, id_, data)


async def _move_rsin(session: AsyncSession, catalogus_id: uuid.UUID, rsin: str) -> None:
    zaaktypen = select(m.ZaakType.id).where(m.ZaakType.catalogus_id == catalogus_id)
    for model in _RSIN_TABLES:
        column = model.catalogus_id if hasattr(model, "catalogus_id") else None
        condition = column == catalogus_id if column is not None else model.zaaktype_id.in_(zaaktypen)
        await session.execute(
            update(model).where(condition).values(rsin=rsin).execution_options(synchronize_session=False)
        )
