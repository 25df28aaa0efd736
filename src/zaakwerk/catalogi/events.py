"""Notifications of the Catalogi API, queued in the outbox in the same transaction as the change.

Kanalen as the spec documents them: ``zaaktypen`` (hoofdobject zaaktype; its statustypen, roltypen, ... are
published under their zaaktype), ``informatieobjecttypen`` and ``besluittypen``; kenmerk ``catalogus``.
Catalogussen have no kanaal in the standard and publish nothing.
"""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.catalogi._context import BESLUITTYPEN, CATALOGUSSEN, INFORMATIEOBJECTTYPEN, ZAAKTYPEN, Ctx
from zaakwerk.core.jobs.outbox import publish

KANALEN = (ZAAKTYPEN, INFORMATIEOBJECTTYPEN, BESLUITTYPEN)

# collection → the resource name used in notifications
_RESOURCE = {
    "zaaktypen": "zaaktype",
    "statustypen": "statustype",
    "roltypen": "roltype",
    "resultaattypen": "resultaattype",
    "eigenschappen": "eigenschap",
    "zaaktype-informatieobjecttypen": "zaaktypeinformatieobjecttype",
    "zaakobjecttypen": "zaakobjecttype",
    "informatieobjecttypen": "informatieobjecttype",
    "besluittypen": "besluittype",
}


def _publish(
    session: AsyncSession,
    ctx: Ctx,
    kanaal: str,
    hoofd_id: uuid.UUID,
    collection: str,
    id_: uuid.UUID,
    actie: str,
    catalogus_id: uuid.UUID,
) -> None:
    publish(
        session,
        kanaal=kanaal,
        hoofd_object=ctx.url(kanaal, hoofd_id),
        resource=_RESOURCE[collection],
        resource_url=ctx.url(collection, id_),
        actie=actie,
        kenmerken={"catalogus": ctx.url(CATALOGUSSEN, catalogus_id)},
    )


def zaaktype_changed(
    session: AsyncSession,
    ctx: Ctx,
    zaaktype_id: uuid.UUID,
    catalogus_id: uuid.UUID,
    actie: str,
    *,
    collection: str = ZAAKTYPEN,
    id_: uuid.UUID | None = None,
) -> None:
    """A zaaktype or one of its types (``collection``/``id_``) was created, changed, deleted or published."""
    _publish(session, ctx, ZAAKTYPEN, zaaktype_id, collection, id_ or zaaktype_id, actie, catalogus_id)


def informatieobjecttype_changed(
    session: AsyncSession, ctx: Ctx, id_: uuid.UUID, catalogus_id: uuid.UUID, actie: str
) -> None:
    _publish(session, ctx, INFORMATIEOBJECTTYPEN, id_, INFORMATIEOBJECTTYPEN, id_, actie, catalogus_id)


def besluittype_changed(session: AsyncSession, ctx: Ctx, id_: uuid.UUID, catalogus_id: uuid.UUID, actie: str) -> None:
    _publish(session, ctx, BESLUITTYPEN, id_, BESLUITTYPEN, id_, actie, catalogus_id)
