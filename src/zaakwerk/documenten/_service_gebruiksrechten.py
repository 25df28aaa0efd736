"""Gebruiksrechten: conditions on the use of a document other than reading it.

drc-006: creating gebruiksrechten sets ``indicatieGebruiksrecht`` of the document (its latest version) to true;
deleting the last sets it back to null. The document of a gebruiksrecht cannot change.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.core.errors import Invalid, not_found
from zaakwerk.core.zgw.body import merge_patch
from zaakwerk.documenten import access, events
from zaakwerk.documenten._context import GEBRUIKSRECHTEN, Ctx
from zaakwerk.documenten._read import gebruiksrechten_dict
from zaakwerk.documenten._service_objecten import latest_version
from zaakwerk.documenten.models import Gebruiksrechten, InformatieObjectVersie
from zaakwerk.documenten.schemas import GebruiksrechtenIn


def _check_period(data: GebruiksrechtenIn, inv: Invalid) -> None:
    if data.einddatum is not None and data.einddatum < data.startdatum:
        inv.add("einddatum", "einddatum-voor-startdatum", "De einddatum ligt vóór de startdatum.")


def _record(
    session: AsyncSession,
    ctx: Ctx,
    versie: InformatieObjectVersie,
    url: str,
    actie: str,
    oud: dict[str, Any] | None,
    nieuw: dict[str, Any] | None,
) -> None:
    events.document_changed(
        session, ctx, versie, collection=GEBRUIKSRECHTEN, resource_url=url, actie=actie, oud=oud, nieuw=nieuw
    )


async def create_gebruiksrechten(session: AsyncSession, ctx: Ctx, data: GebruiksrechtenIn) -> Gebruiksrechten:
    inv = Invalid()
    document_id = ctx.document_uuid(data.informatieobject)
    versie = await latest_version(session, document_id) if document_id is not None else None
    if versie is None:
        inv.add("informatieobject", "bad-url", "Het informatieobject bestaat niet in deze Documenten API.")
    _check_period(data, inv)
    inv.raise_if_any()
    assert versie is not None and document_id is not None
    access.check(ctx.principal, (access.AANMAKEN,), versie.informatieobjecttype_id, versie.vertrouwelijkheidaanduiding)
    obj = Gebruiksrechten(
        rsin=versie.bronorganisatie,
        informatieobject_id=document_id,
        startdatum=data.startdatum,
        einddatum=data.einddatum,
        omschrijving_voorwaarden=data.omschrijving_voorwaarden,
    )
    session.add(obj)
    # drc-006
    versie.indicatie_gebruiksrecht = True
    await session.flush()
    nieuw = gebruiksrechten_dict(ctx.base_url, obj)
    _record(session, ctx, versie, nieuw["url"], "create", None, nieuw)
    return obj


async def _get(session: AsyncSession, id_: uuid.UUID) -> tuple[Gebruiksrechten, InformatieObjectVersie]:
    obj = await session.get(Gebruiksrechten, id_)
    if obj is None:
        raise not_found()
    versie = await latest_version(session, obj.informatieobject_id)
    assert versie is not None
    return obj, versie


async def update_gebruiksrechten(
    session: AsyncSession, ctx: Ctx, id_: uuid.UUID, data: GebruiksrechtenIn | dict[str, Any]
) -> Gebruiksrechten:
    """PUT (``data`` a full body) or PATCH (the given fields)."""
    obj, versie = await _get(session, id_)
    access.check(ctx.principal, (access.BIJWERKEN,), versie.informatieobjecttype_id, versie.vertrouwelijkheidaanduiding)
    oud = gebruiksrechten_dict(ctx.base_url, obj)
    actie = "update"
    if isinstance(data, dict):
        data, actie = merge_patch(GebruiksrechtenIn, oud, data), "partial_update"
    inv = Invalid()
    if ctx.document_uuid(data.informatieobject) != obj.informatieobject_id:
        inv.add("informatieobject", "wijzigen-niet-toegelaten", "Het informatieobject kan niet gewijzigd worden.")
    _check_period(data, inv)
    inv.raise_if_any()
    obj.startdatum = data.startdatum
    obj.einddatum = data.einddatum
    obj.omschrijving_voorwaarden = data.omschrijving_voorwaarden
    await session.flush()
    nieuw = gebruiksrechten_dict(ctx.base_url, obj)
    _record(session, ctx, versie, nieuw["url"], actie, oud, nieuw)
    return obj


async def delete_gebruiksrechten(session: AsyncSession, ctx: Ctx, id_: uuid.UUID) -> None:
    obj, versie = await _get(session, id_)
    access.check(
        ctx.principal, (access.VERWIJDEREN,), versie.informatieobjecttype_id, versie.vertrouwelijkheidaanduiding
    )
    oud = gebruiksrechten_dict(ctx.base_url, obj)
    await session.delete(obj)
    await session.flush()
    remaining = select(exists().where(Gebruiksrechten.informatieobject_id == obj.informatieobject_id))
    if not (await session.execute(remaining)).scalar():
        # drc-006: the last one is gone, so the conditions are unknown again.
        versie.indicatie_gebruiksrecht = None
        await session.flush()
    _record(session, ctx, versie, oud["url"], "destroy", oud, None)
