"""Besluiten: the one write path of a besluit (API, werkplek, automation), with every brc rule on it.

brc-001 (a published besluittype of ours, never changed), brc-002 (identificatie unique per verantwoordelijke
organisatie, generated when absent; neither changes), brc-006 (the zaakbesluit mirror, see ``_zaakbesluit``),
brc-007 (the besluittype belongs to the zaak's zaaktype) and brc-009 (destroying removes the besluit, its
besluitinformatieobjecten with their mirrors and its audit trail for real). As the rule text says, the zaak of a
besluit cannot be changed by an update (a besluit belongs to the zaak it was taken in); a destroyed zaak leaves its
besluiten without one.

Services never commit: the caller's unit of work does, once.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.besluiten import _identificatie, _zaakbesluit, access, events
from zaakwerk.besluiten._context import BESLUITEN, CATALOGI_PREFIX, ZAKEN_PREFIX, Ctx
from zaakwerk.besluiten._read import ReadCtx, besluit_dict
from zaakwerk.besluiten._regels import NIET_GEWIJZIGD, besluittype_of, check_besluittype_in_zaaktype, zaak_of
from zaakwerk.besluiten.models import Besluit, BesluitInformatieObject
from zaakwerk.besluiten.schemas import BesluitIn
from zaakwerk.core.errors import Invalid, not_found, validation_error
from zaakwerk.core.zgw.audittrail import AuditTrail
from zaakwerk.core.zgw.body import merge_patch
from zaakwerk.zaken import koppelvlak

_VALUES = (
    "datum",
    "toelichting",
    "bestuursorgaan",
    "ingangsdatum",
    "vervaldatum",
    "publicatiedatum",
    "verzenddatum",
    "uiterlijke_reactiedatum",
)


def besluit_data(ctx: Ctx, besluit: Besluit) -> dict[str, Any]:
    """The besluit as a GET shows it (what the audit trail records)."""
    return besluit_dict(ReadCtx(ctx.base_url), besluit)


def current_input(ctx: Ctx, besluit: Besluit) -> dict[str, Any]:
    """The besluit as a PUT body (what a PATCH is laid over)."""
    data = besluit_data(ctx, besluit)
    data.pop("url")
    data.pop("vervalredenWeergave", None)
    data["zaak"] = data["zaak"] or None
    return data


def _set_values(besluit: Besluit, data: BesluitIn) -> None:
    for name in _VALUES:
        setattr(besluit, name, getattr(data, name))
    besluit.vervalreden = data.vervalreden.value if data.vervalreden else ""


async def _flush_unique(session: AsyncSession) -> None:
    """A flush that turns a lost race on the (organisation, identificatie) constraint into brc-002's 400."""
    try:
        await session.flush()
    except IntegrityError:
        raise validation_error(
            "identificatie", _identificatie.NIET_UNIEK, "Deze identificatie bestaat al binnen de organisatie."
        ) from None


async def create_besluit(session: AsyncSession, ctx: Ctx, data: BesluitIn) -> Besluit:
    """besluit_create: brc-001, brc-002, brc-006, brc-007."""
    inv = Invalid()
    besluittype_id = await besluittype_of(session, ctx, data.besluittype, inv)
    if besluittype_id is not None:
        access.check(ctx.principal, access.AANMAKEN, besluittype_id)
    zaak = await zaak_of(session, ctx, data.zaak, inv)
    if zaak is not None and besluittype_id is not None:
        await check_besluittype_in_zaaktype(session, zaak, besluittype_id, inv)
    organisatie = data.verantwoordelijke_organisatie
    if data.identificatie and await _identificatie.bezet(session, organisatie, data.identificatie):
        inv.add("identificatie", _identificatie.NIET_UNIEK, "Deze identificatie bestaat al binnen de organisatie.")
    inv.raise_if_any()
    assert besluittype_id is not None
    identificatie = data.identificatie or await _identificatie.genereer(session, ctx.settings, organisatie)
    besluit = Besluit(
        identificatie=identificatie,
        verantwoordelijke_organisatie=organisatie,
        besluittype_id=besluittype_id,
        zaak_id=zaak.id if zaak is not None else None,
    )
    _set_values(besluit, data)
    session.add(besluit)
    await _flush_unique(session)
    if zaak is not None:
        await _zaakbesluit.koppel(session, ctx, zaak, besluit.id)
    nieuw = besluit_data(ctx, besluit)
    events.besluit_changed(
        session, ctx, besluit, collection=BESLUITEN, resource_url=nieuw["url"], actie="create", nieuw=nieuw
    )
    return besluit


async def _existing(session: AsyncSession, ctx: Ctx, id_: uuid.UUID, scope: str) -> Besluit:
    """The besluit (locked), after the check of ``scope`` on its besluittype."""
    besluit = await session.get(Besluit, id_, with_for_update=True)
    if besluit is None:
        raise not_found()
    access.check(ctx.principal, scope, besluit.besluittype_id)
    return besluit


async def update_besluit(session: AsyncSession, ctx: Ctx, id_: uuid.UUID, data: BesluitIn) -> Besluit:
    """besluit_update (PUT)."""
    besluit = await _existing(session, ctx, id_, access.BIJWERKEN)
    return await _change(session, ctx, besluit, data, "update")


async def patch_besluit(session: AsyncSession, ctx: Ctx, id_: uuid.UUID, patch: dict[str, Any]) -> Besluit:
    """besluit_partial_update (PATCH): the given fields over the current ones, then the same rules as PUT."""
    besluit = await _existing(session, ctx, id_, access.BIJWERKEN)
    data = merge_patch(BesluitIn, current_input(ctx, besluit), patch)
    return await _change(session, ctx, besluit, data, "partial_update")


async def _change(session: AsyncSession, ctx: Ctx, besluit: Besluit, data: BesluitIn, actie: str) -> Besluit:
    inv = Invalid()
    if ctx.uuid_of(data.besluittype, f"{CATALOGI_PREFIX}/besluittypen") != besluit.besluittype_id:
        inv.add("besluittype", NIET_GEWIJZIGD, "Het besluittype van een besluit kan niet gewijzigd worden.")
    if data.identificatie and data.identificatie != besluit.identificatie:
        inv.add("identificatie", NIET_GEWIJZIGD, "De identificatie van een besluit kan niet gewijzigd worden.")
    if data.verantwoordelijke_organisatie != besluit.verantwoordelijke_organisatie:
        inv.add(
            "verantwoordelijkeOrganisatie",
            NIET_GEWIJZIGD,
            "De verantwoordelijke organisatie van een besluit kan niet gewijzigd worden.",
        )
    zaak_id = ctx.uuid_of(data.zaak, f"{ZAKEN_PREFIX}/zaken") if data.zaak else None
    if zaak_id != besluit.zaak_id or (data.zaak and zaak_id is None):
        inv.add("zaak", NIET_GEWIJZIGD, "De zaak van een besluit kan niet gewijzigd worden (brc-006).")
    inv.raise_if_any()
    oud = besluit_data(ctx, besluit)
    _set_values(besluit, data)
    await session.flush()
    nieuw = besluit_data(ctx, besluit)
    events.besluit_changed(
        session, ctx, besluit, collection=BESLUITEN, resource_url=nieuw["url"], actie=actie, oud=oud, nieuw=nieuw
    )
    return besluit


async def delete_besluit(session: AsyncSession, ctx: Ctx, id_: uuid.UUID) -> None:
    """besluit_destroy, brc-009: the besluit, its besluitinformatieobjecten (their objectinformatieobjecten in the
    Documenten API too) and its audit trail are removed for real, and its zaakbesluit with them. One ``destroy``
    entry remains in the trail (without the besluit's data) as the record of who destroyed it."""
    besluit = await _existing(session, ctx, id_, access.VERWIJDEREN)
    url = ctx.besluit_url(besluit.id)
    informatieobjecten = (
        await session.scalars(
            select(BesluitInformatieObject.informatieobject).where(BesluitInformatieObject.besluit_id == besluit.id)
        )
    ).all()
    documenten = koppelvlak.documenten()
    if documenten is not None:
        for informatieobject in informatieobjecten:
            await documenten.besluit_ontkoppeld(session, informatieobject, url)
    if besluit.zaak_id is not None:
        await _zaakbesluit.ontkoppel(session, ctx, besluit.zaak_id, besluit.id)
    await session.execute(delete(AuditTrail).where(AuditTrail.hoofd_object_uuid == besluit.id))
    await session.delete(besluit)
    await session.flush()
    events.besluit_changed(session, ctx, besluit, collection=BESLUITEN, resource_url=url, actie="destroy")
