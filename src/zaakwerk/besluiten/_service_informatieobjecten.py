"""Besluitinformatieobjecten: the besluit side of its links to documents (brc-003, brc-004, brc-005, brc-008).

The documents belong to the Documenten component; they are reached only through
:func:`zaakwerk.zaken.koppelvlak.documenten`. Without a registered implementation a link cannot be checked, so it is
refused (400 on ``informatieobject``, code ``geen-documenten-api``). brc-004: the relation's aard is always
``legt_vast`` (the object type is ``besluit``); the 1.1.0 resource does not show it, so nothing is stored for it.

A link is a change of the besluit: it needs ``besluiten.aanmaken`` (create) or ``besluiten.verwijderen`` (delete)
for the besluit's besluittype, and leaves an audit trail row on the besluit and a notification.
"""

from __future__ import annotations

import uuid

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.besluiten import access, events
from zaakwerk.besluiten._context import BESLUITEN, BESLUITINFORMATIEOBJECTEN, CATALOGI_PREFIX, PREFIX, Ctx
from zaakwerk.besluiten._read import ReadCtx, bio_dict
from zaakwerk.besluiten._regels import BAD_URL, DOES_NOT_EXIST
from zaakwerk.besluiten.models import Besluit, BesluitInformatieObject
from zaakwerk.besluiten.schemas import BesluitInformatieObjectIn
from zaakwerk.catalogi.models import BesluitType, BesluitTypeInformatieObjectType, InformatieObjectType
from zaakwerk.core.errors import Invalid, not_found
from zaakwerk.zaken import koppelvlak

GEEN_DOCUMENTEN_API = (
    "Deze installatie heeft (nog) geen Documenten API; een informatieobject kan daarom niet gecontroleerd en niet "
    "aan een besluit gekoppeld worden."
)


async def _iot_in_besluittype(session: AsyncSession, ctx: Ctx, besluittype_id: uuid.UUID, iot_url: str) -> bool:
    """brc-008: the informatieobjecttype is one of the besluittype's (linked by omschrijving within its
    catalogus)."""
    iot_id = ctx.uuid_of(iot_url, f"{CATALOGI_PREFIX}/informatieobjecttypen")
    if iot_id is None:
        return False
    link = BesluitTypeInformatieObjectType
    query = select(
        exists()
        .where(
            link.besluittype_id == besluittype_id, BesluitType.id == besluittype_id, InformatieObjectType.id == iot_id
        )
        .where(
            link.omschrijving == InformatieObjectType.omschrijving,
            InformatieObjectType.catalogus_id == BesluitType.catalogus_id,
        )
    )
    return bool((await session.execute(query)).scalar())


async def create_besluitinformatieobject(
    session: AsyncSession, ctx: Ctx, data: BesluitInformatieObjectIn
) -> BesluitInformatieObject:
    inv = Invalid()
    besluit_id = ctx.uuid_of(data.besluit, f"{PREFIX}/{BESLUITEN}")
    besluit = await session.get(Besluit, besluit_id, with_for_update=True) if besluit_id is not None else None
    if besluit_id is None:
        inv.add("besluit", BAD_URL, "De URL verwijst niet naar een besluit van deze Besluiten API.")
    elif besluit is None:
        inv.add("besluit", DOES_NOT_EXIST, "Het besluit bestaat niet.")
    else:
        access.check(ctx.principal, access.AANMAKEN, besluit.besluittype_id)
    documenten = koppelvlak.documenten()
    if documenten is None:
        inv.add("informatieobject", "geen-documenten-api", GEEN_DOCUMENTEN_API)
    else:
        informatieobject = await documenten.informatieobject(session, data.informatieobject)
        if informatieobject is None:
            inv.add("informatieobject", BAD_URL, "Het informatieobject bestaat niet.")
        elif besluit is not None and not await _iot_in_besluittype(
            session, ctx, besluit.besluittype_id, informatieobject.informatieobjecttype
        ):
            inv.add(
                "informatieobject",
                "missing-besluittype-informatieobjecttype-relation",
                "Het informatieobjecttype van het informatieobject hoort niet bij het besluittype van het besluit.",
            )
    if besluit is not None:
        taken = exists().where(
            BesluitInformatieObject.besluit_id == besluit.id,
            BesluitInformatieObject.informatieobject == data.informatieobject,
        )
        if (await session.execute(select(taken))).scalar():
            inv.add("nonFieldErrors", "unique", "Dit informatieobject is al aan dit besluit gekoppeld.")
    inv.raise_if_any()
    assert besluit is not None and documenten is not None
    obj = BesluitInformatieObject(
        rsin=besluit.verantwoordelijke_organisatie, besluit_id=besluit.id, informatieobject=data.informatieobject
    )
    session.add(obj)
    await session.flush()
    # brc-005: the objectinformatieobject in the Documenten API, in this same transaction.
    await documenten.besluit_gekoppeld(session, data.informatieobject, ctx.besluit_url(besluit.id))
    nieuw = bio_dict(ReadCtx(ctx.base_url), obj)
    events.besluit_changed(
        session,
        ctx,
        besluit,
        collection=BESLUITINFORMATIEOBJECTEN,
        resource_url=nieuw["url"],
        actie="create",
        nieuw=nieuw,
    )
    return obj


async def delete_besluitinformatieobject(session: AsyncSession, ctx: Ctx, id_: uuid.UUID) -> None:
    """Removes the mirrored objectinformatieobject too (brc-005), in the same transaction."""
    obj = await session.get(BesluitInformatieObject, id_)
    if obj is None:
        raise not_found()
    besluit = await session.get(Besluit, obj.besluit_id, with_for_update=True)
    assert besluit is not None  # the link's foreign key cascades from the besluit
    access.check(ctx.principal, access.VERWIJDEREN, besluit.besluittype_id)
    oud = bio_dict(ReadCtx(ctx.base_url), obj)
    await session.delete(obj)
    await session.flush()
    documenten = koppelvlak.documenten()
    if documenten is not None:
        await documenten.besluit_ontkoppeld(session, obj.informatieobject, ctx.besluit_url(besluit.id))
    events.besluit_changed(
        session, ctx, besluit, collection=BESLUITINFORMATIEOBJECTEN, resource_url=oud["url"], actie="destroy", oud=oud
    )
