"""Destroying a zaak (zrc-023): the zaak, its deelzaken and everything below them, for real, in one transaction
with the documents' mirrors."""

from __future__ import annotations

import uuid

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.core.zgw.audittrail import AuditTrail
from zaakwerk.zaken import access, events, koppelvlak
from zaakwerk.zaken._context import ZAKEN, Ctx
from zaakwerk.zaken._service_zaken import _zaak_for_write
from zaakwerk.zaken.models import Zaak, ZaakInformatieObject


async def delete_zaak(session: AsyncSession, ctx: Ctx, id_: uuid.UUID, *, toelichting: str = "") -> None:
    """zaak_destroy, zrc-023 (zaak side): the zaak, its deelzaken and everything below them (statussen, rollen,
    ...: foreign keys ON DELETE CASCADE) and their audit trails are removed for real. One ``destroy`` entry per
    removed zaak remains in the trail (without the zaak's data) as the record of who destroyed it, and each is
    announced on the ``zaken`` kanaal. Handed-out identificaties stay recorded, so they are never reused. The
    documents' side (zrc-023 footnote): the objectinformatieobjecten mirroring the removed zaakinformatieobjecten go
    in the same transaction, so the documents can be destroyed afterwards (drc-008)."""
    zaak = await _zaak_for_write(session, ctx, id_)
    access.check(ctx.principal, access.VERWIJDEREN, zaak.zaaktype_id, zaak.vertrouwelijkheidaanduiding)
    deelzaken = list((await session.execute(select(Zaak).where(Zaak.hoofdzaak_id == zaak.id))).scalars())
    ids = [zaak.id, *(d.id for d in deelzaken)]
    documenten = koppelvlak.documenten()
    if documenten is not None:
        zio = ZaakInformatieObject
        links = await session.execute(select(zio.zaak_id, zio.informatieobject).where(zio.zaak_id.in_(ids)))
        for zaak_id, informatieobject in links.all():
            await documenten.zaak_ontkoppeld(session, informatieobject, ctx.zaak_url(zaak_id))
    await session.execute(delete(AuditTrail).where(AuditTrail.hoofd_object_uuid.in_(ids)))
    await session.execute(delete(Zaak).where(Zaak.id.in_(ids)), execution_options={"synchronize_session": False})
    for removed in (*deelzaken, zaak):
        session.expunge(removed)
        events.zaak_changed(
            session, ctx, removed, collection=ZAKEN, resource_url=ctx.zaak_url(removed.id), actie="destroy",
            toelichting=toelichting,
        )  # fmt: skip
