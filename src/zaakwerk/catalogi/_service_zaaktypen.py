"""Zaaktypen: create, change, delete and publish, with ztc-001, 009, 011a, 012, 013 and 016."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.catalogi import events
from zaakwerk.catalogi import models as m
from zaakwerk.catalogi._context import CATALOGUSSEN, Ctx
from zaakwerk.catalogi._selectielijst import check_procestype
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
from zaakwerk.catalogi.schemas import ZaakTypeIn
from zaakwerk.core.errors import Invalid
from zaakwerk.core.uow import UnitOfWork
from zaakwerk.core.zgw.body import merge_patch

# Input fields stored as they are (the rest are references resolved by the service).
_PLAIN = (
    "identificatie",
    "omschrijving",
    "omschrijving_generiek",
    "vertrouwelijkheidaanduiding",
    "doel",
    "aanleiding",
    "toelichting",
    "indicatie_intern_of_extern",
    "handeling_initiator",
    "onderwerp",
    "handeling_behandelaar",
    "doorlooptijd",
    "servicenorm",
    "opschorting_en_aanhouding_mogelijk",
    "verlenging_mogelijk",
    "verlengingstermijn",
    "trefwoorden",
    "publicatie_indicatie",
    "publicatietekst",
    "verantwoordingsrelatie",
    "producten_of_diensten",
    "selectielijst_procestype",
    "referentieproces",
    "verantwoordelijke",
    "broncatalogus",
    "bronzaaktype",
    "begin_geldigheid",
    "einde_geldigheid",
)
# What a correctie may only extend (catalogi.geforceerd-schrijven on a published zaaktype).
_EXTEND_ONLY = (
    "besluittypen",
    "deelzaaktypen",
    "gerelateerdeZaaktypen",
    "productenOfDiensten",
    "trefwoorden",
    "verantwoordingsrelatie",
)
# The catalogus never changes; identificatie and beginGeldigheid name a published version, so a correctie
# cannot change them either.
_FIXED = ("identificatie", "catalogus", "beginGeldigheid")


class _Refs:
    """The resolved references of a zaaktype input."""

    def __init__(self, besluittypen: list[str], deelzaaktypen: list[str], relaties: list[tuple[str, str, str]]):
        self.besluittypen = besluittypen
        self.deelzaaktypen = deelzaaktypen
        self.relaties = relaties


async def _validate(
    session: AsyncSession, ctx: Ctx, data: ZaakTypeIn, inv: Invalid
) -> tuple[m.Catalogus | None, _Refs]:
    catalogus = await catalogus_from_url(session, ctx, data.catalogus, inv)
    check_geldigheid(inv, data.begin_geldigheid, data.einde_geldigheid)
    if data.verlenging_mogelijk and not data.verlengingstermijn:
        inv.add("verlengingstermijn", "required", "'verlengingstermijn' is vereist als 'verlengingMogelijk' waar is.")
    await check_procestype(ctx, data.selectielijst_procestype, inv)
    refs = _Refs([], [], [])
    if catalogus is not None:
        refs.besluittypen = await resolve_names(
            session, ctx, data.besluittypen, catalogus.id, "besluittypen", "besluittypen", inv
        )
        refs.deelzaaktypen = await resolve_names(
            session, ctx, data.deelzaaktypen, catalogus.id, "zaaktypen", "deelzaaktypen", inv, data.identificatie
        )
        related = await resolve_names(
            session,
            ctx,
            [r.zaaktype for r in data.gerelateerde_zaaktypen],
            catalogus.id,
            "zaaktypen",
            "gerelateerdeZaaktypen",
            inv,
            data.identificatie,
        )
        if not inv:
            by_ref = dict(zip([r.zaaktype for r in data.gerelateerde_zaaktypen], related, strict=False))
            seen: set[tuple[str, str]] = set()
            for rel in data.gerelateerde_zaaktypen:
                ident = by_ref.get(rel.zaaktype, rel.zaaktype)
                if (ident, rel.aard_relatie.value) not in seen:
                    seen.add((ident, rel.aard_relatie.value))
                    refs.relaties.append((ident, rel.aard_relatie.value, rel.toelichting))
    return catalogus, refs


def _apply(zaaktype: m.ZaakType, data: ZaakTypeIn) -> None:
    dumped = data.model_dump(mode="json", include=set(_PLAIN))
    for key in _PLAIN:
        value = dumped[key]
        if key in ("begin_geldigheid", "einde_geldigheid"):
            value = getattr(data, key)
        setattr(zaaktype, key, value)
    zaaktype.versiedatum = data.versiedatum or data.begin_geldigheid
    # ``link`` is a URL in the spec, not nullable: absent when not given.
    zaaktype.referentieproces = data.referentieproces.model_dump(mode="json", exclude_none=True)


async def _write_links(session: AsyncSession, zaaktype: m.ZaakType, refs: _Refs) -> None:
    for model in (m.ZaakTypeBesluitType, m.ZaakTypeDeelzaaktype, m.ZaakTypeRelatie, m.ZaakTypeTrefwoord):
        await session.execute(delete(model).where(model.zaaktype_id == zaaktype.id))
    session.add_all(
        m.ZaakTypeBesluitType(zaaktype_id=zaaktype.id, omschrijving=o, positie=i)
        for i, o in enumerate(refs.besluittypen)
    )
    session.add_all(
        m.ZaakTypeDeelzaaktype(zaaktype_id=zaaktype.id, identificatie=d, positie=i)
        for i, d in enumerate(refs.deelzaaktypen)
    )
    session.add_all(
        m.ZaakTypeRelatie(zaaktype_id=zaaktype.id, identificatie=ident, aard_relatie=aard, toelichting=t, positie=i)
        for i, (ident, aard, t) in enumerate(refs.relaties)
    )
    session.add_all(
        m.ZaakTypeTrefwoord(zaaktype_id=zaaktype.id, trefwoord=t) for t in dict.fromkeys(zaaktype.trefwoorden)
    )


async def create_zaaktype(uow: UnitOfWork, ctx: Ctx, data: ZaakTypeIn) -> m.ZaakType:
    """Create a concept zaaktype (a new version when the identificatie exists already in the catalogus)."""
    session = uow.session
    inv = Invalid()
    catalogus, refs = await _validate(session, ctx, data, inv)
    inv.raise_if_any()
    assert catalogus is not None
    zaaktype = m.ZaakType(id=uuid.uuid4(), catalogus_id=catalogus.id, rsin=catalogus.rsin, concept=True)
    _apply(zaaktype, data)
    session.add(zaaktype)
    await session.flush()
    await _write_links(session, zaaktype, refs)
    await _after_change(session, zaaktype, None)
    events.zaaktype_changed(session, ctx, zaaktype.id, catalogus.id, "create")
    return zaaktype


async def zaaktype_input(session: AsyncSession, ctx: Ctx, zaaktype: m.ZaakType) -> dict[str, Any]:
    """The current state in input shape (names for the version-independent references)."""
    zid = zaaktype.id
    besluittypen = (
        (
            await session.execute(
                select(m.ZaakTypeBesluitType.omschrijving)
                .where(m.ZaakTypeBesluitType.zaaktype_id == zid)
                .order_by(m.ZaakTypeBesluitType.positie)
            )
        )
        .scalars()
        .all()
    )
    deel = (
        (
            await session.execute(
                select(m.ZaakTypeDeelzaaktype.identificatie)
                .where(m.ZaakTypeDeelzaaktype.zaaktype_id == zid)
                .order_by(m.ZaakTypeDeelzaaktype.positie)
            )
        )
        .scalars()
        .all()
    )
    relaties = (
        (
            await session.execute(
                select(m.ZaakTypeRelatie)
                .where(m.ZaakTypeRelatie.zaaktype_id == zid)
                .order_by(m.ZaakTypeRelatie.positie)
            )
        )
        .scalars()
        .all()
    )
    values: dict[str, Any] = {k: getattr(zaaktype, k) for k in _PLAIN}
    values.update(
        catalogus=ctx.url(CATALOGUSSEN, zaaktype.catalogus_id),
        besluittypen=list(besluittypen),
        deelzaaktypen=list(deel),
        gerelateerde_zaaktypen=[
            {"zaaktype": r.identificatie, "aard_relatie": r.aard_relatie, "toelichting": r.toelichting}
            for r in relaties
        ],
        versiedatum=zaaktype.versiedatum,
    )
    return ZaakTypeIn.model_validate(values).model_dump(by_alias=True, mode="json")


async def update_zaaktype(
    uow: UnitOfWork, ctx: Ctx, id_: uuid.UUID, data: ZaakTypeIn, *, patch: dict[str, Any] | None = None
) -> m.ZaakType:
    """Replace a zaaktype (PUT). ``patch`` is set by :func:`patch_zaaktype` so ztc-009 knows what a PATCH
    touched."""
    session = uow.session
    zaaktype: m.ZaakType = await get_or_404(session, m.ZaakType, id_)
    current = await zaaktype_input(session, ctx, zaaktype)
    inv = Invalid()
    _, refs = await _validate(session, ctx, data, inv)
    # References are compared by what they resolve to: a client echoing the URLs of a GET changes nothing.
    resolved: dict[str, Any] = {
        "besluittypen": refs.besluittypen,
        "deelzaaktypen": refs.deelzaaktypen,
        "gerelateerdeZaaktypen": [
            {"zaaktype": ident, "aardRelatie": aard, "toelichting": toelichting}
            for ident, aard, toelichting in refs.relaties
        ],
    }
    changed = [
        name
        for name in changed_fields(ZaakTypeIn.model_validate(current), data)
        if name not in resolved or resolved[name] != current[name]
    ]
    guard_published(zaaktype, ctx, changed if patch is not None else None)
    if not zaaktype.concept:
        given = data.model_dump(by_alias=True, mode="json")
        for name in _EXTEND_ONLY:
            require_superset(inv, name, current[name], resolved.get(name, given[name]))
    for name in _FIXED:
        if name in changed and (name == "catalogus" or not zaaktype.concept):
            inv.add(name, "wijzigen-niet-toegestaan", f"'{name}' kan niet gewijzigd worden.")
    inv.raise_if_any()
    old_ident = zaaktype.identificatie
    _apply(zaaktype, data)
    await session.flush()
    await _write_links(session, zaaktype, refs)
    await _after_change(session, zaaktype, old_ident)
    events.zaaktype_changed(
        session, ctx, zaaktype.id, zaaktype.catalogus_id, "partial_update" if patch is not None else "update"
    )
    return zaaktype


async def patch_zaaktype(uow: UnitOfWork, ctx: Ctx, id_: uuid.UUID, patch: dict[str, Any]) -> m.ZaakType:
    zaaktype: m.ZaakType = await get_or_404(uow.session, m.ZaakType, id_)
    data = merge_patch(ZaakTypeIn, await zaaktype_input(uow.session, ctx, zaaktype), patch)
    return await update_zaaktype(uow, ctx, id_, data, patch=patch)


async def _after_change(session: AsyncSession, zaaktype: m.ZaakType, old_ident: str | None) -> None:
    if not zaaktype.concept:
        await check_overlap(session, zaaktype, "identificatie")
    await recompute_object_dates(session, m.ZaakType, zaaktype.catalogus_id, "identificatie", zaaktype.identificatie)
    if old_ident is not None and old_ident != zaaktype.identificatie:
        await recompute_object_dates(session, m.ZaakType, zaaktype.catalogus_id, "identificatie", old_ident)


_CHILDREN: tuple[type[Any], ...] = (
    m.ZaakTypeInformatieObjectType,
    m.Eigenschap,
    m.ResultaatType,
    m.RolType,
    m.ZaakObjectType,
    m.StatusType,
)


async def delete_zaaktype(uow: UnitOfWork, ctx: Ctx, id_: uuid.UUID) -> None:
    """Delete a concept zaaktype with all its types (ztc-009: not when published, unless forced)."""
    session = uow.session
    zaaktype: m.ZaakType = await get_or_404(session, m.ZaakType, id_)
    guard_delete_published(zaaktype, ctx)
    for model in _CHILDREN:
        await session.execute(delete(model).where(model.zaaktype_id == id_))
    for link in (m.ZaakTypeBesluitType, m.ZaakTypeDeelzaaktype, m.ZaakTypeRelatie, m.ZaakTypeTrefwoord):
        await session.execute(delete(link).where(link.zaaktype_id == id_))
    catalogus_id, ident = zaaktype.catalogus_id, zaaktype.identificatie
    await session.delete(zaaktype)
    await session.flush()
    await recompute_object_dates(session, m.ZaakType, catalogus_id, "identificatie", ident)
    events.zaaktype_changed(session, ctx, id_, catalogus_id, "destroy")
