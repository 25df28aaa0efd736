"""What every Documenten write leaves behind, in the same transaction as the change: an audit trail row on the
document and a notification on the ``documenten`` kanaal (kenmerken bronorganisatie, informatieobjecttype,
vertrouwelijkheidaanduiding). A rolled-back write leaves neither.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.core.jobs.outbox import publish
from zaakwerk.core.zgw.audittrail import record
from zaakwerk.documenten._context import Ctx
from zaakwerk.documenten.models import InformatieObjectVersie

KANAAL = "documenten"

RESOURCE = {
    "enkelvoudiginformatieobjecten": "enkelvoudiginformatieobject",
    "gebruiksrechten": "gebruiksrechten",
    "objectinformatieobjecten": "objectinformatieobject",
}
_STATUS = {"create": 201, "update": 200, "partial_update": 200, "destroy": 204}


def kenmerken(ctx: Ctx, versie: InformatieObjectVersie) -> dict[str, str]:
    return {
        "bronorganisatie": versie.bronorganisatie,
        "informatieobjecttype": ctx.catalogi_url("informatieobjecttypen", versie.informatieobjecttype_id),
        "vertrouwelijkheidaanduiding": versie.vertrouwelijkheidaanduiding,
    }


def document_changed(
    session: AsyncSession,
    ctx: Ctx,
    versie: InformatieObjectVersie,
    *,
    collection: str,
    resource_url: str,
    actie: str,
    oud: dict[str, Any] | None = None,
    nieuw: dict[str, Any] | None = None,
    audit: bool = True,
    notify: bool = True,
) -> None:
    """Record ``actie`` on ``resource_url`` of ``collection`` about the document of ``versie`` (its latest version)
    in the document's audit trail and, unless ``notify`` is off, queue the notification."""
    hoofd_object = ctx.document_url(versie.informatieobject_id)
    resource = RESOURCE[collection]
    principal = ctx.principal
    if audit:
        record(
            session,
            bron="drc",
            actie=actie,
            resultaat=_STATUS.get(actie, 200),
            hoofd_object=hoofd_object,
            hoofd_object_uuid=versie.informatieobject_id,
            resource=resource,
            resource_url=resource_url,
            resource_weergave=versie.identificatie,
            oud=oud,
            nieuw=nieuw,
            applicatie_id=str(principal.applicatie),
            applicatie_weergave=principal.label,
            gebruikers_id=principal.user_id,
            gebruikers_weergave=principal.user_representation,
            toelichting=ctx.toelichting,
            rsin=versie.bronorganisatie,
        )
    if notify:
        publish(
            session,
            kanaal=KANAAL,
            hoofd_object=hoofd_object,
            resource=resource,
            resource_url=resource_url,
            actie=actie,
            kenmerken=kenmerken(ctx, versie),
        )
