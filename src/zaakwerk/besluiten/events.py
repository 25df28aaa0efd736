"""What every Besluiten write leaves behind, in the same transaction as the change: an audit trail row on the
besluit and a notification on the ``besluiten`` kanaal (kenmerken verantwoordelijkeOrganisatie and besluittype).

Services call :func:`besluit_changed` once per changed resource; the notification is delivered from the outbox after
the commit, so a rolled-back write leaves neither.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.besluiten._context import BESLUITEN, Ctx
from zaakwerk.besluiten.models import Besluit
from zaakwerk.core.jobs.outbox import publish
from zaakwerk.core.zgw.audittrail import record

KANAAL = "besluiten"

RESOURCE = {BESLUITEN: "besluit", "besluitinformatieobjecten": "besluitinformatieobject"}
_STATUS = {"create": 201, "update": 200, "partial_update": 200, "destroy": 204}


def kenmerken(ctx: Ctx, besluit: Besluit) -> dict[str, str]:
    return {
        "verantwoordelijkeOrganisatie": besluit.verantwoordelijke_organisatie,
        "besluittype": ctx.catalogi_url("besluittypen", besluit.besluittype_id),
    }


def besluit_changed(
    session: AsyncSession,
    ctx: Ctx,
    besluit: Besluit,
    *,
    collection: str,
    resource_url: str,
    actie: str,
    oud: dict[str, Any] | None = None,
    nieuw: dict[str, Any] | None = None,
    weergave: str = "",
) -> None:
    """Record ``actie`` (create, update, partial_update, destroy) on ``resource_url`` of ``collection`` below
    ``besluit`` in its audit trail and queue the notification."""
    hoofd_object = ctx.besluit_url(besluit.id)
    resource = RESOURCE[collection]
    principal = ctx.principal
    record(
        session,
        bron="brc",
        actie=actie,
        resultaat=_STATUS.get(actie, 200),
        hoofd_object=hoofd_object,
        hoofd_object_uuid=besluit.id,
        resource=resource,
        resource_url=resource_url,
        resource_weergave=weergave or besluit.identificatie,
        oud=oud,
        nieuw=nieuw,
        applicatie_id=str(principal.applicatie),
        applicatie_weergave=principal.label,
        gebruikers_id=principal.user_id,
        gebruikers_weergave=principal.user_representation,
        toelichting=ctx.toelichting,
        rsin=besluit.verantwoordelijke_organisatie,
    )
    publish(
        session,
        kanaal=KANAAL,
        hoofd_object=hoofd_object,
        resource=resource,
        resource_url=resource_url,
        actie=actie,
        kenmerken=kenmerken(ctx, besluit),
    )
