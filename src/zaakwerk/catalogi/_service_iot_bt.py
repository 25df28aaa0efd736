"""Informatieobjecttypen and besluittypen: versioned by omschrijving within a catalogus (ztc-009, ztc-011b/c,
ztc-013, and the no-overlap rule of ztc-016 applied to their omschrijving)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Executable, delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.catalogi import events
from zaakwerk.catalogi import models as m
from zaakwerk.catalogi._context import CATALOGUSSEN, Ctx
from zaakwerk.catalogi._service_common import (
    catalogus_from_url,
    changed_fields,
    check_geldigheid,
    check_overlap,
    get_or_404,
    guard_delete_published,
    guard_published,
    recompute_object_dates,
    require_superset,
    resolve_names,
)
from zaakwerk.catalogi.schemas import BesluitTypeIn, InformatieObjectTypeIn
from zaakwerk.core.errors import Invalid
from zaakwerk.core.uow import UnitOfWork
from zaakwerk.core.zgw.body import merge_patch

_IOT_PLAIN = (
    "omschrijving",
    "vertrouwelijkheidaanduiding",
    "begin_geldigheid",
    "einde_geldigheid",
    "informatieobjectcategorie",
    "trefwoord",
    "omschrijving_generiek",
)
_BT_PLAIN = (
    "omschrijving",
    "omschrijving_generiek",
    "besluitcategorie",
    "reactietermijn",
    "publicatie_indicatie",
    "publicatietekst",
    "publicatietermijn",
    "toelichting",
    "begin_geldigheid",
    "einde_geldigheid",
)
_FIXED = ("omschrijving", "catalogus", "beginGeldigheid")


def _apply(obj: Any, data: BaseModel, plain: tuple[str, ...]) -> None:
    dumped = data.model_dump(mode="json", by_alias=True)
    fields = type(data).model_fields
    for key in plain:
        value = getattr(data, key) if key.endswith("_geldigheid") else dumped[fields[key].alias or key]
        setattr(obj, key, value)


def _check_update(obj: Any, ctx: Ctx, old: BaseModel, new: BaseModel, partial: bool, extend: str) -> Invalid:
    changed = changed_fields(old, new)
    guard_published(obj, ctx, changed if partial else None)
    inv = Invalid()
    if "catalogus" in changed:
        inv.add("catalogus", "wijzigen-niet-toegestaan", "De catalogus kan niet gewijzigd worden.")
    if not obj.concept:
        before = old.model_dump(by_alias=True, mode="json")
        after = new.model_dump(by_alias=True, mode="json")
        require_superset(inv, extend, before[extend], after[extend])
        for name in _FIXED:
            if name in changed and name != "catalogus":
                inv.add(name, "wijzigen-niet-toegestaan", f"Een correctie kan '{name}' niet wijzigen.")
    return inv


async def _after_change(session: AsyncSession, obj: Any, old_name: str | None) -> None:
    model = type(obj)
    if not obj.concept:
        await check_overlap(session, obj, "omschrijving")
    await recompute_object_dates(session, model, obj.catalogus_id, "omschrijving", obj.omschrijving)
    if old_name is not None and old_name != obj.omschrijving:
        await recompute_object_dates(session, model, obj.catalogus_id, "omschrijving", old_name)


# Notification for a changed informatieobjecttype or besluittype: (session, ctx, id, catalogus id, actie).
_Changed = Callable[[AsyncSession, Ctx, uuid.UUID, uuid.UUID, str], None]


async def _delete(
    uow: UnitOfWork, ctx: Ctx, model: Any, id_: uuid.UUID, changed: _Changed, links: Executable | None = None
) -> None:
    """Delete a concept version (and first its ``links``), then recompute the object dates of its omschrijving."""
    session = uow.session
    obj = await get_or_404(session, model, id_)
    guard_delete_published(obj, ctx)
    catalogus_id, name = obj.catalogus_id, obj.omschrijving
    if links is not None:
        await session.execute(links)
    await session.delete(obj)
    await session.flush()
    await recompute_object_dates(session, model, catalogus_id, "omschrijving", name)
    changed(session, ctx, id_, catalogus_id, "destroy")


async def _publish(uow: UnitOfWork, ctx: Ctx, model: Any, id_: uuid.UUID, changed: _Changed) -> Any:
    """Publish a concept version; its geldigheid may not overlap another published version."""
    session = uow.session
    obj = await get_or_404(session, model, id_)
    if obj.concept:
        obj.concept = False
        await session.flush()
        await check_overlap(session, obj, "omschrijving")
        changed(session, ctx, obj.id, obj.catalogus_id, "publish")
    return obj


# --- informatieobjecttypen -------------------------------------------------------------------------------------


async def create_informatieobjecttype(
    uow: UnitOfWork, ctx: Ctx, data: InformatieObjectTypeIn
) -> m.InformatieObjectType:
    """Create a concept informatieobjecttype (a new version when the omschrijving exists in the catalogus)."""
    session = uow.session
    inv = Invalid()
    catalogus = await catalogus_from_url(session, ctx, data.catalogus, inv)
    check_geldigheid(inv, data.begin_geldigheid, data.einde_geldigheid)
    inv.raise_if_any()
    assert catalogus is not None
    obj = m.InformatieObjectType(id=uuid.uuid4(), catalogus_id=catalogus.id, rsin=catalogus.rsin, concept=True)
    _apply(obj, data, _IOT_PLAIN)
    session.add(obj)
    await session.flush()
    await _after_change(session, obj, None)
    events.informatieobjecttype_changed(session, ctx, obj.id, catalogus.id, "create")
    return obj


def informatieobjecttype_input(ctx: Ctx, obj: m.InformatieObjectType) -> dict[str, Any]:
    values: dict[str, Any] = {k: getattr(obj, k) for k in _IOT_PLAIN}
    values["catalogus"] = ctx.url(CATALOGUSSEN, obj.catalogus_id)
    return InformatieObjectTypeIn.model_validate(values).model_dump(by_alias=True, mode="json")


async def update_informatieobjecttype(
    uow: UnitOfWork, ctx: Ctx, id_: uuid.UUID, data: InformatieObjectTypeIn, *, partial: bool = False
) -> m.InformatieObjectType:
    """PUT (or, with ``partial``, the merged PATCH); ztc-009 for published ones, a correctie only extends
    the trefwoorden."""
    session = uow.session
    obj: m.InformatieObjectType = await get_or_404(session, m.InformatieObjectType, id_)
    old = InformatieObjectTypeIn.model_validate(informatieobjecttype_input(ctx, obj))
    inv = _check_update(obj, ctx, old, data, partial, "trefwoord")
    check_geldigheid(inv, data.begin_geldigheid, data.einde_geldigheid)
    inv.raise_if_any()
    old_name = obj.omschrijving
    _apply(obj, data, _IOT_PLAIN)
    await session.flush()
    await _after_change(session, obj, old_name)
    events.informatieobjecttype_changed(
        session, ctx, obj.id, obj.catalogus_id, "partial_update" if partial else "update"
    )
    return obj


async def patch_informatieobjecttype(
    uow: UnitOfWork, ctx: Ctx, id_: uuid.UUID, patch: dict[str, Any]
) -> m.InformatieObjectType:
    obj: m.InformatieObjectType = await get_or_404(uow.session, m.InformatieObjectType, id_)
    data = merge_patch(InformatieObjectTypeIn, informatieobjecttype_input(ctx, obj), patch)
    return await update_informatieobjecttype(uow, ctx, id_, data, partial=True)


async def delete_informatieobjecttype(uow: UnitOfWork, ctx: Ctx, id_: uuid.UUID) -> None:
    await _delete(uow, ctx, m.InformatieObjectType, id_, events.informatieobjecttype_changed)


async def publish_informatieobjecttype(uow: UnitOfWork, ctx: Ctx, id_: uuid.UUID) -> m.InformatieObjectType:
    """Publish a concept informatieobjecttype; its geldigheid may not overlap another published version."""
    obj: m.InformatieObjectType = await _publish(
        uow, ctx, m.InformatieObjectType, id_, events.informatieobjecttype_changed
    )
    return obj


# --- besluittypen ----------------------------------------------------------------------------------------------


async def _write_iot_links(session: AsyncSession, obj: m.BesluitType, names: list[str]) -> None:
    link = m.BesluitTypeInformatieObjectType
    await session.execute(delete(link).where(link.besluittype_id == obj.id))
    session.add_all(link(besluittype_id=obj.id, omschrijving=n, positie=i) for i, n in enumerate(names))
    await session.flush()


async def create_besluittype(uow: UnitOfWork, ctx: Ctx, data: BesluitTypeIn) -> m.BesluitType:
    """Create a concept besluittype; informatieobjecttypen by omschrijving (ztc-011b), also published ones
    (ztc-011c), all in the same catalogus (ztc-013)."""
    session = uow.session
    inv = Invalid()
    catalogus = await catalogus_from_url(session, ctx, data.catalogus, inv)
    check_geldigheid(inv, data.begin_geldigheid, data.einde_geldigheid)
    names: list[str] = []
    if catalogus is not None:
        names = await resolve_names(
            session,
            ctx,
            data.informatieobjecttypen,
            catalogus.id,
            "informatieobjecttypen",
            "informatieobjecttypen",
            inv,
        )
    inv.raise_if_any()
    assert catalogus is not None
    obj = m.BesluitType(id=uuid.uuid4(), catalogus_id=catalogus.id, rsin=catalogus.rsin, concept=True)
    _apply(obj, data, _BT_PLAIN)
    session.add(obj)
    await session.flush()
    await _write_iot_links(session, obj, names)
    await _after_change(session, obj, None)
    events.besluittype_changed(session, ctx, obj.id, catalogus.id, "create")
    return obj


async def besluittype_input(session: AsyncSession, ctx: Ctx, obj: m.BesluitType) -> dict[str, Any]:
    link = m.BesluitTypeInformatieObjectType
    names = (
        await session.execute(select(link.omschrijving).where(link.besluittype_id == obj.id).order_by(link.positie))
    ).scalars()
    values: dict[str, Any] = {k: getattr(obj, k) for k in _BT_PLAIN}
    values.update(catalogus=ctx.url(CATALOGUSSEN, obj.catalogus_id), informatieobjecttypen=list(names))
    return BesluitTypeIn.model_validate(values).model_dump(by_alias=True, mode="json")


async def update_besluittype(
    uow: UnitOfWork, ctx: Ctx, id_: uuid.UUID, data: BesluitTypeIn, *, partial: bool = False
) -> m.BesluitType:
    """PUT (or the merged PATCH). A change here never makes a new version of a zaaktype (ztc-011b)."""
    session = uow.session
    obj: m.BesluitType = await get_or_404(session, m.BesluitType, id_)
    old = BesluitTypeIn.model_validate(await besluittype_input(session, ctx, obj))
    inv = _check_update(obj, ctx, old, data, partial, "informatieobjecttypen")
    check_geldigheid(inv, data.begin_geldigheid, data.einde_geldigheid)
    inv.raise_if_any()
    names = await resolve_names(
        session,
        ctx,
        data.informatieobjecttypen,
        obj.catalogus_id,
        "informatieobjecttypen",
        "informatieobjecttypen",
        inv,
    )
    inv.raise_if_any()
    old_name = obj.omschrijving
    _apply(obj, data, _BT_PLAIN)
    await session.flush()
    await _write_iot_links(session, obj, names)
    await _after_change(session, obj, old_name)
    events.besluittype_changed(session, ctx, obj.id, obj.catalogus_id, "partial_update" if partial else "update")
    return obj


async def patch_besluittype(uow: UnitOfWork, ctx: Ctx, id_: uuid.UUID, patch: dict[str, Any]) -> m.BesluitType:
    obj: m.BesluitType = await get_or_404(uow.session, m.BesluitType, id_)
    data = merge_patch(BesluitTypeIn, await besluittype_input(uow.session, ctx, obj), patch)
    return await update_besluittype(uow, ctx, id_, data, partial=True)


async def delete_besluittype(uow: UnitOfWork, ctx: Ctx, id_: uuid.UUID) -> None:
    links = delete(m.BesluitTypeInformatieObjectType).where(m.BesluitTypeInformatieObjectType.besluittype_id == id_)
    await _delete(uow, ctx, m.BesluitType, id_, events.besluittype_changed, links)


async def publish_besluittype(uow: UnitOfWork, ctx: Ctx, id_: uuid.UUID) -> m.BesluitType:
    """Publish a concept besluittype; its geldigheid may not overlap another published version."""
    obj: m.BesluitType = await _publish(uow, ctx, m.BesluitType, id_, events.besluittype_changed)
    return obj
